import type { PortalCase } from '@relance/contracts/portal';
import type { CSSProperties, ReactNode } from 'react';
import { type Locale, setLocale, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/** The page frame: the creditor's brand and colour in the header, the language toggle. */
export function PortalShell({ brand, children }: { brand?: PortalCase['creditor']['brand']; children: ReactNode }) {
  const t = useT(portalMessages);
  const style = brand
    ? ({ '--brand': brand.primaryColor, '--brand-contrast': contrastOn(brand.primaryColor), '--brand-ink': inkOnWhite(brand.primaryColor) } as CSSProperties)
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
            {/* The page's one level-one heading: who the debtor is dealing with. */}
            <h1 className="p-brand-name" data-testid="portal-creditor-name">
              {brand?.displayName ?? t('portal.pageTitle')}
            </h1>
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

function channels(hex: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match ? (match.slice(1).map((part) => Number.parseInt(part, 16)) as [number, number, number]) : null;
}

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const linear = (value: number) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * Black or white text, whichever contrasts more with the creditor's colour (WCAG 2.x ratio): one
 * of the two always reaches 4.5:1 (the worst colour, a mid grey, still gives 4.58 with black).
 */
export function contrastOn(hex: string): string {
  const rgb = channels(hex);
  if (!rgb) return '#ffffff';
  const background = luminance(rgb);
  return (background + 0.05) / 0.05 >= 1.05 / (background + 0.05) ? '#000000' : '#ffffff';
}

/**
 * The creditor's colour as text on white: itself when it reaches 4.5:1 (WCAG 1.4.3), else the same
 * hue darkened step by step until it does (a pale brand colour never makes an unreadable link).
 */
export function inkOnWhite(hex: string): string {
  let rgb = channels(hex);
  if (!rgb) return '#1f2933';
  for (let step = 0; step < 20 && 1.05 / (luminance(rgb) + 0.05) < 4.5; step += 1) {
    rgb = rgb.map((value) => Math.floor(value * 0.85)) as [number, number, number];
  }
  return `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}
