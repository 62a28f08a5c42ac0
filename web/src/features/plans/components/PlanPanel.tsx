import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { PaymentPlan, PlanPreview, PlanProposalBody, PlanStatus } from '@relance/contracts/plans';
import { parseHundredths } from '@relance/domain/money';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { isBusinessDate } from '../../../shared/dates.ts';
import { formatDate, formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { casePlansOptions, planPreviewOptions, useAcceptOrally, useProposePlan } from '../api/plans.ts';
import { plansMessages } from '../messages.ts';
import { ViolationList } from './violations.tsx';

type Frequency = PlanProposalBody['frequency'];
const frequencies: readonly Frequency[] = ['monthly', 'biweekly', 'weekly'];

export const planStatusColors: Record<PlanStatus, string> = {
  pending_approval: 'orange',
  refused: 'red',
  agreed_pending_acceptance: 'blue',
  active: 'teal',
  completed: 'green',
  broken: 'red',
  cancelled: 'gray',
};

/** "YYYY-MM-DD" + days, as a calendar date (UTC arithmetic: no time zone involved). */
function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Optional amount field: '' = not given, null = not a valid amount. */
function optionalCents(input: string): number | undefined | null {
  if (!input.trim()) return undefined;
  return parseHundredths(input, '€');
}

interface Fields {
  total: string;
  downPayment: string;
  mode: 'count' | 'amount';
  count: string;
  installmentAmount: string;
  frequency: Frequency;
  firstDate: string;
  discount: string;
  note: string;
}

/** The proposal the fields describe, or the names of the fields that are not valid yet. */
function proposalOf(fields: Fields): { body: PlanProposalBody | null; invalid: Set<keyof Fields> } {
  const invalid = new Set<keyof Fields>();
  const total = optionalCents(fields.total);
  const downPayment = optionalCents(fields.downPayment);
  const discount = optionalCents(fields.discount);
  if (total === null || total === 0) invalid.add('total');
  if (downPayment === null || downPayment === 0) invalid.add('downPayment');
  if (discount === null) invalid.add('discount');
  let installments: PlanProposalBody['installments'] | null = null;
  if (fields.mode === 'count') {
    const count = Number(fields.count);
    if (fields.count.trim() && (!Number.isInteger(count) || count < 1 || count > 600)) invalid.add('count');
    else if (fields.count.trim()) installments = { count };
  } else {
    const amount = optionalCents(fields.installmentAmount);
    if (amount === null || amount === 0) invalid.add('installmentAmount');
    else if (amount !== undefined) installments = { amountCents: amount };
  }
  if (invalid.size > 0 || !installments || !isBusinessDate(fields.firstDate)) return { body: null, invalid };
  return {
    body: {
      installments,
      frequency: fields.frequency,
      firstDate: fields.firstDate,
      ...(total ? { totalCents: total } : {}),
      ...(downPayment ? { downPaymentCents: downPayment } : {}),
      ...(discount ? { discountCents: discount } : {}),
      ...(fields.note.trim() ? { note: fields.note.trim() } : {}),
    },
    invalid,
  };
}

export function PlanPanel({
  caseId,
  currency,
  balanceCents,
  today,
}: {
  caseId: string;
  currency: string;
  balanceCents: number | undefined;
  today: string;
}) {
  const t = useT(plansMessages);
  const money = (cents: number) => formatMoney(cents, currency, t.locale);
  const [fields, setFields] = useState<Fields>(() => ({
    total: '',
    downPayment: '',
    mode: 'count',
    count: '',
    installmentAmount: '',
    frequency: 'monthly',
    firstDate: addDays(today, 7),
    discount: '',
    note: '',
  }));
  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((current) => ({ ...current, [name]: value }));
  const { body, invalid } = useMemo(() => proposalOf(fields), [fields]);
  // The note does not change the schedule: leave it out of the preview so typing it costs no call.
  const previewBody = useMemo(() => (body ? { ...body, note: undefined } : null), [body]);
  const [debouncedBody] = useDebouncedValue(previewBody, 400);
  const preview = useQuery(planPreviewOptions(caseId, debouncedBody));
  const propose = useProposePlan(caseId);
  const plans = useQuery(casePlansOptions(caseId));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body || propose.isPending) return;
    propose.mutate(body, {
      onSuccess: (plan) => {
        notifications.show({
          color: 'teal',
          message: `${t('plan.submitted')} ${t.dyn(`plan.status.${plan.status}`, plan.status)}`,
          autoClose: 3000,
        });
        setFields((current) => ({ ...current, total: '', downPayment: '', count: '', installmentAmount: '', discount: '', note: '' }));
      },
    });
  }

  const amountPreview = (key: keyof Fields) => {
    const cents = optionalCents(fields[key] as string);
    return cents ? money(cents) : undefined;
  };
  const shownPreview = body && preview.data ? preview.data : null;

  return (
    <Paper p="md" data-testid="plan-panel">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={4}>{t('plan.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('plan.help')}
          </Text>
        </Stack>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <form onSubmit={submit} noValidate data-testid="plan-form">
              <Stack gap="sm">
                <SimpleGrid cols={2} spacing="sm">
                  <TextInput
                    label={t('plan.total')}
                    placeholder={balanceCents !== undefined ? money(balanceCents) : undefined}
                    description={
                      amountPreview('total') ??
                      (balanceCents !== undefined ? t('plan.totalHelp', { amount: money(balanceCents) }) : undefined)
                    }
                    inputMode="decimal"
                    autoComplete="off"
                    value={fields.total}
                    onChange={(event) => set('total', event.currentTarget.value)}
                    error={invalid.has('total') ? t('plan.invalidAmount') : undefined}
                    data-testid="plan-total"
                  />
                  <TextInput
                    label={t('plan.downPayment')}
                    inputMode="decimal"
                    autoComplete="off"
                    value={fields.downPayment}
                    description={amountPreview('downPayment')}
                    onChange={(event) => set('downPayment', event.currentTarget.value)}
                    error={invalid.has('downPayment') ? t('plan.invalidAmount') : undefined}
                    data-testid="plan-down-payment"
                  />
                </SimpleGrid>
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
                      error={invalid.has('count') ? '1 – 600' : undefined}
                      data-testid="plan-count"
                    />
                  ) : (
                    <TextInput
                      label={t('plan.installmentAmount')}
                      inputMode="decimal"
                      autoComplete="off"
                      value={fields.installmentAmount}
                      description={amountPreview('installmentAmount')}
                      onChange={(event) => set('installmentAmount', event.currentTarget.value)}
                      error={invalid.has('installmentAmount') ? t('plan.invalidAmount') : undefined}
                      data-testid="plan-installment-amount"
                    />
                  )}
                  <NativeSelect
                    label={t('plan.frequency')}
                    value={fields.frequency}
                    onChange={(event) => set('frequency', event.currentTarget.value as Frequency)}
                    data={frequencies.map((value) => ({ value, label: t.dyn(`plan.frequency.${value}`, value) }))}
                    data-testid="plan-frequency"
                  />
                  <TextInput
                    type="date"
                    label={t('plan.firstDate')}
                    value={fields.firstDate}
                    min={today}
                    onChange={(event) => set('firstDate', event.currentTarget.value)}
                    data-testid="plan-first-date"
                  />
                  <TextInput
                    label={t('plan.discount')}
                    inputMode="decimal"
                    autoComplete="off"
                    value={fields.discount}
                    description={amountPreview('discount')}
                    onChange={(event) => set('discount', event.currentTarget.value)}
                    error={invalid.has('discount') ? t('plan.invalidAmount') : undefined}
                    data-testid="plan-discount"
                  />
                </SimpleGrid>
                <TextInput
                  label={t('plan.note')}
                  value={fields.note}
                  maxLength={2000}
                  onChange={(event) => set('note', event.currentTarget.value)}
                  data-testid="plan-note"
                />
                {propose.isError && <ErrorState error={propose.error} />}
                <Button
                  type="submit"
                  disabled={!body}
                  loading={propose.isPending}
                  data-testid="plan-submit"
                  style={{ alignSelf: 'flex-end' }}
                >
                  {t('plan.submit')}
                </Button>
              </Stack>
            </form>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="xs" data-testid="plan-preview">
              <Group justify="space-between">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('plan.preview')}
                </Text>
                {body && preview.isFetching && <Loader size={14} />}
              </Group>
              {!body ? (
                <Text size="sm" c="dimmed">
                  {t('plan.fillIn')}
                </Text>
              ) : preview.isError ? (
                <ErrorState error={preview.error} />
              ) : shownPreview ? (
                <PreviewView preview={shownPreview} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('plan.previewing')}
                </Text>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
        <PlanList plans={plans.data?.items ?? []} caseId={caseId} />
        {plans.isError && <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />}
      </Stack>
    </Paper>
  );
}

