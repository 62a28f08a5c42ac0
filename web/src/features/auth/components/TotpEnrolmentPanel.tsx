import { Alert, Button, Center, Code, Group, Image, PinInput, Stack, Text } from '@mantine/core';
import type { TotpEnrolment } from '@relance/contracts/auth';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { authMessages } from '../messages.ts';

/**
 * The QR code of a new TOTP secret (and the key for typing by hand), then the first code that
 * proves the app holds it. The QR code is the server's SVG, shown as an image (no script runs).
 */
export function TotpEnrolmentPanel({
  enrolment,
  onConfirm,
  confirming,
  error,
  onCancel,
}: {
  enrolment: TotpEnrolment;
  onConfirm: (code: string) => void;
  confirming: boolean;
  error: unknown;
  onCancel?: () => void;
}) {
  const s = useT(authMessages);
  const [code, setCode] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.length === 6) onConfirm(code);
  }
  return (
    <form onSubmit={submit} noValidate data-testid="totp-enrolment">
      <Stack gap="sm">
        <Text size="sm">{s('enrol.step1')}</Text>
        <Center>
          <Image
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`}
            alt={s('enrol.qrAlt')}
            w={184}
            h={184}
            data-testid="totp-qr"
          />
        </Center>
        <Text size="xs" c="dimmed">
          {s('enrol.manual')}
        </Text>
        <Code block style={{ wordBreak: 'break-all', letterSpacing: 1 }} data-testid="totp-secret">
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Code>
        <Text size="sm">{s('enrol.step2')}</Text>
        <Group justify="center">
          <PinInput
            length={6}
            type="number"
            oneTimeCode
            value={code}
            onChange={setCode}
            aria-label={s('code.label')}
            data-testid="totp-enrol-code"
          />
        </Group>
        {error != null && (
          <Alert color="red" variant="light" role="alert" data-testid="totp-enrol-error">
            {errorMessage(error)}
          </Alert>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {s('security.cancel')}
            </Button>
          )}
          <Button type="submit" loading={confirming} disabled={code.length !== 6} data-testid="totp-enrol-confirm">
            {s('enrol.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
