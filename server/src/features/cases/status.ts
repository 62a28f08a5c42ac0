import type { TimelineEvent } from '@relance/contracts/timeline-events';
import {
  type CaseOutcome,
  type CaseState,
  type CaseStatus,
  canTransition,
  caseStatuses,
  ForbiddenTransitionError,
  MissingCaseOutcomeError,
  transitionCase,
} from '@relance/domain/case-status';
import type { Clock, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { addEntries, addEntry } from './timeline.ts';

// A case's status (collection_case.status, closed_outcome, closed_at) has one writer: this module.
// Every move, wherever it starts (case screen, promises, plans, disputes, the creditor's recall, the
// daily checks), is checked against packages/domain's transition table (architecture convention 4)
// and leaves its timeline entry; a forbidden move is AppError('forbidden_transition', 409, {from, to})
// everywhere. One case at a time: changeCaseStatus; set-based paths: moveCases.
// A guard test (server/test/one-writer.test.ts) fails if another module updates these columns.

/** The typed error of a move the domain table forbids. */
export function forbiddenTransition(from: CaseStatus, to: CaseStatus): AppError {
  return new AppError('forbidden_transition', 409, { from, to });
}

/** The statuses the domain table lets move to `to`. */
export function sourcesOf(to: CaseStatus): CaseStatus[] {
  return caseStatuses.filter((from) => canTransition(from, to));
}

/**
 * Moves a case through packages/domain's transition table, in the caller's transaction: locks the
 * case row, refuses a forbidden move (409 forbidden_transition), writes the status and, when
 * closing, the outcome and closed_at, adds a status_change timeline entry (by default "Statut :
 * from → to. reason"; `entryText` replaces it), and tells the creditor's webhooks when the case
 * closes. Staying in the same status is a no-op (returns changed: false), so callers may ask for
 * the status they need.
 */
export async function changeCaseStatus(
  ctx: Pick<ServiceContext, 'em' | 'clock'>,
  caseId: string,
  to: CaseStatus,
  options: { reason: string; outcome?: CaseOutcome; authorId?: string | null; entryText?: string; entryEvent?: TimelineEvent },
): Promise<{ from: CaseStatus; changed: boolean }> {
  const [row] = await ctx.em.execute<{ status: CaseStatus; closed_outcome: CaseOutcome | null; creditor_id: string; reference: string; external_ref: string | null }[]>(
    'select status, closed_outcome, creditor_id, reference, external_ref from collection_case where id = ? for update',
    [caseId],
  );
  if (!row) throw new AppError('not_found', 404);
  if (row.status === to) return { from: row.status, changed: false };
  let next: CaseState;
  try {
    next = transitionCase({ status: row.status, outcome: row.closed_outcome } as CaseState, to, options.outcome);
  } catch (error) {
    if (error instanceof ForbiddenTransitionError) throw forbiddenTransition(error.from, error.to);
    throw error;
  }
  const now = ctx.clock.now();
  const outcome = next.status === 'closed' ? next.outcome : null;
  // closed_at starts the RGPD retention period (the trigger of migration 20261206130000 keeps it for other writers).
  await ctx.em.execute('update collection_case set status = ?, closed_outcome = ?, closed_at = ? where id = ?', [
    next.status,
    outcome,
    next.status === 'closed' ? now : null,
    caseId,
  ]);
  await addEntry(emExec(ctx.em), ctx.clock, {
    caseId,
    kind: 'status_change',
    authorId: options.authorId ?? null,
    text: options.entryText ?? `${statusMoveText(row.status, next.status, outcome)} ${options.reason}`,
    event: options.entryEvent ?? statusMoveEvent(row.status, next.status, outcome, options.reason),
  });
  if (next.status === 'closed') {
    await emitCreditorEvent(ctx.em, {
      creditorId: row.creditor_id,
      type: 'case.closed',
      data: { caseId, reference: row.reference, externalRef: row.external_ref, previousStatus: row.status, outcome, reason: options.reason },
      occurredAt: now,
    });
  }
  return { from: row.status, changed: true };
}

/**
 * Set-based moves (the daily promise and plan checks): every listed case whose status is one of
 * `from` moves to `to`, in one statement. `from` must be moves the domain table allows (checked
 * here: a forbidden one throws forbidden_transition before anything is written), and the SQL only
 * touches cases whose current status is one of them. Each listed case gets one timeline entry: its
 * text followed by "Statut : from → to." (kind status_change) when it moved, the text alone
 * (kind note) when it did not. Answers the ids of the cases that moved.
 */
export async function moveCases(
  exec: SqlExec,
  clock: Clock,
  move: { from: readonly CaseStatus[]; to: CaseStatus; outcome?: CaseOutcome; cases: readonly { caseId: string; text: string; event?: TimelineEvent }[] },
): Promise<Set<string>> {
  const allowed = sourcesOf(move.to);
  for (const from of move.from) if (!allowed.includes(from)) throw forbiddenTransition(from, move.to);
  if ((move.to === 'closed') !== (move.outcome !== undefined)) {
    if (move.to === 'closed') throw new MissingCaseOutcomeError();
    throw new Error('Only closing takes an outcome');
  }
  if (move.cases.length === 0) return new Set();
  const now = clock.now();
  const moved = await exec<{ id: string; from_status: CaseStatus }>(
    `update collection_case set status = ?, closed_outcome = ?, closed_at = ?
      where id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid)) and status = any(?::text[])
     returning id, old.status as from_status`,
    [
      move.to,
      move.outcome ?? null,
      move.to === 'closed' ? now : null,
      JSON.stringify(move.cases.map((entry) => entry.caseId)),
      `{${move.from.join(',')}}`,
    ],
  );
  const fromOf = new Map(moved.map((row) => [row.id, row.from_status]));
  await addEntries(
    exec,
    clock,
    move.cases.map((entry) => {
      const from = fromOf.get(entry.caseId);
      if (from === undefined) return { caseId: entry.caseId, kind: 'note' as const, text: entry.text, ...(entry.event ? { event: entry.event } : {}) };
      // The cause's event carries the move (fromStatus, toStatus): the screen says both.
      const moveParams = { fromStatus: from, toStatus: move.to, outcome: move.outcome ?? null };
      return {
        caseId: entry.caseId,
        kind: 'status_change' as const,
        text: `${entry.text} ${statusMoveText(from, move.to, move.outcome ?? null)}`,
        event: entry.event
          ? { code: entry.event.code, params: { ...entry.event.params, ...moveParams } }
          : statusMoveEvent(from, move.to, move.outcome ?? null, entry.text),
      };
    }),
  );
  return new Set(fromOf.keys());
}

// The timeline's record is French: statuses and outcomes by their French names, never their codes
// (the screen renders the event in the user's language).
const STATUS_FR: Record<CaseStatus, string> = {
  new: 'nouveau',
  amicable: 'amiable',
  promise: 'promesse',
  payment_plan: 'échéancier',
  disputed: 'contesté',
  legal: 'judiciaire',
  bailiff: 'commissaire de justice',
  closed: 'clos',
};
/** A closed case's outcome as French text says it. */
export const outcomeFr: Record<CaseOutcome, string> = {
  paid: 'payé',
  partially_paid: 'payé partiellement',
  irrecoverable: 'irrécouvrable',
  returned_to_creditor: 'rendu au créancier',
};

/** "Statut : amiable → clos (payé)." */
function statusMoveText(from: CaseStatus, to: CaseStatus, outcome: CaseOutcome | null): string {
  return `Statut : ${STATUS_FR[from]} → ${STATUS_FR[to]}${outcome ? ` (${outcomeFr[outcome]})` : ''}.`;
}

function statusMoveEvent(from: CaseStatus, to: CaseStatus, outcome: CaseOutcome | null, reason: string): TimelineEvent {
  return { code: 'status_changed', params: { fromStatus: from, toStatus: to, outcome, reason } };
}
