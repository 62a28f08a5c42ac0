import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addYears } from '../../packages/domain/src/dates.ts';
import { legalDeadlines } from '../../packages/domain/src/legal-procedure.ts';
import { createCaseViaApi, uniqueRef } from '../../server/test/case-factories.ts';
import { login, makeCreditor, makeUser } from '../../server/test/factories.ts';
import { todayInParis } from '../src/shared/dates.ts';
import { type Journey, setDate, setValue, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The judicial phase in Chromium (issue 16): an agent proposes an injonction de payer on a B2B case
 * whose mise en demeure was presented more than 8 days ago (every pre-check passes, the court is
 * found); the creditor approves on its /legal page, a manager on the case's Procédure panel, which
 * then says the action is ready; an agent records the filing, the order and its service, and the
 * panel shows the service (CPC 1411) and opposition (CPC 1416) deadlines with the days left.
 */
let journey: Journey;
let base: string;
let caseId: string;
let creditorUser: { email: string; password: string };

const sql = async <T>(text: string, params: unknown[] = []) => (await journey.t.orm.em.fork().execute(text, params)) as T[];

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  const t = journey.t;
  const today = todayInParis(journey.now());
  const creditor = await makeCreditor(t, { kind: 'company', legalName: uniqueRef('Fournitures Martin SAS') });
  creditorUser = await makeUser(t, 'creditor', creditor.id);
  // The debtor's domicile decides the court (CPC 1406): a court and its competence for 75002.
  const [court] = await sql<{ id: string }>(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     values (?, 'tribunal_activites_economiques', 'Tribunal des activités économiques de Paris', '1 quai de la Corse', '75004', 'Paris', 'Paris', 'manual') returning id`,
    [uniqueRef('TAE-PARIS')],
  );
  await sql(`insert into court_competence (court_id, commune_code, postal_code, commune_name) values (?, '75102', '75002', 'PARIS')`, [court?.id]);
  const created = await createCaseViaApi(t, await login(t, creditorUser), {
    debtor: { type: 'company', name: uniqueRef('Débitrice SARL'), address: { line1: '10 rue du Sentier', postalCode: '75002', city: 'Paris' } },
    claims: [
      { ref: uniqueRef('FAC-A'), dueDate: addDays(today, -160), amountCents: 1_200_00 },
      { ref: uniqueRef('FAC-B'), dueDate: addDays(today, -130), amountCents: 800_00 },
    ],
    // Presented 17 days ago: more than the 8 days the agency asks before going to court.
    miseEnDemeureDate: addDays(today, -17),
  });
  caseId = created.id;
});
afterAll(async () => {
  await journey?.close();
});

async function openCase(page: Page) {
  await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-testid="legal-panel"]');
}

/** The panel alone (the fixed top bar hidden, else it covers the panel's top). */
async function panelShot(page: Page, name: string) {
  await page.$eval('header', (el) => {
    (el as HTMLElement).style.visibility = 'hidden';
  });
  const panel = await page.$('[data-testid="legal-panel"]');
  await panel?.screenshot({ path: `test-artifacts/screenshots/${name}.png` });
  await page.$eval('header', (el) => {
    (el as HTMLElement).style.visibility = '';
  });
}

async function recordEvent(page: Page, event: string, date: string, stage: string, amount?: string) {
  await page.waitForSelector('[data-testid="legal-event-form"]');
  await page.select('[data-testid="legal-event-kind"]', event);
  await setDate(page, 'legal-event-date', date);
  if (amount) await setValue(page, 'legal-event-amount', amount);
  await page.click('[data-testid="legal-event-submit"]');
  await page.waitForSelector(`[data-testid="legal-action"][data-stage="${stage}"]`);
}

describe('the judicial phase in Chromium', () => {
  it('an agent proposes an injonction de payer after reading every pre-check', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await openCase(page);
    await page.waitForSelector('[data-testid="legal-precheck"][data-ok="true"]');
    const statuses = await page.$$eval('[data-testid="legal-check"]', (items) => items.map((item) => item.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 'pass')).toBe(true);
    expect(await page.$eval('[data-testid="legal-court"]', (el) => el.textContent)).toContain('Tribunal des activités économiques de Paris');
    expect(await page.$$('[data-testid="legal-cost-line"]')).not.toHaveLength(0);
    await panelShot(page, '70-legal-precheck');
    await page.type('[data-testid="legal-note"]', 'Relances amiables sans effet, débiteur solvable.');
    await page.click('[data-testid="legal-propose"]');
    await page.waitForSelector('[data-testid="legal-action"][data-stage="proposed"]');
    const awaiting = await page.$$eval('[data-testid="legal-approval"]', (items) => items.map((item) => item.getAttribute('data-decision')));
    expect(awaiting).toEqual(['awaiting', 'awaiting']);
    // An agent does not decide for the agency.
    expect(await page.$('[data-testid="legal-approve"]')).toBeNull();
    await page.close();
  });

  it('the creditor approves its proposal on the /legal page, with the costs it will bear', async () => {
    const page = await journey.newPage();
    await signIn(page, base, creditorUser.email, creditorUser.password);
    await page.waitForSelector('[data-testid="nav-legal"]');
    await page.click('[data-testid="nav-legal"]');
    await page.waitForSelector('[data-testid="creditor-proposal"] [data-testid="legal-cost-total"]');
    expect(await page.$eval('[data-testid="proposal-claimed"]', (el) => el.textContent)).toMatch(/^2\s\d{3},\d\d\s€$/);
    await shot(page, '71-legal-creditor-proposals');
    await page.click('[data-testid="creditor-proposal"] [data-testid="legal-approve"]');
    // Approved: it moves to the procedures in progress once the agency approves too; until then it waits for the agency.
    await page.waitForSelector('[data-testid="legal-approval"][data-party="creditor"][data-decision="approve"]');
    expect(await page.$('[data-testid="legal-approve"]')).toBeNull();
    await page.close();
  });

  it('a manager sees it on the board and approves it on the case: the panel says it is ready', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/legal`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="legal-group"][data-group="approval"] [data-testid="legal-board-row"]');
    await page.waitForSelector('[data-testid="legal-chart"] svg');
    await shot(page, '72-legal-board');
    await page.click('[data-testid="legal-group"][data-group="approval"] [data-testid="legal-board-case"]');
    await page.waitForSelector('[data-testid="legal-approve"]');
    await page.click('[data-testid="legal-approve"]');
    await page.waitForSelector('[data-testid="legal-action"][data-stage="ready"]');
    await page.waitForSelector('[data-testid="legal-ready"]');
    expect(await page.$eval('[data-testid="legal-stage"]', (el) => el.textContent)).toContain('Prête');
    await panelShot(page, '73-legal-ready');
    // The filing documents are prepared on the second approval: the requête and the bordereau are listed, with the dossier's ZIP.
    await page.waitForSelector('[data-testid="legal-document"][data-role="requete"]');
    await page.waitForSelector('[data-testid="legal-document"][data-role="bordereau"]');
    await page.waitForSelector('[data-testid="legal-dossier-zip"]');
    await page.close();
  });

  it('an agent records filing, order and service: the panel shows the service and opposition deadlines', async () => {
    // The order of 15 January 2027 (the example), or the same days a year later if the
    // journey runs after them; the server's clock is moved to a Monday after the service.
    const today = todayInParis(journey.now());
    let years = 0;
    while (addYears('2027-01-05', years) <= today) years += 1;
    const on = (date: string) => addYears(date, years);
    const restore = journey.t.clock.now();
    journey.t.clock.set(`${on('2027-02-22')}T09:00:00Z`);
    try {
      const page = await journey.newPage();
      await signIn(page, base, 'agent1@relance.test', 'demo');
      await openCase(page);
      await page.waitForSelector('[data-testid="legal-action"][data-stage="ready"]');
      await recordEvent(page, 'filed', on('2027-01-05'), 'filed');
      await recordEvent(page, 'order_rendered', on('2027-01-15'), 'order_rendered', '2 000,00');
      await page.waitForSelector('[data-testid="legal-deadline"][data-name="service"][data-state="running"]');
      await recordEvent(page, 'served', on('2027-02-10'), 'served');

      const expected = legalDeadlines('injonction_de_payer', { orderOn: on('2027-01-15'), servedOn: on('2027-02-10'), invitationSentOn: null, titleOn: null });
      if (years === 0) expect(expected).toMatchObject({ service: '2027-07-15', opposition: '2027-03-10' });
      const deadlines = await page.$$eval('[data-testid="legal-deadline"]', (items) =>
        items.map((item) => ({ name: item.getAttribute('data-name'), date: item.getAttribute('data-date'), state: item.getAttribute('data-state') })),
      );
      expect(deadlines).toEqual(
        expect.arrayContaining([
          { name: 'service', date: expected.service, state: 'met' },
          { name: 'opposition', date: expected.opposition, state: 'running' },
        ]),
      );
      // 16 days before the opposition deadline: orange (under 30 days, not yet under 7).
      const daysLeft = await page.$eval('[data-testid="legal-deadline"][data-name="opposition"] [data-testid="days-left"]', (el) => ({
        days: Number(el.getAttribute('data-days')),
        urgency: el.getAttribute('data-urgency'),
      }));
      expect(daysLeft.days).toBeGreaterThan(7);
      expect(daysLeft).toMatchObject({ urgency: 'orange' });
      const events = await page.$$eval('[data-testid="legal-event"]', (items) => items.map((item) => item.getAttribute('data-event')));
      expect(events).toEqual(['filed', 'order_rendered', 'served']);
      // Filing took the case to the legal stage.
      await page.waitForSelector('[data-testid="case-status"][data-status="legal"]');
      // The greffe's fee advanced by the agency, borne by the creditor (no title yet): it joins the costs.
      await page.type('[data-testid="legal-cost-amount"]', '33,47');
      // Centred: the step notifications stacked at the bottom right would take a click near the edge.
      await page.$eval('[data-testid="legal-cost-submit"]', (el) => el.scrollIntoView({ block: 'center' }));
      await page.click('[data-testid="legal-cost-submit"]');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="legal-cost"]')].some((row) => row.textContent?.includes('33,47')));
      await panelShot(page, '74-legal-served-deadlines');
      // English is available: the same panel in English.
      await page.evaluate(() => {
        const en = [...document.querySelectorAll('[data-testid="language-toggle"] label')].find((label) => label.textContent === 'EN');
        (en as HTMLElement | undefined)?.click();
      });
      await page.waitForFunction(() => document.querySelector('[data-testid="legal-deadline"][data-name="opposition"]')?.textContent?.includes("Debtor's opposition"));
      await panelShot(page, '75-legal-served-deadlines-en');
      await page.close();
    } finally {
      journey.t.clock.set(restore);
    }
  });

  it('where the directory knows no court for the debtor, the agent chooses one before proposing', async () => {
    const t = journey.t;
    const today = todayInParis(journey.now());
    const { id } = await createCaseViaApi(t, await login(t, creditorUser), {
      debtor: { type: 'company', name: uniqueRef('Conserverie du Léon SAS'), address: { line1: '2 quai de la Douane', postalCode: '29999', city: 'Nulle-Part' } },
      claims: [{ ref: uniqueRef('FAC-C'), dueDate: addDays(today, -120), amountCents: 900_00 }],
      miseEnDemeureDate: addDays(today, -20),
    });
    const page = await journey.newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases/${id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="legal-check"][data-status="warn"]');
    await page.click('[data-testid="legal-venue-picker"]');
    await page.type('[data-testid="legal-venue-picker"]', 'activités économiques de Paris');
    await page.waitForFunction(() => [...document.querySelectorAll('[role="option"]')].some((option) => option.textContent?.includes('Tribunal des activités économiques de Paris')));
    await page.evaluate(() => {
      const option = [...document.querySelectorAll('[role="option"]')].find((item) => item.textContent?.includes('Tribunal des activités économiques de Paris'));
      (option as HTMLElement | undefined)?.click();
    });
    await page.click('[data-testid="legal-propose"]');
    await page.waitForSelector('[data-testid="legal-action"][data-stage="proposed"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="legal-action"]')?.textContent?.includes('Tribunal des activités économiques de Paris'));
    await page.close();
  });
});

