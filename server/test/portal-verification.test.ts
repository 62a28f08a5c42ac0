import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalLink } from '../src/features/portal/service.ts';
import { normalizeAnswer } from '../src/features/portal/verification.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

// Issue 18: before the debtor answers the check, the page shows the brand and the balance only;
// five wrong answers lock the link for an hour; the session opens only its own link.

let t: TestApp;
let creditorId: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
});
afterAll(async () => {
  await t.close();
});

async function linkFor(caseId: string): Promise<string> {
  const ctx = { em: t.orm.em.fork(), clock: t.clock, config: t.config, secrets: t.secrets, locale: 'fr' as const };
  return (await createPortalLink(ctx, caseId, null, { keepPrevious: true })).token;
}
const verify = (token: string, answer: string) => t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/verify`, payload: { answer } });
/** The debtor's postal address (the factory gives none): the letter went to 69003 Lyon. */
const postalOf = async (caseId: string) => {
  await t.orm.em
    .fork()
    .execute(`insert into debtor_address (debtor_id, line1, postal_code, city) select debtor_id, '3 rue Garibaldi', '69003', 'Lyon' from collection_case where id = ?`, [caseId]);
  return '69003';
};

describe("the debtor's check", () => {
  it('compares answers as typed on paper', () => {
    expect(normalizeAnswer(' 75 011 ')).toBe('75011');
    expect(normalizeAnswer('rel-2026-000123')).toBe('REL2026000123');
  });

  it('shows the brand and the balance only, then everything once the postcode of the letter is given', async () => {
    const found = await makeCase(t, creditorId, [{ amountCents: 12_345, ref: 'INV-SECRET' }]);
    const token = await linkFor(found.id);
    const before = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}` });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ verified: false, balanceCents: 12_345, lockedUntil: null });
    expect(before.body).not.toContain('INV-SECRET');
    expect(before.body).not.toContain(found.reference);
    for (const path of ['documents', 'receipts', 'plans']) {
      const refused = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/${path}` });
      expect(refused.statusCode, path).toBe(401);
      expect(refused.json().code).toBe('portal_verification_required');
    }
    const postal = await postalOf(found.id);
    const answered = await verify(token, ` ${postal.slice(0, 2)} ${postal.slice(2)} `);
    expect(answered.statusCode, answered.body).toBe(200);
    const cookie = answered.cookies.find((item) => item.name === 'relance_portal');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: `/api/v1/portal/${token}` });
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}`, headers: { cookie: `relance_portal=${cookie?.value}` } });
    expect(after.json()).toMatchObject({ verified: true, caseReference: found.reference, claims: [{ invoiceRef: 'INV-SECRET', amountCents: 12_345 }] });
    const timeline = await t.orm.em.fork().execute<{ text: string }[]>(`select text from activity where case_id = ? and kind = 'portal_visit'`, [found.id]);
    expect(timeline.map((row) => row.text)).toContain('Le débiteur a ouvert sa page et confirmé son identité.');
  });

  it('accepts the case reference printed on the letter', async () => {
    const found = await makeCase(t, creditorId);
    const token = await linkFor(found.id);
    expect((await verify(token, found.reference.toLowerCase())).statusCode).toBe(200);
  });

  it('locks the link for an hour after five wrong answers, even for the right one, then lets the debtor in again', async () => {
    const found = await makeCase(t, creditorId);
    const token = await linkFor(found.id);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const wrong = await verify(token, '00000');
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ code: 'portal_verification_failed', details: { attemptsLeft: 5 - attempt } });
    }
    const fifth = await verify(token, '00000');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('portal_locked');
    const until = new Date(fifth.json().details.until).getTime();
    expect(until - t.clock.now().getTime()).toBe(60 * 60 * 1000);
    const postal = await postalOf(found.id);
    expect((await verify(token, postal)).statusCode).toBe(429);
    const summary = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}` });
    expect(summary.json().lockedUntil).toBe(fifth.json().details.until);
    t.clock.advanceDays((61) / 1440);
    try {
      expect((await verify(token, postal)).statusCode).toBe(200);
    } finally {
      t.clock.advanceDays((-61) / 1440);
    }
  });

  it("a session opens its own link only, not another case's nor a newer link of the same case", async () => {
    const mine = await makeCase(t, creditorId);
    const theirs = await makeCase(t, creditorId);
    const myToken = await linkFor(mine.id);
    const theirToken = await linkFor(theirs.id);
    const { cookie } = await verifiedPortal(t, myToken);
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${theirToken}/documents`, headers: { cookie } });
    expect(other.statusCode).toBe(401);
    const theirSummary = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${theirToken}`, headers: { cookie } });
    expect(theirSummary.json().verified).toBe(false);
  });

  it('a session ends after two hours, and with the link when an agent sends a new one', async () => {
    const found = await makeCase(t, creditorId);
    const token = await linkFor(found.id);
    const { cookie } = await verifiedPortal(t, token);
    t.clock.advanceDays((121) / 1440);
    try {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}`, headers: { cookie } })).json().verified).toBe(false);
    } finally {
      t.clock.advanceDays((-121) / 1440);
    }
    const agent = await login(t, await makeUser(t, 'agent'));
    const fresh = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${found.id}/portal-link`, headers: bearer(agent), payload: {} });
    if (fresh.statusCode === 201) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}`, headers: { cookie } })).statusCode).toBe(404);
    } else {
      // The legal gate may defer a link (contact hours, cap): the old one then stays valid.
      expect(fresh.statusCode).toBe(422);
    }
  });

  it('refuses an empty or oversized answer with a clear 400', async () => {
    const found = await makeCase(t, creditorId);
    const token = await linkFor(found.id);
    for (const answer of ['', 'x'.repeat(61)]) {
      const response = await verify(token, answer);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });
});
