import type { PortalCase } from '@relance/contracts/portal';
import type { CSSProperties, ReactNode } from 'react';
import { type Locale, setLocale, useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/** The page frame: the creditor's brand and colour in the header, the language toggle. */
export function PortalShell({ brand, children }: { brand?: PortalCase['creditor']['brand']; children: ReactNode }) {
  const t = useT(portalMessages);
  const style = brand
    ? ({ '--brand': brand.primaryColor, '--brand-contrast': contrastOn(brand.primaryColor) } as CSSProperties)
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
