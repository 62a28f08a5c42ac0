import { onOrNextBusinessDay } from './calendar.ts';
import { addDays, addMonths, addYears, type BusinessDate } from './dates.ts';

// The judicial phase (issue 16): what the agency may propose to a court or a commissaire de
// justice, on which conditions, and the deadlines each step starts. Pure; the server's `legal`
// feature stores the actions and asks these functions. Sources: shared legal document,
// "Escalation"; CPC articles cited next to each rule.
//
// - Injonction de payer (CPC 1405 to 1425): a claim certain, liquid and payable (1405), filed at
//   the court of the debtor's domicile (1406) by a requête stating the parties, the amount with
//   its décompte and the bordereau of pièces (1407). The order lapses when not served within six
//   months of its date (1411); the debtor may oppose within one month of service (1416); since
//   1 March 2022 the order carries the enforcement formula once that month is over without
//   opposition (1422 as amended by décret 2021-1322). Filing interrupts prescription (C. civ. 2241)
//   until the proceeding ends (2242).
// - Petites créances (CPCE L125-1, R125-1 to R125-8): claims of contractual or statutory cause up
//   to 5,000 € principal and interest included (R125-1); a commissaire of the cour d'appel district
//   of the debtor's domicile invites the debtor, who has one month from the invitation's sending
//   to accept or refuse (R125-4 and R125-5); the acceptance suspends prescription (L125-1); the
//   agreement becomes an enforceable title delivered by the commissaire (R125-7). Costs stay
//   with the creditor (L125-1 al. 3).
// - Enforcement by a commissaire de justice (CPCE L111-2: only with an enforceable title; L111-4:
//   a title is enforced within ten years).
// Delays in months end on the same day of the month, or the month's last day when it has none
// (CPC 641); a delay ending on a Saturday, Sunday or public holiday runs to the next working day
// (CPC 642).

export const legalActionKinds = ['injonction_de_payer', 'petites_creances', 'commissaire_enforcement'] as const;
export type LegalActionKind = (typeof legalActionKinds)[number];

export const legalActionStages = [
  'proposed',
  'refused',
  'ready',
  // injonction de payer
  'filed',
  'order_rendered',
  'rejected',
  'served',
  'opposed',
  'lapsed',
  // petites créances and commissaire
  'handed_over',
  'invitation_sent',
  'debtor_declined',
  // every kind ends with a title or is closed
  'title_obtained',
  'enforcement',
  'completed',
  'withdrawn',
] as const;
export type LegalActionStage = (typeof legalActionStages)[number];

/** Stages after which nothing more happens on the action (a new action may be proposed on the case). */
export const closedLegalStages: readonly LegalActionStage[] = ['refused', 'rejected', 'lapsed', 'debtor_declined', 'title_obtained', 'completed', 'withdrawn'];

export function isClosedLegalStage(stage: LegalActionStage): boolean {
  return closedLegalStages.includes(stage);
}

/** Events staff record (or the daily check records, for `lapsed`). */
export const legalEventKinds = [
  'filed',
  'order_rendered',
  'order_rejected',
  'served',
  'opposed',
  'hearing',
  'judgment',
  'final',
  'handed_over',
  'invitation_sent',
  'debtor_accepted',
  'debtor_refused',
  'debtor_silent',
  'title_delivered',
  'act',
  'completed',
  'withdrawn',
  'lapsed',
] as const;
export type LegalEventKind = (typeof legalEventKinds)[number];

/** The commissaire's acts (CPCE; saisie des rémunérations is theirs since 1 July 2025, loi 2023-1059). */
export const commissaireActs = ['signification', 'commandement_de_payer', 'saisie_attribution', 'saisie_remunerations', 'pv_carence'] as const;
export type CommissaireAct = (typeof commissaireActs)[number];

/** Events that may be recorded more than once on one action (several hearings, several acts). */
export const repeatableLegalEvents: readonly LegalEventKind[] = ['hearing', 'act'];

/**
 * Which event moves which stage, per kind. An event absent from a stage's row is refused
 * (legal_event_not_allowed). `withdrawn` is open from every stage not closed.
 */
const transitions: Record<LegalActionKind, Partial<Record<LegalActionStage, Partial<Record<LegalEventKind, LegalActionStage>>>>> = {
  injonction_de_payer: {
    ready: { filed: 'filed' },
    filed: { order_rendered: 'order_rendered', order_rejected: 'rejected' },
    order_rendered: { served: 'served', lapsed: 'lapsed' },
    served: { opposed: 'opposed', final: 'title_obtained' },
    // Opposition turns the order into a contested proceeding (CPC 1417): hearings, then a judgment.
    opposed: { hearing: 'opposed', judgment: 'title_obtained' },
  },
  petites_creances: {
    ready: { handed_over: 'handed_over' },
    handed_over: { invitation_sent: 'invitation_sent' },
    invitation_sent: { debtor_accepted: 'invitation_sent', debtor_refused: 'debtor_declined', debtor_silent: 'debtor_declined', title_delivered: 'title_obtained' },
  },
  commissaire_enforcement: {
    ready: { handed_over: 'enforcement' },
    enforcement: { act: 'enforcement', completed: 'completed' },
  },
};

