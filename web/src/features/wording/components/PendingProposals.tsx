import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WordingProposal } from '@relance/contracts/wording';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { pendingProposalsOptions, useDecideProposal } from '../api/wording.ts';
import { wordingMessages } from '../messages.ts';
import { WordingDiff } from './WordingDiff.tsx';

/** The managers' worklist: every creditor's pending proposal, before/after, approve or refuse with a reason. */
export function PendingProposals({ onPreview }: { onPreview: (proposal: WordingProposal) => void }) {
  const t = useT(wordingMessages);
  const pending = useQuery(pendingProposalsOptions(true));
  return (
    <Paper p="md" mb="md" data-testid="wording-proposals">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('wording.proposalsTitle')}</Title>
        {pending.data && <Badge color={pending.data.items.length > 0 ? 'yellow' : 'gray'}>{pending.data.items.length}</Badge>}
      </Group>
      {pending.isPending ? (
        <LoadingState />
      ) : pending.isError ? (
        <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.items.length === 0 ? (
        <EmptyBlock title={t('wording.proposalsEmpty')} />
      ) : (
        <Stack gap="md">
          {pending.data.items.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal} onPreview={() => onPreview(proposal)} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ProposalCard({ proposal, onPreview }: { proposal: WordingProposal; onPreview: () => void }) {
  const t = useT(wordingMessages);
  const decide = useDecideProposal();
  const [reason, setReason] = useState('');
  const [refusing, setRefusing] = useState(false);
  const done = (key: 'wording.approved' | 'wording.refused') => () => notifications.show({ color: 'teal', message: t(key) });
  return (
    <Paper withBorder p="sm" data-testid="wording-proposal" data-creditor={proposal.creditorName}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('wording.proposedBy', { creditor: proposal.creditorName, name: proposal.proposedBy ?? '—', date: formatDateTime(proposal.proposedAt, t.locale) })}
        </Text>
        <WordingDiff before={proposal.previous} after={proposal.wording} />
        {proposal.problems.length > 0 && (
          <Alert color="red" variant="light" title={t('wording.checkerProblems')} data-testid="wording-proposal-problems">
            {proposal.problems.map((problem) => (
              <Text size="xs" key={`${problem.field}:${problem.phrase}:${problem.rule}`}>
                {problem.field} : {problem.message}
              </Text>
            ))}
          </Alert>
        )}
        {decide.isError && <ErrorState error={decide.error} />}
        {refusing && (
          <Textarea
            label={t('wording.refuseReason')}
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-testid="wording-refuse-reason"
          />
        )}
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="subtle" onClick={onPreview} data-testid="wording-proposal-preview">
            {t('wording.previewProposal')}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="red"
            loading={decide.isPending && decide.variables?.decision === 'refuse'}
            disabled={refusing && reason.trim() === ''}
            onClick={() => (refusing ? decide.mutate({ id: proposal.id, decision: 'refuse', reason: reason.trim() }, { onSuccess: done('wording.refused') }) : setRefusing(true))}
            data-testid="wording-refuse"
          >
            {t('wording.refuse')}
          </Button>
          <Button
            size="xs"
            color="teal"
            disabled={proposal.problems.length > 0}
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            onClick={() => decide.mutate({ id: proposal.id, decision: 'approve' }, { onSuccess: done('wording.approved') })}
            data-testid="wording-approve"
          >
            {t('wording.approve')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
