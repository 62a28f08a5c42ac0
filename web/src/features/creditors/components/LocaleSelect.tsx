import { NativeSelect } from '@mantine/core';
import type { Locale } from '../../../shared/i18n.ts';

/** The language a creditor user reads the app and the e-mails in. */
export function LocaleSelect({ label, value, onChange, testId }: { label: string; value: Locale; onChange: (locale: Locale) => void; testId: string }) {
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as Locale)}
      data={[
        { value: 'fr', label: 'Français' },
        { value: 'en', label: 'English' },
      ]}
      data-testid={testId}
    />
  );
}
