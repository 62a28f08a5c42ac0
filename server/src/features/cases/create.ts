import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CaseDetail, type CreateCaseBody, caseDetail } from '@relance/contracts/cases';
import { isValidSiren, toE164 } from '@relance/domain/identifiers';
import { creditorScope } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { idempotencyGuard, runIdempotently, type StoredResponse } from '../../plugins/idempotency.ts';
import { emExec } from '../../plugins/sql.ts';
import { requireAgencyIntakeOpen } from '../agency/service.ts';
import { Creditor } from '../creditors/entities.ts';
import { isMandateValid } from '../creditors/service.ts';
import { emitCreditorEvent } from '../webhooks/service.ts';
import { type IntakeNature, intakeNature } from './claim-intake.ts';
import { getCaseDetail } from './detail.ts';
import { addEntry } from './timeline.ts';

// Placing a case through the API (POST /cases): checks, then debtor, contacts, case and claims in
// one transaction, answered with the case detail.

/** Mirrors the importer's key so that a later import recognises a debtor created through the API. */
function debtorMatchKey(debtor: { name: string; siren: string | null; email: string | null; phone: string | null; postalCode: string | null }) {
  if (debtor.siren) return `siren:${debtor.siren}`;
  if (debtor.email) return `email:${debtor.email}`;
  if (debtor.phone) return `phone:${debtor.phone}`;
  const name = debtor.name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return `name:${name}|${debtor.postalCode ?? ''}`;
}

/** Percent with at most two decimals (validated by the contract) to integer basis points. */
function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

type ValidatedCase = {
  creditorId: string;
  siren: string | null;
  email: string | null;
  phone: string | null;
  /** Each claim's nature and prescription date at intake, by its ref. */
  natures: ReadonlyMap<string, IntakeNature>;
};

/**
 * Each claim's nature (stated, else the creditor's default, else inferred) and prescription date.
 * A claim already prescribed is placed only flagged as such (`prescribedAtIntake`): otherwise the
 * whole case is refused, naming the claims (422 claim_prescribed_at_intake).
 */
function intakeNatures(creditor: Creditor, body: CreateCaseBody, today: string): Map<string, IntakeNature> {
  const natures = new Map(
    body.claims.map((claim) => [
      claim.ref,
      intakeNature({
        given: claim.nature ?? null,
        creditorKind: creditor.kind,
        debtorKind: body.debtor.type,
        creditorDefault: creditor.defaultClaimNature ?? null,
        dueDate: claim.dueDate,
        today,
      }),
    ]),
  );
  const refused = body.claims.flatMap((claim) => {
    const intake = natures.get(claim.ref);
    return intake?.prescribed && claim.prescribedAtIntake !== true ? [{ ref: claim.ref, nature: intake.nature, prescriptionDate: intake.prescriptionDate }] : [];
  });
  if (refused.length > 0) throw new AppError('claim_prescribed_at_intake', 422, { ref: refused[0]?.ref, refs: refused.map((claim) => claim.ref), claims: refused });
  return natures;
}

async function validateNewCase(ctx: ActorContext, body: CreateCaseBody): Promise<ValidatedCase> {
  const creditorId = creditorScope(ctx.actor) ?? body.creditorId;
  if (!creditorId) throw new AppError('validation_failed', 400, { issues: [{ path: 'creditorId', message: 'required' }] });
  const creditor = await ctx.em.findOne(Creditor, { id: creditorId });
  if (!creditor) throw new AppError('not_found', 404);
  const today = todayInParis(ctx.clock);
  // R124-3: no file is worked without a valid mandate.
  if (!isMandateValid(creditor, today)) throw new AppError('mandate_invalid', 409);

  const siren = body.debtor.siren?.replace(/\s/g, '') || null;
  if (siren && !isValidSiren(siren)) throw new AppError('invalid_siren', 400, { siren });
  let phone: string | null = null;
  if (body.debtor.phone) {
    phone = toE164(body.debtor.phone);
    if (!phone) throw new AppError('invalid_phone', 400, { phone: body.debtor.phone });
  }
  const refs = new Set<string>();
  const [first] = body.claims;
  for (const claim of body.claims) {
    if (refs.has(claim.ref)) throw new AppError('duplicate_claim_ref', 400, { ref: claim.ref });
    refs.add(claim.ref);
    if (claim.dueDate < claim.issueDate) throw new AppError('claim_due_before_issue', 400, { ref: claim.ref });
    // As the importer: only claims already due are placed for collection.
    if (claim.dueDate >= today) throw new AppError('claim_not_yet_due', 400, { ref: claim.ref, dueDate: claim.dueDate });
    if (first && claim.currency !== first.currency) throw new AppError('mixed_currencies', 400, { ref: claim.ref });
  }
  if (body.miseEnDemeureDate && body.miseEnDemeureDate > today) {
    throw new AppError('date_in_future', 400, { field: 'miseEnDemeureDate', date: body.miseEnDemeureDate });
  }
  const natures = intakeNatures(creditor, body, today);
  return { creditorId, siren, email: body.debtor.email?.toLowerCase() ?? null, phone, natures };
}

