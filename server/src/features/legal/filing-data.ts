import type { PieceKind } from '@relance/contracts/documents';
import type { CommissaireRefDto, CourtRef } from '@relance/contracts/legal-actions';
import type { LegalActionKind } from '@relance/domain/legal-procedure';
import type { StatementLine } from '@relance/domain/statement';
import { PAYMENT_METHODS } from '@relance/templates/format';
import type {
  LegalAgency,
  LegalClaim,
  LegalCommissaire,
  LegalContact,
  LegalCourt,
  LegalCreditor,
  LegalDebtor,
  LegalDocumentCommon,
  LegalPayment,
  LegalStatement,
} from '@relance/templates/legal-model';
import { todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { debtorPrincipalStatement, debtorStatementForCaseId, type ReadContext } from '../cases/statement.ts';

// What the documents of a legal action are made of, read from the rows (documents.ts renders and
// stores them): the action, the parties (the agency as the creditor's mandataire), the décompte as
// of the day (the debtor's: prescribed claims are never claimed), the claims, every contact and
// payment known, and the sources of the pièces (the case's uploads, the mise en demeure and its
// postal proof).

export type ActionFacts = {
  id: string;
  caseId: string;
  creditorId: string;
  kind: LegalActionKind;
  stage: string;
  claimRefs: string[];
  court: CourtRef | null;
  commissaire: CommissaireRefDto | null;
  titleOn: string | null;
  titleSource: string | null;
  /** The kind of the earlier action whose title this one enforces. */
  titleKind: LegalActionKind | null;
};

export async function loadActionFacts(exec: SqlExec, id: string): Promise<ActionFacts> {
  const [row] = await exec<{
    id: string;
    case_id: string;
    creditor_id: string;
    kind: LegalActionKind;
    stage: string;
    claim_refs: string[];
    court: CourtRef | null;
    commissaire: CommissaireRefDto | null;
    title_on: string | null;
    title_source: string | null;
    title_kind: LegalActionKind | null;
  }>(
    `select la.id, la.case_id, la.creditor_id, la.kind, la.stage, la.claim_refs, la.court, la.commissaire, la.title_on::text as title_on, la.title_source,
            t.kind as title_kind
       from legal_action la left join legal_action t on t.id = la.title_legal_action_id where la.id = ?`,
    [id],
  );
  if (!row) throw new AppError('not_found', 404);
  return {
    id: row.id,
    caseId: row.case_id,
    creditorId: row.creditor_id,
    kind: row.kind,
    stage: row.stage,
    claimRefs: row.claim_refs,
    court: row.court,
    commissaire: row.commissaire,
    titleOn: row.title_on,
    titleSource: row.title_source,
    titleKind: row.title_kind,
  };
}

export const courtOf = (court: CourtRef): LegalCourt => ({ kind: court.kind, name: court.name, addressLines: [court.addressLine1, `${court.postalCode} ${court.city}`] });

export const commissaireOf = (commissaire: CommissaireRefDto | null): LegalCommissaire | null =>
  commissaire
    ? { etude: commissaire.etude, name: commissaire.name, addressLines: [commissaire.addressLine1, `${commissaire.postalCode} ${commissaire.city}`], email: commissaire.email }
    : null;

type PartyRow = {
  case_reference: string;
  agency_name: string;
  agency_siren: string;
  agency_line1: string;
  agency_postal_code: string;
  agency_city: string;
  agency_phone: string | null;
  agency_email: string | null;
  legal_name: string;
  creditor_kind: 'company' | 'private_individual';
  creditor_siren: string | null;
  creditor_line1: string;
  creditor_line2: string | null;
  creditor_postal_code: string;
  creditor_city: string;
  mandate_reference: string;
  mandate_signed_on: string;
  mandate_valid_until: string | null;
  mandate_covers_judicial: boolean;
  debtor_id: string;
  debtor_kind: 'company' | 'person';
  debtor_name: string;
  debtor_siren: string | null;
};

async function loadParties(exec: SqlExec, caseId: string): Promise<PartyRow> {
  const [row] = await exec<PartyRow>(
    `select c.reference as case_reference,
            a.name as agency_name, a.siren as agency_siren, a.address_line1 as agency_line1, a.postal_code as agency_postal_code, a.city as agency_city,
            a.phone as agency_phone, a.email as agency_email,
            cr.legal_name, cr.kind as creditor_kind, cr.siren as creditor_siren, cr.address_line1 as creditor_line1, cr.address_line2 as creditor_line2,
            cr.postal_code as creditor_postal_code, cr.city as creditor_city, cr.mandate_reference, cr.mandate_signed_on::text as mandate_signed_on,
            cr.mandate_valid_until::text as mandate_valid_until, cr.mandate_covers_judicial,
            d.id as debtor_id, d.kind as debtor_kind, d.display_name as debtor_name, d.siren as debtor_siren
       from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id
       cross join (select * from agency order by created_at limit 1) a
      where c.id = ?`,
    [caseId],
  );
  if (!row) throw new AppError('not_found', 404);
  return row;
}

function partiesOf(row: PartyRow, debtorAddress: readonly string[]): { agency: LegalAgency; creditor: LegalCreditor; debtor: LegalDebtor } {
  return {
    agency: {
      name: row.agency_name,
      siren: row.agency_siren.trim(),
      addressLines: [row.agency_line1, `${row.agency_postal_code} ${row.agency_city}`],
      phone: row.agency_phone ?? '',
      email: row.agency_email ?? '',
    },
    creditor: {
      legalName: row.legal_name,
      kind: row.creditor_kind,
      siren: row.creditor_siren?.trim() ?? null,
      addressLines: [row.creditor_line1, ...(row.creditor_line2 ? [row.creditor_line2] : []), `${row.creditor_postal_code} ${row.creditor_city}`],
      mandate: { reference: row.mandate_reference, signedOn: row.mandate_signed_on, validUntil: row.mandate_valid_until, coversJudicial: row.mandate_covers_judicial },
    },
    debtor: { kind: row.debtor_kind, name: row.debtor_name, siren: row.debtor_siren?.trim() ?? null, addressLines: debtorAddress },
  };
}

const NATURE_WORDS: Record<string, string> = {
  commercial: 'Fourniture de biens ou de services entre professionnels',
  consumer: 'Fourniture de biens ou de services à un consommateur',
  residential_rent: 'Loyers et charges d’habitation',
  consumer_credit: 'Crédit à la consommation',
  telecom: 'Services de communications électroniques',
  civil: 'Créance civile',
};

/**
 * The décompte as of `asOf`, the debtor's (the prescribed claims are left out). When a rate
 * half-year is not published yet the full décompte cannot be justified: the principal one stands
 * in (never an amount the software cannot justify).
 */
async function statementAt(ctx: ReadContext, caseId: string, asOf: string, miseEnDemeureOn: string | null): Promise<LegalStatement> {
  try {
    const dto = await debtorStatementForCaseId(ctx, caseId, asOf);
    return { asOf: dto.asOf, currency: dto.currency, lines: dto.lines as StatementLine[], totals: dto.totals, miseEnDemeureOn };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'missing_rate') throw error;
    const statement = await debtorPrincipalStatement(ctx, caseId, asOf);
    return { asOf: statement.asOf, currency: statement.currency, lines: statement.lines, totals: statement.totals, miseEnDemeureOn };
  }
}

