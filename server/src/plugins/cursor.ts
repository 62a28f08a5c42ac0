import { AppError } from './errors.ts';

/**
 * Keyset pagination cursors, one format for every list: base64url of a JSON array of the sort
 * key's values. A cursor comes back from the client, so it is checked part by part before it
 * reaches SQL: a forged or truncated one answers 400 `validation_failed`, never a database error.
 */
export type CursorPart = 'uuid' | 'instant' | 'date' | 'integer' | 'text';

const partPatterns: Record<CursorPart, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // ISO 8601 as JavaScript writes it, or timestamptz as PostgreSQL writes it (microseconds kept).
  instant: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  integer: /^-?\d{1,18}$/,
  // A sort key that is a text (a name): any characters PostgreSQL stores, within a sane length.
  text: /^.{1,500}$/su,
};

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts.map(String))).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly CursorPart[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === shape.length &&
    parsed.every((part, index) => (typeof part === 'string' || typeof part === 'number') && partPatterns[shape[index] as CursorPart].test(String(part)))
  ) {
    return parsed.map(String);
  }
  throw new AppError('validation_failed', 400, { cursor: 'invalid' });
}
