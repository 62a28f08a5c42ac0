import { Button, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ContactRuleMode } from '@relance/contracts/contact-rules';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { contactSettingsOptions, useUpdateContactSettings } from '../api/contact-settings.ts';
import { agencyMessages } from '../messages.ts';
import { SettingsCard } from './SettingsCard.tsx';

/** The agency's contact policy: cap per debtor over 7 days, and whether calls outside the hours are refused (default) or only warned of. Managers edit it. */
export function ContactSettingsCard({ canEdit }: { canEdit: boolean }) {
  const t = useT(agencyMessages);
  const query = useQuery(contactSettingsOptions());
  const mutation = useUpdateContactSettings();
  const [cap, setCap] = useState<number | string>(3);
  const [mode, setMode] = useState<ContactRuleMode>('block');
  useEffect(() => {
    if (query.data) {
      setCap(query.data.contactCapPer7Days);
      setMode(query.data.contactRuleMode);
    }
  }, [query.data]);
  const capValue = typeof cap === 'number' ? cap : Number.parseInt(cap, 10);
  const capValid = Number.isInteger(capValue) && capValue >= 1 && capValue <= 20;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!capValid) return;
    mutation.mutate(
      { contactCapPer7Days: capValue, contactRuleMode: mode },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('agency.contactSaved') }) },
    );
  }

  return (
    <SettingsCard title={t('agency.contactTitle')} help={t('agency.contactHelp')} query={query} testId="contact-settings">
      {() => (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <NumberInput
              label={t('agency.contactCap')}
              description={t('agency.contactCapHelp')}
              min={1}
              max={20}
              allowDecimal={false}
              value={cap}
              onChange={setCap}
              readOnly={!canEdit}
              error={capValid ? null : '1 – 20'}
              maw={420}
              data-testid="contact-cap"
            />
            <Radio.Group
              label={t('agency.contactMode')}
              description={t('agency.contactModeHelp')}
              value={mode}
              onChange={(value) => setMode(value as ContactRuleMode)}
              data-testid="contact-mode"
            >
              <Stack gap={6} mt={6}>
                <Radio value="block" label={t('agency.contactModeBlock')} disabled={!canEdit} data-testid="contact-mode-block" />
                <Radio value="warn" label={t('agency.contactModeWarn')} disabled={!canEdit} data-testid="contact-mode-warn" />
              </Stack>
            </Radio.Group>
            {mutation.isError && <ErrorState error={mutation.error} />}
            {canEdit ? (
              <Group justify="flex-end">
                <Button type="submit" loading={mutation.isPending} data-testid="contact-settings-submit">
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
