import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatNumber, useT } from '../../../shared/i18n.ts';
import { consultationsOptions } from '../api/consultations.ts';
import { consultationsMessages } from '../messages.ts';

/** The nav badge of the creditor's "Consultations": how many questions await its answer. */
export function ConsultationsCount() {
  const t = useT(consultationsMessages);
  const query = useQuery({ ...consultationsOptions({ status: 'open' }), refetchInterval: 60_000 });
  const count = query.data?.items.length ?? 0;
  if (count === 0) return null;
  return (
    <Text span size="xs" fw={700} c="white" bg="orange.6" px={6} style={{ borderRadius: 10 }} aria-label={t('consultations.count', { count })} data-testid="consultations-count">
      {formatNumber(count)}
    </Text>
  );
}
