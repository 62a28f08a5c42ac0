import { Alert, Text } from '@mantine/core';
import type { CaseDetail } from '@relance/contracts/cases';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';

/** The creditor's mandate is not in force (R124-3): every contact on the case is suspended. */
export function MandateAlert({ detail }: { detail: CaseDetail }) {
  const t = useT(casesMessages);
  const mandate = detail.creditorMandate;
  if (mandate.state === 'in_force') return null;
  const since =
    mandate.state === 'revoked' && mandate.revokedAt
      ? t('case.mandate.revokedOn', { date: formatDateTime(mandate.revokedAt, t.locale) })
      : mandate.state === 'expired' && mandate.validUntil
        ? t('case.mandate.expiredOn', { date: formatDate(mandate.validUntil, t.locale) })
        : t('case.mandate.notStarted');
  return (
    <Alert color="red" variant="filled" title={t('case.mandate.title')} data-testid="mandate-alert" data-state={mandate.state}>
      <Text size="sm">
        {since} {t('case.mandate.suspended', { creditor: detail.creditorName })}
      </Text>
    </Alert>
  );
}
