import type { BulkAssignBody } from '@relance/contracts/portfolios';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { pgArray } from '../queue/service.ts';

async function requireActiveAgent(exec: SqlExec, agentId: string): Promise<void> {
  const [row] = await exec<{ role: string; deactivated_at: Date | null }>('select role, deactivated_at from app_user where id = ?', [agentId]);
  if (!row) throw new AppError('not_found', 404, { agentId });
  if (row.role !== 'agent') throw new AppError('not_an_agent', 400, { agentId });
  if (row.deactivated_at) throw new AppError('agent_deactivated', 400, { agentId });
}

/**
 * A manager gives up to 500 cases to one agent (or to none) from the case list: all or nothing,
 * in one transaction, one entry in the audit trail with each case's previous agent. Staff reach
 * every creditor's cases; an unknown id refuses the whole batch (404 with the missing ids).
 */
export async function bulkAssign(ctx: ActorContext, body: BulkAssignBody): Promise<{ updated: number; unchanged: number }> {
  const ids = [...new Set(body.caseIds)];
  const now = ctx.clock.now();
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    if (body.agentId) await requireActiveAgent(exec, body.agentId);
    const rows = await exec<{ id: string; assigned_agent_id: string | null }>(
      'select id::text, assigned_agent_id::text from collection_case where id = any(?::uuid[]) order by id for update',
      [pgArray(ids)],
    );
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      throw new AppError('not_found', 404, { missing: ids.filter((id) => !found.has(id)).slice(0, 50) });
    }
    const changed = rows.filter((r) => r.assigned_agent_id !== body.agentId);
    if (changed.length > 0) {
      await exec('update collection_case set assigned_agent_id = ? where id = any(?::uuid[])', [body.agentId, pgArray(changed.map((r) => r.id))]);
      await recordAudit(exec, {
        actorId: ctx.actor.userId, at: now, action: 'cases_bulk_assigned', entity: 'collection_case', entityId: null,
        details: { agentId: body.agentId, count: changed.length, previous: Object.fromEntries(changed.map((r) => [r.id, r.assigned_agent_id])) },
      });
    }
    return { updated: changed.length, unchanged: rows.length - changed.length };
  });
}
