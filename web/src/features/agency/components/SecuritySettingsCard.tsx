import { Anchor, Stack, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { securitySettingsOptions, useUpdateSecuritySettings } from '../api/security-settings.ts';
import { agencyMessages } from '../messages.ts';
import { SettingsCard } from './SettingsCard.tsx';

/** Admin only: require two-factor authentication from staff (applies at their next sign-in). */
export function SecuritySettingsCard() {
  const s = useT(agencyMessages);
  const query = useQuery(securitySettingsOptions());
  const mutation = useUpdateSecuritySettings();
  return (
    <SettingsCard title={s('settings.title')} help={s('settings.help')} query={query} testId="security-settings">
      {(settings) => (
        <Stack gap="sm">
          <Switch
            label={s('settings.require')}
            checked={mutation.isPending ? Boolean(mutation.variables?.requireStaffTotp) : settings.requireStaffTotp}
            disabled={mutation.isPending}
            onChange={(event) =>
              mutation.mutate(
                { requireStaffTotp: event.currentTarget.checked },
                { onSuccess: () => notifications.show({ color: 'teal', message: s('settings.saved') }) },
              )
            }
            data-testid="require-staff-totp"
          />
          {mutation.isError && <ErrorState error={mutation.error} />}
          <Anchor component={Link} to="/account/security" size="sm">
            {s('settings.ownAccount')}
          </Anchor>
        </Stack>
      )}
    </SettingsCard>
  );
}
