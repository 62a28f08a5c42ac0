import { Paper, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';

/** A card of agency settings under the profile: title, help, then the settings once they are read. */
export function SettingsCard<T>({
  title,
  help,
  query,
  testId,
  children,
}: {
  title: string;
  help: string;
  query: UseQueryResult<T>;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <Paper p="lg" maw={900} mt="md" data-testid={testId}>
      <Title order={4}>{title}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {help}
      </Text>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        children(query.data)
      )}
    </Paper>
  );
}
