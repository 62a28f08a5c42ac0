import { type CourtImportReportDto, courtImportColumns } from '@relance/contracts/legal-directory';
import type { CourtKind } from '@relance/domain/legal-costs';
import { parse } from 'csv-parse/sync';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { normaliseCommune } from './venue.ts';

// The importer of the Ministry of Justice's open dataset of courts and their territorial competence
// by commune (data.gouv.fr, "Annuaire des juridictions" / compétence territoriale des juridictions
// par commune): one line per commune and court. Expected columns (header names compared without
// case, accents, spaces or hyphens; a few common aliases accepted):
//   code_commune_insee  INSEE code of the commune (5 characters, 2A/2B in Corsica)
//   nom_commune         the commune's name (kept normalised: venue.ts normaliseCommune)
//   code_postal         a postal code of the commune (a commune with several has several lines)
//   type_juridiction    "Tribunal judiciaire", "Tribunal de commerce", "Tribunal des activités
//                       économiques" (or TJ / TC / TAE); other jurisdictions (prud'hommes,
//                       proximité, cour d'appel...) are counted as skipped, not errors
//   code_juridiction    the Ministry's code of the court (the key of an upsert)
//   nom_juridiction     its name
//   optional: adresse, code_postal_juridiction, ville_juridiction, cour_appel, email, telephone
// Separator `;` or `,` (or tab), UTF-8 with or without BOM (Windows-1252 read when not UTF-8).
// A bad line is reported with its line number and reason; the good ones go in. Set-based and
// idempotent: courts are upserted by code (changed only when a value differs), a commune's row is
// added once, and moved when the file gives the commune another court of the same kind.

type CourtIn = {
  code: string;
  kind: CourtKind;
  name: string;
  address_line1: string | null;
  postal_code: string | null;
  city: string | null;
  cour_appel: string | null;
  email: string | null;
  phone: string | null;
};
type CommuneIn = { code: string; commune_code: string; postal_code: string; commune_name: string };
type Problem = CourtImportReportDto['problems'][number];
type Column = (typeof courtImportColumns.required)[number] | (typeof courtImportColumns.optional)[number];

export type ReadCourtFile = { lines: number; courts: CourtIn[]; communes: CommuneIn[]; skipped: number; problems: Problem[] };

const MAX_PROBLEMS_LISTED = 500;

const aliases: Record<string, Column> = {
  code_insee: 'code_commune_insee',
  insee: 'code_commune_insee',
  code_commune: 'code_commune_insee',
  commune: 'nom_commune',
  libelle_commune: 'nom_commune',
  code_postal_commune: 'code_postal',
  type: 'type_juridiction',
  code: 'code_juridiction',
  juridiction: 'nom_juridiction',
  libelle_juridiction: 'nom_juridiction',
  adresse_juridiction: 'adresse',
  ville: 'ville_juridiction',
  commune_juridiction: 'ville_juridiction',
  cour_d_appel: 'cour_appel',
  ressort_cour_appel: 'cour_appel',
  courriel: 'email',
  tel: 'telephone',
};

function headerKey(header: string): string {
  const key = header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return aliases[key] ?? key;
}

/** The kind the directory keeps, 'other' for a jurisdiction it does not keep, null when unrecognised. */
export function courtKindOf(type: string): CourtKind | 'other' | null {
  const t = normaliseCommune(type);
  if (/ACTIVITES ECONOMIQUES|^TAE$/.test(t)) return 'tribunal_activites_economiques';
  if (/COMMERCE|^TC$|^TMC$/.test(t)) return 'tribunal_commerce';
  if (/JUDICIAIRE|GRANDE INSTANCE|^TJ$|^TGI$/.test(t)) return 'tribunal_judiciaire';
  if (/PRUD|PROXIMITE|APPEL|ADMINISTRATI|PARITAIRE|POLICE|ASSISES|CASSATION|INSTANCE|SECURITE SOCIALE|MINEURS|CONSEIL|^(CPH|TP|CA|TA|CAA|TI)$/.test(t)) return 'other';
  return null;
}

