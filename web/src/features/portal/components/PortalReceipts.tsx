import type { PortalReceipt } from '@relance/contracts/money';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { PortalListCard, usePortalList } from './PortalList.tsx';

/**
 * "Vos quittances" (CPCE R124-6): a receipt for each payment the agency received, an
 * acknowledgment for a payment made to the creditor, each with its PDF; a cancelled receipt says
 * so, with its notice. The link's token is the only credential (the download URLs carry it).
 * `refreshKey` changes when a payment landed (back from the card provider): the list is read again.
 */
export function PortalReceipts({ token, refreshKey }: { token: string; refreshKey?: unknown }) {
  const t = useT(portalMessages);
  const list = usePortalList<PortalReceipt>(token, 'receipts', refreshKey);
  return (
    <PortalListCard list={list} testId="portal-receipts" title={t('portal.receipts')} errorText={t('portal.receiptsError')} emptyText={t('portal.receiptsEmpty')}>
      {(items) =>
        items.map((item) => (
          <tr key={item.id} data-testid="portal-receipt-row">
            <td>
              <span className="p-nowrap">{item.number ?? t('portal.receiptAcknowledgment')}</span>
              {item.cancelled && <span className="p-muted"> · {t('portal.receiptCancelled')}</span>}
              <br />
              <small className="p-muted p-nowrap">{formatDate(item.receivedOn, t.locale)}</small>
            </td>
            <td className="num">{formatMoney(item.amountCents, item.currency, t.locale)}</td>
            <td className="p-link">
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
        ))
      }
    </PortalListCard>
  );
}
