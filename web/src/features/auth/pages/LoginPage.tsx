import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageToggle } from '../../../shared/components/LanguageToggle.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { productName } from '../../../shared/product.ts';
import { homePathFor, login, useSession } from '../../../shared/session.ts';

interface LoginState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (session.status === 'authenticated' && !submitting) {
    return <Navigate to={homePathFor(session.user)} replace />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(email.trim(), password);
      const from = state.from && state.from !== '/login' && state.from !== '/' ? state.from : null;
      navigate(from ?? homePathFor(user), { replace: true });
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={380} gap="lg">
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
        </Paper>
      </Stack>
    </Center>
  );
}
