import type { SavedFilter, SavedFilterInput } from '@relance/contracts/saved-filters';
import type { ServiceContext, UserActor } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';

type Ctx = ServiceContext & { actor: UserActor };
type Row = { id: string; name: string; query: string; created_at: Date };

const toFilter = (row: Row): SavedFilter => ({ id: row.id, name: row.name, query: row.query, createdAt: new Date(row.created_at).toISOString() });

/** My saved filters, by name. Everyone sees only their own (and row-level security for a creditor's user). */
export async function listSavedFilters(ctx: Ctx): Promise<{ items: SavedFilter[] }> {
  const rows = await ctx.em.execute<Row[]>('select id, name, query, created_at from saved_filter where user_id = ? order by lower(name), id', [ctx.actor.userId]);
  return { items: rows.map(toFilter) };
}

/** Saves the case list's current filters under a name: 409 saved_filter_name_taken when I already use it. */
export async function createSavedFilter(ctx: Ctx, input: SavedFilterInput): Promise<SavedFilter> {
  const [row] = await ctx.em.execute<Row[]>(
    `insert into saved_filter (user_id, name, query, created_at) values (?, ?, ?, ?)
     on conflict (user_id, name) do nothing
     returning id, name, query, created_at`,
    [ctx.actor.userId, input.name, input.query, ctx.clock.now()],
  );
  if (!row) throw new AppError('saved_filter_name_taken', 409, { name: input.name });
  return toFilter(row);
}

/** Deletes one of my saved filters; someone else's answers 404 like a missing one. */
export async function deleteSavedFilter(ctx: Ctx, id: string): Promise<void> {
  const rows = await ctx.em.execute<{ id: string }[]>('delete from saved_filter where id = ? and user_id = ? returning id', [id, ctx.actor.userId]);
  if (rows.length === 0) throw new AppError('not_found', 404, { resource: 'saved_filter', id });
}
