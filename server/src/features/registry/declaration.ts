import type { EntityManager } from '@mikro-orm/postgresql';
import { frenchDate } from '@relance/domain/calendar';
import { claimDeclarationDeadline, type ProceedingType, proceedingLabels } from '@relance/domain/insolvency';
import { renderClaimDeclarationPdf } from '@relance/templates/claim-declaration';
import type { LegalPiece } from '@relance/templates/legal-model';
import type { Clock } from '../../plugins/context.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { addEntry } from '../cases/timeline.ts';
import { storeCaseDocument } from '../documents/service.ts';
import { loadCaseFilingFacts, PIECE_KIND_WORDS, uploadedPieces } from '../legal/filing-data.ts';
import { notifyManagersFrom } from '../notifications/service.ts';
import { emitCreditorEventWith } from '../webhooks/service.ts';

// A case whose debtor company is in collective proceedings gets ONE claim declaration (C. com.
// L622-24): its deadline (publication + 2 months, R622-24), the déclaration de créance as a PDF
// with the décompte at the judgment day (L622-28), a timeline entry, the creditor's webhook
// `debtor.insolvency_opened` and a notice to the managers. A later proceeding of the same company
// (a redressement converted into a liquidation) needs no new declaration: claims declared in the
// earlier proceeding stand (C. com. L641-3). Exactly once: unique (case, proceeding), and a case
// that already has a declaration gets no other.

type Opening = {
  case_id: string;
  creditor_id: string;
  covers_judicial: boolean;
  proceeding_id: string;
  type: ProceedingType;
  judgment_date: string;
  publication_date: string;
  court: string | null;
  mandataire_name: string | null;
  mandataire_address: string | null;
};

/** The open cases of `siren` with a published proceeding in force and no declaration yet, with the latest proceeding. */
async function openingsOf(exec: SqlExec, siren: string, today: string): Promise<Opening[]> {
  return await exec<Opening>(
    `select distinct on (c.id) c.id as case_id, c.creditor_id, cr.mandate_covers_judicial as covers_judicial, p.id as proceeding_id, p.type,
            p.judgment_date::text as judgment_date, p.publication_date::text as publication_date, p.court, p.mandataire_name, p.mandataire_address
       from collection_case c
       join debtor d on d.id = c.debtor_id
       join creditor cr on cr.id = c.creditor_id
       join registry_proceeding p on p.siren = d.siren
      where d.siren = ? and c.status <> 'closed' and p.judgment_date <= ?::date and p.publication_date is not null
        and not exists (select 1 from claim_declaration x where x.case_id = c.id)
      order by c.id, p.judgment_date desc`,
    [siren, today],
  );
}

/** What the declaration lists as pièces: the invoices and contract on file (else the invoices to attach), the décompte, the special power. */
async function declarationPieces(exec: SqlExec, caseId: string, claimRefs: readonly string[], byAgency: boolean, asOf: string): Promise<LegalPiece[]> {
  const uploads = await uploadedPieces(exec, caseId);
  const titles =
    uploads.length > 0
      ? uploads.map((upload) => `${PIECE_KIND_WORDS[upload.pieceKind ?? 'other']} : ${upload.title}`)
      : claimRefs.map((ref) => `Facture ${ref} (copie jointe)`);
  titles.push(`Décompte de la créance arrêté au ${frenchDate(asOf)}`);
  if (byAgency) titles.push('Pouvoir spécial du créancier à son mandataire (attestation de mandat)');
  return titles.map((title, index) => ({ number: index + 1, title }));
}

