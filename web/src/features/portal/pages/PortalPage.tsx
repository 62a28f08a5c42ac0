import type { PortalCase } from '@relance/contracts/portal';
import { useEffect } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { tokenFromPath } from '../api/portal.ts';
import { readCheckoutParam, usePortalCase } from '../api/usePortalCase.ts';
import { PortalAmounts } from '../components/PortalAmounts.tsx';
import { PortalInvoices, PortalPayments } from '../components/PortalClaims.tsx';
import { PortalDispute } from '../components/PortalDispute.tsx';
import { PortalLetters } from '../components/PortalLetters.tsx';
import { PortalMessages } from '../components/PortalMessages.tsx';
import { PortalPay } from '../components/PortalPay.tsx';
import { PortalPlans } from '../components/PortalPlans.tsx';
import { PortalReceipts } from '../components/PortalReceipts.tsx';
import { PortalShell } from '../components/PortalShell.tsx';
import { PortalVerify } from '../components/PortalVerify.tsx';
import { portalMessages } from '../messages.ts';

export function PortalPage() {
  const t = useT(portalMessages);
  const token = tokenFromPath(window.location.pathname);
  const checkout = readCheckoutParam();
  const { load, balanceSettled, reload } = usePortalCase(token, checkout);

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

  if (!data.verified || !token) {
    return (
      <PortalShell brand={brand}>
        {token && <PortalVerify data={data} token={token} onVerified={reload} />}
        <PortalFooter data={data} />
      </PortalShell>
    );
  }

  return (
    <PortalShell brand={brand}>
      {checkout === 'success' && (
        <div className="p-banner ok" role="status" data-testid="portal-banner" data-kind="success">
          {t('portal.success')}
          {!balanceSettled && <small>{t('portal.successPending')}</small>}
        </div>
      )}

      <PortalAmounts data={data} />
      <PortalPay data={data} token={token} checkout={checkout} refreshKey={balanceSettled} />
      <PortalPlans token={token} />
      <PortalInvoices data={data} />
      <PortalPayments data={data} />

      {token && <PortalReceipts token={token} refreshKey={balanceSettled} />}
      {token && <PortalLetters token={token} />}
      {token && <PortalDispute data={data} token={token} />}
      {token && <PortalMessages token={token} />}

      <PortalFooter data={data} />
    </PortalShell>
  );
}

/** The legal footer: the agency acting for the creditor (R124-4), how to reach it, the link's expiry. */
function PortalFooter({ data }: { data: PortalCase }) {
  const t = useT(portalMessages);
  return (
    <footer className="p-footer" data-testid="portal-statement">
      <p>{data.agency.statement}</p>
      {!data.agency.statement.includes(data.agency.name) && <p>{t('portal.collectedBy', { agency: data.agency.name })}</p>}
      {(data.agency.phone || data.agency.email) && (
        <p data-testid="portal-agency-contact">
          {data.agency.phone && <a href={`tel:${data.agency.phone.replace(/\s/g, '')}`}>{data.agency.phone}</a>}
          {data.agency.phone && data.agency.email && ' · '}
          {data.agency.email && <a href={`mailto:${data.agency.email}`}>{data.agency.email}</a>}
        </p>
      )}
      <p>{t('portal.linkExpires', { date: formatDateTime(data.expiresAt, t.locale) })}</p>
    </footer>
  );
}