export type FilingFacts = {
  common: LegalDocumentCommon;
  contacts: LegalContact[];
  payments: LegalPayment[];
  debtorId: string;
};

/** Everything the documents of the action say, as of today in Paris. */
export async function loadFilingFacts(ctx: ReadContext, exec: SqlExec, action: ActionFacts, signatory: string): Promise<FilingFacts> {
  return await loadCaseFilingFacts(ctx, exec, action.caseId, signatory, todayInParis(ctx.clock));
}

/**
 * The same for a case and a day of the décompte (a déclaration de créance states the claim at the
 * opening judgment, C. com. L622-28: registry/declaration-document.ts). The document is dated today.
 */
export async function loadCaseFilingFacts(ctx: ReadContext, exec: SqlExec, caseId: string, signatory: string, asOf: string): Promise<FilingFacts> {
  const action = { caseId };
  const parties = await loadParties(exec, action.caseId);
  const [contacts, claims, payments, [med]] = await Promise.all([
    loadContacts(exec, parties.debtor_id),
    exec<{ invoice_ref: string; issue_date: string; due_date: string; amount_cents: string; nature: string }>(
      `select invoice_ref, issue_date::text as issue_date, due_date::text as due_date, amount_cents, nature from claim where case_id = ? order by due_date, invoice_ref`,
      [action.caseId],
    ),
    exec<{ received_on: string; amount_cents: string; method: string }>(
      'select received_on::text as received_on, amount_cents, method from payment where case_id = ? order by received_on, created_at',
      [action.caseId],
    ),
    exec<{ mise_en_demeure_on: string | null }>('select mise_en_demeure_on::text as mise_en_demeure_on from collection_case where id = ?', [action.caseId]),
  ]);
  const statement = await statementAt(ctx, action.caseId, asOf, med?.mise_en_demeure_on ?? null);
  const claimed = new Set(statement.lines.flatMap((line) => (line.kind === 'principal' ? [line.claimRef] : [])));
  const address = contacts.find((contact) => contact.kind === 'address' && contact.valid) ?? contacts.find((contact) => contact.kind === 'address');
  const legalClaims: LegalClaim[] = claims
    .filter((claim) => claimed.has(claim.invoice_ref))
    .map((claim) => ({ ref: claim.invoice_ref, issueDate: claim.issue_date, dueDate: claim.due_date, amountCents: Number(claim.amount_cents), nature: NATURE_WORDS[claim.nature] ?? 'Créance' }));
  return {
    common: {
      caseReference: parties.case_reference,
      ...partiesOf(parties, address ? address.value.split(', ') : []),
      statement,
      claims: legalClaims,
      place: parties.agency_city,
      date: todayInParis(ctx.clock),
      signatory,
    },
    contacts,
    payments: payments.map((payment) => ({
      date: payment.received_on,
      amountCents: Number(payment.amount_cents),
      method: PAYMENT_METHODS[payment.method as keyof typeof PAYMENT_METHODS]?.fr ?? payment.method,
    })),
    debtorId: parties.debtor_id,
  };
}

