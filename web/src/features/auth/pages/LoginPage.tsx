import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { LoginChallenge, SessionWithRecoveryCodes, TotpEnrolment, User } from '@relance/contracts/auth';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoadingState } from '../../../shared/components/states.tsx';
import { ApiError, errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import {
  confirmEnrolmentAtLogin,
  enrolmentAtLogin,
  homePathFor,
  login,
  loginWithCode,
  startSession,
  useSession,
} from '../../../shared/session.ts';
import { AuthScreen, StepTitle } from '../components/AuthScreen.tsx';
import { RecoveryCodesPanel } from '../components/RecoveryCodesPanel.tsx';
import { TotpEnrolmentPanel } from '../components/TotpEnrolmentPanel.tsx';
import { authMessages } from '../messages.ts';

interface LoginState {
  from?: string;
  expired?: boolean;
}

/** The steps' state: the password step's fields, the challenge the server asked for, and going home once signed in. */
function useLoginSteps() {
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

  return { state, email, setEmail, password, setPassword, error, submitting, setSubmitting, challenge, enrolled, setEnrolled, goHome, restart, submit };
}

export function LoginPage() {
  const session = useSession();
  const { state, email, setEmail, password, setPassword, error, submitting, setSubmitting, challenge, enrolled, setEnrolled, goHome, restart, submit } =
    useLoginSteps();

  if (session.status === 'authenticated' && !submitting && !enrolled) {
    return <Navigate to={homePathFor(session.user)} replace />;
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
      <PasswordStep
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
        error={error}
        expired={Boolean(state.expired)}
        submitting={submitting}
        onSubmit={submit}
      />
    );
  }

  return <AuthScreen width={challenge || enrolled ? 420 : 380}>{content}</AuthScreen>;
}

/** The first step: e-mail and password. */
function PasswordStep({
  email,
  onEmail,
  password,
  onPassword,
  error,
  expired,
  submitting,
  onSubmit,
}: {
  email: string;
  onEmail: (value: string) => void;
  password: string;
  onPassword: (value: string) => void;
  error: unknown;
  expired: boolean;
  submitting: boolean;
  onSubmit: (event: FormEvent) => void;
}) {
  const t = useT(authMessages);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <StepTitle title={t('login.title')} subtitle={t('login.subtitle')} />
        {expired && !error && (
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
          onChange={(event) => onEmail(event.currentTarget.value)}
          data-testid="login-email"
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => onPassword(event.currentTarget.value)}
          data-testid="login-password"
        />
        <Button type="submit" loading={submitting} fullWidth data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
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
        <StepTitle title={s('code.title')} subtitle={s('code.subtitle')} />
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
      <StepTitle title={s('enrol.loginTitle')} subtitle={s('enrol.loginSubtitle')} />
      {enrolment ? <TotpEnrolmentPanel enrolment={enrolment} onConfirm={confirm} confirming={confirming} error={error} /> : <LoadingState />}
    </Stack>
  );
}
