import { Button, Checkbox, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { LegalActionDto, LegalCostBody } from '@relance/contracts/legal-actions';
import { parseHundredths } from '@relance/domain/money';
import { type FormEvent, useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useRecordLegalCost } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';

const items = ['greffe_fee', 'service_of_order', 'petites_creances_fee', 'commandement_de_payer', 'saisie_attribution', 'other'] as const;
type CostItem = (typeof items)[number];

/**
 * Records a court fee or a commissaire's cost advanced on the action, and who bears it: the
 * creditor under the mandate, or the debtor — only once the case holds an enforceable title
 * (CPCE L111-8 al. 1; the server refuses it otherwise and says why).
 */
export function CostForm({ action, today }: { action: Pick<LegalActionDto, 'id' | 'dates'>; today: string }) {
  const t = useT(legalMessages);
  const record = useRecordLegalCost(action.id);
  const [item, setItem] = useState<CostItem>('greffe_fee');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today);
  const [borneBy, setBorneBy] = useState<'creditor' | 'debtor'>('creditor');
  const [advanced, setAdvanced] = useState(true);
  const cents = parseHundredths(amount);
  const valid = (cents ?? 0) > 0 && /^\d{4}-\d{2}-\d{2}$/.test(date);
  const titled = action.dates.titleOn !== null;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!valid || cents === null) return;
    const body: LegalCostBody = {
      item,
      description: description.trim() || t(`legal.costItems.${item}`),
      amountCents: cents,
      incurredOn: date,
      borneBy,
      advancedByAgency: advanced,
    };
    record.mutate(body, {
      onSuccess: () => {
        setAmount('');
        setDescription('');
        notifications.show({ color: 'teal', message: t('legal.costRecorded') });
      },
    });
  }

  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate data-testid="legal-cost-form">
      <Stack gap="xs">
        <Title order={6}>{t('legal.costAdd')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select
            label={t('legal.costItem')}
            data={items.map((value) => ({ value, label: t(`legal.costItems.${value}`) }))}
            value={item}
            onChange={(value) => setItem((value ?? 'other') as CostItem)}
            allowDeselect={false}
            data-testid="legal-cost-item"
          />
          <TextInput label={t('legal.costDescription')} value={description} onChange={(event) => setDescription(event.currentTarget.value)} maxLength={500} />
          <TextInput
            label={t('legal.costAmount')}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(event) => setAmount(event.currentTarget.value)}
            error={amount.trim() !== '' && !(cents && cents > 0) ? t('legal.invalid') : null}
            required
            data-testid="legal-cost-amount"
          />
          <DateField label={t('legal.costDate')} value={date} max={today} onChange={(event) => setDate(event.currentTarget.value)} required />
        </SimpleGrid>
        <Group justify="space-between" align="flex-end">
          <Bearer titled={titled} borneBy={borneBy} setBorneBy={setBorneBy} advanced={advanced} setAdvanced={setAdvanced} />
          <Button size="xs" loading={record.isPending} disabled={!valid} onClick={() => submit()} data-testid="legal-cost-submit">
            {t('legal.costSave')}
          </Button>
        </Group>
        {record.isError && <ErrorState error={record.error} />}
      </Stack>
    </Paper>
  );
}

/** Who bears the cost (the debtor only with a title, L111-8) and whether the agency advanced it. */
function Bearer(props: { titled: boolean; borneBy: 'creditor' | 'debtor'; setBorneBy: (value: 'creditor' | 'debtor') => void; advanced: boolean; setAdvanced: (value: boolean) => void }) {
  const t = useT(legalMessages);
  return (
    <Stack gap={4}>
      <SegmentedControl
        size="xs"
        value={props.borneBy}
        onChange={(value) => props.setBorneBy(value as 'creditor' | 'debtor')}
        data={[
          { value: 'creditor', label: t('legal.borne.creditor') },
          { value: 'debtor', label: t('legal.borne.debtor'), disabled: !props.titled },
        ]}
        aria-label={t('legal.costBorneBy')}
      />
      <Checkbox size="xs" label={t('legal.advanced')} checked={props.advanced} onChange={(event) => props.setAdvanced(event.currentTarget.checked)} />
      {!props.titled && (
        <Text size="xs" c="dimmed">
          {t('legal.costDebtorNeedsTitle')}
        </Text>
      )}
    </Stack>
  );
}
