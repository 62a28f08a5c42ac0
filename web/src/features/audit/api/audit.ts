import type { AuditEvent } from '@relance/contracts/audit';
import type { User } from '@relance/contracts/auth';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { Page } from '../../../shared/http.ts';
import { auditKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export interface AuditFilters {
  caseId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}

export function auditOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: '50' });
      for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
      if (pageParam) params.set('cursor', pageParam);
      return api<Page<AuditEvent>>(`/api/v1/audit?${params.toString()}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The people who may appear in the trail (staff and creditor users), for the filter. */
export function auditActorsOptions() {
  return queryOptions({
    queryKey: auditKeys.actors,
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/v1/users', { signal }),
    staleTime: 60_000,
  });
}

/** GET /audit.csv with the filters shown (every record they select, no page). */
export function auditExportPath(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/v1/audit.csv${query ? `?${query}` : ''}`;
}
