import { frenchDate, parisDateTime } from '@relance/domain/calendar';
import {
  renderBordereauPdf,
  renderDecomptePdf,
  renderHandoverPdf,
  renderMandateAttestationPdf,
  renderPetitesCreancesPdf,
  renderPresentationProofPdf,
  renderRequetePdf,
} from '@relance/templates/legal-documents';
import type { LegalPiece } from '@relance/templates/legal-model';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { addEntry } from '../cases/timeline.ts';
import { storeCaseDocument } from '../documents/service.ts';
import {
  type ActionFacts,
  commissaireOf,
  courtOf,
  type FilingFacts,
  loadActionFacts,
  loadFilingFacts,
  miseEnDemeureSource,
  PIECE_KIND_WORDS,
  uploadedPieces,
} from './filing-data.ts';
import { legalKindLabel } from './labels.ts';

// The documents of a legal action, prepared once when both parties approved it (approvals.ts):
// the requête en injonction de payer and its bordereau, or the petites créances request letter to
// the commissaire de justice, or the hand-over summary of an enforcement; and the pièces the
// bordereau numbers, in this order: the invoices and contract (the case's uploads marked as pièces,
// and the creditor's uploads), the mise en demeure and the proof of its presentation, the décompte
// as of the day, the attestation of the creditor's mandate. Generated files are case documents of
// kind 'legal_filing' tied to the action; legal_action_document says what each is for.

export type LegalDocumentRole = 'requete' | 'bordereau' | 'request_letter' | 'handover' | 'piece';

/** A pièce: a file already on the case, or one generated for the filing. */
type PieceSource = { title: string; description?: string } & ({ documentId: string } | { fileName: string; content: Buffer });
type PlannedPiece = PieceSource & { number: number };

type GeneratedDocument = { role: Exclude<LegalDocumentRole, 'piece'>; title: string; fileName: string; content: Buffer };

/** Prepares the action's filing documents once it is ready (idempotent: a second call finds them and does nothing). */
export async function prepareFilingDocuments(ctx: ActorContext, legalActionId: string): Promise<void> {
  const exec = emExec(ctx.em);
  if (await hasFilingDocuments(exec, legalActionId)) return;
  const action = await loadActionFacts(exec, legalActionId);
  const signatory = ctx.actor.role === 'creditor' ? 'Le service contentieux' : ctx.actor.name;
  const facts = await loadFilingFacts(ctx, exec, action, signatory);
  const pieces = await planPieces(exec, action, facts);
  const generated = await mainDocuments(action, facts, pieces);
  await ctx.em.transactional(async (em) => {
    const tx = emExec(em);
    if (await hasFilingDocuments(tx, legalActionId)) return;
    for (const piece of pieces) {
      const documentId = 'documentId' in piece ? piece.documentId : await storeGenerated(ctx, tx, action, piece.title, piece.fileName, piece.content);
      await linkDocument(tx, action, documentId, 'piece', piece.number, piece.title);
    }
    for (const document of generated) {
      await linkDocument(tx, action, await storeGenerated(ctx, tx, action, document.title, document.fileName, document.content), document.role, null, document.title);
    }
    const now = ctx.clock.now();
    await addEntry(tx, ctx.clock, {
      caseId: action.caseId,
      kind: 'legal',
      authorId: ctx.actor.userId,
      text: `${legalKindLabel(action.kind)} : documents préparés (${generated.map((document) => document.title).join(', ')}, ${pieces.length} pièce${pieces.length > 1 ? 's' : ''}).`,
      event: { code: 'legal_documents_prepared', params: { legalKind: action.kind, titles: generated.map((document) => document.title).join(', '), pieces: pieces.length } },
    });
    await recordAudit(tx, {
      actorId: ctx.actor.userId,
      at: now,
      action: 'legal_documents_prepared',
      entity: 'legal_action',
      entityId: action.id,
      caseId: action.caseId,
      creditorId: action.creditorId,
      details: { documents: generated.map((document) => document.role), pieces: pieces.length, asOf: facts.common.statement.asOf, balanceCents: facts.common.statement.totals.balanceCents },
    });
  });
}

async function hasFilingDocuments(exec: SqlExec, legalActionId: string): Promise<boolean> {
  const [row] = await exec<{ found: boolean }>(`select exists (select 1 from legal_action_document where legal_action_id = ? and role <> 'piece') as found`, [legalActionId]);
  return row?.found === true;
}

async function storeGenerated(ctx: ActorContext, exec: SqlExec, action: ActionFacts, title: string, fileName: string, content: Buffer): Promise<string> {
  const stored = await storeCaseDocument(exec, {
    caseId: action.caseId,
    creditorId: action.creditorId,
    kind: 'legal_filing',
    title,
    fileName,
    contentType: 'application/pdf',
    content,
    createdBy: ctx.actor.userId,
    legalActionId: action.id,
  });
  return stored.id;
}

async function linkDocument(exec: SqlExec, action: ActionFacts, documentId: string, role: LegalDocumentRole, number: number | null, title: string): Promise<void> {
  await exec('insert into legal_action_document (legal_action_id, document_id, creditor_id, role, number, title) values (?, ?, ?, ?, ?, ?)', [
    action.id,
    documentId,
    action.creditorId,
    role,
    number,
    title,
  ]);
}

