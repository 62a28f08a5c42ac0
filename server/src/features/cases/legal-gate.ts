import { localDate } from '@relance/domain/calendar';
import { contactCapWindowStart } from '@relance/domain/contact-rules';
import { openPlanStatuses, type PauseRules } from '@relance/domain/dunning';
import type { Proceeding } from '@relance/domain/insolvency';
import { type GateAction, type GateFacts, type GateOrigin, type GateVerdict, gateDecision } from '@relance/domain/legal-gate';
import type { Actor, ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { contactSettingsOf } from '../agency/contact-settings.ts';
import { recordAudit } from '../audit/service.ts';
import { outstandingFigures } from './statement.ts';

// The one door to the legal gate on the server (packages/domain legal-gate.ts decides): every route
// and job that sends, calls, records a commitment, links the debtor's page, serves a case or
// escalates loads the case's facts here (collective proceedings included: registry_proceeding by
// the debtor's SIREN, issue 23) and asks `gateDecision`. Nothing else decides whether the
// agency may act on a case; the daily dunning run applies the same rules set-based in SQL and
// server/test/rules-parity.test.ts holds the two equal.

type FactsRow = {
  status: GateFacts['status'];
  vulnerable: boolean;
  dispute_open: boolean;
  plan: GateFacts['plan'];
  promise_due: string | null;
  mandate_signed_on: string;
  mandate_valid_until: string | null;
  mandate_revoked_at: Date | null;
  mandate_covers_judicial: boolean;
  contacts: number;
  oldest_contact: Date | null;
  has_email: boolean;
  has_phone: boolean;
  has_address: boolean;
  creditor_id: string;
};

const openPlans = openPlanStatuses.map((status) => `'${status}'`).join(', ');

const factsSql = `select c.status, c.vulnerable_since is not null as vulnerable, c.creditor_id,
       exists (select 1 from case_dispute cd where cd.case_id = c.id and cd.resolved_at is null) as dispute_open,
       (select p.status from payment_plan p where p.case_id = c.id and p.status in (${openPlans}) order by p.proposed_at desc limit 1) as plan,
       (select min(pr.due_on)::text from promise_to_pay pr where pr.case_id = c.id and pr.status = 'pending') as promise_due,
       cr.mandate_signed_on::text as mandate_signed_on, cr.mandate_valid_until::text as mandate_valid_until,
       cr.mandate_revoked_at, cr.mandate_covers_judicial,
       coalesce(cap.contacts, 0) as contacts, cap.oldest as oldest_contact,
       exists (select 1 from debtor_email e where e.debtor_id = d.id and e.valid) as has_email,
       exists (select 1 from debtor_phone ph where ph.debtor_id = d.id and ph.valid) as has_phone,
       exists (select 1 from debtor_address a where a.debtor_id = d.id and a.valid) as has_address
  from collection_case c
  join debtor d on d.id = c.debtor_id
  join creditor cr on cr.id = c.creditor_id
  left join lateral (
    select count(*)::int as contacts, min(dc.at) as oldest from debtor_contact dc
     where dc.identity_key = d.identity_key and dc.at > ? and dc.at <= ?
  ) cap on true
 where c.id = ?`;

async function principalLeft(exec: ReturnType<typeof emExec>, caseId: string, today: string): Promise<number> {
  const [row] = await exec<{ left: string }>(
    `select greatest(0, coalesce((select sum(amount_cents) from claim where case_id = ? and prescription_date >= ?::date), 0)
                      - coalesce((select sum(amount_cents) from payment where case_id = ?), 0))::text as left`,
    [caseId, today, caseId],
  );
  return Number(row?.left ?? 0);
}

export type CaseGateFacts = GateFacts & { readonly creditorId: string; readonly callHoursMode: 'block' | 'warn' };

/** The facts the gate needs about one case at `at`, read in the caller's transaction. */
export async function loadGateFacts(ctx: ServiceContext, caseId: string, at: Date, options: { demandable?: 'decompte' | 'principal' } = {}): Promise<CaseGateFacts> {
  const exec = emExec(ctx.em);
  const [rows, claims, settings, proceedings] = await Promise.all([
    exec<FactsRow>(factsSql, [contactCapWindowStart(at), at, caseId]),
    exec<{ invoice_ref: string; prescription_date: string }>(
      'select invoice_ref, prescription_date::text as prescription_date from claim where case_id = ? order by due_date, invoice_ref',
      [caseId],
    ),
    contactSettingsOf(exec),
    // The debtor company's collective proceedings, as the registry feature stored them (public data, every role reads it).
    exec<{ type: Proceeding['type']; judgment_date: string; publication_date: string | null }>(
      `select p.type, p.judgment_date::text as judgment_date, p.publication_date::text as publication_date
         from collection_case c join debtor d on d.id = c.debtor_id join registry_proceeding p on p.siren = d.siren
        where c.id = ? order by p.judgment_date`,
      [caseId],
    ),
  ]);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 404);
  const today = localDate(at);
  // The queue's serve check only needs "is anything left to ask": the principal of the live claims
  // less the payments answers it without building the décompte (the pick stays a few ms); every
  // door that demands an amount (messages, plans, promises) reads the décompte.
  const figures = options.demandable === 'principal' ? undefined : (await outstandingFigures(ctx, [caseId], today)).get(caseId);
  // A décompte that cannot be computed (a rate not recorded yet) is not "nothing due": the principal
  // of the claims not prescribed, less the payments, stands for it (as the case screens show).
  const demandableCents = figures?.demandableCents ?? (await principalLeft(exec, caseId, today));
  return {
    creditorId: row.creditor_id,
    callHoursMode: settings.contactRuleMode,
    status: row.status,
    demandableCents,
    claims: claims.map((claim) => ({ ref: claim.invoice_ref, prescriptionDate: claim.prescription_date })),
    disputeOpen: row.dispute_open,
    vulnerable: row.vulnerable,
    plan: row.plan,
    promise: row.promise_due ? { dueOn: row.promise_due } : null,
    mandate: {
      signedOn: row.mandate_signed_on,
      validUntil: row.mandate_valid_until,
      revokedAt: row.mandate_revoked_at ? new Date(row.mandate_revoked_at) : null,
      coversJudicial: row.mandate_covers_judicial,
    },
    contactsInWindow: row.contacts,
    oldestContactInWindow: row.oldest_contact ? new Date(row.oldest_contact) : null,
    cap: settings.contactCapPer7Days,
    // SMS go to any valid number the debtor gave; the SMS provider refuses a landline at send time.
    reachable: { email: row.has_email, sms: row.has_phone, phone: row.has_phone, postal: row.has_address },
    proceedings: proceedings.map((proceeding) => ({ type: proceeding.type, judgmentDate: proceeding.judgment_date, publicationDate: proceeding.publication_date })),
  };
}

