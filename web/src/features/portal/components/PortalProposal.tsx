import type { PortalPlans } from '@relance/contracts/portal-plans';
import { type FormEvent, useState } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { choosePlan, parseAmountCents } from '../api/plans.ts';
import { portalMessages } from '../messages.ts';
import { portalPlansMessages } from '../messages-plans.ts';
import { problemText, useSubmission } from './portal-submit.ts';

// "Proposer un autre échéancier": what the debtor can pay per installment, how often, from when,
// and why. Outside the creditor's rules it goes to an adviser (the approval inbox) and the card
// then says it was sent; inside them it is agreed and the card shows it to accept.

const frequencies = ['monthly', 'biweekly', 'weekly'] as const;
/** A proposal may start later than the window of the plans taken at once: up to a year. */
const latestProposalDays = 365;

type Frequency = (typeof frequencies)[number];

function addDaysIso(date: string, days: number): string {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function PortalProposal({
  choice,
  token,
  onSent,
  onCancel,
}: {
  choice: PortalPlans['choice'];
  token: string;
  onSent: () => void;
  onCancel: (() => void) | null;
}) {
  const t = useT(portalMessages, portalPlansMessages);
  const { amount, setAmount, frequency, setFrequency, firstDate, setFirstDate, reason, setReason, invalid, latest, send, submit } = useProposal(choice, token, onSent);
  const problem = invalid ?? (send.error != null ? problemText(t, send.error) : null);
  return (
    <form className="pp-form" onSubmit={submit} noValidate data-testid="portal-plan-proposal-form" aria-labelledby="portal-proposal-title">
      <h3 id="portal-proposal-title">{t('plans.proposeTitle')}</h3>
      <p className="p-small p-muted">{t('plans.proposeHelp')}</p>
      <div className="pp-field">
        <label htmlFor="portal-proposal-amount">{t('plans.proposeAmount')}</label>
        <input
          id="portal-proposal-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          maxLength={15}
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={invalid === t('plans.amountInvalid') ? true : undefined}
          aria-describedby={problem ? 'portal-proposal-error' : undefined}
          data-testid="portal-proposal-amount"
        />
      </div>
      <FrequencyField value={frequency} onChange={setFrequency} />
      <div className="pp-field">
        <label htmlFor="portal-proposal-first-date">{t('plans.proposeFirstDate')}</label>
        <input
          id="portal-proposal-first-date"
          type="date"
          min={choice.firstDate.earliest}
          max={latest}
          value={firstDate}
          onChange={(event) => setFirstDate(event.target.value)}
          data-testid="portal-proposal-first-date"
        />
      </div>
      <ReasonField value={reason} onChange={setReason} />
      {problem && (
        <div className="p-banner err pp-alert" role="alert" id="portal-proposal-error" data-testid="portal-proposal-error">
          {problem}
        </div>
      )}
      <div className="pp-actions">
        <button type="submit" className="p-pay" disabled={send.busy} data-testid="portal-proposal-submit">
          {send.busy ? t('plans.proposeSending') : t('plans.proposeSubmit')}
        </button>
        {onCancel && (
          <button type="button" className="pp-secondary" onClick={onCancel} data-testid="portal-proposal-cancel">
            {t('plans.proposeCancel')}
          </button>
        )}
      </div>
    </form>
  );
}


function FrequencyField({ value, onChange }: { value: Frequency; onChange: (value: Frequency) => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  return (
    <div className="pp-field">
      <label htmlFor="portal-proposal-frequency">{t('plans.proposeFrequency')}</label>
      <select id="portal-proposal-frequency" value={value} onChange={(event) => onChange(event.target.value as Frequency)} data-testid="portal-proposal-frequency">
        {frequencies.map((item) => (
          <option key={item} value={item}>
            {t(`plans.frequency.${item}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ReasonField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  return (
    <div className="pp-field">
      <label htmlFor="portal-proposal-reason">{t('plans.proposeReason')}</label>
      <textarea id="portal-proposal-reason" rows={3} maxLength={1000} value={value} onChange={(event) => onChange(event.target.value)} data-testid="portal-proposal-reason" />
    </div>
  );
}

/** The proposal's fields, checked before it goes (an amount up to the balance, a first date within a year). */
function useProposal(choice: PortalPlans['choice'], token: string, onSent: () => void) {
  const t = useT(portalMessages, portalPlansMessages);
  const [amount, setAmount] = useState('');
  const [frequency, setFrequency] = useState<Frequency>('monthly');
  const [firstDate, setFirstDate] = useState(choice.firstDate.suggested);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const latest = addDaysIso(choice.firstDate.earliest, latestProposalDays);
  const amountCents = parseAmountCents(amount);
  const send = useSubmission(
    (key) =>
      choosePlan(
        token,
        { choice: 'proposal', installments: { amountCents: amountCents ?? 0 }, frequency, firstDate, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        key,
      ),
    onSent,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (amountCents === null || amountCents <= 0 || amountCents > choice.balanceCents) return setInvalid(t('plans.amountInvalid'));
    if (firstDate < choice.firstDate.earliest || firstDate > latest) return setInvalid(t('plans.dateInvalid'));
    setInvalid(null);
    void send.submit();
  }

  return { amount, setAmount, frequency, setFrequency, firstDate, setFirstDate, reason, setReason, invalid, latest, send, submit };
}
