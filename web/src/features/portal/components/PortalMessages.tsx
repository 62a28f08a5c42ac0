import type { PortalMessage } from '@relance/contracts/portal-talk';
import { useState } from 'react';
import '../../../app/portal/talk.css';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { talkMessages } from '../messages-talk.ts';
import { formatSize } from './PortalFileField.tsx';
import { usePortalList } from './PortalList.tsx';
import { PortalMessageForm } from './PortalMessageForm.tsx';

/** The thread with the agency, read with the verified session: null while loading. */
function useThread(token: string) {
  return usePortalList<PortalMessage>(token, 'messages');
}

/**
 * "Écrire au service de recouvrement": the thread (the debtor's messages and the agency's replies,
 * oldest first) and the form to write. The agency answers as a team, never by an agent's name.
 */
export function PortalMessages({ token }: { token: string }) {
  const t = useT(portalMessages, talkMessages);
  const thread = useThread(token);
  const [sent, setSent] = useState(false);
  const onSent = () => {
    setSent(true);
    thread.reload();
  };
  return (
    <section className="p-card t-card" data-testid="portal-messages" aria-labelledby="portal-messages-title">
      <h2 id="portal-messages-title">{t('talk.messages.title')}</h2>
      <p className="p-muted">{t('talk.messages.intro')}</p>
      {thread.failed ? (
        <p className="p-small p-muted" role="alert">
          {t('talk.messages.loadError')}
        </p>
      ) : thread.items === null ? (
        <p className="p-small p-muted">{t('common.loading')}</p>
      ) : thread.items.length === 0 ? (
        <p className="p-small p-muted" data-testid="portal-messages-empty">
          {t('talk.messages.empty')}
        </p>
      ) : (
        <ol className="t-thread" data-testid="portal-message-list">
          {thread.items.map((message) => (
            <MessageBubble key={message.id} message={message} />
          ))}
        </ol>
      )}
      {sent && (
        <div className="p-banner ok" role="status" data-testid="portal-message-sent">
          {t('talk.messages.sent')}
        </div>
      )}
      <PortalMessageForm token={token} onSent={onSent} />
    </section>
  );
}

function MessageBubble({ message }: { message: PortalMessage }) {
  const t = useT(portalMessages, talkMessages);
  const mine = message.direction === 'in';
  return (
    <li className={`t-bubble ${mine ? 'mine' : 'theirs'}`} data-testid="portal-message-row" data-direction={message.direction}>
      <p className="t-meta">
        <strong>{mine ? t('talk.messages.you') : t('talk.messages.team')}</strong> · {formatDateTime(message.createdAt, t.locale)}
        {message.topic && <> · {t.dyn(`talk.topic.${message.topic}`, message.topic)}</>}
      </p>
      <p className="t-text">{message.body}</p>
      {message.attachment && (
        <p className="t-attachment">
          {t('talk.evidence')} :{' '}
          <a href={message.attachment.downloadUrl} download={message.attachment.fileName}>
            {message.attachment.fileName}
          </a>{' '}
          <span className="p-muted">({formatSize(message.attachment.sizeBytes, t.locale)})</span>
        </p>
      )}
    </li>
  );
}
