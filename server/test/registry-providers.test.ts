import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { registryProviderOf } from '../src/features/registry/provider-of.ts';
import { fromBodacc, mandataireOf } from '../src/features/registry/providers/bodacc.ts';
import { localRegistry } from '../src/features/registry/providers/local.ts';
import { pappersRegistry } from '../src/features/registry/providers/pappers.ts';
import { type HttpGet, RegistryUnavailableError } from '../src/features/registry/providers/provider.ts';
import { sireneBodaccRegistry } from '../src/features/registry/providers/sirene.ts';

/**
 * Issue 23: each provider's mapping, against responses recorded in the providers' published formats
 * (server/test/fixtures/registry/), served by a fake HTTP GET that also records what was asked.
 */
const fixture = (name: string): unknown => JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures', 'registry', name), 'utf8'));

function recorded(routes: Record<string, { status: number; body: unknown } | (() => never)>): HttpGet & { calls: { url: string; headers: Record<string, string> }[] } {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const http = async (url: string, headers: Record<string, string>) => {
    calls.push({ url, headers });
    const route = Object.entries(routes).find(([prefix]) => url.startsWith(prefix))?.[1];
    if (!route) return { status: 404, body: { error: 'not found' } };
    if (typeof route === 'function') return route();
    return route;
  };
  return Object.assign(http, { calls });
}

const BATI_OUEST_PROCEEDING = {
  type: 'redressement',
  judgmentDate: '2026-10-28',
  publicationDate: '2026-11-02',
  court: 'Tribunal de commerce de Nantes',
  mandataire: { name: 'SELARL Mandataires Atlantique', address: '8 quai de la Fosse, 44000 Nantes' },
};

