import type { PortalReceipt } from '@relance/contracts/money';
import { useEffect, useState } from 'react';
import { request } from '../../../shared/http.ts';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/**
 * "Vos quittances" (CPCE R124-6): a receipt for each payment the agency received, an
 * acknowledgment for a payment made to the creditor, each with its PDF; a cancelled receipt says
 * so, with its notice. The link's token is the only credential (the download URLs carry it).
 */
export function PortalReceipts({ token }: { token: string }) {
  const t = useT(portalMessages);
  const [items, setItems] = useState<PortalReceipt[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    request<{ items: PortalReceipt[] }>(`/api/v1/portal/${encodeURIComponent(token)}/receipts`, { signal: controller.signal })
      .then((answer) => setItems(answer.items))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true);
      });
    return () => controller.abort();
  }, [token]);

  return (
    <section className="p-card" data-testid="portal-receipts">
      <h2>{t('portal.receipts')}</h2>
      {failed ? (
        <p className="p-small p-muted" role="alert">
          {t('portal.receiptsError')}
        </p>
      ) : items === null ? (
        <p className="p-small p-muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="p-small p-muted" data-testid="portal-receipts-empty">
          {t('portal.receiptsEmpty')}
        </p>
      ) : (
        <table className="p-table">
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="portal-receipt-row">
                <td>
                  {item.number ?? t('portal.receiptAcknowledgment')}
                  {item.cancelled && <span className="p-muted"> · {t('portal.receiptCancelled')}</span>}
                </td>
                <td>{formatDate(item.receivedOn, t.locale)}</td>
                <td className="num">{formatMoney(item.amountCents, item.currency, t.locale)}</td>
                <td className="num">
                  <a href={item.url} data-testid="portal-receipt-download">
                    {t('portal.letterDownload')}
                  </a>
                  {item.cancellationUrl && (
                    <>
                      {' · '}
                      <a href={item.cancellationUrl}>{t('portal.receiptCancellationDownload')}</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
