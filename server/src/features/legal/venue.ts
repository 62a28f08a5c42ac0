import type { CommissaireRefDto, CourtRef } from '@relance/contracts/legal-actions';
import type { CourtKind } from '@relance/domain/legal-costs';
import type { SqlExec } from '../../plugins/sql.ts';

// Where a judicial step goes, from the debtor's address: the competent court of the debtor's
// domicile (CPC 1406) in the court directory (court + court_competence, by commune), and a
// commissaire de justice serving the cour d'appel district that court belongs to (CPCE R125-1 for
// petites créances; an enforcement is handed to a commissaire of the district too).

export type DebtorAddress = { readonly line1: string; readonly postalCode: string; readonly city: string };

/** A commune's name as the directory keeps it: upper case, no accents, no hyphens, "ST" spelled "SAINT". */
export function normaliseCommune(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/['’-]/g, ' ')
    .replace(/\bSTE\b/g, 'SAINTE')
    .replace(/\bST\b/g, 'SAINT')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ CEDEX( \d+)?$/, '');
}

type CourtRow = { id: string; code: string; kind: CourtKind; name: string; address_line1: string; postal_code: string; city: string; cour_appel: string | null };

function toCourtRef(row: CourtRow): CourtRef {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    addressLine1: row.address_line1,
    postalCode: row.postal_code,
    city: row.city,
    courAppel: row.cour_appel,
  };
}

const courtColumns = 'c.id, c.code, c.kind, c.name, c.address_line1, c.postal_code, c.city, c.cour_appel';

/**
 * The court of `kind` competent for the address: the commune's row (postal code and name), else
 * the only court of that kind for the postal code; null when the directory has no answer (the
 * screen then asks for a manual choice). A commercial claim goes to the tribunal des activités
 * économiques where one replaced the tribunal de commerce: either kind answers for it.
 */
export async function findCourt(exec: SqlExec, address: DebtorAddress, kind: CourtKind): Promise<CourtRef | null> {
  const kinds = kind === 'tribunal_judiciaire' ? ['tribunal_judiciaire'] : ['tribunal_commerce', 'tribunal_activites_economiques'];
  const kindList = `{${kinds.join(',')}}`;
  const byCommune = await exec<CourtRow>(
    `select ${courtColumns} from court_competence cc join court c on c.id = cc.court_id
      where cc.postal_code = ? and cc.commune_name = ? and c.kind = any(?::text[]) order by c.kind desc limit 1`,
    [address.postalCode.trim(), normaliseCommune(address.city), kindList],
  );
  if (byCommune[0]) return toCourtRef(byCommune[0]);
  const byPostalCode = await exec<CourtRow>(
    `select distinct ${courtColumns} from court_competence cc join court c on c.id = cc.court_id
      where cc.postal_code = ? and c.kind = any(?::text[]) limit 2`,
    [address.postalCode.trim(), kindList],
  );
  return byPostalCode.length === 1 && byPostalCode[0] ? toCourtRef(byPostalCode[0]) : null;
}

/** A court by id (a manual choice), or null. */
export async function courtById(exec: SqlExec, id: string): Promise<CourtRef | null> {
  const [row] = await exec<CourtRow>(`select ${courtColumns} from court c where c.id = ?`, [id]);
  return row ? toCourtRef(row) : null;
}

type CommissaireRow = { id: string; etude: string; name: string; address_line1: string; postal_code: string; city: string; email: string | null; accepts_email: boolean };

function toCommissaireRef(row: CommissaireRow): CommissaireRefDto {
  return {
    id: row.id,
    etude: row.etude,
    name: row.name,
    addressLine1: row.address_line1,
    postalCode: row.postal_code,
    city: row.city,
    email: row.email,
    acceptsEmail: row.accepts_email,
  };
}

const commissaireColumns = 'id, etude, name, address_line1, postal_code, city, email, accepts_email';

/** An active commissaire serving the cour d'appel district (the one taking e-mail first), or null. */
export async function findCommissaire(exec: SqlExec, courAppel: string | null): Promise<CommissaireRefDto | null> {
  if (!courAppel) return null;
  const [row] = await exec<CommissaireRow>(
    `select ${commissaireColumns} from commissaire where active and ? = any(cour_appel_districts) order by accepts_email desc, etude limit 1`,
    [courAppel],
  );
  return row ? toCommissaireRef(row) : null;
}

export async function commissaireById(exec: SqlExec, id: string): Promise<CommissaireRefDto | null> {
  const [row] = await exec<CommissaireRow>(`select ${commissaireColumns} from commissaire where id = ? and active`, [id]);
  return row ? toCommissaireRef(row) : null;
}

/**
 * The cour d'appel district of the debtor's domicile: that of the tribunal judiciaire competent
 * for the address (every commune belongs to one), found in the directory.
 */
export async function courAppelOf(exec: SqlExec, address: DebtorAddress): Promise<string | null> {
  const court = await findCourt(exec, address, 'tribunal_judiciaire');
  return court?.courAppel ?? null;
}
