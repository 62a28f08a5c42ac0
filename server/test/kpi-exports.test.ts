import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedValue } from '../src/features/exports/kpis.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCase, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 19: the KPIs of a period as CSV and XLSX (GET /api/v1/exports/kpis.:format), the same
// figures as GET /api/v1/reports/kpis, the same access rules, the creditor's name formula-safe.

let t: TestApp;
let creditor: { id: string };
let other: { id: string };
let creditorToken: string;
let otherToken: string;
let staffToken: string;
const EVIL = '=HYPERLINK("http://evil.test";"Cliquez")';
const PERIOD = 'from=2026-10-01&to=2026-11-30';

type Figure = { key: string; value: number | null; target: { threshold: number; unit: 'ratio' | 'days' } | null; met: boolean | null; numerator: number; denominator: number };

beforeAll(async () => {
  t = await createTestApp();
  creditor = await makeCreditor(t);
  other = await makeCreditor(t);
  const exec = emExec(t.orm.em.fork());
  await exec('update creditor set brand_display_name = ? where id = ?', [EVIL, creditor.id]);
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  otherToken = await login(t, await makeUser(t, 'creditor', other.id));
  staffToken = await login(t, await makeUser(t, 'manager'));
  // Placed 2026-10-01 (makeCase): 1 500 € and 400 € for the creditor, 700 € for the other one; 600 € then 400 € collected.
  const big = await makeCase(t, creditor.id, [{ amountCents: 150_000 }]);
  const small = await makeCase(t, creditor.id, [{ amountCents: 40_000 }]);
  await makeCase(t, other.id, [{ amountCents: 70_000 }]);
  for (const [caseId, cents, day] of [
    [big.id, 60_000, '2026-10-20'],
    [small.id, 40_000, '2026-11-10'],
  ] as const) {
    await exec('insert into payment_record (case_id, amount_cents, received_on, method) values (?, ?, ?, ?)', [caseId, cents, day, 'transfer']);
  }
  await exec(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Montant contesté', '2026-10-25T10:00:00Z', 'amicable')`, [
    big.id,
    creditor.id,
  ]);
});
afterAll(async () => t?.close());

async function get(url: string, token: string) {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

/** The CSV's sections: title → rows (header first). */
function sectionsOf(body: string): Map<string, string[][]> {
  const rows = parse(body.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true, skip_empty_lines: false }) as string[][];
  const sections = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') {
      current = null;
    } else if (current === null && row.length === 1) {
      current = [];
      sections.set(row[0] as string, current);
    } else if (current) {
      current.push(row);
    } else {
      sections.set(`preamble:${row[0]}`, [row]);
    }
  }
  return sections;
}

const frNumber = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

