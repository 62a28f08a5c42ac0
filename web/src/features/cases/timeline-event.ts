import type { TimelineParam } from '@relance/contracts/timeline-events';
import { formatDate, formatDateTime, formatMoney, type Locale } from '../../shared/i18n.ts';

// A timeline entry said in the screen's language from its event (packages/contracts/src/
// timeline-events.ts): the sentence `event.<code>`, each parameter rendered by its name (amounts,
// dates, statuses, channels by label), then the optional sentences `event.<code>.<param>` of the
// parameters present, and the move of the case when the event moved it. An entry whose code has
// no sentence here is shown by its text (the French record).

type Event = { code: string; params: Record<string, TimelineParam> };
/** Looks a key up in the screen's messages; undefined when there is no such key. */
type Lookup = (key: string) => string | undefined;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);

/** One parameter as a person reads it; a code without a label is never shown raw. */
export function renderParam(name: string, value: TimelineParam, lookup: Lookup, locale: Locale, currency: string): string {
  if (value === null) return '';
  if (typeof value === 'object') return value[locale];
  if (typeof value === 'boolean') return value ? '✓' : '';
  if (name.endsWith('Cents') && typeof value === 'number') return formatMoney(value, currency, locale);
  if (typeof value === 'number') return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
  if (name.endsWith('On')) return formatDate(value, locale);
  if (name.endsWith('At')) return formatDateTime(value, locale);
  const labelKey = labelKeyOf(name, value);
  if (labelKey) return lookup(labelKey) ?? lookup('event.unknownValue') ?? '';
  return value;
}

/** Parameters whose values are codes with a label `event.<name>.<value>`. */
const labelledParams: ReadonlySet<string> = new Set(['channel', 'refundMethod', 'trackingEvent', 'party', 'contactKind', 'disputeReason', 'resolution', 'topic', 'frequency', 'receiptKind', 'borneBy']);

function labelKeyOf(name: string, value: string): string | null {
  if (name.endsWith('Status')) return `status.${value}`;
  if (name.endsWith('Nature')) return `event.nature.${value}`;
  if (name === 'outcome') return `caseWork.outcome.${value}`;
  if (name === 'method') return `payment.method.${value}`;
  // A legal action's kind and events: the legal screens' own words (shared/staff-messages.json).
  if (name === 'legalKind') return `legal.kind.${value}`;
  if (name === 'legalEvent') return `legal.event.${value}`;
  if (labelledParams.has(name)) return `event.${name}.${value}`;
  return null;
}

/** The entry's sentence in the screen's language, or null when the screen has none for its code. */
export function describeEvent(event: Event, lookup: Lookup, locale: Locale, caseCurrency: string): string | null {
  const sentence = lookup(`event.${event.code}`);
  if (!sentence) return null;
  const currency = typeof event.params.currency === 'string' && event.params.currency ? event.params.currency : caseCurrency;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.params)) values[name] = renderParam(name, value, lookup, locale, currency);
  let text = fill(sentence, values);
  for (const [name, value] of Object.entries(event.params)) {
    if (value === null || value === false || value === '') continue;
    const extra = lookup(`event.${event.code}.${name}`);
    if (extra) text += fill(extra, values);
  }
  if (event.code !== 'status_changed' && typeof event.params.toStatus === 'string' && typeof event.params.fromStatus === 'string') {
    text += fill(lookup('event.move') ?? '', values);
    if (event.params.outcome) text += fill(lookup('event.move.outcome') ?? '', values);
  }
  return text;
}

/** The entry's title when its event says more than its kind (a blocked letter is not "sent"). */
export function eventTitle(event: Event | undefined, lookup: Lookup): string | undefined {
  return event ? lookup(`event.title.${event.code}`) : undefined;
}
