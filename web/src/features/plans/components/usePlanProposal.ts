import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { PlanProposalBody } from '@relance/contracts/plans';
import { parseHundredths } from '@relance/domain/money';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { isBusinessDate } from '../../../shared/dates.ts';
import { describeGateReason, gateReasonMessages } from '../../../shared/gate-reasons.ts';
import { useT } from '../../../shared/i18n.ts';
import { planPreviewOptions, useProposePlan } from '../api/plans.ts';
import { plansMessages } from '../messages.ts';

export type Frequency = PlanProposalBody['frequency'];
export const frequencies: readonly Frequency[] = ['monthly', 'biweekly', 'weekly'];

/** "YYYY-MM-DD" + days, as a calendar date (UTC arithmetic: no time zone involved). */
function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Optional amount field: '' = not given, null = not a valid amount. */
export function optionalCents(input: string): number | undefined | null {
  if (!input.trim()) return undefined;
  return parseHundredths(input, '€');
}

export interface Fields {
  total: string;
  downPayment: string;
  mode: 'count' | 'amount';
  count: string;
  installmentAmount: string;
  frequency: Frequency;
  firstDate: string;
  discount: string;
  note: string;
}

/** The proposal the fields describe, or the names of the fields that are not valid yet. */
function proposalOf(fields: Fields): { body: PlanProposalBody | null; invalid: Set<keyof Fields> } {
  const invalid = new Set<keyof Fields>();
  const total = optionalCents(fields.total);
  const downPayment = optionalCents(fields.downPayment);
  const discount = optionalCents(fields.discount);
  if (total === null || total === 0) invalid.add('total');
  if (downPayment === null || downPayment === 0) invalid.add('downPayment');
  if (discount === null) invalid.add('discount');
  let installments: PlanProposalBody['installments'] | null = null;
  if (fields.mode === 'count') {
    const count = Number(fields.count);
    if (fields.count.trim() && (!Number.isInteger(count) || count < 1 || count > 600)) invalid.add('count');
    else if (fields.count.trim()) installments = { count };
  } else {
    const amount = optionalCents(fields.installmentAmount);
    if (amount === null || amount === 0) invalid.add('installmentAmount');
    else if (amount !== undefined) installments = { amountCents: amount };
  }
  if (invalid.size > 0 || !installments || !isBusinessDate(fields.firstDate)) return { body: null, invalid };
  return {
    body: {
      installments,
      frequency: fields.frequency,
      firstDate: fields.firstDate,
      ...(total ? { totalCents: total } : {}),
      ...(downPayment ? { downPaymentCents: downPayment } : {}),
      ...(discount ? { discountCents: discount } : {}),
      ...(fields.note.trim() ? { note: fields.note.trim() } : {}),
    },
    invalid,
  };
}

/**
 * The plan form's state: the fields, the proposal they describe, its schedule previewed by the
 * server as the agent types (debounced), and the submission.
 */
export function usePlanProposal(caseId: string, today: string) {
  const t = useT(plansMessages);
  const g = useT(gateReasonMessages);
  const [fields, setFields] = useState<Fields>(() => ({
    total: '',
    downPayment: '',
    mode: 'count',
    count: '',
    installmentAmount: '',
    frequency: 'monthly',
    firstDate: addDays(today, 7),
    discount: '',
    note: '',
  }));
  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((current) => ({ ...current, [name]: value }));
  const { body, invalid } = useMemo(() => proposalOf(fields), [fields]);
  // The note does not change the schedule: leave it out of the preview so typing it costs no call.
  const previewBody = useMemo(() => (body ? { ...body, note: undefined } : null), [body]);
  const [debouncedBody] = useDebouncedValue(previewBody, 400);
  const preview = useQuery(planPreviewOptions(caseId, debouncedBody));
  const propose = useProposePlan(caseId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body || propose.isPending) return;
    propose.mutate(body, {
      onSuccess: (plan) => {
        const warnings = plan.warnings ?? [];
        notifications.show({
          color: warnings.length > 0 ? 'yellow' : 'teal',
          ...(warnings.length > 0 ? { title: t('plan.proposedWithWarning') } : {}),
          message: [`${t('plan.submitted')} ${t.dyn(`plan.status.${plan.status}`, plan.status)}`, ...warnings.map((reason) => describeGateReason(g, reason))].join(' · '),
          autoClose: warnings.length > 0 ? 8000 : 3000,
        });
        setFields((current) => ({ ...current, total: '', downPayment: '', count: '', installmentAmount: '', discount: '', note: '' }));
      },
    });
  }

  return { fields, set, body, invalid, preview, propose, submit };
}

export type PlanProposal = ReturnType<typeof usePlanProposal>;
