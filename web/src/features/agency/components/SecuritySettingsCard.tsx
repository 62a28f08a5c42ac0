import { Anchor, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { securitySettingsOptions, useUpdateSecuritySettings } from '../api/security-settings.ts';
import { agencyMessages } from '../messages.ts';

/** Admin only: require two-factor authentication from staff (applies at their next sign-in). */
export function SecuritySettingsCard() {
  const s = useT(agencyMessages);
  const query = useQuery(securitySettingsOptions());
  const mutation = useUpdateSecuritySettings();
  return (
    <Paper p="lg" maw={900} mt="md" data-testid="security-settings">
      <Title order={4}>{s('settings.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {s('settings.help')}
      </Text>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="sm">
          <Switch
            label={s('settings.require')}
            checked={mutation.isPending ? Boolean(mutation.variables?.requireStaffTotp) : query.data.requireStaffTotp}
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
    </Paper>
  );
}
