import type { PortalMessage } from '@relance/contracts/portal-talk';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { talkMessages } from '../messages-talk.ts';
import { PortalFileField } from './PortalFileField.tsx';
import { MESSAGE_TOPICS } from './talk-lists.ts';
import { MAX_TEXT } from './useDisputeForm.ts';
import { useMessageForm } from './useMessageForm.ts';

/** The debtor's message: a subject from the list, their words, an optional file (a proof of payment). */
export function PortalMessageForm({ token, onSent }: { token: string; onSent: (message: PortalMessage) => void }) {
  const t = useT(portalMessages, talkMessages);
  const form = useMessageForm(token, onSent);
  const { draft, change, busy } = form;
  const failure = form.missing ? t('talk.messages.bodyMissing') : form.error ? errorMessage(form.error) : null;
  return (
    <form className="t-form" onSubmit={form.submit} noValidate data-testid="portal-message-form">
      <div className="t-field">
        <label htmlFor="portal-message-topic">{t('talk.messages.topic')}</label>
        <select
          id="portal-message-topic"
          value={draft.topic}
          onChange={(event) => change({ topic: event.target.value as typeof draft.topic })}
          disabled={busy}
          aria-required
          data-testid="portal-message-topic"
        >
          <option value="">{t('talk.messages.chooseTopic')}</option>
          {MESSAGE_TOPICS.map((topic) => (
            <option key={topic} value={topic}>
              {t.dyn(`talk.topic.${topic}`, topic)}
            </option>
          ))}
        </select>
        {draft.topic === 'already_paid' && (
          <small className="p-muted" data-testid="portal-message-proof-hint">
            {t('talk.messages.proofHint')}
          </small>
        )}
      </div>
      <div className="t-field">
        <label htmlFor="portal-message-body">{t('talk.messages.body')}</label>
        <textarea
          id="portal-message-body"
          rows={4}
          maxLength={MAX_TEXT}
          value={draft.body}
          onChange={(event) => change({ body: event.target.value })}
          disabled={busy}
          aria-required
          aria-describedby="portal-message-body-count"
          data-testid="portal-message-body"
        />
        <small id="portal-message-body-count" className="p-muted t-count">
          {t('talk.chars', { count: String(draft.body.length), max: String(MAX_TEXT) })}
        </small>
      </div>
      <PortalFileField
        id="portal-message-file"
        file={draft.file}
        problem={form.fileIssue ? t(form.fileIssue) : null}
        onChange={(file) => change({ file })}
        disabled={busy}
        testId="portal-message-file"
      />
      {failure && (
        <p className="t-error" role="alert" data-testid="portal-message-error">
          {failure}
        </p>
      )}
      <button type="submit" className="p-pay t-submit" disabled={busy || Boolean(form.fileIssue)} data-testid="portal-message-submit">
        {busy ? t('talk.dispute.sending') : t('talk.messages.submit')}
      </button>
    </form>
  );
}
