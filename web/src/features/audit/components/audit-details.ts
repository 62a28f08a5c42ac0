/** One field of a record that changed: its name (empty for a single value) and its value before and after. */
export type Change = { field: string; before: string; after: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as a person reads it: text as is, nothing as an empty mark, the rest as compact JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The before/after of an audit record, field by field, as the trail's writers record them:
 * `{ before: {...}, after: {...} }` (or `changes` for a partial update: only the fields it names),
 * `{ before: x, after: y }` of one value, or `{ from, to }` (a role, a capacity). Fields that did not
 * change are left out. A record without them has no changes (its details are shown as they are).
 */
export function changesOf(details: Record<string, unknown>): Change[] {
  if ('from' in details && 'to' in details && !isRecord(details.from) && !isRecord(details.to)) {
    return [{ field: '', before: valueText(details.from), after: valueText(details.to) }];
  }
  if (!('before' in details)) return [];
  const before = details.before;
  const after = 'after' in details ? details.after : details.changes;
  if (isRecord(before) && (isRecord(after) || after === undefined)) {
    const next = after ?? {};
    const fields = isRecord(details.changes) && !('after' in details) ? Object.keys(next) : [...new Set([...Object.keys(before), ...Object.keys(next)])];
    return fields
      .filter((field) => after === undefined || JSON.stringify(before[field]) !== JSON.stringify(next[field]))
      .map((field) => ({ field, before: valueText(before[field]), after: after === undefined ? '—' : valueText(next[field]) }));
  }
  if (after === undefined && !isRecord(before)) return [{ field: '', before: valueText(before), after: '—' }];
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before: valueText(before), after: valueText(after) }];
}