describe('the KPI export', () => {
  it('writes the API’s figures in CSV, one section per block, the creditor’s name escaped', async () => {
    const api = (await get(`/api/v1/reports/kpis?${PERIOD}`, creditorToken)).json();
    const response = await get(`/api/v1/exports/kpis.csv?${PERIOD}`, creditorToken);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const sections = sectionsOf(response.body);
    expect(sections.get('preamble:Créancier')?.[0]?.[1]).toBe(`'${EVIL}`);
    expect(response.body).not.toMatch(/;=HYPERLINK/);
    const indicators = sections.get('Indicateurs') ?? [];
    expect(indicators[0]).toEqual(['Code', 'Indicateur', 'Unité', 'Valeur', 'Sens de l’objectif', 'Objectif', 'Atteint', 'Numérateur', 'Dénominateur']);
    expect(indicators.length - 1).toBe(api.figures.length);
    for (const figure of api.figures as Figure[]) {
      const row = indicators.find((line) => line[0] === figure.key) as string[];
      const unit = figure.key.startsWith('collectionDelay') ? 'days' : 'ratio';
      expect(row[3], figure.key).toBe(frNumber(exportedValue(figure.value, unit)));
      expect(row[6]).toBe(figure.met === null ? '' : figure.met ? 'oui' : 'non');
      expect(Number(row[7])).toBe(figure.numerator);
      expect(Number(row[8])).toBe(figure.denominator);
    }
    const recovery = indicators.find((line) => line[0] === 'recoveryRate') as string[];
    expect(recovery.slice(3, 9)).toEqual(['52,63', '>', '90', 'non', '100000', '190000']);
    const amounts = sections.get('Montants') ?? [];
    expect(amounts.find((line) => line[0] === 'placedAmount')?.[2]).toBe('1900');
    expect(amounts.find((line) => line[0] === 'collectedInPeriod')?.[2]).toBe('1000');
    expect((sections.get('Ancienneté du solde ouvert (jours après échéance)') ?? []).length - 1).toBe(api.ageing.length);
    expect((sections.get('Entonnoir par étape') ?? []).length - 1).toBe(api.funnel.length);
    const byMonth = sections.get('Encaissé et reversé par mois') ?? [];
    expect(byMonth.slice(1).map((line) => [line[0], line[1]])).toEqual([
      ['2026-10', '600,00'],
      ['2026-11', '400,00'],
    ]);
  });

  it('writes one sheet per block in XLSX, the same figures', async () => {
    const api = (await get(`/api/v1/reports/kpis?${PERIOD}`, creditorToken)).json();
    const response = await get(`/api/v1/exports/kpis.xlsx?${PERIOD}`, creditorToken);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Période', 'Indicateurs', 'Montants', 'Ancienneté', 'Entonnoir', 'Cohortes', 'Par mois']);
    expect(workbook.getWorksheet('Période')?.getRow(1).getCell(2).value).toBe(EVIL);
    const sheet = workbook.getWorksheet('Indicateurs');
    for (const figure of api.figures as Figure[]) {
      let found = false;
      sheet?.eachRow((row) => {
        if (row.getCell(1).value !== figure.key) return;
        found = true;
        const unit = figure.key.startsWith('collectionDelay') ? 'days' : 'ratio';
        expect(row.getCell(4).value ?? null, figure.key).toBe(exportedValue(figure.value, unit));
        expect(row.getCell(8).value).toBe(figure.numerator);
      });
      expect(found, figure.key).toBe(true);
    }
  });

  it('keeps a creditor to its own figures; staff see one creditor or every creditor', async () => {
    expect((await get(`/api/v1/exports/kpis.csv?${PERIOD}&creditorId=${creditor.id}`, otherToken)).statusCode).toBe(404);
    const own = sectionsOf((await get(`/api/v1/exports/kpis.csv?${PERIOD}`, otherToken)).body);
    expect(own.get('Montants')?.find((line) => line[0] === 'placedCases')?.[2]).toBe('1');
    expect(own.get('Montants')?.find((line) => line[0] === 'placedAmount')?.[2]).toBe('700');
    const one = sectionsOf((await get(`/api/v1/exports/kpis.csv?${PERIOD}&creditorId=${other.id}`, staffToken)).body);
    expect(one.get('Montants')?.find((line) => line[0] === 'placedAmount')?.[2]).toBe('700');
    const all = await get(`/api/v1/exports/kpis.csv?${PERIOD}`, staffToken);
    const api = (await get(`/api/v1/reports/kpis?${PERIOD}`, staffToken)).json();
    const sections = sectionsOf(all.body);
    expect(sections.get('preamble:Créancier')?.[0]?.[1]).toBe('Tous les créanciers');
    expect(Number(sections.get('Montants')?.find((line) => line[0] === 'placedCases')?.[2])).toBe(api.placed.cases);
  });

  it('answers the KPI endpoint’s errors before any byte of a file', async () => {
    const reversed = await get('/api/v1/exports/kpis.csv?from=2026-11-30&to=2026-10-01', creditorToken);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('kpi_period_invalid');
    expect((await get('/api/v1/exports/kpis.pdf?from=2026-10-01&to=2026-11-30', creditorToken)).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/exports/kpis.csv?${PERIOD}` })).statusCode).toBe(401);
  });

  it('is documented in the OpenAPI document with all its statuses', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const path = Object.keys(doc.paths).find((key) => key.startsWith('/api/v1/exports/kpis.')) as string;
    expect(Object.keys(doc.paths[path].get.responses).sort()).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
  });
});
