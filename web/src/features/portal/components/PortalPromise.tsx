import type { PortalPlans } from '@relance/contracts/portal-plans';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { makePromise, parseAmountCents, payAmount } from '../api/plans.ts';
import { portalMessages } from '../messages.ts';
import { portalPlansMessages } from '../messages-plans.ts';
import { problemText, useSubmission } from './portal-submit.ts';

// "Vous paierez plus tard ?": the debtor promises an amount by a date within the creditor's limits
// (at least the minimum or the whole balance, within N days); once made, the card says what they
// committed to and offers to pay that amount now.

export function PortalPromise({ data, token, onChange }: { data: PortalPlans; token: string; onChange: () => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  if (data.promise) return <PromiseSummary promise={data.promise} token={token} />;
  if (data.promiseRules.unavailable) return null;
  return <PromiseForm rules={data.promiseRules} currency={data.choice.currency} token={token} onDone={onChange} title={t('promise.title')} />;
}

function PromiseSummary({ promise, token }: { promise: NonNullable<PortalPlans['promise']>; token: string }) {
  const t = useT(portalMessages, portalPlansMessages);
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const amount = formatMoney(promise.amountCents, promise.currency, t.locale);

  async function pay() {
    setPaying(true);
    setError(null);
    try {
      window.location.assign((await payAmount(token, promise.amountCents)).checkoutUrl);
    } catch (caught) {
      setError(caught);
      setPaying(false);
    }
  }

  return (
    <section className="p-card pp" data-testid="portal-promise" aria-labelledby="portal-promise-title">
      <h2 id="portal-promise-title">{t('promise.title')}</h2>
      <p data-testid="portal-promise-summary" data-cents={promise.amountCents} data-due-on={promise.dueOn}>
        {t('promise.summary', { amount, date: formatDate(promise.dueOn, t.locale) })}
      </p>
      <button type="button" className="p-pay" onClick={() => void pay()} disabled={paying} data-testid="portal-promise-pay">
        {paying ? t('promise.redirecting') : t('promise.pay', { amount })}
      </button>
      {error != null && (
        <div className="p-banner err pp-alert" role="alert" data-testid="portal-promise-pay-error">
          {errorMessage(error)}
        </div>
      )}
    </section>
  );
}

function PromiseForm({
  rules,
  currency,
  token,
  onDone,
  title,
}: {
  rules: PortalPlans['promiseRules'];
  currency: string;
  token: string;
  onDone: () => void;
  title: string;
}) {
  const t = useT(portalMessages, portalPlansMessages);
  const money = (cents: number) => formatMoney(cents, currency, t.locale);
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState(rules.latest);
  const [invalid, setInvalid] = useState<string | null>(null);
  const amountCents = parseAmountCents(amount);
  const send = useSubmission((key) => makePromise(token, { amountCents: amountCents ?? 0, dueOn }, key), onDone);

  function submit(event: FormEvent) {
    event.preventDefault();
    const inRange = amountCents !== null && amountCents <= rules.maxAmountCents && (amountCents >= rules.minAmountCents || amountCents === rules.maxAmountCents);
    if (!inRange) return setInvalid(t('promise.amountRange', { min: money(rules.minAmountCents), max: money(rules.maxAmountCents) }));
    if (dueOn < rules.earliest || dueOn > rules.latest) return setInvalid(t('plans.dateInvalid'));
    setInvalid(null);
    void send.submit();
  }

  const problem = invalid ?? (send.error != null ? problemText(t, send.error) : null);
  return (
    <section className="p-card pp" data-testid="portal-promise" aria-labelledby="portal-promise-title">
      <h2 id="portal-promise-title">{title}</h2>
      <p className="p-small p-muted">
        {t('promise.help', { min: money(rules.minAmountCents), max: money(rules.maxAmountCents), latest: formatDate(rules.latest, t.locale) })}
      </p>
      <form className="pp-form" onSubmit={submit} noValidate data-testid="portal-promise-form">
        <div className="pp-row">
          <div className="pp-field">
            <label htmlFor="portal-promise-amount">{t('promise.amount')}</label>
            <input
              id="portal-promise-amount"
              inputMode="decimal"
              autoComplete="off"
              maxLength={15}
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              aria-describedby={problem ? 'portal-promise-error' : undefined}
              data-testid="portal-promise-amount"
            />
          </div>
          <div className="pp-field">
            <label htmlFor="portal-promise-date">{t('promise.date')}</label>
            <input
              id="portal-promise-date"
              type="date"
              min={rules.earliest}
              max={rules.latest}
              value={dueOn}
              onChange={(event) => setDueOn(event.target.value)}
              data-testid="portal-promise-date"
            />
          </div>
        </div>
        {problem && (
          <div className="p-banner err pp-alert" role="alert" id="portal-promise-error" data-testid="portal-promise-error">
            {problem}
          </div>
        )}
        <button type="submit" className="p-pay" disabled={send.busy} data-testid="portal-promise-submit">
          {send.busy ? t('promise.sending') : t('promise.submit')}
        </button>
      </form>
    </section>
  );
}
