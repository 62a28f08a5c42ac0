import type { Statement as StatementDto } from '@relance/contracts/statements';
import { addDays } from '@relance/domain/dates';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import type { Statement } from '@relance/domain/statement';
// The server reaches the templates package by path (it is not a declared dependency of
// @relance/server yet; no install from here): Node resolves the templates' own dependencies
// from templates/node_modules, where the files live.
import { checkLetterCompliance } from '@relance/templates/compliance';
import type { LetterLogo, LetterProps } from '@relance/templates/letter-model';
import { renderLetterPdf } from '@relance/templates/render';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { storeCaseDocument } from '../documents/service.ts';
import { createPortalLink } from '../portal/service.ts';
import { statementForCaseId } from './service.ts';

// The branded plan agreement letter (issue 5: "Once agreed: a branded plan agreement (PDF from
// templates/, with the R124-4 mentions) is stored on the case"). Rendered when a plan becomes
// agreed, in the transaction that agrees it, and kept as a case document the debtor sees on
// their page before accepting. CPCE R124-7: a letter missing an R124-4 mention is never produced;
// the compliance problems are written on the timeline instead and the plan stays agreed.

/** CPCE R124-4 1°: the statement that the agency carries out amicable collection. */
const AMICABLE_COLLECTION_STATEMENT = {
  fr: 'Société exerçant une activité de recouvrement amiable de créances pour le compte de tiers.',
  en: 'A company carrying out amicable debt collection on behalf of others.',
} as const;

type Row = {
  case_id: string;
  creditor_id: string;
  reference: string;
  debtor_kind: 'company' | 'person';
  debtor_name: string;
  legal_name: string;
  creditor_line1: string;
  creditor_line2: string | null;
  creditor_postal: string;
  creditor_city: string;
  siren: string | null;
  brand_display_name: string;
  brand_primary_color: string;
  brand_logo: Buffer | null;
  brand_logo_content_type: string | null;
  brand_sender_name: string | null;
  brand_signature: string | null;
  brand_footer: string | null;
  address_line1: string | null;
  address_postal: string | null;
  address_city: string | null;
  agency_name: string | null;
  agency_line1: string | null;
  agency_line2: string | null;
  agency_postal: string | null;
  agency_city: string | null;
  agency_iban: string | null;
  agency_bic: string | null;
};

function toDomainStatement(dto: StatementDto): Statement {
  return {
    asOf: dto.asOf,
    currency: dto.currency,
    lines: dto.lines as Statement['lines'],
    totals: dto.totals,
    balances: { principal: dto.balances.principalCents, interest: dto.balances.interestCents, indemnity: dto.balances.indemnityCents },
    warnings: dto.warnings as Statement['warnings'],
  };
}

function logoOf(row: Row): LetterLogo | undefined {
  if (!row.brand_logo) return undefined;
  if (row.brand_logo_content_type === 'image/png') return { format: 'png', data: new Uint8Array(row.brand_logo) };
  if (row.brand_logo_content_type === 'image/jpeg') return { format: 'jpg', data: new Uint8Array(row.brand_logo) };
  return undefined; // SVG is not drawn by react-pdf: the display name stands in for it
}

/**
 * Renders the plan agreement of an agreed plan and stores it on the case (kind plan_agreement,
 * visible to the debtor). Returns the document, or null when the letter would lack an R124-4
 * mention (then the problems are on the timeline).
 */
