import type { LegalCostBody, LegalCostDto, LegalCostListDto } from '@relance/contracts/legal-actions';
import { frenchDate, localDate } from '@relance/domain/calendar';
import { chargeableToDebtor } from '@relance/domain/legal-costs';
import { formatMoney } from '@relance/domain/money';
import { requireAccess } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { titleOnOf } from '../cases/legal-title.ts';
import { addEntry } from '../cases/timeline.ts';
import { bookAdvancedLegalCost } from './cost-ledger.ts';
import { legalKindLabel } from './labels.ts';

// Court fees and commissaire costs advanced on a legal action, with who bears them: the creditor
// under its mandate, or the debtor, which the law allows only once the case holds an enforceable
// title (CPCE L111-8 al. 1: packages/domain legal-costs.ts `chargeableToDebtor`, the one rule; the
// décompte prints them as "frais de procédure" by the same rule). Costs recorded with an event
// (the service of the order, a commissaire's act) are the creditor's (events.ts). The money issue
// bills and remits them from these rows.

type CostRow = {
  id: string;
  legal_action_id: string;
  item: string;
  description: string;
  amount_cents: string;
  incurred_on: string;
  borne_by: 'creditor' | 'debtor';
  advanced_by_agency: boolean;
  document_id: string | null;
  recorded_at: Date;
};

const costColumns = `id, legal_action_id, item, description, amount_cents, incurred_on::text as incurred_on, borne_by, advanced_by_agency, document_id, recorded_at`;

function toCost(row: CostRow): LegalCostDto & { legalActionId: string } {
  return {
    id: row.id,
    legalActionId: row.legal_action_id,
    item: row.item,
    description: row.description,
    amountCents: Number(row.amount_cents),
    incurredOn: row.incurred_on,
    borneBy: row.borne_by,
    advancedByAgency: row.advanced_by_agency,
    documentId: row.document_id,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

async function costList(exec: SqlExec, caseId: string, where: string, params: unknown[]): Promise<LegalCostListDto> {
  const rows = await exec<CostRow>(`select ${costColumns} from legal_cost where ${where} order by incurred_on, recorded_at, id`, params);
  const items = rows.map(toCost);
  return {
    items,
    totalCents: items.reduce((sum, cost) => sum + cost.amountCents, 0),
    debtorCents: items.filter((cost) => cost.borneBy === 'debtor').reduce((sum, cost) => sum + cost.amountCents, 0),
    titleOn: await titleOnOf(exec, caseId),
  };
}

/**
 * POST legal-actions/{id}/costs: records a cost advanced. 422 legal_cost_needs_title for a cost
 * borne by the debtor while the case holds no enforceable title (CPCE L111-8 al. 1); 400 for a
 * date in the future; 404 for a document not on the case. Audit and timeline entries.
 */
export async function recordLegalCost(ctx: ActorContext, id: string, body: LegalCostBody): Promise<LegalCostDto> {
  // The cost, its timeline, audit and ledger entries commit together.
  return await ctx.em.transactional(async (em) => await recordLegalCostInTransaction({ ...ctx, em }, id, body));
}

async function recordLegalCostInTransaction(ctx: ActorContext, id: string, body: LegalCostBody): Promise<LegalCostDto> {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const [action] = await exec<{ case_id: string; creditor_id: string; kind: Parameters<typeof legalKindLabel>[0] }>(
    'select case_id, creditor_id, kind from legal_action where id = ?',
    [id],
  );
  if (!action) throw new AppError('not_found', 404);
  const today = localDate(ctx.clock.now());
  if (body.incurredOn > today) throw new AppError('date_in_future', 400, { field: 'incurredOn', date: body.incurredOn });
  const titleOn = await titleOnOf(exec, action.case_id);
  if (body.borneBy === 'debtor' && !chargeableToDebtor({ borneBy: body.borneBy }, titleOn, today)) {
    throw new AppError('legal_cost_needs_title', 422, { titleOn });
  }
  if (body.documentId) {
    const [document] = await exec<{ id: string }>('select id from case_document where id = ? and case_id = ?', [body.documentId, action.case_id]);
    if (!document) throw new AppError('not_found', 404, { field: 'documentId' });
  }
  const now = ctx.clock.now();
  const [row] = await exec<CostRow>(
    `insert into legal_cost (legal_action_id, case_id, creditor_id, item, description, amount_cents, incurred_on, borne_by, advanced_by_agency, document_id, recorded_by, recorded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${costColumns}`,
    [id, action.case_id, action.creditor_id, body.item, body.description, body.amountCents, body.incurredOn, body.borneBy, body.advancedByAgency, body.documentId ?? null, ctx.actor.userId, now],
  );
  const cost = toCost(row as CostRow);
  await bookAdvancedLegalCost(exec, ctx.clock, {
    id: cost.id,
    creditorId: action.creditor_id,
    caseId: action.case_id,
    amountCents: body.amountCents,
    incurredOn: body.incurredOn,
    advancedByAgency: body.advancedByAgency,
    recordedBy: ctx.actor.userId,
  });
  const bearer = body.borneBy === 'debtor' ? 'à la charge du débiteur (titre exécutoire, CPCE L111-8)' : 'à la charge du créancier';
  await addEntry(exec, ctx.clock, {
    caseId: action.case_id,
    kind: 'legal',
    authorId: ctx.actor.userId,
    text: `${legalKindLabel(action.kind)} — frais : ${body.description}, ${formatMoney(body.amountCents, 'EUR', 'fr')}, le ${frenchDate(body.incurredOn)}, ${bearer}.`,
    event: { code: 'legal_cost_added', params: { legalKind: action.kind, description: body.description, amountCents: body.amountCents, currency: 'EUR', incurredOn: body.incurredOn, borneBy: body.borneBy } },
  });
  await recordAudit(exec, {
    actorId: ctx.actor.userId,
    at: now,
    action: 'legal_cost_recorded',
    entity: 'legal_action',
    entityId: id,
    caseId: action.case_id,
    creditorId: action.creditor_id,
    details: { costId: cost.id, item: body.item, amountCents: body.amountCents, incurredOn: body.incurredOn, borneBy: body.borneBy, advancedByAgency: body.advancedByAgency, titleOn },
  });
  const { legalActionId: _action, ...dto } = cost;
  return dto;
}

/** GET legal-actions/{id}/costs: the action's costs (a creditor its own). */
export async function listLegalCosts(ctx: ActorContext, id: string): Promise<LegalCostListDto> {
  await requireAccess(ctx, 'legal_action', id);
  const exec = emExec(ctx.em);
  const [action] = await exec<{ case_id: string }>('select case_id from legal_action where id = ?', [id]);
  if (!action) throw new AppError('not_found', 404);
  return await costList(exec, action.case_id, 'legal_action_id = ?', [id]);
}

/** GET cases/{id}/legal-costs: every cost of the case's legal actions (a creditor its own cases). */
export async function listCaseLegalCosts(ctx: ActorContext, caseId: string): Promise<LegalCostListDto> {
  await requireAccess(ctx, 'case', caseId);
  return await costList(emExec(ctx.em), caseId, 'case_id = ?', [caseId]);
}
