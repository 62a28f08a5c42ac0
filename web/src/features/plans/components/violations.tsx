import { List } from '@mantine/core';
import type { PlanRuleViolation } from '@relance/contracts/plans';
import { formatDate, formatMoney, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { plansMessages } from '../messages.ts';

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A broken plan rule in plain words, with its numbers (packages/domain validatePlan). */
export function violationText(t: Translate<MessageKey<typeof plansMessages>>, violation: PlanRuleViolation, currency: string): string {
  const money = (value: unknown) => formatMoney(num(value), currency, t.locale);
  const v = violation as Record<string, unknown>;
  switch (violation.code) {
    case 'duration_exceeded':
      return t('plan.violation.duration_exceeded', {
        lastDueDate: formatDate(text(v.lastDueDate), t.locale),
        latestAllowed: formatDate(text(v.latestAllowed), t.locale),
        maxDurationMonths: num(v.maxDurationMonths),
      });
    case 'installment_below_minimum':
      return t('plan.violation.installment_below_minimum', {
        index: num(v.index),
        amount: money(v.amountCents),
        minimum: money(v.minInstallmentCents),
      });
    case 'too_many_installments':
      return t('plan.violation.too_many_installments', { installments: num(v.installments), maxInstallments: num(v.maxInstallments) });
    case 'discount_exceeded':
      return t('plan.violation.discount_exceeded', { discount: money(v.discountCents), maxPercent: num(v.maxDiscountPercent) });
    case 'amount_needs_manager':
      return t('plan.violation.amount_needs_manager', { debt: money(v.debtCents), threshold: money(v.managerApprovalAboveCents) });
    case 'duration_needs_manager':
      return t('plan.violation.duration_needs_manager', { months: num(v.managerApprovalAboveMonths) });
    case 'first_due_outside_window':
      return t('plan.violation.first_due_outside_window', { firstDate: formatDate(text(v.firstDate), t.locale), latest: formatDate(text(v.latest), t.locale) });
    default:
      return String((violation as { code: string }).code);
  }
}

export function ViolationList({ violations, currency }: { violations: readonly PlanRuleViolation[]; currency: string }) {
  const t = useT(plansMessages);
  if (violations.length === 0) return null;
  return (
    <List size="sm" spacing={2} c="orange.9">
      {violations.map((violation, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a violation has no id; the list is replaced whole
        <List.Item key={`${violation.code}-${index}`} data-testid="plan-violation" data-code={violation.code}>
          {violationText(t, violation, currency)}
        </List.Item>
      ))}
    </List>
  );
}