/** A postal code as five digits (a spreadsheet drops the leading zero of 01000), or null. */
function postalCodeOf(value: string): string | null {
  const digits = value.replace(/\s/g, '');
  const padded = /^\d{4}$/.test(digits) ? `0${digits}` : digits;
  return /^\d{5}$/.test(padded) ? padded : null;
}

function communeCodeOf(value: string): string | null {
  const code = value.replace(/\s/g, '').toUpperCase();
  const padded = /^\d{4}$/.test(code) ? `0${code}` : code;
  return /^(\d{5}|2[AB]\d{3})$/.test(padded) ? padded : null;
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function delimiterOf(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.reduce((best, current) => (current[1] > best[1] ? current : best))[0];
}

/** One data line to a court and a commune row, or the problem that stops it. */
function readLine(cell: (column: Column) => string, line: number): { court: CourtIn; commune: CommuneIn } | Problem | 'skipped' {
  for (const column of courtImportColumns.required) {
    if (!cell(column)) return { line, reason: 'missing_value', column, value: null };
  }
  const kind = courtKindOf(cell('type_juridiction'));
  if (kind === 'other') return 'skipped';
  if (kind === null) return { line, reason: 'unknown_court_type', column: 'type_juridiction', value: cell('type_juridiction') };
  const communeCode = communeCodeOf(cell('code_commune_insee'));
  if (!communeCode) return { line, reason: 'invalid_commune_code', column: 'code_commune_insee', value: cell('code_commune_insee') };
  const postalCode = postalCodeOf(cell('code_postal'));
  if (!postalCode) return { line, reason: 'invalid_postal_code', column: 'code_postal', value: cell('code_postal') };
  const courtPostalCode = cell('code_postal_juridiction') ? postalCodeOf(cell('code_postal_juridiction')) : null;
  if (cell('code_postal_juridiction') && !courtPostalCode) return { line, reason: 'invalid_postal_code', column: 'code_postal_juridiction', value: cell('code_postal_juridiction') };
  const code = cell('code_juridiction').toUpperCase();
  const orNull = (column: Column) => cell(column) || null;
  return {
    court: {
      code,
      kind,
      name: cell('nom_juridiction'),
      address_line1: orNull('adresse'),
      postal_code: courtPostalCode,
      city: orNull('ville_juridiction'),
      cour_appel: orNull('cour_appel'),
      email: orNull('email'),
      phone: orNull('telephone'),
    },
    commune: { code, commune_code: communeCode, postal_code: postalCode, commune_name: normaliseCommune(cell('nom_commune')) },
  };
}

/** Reads the whole file (bounded by the route): the courts and commune rows of its good lines, and its problems. */
export function readCourtFile(bytes: Buffer): ReadCourtFile {
  const text = decode(bytes);
  const records = parse(text, {
    delimiter: delimiterOf(text.split('\n', 1)[0] ?? ''),
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...rows] = records;
  const columns = new Map((header?.record ?? []).map((name, index) => [headerKey(name), index]));
  const missing = courtImportColumns.required.filter((column) => !columns.has(column));
  if (missing.length > 0) throw new AppError('invalid_csv_header', 400, { missing, expected: courtImportColumns });
  const courts = new Map<string, CourtIn>();
  const communes = new Map<string, CommuneIn>();
  const problems: Problem[] = [];
  let skipped = 0;
  for (const { record, info } of rows) {
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const read = readLine(cell, info.lines);
    if (read === 'skipped') skipped += 1;
    else if ('reason' in read) problems.push(read);
    else {
      const known = courts.get(read.court.code);
      if (known && (known.kind !== read.court.kind || known.name !== read.court.name)) {
        problems.push({ line: info.lines, reason: 'conflicting_court', column: 'nom_juridiction', value: read.court.name });
        continue;
      }
      if (!known) courts.set(read.court.code, read.court);
      communes.set(`${read.commune.code}|${read.commune.commune_code}|${read.commune.postal_code}`, read.commune);
    }
  }
  return { lines: rows.length, courts: [...courts.values()], communes: [...communes.values()], skipped, problems };
}

const upsertCourtsSql = `with incoming as (
  select * from jsonb_to_recordset(?::jsonb) as x(code text, kind text, name text, address_line1 text, postal_code text, city text, cour_appel text, email text, phone text)
)
insert into court as c (code, kind, name, address_line1, postal_code, city, cour_appel, email, phone, source, updated_at)
select code, kind, name, coalesce(address_line1, ''), coalesce(postal_code, ''), coalesce(city, ''), cour_appel, email, phone, 'import', ?::timestamptz from incoming
on conflict (code) do update set
  kind = excluded.kind, name = excluded.name,
  address_line1 = coalesce(nullif(excluded.address_line1, ''), c.address_line1),
  postal_code = coalesce(nullif(excluded.postal_code, ''), c.postal_code),
  city = coalesce(nullif(excluded.city, ''), c.city),
  cour_appel = coalesce(excluded.cour_appel, c.cour_appel),
  email = coalesce(excluded.email, c.email),
  phone = coalesce(excluded.phone, c.phone),
  source = 'import', updated_at = excluded.updated_at
where (c.kind, c.name, c.address_line1, c.postal_code, c.city, c.cour_appel, c.email, c.phone, c.source) is distinct from
      (excluded.kind, excluded.name, coalesce(nullif(excluded.address_line1, ''), c.address_line1), coalesce(nullif(excluded.postal_code, ''), c.postal_code),
       coalesce(nullif(excluded.city, ''), c.city), coalesce(excluded.cour_appel, c.cour_appel), coalesce(excluded.email, c.email),
       coalesce(excluded.phone, c.phone), 'import')
returning (xmax = 0) as inserted`;

const communesCte = `with incoming as (
  select i.commune_code, i.postal_code, i.commune_name, c.id as court_id, c.kind
    from jsonb_to_recordset(?::jsonb) as i(code text, commune_code text, postal_code text, commune_name text) join court c on c.code = i.code
)`;

// A commune has one court of each kind: a row the file gives to another court of the same kind moves.
const moveCommunesSql = `${communesCte}
delete from court_competence cc using court old, incoming t
 where cc.court_id = old.id and cc.commune_code = t.commune_code and cc.postal_code = t.postal_code and old.kind = t.kind and old.id <> t.court_id
   and not exists (select 1 from incoming t2 where t2.court_id = old.id and t2.commune_code = cc.commune_code and t2.postal_code = cc.postal_code)
returning 1 as moved`;

const addCommunesSql = `${communesCte}
insert into court_competence (court_id, commune_code, postal_code, commune_name)
select court_id, commune_code, postal_code, commune_name from incoming
on conflict (court_id, commune_code, postal_code) do update set commune_name = excluded.commune_name
 where court_competence.commune_name <> excluded.commune_name
returning (xmax = 0) as inserted`;

async function writeDirectory(exec: SqlExec, read: ReadCourtFile, now: Date) {
  const courts = await exec<{ inserted: boolean }>(upsertCourtsSql, [JSON.stringify(read.courts), now]);
  const communes = JSON.stringify(read.communes);
  const moved = await exec(moveCommunesSql, [communes]);
  const added = await exec<{ inserted: boolean }>(addCommunesSql, [communes]);
  return {
    courtsCreated: courts.filter((row) => row.inserted).length,
    courtsUpdated: courts.filter((row) => !row.inserted).length,
    competenceMoved: moved.length,
    competenceAdded: added.filter((row) => row.inserted).length,
  };
}

/** POST courts/import: the file's good lines into the directory in one transaction, with the report. */
export async function importCourts(ctx: ActorContext, bytes: Buffer): Promise<CourtImportReportDto> {
  const read = readCourtFile(bytes);
  const now = ctx.clock.now();
  const written = await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const counts = await writeDirectory(exec, read, now);
    await recordAudit(exec, { actorId: ctx.actor.userId, at: now, action: 'court_directory_imported', entity: 'court', entityId: null, details: { lines: read.lines, problems: read.problems.length, ...counts } });
    return counts;
  });
  const accepted = read.lines - read.skipped - read.problems.length;
  return { lines: read.lines, accepted, skipped: read.skipped, rejected: read.problems.length, ...written, problems: read.problems.slice(0, MAX_PROBLEMS_LISTED) };
}
