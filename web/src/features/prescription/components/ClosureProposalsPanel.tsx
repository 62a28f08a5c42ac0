import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ClosureProposal } from '@relance/contracts/prescription';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { closureProposalsOptions } from '../api/prescription.ts';
import { prescriptionMessages } from '../messages.ts';
import { CloseCaseModal } from './CloseCaseModal.tsx';

/** Cases whose every claim is prescribed: nothing may be demanded; a manager closes them with the reason. */
export function ClosureProposalsPanel() {
  const t = useT(prescriptionMessages);
  const query = useInfiniteQuery(closureProposalsOptions());
  const [closing, setClosing] = useState<ClosureProposal | null>(null);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper p="md" data-testid="closure-proposals">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={4}>{t('closure.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('closure.help')}
          </Text>
        </Stack>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" data-testid="closure-empty">
            {t('closure.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover>
              <TableHead columns={[t('col.case'), t('closure.claims'), numeric(t('closure.remaining')), numeric(t('closure.paid')), '']} />
              <Table.Tbody>
                {items.map((proposal) => (
                  <ClosureRow key={proposal.caseId} proposal={proposal} onClose={() => setClosing(proposal)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {query.hasNextPage && (
          <Group justify="center">
            <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      {closing && <CloseCaseModal proposal={closing} onClose={() => setClosing(null)} />}
    </Paper>
  );
}

function ClosureRow({ proposal, onClose }: { proposal: ClosureProposal; onClose: () => void }) {
  const t = useT(prescriptionMessages);
  const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents, proposal.currency, t.locale));
  return (
    <Table.Tr data-testid="closure-row" data-case-id={proposal.caseId}>
      <Table.Td valign="top">
        <Anchor component={Link} to={`/cases/${proposal.caseId}`} size="sm" ff="monospace">
          {proposal.reference}
        </Anchor>
        <Text size="sm">{proposal.debtorName}</Text>
        <Text size="xs" c="dimmed">
          {proposal.creditorName}
        </Text>
        <Text size="xs" fw={600} c="gray.7" mt={2}>
          {t('closure.since', { date: formatDate(proposal.prescribedSince, t.locale) })}
        </Text>
      </Table.Td>
      <Table.Td valign="top">
        <Stack gap={2}>
          {proposal.claims.map((claim) => (
            <Text key={claim.claimRef} size="xs">
              <Text span ff="monospace" size="xs">
                {claim.claimRef}
              </Text>{' '}
              · {t.dyn(`nature.${claim.nature}`, claim.nature)} · {claim.basis} · {formatDate(claim.prescriptionDate, t.locale)}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td className="num" valign="top">
        {money(proposal.prescribedCents)}
      </Table.Td>
      <Table.Td className="num" valign="top">
        {money(proposal.paidCents)}
      </Table.Td>
      <Table.Td valign="top" ta="right">
        <Button size="compact-sm" variant="light" color="gray" onClick={onClose} data-testid="closure-close">
          {t('closure.close')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
