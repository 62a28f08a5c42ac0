import { z } from 'zod';

// API conventions (README "API"): camelCase JSON, money as integer cents in fields ending
// in `Cents` plus a `currency`, business dates as YYYY-MM-DD, lists as { items, nextCursor }.

export const uuid = z.uuid();
/** A business date as the API returns it (any valid calendar date). Requests use `dateInput`. */
export const businessDate = z.iso.date().describe('Business date, YYYY-MM-DD');
/** An instant as the API returns it. Requests use `instantInput`. */
export const instant = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 in UTC');
/** An amount as the API returns it: any safe integer (sums of many amounts may exceed MAX_AMOUNT_CENTS). */
export const cents = z.number().int().describe('Amount in integer cents');

// ---------------------------------------------------------------------------------------------
// Business bounds of what a request may carry, defined once (issue #13, items 3 and 4). Every
// money field and every date of every request schema, the CSV/XLSX import and the creditor API use
// them, so no value that PostgreSQL or a JavaScript number cannot hold reaches a service.

/**
 * The largest single amount the product accepts: 1e11 cents = 1 billion euros. Far above any
 * real claim, and small enough that sums of thousands of them stay exact JavaScript integers
 * (Number.MAX_SAFE_INTEGER is about 9e15).
 */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
/** The earliest business date accepted (a claim, payment, judgment... older than this is a typing error). */
export const BUSINESS_DATE_MIN = '1990-01-01';
/** How far ahead a business date may be, where the field allows the future at all. */
export const BUSINESS_DATE_MAX_YEARS_AHEAD = 10;
/** Integer counts and day numbers (positions, days past due...): within PostgreSQL `integer`. */
export const MAX_COUNT = 1_000_000;

/** The latest business date accepted today: today (UTC) + BUSINESS_DATE_MAX_YEARS_AHEAD years. */
export function businessDateMax(now: Date = new Date()): string {
  const year = now.getUTCFullYear() + BUSINESS_DATE_MAX_YEARS_AHEAD;
  return `${year}-${now.toISOString().slice(5, 10)}`.replace(/-02-29$/, '-02-28');
}

/** True when a YYYY-MM-DD date lies within the business bounds. */
export function isWithinBusinessDates(date: string, now: Date = new Date()): boolean {
  return date >= BUSINESS_DATE_MIN && date <= businessDateMax(now);
}

const dateBoundsMessage = `date out of range (${BUSINESS_DATE_MIN} to today + ${BUSINESS_DATE_MAX_YEARS_AHEAD} years)`;

/** A business date in a request: YYYY-MM-DD between 1990-01-01 and today + 10 years. */
export const dateInput = z.iso
  .date()
  .refine((date) => isWithinBusinessDates(date), { message: dateBoundsMessage, abort: true })
  .meta({ 'x-business-date-bounds': { min: BUSINESS_DATE_MIN, maxYearsAhead: BUSINESS_DATE_MAX_YEARS_AHEAD } })
  .describe(`Business date, YYYY-MM-DD, from ${BUSINESS_DATE_MIN} to today + ${BUSINESS_DATE_MAX_YEARS_AHEAD} years`);

/** An instant in a request: ISO 8601 with offset, its UTC day within the business bounds. */
export const instantInput = z.iso
  .datetime({ offset: true })
  .refine(
    (value) => {
      // Runs after a failed format check too (zod 4 goes on collecting issues): no throwing on garbage.
      const time = Date.parse(value);
      return Number.isFinite(time) && isWithinBusinessDates(new Date(time).toISOString().slice(0, 10));
    },
    { message: dateBoundsMessage, abort: true },
  )
  .meta({ 'x-business-date-bounds': { min: BUSINESS_DATE_MIN, maxYearsAhead: BUSINESS_DATE_MAX_YEARS_AHEAD } })
  .describe(`Instant, ISO 8601 with offset, from ${BUSINESS_DATE_MIN} to today + ${BUSINESS_DATE_MAX_YEARS_AHEAD} years`);

/** A positive amount in a request (a claim, a payment, a promise...): 1 to MAX_AMOUNT_CENTS. */
export const amountInput = z.number().int().positive().max(MAX_AMOUNT_CENTS).describe('Amount in integer cents, at most 1e11 (1 billion euros)');
/** A threshold amount in a request (a band, a minimum, a discount): 0 to MAX_AMOUNT_CENTS. */
export const thresholdInput = z.number().int().min(0).max(MAX_AMOUNT_CENTS).describe('Amount in integer cents, 0 to 1e11');
/** A count or a number of days in a request: 0 to MAX_COUNT. */
export const countInput = z.number().int().min(0).max(MAX_COUNT);
export const currency = z.string().length(3).describe('ISO 4217 currency code').default('EUR');
export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour as #rrggbb');

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const idParams = z.object({ id: uuid });

export const errorBody = z
  .object({
    code: z.string().describe('Stable snake_case code (see error codes in packages/contracts)'),
    message: z.string().describe("Message in the caller's language (Accept-Language fr or en)"),
    details: z.unknown().optional(),
  })
  .meta({ id: 'Error' });

/** An answer without a body (204). */
export const noContent = z.null().describe('No content');

/**
 * An answer that is a file, not JSON: the content types it may have, so the OpenAPI document (and
 * the schema-driven fuzzer) can tell a PDF or a CSV from a JSON body.
 */
export function fileResponse(description: string, contentTypes: readonly string[]) {
  return {
    description,
    // unknown, not string: the handler sends a Buffer or a stream, which Fastify never serializes.
    content: Object.fromEntries(contentTypes.map((type) => [type, { schema: z.unknown().meta({ type: 'string', format: 'binary' }) }])),
  };
}

/** What a case document or a piece of evidence may be (uploads, letters, e-mail sources, SMS texts). */
export const documentContentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'message/rfc822'] as const;

/**
 * The nature of a claim, which decides its prescription (packages/domain claim-nature.ts
 * `claimNatures`; server/test/contracts-domain-parity.test.ts holds the two lists equal).
 */
export const claimNature = z.enum(['commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil']);
