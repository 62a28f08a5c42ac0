import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDate, useLocale } from '../i18n.ts';

// A calendar date typed the way the screen's language writes it (JJ/MM/AAAA in French,
// DD/MM/YYYY in English), whatever the browser's own locale: a native <input type="date"> shows
// mm/dd/yyyy on an American browser, which an agent typing "05/11/2026" reads as 11 May (issue 20).
// The value in and out is the API's "YYYY-MM-DD"; "" while the text is empty or not yet a date.
// Also accepts "YYYY-MM-DD" typed or pasted (what a spreadsheet gives).

/** "05/11/2026", "5/11/2026", "05.11.2026" or "2026-11-05" → "2026-11-05"; null when not a real date. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const parts = iso ? { year: iso[1], month: iso[2], day: iso[3] } : dayFirst ? { year: dayFirst[3], month: dayFirst[2], day: dayFirst[1] } : null;
  if (!parts) return null;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type DateFieldProps = Omit<TextInputProps, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  /** "YYYY-MM-DD" or "" (undefined: ""). */
  value: string | undefined;
  /**
   * Called with the date as "YYYY-MM-DD", or "" while the text is not a whole date, in the shape of
   * an input's change event (method syntax: a form's handler typed for a ChangeEvent that reads
   * `currentTarget.value` fits).
   */
  onChange(event: { currentTarget: { value: string } }): void;
  /** Kept for the callers' readability; the server checks the bounds (a typed date is not clamped). */
  min?: string | undefined;
  max?: string | undefined;
};

export function DateField({ value: given, onChange, onBlur, min: _min, max: _max, ...props }: DateFieldProps) {
  const value = given ?? '';
  const locale = useLocale();
  const [text, setText] = useState(() => (value ? formatDate(value, locale) : ''));
  // The value changed from outside (a reset, a default, another field): show it, unless it is what is typed.
  useEffect(() => {
    setText((current) => {
      // What is typed already is the value (or both are "not a date yet"): leave the text alone.
      if ((parseTypedDate(current) ?? '') === value) return current;
      return value ? formatDate(value, locale) : '';
    });
  }, [value, locale]);
  return (
    <TextInput
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={props.placeholder ?? (locale === 'fr' ? 'JJ/MM/AAAA' : 'DD/MM/YYYY')}
      value={text}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        setText(typed);
        onChange({ currentTarget: { value: parseTypedDate(typed) ?? '' } });
      }}
      onBlur={(event) => {
        const parsed = parseTypedDate(text);
        if (parsed) setText(formatDate(parsed, locale));
        onBlur?.(event);
      }}
    />
  );
}