/** A title that starts with what the pièce is ("Facture FAC-12"), without saying it twice. */
function pieceTitle(word: string, title: string): string {
  return title.toLowerCase().startsWith(word.toLowerCase()) ? title : `${word} ${title}`;
}

/** The pièces in the order of the bordereau, numbered from 1. */
async function planPieces(exec: SqlExec, action: ActionFacts, facts: FilingFacts): Promise<PlannedPiece[]> {
  const { common } = facts;
  const planned: PieceSource[] = (await uploadedPieces(exec, action.caseId)).map((upload) => ({
    title: pieceTitle(PIECE_KIND_WORDS[upload.pieceKind ?? 'other'], upload.title),
    documentId: upload.documentId,
  }));
  const med = await miseEnDemeureSource(exec, action.caseId);
  if (med) {
    planned.push({ title: 'Mise en demeure', description: `${med.title}${med.sentOn ? `, envoyée le ${frenchDate(med.sentOn)}` : ''}`, documentId: med.documentId });
    if (med.events.length > 0) {
      const content = await renderPresentationProofPdf({
        ...common,
        letterReference: med.letterReference,
        sentOn: med.sentOn,
        events: med.events.map((event) => ({ label: event.label, at: parisDateTime(event.at), provider: event.provider, providerEventId: event.providerEventId })),
      });
      const first = med.events[0];
      planned.push({
        title: 'Preuve de présentation de la mise en demeure',
        ...(first ? { description: `${first.label.toLowerCase()} le ${parisDateTime(first.at)} (prestataire postal)` } : {}),
        fileName: `preuve-presentation-${common.caseReference}.pdf`,
        content,
      });
    }
  }
  planned.push({
    title: 'Décompte de la créance',
    description: `arrêté au ${frenchDate(common.statement.asOf)}`,
    fileName: `decompte-${common.caseReference}-${common.statement.asOf}.pdf`,
    content: await renderDecomptePdf(common),
  });
  planned.push({
    title: 'Attestation de mandat',
    description: `mandat n° ${common.creditor.mandate.reference} du ${frenchDate(common.creditor.mandate.signedOn)}`,
    fileName: `mandat-${common.caseReference}.pdf`,
    content: await renderMandateAttestationPdf(common),
  });
  return planned.map((piece, index) => ({ ...piece, number: index + 1 }));
}

const listed = (pieces: readonly PlannedPiece[]): LegalPiece[] =>
  pieces.map((piece) => ({ number: piece.number, title: piece.title, ...(piece.description ? { description: piece.description } : {}) }));

/** The requête and bordereau, the request letter or the hand-over summary, by the action's kind. */
async function mainDocuments(action: ActionFacts, facts: FilingFacts, pieces: readonly PlannedPiece[]): Promise<GeneratedDocument[]> {
  const { common } = facts;
  const ref = common.caseReference;
  switch (action.kind) {
    case 'injonction_de_payer': {
      if (!action.court) throw new AppError('legal_court_required', 409);
      const court = courtOf(action.court);
      return [
        { role: 'requete', title: 'Requête en injonction de payer', fileName: `requete-injonction-de-payer-${ref}.pdf`, content: await renderRequetePdf({ ...common, court, pieces: listed(pieces) }) },
        {
          role: 'bordereau',
          title: 'Bordereau de pièces',
          fileName: `bordereau-${ref}.pdf`,
          content: await renderBordereauPdf({ ...common, accompanies: 'Requête en injonction de payer', recipient: court.name, pieces: listed(pieces) }),
        },
      ];
    }
    case 'petites_creances': {
      const commissaire = commissaireOf(action.commissaire);
      if (!commissaire) throw new AppError('legal_commissaire_required', 409);
      return [
        {
          role: 'request_letter',
          title: 'Demande de procédure simplifiée (petites créances)',
          fileName: `demande-petites-creances-${ref}.pdf`,
          content: await renderPetitesCreancesPdf({ ...common, commissaire, pieces: listed(pieces) }),
        },
      ];
    }
    case 'commissaire_enforcement':
      return [
        {
          role: 'handover',
          title: 'Transmission au commissaire de justice',
          fileName: `transmission-commissaire-${ref}.pdf`,
          content: await renderHandoverPdf({
            ...common,
            commissaire: commissaireOf(action.commissaire),
            title: { description: titleDescription(action), on: action.titleOn },
            contacts: facts.contacts,
            payments: facts.payments,
            pieces: listed(pieces),
          }),
        },
      ];
  }
}

/** What the enforceable title is, in words (CPCE L111-3). */
export function titleDescription(action: Pick<ActionFacts, 'titleSource' | 'titleKind'>): string {
  if (action.titleSource === 'legal_action') {
    return action.titleKind === 'petites_creances'
      ? 'Titre exécutoire délivré par le commissaire de justice sur l’accord du débiteur (CPCE L125-1, R125-7)'
      : 'Ordonnance portant injonction de payer revêtue de la formule exécutoire (CPC 1422)';
  }
  return 'Titre exécutoire détenu par le créancier (pièce jointe)';
}
