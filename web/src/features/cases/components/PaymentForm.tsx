import { Button, Checkbox, NativeSelect, Paper, Stack, } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PaymentMethod } from '@relance/contracts/cases';
import { parseHundredths } from '@relance/domain/money';
import { type FormEvent, useState } from 'react';
import { AmountDateFields } from '../../../shared/components/AmountDateFields.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { TitleWithHelp } from '../../../shared/components/TitleWithHelp.tsx';
import { ApiError } from '../../../shared/http.ts';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useFieldErrors } from '../../../shared/useFieldErrors.ts';
import { useRecordPayment } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';
import { paymentFieldProblems } from './payment-fields.ts';

// The order agents meet them in: most payments outside the portal are transfers and cheques.
const methods: readonly PaymentMethod[] = ['transfer', 'cheque', 'card', 'other', 'direct_to_creditor'];

/** A fresh key per form "opening": a double click or a retry replays, a new payment gets a new key. */
const newIdempotencyKey = () => crypto.randomUUID();

export function PaymentForm({
  caseId,
  claimRefs,
  currency,
  today,
}: {
  caseId: string;
  claimRefs: readonly string[];
  currency: string;
  /** Default date: today in the agency's time zone. */
  today: string;
}) {
  const t = useT(casesMessages);
  const form = usePaymentForm(caseId, today);
  const { mutation, problems, cents, aboveBalance, overpayment } = form;
  const balanceDueCents = (aboveBalance?.details as { balanceDueCents?: number } | undefined)?.balanceDueCents;

  return (
    <Paper p="md">
      <form onSubmit={form.submit} noValidate data-testid="payment-form">
        <Stack gap="sm">
          <TitleWithHelp title={t('payment.title')} help={t('payment.help')} />
          <AmountDateFields
            amount={{
              label: t('payment.amount'),
              placeholder: t('payment.amountPlaceholder'),
              value: form.amount,
              onChange: form.setAmount,
              error: problems.errors.amount,
              description:
                cents !== null && cents > 0 && !problems.errors.amount
                  ? t('payment.amountPreview', { amount: formatMoney(cents, currency, t.locale) })
                  : undefined,
              testId: 'payment-amount',
            }}
            date={{ label: t('payment.date'), value: form.shownDate, max: today, onChange: form.setDate, error: problems.errors.date, testId: 'payment-date' }}
          />
          <NativeSelect
            label={t('payment.method')}
            value={form.method}
            onChange={(event) => form.setMethod(event.currentTarget.value as PaymentMethod)}
            data={methods.map((value) => ({ value, label: t.dyn(`payment.method.${value}`, value) }))}
            data-testid="payment-method"
          />
          <NativeSelect
            label={t('payment.claim')}
            description={t('payment.claimHelp')}
            value={form.claimRef}
            onChange={(event) => form.setClaimRef(event.currentTarget.value)}
            data={[{ value: '', label: t('payment.claimNone') }, ...claimRefs.map((ref) => ({ value: ref, label: ref }))]}
            data-testid="payment-claim"
          />
          {mutation.isError && !(aboveBalance && overpayment) && <ErrorState error={mutation.error} />}
          {(aboveBalance || overpayment) && (
            <Checkbox
              label={t('payment.overpayment')}
              description={balanceDueCents === undefined ? undefined : t('payment.overpaymentHelp', { balance: formatMoney(balanceDueCents, currency, t.locale) })}
              checked={overpayment}
              onChange={(event) => form.setOverpayment(event.currentTarget.checked)}
              data-testid="payment-overpayment"
            />
          )}
          <Button type="submit" loading={mutation.isPending} data-testid="payment-submit" style={{ alignSelf: 'flex-end' }}>
            {t('payment.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** The payment form's state, its checks and the recording (idempotent: one key per payment). */
function usePaymentForm(caseId: string, today: string) {
  const t = useT(casesMessages);
  const mutation = useRecordPayment(caseId);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [date, setDate] = useState('');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('transfer');
  const [claimRef, setClaimRef] = useState('');
  const problems = useFieldErrors<'amount' | 'date'>();
  // Above the balance due the server asks for a confirmation (payment_above_balance): the payment is
  // then recorded as an overpayment, the excess to be refunded.
  const [overpayment, setOverpayment] = useState(false);
  const aboveBalance = mutation.error instanceof ApiError && mutation.error.code === 'payment_above_balance' ? mutation.error : null;

  const shownDate = date || today;
  const cents = parseHundredths(amount, '€');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found = paymentFieldProblems(cents, shownDate, null);
    const next: typeof problems.errors = {
      ...(found.amount ? { amount: t(found.amount) } : {}),
      ...(found.date ? { date: t(found.date) } : {}),
    };
    problems.setErrors(next);
    if (next.amount || next.date || cents === null) return;
    mutation.mutate(
      {
        idempotencyKey,
        body: { date: shownDate, amountCents: cents, method, ...(claimRef ? { claimRef } : {}), ...(overpayment ? { overpayment: true } : {}) },
      },
      {
        onSuccess: (payment) => {
          notifications.show({
            color: 'teal',
            message: t('payment.saved', { amount: formatMoney(payment.amountCents, payment.currency, t.locale) }),
            autoClose: 3000,
          });
          // The next payment is another operation: reset the form and take a new key.
          setAmount('');
          setClaimRef('');
          setDate('');
          setOverpayment(false);
          setIdempotencyKey(newIdempotencyKey());
        },
      },
    );
  }

  return {
    mutation,
    problems,
    cents,
    aboveBalance,
    overpayment,
    amount,
    shownDate,
    method,
    claimRef,
    setMethod,
    setClaimRef,
    submit,
    setAmount(value: string) {
      setAmount(value);
      problems.clear('amount');
    },
    setDate(value: string) {
      setDate(value);
      problems.clear('date');
    },
    setOverpayment(checked: boolean) {
      setOverpayment(checked);
      // A new decision is a new request: the refused one's key must not be replayed.
      setIdempotencyKey(newIdempotencyKey());
    },
  };
}
