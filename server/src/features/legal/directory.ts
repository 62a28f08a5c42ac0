import type {
  CourtDetailDto,
  CourtDto,
  CourtListDto,
  CourtLookupDto,
  CreateCourtBody,
  courtListQuery,
  courtLookupQuery,
  UpdateCourtBody,
} from '@relance/contracts/legal-directory';
import type { z } from 'zod';
import type { ActorContext } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, joinSql, rawSql, type SqlExec, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { findCourt, normaliseCommune } from './venue.ts';

// The court directory (issue 16): courts and the communes they are competent for (CPC 1406: the
// debtor's domicile), searched, looked up for an address, added or corrected by hand. The
// Ministry's file goes in through court-import.ts; the seed ships the demo's rows.

type CourtRow = {
  id: string;
  code: string;
  kind: CourtDto['kind'];
  name: string;
  address_line1: string;
  postal_code: string;
  city: string;
  cour_appel: string | null;
  email: string | null;
  phone: string | null;
  source: CourtDto['source'];
  communes: number;
  updated_at: Date;
};

const courtSelect = `select c.id, c.code, c.kind, c.name, c.address_line1, c.postal_code, c.city, c.cour_appel, c.email, c.phone, c.source, c.updated_at,
       (select count(*)::int from court_competence cc where cc.court_id = c.id) as communes
  from court c`;

function toCourt(row: CourtRow): CourtDto {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    addressLine1: row.address_line1,
    postalCode: row.postal_code,
    city: row.city,
    courAppel: row.cour_appel,
    email: row.email,
    phone: row.phone,
    source: row.source,
    communes: row.communes,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** GET courts: by name, code, city or a commune served, kind, postal code served; by name. */
export async function listCourts(ctx: ActorContext, query: z.infer<typeof courtListQuery>): Promise<CourtListDto> {
  const filters: SqlFragment[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(sql`(c.name ilike ${like} or c.code ilike ${like} or c.city ilike ${like}
      or exists (select 1 from court_competence cc where cc.court_id = c.id and cc.commune_name like ${`%${normaliseCommune(query.q).replace(/[\\%_]/g, "\\$&")}%`}))`);
  }
  if (query.kind) filters.push(sql`c.kind = ${query.kind}`);
  if (query.postalCode) filters.push(sql`exists (select 1 from court_competence cc where cc.court_id = c.id and cc.postal_code like ${`${query.postalCode}%`})`);
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, ['text', 'uuid']);
    filters.push(sql`(c.name, c.id) > (${name}, ${id}::uuid)`);
  }
  const q = sql`${rawSql(courtSelect)} ${whereAll(filters)} order by c.name, c.id limit ${query.limit + 1}`;
  const rows = await emExec(ctx.em)<CourtRow>(q.sql, q.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toCourt), nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null };
}

/** GET courts/{id}: the court and the communes it serves (2,000 at most, by postal code). */
export async function getCourt(ctx: ActorContext, id: string): Promise<CourtDetailDto> {
  const exec = emExec(ctx.em);
  const [row] = await exec<CourtRow>(`${courtSelect} where c.id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  const communes = await exec<{ commune_code: string; postal_code: string; commune_name: string }>(
    'select commune_code, postal_code, commune_name from court_competence where court_id = ? order by postal_code, commune_name limit 2000',
    [id],
  );
  return { ...toCourt(row), competence: communes.map((c) => ({ communeCode: c.commune_code, postalCode: c.postal_code, communeName: c.commune_name })) };
}

async function replaceCommunes(exec: SqlExec, courtId: string, communes: NonNullable<CreateCourtBody['communes']>): Promise<void> {
  await exec('delete from court_competence where court_id = ?', [courtId]);
  if (communes.length === 0) return;
  await exec(
    `insert into court_competence (court_id, commune_code, postal_code, commune_name)
     select ?, i.commune_code, i.postal_code, i.commune_name from jsonb_to_recordset(?::jsonb) as i(commune_code text, postal_code text, commune_name text)
     on conflict do nothing`,
    [courtId, JSON.stringify(communes.map((c) => ({ commune_code: c.communeCode, postal_code: c.postalCode, commune_name: normaliseCommune(c.communeName) })))],
  );
}

/** POST courts: a court added by hand (source manual); 409 court_code_taken for a code already there. */
export async function createCourt(ctx: ActorContext, body: CreateCourtBody): Promise<CourtDetailDto> {
  const now = ctx.clock.now();
  const id = await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const [row] = await exec<{ id: string }>(
      `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, email, phone, source, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?) on conflict (code) do nothing returning id`,
      [body.code.toUpperCase(), body.kind, body.name, body.addressLine1, body.postalCode, body.city, body.courAppel ?? null, body.email ?? null, body.phone ?? null, now, now],
    );
    if (!row) throw new AppError('court_code_taken', 409, { code: body.code.toUpperCase() });
    if (body.communes) await replaceCommunes(exec, row.id, body.communes);
    await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: 'court_created', entity: 'court', entityId: row.id, details: { code: body.code, name: body.name } });
    return row.id;
  });
  return await getCourt(ctx, id);
}

const courtColumnOf: Record<Exclude<keyof UpdateCourtBody, 'communes'>, string> = {
  kind: 'kind',
  name: 'name',
  addressLine1: 'address_line1',
  postalCode: 'postal_code',
  city: 'city',
  courAppel: 'cour_appel',
  email: 'email',
  phone: 'phone',
};

/** PATCH courts/{id}: corrects a court; `communes` replaces its competence list. */
export async function updateCourt(ctx: ActorContext, id: string, body: UpdateCourtBody): Promise<CourtDetailDto> {
  const now = ctx.clock.now();
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const sets = Object.entries(courtColumnOf)
      .filter(([key]) => body[key as keyof typeof courtColumnOf] !== undefined)
      .map(([key, column]) => sql`${rawSql(column)} = ${body[key as keyof typeof courtColumnOf] ?? null}`);
    const q = sql`update court set ${joinSql([...sets, sql`updated_at = ${now}`], ', ')} where id = ${id} returning id`;
    const [row] = await exec<{ id: string }>(q.sql, q.params);
    if (!row) throw new AppError('not_found', 404);
    if (body.communes) await replaceCommunes(exec, id, body.communes);
    await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: 'court_updated', entity: 'court', entityId: id, details: { ...body, communes: body.communes?.length } });
  });
  return await getCourt(ctx, id);
}

/** GET courts/lookup: the court the directory finds for an address (venue.ts findCourt), or null. */
export async function lookupCourt(ctx: ActorContext, query: z.infer<typeof courtLookupQuery>): Promise<CourtLookupDto> {
  const exec = emExec(ctx.em);
  const found = await findCourt(exec, { line1: '', postalCode: query.postalCode, city: query.city }, query.kind);
  const [row] = found?.id ? await exec<CourtRow>(`${courtSelect} where c.id = ?`, [found.id]) : [];
  return { court: row ? toCourt(row) : null, normalisedCity: normaliseCommune(query.city) };
}
