import type { VerifiedPortalCase as PortalCase } from '@relance/contracts/portal';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/**
 * The unpaid invoices the case is made of, each with what it is made of today: principal, interest
 * and, in plain words, the rule it is charged under, the indemnity, what was paid on it. One block
 * per invoice rather than a wide table: it reads the same on a phone.
 */
export function PortalInvoices({ data }: { data: PortalCase }) {
  const t = useT(portalMessages);
  const money = (cents: number) => formatMoney(cents, data.currency, t.locale);
  const regimes = [...new Set(data.claims.flatMap((claim) => (claim.interestRegime ? [claim.interestRegime] : [])))];
  return (
    <section className="p-card">
      <h2>{t('portal.invoices')}</h2>
      <ul className="p-claims">
        {data.claims.map((claim) => (
          <li key={claim.invoiceRef} data-testid="portal-claim-row">
            <div className="p-claim-head">
              <strong>{t('portal.invoiceRef', { ref: claim.invoiceRef })}</strong>
              <span className="p-muted p-small">
                {t('portal.invoiceDates', { issued: formatDate(claim.issueDate, t.locale), due: formatDate(claim.dueDate, t.locale) })}
              </span>
            </div>
            <dl className="p-claim-lines">
              <div>
                <dt>{t('portal.principal')}</dt>
                <dd>{money(claim.amountCents)}</dd>
              </div>
              {data.interestComplete && claim.interestCents > 0 && (
                <div>
                  <dt>{t('portal.claimInterest')}</dt>
                  <dd data-testid="portal-claim-interest">+ {money(claim.interestCents)}</dd>
                </div>
              )}
              {data.interestComplete && claim.indemnityCents > 0 && (
                <div>
                  <dt>{t('portal.claimIndemnity')}</dt>
                  <dd>+ {money(claim.indemnityCents)}</dd>
                </div>
              )}
              {claim.paidCents > 0 && (
                <div>
                  <dt>{t('portal.paid')}</dt>
                  <dd>− {money(claim.paidCents)}</dd>
                </div>
              )}
              <div className="p-claim-balance">
                <dt>{t('portal.claimBalance')}</dt>
                <dd>{money(data.interestComplete ? claim.balanceCents : claim.amountCents - claim.paidCents)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {data.interestComplete && regimes.length > 0 && (
        <div className="p-small p-muted" data-testid="portal-interest-basis">
          {regimes.map((regime) => (
            <p key={regime}>{t.dyn(`portal.regime.${regime}`, '')}</p>
          ))}
          {data.claims.some((claim) => claim.indemnityCents > 0) && <p>{t('portal.regime.indemnity')}</p>}
        </div>
      )}
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
