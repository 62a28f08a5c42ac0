import { Alert, Anchor, List, Text } from '@mantine/core';
import type { AgencyProblem, AgencyWarning } from '@relance/contracts/agency';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { agencyOptions } from '../api/agency.ts';
import { agencyMessages } from '../messages.ts';

export function problemText(t: Translate<MessageKey<typeof agencyMessages>>, problem: AgencyProblem): string {
  return t.dyn(`agency.problem.${problem.code}`, problem.code).replace('{date}', formatDate(problem.date, t.locale));
}

export function warningText(t: Translate<MessageKey<typeof agencyMessages>>, warning: AgencyWarning): string {
  return t('agency.warning.insurance_expiring_soon', { date: formatDate(warning.date, t.locale), days: warning.daysLeft });
}

/**
 * Shown on every staff screen: while the R124-2 records are incomplete or out of date the API
 * refuses intake (imports, new cases), so everyone should know why and where to fix it.
 */
export function AgencyStatusAlert({ linkToProfile = true }: { linkToProfile?: boolean }) {
  const t = useT(agencyMessages);
  const query = useQuery(agencyOptions());
  if (!query.data) return null;
  const { status } = query.data;
  if (!status.compliant) {
    return (
      <Alert color="red" variant="light" title={t('agency.alertTitle')} mb="md" data-testid="agency-alert" data-level="blocking">
        <Text size="sm">{t('agency.alertText')}</Text>
        <List size="sm" mt={4} mb={linkToProfile ? 6 : 0}>
          {status.problems.map((problem) => (
            <List.Item key={`${problem.code}:${problem.field}`}>{problemText(t, problem)}</List.Item>
          ))}
        </List>
        {linkToProfile && (
          <Anchor component={Link} to="/agency" size="sm" fw={600}>
            {t('agency.alertLink')} →
          </Anchor>
        )}
      </Alert>
    );
  }
  if (status.expiringSoon && status.warnings.length > 0) {
    return (
      <Alert color="yellow" variant="light" title={t('agency.warningTitle')} mb="md" data-testid="agency-alert" data-level="warning">
        <List size="sm" mb={linkToProfile ? 6 : 0}>
          {status.warnings.map((warning) => (
            <List.Item key={`${warning.code}:${warning.field}`}>{warningText(t, warning)}</List.Item>
          ))}
        </List>
        {linkToProfile && (
          <Anchor component={Link} to="/agency" size="sm" fw={600}>
            {t('agency.alertLink')} →
          </Anchor>
        )}
      </Alert>
    );
  }
  return null;
}
