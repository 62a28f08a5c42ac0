import type { EntityName, FindOneOptions } from '@mikro-orm/core';
import type { Actor, ActorContext, ServiceContext } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Who may see and change which rows: the one place that answers it (issue 14, item 4), after
 * immich's server/src/utils/access.ts. Every feature asks here; none spells out a creditor filter
 * of its own for an id it was given.
 *
 * The rule: agency staff (admin, manager, agent) see every creditor's rows; a creditor's user or
 * API key sees its own creditor's rows only, and another creditor's id answers 404 exactly like a
 * missing one (never 403: a 403 would tell that the id exists). Reading and writing reach the same
 * rows; writing adds the viewer rule (`requireCreditorWriter`: a creditor's read-only user writes
 * nothing), applied to every write request by plugins/creditor-roles.ts so that no route can forget
 * it. Which roles may call a route at all is the route's `config.access` (plugins/auth.ts).
 *
 * This is the application's check. Under it, creditor users and keys run on `tenantOrm`, where
 * PostgreSQL's row-level security hides other creditors' rows whatever a query forgets
 * (db/row-level-security.ts): both walls stay, and the isolation tests check both.
 */

/** The kinds of rows an id given by a caller can name, each owned by one creditor. */
export type Resource = 'case' | 'creditor' | 'import' | 'message' | 'webhook' | 'legal_action' | 'receipt' | 'remittance' | 'commission_invoice' | 'consultation';

/**
 * For each kind: one row when the id exists and, when the scope is not null, belongs to that
 * creditor. `?` placeholders: the id, then the scope twice.
 */
const OWNED_ROWS: Record<Resource, string> = {
  case: 'select id from collection_case where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  creditor: 'select id from creditor where id = ?::uuid and (?::uuid is null or id = ?::uuid)',
  import: 'select id from import_batch where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  message: 'select id from outbound_message where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  // A deleted endpoint is gone for everyone (its deliveries are cancelled).
  webhook: 'select id from webhook_endpoint where id = ?::uuid and deleted_at is null and (?::uuid is null or creditor_id = ?::uuid)',
  legal_action: 'select id from legal_action where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  receipt: 'select id from receipt where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  remittance: 'select id from remittance where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  commission_invoice: 'select id from commission_invoice where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
  consultation: 'select id from dispute_consultation where id = ?::uuid and (?::uuid is null or creditor_id = ?::uuid)',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The creditor an actor is confined to, or null for staff who see every creditor. Lists filter
 * with it (`where creditor_id = scope` when it is not null); an id is checked by `requireAccess`.
 */
export function creditorScope(actor: Actor): string | null {
  return actor.role === 'creditor' ? actor.creditorId : null;
}

/** Whether the actor may read and write the row (as far as rows go: see `requireCreditorWriter`). */
async function checkAccess(ctx: ActorContext, resource: Resource, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const scope = creditorScope(ctx.actor);
  const rows = await ctx.em.execute<{ id: string }[]>(OWNED_ROWS[resource], [id, scope, scope]);
  return rows.length > 0;
}

/** Refuses, as "not found", an id the actor may not reach (another creditor's, or none at all). */
export async function requireAccess(ctx: ActorContext, resource: Resource, id: string): Promise<void> {
  if (!(await checkAccess(ctx, resource, id))) throw new AppError('not_found', 404);
}

/**
 * `requireAccess`, then the entity itself by its id: what most services start with
 * (`findAccessible(ctx, 'case', CollectionCase, caseId)`). The entity class is given by the
 * feature that owns it, so this module depends on no feature.
 */
export async function findAccessible<T extends object>(
  ctx: ActorContext,
  resource: Resource,
  entity: EntityName<T>,
  id: string,
  options?: FindOneOptions<T>,
): Promise<T> {
  await requireAccess(ctx, resource, id);
  const found = await ctx.em.findOne(entity, id as never, options as never);
  if (!found) throw new AppError('not_found', 404);
  return found as T;
}

/**
 * The viewer rule (issue 13, item 12): inside a creditor, a 'viewer' reads and never writes; an
 * 'uploader' writes what creditor users may write. The role is read from the database, not from
 * the token, so a downgrade applies at once, and anything but 'uploader' (an unknown row, a null
 * role) counts as read-only. Staff are not creditor users; an API key passes (only an uploader can
 * create one, and a key exists to push work into the agency).
 */
export async function requireCreditorWriter(ctx: ServiceContext, actor: Actor | null): Promise<void> {
  if (actor?.role !== 'creditor' || actor.via === 'api_key') return;
  const [row] = await ctx.em.execute<{ creditor_role: string | null }[]>('select creditor_role from app_user where id = ?', [actor.userId]);
  if (row?.creditor_role !== 'uploader') throw new AppError('read_only_access', 403);
}

/** An admin, manager or agent of the agency (not a creditor's user or API key). */
export function isAgencyStaff(actor: Actor): boolean {
  return actor.via !== 'api_key' && actor.role !== 'creditor';
}

/**
 * Whom a read is for: a signed-in actor, or someone outside the agency who gets the data without
 * an actor of their own: the debtor (their page, the data-access export made for them) or any
 * export handed out of the agency.
 */
export type Audience = Actor | 'debtor' | 'export';

/**
 * Vulnerability (a health or hardship fact about a person: RGPD art. 9 special category, and the
 * agency's duty of care) is for the agency's staff only: never a creditor (user or API key), the
 * debtor's page or an export. Every read of the flag, its note or a timeline entry about it asks this.
 */
export function seesVulnerability(audience: Audience): boolean {
  return typeof audience !== 'string' && isAgencyStaff(audience);
}
