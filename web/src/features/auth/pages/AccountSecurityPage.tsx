import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TotpEnrolment, TotpStatus } from '@relance/contracts/auth';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { totpStatusOptions, useConfirmTotpEnrolment, useDisableTotp, useStartTotpEnrolment } from '../api/totp.ts';
import { RecoveryCodesPanel } from '../components/RecoveryCodesPanel.tsx';
import { TotpEnrolmentPanel } from '../components/TotpEnrolmentPanel.tsx';
import { authMessages } from '../messages.ts';

/** Every user's own security: turn two-factor authentication on (QR code, first code, recovery codes) or off. */
export function AccountSecurityPage() {
  const s = useT(authMessages);
  const user = useUser();
  const status = useQuery(totpStatusOptions());
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  // Held here, not in the "on" part: that part unmounts once the refreshed status says "off".
  const disable = useDisableTotp();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  function begin() {
    confirm.reset();
    start.mutate(undefined, { onSuccess: setEnrolment });
  }

  function finishEnrolment(code: string) {
    confirm.mutate(code, {
      onSuccess: (answer) => {
        setEnrolment(null);
        setRecoveryCodes(answer.recoveryCodes);
      },
    });
  }

  return (
    <>
      <PageHeader title={s('security.title')} subtitle={user.email} />
      <Paper p="lg" maw={560} data-testid="account-security">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{s('security.subtitle')}</Title>
          {status.data && (
            <Badge color={status.data.enabled ? 'teal' : 'gray'} variant="light" data-testid="totp-status">
              {status.data.enabled ? s('security.enabled') : s('security.disabled')}
            </Badge>
          )}
        </Group>
        {status.isPending ? (
          <LoadingState />
        ) : status.isError ? (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        ) : recoveryCodes ? (
          <RecoveryCodesPanel
            codes={recoveryCodes}
            onDone={() => {
              setRecoveryCodes(null);
              notifications.show({ color: 'teal', message: s('security.enabledDone') });
            }}
          />
        ) : enrolment ? (
          <TotpEnrolmentPanel
            enrolment={enrolment}
            onConfirm={finishEnrolment}
            confirming={confirm.isPending}
            error={confirm.error}
            onCancel={() => setEnrolment(null)}
          />
        ) : status.data.enabled ? (
          <TotpEnabled status={status.data} disable={disable} />
        ) : (
          <TotpOff requiredByAgency={status.data.requiredByAgency} start={start} onStart={begin} />
        )}
      </Paper>
    </>
  );
}

/** Two-factor authentication is on: since when, codes left, and turning it off with a code (unless the agency requires it). */
function TotpEnabled({ status, disable }: { status: TotpStatus; disable: ReturnType<typeof useDisableTotp> }) {
  const s = useT(authMessages);
  const [disableCode, setDisableCode] = useState('');

  function turnOff(event: FormEvent) {
    event.preventDefault();
    disable.mutate(disableCode.trim(), {
      onSuccess: () => {
        setDisableCode('');
        notifications.show({ color: 'teal', message: s('security.disabledDone') });
      },
    });
  }

  return (
    <Stack gap="md">
      <Text size="sm">{s('security.enabledSince', { date: formatDateTime(status.enabledAt ?? '', s.locale) })}</Text>
      <Text size="sm" c={status.recoveryCodesLeft <= 2 ? 'orange' : 'dimmed'} data-testid="recovery-codes-left">
        {s('security.codesLeft', { count: status.recoveryCodesLeft })}
      </Text>
      {status.requiredByAgency ? (
        <Alert color="blue" variant="light">
          {s('security.required')}
        </Alert>
      ) : (
        <form onSubmit={turnOff} noValidate>
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {s('security.disableTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {s('security.disableHelp')}
            </Text>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                label={s('code.label')}
                autoComplete="one-time-code"
                value={disableCode}
                onChange={(event) => setDisableCode(event.currentTarget.value)}
                maxLength={20}
                style={{ flex: 1 }}
                data-testid="totp-disable-code"
              />
              <Button type="submit" color="red" variant="light" loading={disable.isPending} disabled={disableCode.trim().length < 6} data-testid="totp-disable">
                {s('security.disable')}
              </Button>
            </Group>
            {disable.isError && <ErrorState error={disable.error} />}
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function TotpOff({
  requiredByAgency,
  start,
  onStart,
}: {
  requiredByAgency: boolean;
  start: { isError: boolean; error: unknown; isPending: boolean };
  onStart: () => void;
}) {
  const s = useT(authMessages);
  return (
    <Stack gap="md" align="flex-start">
      <Text size="sm">{s('security.off')}</Text>
      {requiredByAgency && (
        <Alert color="blue" variant="light">
          {s('security.required')}
        </Alert>
      )}
      {start.isError && <ErrorState error={start.error} />}
      <Button onClick={onStart} loading={start.isPending} data-testid="totp-start">
        {s('security.start')}
      </Button>
    </Stack>
  );
}
