import type { PortalDocument } from '@relance/contracts/documents';
import { useEffect, useState } from 'react';
import { request } from '../../../shared/http.ts';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/**
 * "Vos courriers": the letters and e-mails sent to this debtor about this case, to read again or
 * download. The link's token is the only credential (the download URLs carry it).
 */
export function PortalLetters({ token }: { token: string }) {
  const t = useT(portalMessages);
  const [items, setItems] = useState<PortalDocument[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    request<{ items: PortalDocument[] }>(`/api/v1/portal/${encodeURIComponent(token)}/documents`, { signal: controller.signal })
      .then((answer) => setItems(answer.items))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true);
      });
    return () => controller.abort();
  }, [token]);

  return (
    <section className="p-card" data-testid="portal-letters">
      <h2>{t('portal.letters')}</h2>
      {failed ? (
        <p className="p-small p-muted" role="alert">
          {t('portal.lettersError')}
        </p>
      ) : items === null ? (
        <p className="p-small p-muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="p-small p-muted" data-testid="portal-letters-empty">
          {t('portal.lettersEmpty')}
        </p>
      ) : (
        <table className="p-table">
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="portal-letter-row">
                <td>{item.title}</td>
                <td className="p-hide-sm">{formatDateTime(item.createdAt, t.locale)}</td>
                <td className="num">
                  <a href={item.downloadUrl} download={item.fileName} data-testid="portal-letter-download">
                    {item.kind === 'email' ? t('portal.letterDownloadEmail') : t('portal.letterDownload')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
