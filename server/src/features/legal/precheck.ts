import { type ErrorCode, messageFor } from '@relance/contracts/errors';
import {
  type CommissaireRefDto,
  type CourtRef,
  type LegalCheckDto,
  type LegalPrecheckDto,
  legalCheckPassLabels,
  legalCostItemLabels,
} from '@relance/contracts/legal-actions';
import { localDate } from '@relance/domain/calendar';
import type { ClaimNature } from '@relance/domain/claim-nature';
import { estimateLegalCosts, injonctionCourtKind } from '@relance/domain/legal-costs';
import type { GateOrigin } from '@relance/domain/legal-gate';
import { type LegalCheck, legalPrechecks, type PrecheckResult } from '@relance/domain/legal-prechecks';
import type { LegalActionKind } from '@relance/domain/legal-procedure';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { gateFor } from '../cases/legal-gate.ts';
import { commissaireById, courAppelOf, courtById, courtKindFits, type DebtorAddress, findCommissaire, findCourt } from './venue.ts';

// The pre-checks of a legal action on a case (packages/domain legal-prechecks.ts decides), with the
// facts they need: the legal gate's verdict on `legal_action` (mandate, dispute, prescription,
// vulnerability, closed case: decided there only), the claims, the décompte, the mise en demeure,
// the debtor's address, a title, and the court or commissaire found for the address.

export type PrecheckChoice = {
  readonly kind: LegalActionKind;
  readonly courtId?: string | undefined;
  readonly commissaireId?: string | undefined;
  /** A title the creditor already holds (commissaire_enforcement). */
  readonly titleOn?: string | undefined;
};

export type LoadedPrecheck = {
  readonly result: PrecheckResult;
  readonly dto: LegalPrecheckDto;
  readonly creditorId: string;
  readonly court: CourtRef | null;
  readonly commissaire: CommissaireRefDto | null;
  readonly titleOn: string | null;
  readonly titleLegalActionId: string | null;
};

type CaseFactsRow = {
  creditor_id: string;
  creditor_kind: 'company' | 'private_individual';
  acts_professionally: boolean;
  debtor_kind: 'company' | 'person';
  mise_en_demeure_on: string | null;
  med_sent_on: string | null;
  judgment_enforceable_on: string | null;
  days_after_med: number;
  line1: string | null;
  postal_code: string | null;
  city: string | null;
};

const caseFactsSql = `select c.creditor_id, cr.kind as creditor_kind, cr.acts_professionally, d.kind as debtor_kind,
       c.mise_en_demeure_on::text as mise_en_demeure_on, c.judgment_enforceable_on::text as judgment_enforceable_on,
       (select (min(coalesce(m.sent_at, m.queued_at)) at time zone 'Europe/Paris')::date::text from outbound_message m
         where m.case_id = c.id and m.template = 'mise_en_demeure' and m.status in ('sent', 'delivered')) as med_sent_on,
       coalesce((select a.legal_days_after_mise_en_demeure from agency a limit 1), 8) as days_after_med,
       ad.line1, ad.postal_code, ad.city
  from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id
  left join lateral (select line1, postal_code, city from debtor_address where debtor_id = d.id and valid order by id desc limit 1) ad on true
 where c.id = ?`;

/** The title the case holds: the latest title an earlier action obtained, else none. */
async function earlierTitle(exec: SqlExec, caseId: string): Promise<{ on: string; id: string } | null> {
  const [row] = await exec<{ id: string; title_on: string }>(
    `select id, title_on::text as title_on from legal_action where case_id = ? and stage = 'title_obtained' and title_on is not null order by title_on desc limit 1`,
    [caseId],
  );
  return row ? { on: row.title_on, id: row.id } : null;
}

async function venueFor(exec: SqlExec, facts: CaseFactsRow, choice: PrecheckChoice, address: DebtorAddress | null) {
  let court: CourtRef | null = null;
  let commissaire: CommissaireRefDto | null = null;
  const courtKind = injonctionCourtKind({ creditorIsBusiness: facts.creditor_kind === 'company' || facts.acts_professionally, debtorIsBusiness: facts.debtor_kind === 'company' });
  if (choice.kind === 'injonction_de_payer') {
    court = choice.courtId ? await courtById(exec, choice.courtId) : address ? await findCourt(exec, address, courtKind) : null;
    if (choice.courtId && !court) throw new AppError('not_found', 404, { courtId: choice.courtId });
    // A court chosen by hand must be of the kind the parties call for (CPC 1406, C. org. jud. L721-3).
    if (court && choice.courtId && !courtKindFits(courtKind, court.kind, address)) throw new AppError('legal_court_wrong_kind', 422, { expected: courtKind, given: court.kind });
  } else {
    const district = address ? await courAppelOf(exec, address) : null;
    commissaire = choice.commissaireId ? await commissaireById(exec, choice.commissaireId) : await findCommissaire(exec, district);
    if (choice.commissaireId && !commissaire) throw new AppError('not_found', 404, { commissaireId: choice.commissaireId });
  }
  return { court, commissaire, courtKind };
}

