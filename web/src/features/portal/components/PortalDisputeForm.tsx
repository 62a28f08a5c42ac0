import type { DisputeReasonCode, PortalDisputeResult } from '@relance/contracts/portal-talk';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { talkMessages } from '../messages-talk.ts';
import { PortalFileField } from './PortalFileField.tsx';
import { DISPUTE_REASONS } from './talk-lists.ts';
import { MAX_TEXT, useDisputeForm } from './useDisputeForm.ts';

/**
 * The dispute form: the reason (a radio list), the one invoice contested or the whole amount, the
 * debtor's words (required for "another reason"), an optional piece of evidence.
 */
export function PortalDisputeForm({ token, claimRefs, onSent }: { token: string; claimRefs: string[]; onSent: (result: PortalDisputeResult) => void }) {
  const t = useT(portalMessages, talkMessages);
  const form = useDisputeForm(token, onSent);
  const { draft, change, busy } = form;
  const failure = form.problem ? t.dyn(form.problem, form.problem) : form.error ? errorMessage(form.error) : null;
  return (
    <form className="t-form" onSubmit={form.submit} noValidate data-testid="portal-dispute-form">
      <DisputeReasons reason={draft.reason} onChange={(reason) => change({ reason })} disabled={busy} />
      {claimRefs.length > 1 && <ClaimSelect claimRefs={claimRefs} value={draft.claimRef} onChange={(claimRef) => change({ claimRef })} disabled={busy} />}
      <div className="t-field">
        <label htmlFor="portal-dispute-text">{t('talk.dispute.text')}</label>
        {draft.reason === 'other' && (
          <small id="portal-dispute-text-required" className="p-muted">
            {t('talk.dispute.textRequired')}
          </small>
        )}
        <textarea
          id="portal-dispute-text"
          rows={4}
          maxLength={MAX_TEXT}
          value={draft.text}
          onChange={(event) => change({ text: event.target.value })}
          disabled={busy}
          aria-describedby={`portal-dispute-text-count${draft.reason === 'other' ? ' portal-dispute-text-required' : ''}`}
          aria-required={draft.reason === 'other'}
          data-testid="portal-dispute-text"
        />
        <small id="portal-dispute-text-count" className="p-muted t-count">
          {t('talk.chars', { count: String(draft.text.length), max: String(MAX_TEXT) })}
        </small>
      </div>
      <PortalFileField
        id="portal-dispute-file"
        file={draft.file}
        problem={form.fileIssue ? t(form.fileIssue) : null}
        onChange={(file) => change({ file })}
        disabled={busy}
        testId="portal-dispute-file"
      />
      {failure && (
        <p className="t-error" role="alert" data-testid="portal-dispute-error">
          {failure}
        </p>
      )}
      <button type="submit" className="p-pay t-submit" disabled={busy || Boolean(form.fileIssue)} data-testid="portal-dispute-submit">
        {busy ? t('talk.dispute.sending') : t('talk.dispute.submit')}
      </button>
    </form>
  );
}

/** The reason, from the server's list: one radio each, 44 px tall at least. */
function DisputeReasons({ reason, onChange, disabled }: { reason: DisputeReasonCode | null; onChange: (reason: DisputeReasonCode) => void; disabled: boolean }) {
  const t = useT(portalMessages, talkMessages);
  return (
    <fieldset className="t-reasons" disabled={disabled}>
      <legend>{t('talk.dispute.reasonLegend')}</legend>
      {DISPUTE_REASONS.map((code) => (
        <label key={code} className="t-choice">
          <input type="radio" name="reason" value={code} checked={reason === code} onChange={() => onChange(code)} data-testid={`portal-dispute-reason-${code}`} />
          <span>{t.dyn(`talk.reason.${code}`, code)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The whole amount, or one of the invoices the page shows. */
function ClaimSelect({ claimRefs, value, onChange, disabled }: { claimRefs: string[]; value: string; onChange: (claimRef: string) => void; disabled: boolean }) {
  const t = useT(portalMessages, talkMessages);
  return (
    <div className="t-field">
      <label htmlFor="portal-dispute-claim">{t('talk.dispute.claim')}</label>
      <select id="portal-dispute-claim" value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} data-testid="portal-dispute-claim">
        <option value="">{t('talk.dispute.wholeDebt')}</option>
        {claimRefs.map((ref) => (
          <option key={ref} value={ref}>
            {t('talk.dispute.claimOption', { ref })}
          </option>
        ))}
      </select>
    </div>
  );
}
