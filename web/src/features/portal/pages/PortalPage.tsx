import type { PortalCase } from '@relance/contracts/portal';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatDateTime, formatMoney, type Locale, setLocale, useT } from '../../../shared/i18n.ts';
import { fetchPortalCase, startCheckout, tokenFromPath } from '../api/portal.ts';
import { PortalLetters } from '../components/PortalLetters.tsx';
import { portalMessages } from '../messages.ts';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: PortalCase };
type Checkout = 'success' | 'cancelled' | null;

// After a successful payment the provider's webhook may land a moment after the debtor
// comes back: poll a few times until the balance moves.
const pollEveryMs = 2000;
const pollTimes = 6;

export function PortalPage() {
  const t = useT(portalMessages);
  const token = tokenFromPath(window.location.pathname);
  const checkout = readCheckoutParam();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<unknown>(null);
  const [balanceSettled, setBalanceSettled] = useState(checkout !== 'success');
  const firstBalance = useRef<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the token and the return parameter are fixed for the life of the page; a language switch re-fetches so the server-written texts follow
  useEffect(() => {
    if (!token) {
      setLoad({ state: 'error', error: new Error(t('portal.errorTitle')) });
      return;
    }
    const controller = new AbortController();
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const fetchOnce = () =>
      fetchPortalCase(token, controller.signal)
        .then((data) => {
          setLoad({ state: 'ready', data });
          firstBalance.current ??= data.balanceCents;
          if (checkout !== 'success') return;
          if (data.balanceCents !== firstBalance.current || data.balanceCents === 0 || polls >= pollTimes) {
            setBalanceSettled(true);
            return;
          }
          polls += 1;
          timer = setTimeout(fetchOnce, pollEveryMs);
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setLoad((current) => (current.state === 'ready' ? current : { state: 'error', error }));
        });

    void fetchOnce();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [token, checkout, t.locale]);

  useEffect(() => {
    if (load.state === 'ready') document.title = load.data.creditor.brand.displayName;
  }, [load]);

  async function pay() {
    if (!token) return;
    setPaying(true);
    setPayError(null);
    try {
      const { checkoutUrl } = await startCheckout(token);
      window.location.assign(checkoutUrl);
    } catch (error) {
      setPayError(error);
      setPaying(false);
    }
  }

  if (load.state === 'loading') {
    return (
      <Shell>
        <div className="p-card p-center p-muted" aria-busy="true">
          {t('portal.loading')}
        </div>
      </Shell>
    );
  }

  if (load.state === 'error') {
    return (
      <Shell>
        <div className="p-card p-center" role="alert" data-testid="portal-error">
          <h2>{t('portal.errorTitle')}</h2>
          <p className="p-muted">{errorMessage(load.error)}</p>
        </div>
      </Shell>
    );
  }

  const data = load.data;
  const { brand } = data.creditor;
  const money = (cents: number) => formatMoney(cents, data.currency, t.locale);
  const settled = data.balanceCents <= 0;
  // Without a published rate the décompte is incomplete: only the principal is claimed and
  // interest is not mentioned at all (no amount the agency could not justify).
  const showInterest = data.interestComplete && data.interestCents > 0;
  const showIndemnity = data.interestComplete && data.indemnityCents > 0;

  return (
    <Shell brand={brand}>
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

      <section className="p-card">
        <p style={{ marginTop: 0 }}>{t('portal.hello', { name: data.debtorName })}</p>
        <p className="p-muted">
          {t('portal.intro', { creditor: brand.displayName, reference: data.caseReference })}
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
        <div className="p-pay-row">
          {settled ? (
            <div className="p-banner ok">{t('portal.settled')}</div>
          ) : (
            <div>
              <button type="button" className="p-pay" onClick={pay} disabled={paying} data-testid="portal-pay">
                {paying ? t('portal.redirecting') : t('portal.payNow', { amount: money(data.balanceCents) })}
              </button>
              <p className="p-small p-muted" style={{ margin: '6px 0 0', textAlign: 'center' }}>
                {t('portal.securePayment')}
              </p>
            </div>
          )}
        </div>
        {payError != null && (
          <div className="p-banner err" role="alert" style={{ marginTop: 12 }} data-testid="portal-pay-error">
            {errorMessage(payError)}
          </div>
        )}
      </section>

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
                <td className="p-hide-sm">{formatDate(claim.issueDate, t.locale)}</td>
                <td>{formatDate(claim.dueDate, t.locale)}</td>
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

      {data.payments.length > 0 && (
        <section className="p-card">
          <h2>{t('portal.payments')}</h2>
          <table className="p-table">
            <tbody>
              {data.payments.map((payment, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: payments carry no id on the portal and never reorder
                <tr key={`${payment.receivedOn}-${index}`} data-testid="portal-payment-row">
                  <td>{formatDate(payment.receivedOn, t.locale)}</td>
                  <td>{t.dyn(`method.${payment.method}`, payment.method)}</td>
                  <td className="num">{money(payment.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {token && <PortalLetters token={token} />}

      <footer className="p-footer" data-testid="portal-statement">
        <p>{data.agency.statement}</p>
        {!data.agency.statement.includes(data.agency.name) && (
          <p>{t('portal.collectedBy', { agency: data.agency.name })}</p>
        )}
        <p>{t('portal.linkExpires', { date: formatDateTime(data.expiresAt, t.locale) })}</p>
      </footer>
    </Shell>
  );
}

function Shell({ brand, children }: { brand?: PortalCase['creditor']['brand']; children: React.ReactNode }) {
  const t = useT(portalMessages);
  const style = brand
    ? ({ '--brand': brand.primaryColor, '--brand-contrast': contrastOn(brand.primaryColor) } as React.CSSProperties)
    : undefined;
  return (
    <div style={style}>
      <header className="p-header">
        <div className="p-header-inner">
          <div className="p-brand">
            {brand?.logoUrl && (
              <span className="p-logo">
                <img src={brand.logoUrl} alt={brand.displayName} data-testid="portal-logo" />
              </span>
            )}
            {brand && (
              <span className="p-brand-name" data-testid="portal-creditor-name">
                {brand.displayName}
              </span>
            )}
          </div>
          {/* biome-ignore lint/a11y/useSemanticElements: a fieldset would bring form styling for two toggle buttons */}
          <div className="p-lang" role="group" aria-label="Langue / Language">
            {(['fr', 'en'] as Locale[]).map((locale) => (
              <button
                key={locale}
                type="button"
                aria-pressed={t.locale === locale}
                onClick={() => setLocale(locale)}
                data-testid={`portal-lang-${locale}`}
              >
                {locale.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
      </header>
      <main className="p-main">{children}</main>
    </div>
  );
}

function readCheckoutParam(): Checkout {
  const value = new URLSearchParams(window.location.search).get('checkout');
  return value === 'success' || value === 'cancelled' ? value : null;
}

/** Black or white text, whichever reads better on the creditor's colour (WCAG relative luminance). */
function contrastOn(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#ffffff';
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = Number.parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#111827' : '#ffffff';
}
