/**
 * The bands a creditor filters its case list by (issue 19, "Work from the portal"): the age of a
 * case (days since placement, `collection_case.opened_on`) and the amount placed (the sum of its
 * claims' principal, in cents). Each band is a closed range [min, max] in the API's own filter
 * parameters (`minAgeDays`/`maxAgeDays`, `minAmountCents`/`maxAmountCents`); `max` null = no upper
 * bound. The bands do not overlap and together cover every value from 0 up.
 */
export interface Band {
  readonly code: string;
  readonly min: number;
  readonly max: number | null;
}

/** Days since placement: the first month, the second and third, up to six months, a year, beyond. */
export const AGE_BANDS: readonly Band[] = [
  { code: '0-30', min: 0, max: 30 },
  { code: '31-90', min: 31, max: 90 },
  { code: '91-180', min: 91, max: 180 },
  { code: '181-365', min: 181, max: 365 },
  { code: '365+', min: 366, max: null },
];

/** Amount placed, in cents: under 500 €, 500–1 999.99 €, 2 000–9 999.99 €, 10 000 € and more. */
export const AMOUNT_BANDS: readonly Band[] = [
  { code: 'lt500', min: 0, max: 49_999 },
  { code: '500-2000', min: 50_000, max: 199_999 },
  { code: '2000-10000', min: 200_000, max: 999_999 },
  { code: '10000+', min: 1_000_000, max: null },
];

/** The band a value falls in (a band list covers every value from 0 up). */
export function bandOf(bands: readonly Band[], value: number): Band | undefined {
  return bands.find((band) => value >= band.min && (band.max === null || value <= band.max));
}

/** The band whose bounds are exactly these (to show the band a URL's min/max names), if any. */
export function bandMatching(bands: readonly Band[], min: number | undefined, max: number | undefined): Band | undefined {
  return bands.find((band) => band.min === (min ?? 0) && band.max === (max ?? null));
}
