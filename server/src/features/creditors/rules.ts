import { isValidSiren } from '@relance/domain/identifiers';

// Pure checks of the creditor form. Kept here (not in packages/domain) because they are
// onboarding rules of this screen rather than collection law.

/**
 * French intra-EU VAT number: 'FR' + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97.
 * (The few numbers with letter keys, given to bodies without a SIREN, are not creditors here.)
 */
export function normalizeFrenchVatNumber(text: string): string | null {
  const compact = text.replace(/[\s.\-\u00A0]/g, '').toUpperCase();
  const match = /^FR(\d{2})(\d{9})$/.exec(compact);
  if (!match) return null;
  const key = Number(match[1]);
  const siren = match[2] as string;
  if (!isValidSiren(siren)) return null;
  return (12 + 3 * (Number(siren) % 97)) % 97 === key ? compact : null;
}

export function sirenOfFrenchVatNumber(vat: string): string {
  return vat.slice(4);
}

/** WCAG 2.x relative luminance of an sRGB colour written #rrggbb. */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG AA for normal text: debtors read white text on the creditor's primary colour (buttons, headers). */
export const MINIMUM_CONTRAST = 4.5;

/** R124-6: funds are paid over within one month of actual receipt unless the mandate says otherwise. */
export const DEFAULT_MAXIMUM_REMITTANCE_DELAY_DAYS = 30;
