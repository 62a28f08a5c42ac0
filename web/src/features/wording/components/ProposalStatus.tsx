import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { creditorProposalsOptions } from '../api/wording.ts';
import { wordingMessages } from '../messages.ts';

/** Where the creditor's last proposal stands: awaiting approval, refused (with the reason), or in force. */
export function ProposalStatus({ creditorId }: { creditorId: string }) {
  const t = useT(wordingMessages);
  const proposals = useQuery(creditorProposalsOptions(creditorId));
  const latest = proposals.data?.items.find((proposal) => proposal.status !== 'superseded');
  if (!latest) return null;
  const date = formatDateTime(latest.proposedAt, t.locale);
  if (latest.status === 'pending') {
    return (
      <Alert color="yellow" variant="light" title={t('wording.pendingTitle')} data-testid="wording-status" data-status="pending">
        {t('wording.pendingText', { date })}
      </Alert>
    );
  }
  if (latest.status === 'refused') {
    return (
      <Alert color="red" variant="light" title={t('wording.refusedTitle')} data-testid="wording-status" data-status="refused">
        {t('wording.refusedText', { date, reason: latest.reason ?? '' })}
      </Alert>
    );
  }
  return (
    <Alert color="teal" variant="light" title={t('wording.approvedTitle')} data-testid="wording-status" data-status="approved">
      {t('wording.approvedText', { date })}
    </Alert>
  );
}
