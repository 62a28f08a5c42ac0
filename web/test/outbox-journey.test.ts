import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, shot, signIn, startJourney, verifyOnPortal } from './browser-harness.ts';

/**
 * Messages to debtors in Chromium (issue 6): an agent sends the R124-4 letter by e-mail and by
 * post from a case, sees them go out and the evidence kept, adds a file; the outbox shows the
 * e-mail as the debtor received it (it really went over SMTP to the app's demo mailbox, as in
 * `npm start`); the debtor finds "Vos courriers" on their page.
 */
let journey: Journey;
let base: string;
let caseId: string;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  // As in `npm start` without SMTP_URL, the harness's in-app mailbox receives the e-mails.
  // The demo agency prints its IBAN alone (SEPA); a consumer debtor with an e-mail, a phone and an address.
  const [row] = await journey.t.orm.em.fork().execute<{ id: string }[]>(
    `select c.id from collection_case c join debtor d on d.id = c.debtor_id
      where d.kind = 'person' and c.status <> 'closed'
        and exists (select 1 from debtor_email e where e.debtor_id = d.id and e.valid)
        and exists (select 1 from debtor_address a where a.debtor_id = d.id and a.valid)
        and c.mise_en_demeure_on is null
      order by c.reference limit 1`,
  );
  if (!row) throw new Error('no reachable consumer case in the demo data');
  caseId = row.id;
});
afterAll(async () => {
  await journey?.close();
});

async function send(page: Page, channel: string, template: string) {
  const before = (await page.$$('[data-testid="case-message-row"]')).length;
  await page.select('[data-testid="send-channel"]', channel);
  await page.select('[data-testid="send-template"]', template);
  await page.click('[data-testid="send-message"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="case-message-row"]').length > n, {}, before);
}

