import type { EntityManager } from '@mikro-orm/postgresql';

export type AuditEntry = {
  /** The user who made the change (null for the system). */
  actorId: string | null;
  /** From the injectable clock, like every other instant. */
  at: Date;
  /** snake_case verb, e.g. 'portfolio_created', 'agent_away'. */
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
};

/** Appends one row to the audit trail, in the caller's transaction (the change and its record commit together). */
export async function recordAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
  await em.execute(
    `insert into audit_event (actor_id, occurred_at, action, entity, entity_id, details) values (?, ?, ?, ?, ?, ?::jsonb)`,
    [entry.actorId, entry.at, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.details ?? {})],
  );
}
