import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCommune } from '../src/features/legal/venue.ts';
import { bearer, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 16, the court directory and the commissaires: the Ministry of Justice's file imported
// (counts, bad lines by line number, idempotent), the court found for an address whatever its
// spelling, who may write, and the commissaires' records.

const fixture = readFileSync(fileURLToPath(new URL('../../seeds/fixtures/courts-moj.csv', import.meta.url)));

let t: TestApp;
let admin: string;
let manager: string;
let agent: string;
let creditorUser: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t, await makeUser(t, 'admin'));
  manager = await login(t, await makeUser(t, 'manager'));
  agent = await login(t, await makeUser(t, 'agent'));
  creditorUser = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
});
afterAll(async () => t.close());

const upload = async (token: string, content: Buffer, name = 'competence.csv') => {
  const body = multipart({}, { name, type: 'text/csv', content });
  return await t.app.inject({ method: 'POST', url: '/api/v1/courts/import', headers: { ...bearer(token), ...body.headers }, payload: body.payload });
};
const get = async (url: string, token = manager) => await t.app.inject({ method: 'GET', url, headers: bearer(token) });
const send = async (method: 'POST' | 'PATCH', url: string, token: string, payload: Record<string, unknown>) =>
  await t.app.inject({ method, url, headers: bearer(token), payload });

describe('court directory import (Ministry of Justice format)', () => {
  it('imports the good lines, reports each bad one with its line number, skips other jurisdictions', async () => {
    const response = await upload(admin, fixture);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ lines: 16, accepted: 12, skipped: 1, rejected: 3, courtsCreated: 6, courtsUpdated: 0, competenceAdded: 12, competenceMoved: 0 });
    expect(report.problems).toEqual([
      { line: 14, reason: 'invalid_postal_code', column: 'code_postal', value: '4A230' },
      { line: 15, reason: 'missing_value', column: 'code_commune_insee', value: null },
      { line: 16, reason: 'unknown_court_type', column: 'type_juridiction', value: 'Tribunal fantaisiste' },
    ]);
    const [strasbourg] = await t.orm.em.fork().execute<{ address_line1: string; source: string; cour_appel: string }[]>(
      `select address_line1, source, cour_appel from court where code = 'TJ67482'`,
    );
    // A quoted field keeps its separator; the BOM does not reach the first header.
    expect(strasbourg).toEqual({ address_line1: '1 quai Finkmatt; entrée A', source: 'import', cour_appel: 'Colmar' });
    const [paris] = await t.orm.em.fork().execute<{ commune_name: string }[]>(`select commune_name from court_competence where commune_code = '75111'`);
    expect(paris?.commune_name).toBe('PARIS');
  });

  it('changes nothing when the same file comes again, and reads a comma-separated file without BOM', async () => {
    const again = await upload(admin, fixture);
    expect(again.json()).toMatchObject({ accepted: 12, rejected: 3, courtsCreated: 0, courtsUpdated: 0, competenceAdded: 0, competenceMoved: 0 });
    const commaSeparated = Buffer.from(
      'code_commune_insee,nom_commune,code_postal,type_juridiction,code_juridiction,nom_juridiction,cour_appel\n' +
        '44162,Saint-Herblain,44800,TJ,TJ44109,Tribunal judiciaire de Nantes,Rennes\n' +
        '44047,Couëron,44220,TJ,TJ44109,Tribunal judiciaire de Nantes,Rennes\n',
    );
    const comma = await upload(admin, commaSeparated);
    expect(comma.json()).toMatchObject({ lines: 2, accepted: 2, rejected: 0, courtsCreated: 0, courtsUpdated: 0, competenceAdded: 1 });
    const [nantes] = await t.orm.em.fork().execute<{ address_line1: string }[]>(`select address_line1 from court where code = 'TJ44109'`);
    expect(nantes?.address_line1).toBe('19 quai François Mitterrand');
  });

  it('refuses a file without the required columns (400 invalid_csv_header) and no file at all', async () => {
    const response = await upload(admin, Buffer.from('commune;ville\nNantes;Nantes\n'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_csv_header', details: { missing: expect.arrayContaining(['code_juridiction', 'type_juridiction']) } });
  });
});