/** The gate's origin of a member of staff's request: managers and admins may override the window and the cap, agents may not. */
export function staffOrigin(actor: Actor): 'manager' | 'agent' {
  return actor.role === 'admin' || actor.role === 'manager' ? 'manager' : 'agent';
}

export type GateAsk = {
  readonly action: GateAction;
  readonly origin: GateOrigin;
  /** The signed-in user asking (audit of overrides); null for jobs. */
  readonly actorId: string | null;
  /** A manager overriding the window and/or the cap, with a written reason (kept in the audit trail). */
  readonly override?: { readonly window?: boolean; readonly cap?: boolean; readonly reason: string };
  /** Defaults to the context's clock. */
  readonly at?: Date;
  /** How the demandable amount is read: the décompte (default) or, for the queue's pick, principal less payments. */
  readonly demandable?: 'decompte' | 'principal';
  /** For the daily run's messages: its strategy's pause switches. */
  readonly pauseRules?: PauseRules;
};

/** The verdict for one case and action, with the facts it was taken on. */
export async function gateFor(ctx: ServiceContext, caseId: string, ask: GateAsk): Promise<{ verdict: GateVerdict; facts: CaseGateFacts }> {
  const at = ask.at ?? ctx.clock.now();
  const facts = await loadGateFacts(ctx, caseId, at, ask.demandable ? { demandable: ask.demandable } : {});
  const verdict = gateDecision(
    {
      action: ask.action,
      at,
      origin: ask.origin,
      callHoursMode: facts.callHoursMode,
      ...(ask.pauseRules ? { pauseRules: ask.pauseRules } : {}),
      ...(ask.override ? { override: { window: ask.override.window === true, cap: ask.override.cap === true } } : {}),
    },
    facts,
  );
  return { verdict, facts };
}

/**
 * Asks the gate and refuses with 422 when it refuses or defers: the code is the first reason's (the
 * most serious), the details list every reason and, for a deferral, the first instant allowed. An
 * override that was needed and used is written to the audit trail with its reason. Returns the
 * verdict (its warnings are for the caller to show or record).
 */
export async function assertGate(ctx: ServiceContext, caseId: string, ask: GateAsk): Promise<GateVerdict> {
  if (ask.override && ask.override.reason.trim().length < 5) throw new AppError('override_reason_required', 400);
  if (ask.override && ask.origin !== 'manager') throw new AppError('override_not_allowed', 403);
  const { verdict, facts } = await gateFor(ctx, caseId, ask);
  if (verdict.decision !== 'allowed') {
    const [first] = verdict.reasons;
    throw new AppError(first?.code ?? 'forbidden', 422, {
      decision: verdict.decision,
      reasons: verdict.reasons.map(({ code, params, overridable }) => ({ code, params, overridable })),
      until: verdict.until?.toISOString() ?? null,
    });
  }
  const overridden = verdict.warnings.filter((reason) => reason.overridable);
  if (ask.override && overridden.length > 0) {
    await recordAudit(emExec(ctx.em), {
      actorId: ask.actorId,
      at: ask.at ?? ctx.clock.now(),
      action: 'legal_gate_overridden',
      entity: 'case',
      entityId: caseId,
      caseId,
      creditorId: facts.creditorId,
      details: { action: ask.action, reason: ask.override.reason, overridden: overridden.map((reason) => ({ code: reason.code, params: reason.params })) },
    });
  }
  return verdict;
}
