import { useEffect } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { tokenFromPath } from '../api/portal.ts';
import { readCheckoutParam, usePortalCase } from '../api/usePortalCase.ts';
import { PortalAmounts } from '../components/PortalAmounts.tsx';
import { PortalInvoices, PortalPayments } from '../components/PortalClaims.tsx';
import { PortalLetters } from '../components/PortalLetters.tsx';
import { PortalReceipts } from '../components/PortalReceipts.tsx';
import { PortalShell } from '../components/PortalShell.tsx';
import { portalMessages } from '../messages.ts';

export function PortalPage() {
  const t = useT(portalMessages);
  const token = tokenFromPath(window.location.pathname);
  const checkout = readCheckoutParam();
  const { load, balanceSettled } = usePortalCase(token, checkout);

  useEffect(() => {
    if (load.state === 'ready') document.title = load.data.creditor.brand.displayName;
  }, [load]);

  if (load.state === 'loading') {
    return (
      <PortalShell>
        <div className="p-card p-center p-muted" aria-busy="true">
          {t('portal.loading')}
        </div>
      </PortalShell>
    );
  }

  if (load.state === 'error') {
    return (
      <PortalShell>
        <div className="p-card p-center" role="alert" data-testid="portal-error">
          <h2>{t('portal.errorTitle')}</h2>
          <p className="p-muted">{errorMessage(load.error)}</p>
        </div>
      </PortalShell>
    );
  }

  const data = load.data;
  const { brand } = data.creditor;

  return (
    <PortalShell brand={brand}>
      {checkout === 'success' && (
        <div className="p-banner ok" role="status" data-testid="portal-banner" data-kind="success">
          {t('portal.success')}
          {!balanceSettled && <small>{t('portal.successPending')}</small>}
        </div>
      )}
      {checkout === 'cancelled' && (
        <div className="p-banner warn" role="status" data-testid="portal-banner" data-kind="cancelled">
          {t('portal.cancelled')}
        </div>
      )}

      <PortalAmounts data={data} token={token} />
      <PortalInvoices data={data} />
      <PortalPayments data={data} />

      {token && <PortalReceipts token={token} />}
      {token && <PortalLetters token={token} />}

      <footer className="p-footer" data-testid="portal-statement">
        <p>{data.agency.statement}</p>
        {!data.agency.statement.includes(data.agency.name) && (
          <p>{t('portal.collectedBy', { agency: data.agency.name })}</p>
        )}
        <p>{t('portal.linkExpires', { date: formatDateTime(data.expiresAt, t.locale) })}</p>
      </footer>
    </PortalShell>
  );
}
