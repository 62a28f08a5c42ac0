import type { VerifiedPortalCase } from '@relance/contracts/portal';
import type { LastCheckoutAttempt, PortalPaymentOptions } from '@relance/contracts/portal-pay';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import type { Checkout } from '../api/usePortalCase.ts';
import { portalMessages } from '../messages.ts';
import { payMessages } from '../messages-pay.ts';
import type { PayT } from './PortalPay.tsx';

type Outcome =
  | { kind: 'paid' }
  | { kind: 'declined'; reason: string | null; amountCents: number | null }
  | { kind: 'cancelled' }
  | { kind: 'abandoned'; amountCents: number };

/** A card attempt of the last day is still worth telling about when the debtor comes back to the page. */
const RECENT_MS = 24 * 60 * 60 * 1000;

function isRecent(last: LastCheckoutAttempt): boolean {
  return Date.now() - new Date(last.startedAt).getTime() < RECENT_MS;
}

/**
 * What to tell, from where the provider sent the debtor back (`?checkout=`) and the last attempt
 * the server knows (its webhook may land a moment after the debtor).
 */
function outcomeOf(checkout: Checkout, last: LastCheckoutAttempt | null): Outcome | null {
  if (checkout === 'success') return last?.status === 'paid' ? { kind: 'paid' } : null;
  if (last?.status === 'declined' && (checkout === 'declined' || isRecent(last))) {
    return { kind: 'declined', reason: last.failureReason, amountCents: last.amountCents };
  }
  if (checkout === 'declined') return { kind: 'declined', reason: null, amountCents: null };
  if (checkout === 'cancelled') return { kind: 'cancelled' };
  if (last?.status === 'abandoned' && isRecent(last)) return { kind: 'abandoned', amountCents: last.amountCents };
  return null;
}

const explainedReasons = new Set(['card_declined', 'insufficient_funds', 'expired_card']);

/** What to try after a decline, the likeliest first for its reason. */
function triesFor(reason: string | null): ('otherCard' | 'smallerAmount' | 'transfer')[] {
  if (reason === 'insufficient_funds') return ['smallerAmount', 'transfer', 'otherCard'];
  if (reason === 'expired_card') return ['otherCard', 'transfer'];
  return ['otherCard', 'transfer', 'smallerAmount'];
}

export function PortalPayOutcome({ checkout, options, agency }: { checkout: Checkout; options: PortalPaymentOptions; agency: VerifiedPortalCase['agency'] }) {
  const t = useT(portalMessages, payMessages);
  const outcome = outcomeOf(checkout, options.lastCheckout);
  if (!outcome) return null;
  const money = (cents: number) => formatMoney(cents, options.currency, t.locale);

  if (outcome.kind === 'paid') {
    return (
      <p className="p-banner ok pp-outcome" role="status" data-testid="portal-pay-outcome" data-kind="paid">
        {t('pay.receiptReady')}{' '}
        <a href="#portal-receipts" data-testid="portal-pay-receipt-link">
          {t('pay.receiptLink')}
        </a>
      </p>
    );
  }
  if (outcome.kind !== 'declined') {
    return (
      <p className="p-banner warn pp-outcome" role="status" data-testid="portal-pay-outcome" data-kind={outcome.kind}>
        {outcome.kind === 'abandoned' ? t('pay.abandoned', { amount: money(outcome.amountCents) }) : t('pay.cancelled')}
      </p>
    );
  }
  const reason = outcome.reason && explainedReasons.has(outcome.reason) ? outcome.reason : 'other';
  const canPaySmaller = options.balanceCents > options.minPaymentCents;
  const tries = triesFor(outcome.reason).filter((item) => (item === 'transfer' ? options.transfer !== null : item === 'smallerAmount' ? canPaySmaller : true));
  return (
    <div className="p-banner err pp-outcome" role="alert" data-testid="portal-pay-outcome" data-kind="declined" data-reason={outcome.reason ?? ''}>
      <strong>{outcome.amountCents !== null ? t('pay.declinedTitle', { amount: money(outcome.amountCents) }) : t('pay.declinedTitlePlain')}</strong>
      <p className="pp-outcome-text">{t.dyn(`pay.declined.${reason}`, t('pay.declined.other'))}</p>
      <p className="pp-outcome-text">{t('pay.tryTitle')}</p>
      <ul className="pp-tries" data-testid="portal-pay-tries">
        {tries.map((item) => (
          <li key={item} data-try={item}>
            {tryText(t, item)}
          </li>
        ))}
        {(agency.phone || agency.email) && <li data-try="contact">{contactLine(t, agency)}</li>}
      </ul>
    </div>
  );
}

function tryText(t: PayT, item: 'otherCard' | 'smallerAmount' | 'transfer'): string {
  if (item === 'otherCard') return t('pay.try.otherCard');
  return item === 'smallerAmount' ? t('pay.try.smallerAmount') : t('pay.try.transfer');
}

function contactLine(t: PayT, agency: VerifiedPortalCase['agency']) {
  if (agency.phone) {
    const [before, after] = t('pay.try.call', { phone: '\u0000' }).split('\u0000');
    return (
      <>
        {before}
        <a href={`tel:${agency.phone.replace(/\s/g, '')}`}>{agency.phone}</a>
        {after}
      </>
    );
  }
  const [before, after] = t('pay.try.write', { email: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <a href={`mailto:${agency.email}`}>{agency.email}</a>
      {after}
    </>
  );
}