function checkDto(check: LegalCheck, locale: 'fr' | 'en'): LegalCheckDto {
  const message = check.status === 'pass' || check.code === null ? legalCheckPassLabels[check.check][locale] : messageFor(check.code, locale);
  return { check: check.check, status: check.status, code: check.code, message, params: check.params as LegalCheckDto['params'] };
}

/** Every pre-check of `choice.kind` on the case now, with the venue found and the estimated costs. */
export async function runPrecheck(ctx: ServiceContext, caseId: string, choice: PrecheckChoice, origin: GateOrigin, actorId: string | null): Promise<LoadedPrecheck> {
  const exec = emExec(ctx.em);
  const at = ctx.clock.now();
  const today = localDate(at);
  const [facts] = await exec<CaseFactsRow>(caseFactsSql, [caseId]);
  if (!facts) throw new AppError('not_found', 404);
  const [{ verdict, facts: gateFacts }, claims, title] = await Promise.all([
    gateFor(ctx, caseId, { action: { kind: 'legal_action' }, origin, actorId, at }),
    exec<{ invoice_ref: string; due_date: string; prescription_date: string; nature: ClaimNature }>(
      `select invoice_ref, due_date::text as due_date, prescription_date::text as prescription_date, nature from claim where case_id = ? order by due_date, invoice_ref`,
      [caseId],
    ),
    earlierTitle(exec, caseId),
  ]);
  const address = facts.line1 && facts.postal_code && facts.city ? { line1: facts.line1, postalCode: facts.postal_code, city: facts.city } : null;
  const { court, commissaire, courtKind } = await venueFor(exec, facts, choice, address);
  const titleOn = choice.kind === 'commissaire_enforcement' ? (choice.titleOn ?? title?.on ?? facts.judgment_enforceable_on) : null;
  const result = legalPrechecks({
    kind: choice.kind,
    today,
    gate: verdict,
    claims: claims.map((claim) => ({ ref: claim.invoice_ref, dueDate: claim.due_date, prescriptionDate: claim.prescription_date, nature: claim.nature })),
    claimedCents: gateFacts.demandableCents,
    miseEnDemeure: facts.mise_en_demeure_on || facts.med_sent_on ? { sentOn: facts.med_sent_on ?? facts.mise_en_demeure_on ?? today, presentedOn: facts.mise_en_demeure_on } : null,
    minDaysAfterMiseEnDemeure: facts.days_after_med,
    debtorAddressKnown: address !== null,
    titleOn,
    venueFound: choice.kind === 'injonction_de_payer' ? court !== null : commissaire !== null,
  });
  const estimate = estimateLegalCosts(choice.kind, choice.kind === 'injonction_de_payer' ? (court?.kind ?? courtKind) : null);
  const dto: LegalPrecheckDto = {
    kind: choice.kind,
    ok: result.ok,
    checks: result.checks.map((check) => checkDto(check, ctx.locale)),
    includedClaims: [...result.includedClaims],
    excludedClaims: result.excludedClaims.map((claim) => ({ ...claim })),
    imminentClaims: result.imminentClaims.map((claim) => ({ ...claim })),
    claimedCents: gateFacts.demandableCents,
    court,
    commissaire,
    estimatedCosts: {
      lines: estimate.lines.map((line) => ({ ...line, label: legalCostItemLabels[line.item]?.[ctx.locale] ?? line.item })),
      totalCents: estimate.totalCents,
    },
  };
  const titleLegalActionId = choice.kind === 'commissaire_enforcement' && !choice.titleOn && title ? title.id : null;
  return { result, dto, creditorId: facts.creditor_id, court, commissaire, titleOn, titleLegalActionId };
}

/** Refuses with 422 and the first failing check's code; the details carry every verdict. */
export function assertPrecheck(loaded: LoadedPrecheck): void {
  const failed = loaded.dto.checks.find((check) => check.status === 'fail');
  if (failed?.code) throw new AppError(failed.code as ErrorCode, 422, { check: failed.check, params: failed.params, checks: loaded.dto.checks });
}
