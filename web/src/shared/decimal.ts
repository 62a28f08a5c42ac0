// Amounts and rates are typed by people the French way ("1 234,56", "2,15 %") or the
// English way ("1234.56"). They become integers of hundredths (cents, basis points) by
// reading the digits as text: no float ever holds the value, so "0,29" is 29, not 28.999….

const groupingSpaces = /[\s\u00a0\u202f']/g;

/**
 * "1 234,56" | "1234.56" | "1.234,56" | "12" | "12,5" -> 123456 | 123456 | 123456 | 1200 | 1250.
 * `unit` (such as "€" or "%") may follow or precede the number. Returns null for anything
 * else: negative numbers, more than two decimals, letters, an empty string, and the
 * ambiguous "1.234" / "12,345" (grouping or three decimals?).
 */
export function parseHundredths(input: string, unit?: string): number | null {
  let text = input.replace(groupingSpaces, '');
  if (unit) {
    if (text.endsWith(unit)) text = text.slice(0, -unit.length);
    else if (text.startsWith(unit)) text = text.slice(unit.length);
  }
  if (!/^[\d.,]+$/.test(text)) return null;

  // The last separator is the decimal one when one or two digits follow it; any earlier
  // separator must group thousands (exactly three digits after each).
  const lastSeparator = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
  let whole = text;
  let fraction = '';
  if (lastSeparator >= 0 && text.length - lastSeparator - 1 <= 2) {
    whole = text.slice(0, lastSeparator);
    fraction = text.slice(lastSeparator + 1);
    if (fraction === '') return null;
  }
  if (/[.,]/.test(whole)) {
    const groups = whole.split(/[.,]/);
    const separators = whole.replace(/\d/g, '');
    if (new Set(separators).size > 1) return null;
    if (fraction !== '' && separators[0] === text[lastSeparator]) return null;
    // "1.234" or "12,345" alone could be grouping or three decimals: ask rather than guess.
    if (fraction === '' && separators.length === 1) return null;
    const [head, ...rest] = groups;
    if (!head || head.length > 3 || rest.some((group) => group.length !== 3)) return null;
    whole = groups.join('');
  }
  if (whole === '') whole = '0';
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null;

  const digits = `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** 1215 -> "12,15" (fr) or "12.15" (en): hundredths shown with exactly two decimals, no float. */
export function formatHundredths(value: number, locale: 'fr' | 'en'): string {
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(Math.trunc(value));
  const whole = Math.trunc(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  return `${sign}${whole}${locale === 'fr' ? ',' : '.'}${fraction}`;
}

/** Basis points -> "12,15 %" / "12.15%". */
export function formatBasisPoints(basisPoints: number, locale: 'fr' | 'en'): string {
  const number = formatHundredths(basisPoints, locale);
  return locale === 'fr' ? `${number}\u00a0%` : `${number}%`;
}
