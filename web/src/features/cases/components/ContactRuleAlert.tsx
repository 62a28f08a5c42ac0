import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { GateReasonList } from '../../../shared/components/GateReasonList.tsx';
import { describeNextAllowed, gateReasonMessages } from '../../../shared/gate-reasons.ts';
import { useT } from '../../../shared/i18n.ts';
import { contactCheckOptions } from '../api/case-work.ts';
import { casesMessages } from '../messages.ts';

/** Before calling: the legal gate's verdict on a call now (refused, to put off, or logged with a warning). */
export function ContactRuleAlert({ caseId }: { caseId: string }) {
  const t = useT(casesMessages, gateReasonMessages);
  const query = useQuery(contactCheckOptions(caseId));
  const check = query.data;
  if (!check) return null;
  if (check.decision === 'allowed') {
    if (check.warnings.length === 0) return null;
    return (
      <Alert color="yellow" variant="light" title={t('contactRule.warnTitle')} data-testid="contact-rule-alert" data-mode={check.mode} data-decision="allowed">
        <GateReasonList reasons={check.warnings} />
      </Alert>
    );
  }
  const refused = check.decision === 'refused';
  const next = describeNextAllowed(t, check.nextAllowedAt);
  return (
    <Alert
      color={refused ? 'red' : 'orange'}
      variant="light"
      title={refused ? t('contactRule.blockedTitle') : t('contactRule.deferredTitle')}
      data-testid="contact-rule-alert"
      data-mode={check.mode}
      data-decision={check.decision}
    >
      <GateReasonList reasons={check.reasons} />
      {next && (
        <Text size="xs" mt={4} c="dimmed">
          {next}
        </Text>
      )}
      {check.overridable && (
        <Text size="xs" mt={4} c="dimmed">
          {t('contactRule.managerMayOverride')}
        </Text>
      )}
    </Alert>
  );
}
