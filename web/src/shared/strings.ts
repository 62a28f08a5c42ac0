import { useMemo } from 'react';
import { type Locale, type Params, useLocale } from './i18n.ts';

/**
 * A feature's own UI strings, French and English, outside the shared dictionary: the keys are
 * typed from the French map, so a missing English entry fails the typecheck, and only the
 * bundles that import the feature carry its strings. A feature declares `const strings = { fr, en }`
 * and its hook `useXStrings = () => useStrings(strings)`.
 */
export type Strings<K extends string> = Record<Locale, Record<K, string>>;

export function useStrings<K extends string>(strings: Strings<K>) {
  const locale = useLocale();
  return useMemo(() => {
    const translate = (key: K, params?: Params) => {
      const template = strings[locale][key] ?? strings.fr[key] ?? key;
      return params ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : template;
    };
    return Object.assign(translate, { locale });
  }, [locale, strings]);
}
