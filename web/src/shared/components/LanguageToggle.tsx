import { SegmentedControl } from '@mantine/core';
import { type Locale, setLocale, useT } from '../i18n.ts';

export function LanguageToggle() {
  const t = useT();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={t.locale}
      onChange={(value) => setLocale(value as Locale)}
      data={[
        { value: 'fr', label: 'FR' },
        { value: 'en', label: 'EN' },
      ]}
      data-testid="language-toggle"
    />
  );
}
