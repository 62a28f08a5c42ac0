import { z } from 'zod';

// API conventions (README "API"): camelCase JSON, money as integer cents in fields ending
// in `Cents` plus a `currency`, business dates as YYYY-MM-DD, lists as { items, nextCursor }.

export const uuid = z.uuid();
export const businessDate = z.iso.date().describe('Business date, YYYY-MM-DD');
export const instant = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 in UTC');
export const cents = z.number().int().describe('Amount in integer cents');
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
