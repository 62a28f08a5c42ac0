import type { QueueHealth, TeamBoard } from '@relance/contracts/team';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../shared/session.ts';

export function teamBoardOptions(from: string, to: string) {
  return queryOptions({
    queryKey: ['team', 'board', from, to] as const,
    queryFn: ({ signal }) => api<TeamBoard>(`/api/v1/team/board?${new URLSearchParams({ from, to })}`, { signal }),
    enabled: Boolean(from && to && from <= to),
    placeholderData: (previous) => previous,
  });
}

export function queueHealthOptions() {
  return queryOptions({
    queryKey: ['team', 'queue-health'] as const,
    queryFn: ({ signal }) => api<QueueHealth>('/api/v1/team/queue-health', { signal }),
  });
}
