import type { CommissaireDto, CreateCommissaireBody, commissaireListQuery, UpdateCommissaireBody } from '@relance/contracts/legal-directory';
import type { z } from 'zod';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, joinSql, rawSql, type SqlFragment, sql, whereAll } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';

// The commissaires de justice the agency hands files to (issue 16): étude, name, address, e-mail
// (and whether they take hand-overs by e-mail), the cour d'appel districts they serve (a petites
// créances request goes to one of the debtor's district, CPCE R125-1). Never deleted: a legal
// action names its commissaire; one no longer used is deactivated (venue.ts only proposes active ones).

type CommissaireRow = {
  id: string;
  etude: string;
  name: string;
  address_line1: string;
  postal_code: string;
  city: string;
  email: string | null;
  phone: string | null;
  accepts_email: boolean;
  cour_appel_districts: string[];
  active: boolean;
  updated_at: Date;
};

const commissaireSelect = `select id, etude, name, address_line1, postal_code, city, email, phone, accepts_email, cour_appel_districts, active, updated_at from commissaire`;

function toCommissaire(row: CommissaireRow): CommissaireDto {
  return {
    id: row.id,
    etude: row.etude,
    name: row.name,
    addressLine1: row.address_line1,
    postalCode: row.postal_code,
    city: row.city,
    email: row.email,
    phone: row.phone,
    acceptsEmail: row.accepts_email,
    courAppelDistricts: row.cour_appel_districts,
    active: row.active,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A text[] parameter for PostgreSQL, each element quoted. */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** The districts as the directory writes them: trimmed, each once. */
function districtsOf(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim().replace(/\s+/g, ' ')))];
}

/** GET commissaires: every one (active first), by text, district served, active or not. */
export async function listCommissaires(ctx: ActorContext, query: z.infer<typeof commissaireListQuery>): Promise<{ items: CommissaireDto[] }> {
  const filters: SqlFragment[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(sql`(etude ilike ${like} or name ilike ${like} or city ilike ${like} or email ilike ${like})`);
  }
  if (query.district) filters.push(sql`exists (select 1 from unnest(cour_appel_districts) d where lower(d) = lower(${query.district}))`);
  if (query.active !== 'all') filters.push(sql`active = ${query.active === 'true'}`);
  const q = sql`${rawSql(commissaireSelect)} ${whereAll(filters)} order by active desc, etude, name, id limit 1000`;
  const rows = await emExec(ctx.em)<CommissaireRow>(q.sql, q.params);
  return { items: rows.map(toCommissaire) };
}

export async function getCommissaire(ctx: ActorContext, id: string): Promise<CommissaireDto> {
  const [row] = await emExec(ctx.em)<CommissaireRow>(`${commissaireSelect} where id = ?`, [id]);
  if (!row) throw new AppError('not_found', 404);
  return toCommissaire(row);
}

/** POST commissaires. */
export async function createCommissaire(ctx: ActorContext, body: CreateCommissaireBody): Promise<CommissaireDto> {
  const now = ctx.clock.now();
  const exec = emExec(ctx.em);
  const [row] = await exec<CommissaireRow>(
    `insert into commissaire (etude, name, address_line1, postal_code, city, email, phone, accepts_email, cour_appel_districts, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?)
     returning id, etude, name, address_line1, postal_code, city, email, phone, accepts_email, cour_appel_districts, active, updated_at`,
    [body.etude, body.name, body.addressLine1, body.postalCode, body.city, body.email ?? null, body.phone ?? null, body.acceptsEmail && !!body.email, textArray(districtsOf(body.courAppelDistricts)), now, now],
  );
  const created = row as CommissaireRow;
  await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: 'commissaire_created', entity: 'commissaire', entityId: created.id, details: { etude: body.etude, districts: created.cour_appel_districts } });
  return toCommissaire(created);
}

const commissaireColumnOf = {
  etude: 'etude',
  name: 'name',
  addressLine1: 'address_line1',
  postalCode: 'postal_code',
  city: 'city',
  email: 'email',
  phone: 'phone',
  acceptsEmail: 'accepts_email',
  active: 'active',
} as const satisfies Partial<Record<keyof UpdateCommissaireBody, string>>;

/** PATCH commissaires/{id}: corrects, changes districts, deactivates (`active: false`) or reactivates. */
export async function updateCommissaire(ctx: ActorContext, id: string, body: UpdateCommissaireBody): Promise<CommissaireDto> {
  const now = ctx.clock.now();
  const exec = emExec(ctx.em);
  const sets: SqlFragment[] = Object.entries(commissaireColumnOf)
    .filter(([key]) => body[key as keyof typeof commissaireColumnOf] !== undefined)
    .map(([key, column]) => sql`${rawSql(column)} = ${body[key as keyof typeof commissaireColumnOf] ?? null}`);
  if (body.courAppelDistricts) sets.push(sql`cour_appel_districts = ${textArray(districtsOf(body.courAppelDistricts))}::text[]`);
  // Hand-overs by e-mail need an e-mail address.
  sets.push(sql`updated_at = ${now}`);
  const q = sql`update commissaire set ${joinSql(sets, ', ')} where id = ${id} returning id`;
  const [row] = await exec<{ id: string }>(q.sql, q.params);
  if (!row) throw new AppError('not_found', 404);
  await exec('update commissaire set accepts_email = false where id = ? and accepts_email and email is null', [id]);
  await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: body.active === false ? 'commissaire_deactivated' : 'commissaire_updated', entity: 'commissaire', entityId: id, details: { ...body } });
  return await getCommissaire(ctx, id);
}