describe('Pappers (GET /v2/entreprise?siren=, header api-key)', () => {
  it('maps the company, its head office, its status and its collective proceedings with their BODACC publication', async () => {
    const http = recorded({ 'https://api.pappers.fr/v2/entreprise?siren=552032534': { status: 200, body: fixture('pappers-entreprise.json') } });
    const record = await pappersRegistry({ apiKey: 'pk_test', http }).lookup('552032534');
    expect(http.calls).toEqual([{ url: 'https://api.pappers.fr/v2/entreprise?siren=552032534', headers: { 'api-key': 'pk_test' } }]);
    expect(record).toEqual({
      siren: '552032534',
      name: 'BATI OUEST',
      legalForm: 'SAS, société par actions simplifiée',
      nafCode: '4120A',
      address: { line1: '4 RUE DES FORGES', postalCode: '44000', city: 'NANTES' },
      addressSince: null,
      status: 'active',
      createdOn: '2012-03-01',
      proceedings: [BATI_OUEST_PROCEEDING],
    });
  });

  it('a struck-off company is ceased; 404 is an unknown SIREN; 503, 429 and a network error are "unavailable" (retried)', async () => {
    const radiee = recorded({ 'https://api.pappers.fr/v2/entreprise': { status: 200, body: fixture('pappers-radiee.json') } });
    expect(await pappersRegistry({ apiKey: 'k', http: radiee }).lookup('443061841')).toMatchObject({ status: 'ceased', proceedings: [], nafCode: '1623Z' });
    expect(await pappersRegistry({ apiKey: 'k', http: recorded({}) }).lookup('443061841')).toBeNull();
    for (const status of [503, 429, 401]) {
      const failing = recorded({ 'https://api.pappers.fr': { status, body: { error: 'x' } } });
      await expect(pappersRegistry({ apiKey: 'k', http: failing }).lookup('443061841')).rejects.toBeInstanceOf(RegistryUnavailableError);
    }
    const offline = recorded({ 'https://api.pappers.fr': () => { throw new Error('getaddrinfo ENOTFOUND api.pappers.fr'); } });
    await expect(pappersRegistry({ apiKey: 'k', http: offline }).lookup('443061841')).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});

describe('INSEE SIRENE 3.11 (siren, siret of the head office) + BODACC open data', () => {
  const routes = {
    'https://api.insee.fr/api-sirene/3.11/siren/552032534': { status: 200, body: fixture('sirene-siren.json') },
    'https://api.insee.fr/api-sirene/3.11/siret/55203253400027': { status: 200, body: fixture('sirene-siret.json') },
    'https://bodacc-datadila.opendatasoft.com/api/explore/v2.1/catalog/datasets/annonces-commerciales/records': { status: 200, body: fixture('bodacc-records.json') },
  };

  it('maps the legal unit, the head office address and its date, and the opening judgment published in the BODACC', async () => {
    const http = recorded(routes);
    const record = await sireneBodaccRegistry({ apiKey: 'insee-key', http }).lookup('552032534');
    expect(record).toEqual({
      siren: '552032534',
      name: 'BATI OUEST',
      legalForm: 'Société par actions simplifiée',
      nafCode: '4120A',
      address: { line1: '27 boulevard DES ENTREPRENEURS', postalCode: '44300', city: 'NANTES' },
      addressSince: '2026-10-01',
      status: 'active',
      createdOn: '2012-03-01',
      proceedings: [{ ...BATI_OUEST_PROCEEDING, court: 'TRIBUNAL DE COMMERCE DE NANTES', mandataire: { name: 'SELARL Mandataires Atlantique, Me Claire Moreau', address: '8 quai de la Fosse 44000 Nantes' } }],
    });
    expect(http.calls.map((call) => call.url.split('?')[0])).toEqual([
      'https://api.insee.fr/api-sirene/3.11/siren/552032534',
      'https://api.insee.fr/api-sirene/3.11/siret/55203253400027',
      'https://bodacc-datadila.opendatasoft.com/api/explore/v2.1/catalog/datasets/annonces-commerciales/records',
    ]);
    expect(http.calls[0]?.headers).toEqual({ 'X-INSEE-Api-Key-Integration': 'insee-key' });
    expect(decodeURIComponent(http.calls[2]?.url ?? '')).toContain('where=registre like "552032534" and familleavis="collective"');
  });

  it('BODACC: the first publication of an opening judgment counts (a rectification does not move the deadline); plans are not openings', () => {
    const body = fixture('bodacc-records.json') as { results: Parameters<typeof fromBodacc>[0] };
    const proceedings = fromBodacc(body.results);
    expect(proceedings).toHaveLength(1);
    expect(proceedings[0]?.publicationDate).toBe('2026-11-02');
    expect(fromBodacc((fixture('bodacc-empty.json') as { results: [] }).results)).toEqual([]);
    expect(mandataireOf('Jugement de conversion en liquidation judiciaire désignant liquidateur Me Paul Girard, 3 cours de l’Intendance 33000 Bordeaux.')).toEqual({
      name: 'Me Paul Girard',
      address: '3 cours de l’Intendance 33000 Bordeaux',
    });
  });

  it('a ceased legal unit (état C) is ceased; an unknown SIREN is null; SIRENE down is unavailable', async () => {
    const ceased = structuredClone(fixture('sirene-siren.json')) as { uniteLegale: { periodesUniteLegale: { etatAdministratifUniteLegale: string }[] } };
    (ceased.uniteLegale.periodesUniteLegale[0] as { etatAdministratifUniteLegale: string }).etatAdministratifUniteLegale = 'C';
    const http = recorded({ ...routes, 'https://api.insee.fr/api-sirene/3.11/siren/552032534': { status: 200, body: ceased } });
    expect((await sireneBodaccRegistry({ apiKey: 'k', http }).lookup('552032534'))?.status).toBe('ceased');
    expect(await sireneBodaccRegistry({ apiKey: 'k', http: recorded({}) }).lookup('552032534')).toBeNull();
    const down = recorded({ 'https://api.insee.fr': { status: 500, body: null } });
    await expect(sireneBodaccRegistry({ apiKey: 'k', http: down }).lookup('552032534')).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});

describe('the local registry (seeds/ and REGISTRY_FIXTURES)', () => {
  it('reads the file at each lookup, which wins over the demo companies; an unreadable file is "unavailable"', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relance-local-registry-')), 'companies.json');
    writeFileSync(path, JSON.stringify([{ siren: '552032534', name: 'BATI OUEST', status: 'ceased' }]));
    const local = localRegistry({ fixturesPath: path });
    expect(await local.lookup('552032534')).toMatchObject({ name: 'BATI OUEST', status: 'ceased', proceedings: [], address: null });
    expect(await local.lookup('000000000')).toBeNull();
    writeFileSync(path, '{ not json');
    await expect(local.lookup('552032534')).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(localRegistry({ fixturesPath: join(tmpdir(), 'missing-registry.json') }).lookup('552032534')).rejects.toBeInstanceOf(RegistryUnavailableError);
  });

  it('knows the demo companies, one of them in redressement judiciaire', async () => {
    const { demoRegistryCompanies } = await import('@relance/seeds/demo-registry');
    const companies = demoRegistryCompanies('2026-11-23');
    const inRedressement = companies.find((company) => company.proceedings.some((proceeding) => proceeding.type === 'redressement'));
    expect(inRedressement).toBeDefined();
    expect(await localRegistry({ fixturesPath: undefined }).lookup(inRedressement?.siren ?? '')).toMatchObject({ proceedings: [{ type: 'redressement', publicationDate: '2026-11-30' }] });
    expect(companies.some((company) => company.status === 'ceased' && company.proceedings.length === 0)).toBe(true);
  });
});

describe('configuration', () => {
  it('REGISTRY_PROVIDER picks the provider; a real provider without its key is refused at start', () => {
    expect(registryProviderOf(parseConfig({}).registry).name).toBe('local');
    expect(registryProviderOf(parseConfig({ REGISTRY_PROVIDER: 'pappers', PAPPERS_API_KEY: 'k' }).registry).name).toBe('pappers');
    expect(registryProviderOf(parseConfig({ REGISTRY_PROVIDER: 'sirene+bodacc', INSEE_API_KEY: 'k' }).registry).name).toBe('sirene+bodacc');
    expect(() => parseConfig({ REGISTRY_PROVIDER: 'pappers' })).toThrow(/PAPPERS_API_KEY/);
    expect(() => parseConfig({ REGISTRY_PROVIDER: 'sirene+bodacc' })).toThrow(/INSEE_API_KEY/);
  });
});
