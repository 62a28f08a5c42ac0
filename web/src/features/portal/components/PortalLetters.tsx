import type { PortalDocument } from '@relance/contracts/documents';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { PortalListCard, usePortalList } from './PortalList.tsx';

/**
 * "Vos courriers": the letters and e-mails sent to this debtor about this case, to read again or
 * download. The link's token is the only credential (the download URLs carry it).
 */
export function PortalLetters({ token }: { token: string }) {
  const t = useT(portalMessages);
  const list = usePortalList<PortalDocument>(token, 'documents');
  return (
    <PortalListCard list={list} testId="portal-letters" title={t('portal.letters')} errorText={t('portal.lettersError')} emptyText={t('portal.lettersEmpty')}>
      {(items) =>
        items.map((item) => (
          <tr key={item.id} data-testid="portal-letter-row">
            <td>
              {item.title}
              <br />
              <small className="p-muted">{formatDateTime(item.createdAt, t.locale)}</small>
            </td>
            <td className="p-link">
              <a href={item.downloadUrl} download={item.fileName} data-testid="portal-letter-download">
                {item.kind === 'email' ? t('portal.letterDownloadEmail') : t('portal.letterDownload')}
              </a>
            </td>
          </tr>
        ))
      }
    </PortalListCard>
  );
}
