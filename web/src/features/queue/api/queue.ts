import type { QueueClaim, QueueOutcome } from '@relance/contracts/queue';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { queueKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

/** GET /queue/stats (contracts queueStats). */
export interface QueueStats {
  day: string;
  workedByMe: number;
  workedByTeam: number;
  teamSize: number;
  holding: number;
}

/** Heartbeat answer (contracts queueLease). */
export interface QueueLease {
  caseId: string;
  leaseExpiresAt: string;
}

export function queueStatsOptions() {
  return queryOptions({
    queryKey: queueKeys.stats,
    queryFn: ({ signal }) => api<QueueStats>('/api/v1/queue/stats', { signal }),
    refetchInterval: 60_000,
  });
}

// The claims this tab holds, by case id: the case screen shows its lease banner from them.
// Kept in sessionStorage so a reload of the case screen keeps the banner (the lease lives on
// the server for 10 minutes anyway); another tab has its own list.
const storageKey = 'relance.queue.claims';
const listeners = new Set<() => void>();
let claims: Record<string, QueueClaim> = readClaims();
let empty = false;

function readClaims(): Record<string, QueueClaim> {
  try {
    const stored = globalThis.sessionStorage?.getItem(storageKey);
    return stored ? (JSON.parse(stored) as Record<string, QueueClaim>) : {};
  } catch {
    return {};
  }
}

function emit() {
  try {
    globalThis.sessionStorage?.setItem(storageKey, JSON.stringify(claims));
  } catch {
    // Not persisted: the banner still shows until a reload.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function rememberClaim(claim: QueueClaim) {
  claims = { ...claims, [claim.case.id]: claim };
  empty = false;
  emit();
}

export function extendClaim(caseId: string, leaseExpiresAt: string) {
  const claim = claims[caseId];
  if (!claim) return;
  claims = { ...claims, [caseId]: { ...claim, leaseExpiresAt } };
  emit();
}

export function forgetClaim(caseId: string) {
  if (!claims[caseId]) return;
  const { [caseId]: _gone, ...rest } = claims;
  claims = rest;
  emit();
}

export function setQueueEmpty(value: boolean) {
  if (empty === value) return;
  empty = value;
  for (const listener of listeners) listener();
}

export function useClaim(caseId: string): QueueClaim | undefined {
  return useSyncExternalStore(
    subscribe,
    () => claims[caseId],
    () => claims[caseId],
  );
}

export function useQueueEmpty(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => empty,
    () => empty,
  );
}

/** POST /queue/next: the claim, or null when the queue is empty (204). */
export function useClaimNext() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<QueueClaim | undefined>('/api/v1/queue/next', { method: 'POST', body: {} })) ?? null,
    onSuccess: (claim) => {
      if (claim) rememberClaim(claim);
      setQueueEmpty(!claim);
      void queryClient.invalidateQueries({ queryKey: queueKeys.stats });
    },
  });
}

export function heartbeat(caseId: string) {
  return api<QueueLease>(`/api/v1/queue/${encodeURIComponent(caseId)}/heartbeat`, { method: 'POST', body: {} });
}

export function useEndLease(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    /** `done` needs an outcome when nothing was logged since the claim (422 outcome_required): the dialog asks for it. */
    mutationFn: ({ kind, outcome }: { kind: 'release' | 'done'; outcome?: QueueOutcome }) =>
      api<void>(`/api/v1/queue/${encodeURIComponent(caseId)}/${kind}`, { method: 'POST', body: outcome ? { outcome } : {} }),
    // The caller forgets the claim once it has moved on (unmounting the banner earlier would drop its callbacks).
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queueKeys.stats });
    },
  });
}