export async function storePlanAgreementLetter(
  ctx: ServiceContext,
  exec: SqlExec,
  planId: string,
  authorId: string | null,
): Promise<{ id: string; sha256: string } | null> {
  const today = todayInParis(ctx.clock);
  const [row] = await exec<Row>(
    `select c.id as case_id, c.creditor_id, c.reference, d.kind as debtor_kind, d.display_name as debtor_name,
            cr.legal_name, cr.address_line1 as creditor_line1, cr.address_line2 as creditor_line2, cr.postal_code as creditor_postal,
            cr.city as creditor_city, cr.siren, cr.brand_display_name, cr.brand_primary_color, cr.brand_logo, cr.brand_logo_content_type,
            cr.brand_sender_name, cr.brand_signature, cr.brand_footer,
            a.line1 as address_line1, a.postal_code as address_postal, a.city as address_city,
            ag.name as agency_name, ag.address_line1 as agency_line1, ag.address_line2 as agency_line2, ag.postal_code as agency_postal,
            ag.city as agency_city, ag.client_funds_iban as agency_iban, ag.client_funds_bic as agency_bic
       from payment_plan pl
       join collection_case c on c.id = pl.case_id
       join debtor d on d.id = c.debtor_id
       join creditor cr on cr.id = c.creditor_id
       left join lateral (select line1, postal_code, city from debtor_address where debtor_id = d.id and valid order by line1 limit 1) a on true
       left join agency ag on ag.singleton
      where pl.id = ?`,
    [planId],
  );
  if (!row) throw new AppError('not_found', 404);
  const installments = await exec<{ due_on: string; amount_cents: string }>(
    'select due_on::text as due_on, amount_cents from payment_plan_installment where plan_id = ? order by index',
    [planId],
  );
  // outbound_message.reference comes with the messages feature's migration; asked first, since a
  // failed statement would abort the caller's transaction.
  const [hasReference] = await exec<{ present: boolean }>(
    `select exists (select 1 from information_schema.columns
                     where table_schema = current_schema() and table_name = 'outbound_message' and column_name = 'reference') as present`,
  );
  const [first] = hasReference?.present
    ? await exec<{ reference: string; sent_at: Date }>(
        `select reference, sent_at from outbound_message
          where case_id = ? and template = 'first_letter' and sent_at is not null and reference is not null order by sent_at, id limit 1`,
        [row.case_id],
      )
    : [];

  let statement: Statement;
  let statementComplete = true;
  try {
    statement = toDomainStatement(await statementForCaseId(ctx, row.case_id, today));
  } catch (error) {
    // A décompte that cannot be justified (a rate half-year missing) is never printed.
    if (!(error instanceof AppError) || error.statusCode !== 422) throw error;
    statementComplete = false;
    statement = {
      asOf: today,
      currency: 'EUR',
      lines: [],
      totals: { principalCents: 0, interestCents: 0, indemnityCents: 0, paidCents: 0, creditCents: 0, balanceCents: 0 },
      balances: { principal: 0, interest: 0, indemnity: 0 },
      warnings: [],
    };
  }
  const letterReference = `${row.reference}-EA-${planId.slice(0, 8).toUpperCase()}`;
  const signature = row.brand_signature?.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) ?? [];
  const logo = logoOf(row);
  const props: LetterProps<'plan'> = {
    locale: 'fr',
    letterReference,
    letterDate: today,
    deadline: installments[0]?.due_on ?? addDays(today, 15),
    agency: {
      name: row.agency_name ?? '',
      addressLines: row.agency_name ? [row.agency_line1 ?? '', row.agency_line2 ?? '', `${row.agency_postal ?? ''} ${row.agency_city ?? ''}`.trim()].filter(Boolean) : [],
      amicableCollectionStatement: AMICABLE_COLLECTION_STATEMENT,
      clientFundsIban: row.agency_iban ?? '',
      bic: row.agency_bic ?? '',
    },
    creditor: {
      legalName: row.legal_name,
      addressLines: [row.creditor_line1, row.creditor_line2 ?? '', `${row.creditor_postal} ${row.creditor_city}`].filter(Boolean),
      brand: { displayName: row.brand_display_name, primaryColor: row.brand_primary_color, ...(logo ? { logo } : {}) },
      signatureLines: signature.length > 0 ? signature : [`Le service recouvrement de ${row.brand_display_name}`],
      footer: row.brand_footer?.trim() || `${row.legal_name}${row.siren ? ` · SIREN ${row.siren}` : ''}`,
      senderName: row.brand_sender_name?.trim() || row.brand_display_name,
    },
    debtor: {
      kind: row.debtor_kind,
      name: row.debtor_name,
      addressLines: row.address_line1 ? [row.address_line1, `${row.address_postal ?? ''} ${row.address_city ?? ''}`.trim()] : [],
    },
    // Replaced by the debtor's own link once the letter passes the compliance check.
    case: { reference: row.reference, creditorReference: creditorReferenceFor(row.reference), portalUrl: `${ctx.config.publicUrl}/pay/pending` },
    statement,
    statementComplete,
    // R124-4, last paragraph: the first letter's reference and date; when no letter went out
    // before, this agreement is the first letter to the debtor and names itself.
    firstLetter: first ? { reference: first.reference, date: todayInParis({ now: () => new Date(first.sent_at) }) } : { reference: letterReference, date: today },
    plan: {
      agreedOn: today,
      method: 'transfer',
      installments: installments.map((installment) => ({ dueDate: installment.due_on, amountCents: Number(installment.amount_cents) })),
    },
  };
  const compliance = checkLetterCompliance('plan', props);
  if (!compliance.ok) {
    await exec(`insert into activity (case_id, kind, author_id, text, occurred_at) values (?, 'document', ?, ?, ?)`, [
      row.case_id,
      authorId,
      `Lettre d'accord d'échéancier non produite (CPCE R124-7) : ${compliance.problems.map((problem) => problem.message.fr).join(' ')}`,
      ctx.clock.now(),
    ]);
    return null;
  }
  // The QR code and link lead to the debtor's own page, where they accept the plan (a fresh link,
  // like the one an agent sends; only its hash is kept).
  const portal = await createPortalLink(ctx, row.case_id, authorId);
  const content = await renderLetterPdf('plan', { ...props, case: { ...props.case, portalUrl: portal.url } });
  const stored = await storeCaseDocument(exec, {
    caseId: row.case_id,
    creditorId: row.creditor_id,
    kind: 'plan_agreement',
    title: `Accord d'échéancier ${letterReference}`,
    fileName: `accord-echeancier-${row.reference}.pdf`,
    contentType: 'application/pdf',
    content,
    visibleToDebtor: true,
    createdBy: authorId,
  });
  await exec(`insert into activity (case_id, kind, author_id, text, occurred_at) values (?, 'document', ?, ?, ?)`, [
    row.case_id,
    authorId,
    `Lettre d'accord d'échéancier ${letterReference} enregistrée sur le dossier (visible par le débiteur).`,
    ctx.clock.now(),
  ]);
  return stored;
}
