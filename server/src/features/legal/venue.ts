import type { CommissaireRefDto, CourtRef } from '@relance/contracts/legal-actions';
import type { CourtKind } from '@relance/domain/legal-costs';
import type { SqlExec } from '../../plugins/sql.ts';

// Where a judicial step goes, from the debtor's address: the competent court of the debtor's
// domicile (CPC 1406) in the court directory (court + court_competence, by commune), and a
// commissaire de justice serving the cour d'appel district that court belongs to (CPCE R125-1 for
// petites créances; an enforcement is handed to a commissaire of the district too).

export type DebtorAddress = { readonly line1: string; readonly postalCode: string; readonly city: string };

/**
 * A commune's name as the directory keeps it: upper case, no accents, no hyphens or apostrophes,
 * "ST"/"STE" spelled "SAINT"/"SAINTE", without a CEDEX suffix ("LYON CEDEX 03"), and Paris, Lyon
 * and Marseille without their arrondissement ("Paris 11e Arrondissement", "MARSEILLE 01" and
 * "Lyon 7ème" are PARIS, MARSEILLE, LYON: one tribunal judiciaire serves each whole city).
 */
export function normaliseCommune(name: string): string {
  return name
    .replace(/[œŒ]/g, 'OE')
    .replace(/[æÆ]/g, 'AE')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/['’`.-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\bSTE\b/g, 'SAINTE')
    .replace(/\bST\b/g, 'SAINT')
    .replace(/ CEDEX( \d+)?$/, '')
    .replace(/^(PARIS|LYON|MARSEILLE) (ARRONDISSEMENT )?\d{1,2}( ?(E|EME|ER|ERE))?( ARRONDISSEMENT)?$/, '$1');
}

/** The département of a postal code, as the first digits of the communes' postal codes (3 overseas). */
export function departementPrefix(postalCode: string): string {
  const code = postalCode.trim();
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * Bas-Rhin, Haut-Rhin and Moselle have no tribunal de commerce: the commercial chamber of the
 * tribunal judiciaire hears commercial claims there (C. com. L731-1 and following).
 */
const ALSACE_MOSELLE = new Set(['57', '67', '68']);

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
 * The court of `kind` competent for the address (CPC 1406), most precise answer first:
 * 1. the commune's row (postal code and normalised name);
 * 2. the only court of that kind for the postal code;
 * 3. the commune's name in the postal code's département, when it names one court (a CEDEX postal
 *    code, or a postal code the directory spells differently);
 * null when the directory has no answer (the screen then asks for a manual choice). A commercial
 * claim goes to the tribunal des activités économiques where one replaced the tribunal de
 * commerce: either kind answers for it; in Alsace-Moselle to the tribunal judiciaire (its
 * commercial chamber).
 */
/** Whether a court of kind `court` may hear a claim that goes to `expected` at this address (a court chosen by hand). */
export function courtKindFits(expected: CourtKind, court: CourtKind, address: DebtorAddress | null): boolean {
  if (expected === 'tribunal_judiciaire') return court === 'tribunal_judiciaire';
  if (court !== 'tribunal_judiciaire') return true;
  return address !== null && ALSACE_MOSELLE.has(departementPrefix(address.postalCode));
}

export async function findCourt(exec: SqlExec, address: DebtorAddress, kind: CourtKind): Promise<CourtRef | null> {
  const found = await findCourtOfKinds(exec, address, kind === 'tribunal_judiciaire' ? ['tribunal_judiciaire'] : ['tribunal_commerce', 'tribunal_activites_economiques']);
  if (found || kind === 'tribunal_judiciaire' || !ALSACE_MOSELLE.has(departementPrefix(address.postalCode))) return found;
  return await findCourtOfKinds(exec, address, ['tribunal_judiciaire']);
}

async function findCourtOfKinds(exec: SqlExec, address: DebtorAddress, kinds: readonly CourtKind[]): Promise<CourtRef | null> {
  const kindList = `{${kinds.join(',')}}`;
  const postalCode = address.postalCode.trim();
  const commune = normaliseCommune(address.city);
  const byCommune = await exec<CourtRow>(
    `select ${courtColumns} from court_competence cc join court c on c.id = cc.court_id
      where cc.postal_code = ? and cc.commune_name = ? and c.kind = any(?::text[]) order by c.kind desc, c.code limit 1`,
    [postalCode, commune, kindList],
  );
  if (byCommune[0]) return toCourtRef(byCommune[0]);
  const byPostalCode = await exec<CourtRow>(
    `select distinct ${courtColumns} from court_competence cc join court c on c.id = cc.court_id
      where cc.postal_code = ? and c.kind = any(?::text[]) limit 2`,
    [postalCode, kindList],
  );
  if (byPostalCode.length === 1 && byPostalCode[0]) return toCourtRef(byPostalCode[0]);
  if (byPostalCode.length > 1 || commune === '') return null;
  const byDepartement = await exec<CourtRow>(
    `select distinct ${courtColumns} from court_competence cc join court c on c.id = cc.court_id
      where cc.postal_code like ? and cc.commune_name = ? and c.kind = any(?::text[]) limit 2`,
    [`${departementPrefix(postalCode)}%`, commune, kindList],
  );
  return byDepartement.length === 1 && byDepartement[0] ? toCourtRef(byDepartement[0]) : null;
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
