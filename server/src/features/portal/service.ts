import { createHash, randomBytes } from 'node:crypto';
import type { PortalCase } from '@relance/contracts/portal';
import { interestRegimeOf } from '@relance/domain/interest';
import { findAccessible } from '../../plugins/access.ts';
import { type ActorContext, type PortalContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { CollectionCase } from '../cases/entities.ts';
import { assertGate, staffOrigin } from '../cases/legal-gate.ts';
import { debtorPrincipalStatement, debtorStatementForCaseId } from '../cases/statement.ts';
import { Creditor } from '../creditors/entities.ts';
import { logoUrlOf } from '../creditors/service.ts';
import { PortalToken } from './entities.ts';
import { portalAccess } from './verification.ts';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * 256 random bits; only the hash is stored, so a database leak does not leak working links.
 * A new link revokes the case's earlier live links (a link sent to the wrong person, or
 * forwarded, stops working when the agent sends a fresh one), unless `keepPrevious`: the links
 * printed in letters and e-mails (messages, plan agreement letters) keep the earlier ones, since
 * a letter still in the post must open the page when it arrives.
 */
export async function createPortalLink(
  ctx: ServiceContext,
  caseId: string,
  createdBy: string | null,
  options: { keepPrevious: boolean },
): Promise<{ url: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.portalLinkTtlDays * 86_400_000);
  if (!options.keepPrevious) {
    await ctx.em.nativeUpdate(PortalToken, { caseId, revokedAt: null, expiresAt: { $gt: now } }, { revokedAt: now });
  }
  ctx.em.create(PortalToken, { caseId, tokenHash: sha256(token), expiresAt, createdBy, revokedAt: null });
  await ctx.em.flush();
  return { url: `${ctx.config.publicUrl}/pay/${token}`, token, expiresAt };
}

/**
 * A member of staff makes the debtor's link, to send them: the legal gate decides first (action
 * portal_link: refused on a prescribed case, under a dispute, a vulnerability flag or a mandate not
 * in force; deferred outside the window or over the cap unless a manager overrides with a reason).
 */
export async function createPortalLinkForStaff(
  ctx: ActorContext,
  caseId: string,
  options: { keepPrevious: boolean; override?: { window?: boolean | undefined; cap?: boolean | undefined; reason: string } },
) {
  const found = await findAccessible(ctx, 'case', CollectionCase, caseId);
  return await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    await assertGate(tx, found.id, {
      action: { kind: 'portal_link' },
      origin: staffOrigin(ctx.actor),
      actorId: ctx.actor.userId,
      ...(options.override ? { override: options.override } : {}),
    });
    return await createPortalLink(tx, found.id, ctx.actor.userId, { keepPrevious: options.keepPrevious });
  });
}

export type Totals = {
  principal: number;
  interest: number;
  indemnity: number;
  paid: number;
  balance: number;
  currency: string;
  asOf: string;
  interestComplete: boolean;
  /** The debtor's décompte the totals come from: the live claims only. */
  statement: { lines: readonly LedgerLine[] };
};

/** What the debtor's page lists of a décompte's lines. */
type LedgerLine =
  | { kind: 'principal'; claimRef: string; issueDate: string; dueDate: string; amountCents: number }
  | { kind: 'payment'; id: string; date: string; amountCents: number; allocations?: readonly { claimRef: string; amountCents: number }[] }
  | { kind: 'interest'; claimRef: string; amountCents: number; legalBasis: string }
  | { kind: 'indemnity'; claimRef: string; amountCents: number };

/**
 * What the debtor is asked to pay: the balance of the debtor's décompte (principal, interest,
 * indemnities, less payments) on the claims that are not prescribed: a prescribed claim is never
 * demanded, shown or payable here (C. conso. L121-2). When a rate it needs is not published yet,
 * the software must not print an amount it cannot justify: the debtor is then asked for the
 * principal still due only.
 */
export async function totalsOf(ctx: ServiceContext, caseId: string): Promise<Totals> {
  const asOf = todayInParis(ctx.clock);
  try {
    const statement = await debtorStatementForCaseId(ctx, caseId, asOf);
    return {
      principal: statement.totals.principalCents,
      interest: statement.totals.interestCents,
      indemnity: statement.totals.indemnityCents,
      paid: statement.totals.paidCents,
      balance: statement.totals.balanceCents,
      currency: statement.currency,
      asOf,
      interestComplete: true,
      statement,
    };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'missing_rate') throw error;
    const statement = await debtorPrincipalStatement(ctx, caseId, asOf);
    return {
      principal: statement.totals.principalCents,
      interest: 0,
      indemnity: 0,
      paid: statement.totals.paidCents,
      balance: statement.totals.balanceCents,
      currency: statement.currency,
      asOf,
      interestComplete: false,
      statement,
    };
  }
}

type PortalLedger = Pick<Extract<PortalCase, { verified: true }>, 'claims' | 'payments'>;

