import type { Statement as StatementDto } from '@relance/contracts/statements';
import { addDays } from '@relance/domain/dates';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { creditorActsProfessionally } from '@relance/domain/interest';
import type { Statement } from '@relance/domain/statement';
import type { LetterCommonProps, LetterKind, LetterLogo } from '@relance/templates/letter-model';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { findAgency } from '../agency/service.ts';
import { debtorStatementForCaseId } from '../cases/statement.ts';
import { plannedStepsForCreditor } from '../creditors/planned-steps.ts';
import { letterDetails } from './letter-details.ts';
import type { MessageChannel, MessageTemplate } from './service.ts';
import { wordingInForce } from './wording.ts';

export const letterKindOf: Record<MessageTemplate, LetterKind> = {
  first_letter: 'first',
  firmer_reminder: 'reminder',
  mise_en_demeure: 'mise_en_demeure',
  plan_agreement: 'plan',
  receipt: 'receipt',
  dispute_acknowledgment: 'dispute',
};

export const templateTitles: Record<MessageTemplate, { fr: string; en: string }> = {
  first_letter: { fr: 'Relance amiable', en: 'Payment reminder' },
  firmer_reminder: { fr: 'Second rappel', en: 'Second reminder' },
  mise_en_demeure: { fr: 'Mise en demeure', en: 'Formal notice' },
  plan_agreement: { fr: 'Échéancier', en: 'Payment plan' },
  receipt: { fr: 'Quittance', en: 'Receipt' },
  dispute_acknowledgment: { fr: 'Accusé de réception de contestation', en: 'Dispute acknowledgment' },
};

/** Days given to pay, by template (policy): the formal notice gives the usual 8 days. */
const DEADLINE_DAYS: Record<MessageTemplate, number> = {
  first_letter: 15,
  firmer_reminder: 10,
  mise_en_demeure: 8,
  plan_agreement: 15,
  receipt: 15,
  dispute_acknowledgment: 15,
};

/** CPCE R124-4 1°: the statement that the agency carries out amicable collection. */
export const AMICABLE_COLLECTION_STATEMENT = {
  fr: 'Société exerçant une activité de recouvrement amiable de créances pour le compte de tiers.',
  en: 'A company carrying out amicable debt collection on behalf of others.',
} as const;

export type MessageRow = {
  id: string;
  case_id: string;
  creditor_id: string;
  debtor_id: string;
  channel: MessageChannel;
  template: MessageTemplate;
  locale: 'fr' | 'en';
  status: string;
  created_by: string | null;
};

export type Recipients = {
  email: string | null;
  phone: string | null;
  addressLines: string[] | null;
};

export type MessageContext = LetterBase & { reference: string };

type CaseRow = {
  reference: string;
  debtor_kind: 'company' | 'person';
  debtor_name: string;
  legal_name: string;
  creditor_kind: 'company' | 'private_individual';
  creditor_acts_professionally: boolean;
  creditor_line1: string;
  creditor_line2: string | null;
  creditor_postal: string;
  creditor_city: string;
  brand_display_name: string;
  brand_primary_color: string;
  brand_logo: Buffer | null;
  brand_logo_content_type: string | null;
  brand_sender_name: string | null;
  brand_reply_to: string | null;
  brand_signature: string | null;
  brand_footer: string | null;
  siren: string | null;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_postal: string | null;
  address_city: string | null;
};

function logoOf(row: CaseRow): LetterLogo | undefined {
  if (!row.brand_logo) return undefined;
  if (row.brand_logo_content_type === 'image/png') return { format: 'png', data: new Uint8Array(row.brand_logo) };
  if (row.brand_logo_content_type === 'image/jpeg') return { format: 'jpg', data: new Uint8Array(row.brand_logo) };
  return { format: 'svg', data: row.brand_logo.toString('utf8') };
}

const emptyStatement = (asOf: string): Statement => ({
  asOf,
  currency: 'EUR',
  lines: [],
  totals: { principalCents: 0, interestCents: 0, indemnityCents: 0, paidCents: 0, creditCents: 0, balanceCents: 0 },
  balances: { principal: 0, interest: 0, indemnity: 0 },
  warnings: [],
});

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

export type LetterBase = {
  props: LetterCommonProps;
  kind: LetterKind;
  caseReference: string;
  creditorLegalName: string;
  replyTo: string | null;
  recipients: Recipients;
  firstLetterId: string | null;
};

