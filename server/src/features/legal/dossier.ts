import { createHash } from 'node:crypto';
import type { LegalDocumentDto, LegalDossierSentDto } from '@relance/contracts/legal-actions';
import { zipSync } from 'fflate';
import { requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { Mailer } from '../../plugins/mailer.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { agencyMailFromName } from '../agency/brand.ts';
import { recordAudit, recordCaseRead } from '../audit/service.ts';
import { assertGate, staffOrigin } from '../cases/legal-gate.ts';
import { addEntry } from '../cases/timeline.ts';
import { titleDescription } from './documents.ts';
import { type ActionFacts, loadActionFacts, loadFilingFacts } from './filing-data.ts';
import { legalKindLabel } from './labels.ts';

// Reading a legal action's documents (the list, one file), the ZIP "dossier de dépôt" (the requête
// or request letter or hand-over, the bordereau and the numbered pièces; for a commissaire de
// justice a JSON manifest too) and sending that dossier by e-mail to a commissaire who accepts it.

type Row = {
  role: LegalDocumentDto['role'];
  number: number | null;
  title: string;
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  created_at: Date;
};

const ROLE_ORDER = `array['requete', 'request_letter', 'handover', 'bordereau', 'piece', 'act']`;

/** The action's documents: its own (requête, bordereau, pièces) and the acts recorded with its events. */
async function documentRows(exec: SqlExec, actionId: string, withContent = false): Promise<(Row & { content?: Buffer })[]> {
  const columns = `d.id, d.file_name, d.content_type, d.size_bytes, d.sha256, d.created_at${withContent ? ', d.content' : ''}`;
  return await exec<Row & { content?: Buffer }>(
    `select * from (
       select l.role, l.number, l.title, ${columns} from legal_action_document l join case_document d on d.id = l.document_id where l.legal_action_id = ?
       union all
       select 'act', null, d.title, ${columns} from case_document d
        where (d.legal_action_id = ? or d.id in (select document_id from legal_action_event where legal_action_id = ? and document_id is not null))
          and d.id not in (select document_id from legal_action_document where legal_action_id = ?)
     ) docs
     order by array_position(${ROLE_ORDER}, role), number nulls last, created_at, id`,
    [actionId, actionId, actionId, actionId],
  );
}

const toDto = (actionId: string, row: Row): LegalDocumentDto => ({
  id: row.id,
  role: row.role,
  number: row.number,
  title: row.title,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256.trim(),
  createdAt: new Date(row.created_at).toISOString(),
  downloadUrl: `/api/v1/legal-actions/${actionId}/documents/${row.id}/download`,
});

/** GET legal-actions/{id}/documents: a creditor sees its own actions' only (another's id: 404). */
export async function listLegalDocuments(ctx: ActorContext, id: string): Promise<{ items: LegalDocumentDto[] }> {
  await requireAccess(ctx, 'legal_action', id);
  return { items: (await documentRows(emExec(ctx.em), id)).map((row) => toDto(id, row)) };
}

export async function legalDocumentContent(ctx: ActorContext, id: string, documentId: string) {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const row = (await documentRows(exec, id, true)).find((candidate) => candidate.id === documentId);
  if (!row?.content) throw new AppError('not_found', 404);
  const action = await loadActionFacts(exec, id);
  await recordCaseRead(ctx, { action: 'document_downloaded', caseId: action.caseId, creditorId: action.creditorId, entity: 'document', entityId: documentId });
  return { fileName: row.file_name, contentType: row.content_type, sha256: row.sha256.trim(), content: row.content };
}

// ---------------------------------------------------------------------------------------------
// The ZIP

/** A file name a court's or a commissaire's system accepts: no path separators or control characters, at most 120 characters. */
function safeName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/\s+/g, ' ').trim().slice(0, 120);
}

const extensionOf = (fileName: string): string => (/\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1] ?? 'pdf').toLowerCase();

const zipNameOf = (row: Row): string =>
  row.role === 'piece' && row.number !== null
    ? `${String(row.number).padStart(2, '0')} - ${safeName(row.title)}.${extensionOf(row.file_name)}`
    : row.role === 'act'
      ? `Actes/${safeName(row.title)}.${extensionOf(row.file_name)}`
      : `${safeName(row.title)}.${extensionOf(row.file_name)}`;

export type Dossier = { fileName: string; content: Buffer; sha256: string; action: ActionFacts; caseReference: string };

/**
 * The dossier de dépôt as a ZIP: the requête (or request letter, or hand-over summary), the bordereau
 * and the pièces named "01 - Facture ….pdf" in the bordereau's order; for a commissaire de justice
 * (petites créances, enforcement) a manifest.json with the parties, claims, décompte as of today,
 * title, contacts, payments and pièces with their SHA-256.
 */