function PreviewView({ preview }: { preview: PlanPreview }) {
  const t = useT(plansMessages);
  const money = (cents: number) => formatMoney(cents, preview.currency, t.locale);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {preview.needsApproval ? (
          <Badge color="orange" data-testid="plan-needs-approval">
            {t('plan.needsApproval')}
          </Badge>
        ) : (
          <Badge color="teal" variant="light" data-testid="plan-within-rules">
            {t('plan.withinRules')}
          </Badge>
        )}
        <Text size="sm" data-testid="plan-summary">
          {t('plan.summary', {
            count: preview.payments.length,
            total: money(preview.totalCents),
            discount: money(preview.discountCents),
          })}
        </Text>
      </Group>
      {preview.violations.length > 0 && (
        <Alert color="orange" variant="light" p="xs">
          <ViolationList violations={preview.violations} currency={preview.currency} />
        </Alert>
      )}
      <Table.ScrollContainer minWidth={360} mah={320}>
        <Table striped="even" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.index')}</Table.Th>
              <Table.Th>{t('plan.dueOn')}</Table.Th>
              <Table.Th className="num">{t('plan.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.payments.map((payment) => (
              <Table.Tr key={`${payment.kind}-${payment.index}`} data-testid="plan-installment-row">
                <Table.Td>
                  {payment.kind === 'down_payment' ? t('plan.kind.down_payment') : payment.index}
                </Table.Td>
                <Table.Td>{formatDate(payment.dueDate, t.locale)}</Table.Td>
                <Table.Td className="num">{money(payment.amountCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function PlanList({ plans, caseId }: { plans: PaymentPlan[]; caseId: string }) {
  const t = useT(plansMessages);
  if (plans.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('plan.none')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="plan-list">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('plan.list')}
      </Text>
      {plans.map((plan) => (
        <PlanRow key={plan.id} plan={plan} caseId={caseId} />
      ))}
    </Stack>
  );
}

function PlanRow({ plan, caseId }: { plan: PaymentPlan; caseId: string }) {
  const t = useT(plansMessages);
  const money = (cents: number) => formatMoney(cents, plan.currency, t.locale);
  const accept = useAcceptOrally(caseId);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const installments = plan.installments.length;
  const last = plan.installments.at(-1);

  return (
    <Paper withBorder p="sm" data-testid="plan-row" data-status={plan.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm">
            <Badge color={planStatusColors[plan.status]} variant="light" data-testid="plan-status">
              {t.dyn(`plan.status.${plan.status}`, plan.status)}
            </Badge>
            <Text size="sm" fw={600}>
              {money(plan.totalCents)} · {installments} × {t.dyn(`plan.frequency.${plan.frequency}`, plan.frequency)}
              {last ? ` → ${formatDate(last.dueOn, t.locale)}` : ''}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('plan.proposedBy', { name: plan.proposedByName ?? '—', date: formatDateTime(plan.proposedAt, t.locale) })}
          </Text>
        </Group>
        <ViolationList violations={plan.violations} currency={plan.currency} />
        {plan.decisionComment && (
          <Text size="sm" c="dimmed" data-testid="plan-decision">
            {t('plan.decision', { comment: plan.decisionComment })}
          </Text>
        )}
        {plan.acceptanceNote && (
          <Text size="sm" c="dimmed">
            {plan.acceptanceNote}
          </Text>
        )}
        {plan.status === 'agreed_pending_acceptance' && (
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <Textarea
              label={t('plan.acceptNote')}
              autosize
              minRows={1}
              value={note}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setNoteMissing(false);
              }}
              error={noteMissing ? t('plan.acceptNoteRequired') : undefined}
              style={{ flex: 1 }}
              data-testid="plan-accept-note"
            />
            <Button
              variant="light"
              loading={accept.isPending}
              onClick={() => {
                if (!note.trim()) {
                  setNoteMissing(true);
                  return;
                }
                accept.mutate(
                  { planId: plan.id, note: note.trim() },
                  { onSuccess: () => notifications.show({ color: 'teal', message: t('plan.accepted'), autoClose: 3000 }) },
                );
              }}
              data-testid="plan-accept-orally"
            >
              {t('plan.acceptOrally')}
            </Button>
          </Group>
        )}
        {accept.isError && <ErrorState error={accept.error} />}
      </Stack>
    </Paper>
  );
}
