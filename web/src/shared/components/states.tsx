import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../http.ts';
import { useT } from '../i18n.ts';

export function LoadingState({ label }: { label?: string }) {
  const t = useT();
  return (
    <Center py="xl" data-testid="loading">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Group>
    </Center>
  );
}

/** Shows the API's message (already in the user's language) and an optional retry. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  return (
    <Alert color="red" variant="light" title={title ?? t('common.error')} data-testid="error-state">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        <ValidationDetails error={error} />
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Field-level problems, when the API sends them as [{ path, message }] or { issues: [...] }. */
export function ValidationDetails({ error }: { error: unknown }) {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { issues?: unknown } | unknown[] | undefined;
  const list = Array.isArray(details) ? details : Array.isArray(details?.issues) ? details.issues : [];
  const issues = (list as unknown[]).filter(
    (issue): issue is { path?: unknown; message: string } =>
      typeof issue === 'object' && issue !== null && typeof (issue as { message?: unknown }).message === 'string',
  );
  if (issues.length === 0) return null;
  return (
    <Stack gap={2} data-testid="validation-details">
      {issues.map((issue) => {
        const path = Array.isArray(issue.path) ? issue.path.join('.') : typeof issue.path === 'string' ? issue.path : '';
        return (
          <Text size="xs" key={`${path}:${issue.message}`}>
            {path ? `${path} : ` : ''}
            {issue.message}
          </Text>
        );
      })}
    </Stack>
  );
}

export function EmptyBlock({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap={4} py={40} data-testid="empty-state">
      <Text fw={600}>{title}</Text>
      {children && (
        <Text c="dimmed" size="sm" ta="center" maw={420}>
          {children}
        </Text>
      )}
    </Stack>
  );
}
