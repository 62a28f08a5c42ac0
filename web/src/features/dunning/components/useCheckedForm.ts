import { type FormEvent, useState } from 'react';
import { type MessageKey, useT } from '../../../shared/i18n.ts';
import { dunningMessages } from '../messages.ts';

/**
 * The state of a dunning form: its values, their errors (message keys from `validate`), shown
 * only once the user has tried to submit, and a submit handler that stops on an error.
 */
export function useCheckedForm<Values extends object>(
  initial: () => Values,
  validate: (values: Values) => Partial<Record<keyof Values, string>>,
) {
  const t = useT(dunningMessages);
  const [values, setValues] = useState<Values>(initial);
  const [touched, setTouched] = useState(false);
  const errors = validate(values);
  const shown = (key: keyof Values) => (touched && errors[key] ? t(errors[key] as MessageKey<typeof dunningMessages>) : undefined);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const submitWith = (onValid: (values: Values) => void) => (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length > 0) return;
    onValid(values);
  };
  return { values, set, shown, submitWith };
}