describe('messages and evidence, in Chromium', () => {
  it('an agent sends the first letter by e-mail and by post; both go out and their evidence is kept; a file is added', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-messages"]');
    await page.waitForSelector('[data-testid="case-documents"] [data-testid="empty-state"]');
    await send(page, 'email', 'first_letter');
    await send(page, 'letter', 'first_letter');
    // The worker renders, checks and sends; the list follows (sent, then delivered).
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid="case-message-row"]')];
        return rows.length === 2 && rows.every((row) => ['sent', 'delivered'].includes(row.getAttribute('data-status') ?? ''));
      },
      { timeout: 30_000 },
    );
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="document-row"][data-kind="letter"]');
    await page.waitForSelector('[data-testid="document-row"][data-kind="email"]');

    const input = await page.waitForSelector('[data-testid="case-documents"] input[type="file"]');
    await page.type('[data-testid="document-title"]', 'Courrier du débiteur');
    const file = `${journey.t.config.dataDir}/reponse-debiteur.txt`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'Madame, Monsieur,\nJe conteste le montant de la facture.\n');
    await input?.uploadFile(file);
    await page.waitForSelector('[data-testid="document-uploaded"]');
    await page.waitForSelector('[data-testid="document-row"][data-kind="upload"]');
    await shot(page, '30-case-messages-and-documents');
    const panels = await page.$('[data-testid="case-messages"]');
    await panels?.screenshot({ path: 'test-artifacts/screenshots/30b-case-messages.png' });
    const documents = await page.$('[data-testid="case-documents"]');
    await documents?.screenshot({ path: 'test-artifacts/screenshots/30c-case-documents.png' });
    await page.close();
  });

  it('the outbox lists them and shows the e-mail as the debtor received it', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-outbox"]');
    await page.click('[data-testid="nav-outbox"]');
    await page.waitForSelector('[data-testid="outbox-row"]');
    await shot(page, '31-outbox');
    await page.select('[data-testid="outbox-channel"]', 'email');
    await page.waitForFunction(() => {
      // Not an empty list (the filtered page loading): at least one row, every one an e-mail.
      const rows = [...document.querySelectorAll('[data-testid="outbox-row"]')];
      return rows.length > 0 && rows.every((row) => row.getAttribute('data-channel') === 'email');
    });
    await page.click('[data-testid="outbox-row"] [data-testid="outbox-view"]');
    await page.waitForSelector('[data-testid="preview-html"]');
    const from = await page.$eval('[data-testid="preview-from"]', (el) => el.textContent ?? '');
    expect(from).toContain('@');
    const frame = await (await page.waitForSelector('[data-testid="preview-html"]'))?.contentFrame();
    const body = await frame?.evaluate(() => document.body.textContent ?? '');
    expect(body).toContain('Les frais de recouvrement entrepris sans titre exécutoire');
    await shot(page, '32-outbox-email-preview');
    await page.close();
  });

  it('the debtor finds the letter and the e-mail under "Vos courriers" on their page', async () => {
    const link = await journey.t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/portal-link`,
      headers: { authorization: `Bearer ${await staffToken()}` },
    });
    const page = await journey.newPage();
    await page.goto(link.json().url, { waitUntil: 'networkidle0' });
    const [reference] = await journey.t.orm.em.fork().execute<{ reference: string }[]>('select reference from collection_case where id = ?', [caseId]);
    await verifyOnPortal(page, reference?.reference ?? '');
    await page.waitForSelector('[data-testid="portal-letter-row"]');
    expect(await page.$$('[data-testid="portal-letter-row"]')).toHaveLength(2);
    await page.$eval('[data-testid="portal-letters"]', (el) => el.scrollIntoView());
    await shot(page, '33-portal-letters');
    await page.close();
  });
});

describe("a creditor's own wording, in Chromium", () => {
  it('the creditor writes its greeting and tone, sees them live in a letter on one of its cases, and saves', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'creditor1@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-letter-wording"]');
    await page.click('[data-testid="nav-letter-wording"]');
    await page.waitForSelector('[data-testid="wording-preview"]');
    await page.type('[data-testid="wording-greeting"]', 'Chère cliente, cher client,');
    await page.type('[data-testid="wording-tone"]', 'Un imprévu ? Appelez-nous : nous trouverons ensemble une solution.');
    await page.waitForFunction(
      () => {
        const frame = document.querySelector('[data-testid="wording-preview"]') as HTMLIFrameElement | null;
        return frame?.srcdoc.includes('Appelez-nous') ?? false;
      },
      { timeout: 20_000 },
    );
    await shot(page, '34-letter-wording-preview');
    await page.click('[data-testid="wording-save"]');
    // Issue 15: the creditor's wording is a proposal, in force once the agency approves it.
    await page.waitForFunction(() => document.body.textContent?.includes('Proposition envoyée') ?? false);
    await page.waitForSelector('[data-testid="wording-status"][data-status="pending"]');
    await shot(page, '35-letter-wording-pending');
    await page.close();
  });

  it("a manager reads the proposal as before/after and approves it; the creditor sees it in force", async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-letter-wording"]');
    await page.click('[data-testid="nav-letter-wording"]');
    await page.waitForSelector('[data-testid="wording-proposal"]');
    const after = await page.$$eval('[data-testid="wording-diff-after"]', (nodes) => nodes.map((node) => node.textContent));
    expect(after).toContain('Un imprévu ? Appelez-nous : nous trouverons ensemble une solution.');
    await shot(page, '36-wording-proposals');
    await page.click('[data-testid="wording-approve"]');
    await page.waitForFunction(() => document.body.textContent?.includes('Aucune proposition en attente') ?? false);
    await page.close();
    const creditor = await journey.newPage();
    await signIn(creditor, base, 'creditor1@relance.test', 'demo');
    await creditor.waitForSelector('[data-testid="nav-letter-wording"]');
    await creditor.click('[data-testid="nav-letter-wording"]');
    await creditor.waitForSelector('[data-testid="wording-status"][data-status="approved"]');
    await creditor.close();
  });
});

async function staffToken(): Promise<string> {
  const response = await journey.t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'agent1@relance.test', password: 'demo' } });
  return response.json().accessToken as string;
}