/**
 * The common props of any letter on a case, read from the case, its debtor, the creditor's brand
 * and wording, the agency's identity and R124-2 client-funds account, the décompte of today, and
 * the first R124-4 letter already sent (its reference and date are repeated on later ones). Runs
 * on the caller's SQL runner, so a letter produced inside a transaction (a plan being agreed)
 * reads that transaction's rows. The portal link is a placeholder until the compliance check
 * passes (`portalUrl` is replaced then).
 */
export async function loadLetterBase(
  ctx: ServiceContext,
  exec: SqlExec,
  input: { caseId: string; creditorId: string; locale: 'fr' | 'en'; template: MessageTemplate; reference: (caseReference: string) => string; excludeMessageId?: string | null },
): Promise<LetterBase> {
  const today = todayInParis(ctx.clock);
  const row = await loadCaseRow(exec, input);
  const agency = await findAgency(ctx);
  // Only the wording in force (approved): proposals wait in their own table (wording feature).
  const wording = (await wordingInForce(exec, input.creditorId))[input.locale];
  const plannedSteps = await plannedStepsForCreditor(exec, input.creditorId);
  const first = await loadFirstLetter(exec, input);
  const { statement, statementComplete, missingRateHalfYears } = await loadStatement(ctx, input.caseId, today);

  const kind = letterKindOf[input.template];
  const reference = input.reference(row.reference);
  const props: LetterCommonProps = {
    locale: input.locale,
    letterReference: reference,
    letterDate: today,
    deadline: addDays(today, DEADLINE_DAYS[input.template]),
    agency: agencyProps(agency),
    creditor: creditorProps(row),
    debtor: {
      kind: row.debtor_kind,
      name: row.debtor_name,
      addressLines: row.address_line1 ? [row.address_line1, `${row.address_postal ?? ''} ${row.address_city ?? ''}`.trim()] : [],
    },
    case: { reference: row.reference, creditorReference: creditorReferenceFor(row.reference), portalUrl: `${ctx.config.publicUrl}/pay/pending` },
    statement,
    statementComplete,
    ...(missingRateHalfYears ? { missingRateHalfYears } : {}),
    ...(first?.reference ? { firstLetter: { reference: first.reference, date: todayInParisOf(first.sent_at) } } : {}),
    ...(Object.keys(wording).length > 0 ? { wording } : {}),
    plannedSteps,
  };
  return {
    props,
    kind,
    caseReference: row.reference,
    creditorLegalName: row.legal_name,
    replyTo: row.brand_reply_to,
    recipients: {
      email: row.email,
      phone: row.phone,
      addressLines: row.address_line1 ? [row.debtor_name, ...props.debtor.addressLines] : null,
    },
    firstLetterId: first?.id ?? null,
  };
}

/** The case, its debtor with a valid e-mail, phone and address, and the creditor's identity and brand. */
async function loadCaseRow(exec: SqlExec, input: { caseId: string }): Promise<CaseRow> {
  const [row] = await exec<CaseRow>(
    `select c.reference, d.kind as debtor_kind, d.display_name as debtor_name,
            cr.legal_name, cr.kind as creditor_kind, cr.acts_professionally as creditor_acts_professionally, cr.address_line1 as creditor_line1, cr.address_line2 as creditor_line2, cr.postal_code as creditor_postal,
            cr.city as creditor_city, cr.brand_display_name, cr.brand_primary_color, cr.brand_logo, cr.brand_logo_content_type,
            cr.brand_sender_name, cr.brand_reply_to, cr.brand_signature, cr.brand_footer, cr.siren,
            (select e.email from debtor_email e where e.debtor_id = d.id and e.valid order by e.email limit 1) as email,
            (select p.phone from debtor_phone p where p.debtor_id = d.id and p.valid order by p.phone limit 1) as phone,
            a.line1 as address_line1, a.postal_code as address_postal, a.city as address_city
       from collection_case c
       join debtor d on d.id = c.debtor_id
       join creditor cr on cr.id = c.creditor_id
       left join lateral (select line1, postal_code, city from debtor_address
                           where debtor_id = d.id and valid order by line1 limit 1) a on true
      where c.id = ?`,
    [input.caseId],
  );
  if (!row) throw new AppError('not_found', 404);
  return row;
}

