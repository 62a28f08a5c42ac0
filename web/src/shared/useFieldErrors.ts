import { useState } from 'react';

/** Field errors of a form, shown until the field is typed in again. */
export function useFieldErrors<K extends string>() {
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  return {
    errors,
    setErrors,
    clear(name: K) {
      if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
    },
  };
}
