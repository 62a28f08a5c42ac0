import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadingState } from '../../../shared/components/states.tsx';
import { ApiError, errorMessage } from '../../../shared/http.ts';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { authKeys } from '../../../shared/query-keys.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { type PublicInvitation, publicInvitationOptions, useAcceptInvitation } from '../api/invitations.ts';
import { AuthScreen } from '../components/AuthScreen.tsx';
import { authMessages } from '../messages.ts';

const minPasswordLength = 12;

/** Public page of an invitation link: choose a password, and the account is ready and signed in. */
export function InvitationPage() {
  const { token = '' } = useParams();
  // The API refuses tokens shorter than 20 characters with a 400: treat them as invalid links directly.
  const plausible = token.length >= 20 && token.length <= 100;
  const invitation = useQuery({ ...publicInvitationOptions(token), enabled: plausible });
  const invalid =
    !plausible ||
    (invitation.isError && invitation.error instanceof ApiError && [400, 404].includes(invitation.error.status));

  return (
    <AuthScreen width={440} cardTestId="invitation-page">
      {invalid ? (
        <InvalidInvitation />
      ) : invitation.isPending ? (
        <LoadingState />
      ) : invitation.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(invitation.error)}
        </Alert>
      ) : (
        <AcceptForm token={token} invitation={invitation.data} />
      )}
    </AuthScreen>
  );
}

function InvalidInvitation() {
  const t = useT(authMessages, staffMessages);
  return (
    <Stack gap="sm" data-testid="invitation-invalid">
      <Title order={2} fz={22}>
        {t('invitation.invalidTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('invitation.invalidText')}
      </Text>
      <Button component={Link} to="/login" variant="light">
        {t('invitation.toLogin')}
      </Button>
    </Stack>
  );
}

/** Who is invited, to which creditor and role; a password twice, and the account is ready. */
function AcceptForm({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const t = useT(authMessages, staffMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useAcceptInvitation(token);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);

  const tooShort = password.length < minPasswordLength;
  const mismatch = confirm !== password;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return;
    accept.mutate(password, {
      onSuccess: () => {
        // Whoever was signed in on this browser before: none of their data may linger.
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.invitationRoot });
        navigate('/dashboard', { replace: true });
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="invitation-form">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz={22}>
            {t('invitation.title', { name: invitation.name })}
          </Title>
          <Text size="sm" data-testid="invitation-summary">
            {t('invitation.summary', {
              creditor: invitation.creditor.legalName,
              role: t(`invitations.role.${invitation.creditorRole}`).toLowerCase(),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('invitation.account', { email: invitation.email })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('invitation.expires', { date: formatDateTime(invitation.expiresAt, t.locale) })}
          </Text>
        </Stack>
        <PasswordInput
          label={t('invitation.password')}
          description={t('creditors.userPasswordHelp')}
          required
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={touched && tooShort ? t('creditors.userPasswordHelp') : null}
          data-testid="invitation-password"
        />
        <PasswordInput
          label={t('invitation.confirm')}
          required
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.currentTarget.value)}
          error={touched && mismatch ? t('invitation.mismatch') : null}
          data-testid="invitation-confirm"
        />
        {accept.isError && (
          <Alert color="red" variant="light" role="alert" data-testid="invitation-error">
            {errorMessage(accept.error)}
          </Alert>
        )}
        <Button type="submit" fullWidth loading={accept.isPending} data-testid="invitation-accept">
          {t('invitation.accept')}
        </Button>
      </Stack>
    </form>
  );
}
