import { Badge } from '@mantine/core';
import type { CaseSummary } from '@relance/contracts/cases';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';

type CaseStatus = CaseSummary['status'];

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

/** The case's status; a closed case says how it ended ("Clos · payé"), in teal when paid. */
export function StatusBadge({ status, outcome = null }: { status: CaseStatus; outcome?: CaseSummary['closedOutcome'] }) {
  const t = useT(staffMessages);
  const label = t.dyn(`status.${status}`, status);
  const color = status === 'closed' && outcome === 'paid' ? 'teal' : (colors[status] ?? 'gray');
  return (
    <Badge color={color} variant="light" data-testid="case-status" data-status={status} data-outcome={outcome ?? undefined} styles={{ label: { textTransform: 'none' } }}>
      {status === 'closed' && outcome ? `${label} · ${t.dyn(`closedOutcome.${outcome}`, label)}` : label}
    </Badge>
  );
}
