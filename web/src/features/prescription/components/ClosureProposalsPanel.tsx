import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import type { ClosureProposal } from '@relance/contracts/prescription';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { closureProposalsOptions } from '../api/prescription.ts';
import { prescriptionMessages } from '../messages.ts';
import { CloseCaseModal } from './CloseCaseModal.tsx';
import { ListPanel } from './ListPanel.tsx';

/** Cases whose every claim is prescribed: nothing may be demanded; a manager closes them with the reason. */
export function ClosureProposalsPanel() {
  const t = useT(prescriptionMessages);
  const query = useInfiniteQuery(closureProposalsOptions());
  const [closing, setClosing] = useState<ClosureProposal | null>(null);
  return (
    <>
      <ListPanel
        title={t('closure.title')}
        help={t('closure.help')}
        testId="closure-proposals"
        emptyTestId="closure-empty"
        emptyText={t('closure.empty')}
        query={query}
        headers={[t('col.case'), t('closure.claims'), { label: t('closure.remaining'), numeric: true }, { label: t('closure.paid'), numeric: true }, '']}
        minWidth={820}
      >
        {(items) => items.map((proposal) => <ClosureRow key={proposal.caseId} proposal={proposal} onClose={() => setClosing(proposal)} />)}
      </ListPanel>
      {closing && <CloseCaseModal proposal={closing} onClose={() => setClosing(null)} />}
    </>
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