/** A unique index raced by a concurrent request says the same as the checks done before it. */
function conflictOf(error: unknown): AppError | null {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  const message = error.message;
  if (message.includes('claim_creditor_id_invoice_ref_key')) return new AppError('claim_ref_exists', 409);
  if (message.includes('collection_case_external_ref_key')) return new AppError('external_ref_exists', 409);
  if (message.includes('debtor_creditor_id_match_key_key') || message.includes('collection_case_debtor_id_key')) {
    return new AppError('debtor_has_case', 409);
  }
  return null;
}

/** The case's claims, each with its nature and prescription date, and the timeline entry that records them. */
async function insertClaims(
  em: EntityManager,
  ctx: ActorContext,
  input: { caseId: string; creditorId: string; body: CreateCaseBody; natures: ReadonlyMap<string, IntakeNature> },
): Promise<void> {
  const { caseId, creditorId, body } = input;
  const refs = body.claims.map((claim) => claim.ref);
  for (const claim of body.claims) {
    const intake = input.natures.get(claim.ref) as IntakeNature;
    await em.execute(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents, currency, contract_rate_basis_points,
                          nature, nature_source, prescription_date, prescribed_at_intake)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        caseId,
        creditorId,
        claim.ref,
        claim.issueDate,
        claim.dueDate,
        claim.amountCents,
        claim.currency,
        claim.contractRatePercent === undefined ? null : percentToBasisPoints(claim.contractRatePercent),
        intake.nature,
        intake.natureSource,
        intake.prescriptionDate,
        intake.prescribed,
      ],
    );
  }
  const prescribed = refs.filter((ref) => input.natures.get(ref)?.prescribed);
  await addEntry(emExec(em), ctx.clock, {
    caseId,
    kind: 'import',
    authorId: ctx.actor.userId,
    text:
      `Dossier créé par l'API : ${body.claims.length} créance(s) (${refs.join(', ')}).` +
      (prescribed.length > 0 ? ` Créance(s) déjà prescrite(s) à la réception, signalée(s) et jamais réclamée(s) : ${prescribed.join(', ')}.` : ''),
    event: { code: 'case_placed', params: { claims: body.claims.length, refs: refs.join(', '), prescribedRefs: prescribed.length > 0 ? prescribed.join(', ') : null } },
  });
}

