import { notifications } from '@mantine/notifications';
import { parseHundredths } from '@relance/domain/money';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../shared/http.ts';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useFieldErrors } from '../../../shared/useFieldErrors.ts';
import { useDirectPayment } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';
import { paymentFieldProblems } from './payment-fields.ts';

const newKey = () => crypto.randomUUID();

/**
 * The creditor's direct payment form: typed text stays text until submit (parseHundredths makes
 * cents of it), one Idempotency-Key per payment (a double click or a retry never records it twice),
 * and the server's payment_above_balance asks for an explicit "this is an overpayment".
 */
export function useDirectPaymentForm(caseId: string, today: string, onDone: () => void) {
  const t = useT(casesMessages);
  const mutation = useDirectPayment(caseId);
  const [key, setKey] = useState(newKey);
  const [amount, setAmountText] = useState('');
  const [date, setDateText] = useState('');
  const [claimRef, setClaimRef] = useState('');
  const [overpayment, setOverpaymentFlag] = useState(false);
  const problems = useFieldErrors<'amount' | 'date'>();
  const aboveBalance = mutation.error instanceof ApiError && mutation.error.code === 'payment_above_balance' ? mutation.error : null;
  const shownDate = date || today;
  const cents = parseHundredths(amount, '€');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found = paymentFieldProblems(cents, shownDate, today);
    const next: typeof problems.errors = {
      ...(found.amount ? { amount: t(found.amount) } : {}),
      ...(found.date ? { date: t(found.date) } : {}),
    };
    problems.setErrors(next);
    if (next.amount || next.date || cents === null) return;
    mutation.mutate(
      { idempotencyKey: key, body: { date: shownDate, amountCents: cents, ...(claimRef ? { claimRef } : {}), ...(overpayment ? { overpayment: true } : {}) } },
      {
        onSuccess: (payment) => {
          notifications.show({ color: 'teal', message: t('directPayment.done', { amount: formatMoney(payment.amountCents, payment.currency, t.locale) }) });
          setAmountText('');
          setDateText('');
          setClaimRef('');
          setOverpaymentFlag(false);
          setKey(newKey());
          onDone();
        },
      },
    );
  }

  return {
    mutation,
    problems,
    cents,
    aboveBalance,
    amount,
    shownDate,
    claimRef,
    overpayment,
    submit,
    setClaimRef,
    setAmount(value: string) {
      setAmountText(value);
      problems.clear('amount');
    },
    setDate(value: string) {
      setDateText(value);
      problems.clear('date');
    },
    setOverpayment(checked: boolean) {
      setOverpaymentFlag(checked);
      setKey(newKey());
    },
  };
}
