import { List } from '@mantine/core';
import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import { describeGateReason, gateReasonMessages } from '../gate-reasons.ts';
import { useT } from '../i18n.ts';

/** The legal gate's reasons, one item each (data-code carries the API code). */
export function GateReasonList({ reasons }: { reasons: readonly ContactRuleReason[] }) {
  const t = useT(gateReasonMessages);
  return (
    <List size="sm" spacing={2}>
      {reasons.map((reason) => (
        <List.Item key={reason.code} data-testid="contact-rule-reason" data-code={reason.code}>
          {describeGateReason(t, reason)}
        </List.Item>
      ))}
    </List>
  );
}
