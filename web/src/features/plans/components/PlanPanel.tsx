import { Alert, Badge, Grid, Group, Loader, Paper, Stack, Table, Text, } from '@mantine/core';
import type { PaymentPlan, PlanPreview, PlanStatus } from '@relance/contracts/plans';
import { useQuery } from '@tanstack/react-query';
import { GateReasonList } from '../../../shared/components/GateReasonList.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { TitleWithHelp } from '../../../shared/components/TitleWithHelp.tsx';
import { formatDate, formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { casePlansOptions } from '../api/plans.ts';
import { plansMessages } from '../messages.ts';
import { PlanAcceptance } from './PlanAcceptance.tsx';
import { PlanProposalForm } from './PlanProposalForm.tsx';
import { type PlanProposal, usePlanProposal } from './usePlanProposal.ts';
import { ViolationList } from './violations.tsx';

export const planStatusColors: Record<PlanStatus, string> = {
  pending_approval: 'orange',
  refused: 'red',
  agreed_pending_acceptance: 'blue',
  active: 'teal',
  completed: 'green',
  broken: 'red',
  cancelled: 'gray',
};

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
  const proposal = usePlanProposal(caseId, today);
  const plans = useQuery(casePlansOptions(caseId));

  return (
    <Paper p="md" data-testid="plan-panel">
      <Stack gap="sm">
        <TitleWithHelp title={t('plan.title')} help={t('plan.help')} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <PlanProposalForm proposal={proposal} currency={currency} balanceCents={balanceCents} today={today} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <PreviewColumn proposal={proposal} />
          </Grid.Col>
        </Grid>
        <PlanList plans={plans.data?.items ?? []} caseId={caseId} />
        {plans.isError && <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />}
      </Stack>
    </Paper>
  );
}

/** The schedule the server computes for the fields as they stand. */
function PreviewColumn({ proposal: { body, preview } }: { proposal: PlanProposal }) {
  const t = useT(plansMessages);
  const shownPreview = body && preview.data ? preview.data : null;
  return (
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
      <PreviewGate gate={preview.gate} />
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

/** The legal gate's verdict on proposing a plan now: refused (422 on submit) or allowed with a warning recorded. */
function PreviewGate({ gate }: { gate: PlanPreview['gate'] }) {
  const t = useT(plansMessages);
  if (gate.decision !== 'allowed') {
    return (
      <Alert color="red" variant="light" p="xs" title={t('plan.gateRefused')} data-testid="plan-gate" data-decision={gate.decision}>
        <GateReasonList reasons={gate.reasons} />
      </Alert>
    );
  }
  if (gate.warnings.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" p="xs" title={t('plan.gateWarning')} data-testid="plan-gate" data-decision="allowed">
      <GateReasonList reasons={gate.warnings} />
    </Alert>
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
            {plan.proposedVia === 'debtor'
              ? t('plan.proposedByDebtor', { date: formatDateTime(plan.proposedAt, t.locale) })
              : t('plan.proposedBy', { name: plan.proposedByName ?? '—', date: formatDateTime(plan.proposedAt, t.locale) })}
          </Text>
        </Group>
        <ViolationList violations={plan.violations} currency={plan.currency} />
        {plan.decisionComment && (
          <Text size="sm" c="dimmed" data-testid="plan-decision">
            {t('plan.decision', { comment: plan.decisionComment })}
          </Text>
        )}
        {plan.acceptanceNote && plan.acceptedVia === 'oral' && (
          <Text size="sm" c="dimmed">
            {plan.acceptanceNote}
          </Text>
        )}
        <PlanAcceptance plan={plan} caseId={caseId} />
      </Stack>
    </Paper>
  );
}
