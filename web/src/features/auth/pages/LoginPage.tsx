import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { LoginChallenge, SessionWithRecoveryCodes, TotpEnrolment, User } from '@relance/contracts/auth';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageToggle } from '../../../shared/components/LanguageToggle.tsx';
import { LoadingState } from '../../../shared/components/states.tsx';
import { ApiError, errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { productName } from '../../../shared/product.ts';
import {
  confirmEnrolmentAtLogin,
  enrolmentAtLogin,
  homePathFor,
  login,
  loginWithCode,
  startSession,
  useSession,
} from '../../../shared/session.ts';
import { RecoveryCodesPanel } from '../components/RecoveryCodesPanel.tsx';
import { TotpEnrolmentPanel } from '../components/TotpEnrolmentPanel.tsx';
import { authMessages } from '../messages.ts';

interface LoginState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const t = useT(authMessages);
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  // The second step the server asked for after the password (no session until it is done).
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const [enrolled, setEnrolled] = useState<SessionWithRecoveryCodes | null>(null);

  function goHome(user: User) {
    const from = state.from && state.from !== '/login' && state.from !== '/' ? state.from : null;
    navigate(from ?? homePathFor(user), { replace: true });
  }

  // Stable: the enrolment step's effect depends on it.
  const restart = useCallback((reason: unknown = null) => {
    setChallenge(null);
    setEnrolled(null);
    setPassword('');
    setError(reason);
    setSubmitting(false);
  }, []);

  if (session.status === 'authenticated' && !submitting && !enrolled) {
    return <Navigate to={homePathFor(session.user)} replace />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const answer = await login(email.trim(), password);
      if ('challenge' in answer) {
        setChallenge(answer.challenge);
        setSubmitting(false);
        return;
      }
      goHome(answer.user);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  }

  let content: ReactNode;
  if (enrolled) {
    content = (
      <RecoveryCodesPanel
        codes={enrolled.recoveryCodes}
        onDone={() => {
          startSession(enrolled);
          goHome(enrolled.user);
        }}
      />
    );
  } else if (challenge?.step === 'totp') {
    content = (
      <CodeStep
        challenge={challenge}
        onSignedIn={goHome}
        onExpired={restart}
        onBack={() => restart()}
        setSubmitting={setSubmitting}
      />
    );
  } else if (challenge?.step === 'totp_enrolment') {
    content = <EnrolmentStep challenge={challenge} onEnrolled={setEnrolled} onExpired={restart} />;
  } else {
    content = (
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} fz={22}>
              {t('login.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('login.subtitle')}
            </Text>
          </Stack>
          {state.expired && !error && (
            <Alert color="yellow" variant="light">
              {t('login.sessionExpired')}
            </Alert>
          )}
          {error != null && (
            <Alert color="red" variant="light" data-testid="login-error" role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-testid="login-email"
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            data-testid="login-password"
          />
          <Button type="submit" loading={submitting} fullWidth data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={challenge || enrolled ? 420 : 380} gap="lg">
        <Group justify="space-between">
          <Group gap={8}>
            <Box w={30} h={30} bg="indigo.6" style={{ borderRadius: 8, display: 'grid', placeItems: 'center' }}>
              <Text c="white" fw={800} lh={1}>
                R
              </Text>
            </Box>
            <Text fw={700} size="xl">
              {productName}
            </Text>
          </Group>
          <LanguageToggle />
        </Group>
        <Paper p="xl" shadow="sm">
          {content}
        </Paper>
      </Stack>
    </Center>
  );
}

/** The code step: a code from the app, or a recovery code. An expired or exhausted challenge starts over. */
function CodeStep({
  challenge,
  onSignedIn,
  onExpired,
  onBack,
  setSubmitting,
}: {
  challenge: LoginChallenge;
  onSignedIn: (user: User) => void;
  onExpired: (reason: unknown) => void;
  onBack: () => void;
  setSubmitting: (value: boolean) => void;
}) {
  const s = useT(authMessages);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setSubmitting(true);
    setError(null);
    try {
      onSignedIn(await loginWithCode(challenge.challengeToken, code.trim()));
    } catch (caught) {
      setSubmitting(false);
      setPending(false);
      if (caught instanceof ApiError && caught.code === 'login_challenge_invalid') return onExpired(caught);
      setError(caught);
      setCode('');
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="login-code-step">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz={22}>
            {s('code.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {s('code.subtitle')}
          </Text>
        </Stack>
        {error != null && (
          <Alert color="red" variant="light" role="alert" data-testid="login-code-error">
            {errorMessage(error)}
          </Alert>
        )}
        <TextInput
          label={s('code.label')}
          description={s('code.recoveryHint')}
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          maxLength={20}
          styles={{ input: { letterSpacing: 2, fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="login-code"
        />
        <Button type="submit" loading={pending} disabled={code.trim().length < 6} fullWidth data-testid="login-code-submit">
          {s('code.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {s('code.back')}
        </Anchor>
      </Stack>
    </form>
  );
}

/** Enrolment required by the agency: QR code, first code, then the recovery codes (shown by the page). */
function EnrolmentStep({
  challenge,
  onEnrolled,
  onExpired,
}: {
  challenge: LoginChallenge;
  onEnrolled: (session: SessionWithRecoveryCodes) => void;
  onExpired: (reason: unknown) => void;
}) {
  const s = useT(authMessages);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let cancelled = false;
    enrolmentAtLogin(challenge.challengeToken).then(
      (started) => !cancelled && setEnrolment(started),
      (caught: unknown) => !cancelled && onExpired(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [challenge.challengeToken, onExpired]);

  async function confirm(code: string) {
    setConfirming(true);
    setError(null);
    try {
      onEnrolled(await confirmEnrolmentAtLogin(challenge.challengeToken, code));
    } catch (caught) {
      setConfirming(false);
      if (caught instanceof ApiError && caught.code === 'login_challenge_invalid') return onExpired(caught);
      setError(caught);
    }
  }

  return (
    <Stack gap="md" data-testid="login-enrolment-step">
      <Stack gap={2}>
        <Title order={2} fz={22}>
          {s('enrol.loginTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {s('enrol.loginSubtitle')}
        </Text>
      </Stack>
      {enrolment ? <TotpEnrolmentPanel enrolment={enrolment} onConfirm={confirm} confirming={confirming} error={error} /> : <LoadingState />}
    </Stack>
  );
}
