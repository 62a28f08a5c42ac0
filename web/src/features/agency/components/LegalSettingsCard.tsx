import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { legalSettingsOptions, useUpdateLegalSettings } from '../api/legal-settings.ts';
import { agencyMessages } from '../messages.ts';
import { SettingsCard } from './SettingsCard.tsx';

/** Days between the mise en demeure's presentation and a judicial step (the pre-checks of a legal action read it). Managers edit it. */
export function LegalSettingsCard({ canEdit }: { canEdit: boolean }) {
  const t = useT(agencyMessages);
  const query = useQuery(legalSettingsOptions());
  const mutation = useUpdateLegalSettings();
  const [days, setDays] = useState<number | string>(8);
  useEffect(() => {
    if (query.data) setDays(query.data.daysAfterMiseEnDemeure);
  }, [query.data]);
  const value = typeof days === 'number' ? days : Number.parseInt(days, 10);
  const valid = Number.isInteger(value) && value >= 0 && value <= 90;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    mutation.mutate({ daysAfterMiseEnDemeure: value }, { onSuccess: () => notifications.show({ color: 'teal', message: t('agency.legalSaved') }) });
  }

  return (
    <SettingsCard title={t('agency.legalTitle')} help={t('agency.legalHelp')} query={query} testId="legal-settings">
      {() => (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <NumberInput
              label={t('agency.legalDays')}
              description={t('agency.legalDaysHelp')}
              min={0}
              max={90}
              allowDecimal={false}
              value={days}
              onChange={setDays}
              readOnly={!canEdit}
              error={valid ? null : '0 – 90'}
              maw={420}
              data-testid="legal-days"
            />
            {mutation.isError && <ErrorState error={mutation.error} />}
            {canEdit ? (
              <Group justify="flex-end">
                <Button type="submit" loading={mutation.isPending} data-testid="legal-settings-submit">
                  {t('common.save')}
                </Button>
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                {t('agency.contactReadOnly')}
              </Text>
            )}
          </Stack>
        </form>
      )}
    </SettingsCard>
  );
}
