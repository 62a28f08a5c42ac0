import type { PortalCase } from '@relance/contracts/portal';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../../shared/http.ts';
import { formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { verifyDebtor } from '../api/portal.ts';
import { portalMessages } from '../messages.ts';

/**
 * Before the check: the balance, and the question only the letter's recipient can answer (the
 * postcode it went to, or its reference). Nothing else about the debtor shows until it is answered.
 */
export function PortalVerify({ data, token, onVerified }: { data: PortalCase; token: string; onVerified: () => void }) {
  const t = useT(portalMessages);
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const lockedUntil = error instanceof ApiError && error.code === 'portal_locked' ? (error.details as { until?: string } | null)?.until : (data.verified ? null : data.lockedUntil);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!answer.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await verifyDebtor(token, answer.trim());
      onVerified();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="p-card" data-testid="portal-verify">
      <p className="p-muted" style={{ marginTop: 0 }}>
        {t('portal.balanceIntro', { creditor: data.creditor.brand.displayName })}
      </p>
      <p className="p-balance" data-testid="portal-balance" data-cents={data.balanceCents}>
        {formatMoney(data.balanceCents, data.currency, t.locale)}
      </p>
      <h2>{t('portal.verifyTitle')}</h2>
      <p className="p-muted">{t('portal.verifyHelp')}</p>
      <form onSubmit={submit} className="p-form" noValidate>
        <label htmlFor="portal-verify-answer">{t('portal.verifyLabel')}</label>
        <input
          id="portal-verify-answer"
          name="answer"
          autoComplete="postal-code"
          inputMode="text"
          value={answer}
          maxLength={60}
          onChange={(event) => setAnswer(event.target.value)}
          aria-describedby={error ? 'portal-verify-error' : undefined}
          aria-invalid={error ? true : undefined}
          disabled={busy || Boolean(lockedUntil)}
          data-testid="portal-verify-answer"
        />
        <button type="submit" className="p-pay" disabled={busy || Boolean(lockedUntil) || !answer.trim()} data-testid="portal-verify-submit">
          {t('portal.verifySubmit')}
        </button>
      </form>
      {lockedUntil ? (
        <div className="p-banner err" role="alert" id="portal-verify-error" data-testid="portal-verify-locked">
          {t('portal.verifyLocked', { time: formatDateTime(lockedUntil, t.locale) })}
        </div>
      ) : error != null ? (
        <div className="p-banner err" role="alert" id="portal-verify-error" data-testid="portal-verify-error">
          {errorMessage(error)}
          {error instanceof ApiError && typeof (error.details as { attemptsLeft?: unknown } | null)?.attemptsLeft === 'number' && (
            <small>{t('portal.verifyAttemptsLeft', { count: String((error.details as { attemptsLeft: number }).attemptsLeft) })}</small>
          )}
        </div>
      ) : null}
    </section>
  );
}
