import type { LegalActionDto, LegalActionStageDto, LegalActionSummaryDto } from '@relance/contracts/legal-actions';
import { addDays, diffDays } from '@relance/domain/dates';
import { closedLegalStages } from '@relance/domain/legal-procedure';

// Pure view logic of the legal screens (no React): how urgent a deadline is, which board group a
// stage belongs to, the order of the board. Tests may call these directly.

export type Urgency = 'red' | 'orange' | 'gray';

/** Red under 7 days (and past), orange under 30, grey otherwise: the managers' alert thresholds (30 and 7 days). */
export function urgencyOf(daysLeft: number): Urgency {
  if (daysLeft < 7) return 'red';
  if (daysLeft < 30) return 'orange';
  return 'gray';
}

export type BoardGroup = 'approval' | 'ready' | 'inProgress' | 'closed';
export const boardGroups: readonly BoardGroup[] = ['approval', 'ready', 'inProgress', 'closed'];

export function groupOf(stage: LegalActionStageDto): BoardGroup {
  if (stage === 'proposed') return 'approval';
  if (stage === 'ready') return 'ready';
  if ((closedLegalStages as readonly string[]).includes(stage)) return 'closed';
  return 'inProgress';
}

export function isClosed(stage: LegalActionStageDto): boolean {
  return groupOf(stage) === 'closed';
}

/** Nearest deadline first; actions without one after, the most recently updated first. */
export function byNearestDeadline(a: LegalActionSummaryDto, b: LegalActionSummaryDto): number {
  const da = a.nextDeadline?.date;
  const db = b.nextDeadline?.date;
  if (da && db && da !== db) return da < db ? -1 : 1;
  if (da && !db) return -1;
  if (!da && db) return 1;
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

/**
 * The server's today as the action tells it (its clock, which tests may move): the next deadline's
 * date less its days left; the browser's today when no deadline runs.
 */
export function serverToday(action: Pick<LegalActionDto, 'nextDeadline'>, browserToday: string): string {
  return action.nextDeadline ? addDays(action.nextDeadline.date, -action.nextDeadline.daysLeft) : browserToday;
}

export type DeadlineName = 'service' | 'opposition' | 'answer' | 'enforcement';
export type DeadlineState = { name: DeadlineName; date: string; state: 'running' | 'met' | 'lapsed' | 'passed' | 'future'; daysLeft: number };

/** What each deadline of the action means now: running (with days left), met, lapsed, passed. */
export function deadlineStates(action: Pick<LegalActionDto, 'deadlines' | 'nextDeadline' | 'stage' | 'dates'>, today: string): DeadlineState[] {
  const order: DeadlineName[] = ['service', 'opposition', 'answer', 'enforcement'];
  return order.flatMap((name): DeadlineState[] => {
    const date = action.deadlines[name];
    if (!date) return [];
    const daysLeft = diffDays(today, date);
    if (action.nextDeadline?.name === name) return [{ name, date, state: 'running', daysLeft: action.nextDeadline.daysLeft }];
    if (name === 'service' && action.stage === 'lapsed') return [{ name, date, state: 'lapsed', daysLeft }];
    if (name === 'service' && action.dates.servedOn) return [{ name, date, state: 'met', daysLeft }];
    return [{ name, date, state: daysLeft < 0 ? 'passed' : 'future', daysLeft }];
  });
}