async function loadContacts(exec: SqlExec, debtorId: string): Promise<LegalContact[]> {
  const rows = await exec<{ kind: LegalContact['kind']; value: string; valid: boolean }>(
    `select 'address' as kind, line1 || ', ' || postal_code || ' ' || city as value, valid, 1 as rank from debtor_address where debtor_id = ?
     union all select 'email', email, valid, 2 from debtor_email where debtor_id = ?
     union all select 'phone', phone, valid, 3 from debtor_phone where debtor_id = ?
     order by rank, valid desc, value`,
    [debtorId, debtorId, debtorId],
  );
  return rows.map((row) => ({ kind: row.kind, value: row.value, valid: row.valid }));
}

// ---------------------------------------------------------------------------------------------
// The sources of the pièces

export type UploadedPiece = { documentId: string; title: string; fileName: string; pieceKind: PieceKind | null };

export const PIECE_KIND_WORDS: Record<PieceKind, string> = {
  invoice: 'Facture',
  contract: 'Contrat',
  purchase_order: 'Bon de commande',
  delivery_note: 'Bon de livraison',
  correspondence: 'Correspondance',
  title: 'Titre exécutoire',
  other: 'Pièce',
};
const PIECE_ORDER = Object.keys(PIECE_KIND_WORDS);

/** The invoices, contract and other files uploaded as pièces (a piece kind, or uploaded by the creditor), in the order of the bordereau. */
export async function uploadedPieces(exec: SqlExec, caseId: string): Promise<UploadedPiece[]> {
  const rows = await exec<{ id: string; title: string; file_name: string; piece_kind: PieceKind | null }>(
    `select d.id, d.title, d.file_name, d.piece_kind
       from case_document d left join app_user u on u.id = d.created_by
      where d.case_id = ? and d.kind = 'upload' and (d.piece_kind is not null or u.role = 'creditor')
      order by array_position(?::text[], coalesce(d.piece_kind, 'other')), d.created_at, d.id`,
    [caseId, `{${PIECE_ORDER.join(',')}}`],
  );
  return rows.map((row) => ({ documentId: row.id, title: row.title, fileName: row.file_name, pieceKind: row.piece_kind }));
}

export type MiseEnDemeureSource = {
  documentId: string;
  title: string;
  sentOn: string | null;
  letterReference: string | null;
  events: { label: string; at: Date; provider: string; providerEventId: string }[];
};

const PROOF_EVENTS: Record<string, string> = {
  'letter.presented': 'Première présentation à l’adresse du débiteur',
  'message.delivered': 'Distribution',
  'letter.acknowledged': 'Accusé de réception signé',
};

/** The mise en demeure sent (a registered letter first) with its kept PDF, and the postal provider's proofs of it. */
export async function miseEnDemeureSource(exec: SqlExec, caseId: string): Promise<MiseEnDemeureSource | null> {
  const [letter] = await exec<{ id: string; document_id: string; title: string; sent_on: string | null; provider_message_id: string | null }>(
    `select m.id, m.document_id, d.title, (m.sent_at at time zone 'Europe/Paris')::date::text as sent_on, m.provider_message_id
       from outbound_message m join case_document d on d.id = m.document_id
      where m.case_id = ? and m.template = 'mise_en_demeure' and m.status in ('sent', 'delivered') and d.kind = 'letter'
      order by (m.channel = 'registered_letter') desc, m.sent_at desc limit 1`,
    [caseId],
  );
  if (!letter) return null;
  const events = await exec<{ type: string; received_at: Date; provider: string; event_id: string }>(
    `select type, received_at, provider, event_id from message_provider_event where message_id = ? and type in ('letter.presented', 'message.delivered', 'letter.acknowledged') order by received_at`,
    [letter.id],
  );
  return {
    documentId: letter.document_id,
    title: letter.title,
    sentOn: letter.sent_on,
    letterReference: letter.title.match(/\b[A-Z]{2,}-[\w-]+$/)?.[0] ?? null,
    events: events.map((event) => ({ label: PROOF_EVENTS[event.type] ?? event.type, at: new Date(event.received_at), provider: event.provider, providerEventId: event.event_id })),
  };
}
