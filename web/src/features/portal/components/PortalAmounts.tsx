import type { VerifiedPortalCase as PortalCase } from '@relance/contracts/portal';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/** What is owed, element by element (paying is the next section, PortalPay). */
export function PortalAmounts({ data }: { data: PortalCase }) {
  const t = useT(portalMessages);
  const { brand } = data.creditor;
  const money = (cents: number) => formatMoney(cents, data.currency, t.locale);
  // Without a published rate the décompte is incomplete: only the principal is claimed and
  // interest is not mentioned at all (no amount the agency could not justify).
  const showInterest = data.interestComplete && data.interestCents > 0;
  const showIndemnity = data.interestComplete && data.indemnityCents > 0;

  return (
    <section className="p-card">
      <p style={{ marginTop: 0 }}>{t('portal.hello', { name: data.debtorName })}</p>
      <p className="p-muted">
        {t('portal.intro', { creditor: brand.displayName, reference: data.caseReference })}
      </p>
      <p className="p-muted p-small" data-testid="portal-who">
        {t('portal.whoWrites', { agency: data.agency.name, creditor: data.creditor.legalName })}
        {data.agency.phone && (
          <>
            {' '}
            <a href={`tel:${data.agency.phone.replace(/\s/g, '')}`}>{data.agency.phone}</a>
          </>
        )}
      </p>
      <h2 className="p-amounts-title">{t('portal.amountsTitle')}</h2>
      <dl className="p-amounts" data-testid="portal-amounts">
        <div>
          <dt>{t('portal.unpaidInvoices')}</dt>
          <dd data-testid="portal-principal" data-cents={data.principalCents}>
            {money(data.principalCents)}
          </dd>
        </div>
        {showInterest && (
          <div>
            <dt>{t('portal.interestAsOf', { date: formatDate(data.amountsAsOf, t.locale) })}</dt>
            <dd data-testid="portal-interest" data-cents={data.interestCents}>
              + {money(data.interestCents)}
            </dd>
          </div>
        )}
        {showIndemnity && (
          <div>
            <dt>{t('portal.indemnity')}</dt>
            <dd data-testid="portal-indemnity" data-cents={data.indemnityCents}>
              + {money(data.indemnityCents)}
            </dd>
          </div>
        )}
        {data.paidCents > 0 && (
          <div>
            <dt>{t('portal.paid')}</dt>
            <dd data-testid="portal-paid" data-cents={data.paidCents}>
              − {money(data.paidCents)}
            </dd>
          </div>
        )}
        <div className="p-amounts-balance">
          <dt>{t('portal.balance')}</dt>
          <dd className="p-balance" data-testid="portal-balance" data-cents={data.balanceCents}>
            {money(data.balanceCents)}
          </dd>
        </div>
      </dl>
      {showInterest && (
        <p className="p-small p-muted" data-testid="portal-interest-explained">
          {t('portal.interestExplained')}
        </p>
      )}
    </section>
  );
}