/** The stage after `event`, or null when the event is not allowed at this stage. */
export function nextLegalStage(kind: LegalActionKind, stage: LegalActionStage, event: LegalEventKind): LegalActionStage | null {
  if (event === 'withdrawn') return isClosedLegalStage(stage) ? null : 'withdrawn';
  return transitions[kind][stage]?.[event] ?? null;
}

/** The events that may be recorded now (for the screens). */
export function allowedLegalEvents(kind: LegalActionKind, stage: LegalActionStage): LegalEventKind[] {
  const events = Object.keys(transitions[kind][stage] ?? {}) as LegalEventKind[];
  // `lapsed` is recorded by the daily check, not by hand.
  return [...events.filter((event) => event !== 'lapsed'), ...(isClosedLegalStage(stage) || stage === 'proposed' ? [] : ['withdrawn' as const])];
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/** CPC 642: a delay ending on a Saturday, Sunday or public holiday runs to the next working day. */
export function procedureDeadline(date: BusinessDate): BusinessDate {
  return onOrNextBusinessDay(date);
}

/** CPC 640-641: a delay of `months` counted from `start` ends the same day of the month (or the month's last day), then CPC 642. */
export function monthsDeadline(start: BusinessDate, months: number): BusinessDate {
  return procedureDeadline(addMonths(start, months));
}

/** CPC 1411: an injonction de payer not served within six months of its date lapses. */
export const SERVICE_MONTHS = 6;
/** CPC 1416: opposition within one month of service. */
export const OPPOSITION_MONTHS = 1;
/** CPCE R125-5: the debtor answers the petites créances invitation within one month of its sending. */
export const PETITES_CREANCES_ANSWER_MONTHS = 1;
/** CPCE L111-4: an enforceable title is enforced within ten years. */
export const TITLE_ENFORCEMENT_YEARS = 10;

export type LegalActionDates = {
  readonly orderOn?: BusinessDate | null;
  readonly servedOn?: BusinessDate | null;
  readonly invitationSentOn?: BusinessDate | null;
  readonly titleOn?: BusinessDate | null;
};

export type LegalDeadlines = {
  /** Last day to serve the order (CPC 1411). */
  readonly service?: BusinessDate;
  /** Last day for the debtor to oppose (CPC 1416). */
  readonly opposition?: BusinessDate;
  /** Last day for the debtor to answer the petites créances invitation (R125-5). */
  readonly answer?: BusinessDate;
  /** Last day to enforce the title (L111-4). */
  readonly enforcement?: BusinessDate;
};

/** The deadlines an action's dates start. Each is the last day allowed. */
export function legalDeadlines(kind: LegalActionKind, dates: LegalActionDates): LegalDeadlines {
  const deadlines: { -readonly [key in keyof LegalDeadlines]: BusinessDate } = {};
  if (kind === 'injonction_de_payer' && dates.orderOn) deadlines.service = monthsDeadline(dates.orderOn, SERVICE_MONTHS);
  if (kind === 'injonction_de_payer' && dates.servedOn) deadlines.opposition = monthsDeadline(dates.servedOn, OPPOSITION_MONTHS);
  if (kind === 'petites_creances' && dates.invitationSentOn) deadlines.answer = monthsDeadline(dates.invitationSentOn, PETITES_CREANCES_ANSWER_MONTHS);
  if (dates.titleOn) deadlines.enforcement = addYears(dates.titleOn, TITLE_ENFORCEMENT_YEARS);
  return deadlines;
}

/** The deadline that matters at this stage (the one the manager's board shows and alerts on), if any. */
export function activeDeadline(kind: LegalActionKind, stage: LegalActionStage, deadlines: LegalDeadlines): { readonly name: keyof LegalDeadlines; readonly date: BusinessDate } | null {
  if (kind === 'injonction_de_payer' && stage === 'order_rendered' && deadlines.service) return { name: 'service', date: deadlines.service };
  if (kind === 'injonction_de_payer' && stage === 'served' && deadlines.opposition) return { name: 'opposition', date: deadlines.opposition };
  if (kind === 'petites_creances' && stage === 'invitation_sent' && deadlines.answer) return { name: 'answer', date: deadlines.answer };
  return null;
}

/** CPC 1411: the order has lapsed on `today` when it was not served by its service deadline. */
export function orderLapsed(stage: LegalActionStage, deadlines: LegalDeadlines, today: BusinessDate): boolean {
  return stage === 'order_rendered' && deadlines.service !== undefined && today > deadlines.service;
}

/** Days before a deadline when managers are alerted. */
export const DEADLINE_ALERT_DAYS = [30, 7] as const;

/** The alert thresholds reached on `today` for a deadline (30 and/or 7 days before, not after it passed). */
export function deadlineAlertsDue(deadline: BusinessDate, today: BusinessDate): (typeof DEADLINE_ALERT_DAYS)[number][] {
  if (today > deadline) return [];
  return DEADLINE_ALERT_DAYS.filter((days) => today >= addDays(deadline, -days));
}