/** Creates the declaration, its PDF and the notices for one case; false when another run made it first. */
async function declareOne(ctx: { em: EntityManager; clock: Clock }, opening: Opening): Promise<boolean> {
  const exec = emExec(ctx.em);
  const dueOn = claimDeclarationDeadline(opening.publication_date);
  const facts = await loadCaseFilingFacts(ctx, exec, opening.case_id, 'Le service contentieux', opening.judgment_date);
  const { common } = facts;
  const [created] = await exec<{ id: string }>(
    `insert into claim_declaration (case_id, creditor_id, proceeding_id, due_on, amount_cents, currency, created_at)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (case_id, proceeding_id) do nothing returning id`,
    [opening.case_id, opening.creditor_id, opening.proceeding_id, dueOn, common.statement.totals.balanceCents, common.statement.currency, ctx.clock.now()],
  );
  if (!created) return false;
  const label = proceedingLabels[opening.type];
  const mandataire = opening.mandataire_name ? { name: opening.mandataire_name, address: opening.mandataire_address } : null;
  const content = await renderClaimDeclarationPdf({
    ...common,
    proceeding: { label, judgmentDate: opening.judgment_date, publicationDate: opening.publication_date, court: opening.court },
    mandataire,
    dueOn,
    byAgency: opening.covers_judicial,
    pieces: await declarationPieces(exec, opening.case_id, common.claims.map((claim) => claim.ref), opening.covers_judicial, opening.judgment_date),
  });
  const document = await storeCaseDocument(exec, {
    caseId: opening.case_id,
    creditorId: opening.creditor_id,
    kind: 'legal_filing',
    title: `Déclaration de créance (${label})`,
    fileName: `declaration-de-creance-${common.caseReference}.pdf`,
    contentType: 'application/pdf',
    content,
  });
  await exec('update claim_declaration set document_id = ? where id = ?', [document.id, created.id]);
  await recordOpening(exec, ctx.clock, opening, { label, dueOn, declarationId: created.id, amountCents: common.statement.totals.balanceCents });
  return true;
}

/** The timeline entry, the creditor's webhook and the managers' notice of a proceeding that stopped collection. */
async function recordOpening(exec: SqlExec, clock: Clock, opening: Opening, made: { label: string; dueOn: string; declarationId: string; amountCents: number }): Promise<void> {
  const text = `Procédure collective de la société débitrice (${made.label}, jugement du ${frenchDate(opening.judgment_date)}) : poursuites individuelles arrêtées (C. com. L622-21), créance à déclarer au mandataire judiciaire avant le ${frenchDate(made.dueOn)}.`;
  await addEntry(exec, clock, {
    caseId: opening.case_id,
    kind: 'legal',
    text,
    event: {
      code: 'insolvency_recorded',
      params: { proceeding: { fr: made.label, en: englishProceeding[opening.type] }, judgmentOn: opening.judgment_date, deadlineOn: made.dueOn },
    },
  });
  await emitCreditorEventWith(exec, {
    creditorId: opening.creditor_id,
    type: 'debtor.insolvency_opened',
    occurredAt: clock.now(),
    data: {
      caseId: opening.case_id,
      proceeding: { type: opening.type, judgmentDate: opening.judgment_date, publicationDate: opening.publication_date, court: opening.court },
      mandataire: opening.mandataire_name ? { name: opening.mandataire_name, address: opening.mandataire_address } : null,
      claimDeclaration: { id: made.declarationId, dueOn: made.dueOn, amountCents: made.amountCents },
    },
  });
  await notifyManagersFrom(exec, clock, `select 'registry_insolvency' as kind, ?::text as text, ?::uuid as creditor_id, ?::uuid as case_id, ?::text as dedupe_key`, [
    text,
    opening.creditor_id,
    opening.case_id,
    `registry_insolvency:${opening.case_id}`,
  ]);
}

const englishProceeding: Record<ProceedingType, string> = { sauvegarde: 'safeguard', redressement: 'reorganisation', liquidation: 'liquidation' };

/**
 * After a lookup of `siren`: every open case of that company gets its declaration when proceedings
 * are in force and published; a ceased company without proceedings is told to the managers (once
 * per case). Each case in its own transaction (a PDF that fails for one case holds up no other).
 */
export async function applyRegistryToCases(ctx: { em: EntityManager; clock: Clock }, siren: string, today: string): Promise<{ declared: number; ceased: number }> {
  let declared = 0;
  for (const opening of await openingsOf(emExec(ctx.em), siren, today)) {
    if (await ctx.em.transactional(async (em) => await declareOne({ em, clock: ctx.clock }, opening))) declared += 1;
  }
  const ceased = await notifyManagersFrom(
    emExec(ctx.em),
    ctx.clock,
    `select 'registry_company_ceased' as kind,
            'Société débitrice ' || rc.name || ' (SIREN ' || rc.siren || ') cessée ou radiée selon le registre, sans procédure collective connue : dossier ' || c.reference || ' à examiner.' as text,
            c.creditor_id, c.id as case_id, 'registry_ceased:' || c.id as dedupe_key
       from registry_company rc join debtor d on d.siren = rc.siren join collection_case c on c.debtor_id = d.id
      where rc.siren = ? and rc.status = 'ceased' and c.status <> 'closed'
        and not exists (select 1 from registry_proceeding p where p.siren = rc.siren and p.judgment_date <= ?::date)`,
    [siren, today],
  );
  return { declared, ceased };
}
