import type { QueueHealth, TeamBoard } from '@relance/contracts/team';
import { queryOptions } from '@tanstack/react-query';
import { teamKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export function teamBoardOptions(from: string, to: string) {
  return queryOptions({
    queryKey: teamKeys.board(from, to),
    queryFn: ({ signal }) => api<TeamBoard>(`/api/v1/team/board?${new URLSearchParams({ from, to })}`, { signal }),
    enabled: Boolean(from && to && from <= to),
    placeholderData: (previous) => previous,
  });
}

export function queueHealthOptions() {
  return queryOptions({
    queryKey: teamKeys.queueHealth,
    queryFn: ({ signal }) => api<QueueHealth>('/api/v1/team/queue-health', { signal }),
  });
}
