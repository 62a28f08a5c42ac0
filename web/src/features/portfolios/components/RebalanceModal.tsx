import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RebalanceResult } from '@relance/contracts/portfolios';
import { useEffect } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useRebalance } from '../api/portfolios.ts';
import { portfolioMessages } from '../messages.ts';

/**
 * Rebalancing in two steps: the server's dry run says who would get what, then the manager applies
 * it (the same computation, run again at that moment).
 */
export function RebalanceModal({ target, agentNames, onClose }: { target: { portfolioId: string | null } | null; agentNames: Map<string, string>; onClose: () => void }) {
  const t = useT(portfolioMessages);
  const preview = useRebalance();
  const apply = useRebalance();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const portfolioId = target?.portfolioId ?? null;
  const opened = target !== null;

  useEffect(() => {
    if (opened) runPreview({ portfolioId, dryRun: true });
    else resetPreview();
  }, [opened, portfolioId, runPreview, resetPreview]);

  const confirm = () =>
    apply.mutate(
      { portfolioId, dryRun: false },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t('portfolios.preview.done', { moved: result.moved, assigned: result.assigned }) });
          onClose();
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title={t('portfolios.preview.title')} size="lg">
      {preview.isPending || preview.isIdle ? (
        <LoadingState />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => runPreview({ portfolioId, dryRun: true })} />
      ) : (
        <Stack gap="sm" data-testid="rebalance-preview">
          <PreviewBody result={preview.data} agentNames={agentNames} />
          {apply.isError && <ErrorState error={apply.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={confirm} loading={apply.isPending} disabled={preview.data.moves.length === 0} data-testid="rebalance-confirm">
              {t('portfolios.preview.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function PreviewBody({ result, agentNames }: { result: RebalanceResult; agentNames: Map<string, string> }) {
  const t = useT(portfolioMessages);
  const nameOf = (id: string | null) => (id ? (agentNames.get(id) ?? id.slice(0, 8)) : t('portfolios.preview.unassigned'));
  if (result.moves.length === 0) return <Alert color="gray">{t('portfolios.preview.nothing')}</Alert>;
  return (
    <>
      <Text size="sm">{t('portfolios.preview.intro')}</Text>
      <Text size="sm" fw={600} data-testid="rebalance-summary">
        {t('portfolios.preview.summary', { moved: result.moved, assigned: result.assigned })}
      </Text>
      <Table striped="even" data-testid="rebalance-by-agent">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('portfolios.preview.agent')}</Table.Th>
            <Table.Th ta="right">{t('portfolios.preview.gains')}</Table.Th>
            <Table.Th ta="right">{t('portfolios.preview.losses')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.byAgent.map((row) => (
            <Table.Tr key={row.agentId} data-testid="rebalance-agent-row">
              <Table.Td>{nameOf(row.agentId)}</Table.Td>
              <Table.Td ta="right">{row.gains > 0 ? `+${row.gains}` : '0'}</Table.Td>
              <Table.Td ta="right">{row.losses > 0 ? `−${row.losses}` : '0'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('portfolios.preview.moves')} :{' '}
        {result.moves
          .slice(0, 8)
          .map((m) => `${m.reference} (${nameOf(m.fromAgentId)} → ${nameOf(m.toAgentId)})`)
          .join(' · ')}
      </Text>
    </>
  );
}
