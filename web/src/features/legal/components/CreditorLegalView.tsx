import { Anchor, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { LegalActionDto, LegalActionSummaryDto } from '@relance/contracts/legal-actions';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { legalActionOptions, legalListOptions } from '../api/legal.ts';
import { byNearestDeadline, groupOf } from '../legal-view.ts';
import { legalMessages } from '../messages.ts';
import { ApprovalsCard } from './ApprovalsCard.tsx';
import { CostEstimateTable } from './CostEstimateTable.tsx';
import { DaysLeftBadge, StageBadge } from './LegalBadges.tsx';
import { CheckList } from './PrecheckVerdicts.tsx';

/**
 * The creditor's side (the API shows it only its own actions): the proposals waiting for its
 * decision, with the estimated costs it would bear, then the procedures in progress and their costs.
 */
export function CreditorLegalView() {
  const t = useT(legalMessages);
  const query = useQuery(legalListOptions({ stage: 'all' }));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = [...query.data.items].sort(byNearestDeadline);
  const proposals = items.filter((item) => item.stage === 'proposed');
  const running = items.filter((item) => groupOf(item.stage) === 'ready' || groupOf(item.stage) === 'inProgress');
  const closed = items.filter((item) => groupOf(item.stage) === 'closed');
  return (
    <Stack gap="lg" data-testid="creditor-legal">
      <Stack gap="sm" data-testid="creditor-proposals">
        <Title order={3}>{t('legal.proposalsTitle')}</Title>
        {proposals.length === 0 ? (
          <Paper p="md">
            <EmptyBlock title={t('legal.noProposals')} />
          </Paper>
        ) : (
          proposals.map((item) => <ProposalCard key={item.id} id={item.id} />)
        )}
      </Stack>
      <ActionsTable title={t('legal.inProgressTitle')} empty={t('legal.noInProgress')} items={running} testId="creditor-in-progress" />
      {closed.length > 0 && <ActionsTable title={t('legal.closedTitle')} empty="" items={closed} testId="creditor-closed" />}
    </Stack>
  );
}

/** One proposal in full: the case, the amount claimed, the pre-checks summary, the cost lines, the decision. */
function ProposalCard({ id }: { id: string }) {
  const query = useQuery(legalActionOptions(id));
  return (
    <Paper p="md" withBorder data-testid="creditor-proposal" data-id={id}>
      {query.isPending ? <LoadingState /> : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <ProposalBody action={query.data} />}
    </Paper>
  );
}

function ProposalBody({ action }: { action: LegalActionDto }) {
  const t = useT(legalMessages);
  const passed = action.prechecks.filter((check) => check.status === 'pass').length;
  const warnings = action.prechecks.filter((check) => check.status !== 'pass');
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="xs">
          <Group gap="sm">
            <Title order={4}>{t(`legal.kind.${action.kind}`)}</Title>
            <StageBadge stage={action.stage} />
          </Group>
          <Text size="sm">
            <Anchor component={Link} to={`/cases/${action.caseId}#procedure`} ff="monospace">
              {action.caseReference}
            </Anchor>{' '}
            · {action.debtorName}
          </Text>
          <Text size="xs" c="dimmed">
            {t('legal.proposedBy', { date: formatDateTime(action.proposedAt, t.locale), who: action.proposedBy ?? '—' })}
            {action.court ? ` · ${action.court.name}` : ''}
          </Text>
          {action.note && (
            <Text size="sm" fs="italic">
              {t('legal.quoted', { text: action.note })}
            </Text>
          )}
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('legal.claimed')}
              </Text>
              <Text fw={700} size="lg" className="num" data-testid="proposal-claimed">
                {formatMoney(action.claimedCents, 'EUR', t.locale)}
              </Text>
            </Stack>
            <Text size="sm" c="dimmed" data-testid="proposal-checks-summary">
              {t('legal.checksSummary', { pass: passed, warn: warnings.length })}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('legal.labelled', { label: t('legal.includedClaims'), value: action.claimRefs.join(', ') })}
          </Text>
          {warnings.length > 0 && <CheckList checks={warnings} />}
          <ApprovalsCard action={action} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
          {t('legal.estimatedCosts')}
        </Text>
        <CostEstimateTable estimate={action.estimatedCosts} />
      </Grid.Col>
    </Grid>
  );
}

function ActionsTable({ title, empty, items, testId }: { title: string; empty: string; items: LegalActionSummaryDto[]; testId: string }) {
  const t = useT(legalMessages);
  return (
    <Stack gap="sm" data-testid={testId}>
      <Title order={3}>{title}</Title>
      <Paper p="md">
        {items.length === 0 ? (
          <EmptyBlock title={empty} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('legal.colCase')}</Table.Th>
                  <Table.Th>{t('legal.colKind')}</Table.Th>
                  <Table.Th>{t('legal.colStage')}</Table.Th>
                  <Table.Th className="num">{t('legal.colAmount')}</Table.Th>
                  <Table.Th>{t('legal.colDeadline')}</Table.Th>
                  <Table.Th className="num">{t('legal.colCosts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id} data-testid="creditor-action-row" data-stage={item.stage}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${item.caseId}#procedure`} ff="monospace" size="sm">
                        {item.caseReference}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {item.debtorName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`legal.kind.${item.kind}`)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StageBadge stage={item.stage} />
                    </Table.Td>
                    <Table.Td className="num">{formatMoney(item.claimedCents, 'EUR', t.locale)}</Table.Td>
                    <Table.Td>
                      {item.nextDeadline ? (
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">
                            {t.dyn(`legal.deadlineShort.${item.nextDeadline.name}`, item.nextDeadline.name)} · {formatDate(item.nextDeadline.date, t.locale)}
                          </Text>
                          <DaysLeftBadge daysLeft={item.nextDeadline.daysLeft} />
                        </Group>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td className="num">
                      {formatMoney(item.costsCents, 'EUR', t.locale)}
                      <Text size="xs" c="dimmed">
                        {t('legal.estimatedShort', { amount: formatMoney(item.estimatedCostsCents, 'EUR', t.locale) })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