/** The first R124-4 letter already sent on the case (another message than the one being written). */
async function loadFirstLetter(exec: SqlExec, input: { caseId: string; excludeMessageId?: string | null }) {
  const [first] = await exec<{ id: string; reference: string | null; sent_at: Date }>(
    `select id, reference, sent_at from outbound_message
      where case_id = ? and template = 'first_letter' and channel in ('letter', 'registered_letter', 'email')
        and sent_at is not null and reference is not null and id is distinct from ?
      order by sent_at, id limit 1`,
    [input.caseId, input.excludeMessageId ?? null],
  );
  return first;
}

/**
 * Today's décompte as the debtor is shown it: the claims that are not prescribed only (a prescribed
 * claim is never demanded, C. conso. L121-2), so every amount a letter, e-mail or SMS prints is the
 * demandable amount. One that cannot be justified (a rate half-year missing) is never printed.
 */
async function loadStatement(
  ctx: ServiceContext,
  caseId: string,
  today: string,
): Promise<{ statement: Statement; statementComplete: boolean; missingRateHalfYears: string[] | undefined }> {
  let statement: Statement;
  let statementComplete = true;
  let missingRateHalfYears: string[] | undefined;
  try {
    statement = toDomainStatement(await debtorStatementForCaseId(ctx, caseId, today));
  } catch (error) {
    // A décompte that cannot be justified (a rate half-year missing) is never printed.
    if (error instanceof AppError && error.code === 'missing_rate') {
      statement = emptyStatement(today);
      statementComplete = false;
      const halfYear = (error.details as { halfYear?: string } | undefined)?.halfYear;
      missingRateHalfYears = halfYear ? [halfYear] : [];
    } else {
      throw error;
    }
  }
  return { statement, statementComplete, missingRateHalfYears };
}

function agencyProps(agency: Awaited<ReturnType<typeof findAgency>>): LetterCommonProps['agency'] {
  return {
    name: agency?.name ?? '',
    addressLines: agency ? [agency.addressLine1, agency.addressLine2 ?? '', `${agency.postalCode} ${agency.city}`].filter(Boolean) : [],
    amicableCollectionStatement: AMICABLE_COLLECTION_STATEMENT,
    clientFundsIban: agency?.clientFundsIban ?? '',
    bic: agency?.clientFundsBic ?? '',
    phone: agency?.phone ?? '',
    email: agency?.email ?? '',
  };
}

function creditorProps(row: CaseRow): LetterCommonProps['creditor'] {
  const senderName = row.brand_sender_name?.trim() || row.brand_display_name;
  const signature = row.brand_signature?.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) ?? [];
  const logo = logoOf(row);
  return {
    legalName: row.legal_name,
    addressLines: [row.creditor_line1, row.creditor_line2 ?? '', `${row.creditor_postal} ${row.creditor_city}`].filter(Boolean),
    brand: { displayName: row.brand_display_name, primaryColor: row.brand_primary_color, ...(logo ? { logo } : {}) },
    // The agency signs for the creditor (templates' agencySignature); the creditor's own lines, if any, follow.
    signatureLines: signature,
    footer: row.brand_footer?.trim() || `${row.legal_name}${row.siren ? ` · SIREN ${row.siren}` : ''}`,
    senderName,
    actsProfessionally: creditorActsProfessionally(row.creditor_kind, row.creditor_acts_professionally),
  };
}

/** Everything a template needs for one queued message: the letter base plus the plan, receipt or dispute details. */
export async function loadMessageContext(ctx: ServiceContext, message: MessageRow): Promise<MessageContext> {
  // The message's own reference: the case's, then the start of the message id (unique enough
  // among one case's messages, and backed by a unique index).
  const base = await loadLetterBase(ctx, emExec(ctx.em), {
    caseId: message.case_id,
    creditorId: message.creditor_id,
    locale: message.locale,
    template: message.template,
    reference: (caseReference) => `${caseReference}-${message.id.slice(0, 8).toUpperCase()}`,
    excludeMessageId: message.id,
  });
  const details = await letterDetails(ctx, base.kind, message.case_id, base.props.statement);
  return { ...base, reference: base.props.letterReference, props: { ...base.props, ...details } as LetterCommonProps };
}

function todayInParisOf(instant: Date): string {
  return todayInParis({ now: () => new Date(instant) });
}
