import type { ContactRuleReason } from '@relance/contracts/contact-rules';
import type { CreatePromiseBody, PromiseToPay } from '@relance/contracts/promises';
import type { TimelineEvent } from '@relance/contracts/timeline-events';
import { frenchDate } from '@relance/domain/calendar';
import { addDays } from '@relance/domain/dates';
import { centsFromDatabase, formatMoney } from '@relance/domain/money';
import { findAccessible } from '../../plugins/access.ts';
import { type Actor, type ActorContext, type Clock, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { gateOriginOf, toReasonDto } from '../cases/contact-rules.ts';
import { CollectionCase } from '../cases/entities.ts';
import { assertGate } from '../cases/legal-gate.ts';
import { changeCaseStatus, moveCases } from '../cases/status.ts';
import { addEntry } from '../cases/timeline.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';

// Promesses de paiement. A promise is kept as soon as the payments received since the day it was
// made cover its amount; it is broken when they do not by the end of its date plus the agency's
// grace days. The check is set-based (the daily crontab checks every due promise at once) and
// runs again for one case right after a payment is recorded.

export const PROMISES_CHECK_TASK = 'promises__check';
export const PLANS_CHECK_TASK = 'plans__check';
export const DEFAULT_GRACE_DAYS = 3;

/** The agency's grace days after a promise's or an installment's date (agency settings, default 3). */
export async function graceDays(exec: SqlExec): Promise<{ promise: number; plan: number }> {
  const [row] = await exec<{ promise_grace_days: number; plan_grace_days: number }>(
    'select promise_grace_days, plan_grace_days from agency order by created_at limit 1',
  );
  return { promise: row?.promise_grace_days ?? DEFAULT_GRACE_DAYS, plan: row?.plan_grace_days ?? DEFAULT_GRACE_DAYS };
}

/**
 * Copies this feature's state (case_commitment) to the queue's columns on collection_case
 * (Migration20261123140000_queue): promise_due_on, and promise_broken for a broken promise or a
 * broken plan alike (both bring the case back to the top of the queue).
 */
export async function syncQueueColumns(exec: SqlExec, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await exec(
    `update collection_case c set promise_due_on = cc.promise_due_on, promise_broken = (cc.promise_broken or cc.plan_broken)
       from case_commitment cc where cc.case_id = c.id and c.id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))`,
    [JSON.stringify(caseIds)],
  );
}

/** Sets what the queue reads about a case's promises and plans (only the fields given). */
export async function setCaseCommitment(
  exec: SqlExec,
  caseIds: readonly string[],
  fields: { promiseDueOn?: string | null; promiseBroken?: boolean; planBroken?: boolean },
): Promise<void> {
  if (caseIds.length === 0) return;
  const has = (key: keyof typeof fields) => (key in fields ? 1 : 0);
  await exec(
    `insert into case_commitment (case_id, creditor_id, promise_due_on, promise_broken, plan_broken, updated_at)
     select c.id, c.creditor_id, ?::date, coalesce(?::boolean, false), coalesce(?::boolean, false), now()
       from collection_case c where c.id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     on conflict (case_id) do update set
       promise_due_on = case when ?::int = 1 then excluded.promise_due_on else case_commitment.promise_due_on end,
       promise_broken = case when ?::int = 1 then excluded.promise_broken else case_commitment.promise_broken end,
       plan_broken = case when ?::int = 1 then excluded.plan_broken else case_commitment.plan_broken end,
       updated_at = now()`,
    [
      fields.promiseDueOn ?? null,
      fields.promiseBroken ?? null,
      fields.planBroken ?? null,
      JSON.stringify(caseIds),
      has('promiseDueOn'),
      has('promiseBroken'),
      has('planBroken'),
    ],
  );
  await syncQueueColumns(exec, caseIds);
}

/**
 * Called in the transaction that records a payment: queues the promise and plan checks of that
 * case (one pending job per case and check: job_key), so a promise is kept and installments are
 * matched right after the money arrives.
 */
export async function queueCommitmentChecks(exec: SqlExec, caseId: string): Promise<void> {
  await exec(
    `select graphile_worker.add_job(?, json_build_object('caseId', ?::text), job_key => ?),
            graphile_worker.add_job(?, json_build_object('caseId', ?::text), job_key => ?)`,
    [PROMISES_CHECK_TASK, caseId, `${PROMISES_CHECK_TASK}:${caseId}`, PLANS_CHECK_TASK, caseId, `${PLANS_CHECK_TASK}:${caseId}`],
  );
}

/**
 * Moves a case to `to` through the domain table; a case still 'new' is first taken up
 * (new -> amicable), since the table lets a new case go nowhere else. 409 forbidden_transition
 * otherwise (a promise on a case under a plan, anything on a closed case).
 */
export async function moveCaseTo(
  ctx: ServiceContext,
  caseId: string,
  to: 'promise' | 'payment_plan',
  reason: string,
  authorId: string | null,
): Promise<void> {
  const [row] = await ctx.em.execute<{ status: string }[]>('select status from collection_case where id = ? for update', [caseId]);
  if (row?.status === 'new') await changeCaseStatus(ctx, caseId, 'amicable', { reason: 'Dossier pris en charge.', authorId });
  await changeCaseStatus(ctx, caseId, to, { reason, authorId });
}

type PromiseRow = {
  id: string;
  case_id: string;
  amount_cents: string;
  currency: string;
  due_on: string;
  grace_days: number;
  note: string | null;
  status: PromiseToPay['status'];
  made_by: string | null;
  made_by_name: string | null;
  made_via: 'staff' | 'debtor';
  made_on: string;
  made_at: Date;
  resolved_on: string | null;
  covered_cents: string | null;
};

const promiseSelect = `select p.*, u.name as made_by_name from promise_to_pay p left join app_user u on u.id = p.made_by`;

function toDto(row: PromiseRow): PromiseToPay {
  return {
    id: row.id,
    caseId: row.case_id,
    amountCents: centsFromDatabase(row.amount_cents, 'amount_cents'),
    currency: row.currency,
    dueOn: row.due_on,
    graceDays: row.grace_days,
    checkOn: addDays(row.due_on, row.grace_days),
    note: row.note,
    status: row.status,
    madeBy: row.made_by,
    madeByName: row.made_by_name,
    madeVia: row.made_via,
    madeOn: row.made_on,
    madeAt: new Date(row.made_at).toISOString(),
    resolvedOn: row.resolved_on,
    coveredCents: row.covered_cents === null ? null : centsFromDatabase(row.covered_cents, 'covered_cents'),
  };
}

/**
 * Who records a promise: a member of staff (or a creditor's system) for the debtor who called or
 * wrote, or the debtor on their page (no user: made_by null, made_via 'debtor').
 */
export type PromiseAuthor = { via: 'staff'; actor: Actor } | { via: 'debtor' };

/**
 * Records the debtor's promise, once the legal gate allows it (cases/legal-gate.ts, action
 * 'promise'): an open dispute, a closed mandate, claims all prescribed or nothing left to pay
 * answer 422 with the gate's code; a vulnerable debtor may still promise (the debtor called in),
 * with the warning returned and recorded on the timeline entry. `checks` then runs in the same
 * transaction (the debtor's page adds its own limits there). The case goes to status 'promise'
 * through the domain table (a new case passes by amicable; a case under a plan or closed refuses
 * with 409), a pending promise of the same case is superseded, the queue stops flagging a broken one.
 * The one path of both doors: createPromise (staff) and the debtor's page.
 */
export async function recordPromise(
  ctx: ServiceContext,
  found: { id: string; creditorId: string },
  body: CreatePromiseBody,
  author: PromiseAuthor,
  checks?: (tx: ServiceContext) => Promise<void>,
): Promise<PromiseToPay> {
  const today = todayInParis(ctx.clock);
  if (body.dueOn < today) throw new AppError('date_in_past', 400, { field: 'dueOn', date: body.dueOn });
  const now = ctx.clock.now();
  const authorId = author.via === 'staff' ? author.actor.userId : null;
  const debtor = author.via === 'debtor';
  let warnings: ContactRuleReason[] = [];
  const id = await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const exec = emExec(em);
    await exec('select id from collection_case where id = ? for update', [found.id]);
    const origin = author.via === 'staff' ? gateOriginOf(author.actor) : 'agent';
    const verdict = await assertGate(tx, found.id, { action: { kind: 'promise' }, origin, actorId: authorId, at: now });
    warnings = verdict.warnings.map((reason) => toReasonDto(reason, now));
    if (checks) await checks(tx);
    await moveCaseTo(tx, found.id, 'promise', debtor ? 'Promesse déclarée par le débiteur sur sa page.' : 'Promesse de paiement.', authorId);
    await exec(`update promise_to_pay set status = 'superseded', resolved_on = ? where case_id = ? and status = 'pending'`, [today, found.id]);
    const [currencyRow] = await exec<{ currency: string }>("select coalesce(min(currency), 'EUR') as currency from claim where case_id = ?", [
      found.id,
    ]);
    const currency = currencyRow?.currency ?? 'EUR';
    const grace = await graceDays(exec);
    const [row] = await exec<{ id: string }>(
      `insert into promise_to_pay (case_id, creditor_id, amount_cents, currency, due_on, grace_days, note, made_by, made_via, made_on, made_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [found.id, found.creditorId, body.amountCents, currency, body.dueOn, grace.promise, body.note ?? null, authorId, author.via, today, now],
    );
    const checkOn = addDays(body.dueOn, grace.promise);
    const what = `${formatMoney(body.amountCents, currency, 'fr')} au plus tard le ${frenchDate(body.dueOn)} (contrôle le ${frenchDate(checkOn)}).`;
    await addEntry(exec, ctx.clock, {
      caseId: found.id,
      kind: 'note',
      authorId,
      text: debtor ? `Promesse déclarée par le débiteur sur sa page : ${what}` : `Promesse de paiement : ${what}${body.note ? ` ${body.note}` : ''}`,
      contactWarnings: warnings.length > 0 ? warnings : null,
      event: {
        code: debtor ? 'promise_made_by_debtor' : 'promise_made',
        params: { amountCents: body.amountCents, currency, dueOn: body.dueOn, checkOn, note: debtor ? null : (body.note ?? null) },
      },
    });
    await setCaseCommitment(exec, [found.id], { promiseDueOn: body.dueOn, promiseBroken: false });
    const promiseId = (row as { id: string }).id;
    const [caseRow] = await exec<{ reference: string; external_ref: string | null }>('select reference, external_ref from collection_case where id = ?', [found.id]);
    await emitCreditorEvent(em, {
      creditorId: found.creditorId,
      type: 'promise.made',
      data: {
        caseId: found.id,
        reference: caseRow?.reference ?? null,
        externalRef: caseRow?.external_ref ?? null,
        promiseId,
        amountCents: body.amountCents,
        currency,
        dueOn: body.dueOn,
        madeVia: author.via,
      },
      occurredAt: now,
    });
    return promiseId;
  });
  const [row] = await ctx.em.execute<PromiseRow[]>(`${promiseSelect} where p.id = ?`, [id]);
  return { ...toDto(row as PromiseRow), ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Staff (or a creditor's system) record the promise the debtor made by phone or in writing (recordPromise). */
export async function createPromise(ctx: ActorContext, caseId: string, body: CreatePromiseBody): Promise<PromiseToPay> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  return await recordPromise(ctx, found, body, { via: 'staff', actor: ctx.actor });
}

export async function listPromises(ctx: ActorContext, caseId: string): Promise<{ items: PromiseToPay[]; nextCursor: null }> {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  const rows = await ctx.em.execute<PromiseRow[]>(`${promiseSelect} where p.case_id = ? order by (p.status = 'pending') desc, p.made_at desc, p.id desc limit 200`, [found.id]);
  return { items: rows.map(toDto), nextCursor: null };
}

type ResolvedPromise = {
  id: string;
  case_id: string;
  status: 'kept' | 'broken';
  amount_cents: string;
  currency: string;
  covered_cents: string;
  due_on: string;
};

/**
 * Resolves every pending promise that is covered (kept) or past its date plus grace days
 * (broken), in one statement; `caseId` limits it to one case. Then, set-based too: the case leaves
 * status 'promise' for amicable, the timeline says why, and a broken promise flags the case for
 * the queue. Idempotent: a resolved promise is no longer pending.
 */
export async function checkPromises(exec: SqlExec, clock: Clock, caseId?: string): Promise<{ kept: number; broken: number }> {
  const today = todayInParis(clock);
  const resolved = await exec<ResolvedPromise>(
    `with covered as (
       select p.id, coalesce(sum(pay.amount_cents), 0) as covered_cents
         from promise_to_pay p
         left join payment pay on pay.case_id = p.case_id and pay.received_on >= p.made_on and pay.received_on <= ?::date
        where p.status = 'pending' and (?::uuid is null or p.case_id = ?::uuid)
        group by p.id)
     update promise_to_pay p
        set status = case when c.covered_cents >= p.amount_cents then 'kept' else 'broken' end,
            resolved_on = ?::date, covered_cents = c.covered_cents
       from covered c
      where c.id = p.id and p.status = 'pending'
        and (c.covered_cents >= p.amount_cents or p.due_on + p.grace_days < ?::date)
     returning p.id, p.case_id, p.status, p.amount_cents, p.currency, p.covered_cents, p.due_on::text as due_on`,
    [today, caseId ?? null, caseId ?? null, today, today],
  );
  if (resolved.length === 0) return { kept: 0, broken: 0 };
  // The case leaves 'promise' for amicable (cases/status.ts, set-based), the timeline says why.
  await moveCases(exec, clock, {
    from: ['promise'],
    to: 'amicable',
    cases: resolved.map((row) => {
      const amountCents = centsFromDatabase(row.amount_cents, 'amount_cents');
      const coveredCents = centsFromDatabase(row.covered_cents, 'covered_cents');
      const amount = formatMoney(amountCents, row.currency, 'fr');
      const covered = formatMoney(coveredCents, row.currency, 'fr');
      const text =
        row.status === 'kept'
          ? `Promesse de paiement tenue : ${amount} promis pour le ${frenchDate(row.due_on)}, ${covered} reçus depuis.`
          : `Promesse de paiement non tenue : ${amount} promis pour le ${frenchDate(row.due_on)}, ${covered} reçus depuis, délai de grâce écoulé.`;
      const event: TimelineEvent = {
        code: row.status === 'kept' ? 'promise_kept' : 'promise_broken',
        params: { amountCents, coveredCents, currency: row.currency.trim(), dueOn: row.due_on },
      };
      return { caseId: row.case_id, text, event };
    }),
  });
  const broken = resolved.filter((row) => row.status === 'broken').map((row) => row.case_id);
  const kept = resolved.filter((row) => row.status === 'kept').map((row) => row.case_id);
  await setCaseCommitment(exec, broken, { promiseDueOn: null, promiseBroken: true });
  await setCaseCommitment(exec, kept, { promiseDueOn: null, promiseBroken: false });
  return { kept: kept.length, broken: broken.length };
}