async function insertCase(em: EntityManager, ctx: ActorContext, body: CreateCaseBody, valid: ValidatedCase): Promise<string> {
  const { creditorId } = valid;
  const today = todayInParis(ctx.clock);
  if (body.externalRef) {
    const [taken] = await em.execute<{ id: string }[]>('select id from collection_case where creditor_id = ? and external_ref = ?', [
      creditorId,
      body.externalRef,
    ]);
    if (taken) throw new AppError('external_ref_exists', 409, { externalRef: body.externalRef, caseId: taken.id });
  }
  const refs = body.claims.map((claim) => claim.ref);
  const existing = await em.execute<{ invoice_ref: string }[]>(
    `select invoice_ref from claim
      where creditor_id = ? and invoice_ref in (select jsonb_array_elements_text(?::jsonb)) order by invoice_ref`,
    [creditorId, JSON.stringify(refs)],
  );
  if (existing.length > 0) throw new AppError('claim_ref_exists', 409, { refs: existing.map((row) => row.invoice_ref) });

  const { type, name, address } = body.debtor;
  const matchKey = debtorMatchKey({ name, siren: valid.siren, email: valid.email, phone: valid.phone, postalCode: address?.postalCode ?? null });
  const [debtor] = await em.execute<{ id: string }[]>(
    `insert into debtor (creditor_id, kind, company_name, last_name, display_name, siren, match_key)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (creditor_id, match_key) do nothing returning id`,
    [creditorId, type, type === 'company' ? name : null, type === 'person' ? name : null, name, valid.siren, matchKey],
  );
  if (!debtor) {
    // One case per debtor and creditor (as the importer): the claims go to that case, not a new one.
    const [known] = await em.execute<{ id: string }[]>(
      'select c.id from collection_case c join debtor d on d.id = c.debtor_id where d.creditor_id = ? and d.match_key = ?',
      [creditorId, matchKey],
    );
    throw new AppError('debtor_has_case', 409, known ? { caseId: known.id } : undefined);
  }
  if (valid.email) await em.execute('insert into debtor_email (debtor_id, email) values (?, ?)', [debtor.id, valid.email]);
  if (valid.phone) await em.execute('insert into debtor_phone (debtor_id, phone) values (?, ?)', [debtor.id, valid.phone]);
  if (address) {
    await em.execute('insert into debtor_address (debtor_id, line1, postal_code, city) values (?, ?, ?, ?)', [
      debtor.id,
      address.line1,
      address.postalCode,
      address.city,
    ]);
  }
  const [created] = await em.execute<{ id: string }[]>(
    `insert into collection_case (creditor_id, debtor_id, opened_on, external_ref, mise_en_demeure_on) values (?, ?, ?, ?, ?) returning id`,
    [creditorId, debtor.id, today, body.externalRef ?? null, body.miseEnDemeureDate ?? null],
  );
  const caseId = (created as { id: string }).id;
  await insertClaims(em, ctx, { caseId, creditorId, body, natures: valid.natures });
  if (valid.siren) {
    // Issue 23: the company registry is asked after the commit (registry__lookup, by name: the
    // registry feature builds on cases). A registry that does not answer never blocks the intake:
    // the job fails and is retried, with graphile-worker's backoff, for about two days.
    await em.execute(`select graphile_worker.add_job('registry__lookup', json_build_object('sirens', json_build_array(?::text)), job_key => ?, max_attempts => 12)`, [
      valid.siren,
      `registry:siren:${valid.siren}`,
    ]);
  }
  await emitCreditorEvent(em, { creditorId, type: 'case.created', data: { caseId, externalRef: body.externalRef ?? null, claimRefs: refs }, occurredAt: ctx.clock.now() });
  return caseId;
}

/**
 * Creates the debtor (with contacts), the case and its claims in one transaction and answers
 * with the case detail. With an idempotency key, a retry replays the first answer.
 *
 * All or nothing: the answer is built and checked against its schema inside the transaction, so a
 * case whose detail cannot be answered (Fastify serializes after the handler returns, after the
 * commit) is rolled back with a 500 rather than created behind an error.
 */
export async function createCase(
  ctx: ActorContext,
  body: CreateCaseBody,
  idempotencyKey?: string,
): Promise<StoredResponse<CaseDetail, 201>> {
  await requireAgencyIntakeOpen(ctx); // R124-2 records missing or expired: no new files
  const guard = idempotencyGuard(ctx.actor, idempotencyKey, 'POST /api/v1/cases', body);
  try {
    return await runIdempotently(ctx.em, guard, async (em) => {
      const txCtx = { ...ctx, em };
      const valid = await validateNewCase(txCtx, body);
      const caseId = await insertCase(em, txCtx, body, valid);
      return { status: 201 as const, body: caseDetail.parse(await getCaseDetail(txCtx, caseId)) };
    });
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}

