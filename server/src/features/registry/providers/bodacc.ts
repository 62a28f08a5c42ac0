import type { RegistryProceedingRecord } from '@relance/domain/insolvency';
import { getOrUnavailable, type HttpGet, proceedingTypeOf } from './provider.ts';

// BODACC open data (DILA, on OpenDataSoft; no key), the commercial announcements dataset:
//   GET https://bodacc-datadila.opendatasoft.com/api/explore/v2.1/catalog/datasets/annonces-commerciales/records
//       ?where=registre like "<SIREN>" and familleavis="collective"&order_by=dateparution desc&limit=100
// Fields read per record: dateparution (publication day), tribunal, registre (the SIREN, spaced and
// not), and `jugement`, a JSON text: {famille, nature, date (judgment day), complementJugement
// (free text naming the mandataire judiciaire or liquidateur)}. Only opening judgments (and the
// conversion of a sauvegarde or redressement into a liquidation) are proceedings; plans, closures
// and claim lists are other announcements of the same family.

type BodaccRecord = { dateparution?: string; tribunal?: string | null; registre?: string[] | string | null; jugement?: string | null };
type BodaccJugement = { famille?: string; nature?: string; date?: string; complementJugement?: string };

/** "… Mandataire judiciaire : SELARL X, Me Y, 8 quai Z 44000 Nantes. Les créances …" as a name and an address. */
export function mandataireOf(text: string): { name: string; address: string | null } | null {
  const match = /(?:mandataire judiciaire|liquidateur(?: judiciaire)?)\s*:?\s*([^.;]+)/i.exec(text);
  if (!match?.[1]) return null;
  const parts = match[1].split(',').map((part) => part.trim()).filter((part) => part.length > 0);
  const firstAddress = parts.findIndex((part) => /^\d/.test(part));
  if (firstAddress <= 0) return { name: parts.join(', '), address: null };
  return { name: parts.slice(0, firstAddress).join(', '), address: parts.slice(firstAddress).join(', ') };
}

function parseJugement(text: string | null | undefined): BodaccJugement | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as BodaccJugement;
  } catch {
    return null;
  }
}

/** Whether the judgment opens a proceeding (or converts one into a liquidation). */
function opens(jugement: BodaccJugement): boolean {
  const words = `${jugement.famille ?? ''} ${jugement.nature ?? ''}`.toLowerCase();
  return words.includes('ouverture') || words.includes('conversion') || words.includes('prononçant la liquidation');
}

/** The BODACC records as proceedings, one per type and judgment day (exported for the recorded-response tests). */
export function fromBodacc(records: readonly BodaccRecord[]): RegistryProceedingRecord[] {
  const found = new Map<string, RegistryProceedingRecord>();
  for (const record of records) {
    const jugement = parseJugement(record.jugement);
    if (!jugement?.date || !opens(jugement)) continue;
    const type = proceedingTypeOf(jugement.nature ?? '');
    if (!type) continue;
    const key = `${type}|${jugement.date}`;
    const earlier = found.get(key);
    // A judgment published twice (a rectification) keeps its first publication: the deadline runs from it.
    if (earlier?.publicationDate && record.dateparution && earlier.publicationDate <= record.dateparution) continue;
    found.set(key, {
      type,
      judgmentDate: jugement.date,
      publicationDate: record.dateparution ?? null,
      court: record.tribunal ?? null,
      mandataire: mandataireOf(jugement.complementJugement ?? ''),
    });
  }
  return [...found.values()].sort((left, right) => left.judgmentDate.localeCompare(right.judgmentDate));
}

export async function bodaccProceedings(http: HttpGet, siren: string, baseUrl = 'https://bodacc-datadila.opendatasoft.com'): Promise<RegistryProceedingRecord[]> {
  const where = encodeURIComponent(`registre like "${siren}" and familleavis="collective"`);
  const url = `${baseUrl}/api/explore/v2.1/catalog/datasets/annonces-commerciales/records?where=${where}&order_by=dateparution%20desc&limit=100`;
  const answer = await getOrUnavailable(http, 'bodacc', url);
  if (answer.status !== 200) return [];
  const results = (answer.body as { results?: BodaccRecord[] } | null)?.results ?? [];
  return fromBodacc(results);
}
