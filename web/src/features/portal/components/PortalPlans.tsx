import '../../../app/portal/plans.css';
import type { PortalPlan, PortalPlanOption, PortalPlans as PortalPlansData } from '@relance/contracts/portal-plans';
import { useEffect, useState } from 'react';
import { todayInParis } from '../../../shared/dates.ts';
import { ApiError } from '../../../shared/http.ts';
import { formatDate, formatInstantDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { acceptPlan, choosePlan, fetchPortalPlans } from '../api/plans.ts';
import { portalMessages } from '../messages.ts';
import { portalPlansMessages } from '../messages-plans.ts';
import { PortalPromise } from './PortalPromise.tsx';
import { PortalProposal } from './PortalProposal.tsx';
import { type PlansT, problemText, useSubmission } from './portal-submit.ts';

// "Payer en plusieurs fois": the plan the agency offered (accept it), the plan running (its
// installments and the agreement letter), the proposal waiting for an adviser, or the plans the
// creditor's rules let the debtor take at once (radio cards, first date in the window) and a form
// to propose another. The terms shown are accepted with their digest (the server keeps the proof).

const openStatuses = ['pending_approval', 'agreed_pending_acceptance', 'active'];
/** The gate's codes that leave nothing to say in this card (the balance card says it, or the plan shows). */
const silent = ['plan_already_open', 'nothing_to_pay', 'nothing_due'];

export function PortalPlans({ token }: { token: string }) {
  const t = useT(portalMessages, portalPlansMessages);
  const [firstDate, setFirstDate] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [data, setData] = useState<PortalPlansData | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the locale re-fetches the commitment in the debtor's language; `generation` after a change
  useEffect(() => {
    const controller = new AbortController();
    fetchPortalPlans(token, firstDate, controller.signal)
      .then((answer) => {
        setData(answer);
        setFailed(false);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [token, firstDate, generation, t.locale]);

  const reload = () => setGeneration((value) => value + 1);
  if (failed || !data) {
    return (
      <section className="p-card" data-testid="portal-plans">
        <h2>{t('plans.title')}</h2>
        <p className="p-small p-muted" role={failed ? 'alert' : undefined}>
          {failed ? t('plans.loadError') : t('common.loading')}
        </p>
      </section>
    );
  }
  const open = data.items.find((plan) => openStatuses.includes(plan.status));
  const refused = data.items.filter((plan) => plan.status === 'refused');
  const hidden = !open && refused.length === 0 && data.choice.unavailable !== null && silent.includes(data.choice.unavailable.code);
  return (
    <>
      {!hidden && (
        <section className="p-card pp" data-testid="portal-plans" aria-labelledby="portal-plans-title">
          <h2 id="portal-plans-title">{t('plans.title')}</h2>
          {!open &&
            refused.map((plan) => (
              <p key={plan.id} className="p-banner warn" data-testid="portal-plan-refused">
                {t('plans.refused', { date: formatInstantDate(plan.proposedAt, t.locale) })}
              </p>
            ))}
          {open ? <PlanState plan={open} token={token} onChange={reload} /> : <PlanChoice data={data} token={token} onDate={setFirstDate} onChange={reload} />}
        </section>
      )}
      <PortalPromise data={data} token={token} onChange={reload} />
    </>
  );
}

function PlanState({ plan, token, onChange }: { plan: PortalPlan; token: string; onChange: () => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  const summary = t('plans.summary', { total: formatMoney(plan.totalCents, plan.currency, t.locale), count: plan.installments.length });
  if (plan.status === 'pending_approval') {
    return (
      <div className="p-banner ok" role="status" data-testid="portal-plan-pending">
        {t('plans.pendingTitle')}
        <small>{t('plans.pendingHelp', { date: formatInstantDate(plan.proposedAt, t.locale), summary })}</small>
      </div>
    );
  }
  if (plan.status === 'agreed_pending_acceptance') return <OfferedPlan plan={plan} token={token} onChange={onChange} />;
  return <ActivePlan plan={plan} />;
}

/** A plan the agency (or a manager, on the debtor's proposal) agreed: the debtor accepts it with the terms shown. */
function OfferedPlan({ plan, token, onChange }: { plan: PortalPlan; token: string; onChange: () => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  const accept = useSubmission((key) => acceptPlan(token, plan.id, plan.terms?.digest ?? '', key), onChange);
  const payments = plan.installments.map((installment) => ({ index: installment.index, dueOn: installment.dueOn, amountCents: installment.amountCents }));
  return (
    <div data-testid="portal-plan-offered">
      <h3>{t('plans.offeredTitle')}</h3>
      <p className="p-muted p-small">{t('plans.offeredHelp')}</p>
      <Schedule payments={payments} currency={plan.currency} />
      <LetterLink plan={plan} />
      {plan.terms && (
        <AcceptBox t={t} commitment={plan.terms.commitment} submission={accept} testId="portal-plan-accept" onRetry={onChange} />
      )}
    </div>
  );
}

/** The commitment in full, the button that accepts it, and what went wrong. */
function AcceptBox({
  t,
  commitment,
  submission,
  testId,
  onRetry,
}: {
  t: PlansT;
  commitment: string;
  submission: ReturnType<typeof useSubmission<PortalPlan>>;
  testId: string;
  onRetry: () => void;
}) {
  // Terms changed since they were shown: the card reloads them for the debtor to read again.
  async function accept() {
    const error = await submission.submit();
    if (error instanceof ApiError && error.code === 'plan_terms_changed') onRetry();
  }
  return (
    <div className="pp-accept">
      <p className="pp-commitment-label">{t('plans.commitmentLabel')}</p>
      <p className="pp-commitment" data-testid={`${testId}-commitment`}>
        {commitment}
      </p>
      <button type="button" className="p-pay" onClick={() => void accept()} disabled={submission.busy} data-testid={testId}>
        {submission.busy ? t('plans.accepting') : t('plans.accept')}
      </button>
      {submission.error != null && (
        <div className="p-banner err pp-alert" role="alert" data-testid={`${testId}-error`}>
          {problemText(t, submission.error)}
        </div>
      )}
    </div>
  );
}

/** The plans the rules allow: the first date, the radio cards, the schedule of the one picked and its terms. */
function PlanChoice({ data, token, onDate, onChange }: { data: PortalPlansData; token: string; onDate: (date: string) => void; onChange: () => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  const { choice } = data;
  const [selected, setSelected] = useState<string | null>(null);
  const [proposing, setProposing] = useState(false);
  const option = choice.options.find((item) => item.id === selected) ?? null;
  const choose = useSubmission(
    (key) => choosePlan(token, { choice: 'option', optionId: option?.id ?? '', firstDate: choice.firstDate.chosen, termsDigest: option?.terms.digest ?? '' }, key),
    onChange,
  );
  if (choice.unavailable) {
    if (silent.includes(choice.unavailable.code)) return null;
    return (
      <p className="p-banner warn" data-testid="portal-plans-unavailable" data-code={choice.unavailable.code}>
        {t.dyn(`plans.unavailable.${choice.unavailable.code}`, t('plans.unavailable.other'))}
      </p>
    );
  }
  const noOption = choice.options.length === 0;
  return (
    <>
      {noOption ? (
        <p className="p-muted" data-testid="portal-plans-no-option">
          {t('plans.noOption')}
        </p>
      ) : (
        <OptionPicker choice={choice} selected={selected} onSelect={setSelected} onDate={onDate} />
      )}
      {option && (
        <div data-testid="portal-plan-selected" data-option-id={option.id}>
          <h4 className="pp-subtitle">{t('plans.scheduleOf')}</h4>
          <Schedule payments={option.payments} currency={choice.currency} />
          <AcceptBox t={t} commitment={option.terms.commitment} submission={choose} testId="portal-plan-choose" onRetry={onChange} />
        </div>
      )}
      {noOption || proposing ? (
        <PortalProposal choice={choice} token={token} onSent={onChange} onCancel={noOption ? null : () => setProposing(false)} />
      ) : (
        <button type="button" className="pp-secondary" onClick={() => setProposing(true)} data-testid="portal-plan-propose-toggle">
          {t('plans.proposeToggle')}
        </button>
      )}
    </>
  );
}

function OptionPicker({
  choice,
  selected,
  onSelect,
  onDate,
}: {
  choice: PortalPlansData['choice'];
  selected: string | null;
  onSelect: (id: string) => void;
  onDate: (date: string) => void;
}) {
  const t = useT(portalMessages, portalPlansMessages);
  const { firstDate } = choice;
  return (
    <>
      <h3>{t('plans.chooseTitle')}</h3>
      <p className="p-muted p-small">{t('plans.chooseHelp', { balance: formatMoney(choice.balanceCents, choice.currency, t.locale) })}</p>
      <div className="pp-field">
        <label htmlFor="portal-plan-first-date">{t('plans.firstDate')}</label>
        <input
          id="portal-plan-first-date"
          type="date"
          min={firstDate.earliest}
          max={firstDate.latest}
          value={firstDate.chosen}
          onChange={(event) => {
            const value = event.target.value;
            if (value >= firstDate.earliest && value <= firstDate.latest) onDate(value);
          }}
          aria-describedby="portal-plan-first-date-help"
          data-testid="portal-plan-first-date"
        />
        <p id="portal-plan-first-date-help" className="p-small p-muted">
          {t('plans.firstDateHelp', { earliest: formatDate(firstDate.earliest, t.locale), latest: formatDate(firstDate.latest, t.locale) })}
        </p>
      </div>
      <fieldset className="pp-options" data-testid="portal-plan-options">
        <legend>{t('plans.optionsLegend')}</legend>
        {choice.options.map((option) => (
          <OptionCard key={option.id} option={option} currency={choice.currency} checked={option.id === selected} onSelect={onSelect} />
        ))}
      </fieldset>
    </>
  );
}

function OptionCard({ option, currency, checked, onSelect }: { option: PortalPlanOption; currency: string; checked: boolean; onSelect: (id: string) => void }) {
  const t = useT(portalMessages, portalPlansMessages);
  const money = (cents: number) => formatMoney(cents, currency, t.locale);
  const first = option.payments[0];
  const last = option.payments.at(-1);
  return (
    <label className="pp-option" data-testid="portal-plan-option" data-option-id={option.id}>
      <input type="radio" name="portal-plan-option" value={option.id} checked={checked} onChange={() => onSelect(option.id)} />
      <span className="pp-option-text">
        <strong>{t('plans.optionLabel', { count: option.installments, amount: money(first?.amountCents ?? 0) })}</strong>
        {last && <span className="p-small p-muted">{t('plans.optionUntil', { date: formatDate(last.dueOn, t.locale) })}</span>}
      </span>
    </label>
  );
}

/** A plan's installments: date and amount, and once it runs, what was paid. */
function Schedule({ payments, currency, paid }: { payments: { index: number; dueOn: string; amountCents: number }[]; currency: string; paid?: PortalPlan['installments'] }) {
  const t = useT(portalMessages, portalPlansMessages);
  const today = todayInParis();
  return (
    <table className="p-table pp-schedule" data-testid="portal-plan-schedule">
      <thead>
        <tr>
          <th scope="col">{t('plans.date')}</th>
          <th scope="col" className="num">
            {t('plans.amount')}
          </th>
          {paid && <th scope="col">{t('plans.state')}</th>}
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => {
          const installment = paid?.find((item) => item.index === payment.index);
          return (
            <tr key={payment.index} data-testid="portal-plan-installment">
              <td>{formatDate(payment.dueOn, t.locale)}</td>
              <td className="num">{formatMoney(payment.amountCents, currency, t.locale)}</td>
              {installment && <td>{installmentState(t, installment, currency, today)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function installmentState(t: PlansT, installment: PortalPlan['installments'][number], currency: string, today: string): string {
  if (installment.paidCents >= installment.amountCents) return t('plans.paid');
  if (installment.paidCents > 0) return t('plans.partlyPaid', { amount: formatMoney(installment.paidCents, currency, t.locale) });
  return installment.dueOn < today ? t('plans.late') : t('plans.toPay');
}

function ActivePlan({ plan }: { plan: PortalPlan }) {
  const t = useT(portalMessages, portalPlansMessages);
  const paidCount = plan.installments.filter((installment) => installment.paidCents >= installment.amountCents).length;
  return (
    <div data-testid="portal-plan-active" data-plan-id={plan.id}>
      <h3>{t('plans.activeTitle')}</h3>
      {plan.acceptedAt && <p className="p-small p-muted">{t('plans.activeSince', { date: formatInstantDate(plan.acceptedAt, t.locale) })}</p>}
      <p className="p-small" data-testid="portal-plan-progress">
        {t('plans.progress', { paid: paidCount, count: plan.installments.length })}
      </p>
      <Schedule payments={plan.installments} currency={plan.currency} paid={plan.installments} />
      <LetterLink plan={plan} />
    </div>
  );
}

function LetterLink({ plan }: { plan: PortalPlan }) {
  const t = useT(portalMessages, portalPlansMessages);
  if (!plan.agreementDownloadUrl) return null;
  return (
    <p className="pp-letter">
      <a href={plan.agreementDownloadUrl} download data-testid="portal-plan-letter">
        {t('plans.letter')}
      </a>
    </p>
  );
}
