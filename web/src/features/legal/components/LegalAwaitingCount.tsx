import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { legalListOptions } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';

/** The nav badge of a creditor's "Procédures": the proposals awaiting its decision (staff see none here). */
export function LegalAwaitingCount() {
  const user = useUser();
  return user.role === 'creditor' ? <CreditorAwaiting /> : null;
}

function CreditorAwaiting() {
  const t = useT(legalMessages);
  const query = useQuery({ ...legalListOptions({ stage: 'awaiting_approval' }), refetchInterval: 60_000 });
  const count = query.data?.items.filter((item) => item.awaiting.includes('creditor')).length ?? 0;
  if (count === 0) return null;
  return (
    <Text span size="xs" fw={700} c="white" bg="orange.6" px={6} style={{ borderRadius: 10 }} aria-label={t('legal.awaitingYourDecision', { count })} data-testid="legal-awaiting-count">
      {formatNumber(count)}
    </Text>
  );
}
