import type { VerifiedPortalCase } from '@relance/contracts/portal';
import type { PortalDispute as Dispute, PortalDisputeResult } from '@relance/contracts/portal-talk';
import { useState } from 'react';
import '../../../app/portal/talk.css';
import { formatInstantDate, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { talkMessages } from '../messages-talk.ts';
import { PortalDisputeForm } from './PortalDisputeForm.tsx';
import { formatSize } from './PortalFileField.tsx';
import { usePortalList } from './PortalList.tsx';
import { openDisputeOf } from './useDisputeForm.ts';

/** The case's disputes, read with the verified session: null while loading. */
function useDisputes(token: string) {
  return usePortalList<Dispute>(token, 'disputes');
}

/**
 * "Vous contestez cette somme ?": the debtor's disputes and their state in plain words, and the
 * form (behind a button) while none is open. Sent: "Contestation enregistrée : toute relance est
 * suspendue", and the dispute as it stands.
 */
export function PortalDispute({ data, token }: { data: VerifiedPortalCase; token: string }) {
  const t = useT(portalMessages, talkMessages);
  const disputes = useDisputes(token);
  const [formShown, setFormShown] = useState(false);
  const [sent, setSent] = useState<PortalDisputeResult | null>(null);
  const creditor = data.creditor.brand.displayName;
  const open = openDisputeOf(disputes.items);
  const onSent = (result: PortalDisputeResult) => {
    setSent(result);
    setFormShown(false);
    disputes.reload();
  };
  return (
    <section className="p-card t-card" data-testid="portal-dispute" aria-labelledby="portal-dispute-title">
      <h2 id="portal-dispute-title">{t('talk.dispute.title')}</h2>
      {sent && (
        <div className="p-banner ok" role="status" data-testid="portal-dispute-done" data-already-open={sent.alreadyOpen}>
          {t('talk.dispute.done')}
          <small>{sent.alreadyOpen ? t('talk.dispute.alreadyOpen') : t('talk.dispute.doneHelp', { creditor })}</small>
        </div>
      )}
      {!open && !sent && <p className="p-muted">{t('talk.dispute.intro', { creditor })}</p>}
      {disputes.items && disputes.items.length > 0 && <DisputeList items={disputes.items} creditor={creditor} />}
      {!open && !formShown && (
        <button type="button" className="t-secondary" onClick={() => setFormShown(true)} data-testid="portal-dispute-open">
          {t('talk.dispute.open')}
        </button>
      )}
      {!open && formShown && <PortalDisputeForm token={token} claimRefs={data.claims.map((claim) => claim.invoiceRef)} onSent={onSent} />}
    </section>
  );
}

const OUTCOME = { upheld: 'talk.outcome.upheld', rejected: 'talk.outcome.rejected', settled: 'talk.outcome.settled' } as const;

/** Each dispute: when, on what, the debtor's words and file, and where it stands. */
function DisputeList({ items, creditor }: { items: Dispute[]; creditor: string }) {
  const t = useT(portalMessages, talkMessages);
  return (
    <ul className="t-list" aria-label={t('talk.dispute.yours')} data-testid="portal-dispute-list">
      {items.map((item) => (
        <li key={item.id} className="t-item" data-testid="portal-dispute-row" data-state={item.state} data-outcome={item.outcome ?? ''}>
          <p className="t-meta">
            {item.openedVia === 'portal'
              ? t('talk.dispute.openedOn', { date: formatInstantDate(item.openedAt, t.locale) })
              : t('talk.dispute.recordedOn', { date: formatInstantDate(item.openedAt, t.locale) })}
            {item.reason && <> · {t.dyn(`talk.reason.${item.reason}`, item.reason)}</>}
            {item.openedVia === 'portal' && <> · {item.claimRef ? t('talk.dispute.scopeClaim', { ref: item.claimRef }) : t('talk.dispute.scopeWhole')}</>}
          </p>
          {item.text && <p className="t-text">{item.text}</p>}
          {item.evidence.map((file) => (
            <p key={file.id} className="t-attachment">
              {t('talk.evidence')} :{' '}
              <a href={file.downloadUrl} download={file.fileName}>
                {file.fileName}
              </a>{' '}
              <span className="p-muted">({formatSize(file.sizeBytes, t.locale)})</span>
            </p>
          ))}
          <p className={`t-state ${item.state}`} data-testid="portal-dispute-state">
            {item.state === 'open' || !item.outcome
              ? t('talk.state.open')
              : t(OUTCOME[item.outcome], { date: formatInstantDate(item.resolvedAt ?? item.openedAt, t.locale), creditor })}
          </p>
        </li>
      ))}
    </ul>
  );
}
