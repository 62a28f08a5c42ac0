import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Portfolio } from '@relance/contracts/portfolios';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCreditorOptions } from '../../../shared/components/CreditorSelect.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { formatMoney, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { portfoliosOptions, useDeletePortfolio, workloadOptions } from '../api/portfolios.ts';
import { AgentsCard } from '../components/AgentsCard.tsx';
import { PortfolioForm } from '../components/PortfolioForm.tsx';
import { RebalanceModal } from '../components/RebalanceModal.tsx';
import { portfolioMessages } from '../messages.ts';

type T = Translate<MessageKey<typeof portfolioMessages>>;

function range(min: number | null, max: number | null, show: (n: number) => string): string | null {
  if (min === null && max === null) return null;
  if (min !== null && max !== null) return `${show(min)} – ${show(max)}`;
  return min !== null ? `≥ ${show(min)}` : `≤ ${show(max as number)}`;
}

/** The criteria in words: creditor, kind, amount band, age band, départements. */
function criteriaText(p: Portfolio, creditorName: (id: string) => string, t: T): string {
  const amount = range(p.minBalanceCents, p.maxBalanceCents, (c) => formatMoney(c, 'EUR', t.locale));
  const age = range(p.minDaysPastDue, p.maxDaysPastDue, String);
  const parts = [
    p.creditorId ? creditorName(p.creditorId) : null,
    p.debtorKind ? t(`portfolios.criteria.${p.debtorKind}`) : null,
    amount ? t('portfolios.criteria.amount', { range: amount }) : null,
    age ? t('portfolios.criteria.age', { range: age }) : null,
    p.departments ? t('portfolios.criteria.departments', { list: p.departments.join(', ') }) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : t('portfolios.criteria.all');
}

/**
 * Managers' portfolios screen: each portfolio's criteria, open cases, balance and agents; create
 * and edit in a modal; rebalance with a preview; below, every agent's load, capacity and absence.
 */
export function PortfoliosPage() {
  const t = useT(portfolioMessages);
  const portfolios = useQuery(portfoliosOptions());
  const workload = useQuery(workloadOptions());
  const [editing, setEditing] = useState<Portfolio | 'new' | null>(null);
  const [rebalancing, setRebalancing] = useState<{ portfolioId: string | null } | null>(null);
  const agents = workload.data?.agents ?? [];
  const agentNames = new Map(agents.map((a) => [a.agentId, a.name]));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('portfolios.title')}
        subtitle={t('portfolios.subtitle')}
        actions={
          <>
            <Button variant="light" onClick={() => setRebalancing({ portfolioId: null })} disabled={!portfolios.data?.items.length} data-testid="rebalance-all">
              {t('portfolios.rebalanceAll')}
            </Button>
            <Button onClick={() => setEditing('new')} data-testid="portfolio-add">
              {t('portfolios.add')}
            </Button>
          </>
        }
      />
      {workload.data && workload.data.unassignedOpenCases > 0 && (
        <Alert color="orange" data-testid="unassigned-total">
          {t('portfolios.unassignedTotal', { count: workload.data.unassignedOpenCases })}
        </Alert>
      )}
      <Paper p="md">
        {portfolios.isPending ? (
          <LoadingState />
        ) : portfolios.isError ? (
          <ErrorState error={portfolios.error} onRetry={() => void portfolios.refetch()} />
        ) : portfolios.data.items.length === 0 ? (
          <EmptyBlock title={t('portfolios.empty')}>{t('portfolios.emptyHelp')}</EmptyBlock>
        ) : (
          <PortfolioTable items={portfolios.data.items} agentNames={agentNames} onEdit={setEditing} onRebalance={(id) => setRebalancing({ portfolioId: id })} />
        )}
      </Paper>
      {workload.isError ? <ErrorState error={workload.error} onRetry={() => void workload.refetch()} /> : <AgentsCard agents={agents} portfolios={portfolios.data?.items ?? []} />}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('portfolios.add') : t('portfolios.editTitle')} size="lg">
        {editing !== null && <PortfolioForm portfolio={editing === 'new' ? null : editing} agents={agents} onDone={() => setEditing(null)} />}
      </Modal>
      <RebalanceModal target={rebalancing} agentNames={agentNames} onClose={() => setRebalancing(null)} />
    </Stack>
  );
}

type TableProps = { items: Portfolio[]; agentNames: Map<string, string>; onEdit: (p: Portfolio) => void; onRebalance: (id: string) => void };

function PortfolioTable({ items, agentNames, onEdit, onRebalance }: TableProps) {
  const t = useT(portfolioMessages);
  const creditors = useCreditorOptions();
  const creditorName = (id: string) => creditors.data?.items.find((c) => c.id === id)?.legalName ?? '…';
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped="even" highlightOnHover data-testid="portfolios-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('portfolios.col.name')}</Table.Th>
            <Table.Th>{t('portfolios.col.openCases')}</Table.Th>
            <Table.Th>{t('portfolios.col.unassigned')}</Table.Th>
            <Table.Th ta="right">{t('portfolios.col.balance')}</Table.Th>
            <Table.Th>{t('portfolios.col.agents')}</Table.Th>
            <Table.Th>{t('portfolios.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <PortfolioRow key={p.id} portfolio={p} criteria={criteriaText(p, creditorName, t)} agentNames={agentNames} onEdit={() => onEdit(p)} onRebalance={() => onRebalance(p.id)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type RowProps = { portfolio: Portfolio; criteria: string; agentNames: Map<string, string>; onEdit: () => void; onRebalance: () => void };

function PortfolioRow({ portfolio: p, criteria, agentNames, onEdit, onRebalance }: RowProps) {
  const t = useT(portfolioMessages);
  const remove = useDeletePortfolio();
  const confirmDelete = () => {
    if (!window.confirm(t('portfolios.deleteConfirm', { name: p.name }))) return;
    remove.mutate(p.id, {
      onSuccess: () => notifications.show({ color: 'gray', message: t('portfolios.deleted') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  };
  return (
    <Table.Tr data-testid="portfolio-row" data-name={p.name}>
      <Table.Td>
        <Text size="sm" fw={600}>{p.name}</Text>
        <Text size="xs" c="dimmed">{criteria}</Text>
      </Table.Td>
      <Table.Td data-testid="portfolio-open">{p.openCases}</Table.Td>
      <Table.Td>{p.unassignedOpenCases > 0 ? <Badge color="orange" variant="light">{p.unassignedOpenCases}</Badge> : '0'}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoney(p.balanceCents, 'EUR', t.locale)}</Table.Td>
      <Table.Td>
        {p.memberIds.length === 0 ? (
          <Text size="sm" c="dimmed">{t('portfolios.noAgents')}</Text>
        ) : (
          <Group gap={4}>
            {p.memberIds.map((id) => (
              <Badge key={id} variant="light" size="sm" styles={{ label: { textTransform: 'none' } }}>{agentNames.get(id) ?? id.slice(0, 8)}</Badge>
            ))}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="xs" variant="subtle" onClick={onEdit} data-testid="portfolio-edit">{t('portfolios.edit')}</Button>
          <Button size="xs" variant="subtle" onClick={onRebalance} data-testid="portfolio-rebalance">{t('portfolios.rebalance')}</Button>
          <Button size="xs" variant="subtle" color="red" onClick={confirmDelete} loading={remove.isPending}>{t('portfolios.delete')}</Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
