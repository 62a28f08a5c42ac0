import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type LegalActionSummaryDto, legalActionKinds } from '@relance/contracts/legal-actions';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { legalListOptions } from '../api/legal.ts';
import { type BoardGroup, boardGroups, byNearestDeadline, groupOf } from '../legal-view.ts';
import { legalMessages } from '../messages.ts';
import { DaysLeftBadge, StageBadge } from './LegalBadges.tsx';

/**
 * The managers' board (agents read it): every legal action grouped by stage (to approve, ready to
 * file, in progress, closed), nearest deadline first, filtered by procedure and creditor (in the URL).
 */
export function LegalBoard() {
  const t = useT(legalMessages);
  const { params, setParam } = useUrlFilters();
  const kind = params.get('kind') ?? '';
  const creditorId = params.get('creditorId') ?? '';
  const query = useQuery(legalListOptions({ stage: 'all', ...(kind ? { kind } : {}), ...(creditorId ? { creditorId } : {}) }));
  const items = [...(query.data?.items ?? [])].sort(byNearestDeadline);
  return (
    <Stack gap="md" data-testid="legal-board">
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label={t('legal.filterKind')}
          value={kind}
          onChange={(event) => setParam('kind', event.currentTarget.value)}
          data={[{ value: '', label: t('legal.allKinds') }, ...legalActionKinds.map((value) => ({ value, label: t(`legal.kind.${value}`) }))]}
          data-testid="legal-filter-kind"
        />
        <CreditorSelect label={t('common.creditor')} value={creditorId} onChange={(value) => setParam('creditorId', value)} allowAll testId="legal-filter-creditor" />
      </Group>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Paper p="md">
          <EmptyBlock title={t('legal.boardEmpty')}>{t('legal.boardEmptyHelp')}</EmptyBlock>
        </Paper>
      ) : (
        <>
          <StageChart items={items} />
          {boardGroups.map((group) => (
            <BoardGroupTable key={group} group={group} items={items.filter((item) => groupOf(item.stage) === group)} />
          ))}
        </>
      )}
    </Stack>
  );
}

function StageChart({ items }: { items: LegalActionSummaryDto[] }) {
  const t = useT(legalMessages);
  const data = boardGroups.map((group) => ({ group: t(`legal.group.${group}`), count: items.filter((item) => groupOf(item.stage) === group).length }));
  return (
    <Paper p="md" data-testid="legal-chart">
      <Title order={5} mb="sm">
        {t('legal.chartTitle')}
      </Title>
      <BarChart
        barProps={{ isAnimationActive: false }}
        h={180}
        data={data}
        dataKey="group"
        series={[{ name: 'count', label: t('legal.count'), color: 'grape.6' }]}
        tickLine="y"
        aria-label={t('legal.chartTitle')}
      />
    </Paper>
  );
}

function BoardGroupTable({ group, items }: { group: BoardGroup; items: LegalActionSummaryDto[] }) {
  const t = useT(legalMessages);
  return (
    <Paper p="md" data-testid="legal-group" data-group={group}>
      <Group gap="sm" mb="xs">
        <Title order={4}>{t(`legal.group.${group}`)}</Title>
        <Badge variant="light" color="gray">
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('legal.groupEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6} fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('legal.colCase')}</Table.Th>
                <Table.Th>{t('legal.colDebtor')}</Table.Th>
                <Table.Th>{t('legal.colCreditor')}</Table.Th>
                <Table.Th>{t('legal.colKind')}</Table.Th>
                <Table.Th>{t('legal.colStage')}</Table.Th>
                <Table.Th className="num">{t('legal.colAmount')}</Table.Th>
                <Table.Th>{group === 'approval' ? t('legal.colAwaiting') : t('legal.colDeadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <BoardRow key={item.id} item={item} group={group} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function BoardRow({ item, group }: { item: LegalActionSummaryDto; group: BoardGroup }) {
  const t = useT(legalMessages);
  return (
    <Table.Tr data-testid="legal-board-row" data-id={item.id} data-stage={item.stage}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/cases/${item.caseId}#procedure`} ff="monospace" size="sm" data-testid="legal-board-case">
          {item.caseReference}
        </Anchor>
      </Table.Td>
      <Table.Td>{item.debtorName}</Table.Td>
      <Table.Td>{item.creditorName}</Table.Td>
      <Table.Td>{t(`legal.kind.${item.kind}`)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <StageBadge stage={item.stage} />
      </Table.Td>
      <Table.Td className="num">{formatMoney(item.claimedCents, 'EUR', t.locale)}</Table.Td>
      <Table.Td>
        {group === 'approval' ? (
          <Text size="sm">{item.awaiting.map((party) => t(`legal.party.${party}`)).join(', ') || t('common.none')}</Text>
        ) : item.nextDeadline ? (
          <Group gap={6} wrap="nowrap" data-testid="legal-next-deadline" data-date={item.nextDeadline.date}>
            <Text size="sm">
              {t.dyn(`legal.deadlineShort.${item.nextDeadline.name}`, item.nextDeadline.name)} · {formatDate(item.nextDeadline.date, t.locale)}
            </Text>
            <DaysLeftBadge daysLeft={item.nextDeadline.daysLeft} />
          </Group>
        ) : item.stage === 'lapsed' ? (
          <Badge color="red" variant="filled" styles={{ label: { textTransform: 'none' } }}>
            {t('legal.lapsed')}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('common.none')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
