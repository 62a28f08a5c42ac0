import { Button, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { plansMessages } from '../messages.ts';
import { type Fields, type Frequency, frequencies, optionalCents, type PlanProposal } from './usePlanProposal.ts';

type AmountName = 'total' | 'downPayment' | 'installmentAmount' | 'discount';

/** The proposal's fields: amounts, schedule (by count or by instalment amount), note. */
export function PlanProposalForm({
  proposal,
  currency,
  balanceCents,
  today,
}: {
  proposal: PlanProposal;
  currency: string;
  balanceCents: number | undefined;
  today: string;
}) {
  const t = useT(plansMessages);
  const money = (cents: number) => formatMoney(cents, currency, t.locale);
  const { fields, set, body, propose, submit } = proposal;

  return (
    <form onSubmit={submit} noValidate data-testid="plan-form">
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <AmountField
            proposal={proposal}
            currency={currency}
            name="total"
            label={t('plan.total')}
            testId="plan-total"
            placeholder={balanceCents !== undefined ? money(balanceCents) : undefined}
            fallbackDescription={balanceCents !== undefined ? t('plan.totalHelp', { amount: money(balanceCents) }) : undefined}
          />
          <AmountField proposal={proposal} currency={currency} name="downPayment" label={t('plan.downPayment')} testId="plan-down-payment" />
        </SimpleGrid>
        <ScheduleFields proposal={proposal} currency={currency} today={today} />
        <TextInput
          label={t('plan.note')}
          value={fields.note}
          maxLength={2000}
          onChange={(event) => set('note', event.currentTarget.value)}
          data-testid="plan-note"
        />
        {propose.isError && <ErrorState error={propose.error} />}
        <Button type="submit" disabled={!body} loading={propose.isPending} data-testid="plan-submit" style={{ alignSelf: 'flex-end' }}>
          {t('plan.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** How the balance is spread: by number of instalments or by instalment amount, how often, from when, with what discount. */
function ScheduleFields({ proposal, currency, today }: { proposal: PlanProposal; currency: string; today: string }) {
  const t = useT(plansMessages);
  const { fields, set } = proposal;
  const amount = (name: AmountName, label: string, testId: string) => (
    <AmountField proposal={proposal} currency={currency} name={name} label={label} testId={testId} />
  );
  return (
    <>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('plan.mode')}
          </Text>
          <SegmentedControl
            size="xs"
            value={fields.mode}
            onChange={(value) => set('mode', value as Fields['mode'])}
            data={[
              { value: 'count', label: t('plan.mode.count') },
              { value: 'amount', label: t('plan.mode.amount') },
            ]}
            data-testid="plan-mode"
          />
        </Stack>
        <SimpleGrid cols={2} spacing="sm">
          {fields.mode === 'count' ? (
            <TextInput
              label={t('plan.count')}
              inputMode="numeric"
              autoComplete="off"
              value={fields.count}
              onChange={(event) => set('count', event.currentTarget.value)}
              error={proposal.invalid.has('count') ? '1 – 600' : undefined}
              data-testid="plan-count"
            />
          ) : (
            amount('installmentAmount', t('plan.installmentAmount'), 'plan-installment-amount')
          )}
          <NativeSelect
            label={t('plan.frequency')}
            value={fields.frequency}
            onChange={(event) => set('frequency', event.currentTarget.value as Frequency)}
            data={frequencies.map((value) => ({ value, label: t.dyn(`plan.frequency.${value}`, value) }))}
            data-testid="plan-frequency"
          />
          <DateField
            label={t('plan.firstDate')}
            value={fields.firstDate}
            min={today}
            onChange={(event) => set('firstDate', event.currentTarget.value)}
            data-testid="plan-first-date"
          />
          {amount('discount', t('plan.discount'), 'plan-discount')}
        </SimpleGrid>
    </>
  );
}

/** An optional amount in euros: the typed amount is read back formatted under the field. */
function AmountField({
  proposal: { fields, set, invalid },
  currency,
  name,
  label,
  testId,
  placeholder,
  fallbackDescription,
}: {
  proposal: PlanProposal;
  currency: string;
  name: AmountName;
  label: string;
  testId: string;
  placeholder?: string;
  fallbackDescription?: string;
}) {
  const t = useT(plansMessages);
  const cents = optionalCents(fields[name]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      description={(cents ? formatMoney(cents, currency, t.locale) : undefined) ?? fallbackDescription}
      inputMode="decimal"
      autoComplete="off"
      value={fields[name]}
      onChange={(event) => set(name, event.currentTarget.value)}
      error={invalid.has(name) ? t('plan.invalidAmount') : undefined}
      data-testid={testId}
    />
  );
}
