import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, setDate, setValue, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * Case work in real Chromium (issue 5, the case screen): a manager sets the contact rules; an
 * agent sees before calling that the cap puts the next call off, is refused it and logs a note, is refused a
 * forbidden status change and then changes the status with a reason, schedules a callback and
 * flags a dispute; the manager finds the disputed case with the list's flag filter.
 */
let journey: Journey;
let base: string;
let newPage: () => Promise<Page>;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  newPage = journey.newPage;
});
afterAll(async () => journey?.close());

async function hasTimelineText(page: Page, text: string) {
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll('[data-testid="timeline-item"]')].some((item) => item.textContent?.includes(expected)),
    {},
    text,
  );
}

/** The visible part of the screen (the case screen is long): what a person sees first. */
async function screen(page: Page, name: string) {
  await page.screenshot({ path: `${import.meta.dirname}/../../test-artifacts/screenshots/${name}.png` });
}

async function openAction(page: Page, action: string) {
  await page.click('[data-testid="case-actions"]');
  await page.waitForSelector(`[data-testid="${action}"]`, { visible: true });
  await page.click(`[data-testid="${action}"]`);
}

describe('case work, in Chromium', () => {
  let caseUrl = '';

  it('a manager sets the contact rules: at most one contact per debtor over 7 days, warn', async () => {
    const manager = await newPage();
    await signIn(manager, base, 'manager@relance.test', 'demo');
    await manager.goto(`${base}/agency`, { waitUntil: 'networkidle0' });
    await manager.waitForSelector('[data-testid="contact-settings"]');
    await setValue(manager, 'contact-cap', '1');
    await manager.click('[data-testid="contact-mode-warn"]');
    await manager.click('[data-testid="contact-settings-submit"]');
    await manager.waitForFunction(() => document.body.textContent?.includes('Règles de contact enregistrées'));
    const [row] = await journey.t.orm.em.fork().execute<{ contact_cap_per_7_days: number; contact_rule_mode: string }[]>(
      'select contact_cap_per_7_days, contact_rule_mode from agency',
    );
    expect(row).toEqual({ contact_cap_per_7_days: 1, contact_rule_mode: 'warn' });
    await shot(manager, '20-manager-contact-settings');
    await manager.close();
  });

  it('the agent sees before calling that the cap puts the next call off, is refused it and logs a note', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases?status=new`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-row"]');
    // The contact check arrives after the case: let the screen settle before clicking in it.
    const checked = page.waitForResponse((response) => response.url().includes('/contact-check'));
    await page.click('[data-testid="case-row"]');
    await page.waitForSelector('[data-testid="case-detail"]');
    await checked;
    caseUrl = page.url();
    // A call goes to a phone number: give this debtor one, as an agent would have (the legal gate
    // refuses a call to a debtor without a valid phone).
    await journey.t.orm.em
      .fork()
      .execute(`insert into debtor_phone (debtor_id, phone) select debtor_id, '+33612345678' from collection_case where id = ? on conflict do nothing`, [
        caseUrl.split('/').at(-1),
      ]);
    const rechecked = page.waitForResponse((response) => response.url().includes('/contact-check'));
    await page.reload({ waitUntil: 'networkidle0' });
    await rechecked;
    // A first call reaches the cap of one contact.
    await page.select('[data-testid="call-outcome"]', 'no_answer');
    await page.type('[data-testid="call-note"]', 'Pas de réponse, messagerie pleine.');
    await page.click('[data-testid="call-submit"]');
    await hasTimelineText(page, 'messagerie pleine');
    // Before the next call: the screen says why calling again now is put off (warn mode relaxes
    // the hours only, never the cap), and logging it anyway is refused with the same reason.
    await page.waitForSelector('[data-testid="contact-rule-alert"][data-decision="deferred"] [data-testid="contact-rule-reason"][data-code="contact_cap_reached"]');
    await page.$eval('[data-testid="activity-form"]', (el) => el.scrollIntoView({ block: 'center' }));
    await screen(page, '21-agent-contact-rule-warning');
    await page.select('[data-testid="call-outcome"]', 'reached_debtor');
    await page.type('[data-testid="call-note"]', 'Le débiteur rappelle lui-même.');
    await page.click('[data-testid="call-submit"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="activity-form"]')?.textContent?.includes('Nombre maximal de contacts'));
    // A note is not a contact: it is logged.
    await page.click('[data-testid="activity-kind"] input[value="note"] + label');
    await page.waitForSelector('[data-testid="call-outcome"]', { hidden: true });
    await page.click('[data-testid="call-submit"]');
    await hasTimelineText(page, 'rappelle lui-même');
    await page.close();
  });

  it('changes the status with a reason; escalation is not offered there but in the Procédure panel', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(caseUrl, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-status"][data-status="new"]');
    await openAction(page, 'action-status');
    await page.waitForSelector('[data-testid="status-form"]');
    // Going to court is a legal action (the Procédure panel), no longer a status chosen here (issue 16).
    const choices = await page.$$eval('[data-testid="status-select"] option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(choices).not.toContain('legal');
    expect(choices).not.toContain('bailiff');
    await page.waitForSelector('[data-testid="status-legal-link"]');
    await screen(page, '22-agent-status-form');
    await page.select('[data-testid="status-select"]', 'amicable');
    await setValue(page, 'status-reason', 'Premier contact établi avec le débiteur');
    await page.click('[data-testid="status-submit"]');
    await page.waitForSelector('[data-testid="case-status"][data-status="amicable"]');
    await hasTimelineText(page, 'Premier contact établi avec le débiteur');
    await page.close();
  });

  it('schedules a callback and flags a dispute: contact is paused and shown as such', async () => {
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(caseUrl, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-detail"]');
    await openAction(page, 'action-callback');
    await page.waitForSelector('[data-testid="callback-form"]');
    const tomorrow = new Date(journey.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    await setDate(page, 'callback-date', tomorrow);
    await setDate(page, 'callback-time', '10:30');
    await page.click('[data-testid="callback-submit"]');
    await page.waitForSelector('[data-testid="flag-callback"]');
    await hasTimelineText(page, '10:30');
    // Cancelled from the same menu, then scheduled again.
    await page.waitForSelector('[data-testid="callback-form"]', { hidden: true });
    // Focus is back on the actions button after the dialog closed: the "a" key opens the menu.
    await page.keyboard.press('a');
    await page.waitForSelector('[data-testid="action-cancel-callback"]', { visible: true });
    await page.click('[data-testid="action-cancel-callback"]');
    await page.waitForSelector('[data-testid="flag-callback"]', { hidden: true });
    await openAction(page, 'action-callback');
    await page.waitForSelector('[data-testid="callback-form"]');
    await setDate(page, 'callback-date', tomorrow);
    await setDate(page, 'callback-time', '10:30');
    await page.click('[data-testid="callback-submit"]');
    await page.waitForSelector('[data-testid="flag-callback"]');

    // The keyboard opens the same menu.
    await page.keyboard.press('a');
    await page.waitForSelector('[data-testid="action-dispute"]', { visible: true });
    await page.click('[data-testid="action-dispute"]');
    await page.waitForSelector('[data-testid="dispute-form"]');
    await page.type('[data-testid="dispute-text"]', 'Le débiteur conteste la facture : marchandise jamais livrée.');
    await page.click('[data-testid="dispute-submit"]');
    await page.waitForSelector('[data-testid="flag-dispute"]');
    await page.waitForSelector('[data-testid="case-status"][data-status="disputed"]');
    await page.waitForSelector('[data-testid="dispute-alert"]');
    await page.waitForSelector('[data-testid="contact-rule-reason"][data-code="contact_refused_dispute"]');
    await page.waitForSelector('[data-testid="dispute-form"]', { hidden: true });
    // As the next person opening the case sees it (no dialog fading out, no notifications).
    const checked = page.waitForResponse((response) => response.url().includes('/contact-check'));
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="flag-dispute"]');
    await checked;
    await screen(page, '23-agent-case-disputed');
    await page.close();
  });

  it('the manager finds the disputed case with the flag filter and resolves it', async () => {
    const manager = await newPage();
    await signIn(manager, base, 'manager@relance.test', 'demo');
    await manager.goto(`${base}/cases?flag=dispute_open`, { waitUntil: 'networkidle0' });
    await manager.waitForSelector('[data-testid="row-flag-dispute"]');
    const caseId = caseUrl.split('/').at(-1) ?? '';
    expect(await manager.$(`[data-testid="case-row"][data-case-id="${caseId}"]`)).not.toBeNull();
    await shot(manager, '24-manager-disputed-cases');
    // The manager resolves it: the creditor found no delivery problem, collection resumes.
    await manager.click(`[data-testid="case-row"][data-case-id="${caseId}"]`);
    await manager.waitForSelector('[data-testid="dispute-alert"]');
    await openAction(manager, 'action-resolve-dispute');
    await manager.waitForSelector('[data-testid="resolve-dispute-form"]');
    await manager.type('[data-testid="dispute-resolution-note"]', 'Bon de livraison signé fourni par le créancier.');
    await manager.click('[data-testid="resolve-dispute-submit"]');
    await manager.waitForSelector('[data-testid="case-status"][data-status="amicable"]');
    await manager.waitForSelector('[data-testid="dispute-alert"]', { hidden: true });
    await hasTimelineText(manager, 'Bon de livraison signé');
    await manager.close();
  });

  it('in block mode a call that breaks a rule is refused, with the reasons shown', async () => {
    // The manager's setting, as the first test set it through the screen (here straight in the database).
    await journey.t.orm.em.fork().execute(`update agency set contact_rule_mode = 'block'`);
    const page = await newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    const checked = page.waitForResponse((response) => response.url().includes('/contact-check'));
    await page.goto(caseUrl, { waitUntil: 'networkidle0' });
    await checked;
    await page.waitForSelector('[data-testid="contact-rule-alert"][data-mode="block"]');
    await page.select('[data-testid="call-outcome"]', 'no_answer');
    await page.type('[data-testid="call-note"]', 'Nouvel essai.');
    await page.click('[data-testid="call-submit"]');
    await page.waitForSelector('[data-testid="error-state"]');
    // The cap of one contact over 7 days, reached by this morning's call.
    expect(await page.$eval('[data-testid="activity-form"] [data-testid="error-state"]', (el) => el.textContent)).toContain('Nombre maximal de contacts');
    await page.$eval('[data-testid="activity-form"]', (el) => el.scrollIntoView({ block: 'center' }));
    await screen(page, '25-agent-call-blocked');
    await page.close();
  });
});
