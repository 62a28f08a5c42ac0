import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditorReferenceFor } from '../../packages/domain/src/identifiers.ts';
import { demoAgency } from '../../seeds/src/demo.ts';
import { bearer, login } from '../../server/test/factories.ts';
import { todayInParis } from '../src/shared/dates.ts';
import { type Journey, setValue, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The money flow in Chromium (issue 17), as the agency's accountant (compta@relance.test): a
 * camt.053 whose credits bear the RF references of two demo cases (the references printed on their
 * letters) plus one credit nobody can identify is imported; the statement shows two entries matched
 * and one waiting; the waiting one is matched by hand from the reconciliation queue (search by case
 * reference); the trial balance has debits = credits and the client-funds check is green; a
 * remittance run for one creditor lists its statement PDF, invoice PDF and pain.001, each of which
 * downloads; the run is marked sent to the bank. All along, the shell calls no endpoint the
 * accountant is refused.
 */
let journey: Journey;
let base: string;
let workDir: string;
type DemoCase = { id: string; reference: string; creditor_id: string };
let cases: DemoCase[];

const sql = async <T>(text: string, params: unknown[] = []) => (await journey.t.orm.em.fork().execute(text, params)) as T[];

/** A camt.053.001.08 of one day on the client-funds account: credits only, closing = opening + credits. */
function camt053(statementId: string, day: string, credits: { cents: number; rf?: string; text?: string; name: string }[]): string {
  const amount = (cents: number) => (cents / 100).toFixed(2);
  const opening = 1_000_000;
  const closing = opening + credits.reduce((sum, credit) => sum + credit.cents, 0);
  const balance = (code: string, cents: number) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount(cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>`;
  const entries = credits.map((credit, index) => {
    const remittance = `${credit.text ? `<Ustrd>${credit.text}</Ustrd>` : ''}${
      credit.rf ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${credit.rf}</Ref></CdtrRefInf></Strd>` : ''
    }`;
    return `<Ntry><Amt Ccy="EUR">${amount(credit.cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>${statementId}-${index + 1}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>${credit.name}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>FR7610107001011234567890129</IBAN></Id></DbtrAcct></RltdPties><RmtInf>${remittance}</RmtInf></TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>MSG-${statementId}</MsgId><CreDtTm>${day}T20:00:00+01:00</CreDtTm></GrpHdr><Stmt><Id>${statementId}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>${day}T20:00:00+01:00</CreDtTm><FrToDt><FrDtTm>${day}T00:00:00+01:00</FrDtTm><ToDtTm>${day}T23:59:59+01:00</ToDtTm></FrToDt><Acct><Id><IBAN>${demoAgency.clientFundsIban}</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BICFI>BNPAFRPPXXX</BICFI></FinInstnId></Svcr></Acct>${balance('OPBD', opening)}${balance('CLBD', closing)}${entries.join('')}</Stmt></BkToCstmrStmt></Document>
`;
}

/** Every API answer of 400 or more the page received (the refresh cookie probe before signing in aside). */
function refusals(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    const url = response.url();
    if (response.status() >= 400 && url.includes('/api/') && !url.endsWith('/auth/refresh')) seen.push(`${response.status()} ${response.request().method()} ${url}`);
  });
  return seen;
}

async function open(page: Page, path: string, selector: string) {
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector(selector);
}

const attr = (page: Page, selector: string, name: string) => page.$eval(selector, (el, attribute) => el.getAttribute(attribute), name);

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  workDir = mkdtempSync(join(tmpdir(), 'relance-camt-'));
  // Three workable cases of one demo creditor: two paid by RF reference, one matched by hand.
  const [creditor] = await sql<{ creditor_id: string }>(
    `select creditor_id from collection_case where status in ('new', 'amicable') group by creditor_id having count(*) >= 3 order by count(*) desc limit 1`,
  );
  cases = await sql<DemoCase>(`select id, reference, creditor_id from collection_case where creditor_id = ? and status in ('new', 'amicable') order by reference limit 3`, [
    creditor?.creditor_id,
  ]);  // The demo's own statement left one credit waiting: the accountant settles it first (to its
  // suggested case), so the queue below holds only this journey's credit.
  const token = await login(journey.t, { email: 'compta@relance.test', password: 'demo' });
  const waiting = (await journey.t.app.inject({ method: 'GET', url: '/api/v1/bank-entries?status=unmatched', headers: bearer(token) })).json();
  for (const entry of waiting.items as { id: string; suggestions: { caseId: string }[] }[]) {
    const matched = await journey.t.app.inject({ method: 'POST', url: `/api/v1/bank-entries/${entry.id}/match`, headers: bearer(token), payload: { caseId: entry.suggestions[0]?.caseId } });
    expect(matched.statusCode, matched.body).toBe(200);
  }
});
afterAll(async () => {
  await journey?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('from a bank statement to a remittance, in Chromium', () => {
  let page: Page;
  let refused: string[];
  let runId: string;

  it('the accountant lands on Finance and sees no queue, no error', async () => {
    page = await journey.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    refused = refusals(page);
    await signIn(page, base, 'compta@relance.test', 'demo');
    await page.waitForSelector('[data-testid="bank-upload-form"]');
    expect(page.url()).toBe(`${base}/finance/bank`);
    expect(await page.$('[data-testid="nav-finance"]')).not.toBeNull();
    expect(await page.$('[data-testid="nav-dunning"]')).toBeNull();
    expect(await page.$('[data-testid="queue-next"]')).toBeNull();
    expect(await page.$$('.mantine-Notification-root')).toHaveLength(0);
  });

  it('imports a camt.053: two credits matched by their RF references, one waits', async () => {
    const [first, second] = cases;
    if (!first || !second) throw new Error('the demo data has no three workable cases of one creditor');
    const day = todayInParis(journey.now());
    const file = join(workDir, 'releve.xml');
    writeFileSync(
      file,
      camt053(`STMT-${day}`, day, [
        { cents: 120_00, rf: creditorReferenceFor(first.reference), name: 'PREMIER PAYEUR' },
        { cents: 80_00, rf: creditorReferenceFor(second.reference), name: 'SECOND PAYEUR' },
        { cents: 45_50, text: 'VIREMENT SANS REFERENCE', name: 'INCONNU SARL' },
      ]),
    );
    const input = (await page.$('[data-testid="bank-upload-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.click('[data-testid="bank-upload-submit"]');
    await page.waitForSelector('[data-testid="bank-upload-result"]');
    expect(await attr(page, '[data-testid="bank-upload-result"]', 'data-already')).toBe('false');
    await shot(page, 'money-01-imported');

    await page.click('[data-testid="bank-upload-open"]');
    await page.waitForSelector('[data-testid="bank-entries"]');
    const statuses = await page.$$eval('[data-testid="bank-entry-row"]', (rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(statuses.filter((status) => status === 'matched')).toHaveLength(2);
    expect(statuses.filter((status) => status === 'unmatched')).toHaveLength(1);
    const matchedCases = await page.$$eval('[data-testid="entry-case"]', (links) => links.map((link) => link.textContent));
    expect(matchedCases.sort()).toEqual([first.reference, second.reference].sort());
    await shot(page, 'money-02-statement');

    // The same file again creates nothing.
    await open(page, '/finance/bank', '[data-testid="bank-upload-form"]');
    const again = (await page.$('[data-testid="bank-upload-file"]')) as ElementHandle<HTMLInputElement>;
    await again.uploadFile(file);
    await page.click('[data-testid="bank-upload-submit"]');
    await page.waitForSelector('[data-testid="bank-upload-result"][data-already="true"]');
    // The demo's statement of the day and this one: nothing more.
    expect(await page.$$('[data-testid="bank-statement-row"]')).toHaveLength(2);
  });

  it('matches the unknown credit by hand from the reconciliation queue', async () => {
    const third = cases[2];
    if (!third) throw new Error('no third case');
    await open(page, '/finance/reconciliation', '[data-testid="unmatched-entry"]');
    expect(await page.$$('[data-testid="unmatched-entry"]')).toHaveLength(1);
    await shot(page, 'money-03-reconciliation');
    await setValue(page, 'case-search', third.reference);
    await page.waitForSelector('[data-testid="search-match"]');
    await page.click('[data-testid="search-match"]');
    await page.waitForSelector('[data-testid="empty-state"]');
    expect(await page.$$('[data-testid="unmatched-entry"]')).toHaveLength(0);
    // The credit is now a payment on that case.
    const [payment] = await sql<{ amount_cents: string }>(`select amount_cents from payment where case_id = ? and provider = 'camt053'`, [third.id]);
    expect(Number(payment?.amount_cents)).toBe(45_50);
  });

  it('undoes that match with a reason (a reversing entry, linked in the journal), then matches it again', async () => {
    const third = cases[2];
    if (!third) throw new Error('no third case');
    const row = `[data-testid="recent-match"][data-case-reference="${third.reference}"]`;
    await page.waitForSelector(row);
    await page.click(`${row} [data-testid="entry-unmatch"]`);
    await setValue(page, 'unmatch-reason', 'Virement du mauvais débiteur');
    await page.click('[data-testid="unmatch-submit"]');
    await page.waitForSelector('[data-testid="unmatched-entry"]');
    const live = await sql<{ count: string }>(`select count(*) as count from payment where case_id = ? and provider = 'camt053'`, [third.id]);
    expect(Number(live[0]?.count)).toBe(0);

    // The journal, filtered on the case through the URL, shows the reversal linked to what it reverses.
    await open(page, `/finance/journal?caseId=${third.id}`, '[data-testid="journal"]');
    expect(await page.$('[data-testid="journal-transaction"][data-kind="reversal"] [data-testid="journal-reverses"]')).not.toBeNull();
    expect(await page.$('[data-testid="journal-reversed-by"]')).not.toBeNull();
    await shot(page, 'money-03b-journal-reversal');

    await open(page, '/finance/reconciliation', '[data-testid="unmatched-entry"]');
    await setValue(page, 'case-search', third.reference);
    await page.waitForSelector('[data-testid="search-match"]');
    await page.click('[data-testid="search-match"]');
    await page.waitForSelector('[data-testid="empty-state"]');
  });

  it('the trial balance has debits = credits and the client-funds check is green', async () => {
    await open(page, '/finance/trial-balance', '[data-testid="trial-balance"]');
    expect(await attr(page, '[data-testid="tb-balanced"]', 'data-ok')).toBe('true');
    expect(await attr(page, '[data-testid="client-funds-check"]', 'data-ok')).toBe('true');
    const debit = await page.$eval('[data-testid="tb-total-debit"]', (el) => el.textContent);
    const credit = await page.$eval('[data-testid="tb-total-credit"]', (el) => el.textContent);
    expect(debit).toBe(credit);
    await shot(page, 'money-04-trial-balance');
  });

  it('creates a remittance run for one creditor, with its statement, invoice and pain.001', async () => {
    const creditorId = cases[0]?.creditor_id;
    await open(page, '/finance/remittances', `[data-testid="held-row"][data-creditor-id="${creditorId}"]`);
    await shot(page, 'money-05-held-funds');
    await page.click(`[data-testid="held-row"][data-creditor-id="${creditorId}"] [data-testid="run-create-one"]`);
    await page.waitForSelector('[data-testid="run"], [data-testid="error-state"]');
    expect(await page.$eval('body', (body) => body.querySelector('[data-testid="error-state"]')?.textContent ?? '')).toBe('');
    expect(await attr(page, '[data-testid="run"]', 'data-status')).toBe('draft');
    runId = page.url().split('/').pop() ?? '';
    const kinds = await page.$$eval('[data-testid="run-file"]', (rows) => rows.map((row) => row.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['statement', 'invoice', 'pain001']));
    expect(await page.$$('[data-testid="run-remittance"]')).toHaveLength(1);
    await shot(page, 'money-06-run');

    // Each file the page offers downloads (with the accountant's own session).
    const token = await login(journey.t, { email: 'compta@relance.test', password: 'demo' });
    const urls = await page.$$eval('[data-testid="run-file"] button', (buttons) => buttons.map((button) => button.getAttribute('data-url') ?? ''));
    for (const url of urls) {
      const response = await journey.t.app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(response.statusCode, url).toBe(200);
      expect(response.rawPayload.length, url).toBeGreaterThan(100);
    }
  });

  it('marks the run sent to the bank after a confirmation', async () => {
    await page.click('[data-testid="run-mark-sent"]');
    await page.waitForSelector('[data-testid="run-mark-sent-confirm"]');
    await page.click('[data-testid="run-mark-sent-confirm"]');
    await page.waitForSelector('[data-testid="run"][data-status="sent"]');
    expect(await page.$('[data-testid="run-mark-sent"]')).toBeNull();
    const [run] = await sql<{ status: string }>('select status from remittance_run where id = ?', [runId]);
    expect(run?.status).toBe('sent');
    await shot(page, 'money-07-run-sent');
    expect(refused).toEqual([]);
  });

  it("the creditor finds the remittance and its invoice on its Reversements page, and downloads the statement", async () => {
    const [user] = await sql<{ email: string }>(`select email from app_user where creditor_id = ? and role = 'creditor' order by email limit 1`, [cases[0]?.creditor_id]);
    if (!user) throw new Error('no demo user for that creditor');
    const creditor = await journey.newPage();
    await creditor.setViewport({ width: 1440, height: 900 });
    const creditorRefused = refusals(creditor);
    await signIn(creditor, base, user.email, 'demo');
    await creditor.waitForSelector('[data-testid="nav-remittances"]');
    await creditor.click('[data-testid="nav-remittances"]');
    await creditor.waitForSelector('[data-testid="own-remittance"]');
    expect(await creditor.$$('[data-testid="own-remittance"]')).toHaveLength(1);
    expect(await creditor.$$('[data-testid="invoice-row"]')).toHaveLength(1);
    const statementUrl = await attr(creditor, '[data-testid="own-statement-pdf"]', 'data-url');
    const token = await login(journey.t, { email: user.email, password: 'demo' });
    const pdf = await journey.t.app.inject({ method: 'GET', url: statementUrl ?? '', headers: bearer(token) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    await shot(creditor, 'money-08-creditor-remittances');
    expect(creditorRefused).toEqual([]);
  });
});