/** One claim of the décompte as the debtor reads it: principal, interest and its basis, indemnity, what was paid on it. */
function claimOf(lines: readonly LedgerLine[], line: Extract<LedgerLine, { kind: 'principal' }>): PortalLedger['claims'][number] {
  const mine = lines.filter((other) => 'claimRef' in other && other.claimRef === line.claimRef);
  const interest = mine.flatMap((other) => (other.kind === 'interest' ? [other] : []));
  const interestCents = interest.reduce((sum, other) => sum + other.amountCents, 0);
  const indemnityCents = mine.reduce((sum, other) => sum + (other.kind === 'indemnity' ? other.amountCents : 0), 0);
  const paidCents = lines.reduce(
    (sum, other) =>
      sum + (other.kind === 'payment' ? (other.allocations ?? []).filter((a) => a.claimRef === line.claimRef).reduce((s, a) => s + a.amountCents, 0) : 0),
    0,
  );
  const legalBasis = interest.at(-1)?.legalBasis ?? null;
  return {
    invoiceRef: line.claimRef,
    issueDate: line.issueDate,
    dueDate: line.dueDate,
    amountCents: line.amountCents,
    interestCents,
    indemnityCents,
    paidCents,
    balanceCents: line.amountCents + interestCents + indemnityCents - paidCents,
    interestRegime: legalBasis ? interestRegimeOf(legalBasis) : null,
    legalBasis,
  };
}

/** The claims and payments the debtor's décompte shows: live claims, each payment as far as it went to them, newest first. */
async function ledgerOf(ctx: ServiceContext, caseId: string, statement: Totals['statement']): Promise<PortalLedger> {
  const methods = await ctx.em.execute<{ id: string; method: string }[]>('select id, method from payment where case_id = ?', [caseId]);
  const claims = statement.lines.flatMap((line) => (line.kind === 'principal' ? [claimOf(statement.lines, line)] : []));
  const payments = statement.lines.flatMap((line) =>
    line.kind === 'payment'
      ? [{ receivedOn: line.date, amountCents: line.amountCents, method: methods.find((row) => row.id === line.id)?.method ?? 'other' }]
      : [],
  );
  return { claims, payments: payments.reverse() };
}

/**
 * The debtor's page. Before the check (verification.ts) only the brand, the agency's R124-4
 * statement and the balance; once verified, the claims, payments and figures of the décompte.
 */
export async function getPortalCase(ctx: PortalContext): Promise<PortalCase> {
  const access = await portalAccess(ctx);
  const { caseId } = access;
  const [row] = await ctx.em.execute<{ reference: string; creditor_id: string; debtor_name: string }[]>(
    `select c.reference, c.creditor_id, d.display_name as debtor_name
       from collection_case c join debtor d on d.id = c.debtor_id where c.id = ?`,
    [caseId],
  );
  if (!row) throw new AppError('portal_link_invalid', 404);
  const creditor = await ctx.em.findOneOrFail(Creditor, { id: row.creditor_id });
  const [agency] = await ctx.em.execute<{ name: string; address_line1: string; postal_code: string; city: string; phone: string | null; email: string | null }[]>(
    'select name, address_line1, postal_code, city, phone, email from agency order by created_at limit 1',
  );
  const totals = await totalsOf(ctx, caseId);
  const agencyName = agency?.name ?? '';
  const agencyAddress = agency ? `${agency.address_line1}, ${agency.postal_code} ${agency.city}` : '';
  const common = {
    creditor: {
      legalName: creditor.legalName,
      brand: { displayName: creditor.brandDisplayName, primaryColor: creditor.brandPrimaryColor, logoUrl: logoUrlOf(creditor) },
    },
    agency: {
      name: agencyName,
      // R124-4 1°: the agency's name and address and that it carries out amicable collection.
      statement:
        ctx.locale === 'en'
          ? `${agencyName}, ${agencyAddress}, carries out the amicable collection of this debt on behalf of ${creditor.legalName}.`
          : `${agencyName}, ${agencyAddress}, exerce une activité de recouvrement amiable et agit pour le compte de ${creditor.legalName}.`,
      phone: agency?.phone ?? null,
      email: agency?.email ?? null,
    },
    balanceCents: totals.balance,
    amountsAsOf: totals.asOf,
    currency: totals.currency,
    expiresAt: access.expiresAt.toISOString(),
  };
  if (!access.verified) return { verified: false, ...common, lockedUntil: access.lockedUntil?.toISOString() ?? null };
  const ledger = await ledgerOf(ctx, caseId, totals.statement);
  return {
    verified: true,
    ...common,
    caseReference: row.reference,
    debtorName: row.debtor_name,
    ...ledger,
    principalCents: totals.principal,
    interestCents: totals.interest,
    indemnityCents: totals.indemnity,
    paidCents: totals.paid,
    interestComplete: totals.interestComplete,
  };
}
