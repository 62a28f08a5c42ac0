import type { PortalPaymentOptions } from '@relance/contracts/portal-pay';
import { useEffect, useState } from 'react';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { payMessages } from '../messages-pay.ts';
import type { PayChoice } from './PortalPay.tsx';

type Transfer = NonNullable<PortalPaymentOptions['transfer']>;

/** 'FR7630006000011234567890189' -> 'FR76 3000 6000 0112 3456 7890 189': how IBANs and RF references are read aloud and copied. */
function inFours(text: string): string {
  return text.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * "Virement bancaire": the agency's client-funds account (CPCE R124-2), the case's RF reference to
 * quote, the amount of the chosen option and its EPC QR code ("GiroCode") that banking apps scan.
 * An amount typed by the debtor has no code of its own: the open code lets the app ask for it.
 */
export function PortalTransfer({ transfer, currency, choice, amountCents }: { transfer: Transfer; currency: string; choice: PayChoice; amountCents: number | null }) {
  const t = useT(portalMessages, payMessages);
  const purpose = choice === 'other' ? 'open' : choice;
  const qr = transfer.qrCodes.find((code) => code.purpose === purpose) ?? transfer.qrCodes.find((code) => code.purpose === 'balance') ?? null;
  const amountText = amountCents !== null && amountCents > 0 ? formatMoney(amountCents, currency, t.locale) : t('pay.amountYourChoice');

  return (
    <section className="p-card pp" data-testid="portal-transfer" aria-labelledby="portal-transfer-title">
      <h2 id="portal-transfer-title">{t('pay.transferTitle')}</h2>
      <p className="p-small p-muted pp-intro">{t('pay.transferIntro')}</p>
      <dl className="pp-details">
        <div>
          <dt>{t('pay.beneficiary')}</dt>
          <dd data-testid="portal-transfer-beneficiary">{transfer.beneficiaryName}</dd>
        </div>
        <div>
          <dt>{t('pay.iban')}</dt>
          <dd>
            <span className="pp-code" data-testid="portal-transfer-iban">
              {inFours(transfer.iban)}
            </span>
            <CopyButton text={transfer.iban} label={t('pay.copyIban')} testId="portal-transfer-copy-iban" />
          </dd>
        </div>
        {transfer.bic && (
          <div>
            <dt>{t('pay.bic')}</dt>
            <dd className="pp-code" data-testid="portal-transfer-bic">
              {transfer.bic}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('pay.reference')}</dt>
          <dd>
            <span className="pp-code pp-strong" data-testid="portal-transfer-reference">
              {inFours(transfer.reference)}
            </span>
            <CopyButton text={transfer.reference} label={t('pay.copyReference')} testId="portal-transfer-copy-reference" />
          </dd>
        </div>
        <div>
          <dt>{t('pay.amount')}</dt>
          <dd data-testid="portal-transfer-amount" data-cents={amountCents ?? ''}>
            {amountText}
          </dd>
        </div>
      </dl>
      {qr && (
        <figure className="pp-qr">
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`}
            alt={qr.amountCents !== null ? t('pay.qrAlt', { amount: formatMoney(qr.amountCents, currency, t.locale) }) : t('pay.qrAltOpen')}
            width={208}
            height={208}
            data-testid="portal-transfer-qr"
            data-purpose={qr.purpose}
          />
          <figcaption className="p-small p-muted">{t('pay.qrHelp')}</figcaption>
        </figure>
      )}
      <p className="p-small p-muted pp-intro">{t('pay.transferDelay')}</p>
    </section>
  );
}

/** Copies a value (the IBAN or the reference, without spaces) and says so for two seconds. */
function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const t = useT(portalMessages, payMessages);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  if (typeof navigator === 'undefined' || !navigator.clipboard) return null;
  return (
    <button
      type="button"
      className="pp-copy"
      aria-label={copied ? t('common.copied') : label}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
      data-testid={testId}
    >
      {copied ? t('common.copied') : t('common.copy')}
    </button>
  );
}
