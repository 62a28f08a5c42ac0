import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PaymentPlan } from '@relance/contracts/plans';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { approvalsOptions, useDecideApproval } from '../api/plans.ts';
import { RequiredCommentInput, useRequiredComment } from '../components/RequiredComment.tsx';
import { ViolationList } from '../components/violations.tsx';
import { plansMessages } from '../messages.ts';

/** The managers' inbox: plan proposals outside the rules or beyond the agent's authority. */
export function ApprovalsPage() {
  const t = useT(plansMessages);
  const query = useQuery(approvalsOptions());
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Paper>
          <EmptyBlock title={t('approvals.empty')} />
        </Paper>
      ) : (
        <Stack gap="md" data-testid="approvals-list">
          {items.map((plan) => (
            <ApprovalRow key={plan.id} plan={plan} />
          ))}
        </Stack>
      )}
    </>
  );
}

function ApprovalRow({ plan }: { plan: PaymentPlan }) {
  const t = useT(plansMessages);
  const decide = useDecideApproval();
  const comment = useRequiredComment();

  function submit(decision: 'approve' | 'refuse') {
    const text = comment.take();
    if (text === null) return;
    decide.mutate(
      { planId: plan.id, decision, comment: text },
      {
        onSuccess: () =>
          notifications.show({
            color: decision === 'approve' ? 'teal' : 'orange',
            message: t(decision === 'approve' ? 'approvals.approved' : 'approvals.refused'),
            autoClose: 3000,
          }),
      },
    );
  }

  return (
    <Paper p="md" data-testid="approval-row" data-plan-id={plan.id}>
      <Stack gap="sm">
        <ApprovalSummary plan={plan} />
        {plan.violations.length > 0 ? (
          <ViolationList violations={plan.violations} currency={plan.currency} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('approvals.noViolation')}
          </Text>
        )}
        {plan.note && (
          <Text size="sm" fs="italic">
            {plan.note}
          </Text>
        )}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <RequiredCommentInput
            comment={comment}
            label={t('approvals.comment')}
            requiredMessage={t('approvals.commentRequired')}
            style={{ flex: 1, minWidth: 240 }}
            testId="approval-comment"
          />
          <Button
            color="teal"
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            disabled={decide.isPending}
            onClick={() => submit('approve')}
            data-testid="approval-approve"
          >
            {t('approvals.approve')}
          </Button>
          <Button
            color="red"
            variant="light"
            loading={decide.isPending && decide.variables?.decision === 'refuse'}
            disabled={decide.isPending}
            onClick={() => submit('refuse')}
            data-testid="approval-refuse"
          >
            {t('approvals.refuse')}
          </Button>
        </Group>
        {decide.isError && <ErrorState error={decide.error} />}
      </Stack>
    </Paper>
  );
}

/** Who proposed what for which case: total, discount, frequency and the first and last due dates. */
function ApprovalSummary({ plan }: { plan: PaymentPlan }) {
  const t = useT(plansMessages);
  const money = (cents: number) => formatMoney(cents, plan.currency, t.locale);
  const first = plan.installments[0];
  const last = plan.installments.at(-1);
  return (
    <>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Text size="xs" c="dimmed">
            {t('approvals.case')}
          </Text>
          <Anchor component={Link} to={`/cases/${plan.caseId}`} ff="monospace" data-testid="approval-case">
            {plan.caseReference}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('approvals.agent')}
          </Text>
          <Text size="sm" fw={600} data-testid="approval-agent">
            {plan.proposedVia === 'debtor' ? t('approvals.debtor') : (plan.proposedByName ?? '—')}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(plan.proposedAt, t.locale)}
        </Text>
      </Group>
      <Group gap="sm">
        <Badge variant="light">{t.dyn(`plan.frequency.${plan.frequency}`, plan.frequency)}</Badge>
        <Text size="sm" fw={600}>
          {money(plan.totalCents)}
          {plan.discountCents > 0 ? ` (${t('plan.discount')} : ${money(plan.discountCents)})` : ''}
        </Text>
        {first && last && (
          <Text size="sm" c="dimmed" data-testid="approval-schedule">
            {t('approvals.schedule', {
              count: plan.installments.length,
              first: formatDate(first.dueOn, t.locale),
              last: formatDate(last.dueOn, t.locale),
            })}
          </Text>
        )}
      </Group>
    </>
  );
}
