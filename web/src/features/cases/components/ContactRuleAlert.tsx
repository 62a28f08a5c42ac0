import { Alert, List, Text } from '@mantine/core';
import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../../../shared/i18n.ts';
import { contactCheckOptions, describeContactRule, describeNextAllowed } from '../api/case-work.ts';
import { casesMessages } from '../messages.ts';

/** Before calling: the contact rules a call now would break, and whether logging it warns or is refused. */
export function ContactRuleAlert({ caseId }: { caseId: string }) {
  const t = useT(casesMessages);
  const query = useQuery(contactCheckOptions(caseId));
  if (!query.data || query.data.allowed) return null;
  const check = query.data;
  const blocked = check.mode === 'block';
  const next = describeNextAllowed(t, check.nextAllowedAt);
  return (
    <Alert
      color={blocked ? 'red' : 'yellow'}
      variant="light"
      title={blocked ? t('contactRule.blockedTitle') : t('contactRule.warnTitle')}
      data-testid="contact-rule-alert"
      data-mode={check.mode}
    >
      <ContactRuleList reasons={check.reasons} />
      {next && (
        <Text size="xs" mt={4} c="dimmed">
          {next}
        </Text>
      )}
    </Alert>
  );
}

export function ContactRuleList({ reasons }: { reasons: readonly ContactRuleReason[] }) {
  const t = useT(casesMessages);
  return (
    <List size="sm" spacing={2}>
      {reasons.map((reason) => (
        <List.Item key={reason.code} data-testid="contact-rule-reason" data-code={reason.code}>
          {describeContactRule(t, reason)}
        </List.Item>
      ))}
    </List>
  );
}