export async function buildDossier(ctx: ActorContext, id: string): Promise<Dossier> {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const action = await loadActionFacts(exec, id);
  const rows = await documentRows(exec, id, true);
  if (!rows.some((row) => row.role !== 'piece' && row.role !== 'act')) throw new AppError('legal_documents_not_ready', 409, { stage: action.stage });
  const files: Record<string, Uint8Array> = {};
  const named = rows.map((row) => ({ row, name: zipNameOf(row) }));
  for (const { row, name } of named) files[name] = new Uint8Array(row.content ?? Buffer.alloc(0));
  const facts = await loadFilingFacts(ctx, exec, action, ctx.actor.name);
  if (action.kind !== 'injonction_de_payer') {
    const manifest = {
      format: 'relance-legal-dossier/1',
      generatedAt: ctx.clock.now().toISOString(),
      kind: action.kind,
      caseReference: facts.common.caseReference,
      parties: { creditor: facts.common.creditor, agency: facts.common.agency, debtor: facts.common.debtor },
      claims: facts.common.claims,
      decompte: facts.common.statement,
      title: action.kind === 'commissaire_enforcement' ? { description: titleDescription(action), on: action.titleOn } : null,
      commissaire: action.commissaire,
      contacts: facts.contacts,
      payments: facts.payments,
      documents: named.map(({ row, name }) => ({ role: row.role, number: row.number, title: row.title, file: name, sha256: row.sha256.trim(), sizeBytes: Number(row.size_bytes) })),
    };
    files['manifest.json'] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  }
  const content = Buffer.from(zipSync(files, { level: 6, mtime: ctx.clock.now() }));
  const caseReference = facts.common.caseReference;
  await recordCaseRead(ctx, { action: 'document_downloaded', caseId: action.caseId, creditorId: action.creditorId, entity: 'legal_action', entityId: id, details: { dossier: true } });
  return { fileName: `dossier-${safeName(caseReference)}.zip`, content, sha256: createHash('sha256').update(content).digest('hex'), action, caseReference };
}

/**
 * POST legal-actions/{id}/send-to-commissaire: the dossier by e-mail to the action's commissaire
 * de justice, where the commissaire accepts e-mail (409 otherwise); the legal gate is asked first (a
 * dispute opened or a mandate revoked since the approvals stops it). Audit and timeline entry.
 */
export async function sendDossierToCommissaire(ctx: ActorContext, mailer: Mailer, id: string): Promise<LegalDossierSentDto> {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const facts = await loadActionFacts(exec, id);
  const commissaire = facts.commissaire;
  if (!commissaire?.acceptsEmail || !commissaire.email) throw new AppError('legal_commissaire_no_email', 409, { commissaire: commissaire?.name ?? null });
  await assertGate(ctx, facts.caseId, { action: { kind: 'legal_action' }, origin: staffOrigin(ctx.actor), actorId: ctx.actor.userId });
  const dossier = await buildDossier(ctx, id);
  const label = legalKindLabel(facts.kind);
  const sent = await mailer.send({
    fromName: await agencyMailFromName(exec),
    to: commissaire.email,
    subject: `${label} : dossier ${dossier.caseReference}`,
    text: [
      `Maître ${commissaire.name},`,
      '',
      `Veuillez trouver ci-joint le dossier ${dossier.caseReference} (${label.toLowerCase()}) : les documents, les pièces numérotées et le manifeste (manifest.json) qui les décrit avec leur empreinte SHA-256.`,
      `Empreinte SHA-256 de l’archive : ${dossier.sha256}`,
      '',
      'Nous restons à votre disposition.',
    ].join('\n'),
    attachments: [{ filename: dossier.fileName, content: dossier.content, contentType: 'application/zip' }],
  });
  const now = ctx.clock.now();
  await addEntry(exec, ctx.clock, { caseId: facts.caseId, kind: 'legal', authorId: ctx.actor.userId, text: `${label} : dossier transmis par e-mail à ${commissaire.name} (${commissaire.email}).`, event: { code: 'legal_dossier_sent', params: { legalKind: facts.kind, commissaire: commissaire.name, email: commissaire.email } } });
  await recordAudit(exec, {
    actorId: ctx.actor.userId,
    at: now,
    action: 'legal_dossier_sent',
    entity: 'legal_action',
    entityId: id,
    caseId: facts.caseId,
    creditorId: facts.creditorId,
    details: { to: commissaire.email, fileName: dossier.fileName, sha256: dossier.sha256, sizeBytes: dossier.content.length, delivery: sent.delivery },
  });
  return { sentTo: commissaire.email, fileName: dossier.fileName, sizeBytes: dossier.content.length, sha256: dossier.sha256, delivery: sent.delivery, sentAt: now.toISOString() };
}
