import type { VerifiedPortalCase as PortalCase } from '@relance/contracts/portal';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/** The unpaid invoices the case is made of, and their total. */
export function PortalInvoices({ data }: { data: PortalCase }) {
  const t = useT(portalMessages);
  const money = (cents: number) => formatMoney(cents, data.currency, t.locale);
  return (
    <section className="p-card">
      <h2>{t('portal.invoices')}</h2>
      <table className="p-table">
        <thead>
          <tr>
            <th>{t('portal.invoice')}</th>
            <th className="p-hide-sm">{t('portal.issued')}</th>
            <th>{t('portal.due')}</th>
            <th className="num">{t('portal.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {data.claims.map((claim) => (
            <tr key={claim.invoiceRef} data-testid="portal-claim-row">
              <td>{claim.invoiceRef}</td>
              <td className="p-hide-sm p-nowrap">{formatDate(claim.issueDate, t.locale)}</td>
              <td className="p-nowrap">{formatDate(claim.dueDate, t.locale)}</td>
              <td className="num">{money(claim.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="p-totals">
        <div className="strong">
          <dt>{t('portal.total')}</dt>
          <dd>{money(data.principalCents)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The payments already received (shown only when there is one). */
export function PortalPayments({ data }: { data: PortalCase }) {
  const t = useT(portalMessages);
  const money = (cents: number) => formatMoney(cents, data.currency, t.locale);
  if (data.payments.length === 0) return null;
  return (
    <section className="p-card">
      <h2>{t('portal.payments')}</h2>
      <table className="p-table">
        <tbody>
          {data.payments.map((payment, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: payments carry no id on the portal and never reorder
            <tr key={`${payment.receivedOn}-${index}`} data-testid="portal-payment-row">
              <td className="p-nowrap">{formatDate(payment.receivedOn, t.locale)}</td>
              <td>{t.dyn(`method.${payment.method}`, payment.method)}</td>
              <td className="num">{money(payment.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
