import { Badge } from '@mantine/core';
import type { CaseStatus } from '@relance/contracts/cases';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';

const colors: Record<CaseStatus, string> = {
  new: 'blue',
  amicable: 'indigo',
  promise: 'teal',
  payment_plan: 'cyan',
  disputed: 'orange',
  legal: 'grape',
  bailiff: 'red',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const t = useT(staffMessages);
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" data-testid="case-status" data-status={status}>
      {t.dyn(`status.${status}`, status)}
    </Badge>
  );
}
