import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { bearer, login, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, brandedCreditor, completeAgency, reachableCase, runSendJobs, sendDeps, startInbox } from './messages-helpers.ts';

/** The creditor's own greeting, tone and closing: proposed per language, checked, approved, previewed on a real case, used when sending. */
let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let mine: { id: string };
let theirs: { id: string };
let manager: string;
let creditorUser: string;
let otherCreditorUser: string;

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  await completeAgency(t);
  mine = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
  theirs = await brandedCreditor(t, { displayName: 'Durand', senderName: 'Durand', replyTo: 'compta@durand.test' });
  manager = await login(t, await makeUser(t, 'manager'));
  creditorUser = await login(t, await makeUser(t, 'creditor', mine.id));
  otherCreditorUser = await login(t, await makeUser(t, 'creditor', theirs.id));
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});

const wording = {
  fr: { greeting: 'Chère cliente, cher client,', toneParagraph: 'Un imprévu ? Parlons-en : un échéancier reste possible.', closing: 'Bien cordialement,' },
  en: {},
};

describe("a creditor's own wording", () => {
  it('is proposed per language, in force once a manager approves it; another creditor cannot see or change it', async () => {
    const empty = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/letter-wording`, headers: bearer(creditorUser) });
    expect(empty.json()).toEqual({ fr: {}, en: {} });
    // Issue 15: a creditor's wording waits for a manager's approval (202), the old one stays in force meanwhile.
    const saved = await t.app.inject({ method: 'PUT', url: `/api/v1/creditors/${mine.id}/letter-wording`, headers: bearer(creditorUser), payload: wording });
    expect(saved.statusCode, saved.body).toBe(202);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/letter-wording`, headers: bearer(manager) })).json()).toEqual({ fr: {}, en: {} });
    const approved = await t.app.inject({ method: 'POST', url: `/api/v1/wording-proposals/${saved.json().proposal.id}/approve`, headers: bearer(manager) });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/letter-wording`, headers: bearer(manager) })).json()).toEqual(wording);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${mine.id}/letter-wording`, headers: bearer(otherCreditorUser) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/creditors/${mine.id}/letter-wording`, headers: bearer(otherCreditorUser), payload: wording })).statusCode).toBe(404);
  });

  it('refuses a paragraph announcing an enforcement, naming the phrase in a French message per field', async () => {
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/creditors/${mine.id}/letter-wording`,
      headers: bearer(manager),
      payload: { fr: { toneParagraph: 'Sans paiement, un huissier procédera à une saisie.' }, en: {} },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('letter_wording_not_allowed');
    expect(refused.json().details.issues[0]).toMatchObject({ path: 'fr.toneParagraph' });
    expect(refused.json().details.issues[0].message).toMatch(/^« huissier » : annonce une mesure d'exécution/);
  });

  it('previews a letter on a real case of the creditor with unsaved wording (nothing sent)', async () => {
    const c = await reachableCase(t, mine.id);
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/v1/creditors/${mine.id}/letter-preview`,
      headers: bearer(manager),
      payload: { template: 'first_letter', locale: 'fr', caseId: c.id, wording: { fr: { greeting: 'Bonjour,' }, en: {} } },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ caseId: c.id, compliance: { ok: true, problems: [] }, wordingProblems: [] });
    expect(body.html).toContain('Bonjour,');
    expect(Buffer.from(body.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const [messages] = await t.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from outbound_message where case_id = ?', [c.id]);
    expect(messages?.n).toBe(0);
    const foreign = await reachableCase(t, theirs.id);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${mine.id}/letter-preview`, headers: bearer(manager), payload: { caseId: foreign.id } })).statusCode,
    ).toBe(404);
  });

  it('is used by the e-mails sent for that creditor', async () => {
    const c = await reachableCase(t, mine.id);
    const agent = await login(t, await makeUser(t, 'agent'));
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/messages`, headers: bearer(agent), payload: { channel: 'email', template: 'first_letter' } });
    await runSendJobs(t, sendDeps(t, inbox.server.url));
    const mail = (await inbox.parsed()).find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === c.email);
    expect(mail?.text).toContain('Chère cliente, cher client,');
    expect(mail?.text).toContain('Un imprévu ? Parlons-en');
    expect(mail?.text).toContain('Bien cordialement,');
  });
});
