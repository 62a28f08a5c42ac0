import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, localTimeToInstant, PARIS_TIME_ZONE } from '../../packages/domain/src/calendar.ts';
import { type Journey, setValue, shot, signIn, startJourney } from './browser-harness.ts';

/**
 * The legal gate on the case screen, in Chromium (issue 15): a send refused or deferred is told in
 * words (the reason, every rule, until when); a manager may go ahead outside the hours with a
 * written reason, an agent may not; a revoked mandate puts a banner on the case and the creditor.
 */
let journey: Journey;
let base: string;
let caseId: string;
let creditorId: string;

const sql = async <T>(text: string, params: unknown[] = []) => (await journey.t.orm.em.fork().execute(text, params)) as T[];

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  // A consumer debtor reachable by SMS, contacted by no one this week, on an open case with nothing pending.
  const [row] = await sql<{ id: string; creditor_id: string }>(
    `select c.id, c.creditor_id from collection_case c join debtor d on d.id = c.debtor_id
      where d.kind = 'person' and c.status in ('new', 'amicable') and c.vulnerable_since is null
        and exists (select 1 from debtor_phone p where p.debtor_id = d.id and p.valid)
        and not exists (select 1 from case_dispute x where x.case_id = c.id and x.resolved_at is null)
        and not exists (select 1 from debtor_contact dc where dc.identity_key = d.identity_key and dc.at > now() - interval '8 days')
        and exists (select 1 from claim cl where cl.case_id = c.id and cl.prescription_date >= current_date)
      order by c.reference limit 1`,
  );
  if (!row) throw new Error('no case for the journey in the demo data');
  caseId = row.id;
  creditorId = row.creditor_id;
});
afterAll(async () => {
  await journey?.close();
});

/** `hour`:00 in Paris on the journey's day (a working day: the journey starts inside the contact window). */
function atParisHour(hour: number): Date {
  return localTimeToInstant(localDate(journey.now()), hour * 60, PARIS_TIME_ZONE);
}

async function trySend(page: Page, channel: string, template: string) {
  await page.select('[data-testid="send-channel"]', channel);
  await page.select('[data-testid="send-template"]', template);
  await page.click('[data-testid="send-message"]');
  await page.waitForSelector('[data-testid="gate-refusal"]');
}

describe('the legal gate on the case screen, in Chromium', () => {
  it('after 20:00 a manager is told until when, and may send anyway with a written reason', async () => {
    const restore = journey.t.clock.now();
    journey.t.clock.set(atParisHour(21));
    try {
      const page = await journey.newPage();
      await signIn(page, base, 'manager@relance.test', 'demo');
      await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
      await page.waitForSelector('[data-testid="case-messages"]');
      await trySend(page, 'sms', 'first_letter');
      const alert = await page.$eval('[data-testid="gate-refusal"]', (el) => ({ code: el.getAttribute('data-code'), decision: el.getAttribute('data-decision'), text: el.textContent }));
      expect(alert).toMatchObject({ code: 'contact_outside_hours', decision: 'deferred' });
      expect(alert.text).toMatch(/Reporté jusqu’au/);
      await page.waitForSelector('[data-testid="gate-override"]');
      const panel = await page.$('[data-testid="case-messages"]');
      await panel?.screenshot({ path: 'test-artifacts/screenshots/60-gate-deferred-manager.png' });
      await setValue(page, 'gate-override-reason', 'Le débiteur a demandé à être relancé ce soir');
      await page.click('[data-testid="gate-override-submit"]');
      await page.waitForSelector('[data-testid="case-message-row"]');
      expect(await page.$('[data-testid="gate-refusal"]')).toBeNull();
      const [audit] = await sql<{ n: number }>(`select count(*)::int as n from audit_event where case_id = ? and action = 'legal_gate_overridden'`, [caseId]);
      expect(audit?.n).toBe(1);
      await page.close();
    } finally {
      journey.t.clock.set(restore);
    }
  });

  it('an agent is refused on a case under dispute, in words, with no override', async () => {
    await sql(`insert into case_dispute (case_id, creditor_id, reason, opened_at, status_before) values (?, ?, 'Montant contesté', now(), 'amicable')`, [caseId, creditorId]);
    const page = await journey.newPage();
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-messages"]');
    await trySend(page, 'registered_letter', 'mise_en_demeure');
    const codes = await page.$$eval('[data-testid="gate-reason"]', (items) => items.map((item) => item.getAttribute('data-code')));
    expect(codes[0]).toBe('contact_refused_dispute');
    expect(await page.$('[data-testid="gate-override"]')).toBeNull();
    const panel = await page.$('[data-testid="case-messages"]');
    await panel?.screenshot({ path: 'test-artifacts/screenshots/61-gate-refused-dispute.png' });
    await page.close();
  });

  it('a revoked mandate: the creditor screen and the case screen say contacts are suspended', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/creditors/${creditorId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="mandate-standing"]');
    await page.click('[data-testid="mandate-revoke-open"]');
    await setValue(page, 'mandate-revoke-reason', 'Résiliation reçue par courrier');
    await page.click('[data-testid="mandate-revoke-confirm"]');
    await page.waitForSelector('[data-testid="creditor-mandate-alert"]');
    await shot(page, '62-creditor-mandate-revoked');
    await page.goto(`${base}/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="mandate-alert"][data-state="revoked"]');
    await shot(page, '63-case-mandate-revoked');
    await page.click('[data-testid="notifications-bell"]');
    await page.waitForSelector('[data-testid="notification-item"]');
    const texts = await page.$$eval('[data-testid="notification-item"]', (items) => items.map((item) => item.textContent ?? ''));
    expect(texts.some((text) => text.includes('révoqué'))).toBe(true);
    await page.close();
  });
});
