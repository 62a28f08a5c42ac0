import '../../../app/portal/pay.css';
import type { VerifiedPortalCase } from '@relance/contracts/portal';
import type { PortalPaymentOptions } from '@relance/contracts/portal-pay';
import { parseHundredths } from '@relance/domain/money';
import { debtorAmountRefusal } from '@relance/domain/portal-payment';
import { type FormEvent, type RefObject, useRef, useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { startCardPayment, usePaymentOptions } from '../api/pay.ts';
import { newIdempotencyKey } from '../api/portal.ts';
import type { Checkout } from '../api/usePortalCase.ts';
import { portalMessages } from '../messages.ts';
import { payMessages } from '../messages-pay.ts';
import { PortalPayOutcome } from './PortalPayOutcome.tsx';
import { PortalTransfer } from './PortalTransfer.tsx';

export type PayChoice = 'balance' | 'installment' | 'other';
export type PayT = ReturnType<typeof useT<[typeof portalMessages, typeof payMessages]>>;

/**
 * "Payer": the whole balance, the next installment of the debtor's plan, or an amount of their
 * choice (checked as the server checks it: the creditor's floor, never above the balance) by card;
 * or a bank transfer with the client-funds account, the RF reference and an EPC QR code. Above them,
 * what became of the last card attempt. `refreshKey` changes when the balance moved after a payment.
 */
export function PortalPay({ data, token, checkout, refreshKey }: { data: VerifiedPortalCase; token: string; checkout: Checkout; refreshKey: unknown }) {
  const t = useT(portalMessages, payMessages);
  const load = usePaymentOptions(token, refreshKey, checkout === 'declined' || checkout === 'success');
  const [choice, setChoice] = useState<PayChoice | null>(null);
  const [typed, setTyped] = useState('');

  if (load.state === 'loading') {
    return (
      <section className="p-card" aria-busy="true" data-testid="portal-pay-section">
        <h2>{t('pay.title')}</h2>
        <p className="p-small p-muted">{t('common.loading')}</p>
      </section>
    );
  }
  if (load.state === 'error') {
    return (
      <section className="p-card" data-testid="portal-pay-section">
        <h2>{t('pay.title')}</h2>
        <p className="p-banner err" role="alert" data-testid="portal-pay-options-error">
          {t('pay.optionsError')}
        </p>
      </section>
    );
  }

  const options = load.data;
  const installmentCents = installmentChoiceOf(options);
  const selected: PayChoice = choice ?? (installmentCents !== null ? 'installment' : 'balance');
  const typedCents = parseHundredths(typed);
  const amountCents = selected === 'balance' ? options.balanceCents : selected === 'installment' ? installmentCents : typedCents;
  const settled = options.balanceCents <= 0;

  return (
    <>
      <section className="p-card pp" data-testid="portal-pay-section" aria-labelledby="portal-pay-title">
        <h2 id="portal-pay-title">{t('pay.title')}</h2>
        <PortalPayOutcome checkout={checkout} options={options} agency={data.agency} />
        {settled ? (
          <p className="p-banner ok" data-testid="portal-pay-settled">
            {t('portal.settled')}
          </p>
        ) : (
          <CardForm
            token={token}
            options={options}
            installmentCents={installmentCents}
            selected={selected}
            onChoice={setChoice}
            typed={typed}
            onTyped={setTyped}
            amountCents={amountCents}
          />
        )}
      </section>
      {!settled && options.transfer && (
        <PortalTransfer transfer={options.transfer} currency={options.currency} choice={selected} amountCents={amountCents} />
      )}
    </>
  );
}

/** What the "next installment" choice pays (at most the balance), or null when there is no plan or it would be the balance itself. */
function installmentChoiceOf(options: PortalPaymentOptions): number | null {
  const next = options.nextInstallment;
  if (!next || next.dueCents <= 0) return null;
  const cents = Math.min(next.dueCents, options.balanceCents);
  return cents < options.balanceCents ? cents : null;
}

type CardFormProps = {
  token: string;
  options: PortalPaymentOptions;
  installmentCents: number | null;
  selected: PayChoice;
  onChoice: (choice: PayChoice) => void;
  typed: string;
  onTyped: (text: string) => void;
  amountCents: number | null;
};

/** The choice of amount and the card button: an amount of the debtor's choice is checked before leaving the page. */
function CardForm({ token, options, installmentCents, selected, onChoice, typed, onTyped, amountCents }: CardFormProps) {
  const t = useT(portalMessages, payMessages);
  const money = (cents: number) => formatMoney(cents, options.currency, t.locale);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [payError, setPayError] = useState<unknown>(null);
  // One key per amount submitted: a double tap or a retry of the same amount opens one checkout.
  const submission = useRef<{ amountCents: number; key: string } | null>(null);
  const amountInput = useRef<HTMLInputElement>(null);
  const inlineError = selected === 'other' ? amountError(t, options, amountCents, money) : null;

  async function pay(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (inlineError || amountCents === null) {
      amountInput.current?.focus();
      return;
    }
    if (submission.current?.amountCents !== amountCents) submission.current = { amountCents, key: newIdempotencyKey() };
    setBusy(true);
    setPayError(null);
    try {
      const { checkoutUrl } = await startCardPayment(token, amountCents, submission.current.key);
      window.location.assign(checkoutUrl);
    } catch (error) {
      setPayError(error);
      setBusy(false);
    }
  }

  const next = options.nextInstallment;
  return (
    <form onSubmit={pay} noValidate className="pp-form">
      <fieldset className="pp-choices">
        <legend>{t('pay.choiceLegend')}</legend>
        <Choice value="balance" selected={selected} onChoice={onChoice} label={t('pay.choiceBalance')} amount={money(options.balanceCents)} />
        {installmentCents !== null && next && (
          <Choice
            value="installment"
            selected={selected}
            onChoice={onChoice}
            label={t('pay.choiceInstallment', { number: next.number, count: next.count, date: formatDate(next.dueOn, t.locale) })}
            amount={money(installmentCents)}
          />
        )}
        <Choice value="other" selected={selected} onChoice={onChoice} label={t('pay.choiceOther')} amount={null} />
        {selected === 'other' && (
          <AmountField
            inputRef={amountInput}
            typed={typed}
            onTyped={onTyped}
            onBlur={() => setTouched(typed.trim() !== '')}
            error={touched ? inlineError : null}
            hint={t('pay.amountHint', { min: money(Math.min(options.minPaymentCents, options.balanceCents)), max: money(options.balanceCents) })}
          />
        )}
      </fieldset>
      <button type="submit" className="p-pay pp-submit" disabled={busy} data-testid="portal-pay" data-amount-cents={amountCents ?? ''}>
        {busy ? t('portal.redirecting') : amountCents !== null && !inlineError ? t('pay.payByCard', { amount: money(amountCents) }) : t('pay.payByCardPlain')}
      </button>
      <p className="p-small p-muted pp-secure">{t('portal.securePayment')}</p>
      {payError != null && (
        <p className="p-banner err" role="alert" data-testid="portal-pay-error">
          {errorMessage(payError)}
        </p>
      )}
    </form>
  );
}

/** The amount of the debtor's choice: labelled, its bounds below it, its error (once left or submitted) read out. */
function AmountField({
  inputRef,
  typed,
  onTyped,
  onBlur,
  error,
  hint,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  typed: string;
  onTyped: (text: string) => void;
  onBlur: () => void;
  error: string | null;
  hint: string;
}) {
  const t = useT(portalMessages, payMessages);
  return (
    <div className="pp-amount">
      <label htmlFor="portal-pay-amount">{t('pay.amountLabel')}</label>
      <input
        id="portal-pay-amount"
        ref={inputRef}
        inputMode="decimal"
        autoComplete="off"
        value={typed}
        maxLength={20}
        onChange={(event) => onTyped(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'portal-pay-amount-hint portal-pay-amount-error' : 'portal-pay-amount-hint'}
        data-testid="portal-pay-amount"
      />
      <p className="p-small p-muted pp-hint" id="portal-pay-amount-hint">
        {hint}
      </p>
      {error && (
        <p className="pp-error" role="alert" id="portal-pay-amount-error" data-testid="portal-pay-amount-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Choice({ value, selected, onChoice, label, amount }: { value: PayChoice; selected: PayChoice; onChoice: (choice: PayChoice) => void; label: string; amount: string | null }) {
  const id = `portal-pay-choice-${value}`;
  return (
    <label className="pp-choice" htmlFor={id}>
      <input type="radio" id={id} name="portal-pay-choice" value={value} checked={selected === value} onChange={() => onChoice(value)} data-testid={id} />
      <span className="pp-choice-label">{label}</span>
      {amount && <span className="pp-choice-amount">{amount}</span>}
    </label>
  );
}

/** The inline error of an amount of the debtor's choice: the server's rule (packages/domain), in the debtor's words. */
function amountError(t: PayT, options: PortalPaymentOptions, cents: number | null, money: (cents: number) => string): string | null {
  if (cents === null || cents <= 0) return t('pay.amountInvalid');
  const refusal = debtorAmountRefusal(cents, {
    balanceCents: options.balanceCents,
    minCents: options.minPaymentCents,
    nextInstallmentDueCents: options.nextInstallment?.dueCents ?? null,
  });
  if (refusal?.code === 'amount_too_high') return t('pay.amountTooHigh', { max: money(options.balanceCents) });
  if (refusal?.code === 'amount_too_low') return t('pay.amountTooLow', { min: money(options.minPaymentCents) });
  return null;
}
