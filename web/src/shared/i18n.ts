import { useMemo, useSyncExternalStore } from 'react';

// The shared core of the web's messages: the locale store, the translate hook, formatting, and the
// messages both apps show (common.*). Every other message lives next to the screens that show it:
// features/<feature>/messages.ts, app/staff/messages.ts, or shared/staff-messages.ts for what several
// staff features share. A messages module is `{ key: { fr, en } }` (the shape of
// contracts/src/errors.ts) checked with `satisfies Messages`, so a missing English entry fails the
// typecheck; a screen asks `useT(casesMessages, …)` for a translate function whose keys are typed
// from the modules it named (plus common.*), so an unknown key fails the typecheck too. French first
// (the agency's and most debtors' language), English as the alternative. Only the bundles that
// import a module carry its strings: the debtor portal imports its own and common.* only
// (web/test/unit/portal-bundle.test.ts checks the built chunk).

export type Locale = 'fr' | 'en';
export type Message = Readonly<Record<Locale, string>>;
export type Messages = Readonly<Record<string, Message>>;
/** The keys of a messages module: `MessageKey<typeof dunningMessages>`. */
export type MessageKey<M extends Messages> = keyof M & string;

export const commonMessages = {
  'common.loading': { fr: 'Chargement…', en: 'Loading…' },
  'common.retry': { fr: 'Réessayer', en: 'Retry' },
  'common.error': { fr: 'Une erreur est survenue', en: 'Something went wrong' },
  'common.save': { fr: 'Enregistrer', en: 'Save' },
  'common.cancel': { fr: 'Annuler', en: 'Cancel' },
  'common.back': { fr: 'Retour', en: 'Back' },
  'common.copy': { fr: 'Copier', en: 'Copy' },
  'common.copied': { fr: 'Copié', en: 'Copied' },
  'common.yes': { fr: 'Oui', en: 'Yes' },
  'common.no': { fr: 'Non', en: 'No' },
  'common.none': { fr: '—', en: '—' },
  'common.valid': { fr: 'valide', en: 'valid' },
  'common.invalid': { fr: 'invalide', en: 'invalid' },
  'common.loadMore': { fr: 'Charger plus', en: 'Load more' },
  'common.language': { fr: 'Langue', en: 'Language' },
  'common.notFound': { fr: 'Page introuvable', en: 'Page not found' },
  'common.notFoundText': { fr: "Cette page n'existe pas ou plus.", en: 'This page does not exist (anymore).' },
  'common.chooseCreditor': { fr: 'Choisir un créancier', en: 'Choose a creditor' },
  'common.creditor': { fr: 'Créancier', en: 'Creditor' },
  'common.allCreditors': { fr: 'Tous les créanciers', en: 'All creditors' },
  'common.required': { fr: 'Obligatoire', en: 'Required' },
  'common.shortcuts': { fr: 'Raccourcis', en: 'Shortcuts' },

  'method.card': { fr: 'Carte', en: 'Card' },
  'method.transfer': { fr: 'Virement', en: 'Transfer' },
  'method.cheque': { fr: 'Chèque', en: 'Cheque' },
  'method.direct_to_creditor': { fr: 'Direct au créancier', en: 'Paid to the creditor' },
  'method.other': { fr: 'Autre', en: 'Other' },
} satisfies Messages;

const storageKey = 'relance.locale';

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    if (stored === 'fr' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked (private mode, sandboxed iframe): French is the default.
  }
  return 'fr';
}

let currentLocale: Locale = readStoredLocale();
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return currentLocale;
}

export function setLocale(locale: Locale): void {
  if (locale === currentLocale) return;
  currentLocale = locale;
  try {
    globalThis.localStorage?.setItem(storageKey, locale);
  } catch {
    // Not persisted: the choice still applies to this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Params = Record<string, string | number>;
export type CommonKey = MessageKey<typeof commonMessages>;
type KeysOf<M extends readonly Messages[]> = M[number] extends infer Module ? (Module extends Messages ? MessageKey<Module> : never) : never;

export type Translate<K extends string = never> = ((key: K | CommonKey, params?: Params) => string) & {
  locale: Locale;
  /** For keys built from enum values: `t.dyn('status.' + status, status)`. */
  dyn: (key: string, fallback: string) => string;
};

function lookup(modules: readonly Messages[], locale: Locale, key: string): string | undefined {
  const all: readonly Messages[] = [commonMessages, ...modules];
  for (const messages of all) {
    const message = messages[key];
    if (message) return message[locale];
  }
  return undefined;
}

/** The message `key` of common.* or `modules` in `locale`, its {params} filled in (the key itself if unknown). */
export function translate(locale: Locale, modules: readonly Messages[], key: string, params?: Params): string {
  const template = lookup(modules, locale, key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

/**
 * The translate function of the current locale over common.* and the given messages modules
 * (module-level constants); components re-render when the locale changes.
 */
export function useT<const M extends readonly Messages[]>(...messages: M): Translate<KeysOf<M>> {
  const locale = useLocale();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the modules are constants of the call site, their count never changes
  return useMemo(
    () =>
      Object.assign((key: string, params?: Params) => translate(locale, messages, key, params), {
        locale,
        dyn: (key: string, fallback: string) => lookup(messages, locale, key) ?? fallback,
      }),
    [locale, ...messages],
  );
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 123456 cents -> "1 234,56 €" in French, "€1,234.56" in English. */
export function formatMoney(cents: number, currency = 'EUR', locale: Locale = currentLocale): string {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(cents / 100);
}

export function formatPercent(ratio: number, locale: Locale = currentLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatNumber(value: number, locale: Locale = currentLocale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** Business date "YYYY-MM-DD" -> "dd/mm/yyyy" (no time zone involved: it is a calendar date). */
export function formatDate(isoDate: string | null | undefined, locale: Locale = currentLocale): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return locale === 'fr' ? `${day}/${month}/${year}` : `${day}/${month}/${year}`;
}

/** Instant (ISO 8601, UTC) -> date and time in the agency's time zone. */
export function formatDateTime(instant: string | null | undefined, locale: Locale = currentLocale): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Instant -> "HH:MM" in the agency's time zone (24-hour clock in both languages). */
export function formatTime(instant: string | null | undefined, locale: Locale = currentLocale): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** Instant -> calendar date in the agency's time zone. */
export function formatInstantDate(instant: string | null | undefined, locale: Locale = currentLocale): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

/** "2025-03" -> "mars 2025" / "Mar 2025". */
export function formatMonth(yearMonth: string, locale: Locale = currentLocale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) return yearMonth;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(date);
}