describe('court lookup for an address', () => {
  it('normalises commune names: accents, case, hyphens, ST/SAINT, CEDEX, arrondissements', () => {
    expect(normaliseCommune('Saint-Étienne')).toBe('SAINT ETIENNE');
    expect(normaliseCommune('ST ETIENNE')).toBe('SAINT ETIENNE');
    expect(normaliseCommune('Ste-Foy-lès-Lyon')).toBe('SAINTE FOY LES LYON');
    expect(normaliseCommune('PARIS CEDEX 11')).toBe('PARIS');
    expect(normaliseCommune('Paris 11e Arrondissement')).toBe('PARIS');
    expect(normaliseCommune('Marseille 1er')).toBe('MARSEILLE');
    expect(normaliseCommune('Lyon 7ème')).toBe('LYON');
    expect(normaliseCommune("L'Haÿ-les-Roses")).toBe('L HAY LES ROSES');
  });

  const lookup = async (postalCode: string, city: string, kind = 'tribunal_judiciaire') =>
    (await get(`/api/v1/courts/lookup?postalCode=${postalCode}&city=${encodeURIComponent(city)}&kind=${kind}`)).json();

  it('finds the court for a postal code and a city however it is spelt', async () => {
    for (const city of ['Saint-Étienne', 'ST ETIENNE', 'st-etienne', 'Saint Etienne']) {
      expect([city, (await lookup('42000', city)).court?.code]).toEqual([city, 'TJ42218']);
    }
    expect((await lookup('44400', 'Reze')).court?.name).toBe('Tribunal judiciaire de Nantes');
    expect((await lookup('75011', 'Paris')).court?.code).toBe('TJ75056');
    expect((await lookup('13001', 'Marseille', 'tribunal_commerce')).court?.kind).toBe('tribunal_activites_economiques');
    // A CEDEX postal code: the commune in its département.
    expect((await lookup('44803', 'Saint-Herblain Cedex')).court?.code).toBe('TJ44109');
    // Alsace-Moselle has no tribunal de commerce: the tribunal judiciaire's commercial chamber.
    expect((await lookup('67000', 'Strasbourg', 'tribunal_commerce')).court?.code).toBe('TJ67482');
    expect((await lookup('29200', 'Brest')).court).toBeNull();
  });

  it('searches by name, commune served, postal code and kind', async () => {
    expect((await get('/api/v1/courts?q=herblain')).json().items.map((c: { code: string }) => c.code)).toEqual(['TC44109', 'TJ44109']);
    expect((await get('/api/v1/courts?postalCode=42&kind=tribunal_judiciaire')).json().items.map((c: { code: string }) => c.code)).toEqual(['TJ42218']);
    const first = (await get('/api/v1/courts?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(`/api/v1/courts?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].name > first.items[1].name).toBe(true);
    const detail = (await get(`/api/v1/courts/${first.items[0].id}`)).json();
    expect(detail.competence.length).toBe(detail.communes);
  });
});

describe('who may change the directory', () => {
  const manualCourt = {
    code: 'TJ-BREST',
    kind: 'tribunal_judiciaire',
    name: 'Tribunal judiciaire de Brest',
    addressLine1: '32 rue de Denver',
    postalCode: '29200',
    city: 'Brest',
    courAppel: 'Rennes',
    communes: [{ communeCode: '29019', postalCode: '29200', communeName: 'Brest' }],
  };

  it('lets an administrator add and correct a court by hand; a manager reads; agents and creditors neither', async () => {
    for (const token of [manager, agent, creditorUser]) {
      expect((await send('POST', '/api/v1/courts', token, manualCourt)).statusCode).toBe(403);
      expect((await upload(token, fixture)).statusCode).toBe(403);
    }
    // Agents read the directory (they choose a court when proposing a legal action); creditors do not.
    expect((await get('/api/v1/courts', agent)).statusCode).toBe(200);
    expect((await get('/api/v1/courts', creditorUser)).statusCode).toBe(403);
    const created = await send('POST', '/api/v1/courts', admin, manualCourt);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ source: 'manual', communes: 1, competence: [{ communeName: 'BREST' }] });
    expect((await send('POST', '/api/v1/courts', admin, manualCourt)).json().code).toBe('court_code_taken');
    expect((await send('PATCH', `/api/v1/courts/${created.json().id}`, manager, { phone: '02 98 00 00 00' })).statusCode).toBe(403);
    const patched = await send('PATCH', `/api/v1/courts/${created.json().id}`, admin, { phone: '02 98 00 00 00' });
    expect(patched.json()).toMatchObject({ phone: '02 98 00 00 00', communes: 1 });
    expect((await lookup2('29200', 'BREST')).court?.code).toBe('TJ-BREST');
  });

  const lookup2 = async (postalCode: string, city: string) => (await get(`/api/v1/courts/lookup?postalCode=${postalCode}&city=${city}`)).json();
});

describe('commissaires de justice', () => {
  const etude = {
    etude: 'SELARL Morvan & Associés',
    name: 'Me Claire Morvan',
    addressLine1: '5 rue de la Loire',
    postalCode: '44000',
    city: 'Nantes',
    email: 'etude@morvan.example.fr',
    acceptsEmail: true,
    courAppelDistricts: ['Rennes', ' Rennes', 'Angers'],
  };

  it('are added, listed by district, corrected and deactivated (never deleted) by managers; agents only read them, creditors not at all', async () => {
    for (const token of [agent, creditorUser]) expect((await send('POST', '/api/v1/commissaires', token, etude)).statusCode).toBe(403);
    expect((await get('/api/v1/commissaires', agent)).statusCode).toBe(200);
    expect((await get('/api/v1/commissaires', creditorUser)).statusCode).toBe(403);
    const created = await send('POST', '/api/v1/commissaires', manager, etude);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ acceptsEmail: true, courAppelDistricts: ['Rennes', 'Angers'], active: true });
    expect((await get('/api/v1/commissaires?district=angers')).json().items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await get('/api/v1/commissaires?district=Paris')).json().items).toEqual([]);

    const noEmail = await send('PATCH', `/api/v1/commissaires/${id}`, admin, { email: null, courAppelDistricts: ['Rennes'] });
    // Hand-overs by e-mail need an address.
    expect(noEmail.json()).toMatchObject({ email: null, acceptsEmail: false, courAppelDistricts: ['Rennes'] });
    const deactivated = await send('PATCH', `/api/v1/commissaires/${id}`, manager, { active: false });
    expect(deactivated.json().active).toBe(false);
    expect((await get('/api/v1/commissaires?active=true')).json().items.some((c: { id: string }) => c.id === id)).toBe(false);
    expect((await get(`/api/v1/commissaires/${id}`)).json().active).toBe(false);
    const [audit] = await t.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from audit_event where entity = 'commissaire' and entity_id = ?`, [id]);
    expect(audit?.n).toBe(3);
  });
});
