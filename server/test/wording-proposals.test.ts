import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { bearer, login, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, brandedCreditor, completeAgency, reachableCase, runSendJobs, sendDeps, startInbox } from './messages-helpers.ts';

/**
 * Issue 15, "Words the agency is responsible for": a creditor's wording is a proposal a manager
 * approves before any letter uses it, read by the one checker (domain wording-check) on saving, on
 * approval and before sending; the agency's own edit applies at once; every step is audited.
 * Letters are signed by the agency for the creditor with the agency's phone and e-mail, and SMS
 * and e-mails after the first letter repeat its reference and date.
 */
let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let creditor: { id: string };
let other: { id: string };
let manager: string;
let creditorUser: string;
let otherCreditorUser: string;

const THREAT =
  'Sans règlement, votre dossier sera transmis au tribunal sous 48 heures, vous serez inscrit au fichier national des mauvais payeurs et nous engagerons des poursuites pénales.';
const KIND = { fr: { greeting: 'Chère cliente, cher client,', toneParagraph: 'Un imprévu ? Parlons-en : un échéancier reste possible.' }, en: {} };

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  await completeAgency(t);
  creditor = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
  other = await brandedCreditor(t, { displayName: 'Durand', senderName: 'Durand', replyTo: 'compta@durand.test' });
  manager = await login(t, await makeUser(t, 'manager'));
  creditorUser = await login(t, await makeUser(t, 'creditor', creditor.id));
  otherCreditorUser = await login(t, await makeUser(t, 'creditor', other.id));
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});

const put = (token: string, payload: object, creditorId = creditor.id) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/creditors/${creditorId}/letter-wording`, headers: bearer(token), payload });
const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const inForce = async () => (await get(manager, `/api/v1/creditors/${creditor.id}/letter-wording`)).json();
const decide = (token: string, id: string, action: 'approve' | 'refuse', payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/wording-proposals/${id}/${action}`, headers: bearer(token), ...(payload ? { payload } : {}) });

async function audit(action: string) {
  return await t.orm.em.fork().execute<{ details: Record<string, unknown>; creditor_id: string }[]>(
    'select details, creditor_id from audit_event where action = ? order by id',
    [action],
  );
}

describe("the issue's threatening tone paragraph", () => {
  it('is refused on saving, each phrase named with why and the article; nothing is kept', async () => {
    const refused = await put(creditorUser, { fr: { toneParagraph: THREAT }, en: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('letter_wording_not_allowed');
    const problems = refused.json().details.problems as { field: string; rule: string; phrase: string; article: string | null; message: string }[];
    expect(problems.map((problem) => [problem.rule, problem.phrase])).toEqual(
      expect.arrayContaining([
        ['false_deadline', 'tribunal sous 48 heures'],
        ['bad_payer_file', 'inscrit au fichier national des mauvais payeurs'],
        ['penal_consequences', 'poursuites pénales'],
      ]),
    );
    expect(problems.every((problem) => problem.field === 'fr.toneParagraph')).toBe(true);
    expect(problems.find((problem) => problem.rule === 'penal_consequences')?.message).toMatch(/^« poursuites pénales » : .*\(C\. conso\. L121-6\)$/);
    expect(refused.json().details.issues[0]).toMatchObject({ path: 'fr.toneParagraph' });
    expect((await get(creditorUser, `/api/v1/creditors/${creditor.id}/wording-proposals`)).json().items).toEqual([]);
  });
});

describe("a creditor's wording is a proposal", () => {
  let proposalId: string;

  it('is kept pending (202): the wording in force stays, and letters sent meanwhile use it', async () => {
    const saved = await put(creditorUser, KIND);
    expect(saved.statusCode, saved.body).toBe(202);
    expect(saved.json()).toMatchObject({ outcome: 'proposed', inForce: { fr: {}, en: {} }, proposal: { status: 'pending', wording: KIND, problems: [] } });
    proposalId = saved.json().proposal.id;
    expect(await inForce()).toEqual({ fr: {}, en: {} });
    const mine = (await get(creditorUser, `/api/v1/creditors/${creditor.id}/wording-proposals`)).json().items;
    expect(mine.map((proposal: { id: string; status: string }) => [proposal.id, proposal.status])).toEqual([[proposalId, 'pending']]);

    const c = await reachableCase(t, creditor.id);
    const agent = await login(t, await makeUser(t, 'agent'));
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/messages`, headers: bearer(agent), payload: { channel: 'email', template: 'first_letter' } });
    await runSendJobs(t, sendDeps(t, inbox.server.url));
    const mail = (await inbox.parsed()).find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === c.email);
    expect(mail?.text).toContain('Madame, Monsieur,');
    expect(mail?.text).not.toContain('Un imprévu');
  });

  it('is not for another creditor to see, nor for a creditor to decide', async () => {
    expect((await get(otherCreditorUser, `/api/v1/creditors/${creditor.id}/wording-proposals`)).statusCode).toBe(404);
    expect((await put(otherCreditorUser, KIND)).statusCode).toBe(404);
    expect((await get(creditorUser, '/api/v1/wording-proposals')).statusCode).toBe(403);
    expect((await decide(creditorUser, proposalId, 'approve')).statusCode).toBe(403);
  });

  it('is listed for managers with the wording in force before it, and approved: in force, audited, used by the next letter', async () => {
    const pending = (await get(manager, '/api/v1/wording-proposals')).json().items;
    expect(pending).toEqual([expect.objectContaining({ id: proposalId, creditorId: creditor.id, creditorName: 'Fibrea', previous: { fr: {}, en: {} }, wording: KIND })]);
    const approved = await decide(manager, proposalId, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'Test manager' });
    expect(await inForce()).toEqual(KIND);
    expect((await decide(manager, proposalId, 'approve')).json()).toMatchObject({ code: 'wording_proposal_not_pending', details: { status: 'approved' } });
    expect((await get(manager, '/api/v1/wording-proposals')).json().items).toEqual([]);
    expect((await audit('letter_wording_proposed')).map((row) => row.creditor_id)).toEqual([creditor.id]);
    expect((await audit('letter_wording_approved'))[0]?.details).toEqual({ before: { fr: {}, en: {} }, after: KIND });

    const c = await reachableCase(t, creditor.id);
    const agent = await login(t, await makeUser(t, 'agent'));
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/messages`, headers: bearer(agent), payload: { channel: 'email', template: 'first_letter' } });
    await runSendJobs(t, sendDeps(t, inbox.server.url));
    const mail = (await inbox.parsed()).find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === c.email);
    expect(mail?.text).toContain('Un imprévu ? Parlons-en');
  });

  it('is refused with a reason the creditor reads; the wording in force stays', async () => {
    const proposed = (await put(creditorUser, { fr: { closing: 'Bien à vous,' }, en: {} })).json().proposal.id as string;
    expect((await decide(manager, proposed, 'refuse', { reason: '' })).statusCode).toBe(400);
    const refused = await decide(manager, proposed, 'refuse', { reason: 'Gardons la formule habituelle.' });
    expect(refused.json()).toMatchObject({ status: 'refused', reason: 'Gardons la formule habituelle.' });
    expect(await inForce()).toEqual(KIND);
    const [latest] = (await get(creditorUser, `/api/v1/creditors/${creditor.id}/wording-proposals`)).json().items;
    expect(latest).toMatchObject({ id: proposed, status: 'refused', reason: 'Gardons la formule habituelle.' });
    expect((await audit('letter_wording_refused'))[0]?.details).toMatchObject({ reason: 'Gardons la formule habituelle.' });
  });

  it("gives way to a newer proposal, and to the agency's own edit, which applies at once (200) and is audited", async () => {
    const first = (await put(creditorUser, { fr: { closing: 'Cordialement,' }, en: {} })).json().proposal.id as string;
    const second = (await put(creditorUser, { fr: { closing: 'Très cordialement,' }, en: {} })).json().proposal.id as string;
    const statuses = async () =>
      Object.fromEntries(
        (await get(manager, `/api/v1/creditors/${creditor.id}/wording-proposals`)).json().items.map((p: { id: string; status: string }) => [p.id, p.status]),
      );
    expect(await statuses()).toMatchObject({ [first]: 'superseded', [second]: 'pending' });
    const applied = await put(manager, { fr: { ...KIND.fr, closing: 'Bien cordialement,' }, en: {} });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ outcome: 'applied', proposal: null });
    expect((await inForce()).fr.closing).toBe('Bien cordialement,');
    expect(await statuses()).toMatchObject({ [second]: 'superseded' });
    expect((await audit('letter_wording_applied')).at(-1)?.details).toMatchObject({ supersededProposals: [second] });
  });
});

describe('the steps the strategies plan', () => {
  const CONTENTIEUX = { fr: { toneParagraph: 'À défaut, votre dossier pourra être transmis à notre service contentieux.' }, en: {} };

  it("may be announced while every strategy serving the creditor plans a mise en demeure; approval reads them again", async () => {
    // The agency's default strategy plans a mise en demeure (and so the legal stage it announces).
    const proposed = await put(creditorUser, CONTENTIEUX);
    expect(proposed.statusCode, proposed.body).toBe(202);
    // A strategy of its own for consumers, with no mise en demeure: the legal stage is no longer planned for every debtor.
    const em = t.orm.em.fork();
    const [strategy] = await em.execute<{ id: string }[]>(
      `insert into dunning_strategy (name, creditor_id, debtor_kind) values ('Douce', ?, 'person') returning id`,
      [creditor.id],
    );
    await em.execute(
      `insert into dunning_step (strategy_id, position, offset_days, offset_from, day, channel, template) values (?, 0, 0, 'placement', 0, 'email', 'first_letter')`,
      [strategy?.id],
    );
    const pending = (await get(manager, '/api/v1/wording-proposals')).json().items[0];
    expect(pending.problems).toEqual([expect.objectContaining({ rule: 'step_not_planned', step: 'contentieux', phrase: 'transmis à notre service contentieux' })]);
    const approval = await decide(manager, proposed.json().proposal.id, 'approve');
    expect(approval.statusCode).toBe(409);
    expect(approval.json()).toMatchObject({ code: 'letter_wording_not_allowed', details: { problems: [{ rule: 'step_not_planned', step: 'contentieux' }] } });
    expect((await put(creditorUser, CONTENTIEUX)).statusCode).toBe(400);
    await em.execute('update dunning_strategy set active = false where id = ?', [strategy?.id]);
  });
});

describe("the creditor's signature and footer", () => {
  it('are read by the same checker as present statements (no later step), their names being names, and audited', async () => {
    const patch = (brand: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/creditors/${creditor.id}`, headers: bearer(manager), payload: { brand } });
    const refused = await patch({ signature: 'Service contentieux\nFibrea' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.problems).toEqual([expect.objectContaining({ field: 'brand.signature', rule: 'step_not_planned', phrase: 'contentieux' })]);
    expect((await patch({ footer: 'Fibrea SA · vos voisins seront informés' })).json().details.issues[0]).toMatchObject({ path: 'brand.footer' });
    const saved = await patch({ signature: 'Claire Martin\nService clients Fibrea', footer: 'Fibrea SA, RCS Paris' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await audit('creditor_brand_wording_changed')).at(-1)?.details).toMatchObject({
      after: { signature: 'Claire Martin\nService clients Fibrea', footer: 'Fibrea SA, RCS Paris' },
    });
  });
});

describe('letters, e-mails and SMS speak for the agency', () => {
  it('after the first letter, the SMS and the e-mail name the agency for the creditor and repeat that letter reference and date; the e-mail gives the agency contact', async () => {
    const c = await reachableCase(t, other.id);
    const agent = await login(t, await makeUser(t, 'agent'));
    const send = async (channel: string, template: string) => {
      const queued = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/messages`, headers: bearer(agent), payload: { channel, template } });
      expect(queued.statusCode, queued.body).toBeLessThan(300);
      await runSendJobs(t, sendDeps(t, inbox.server.url));
    };
    await send('letter', 'first_letter');
    const [first] = await t.orm.em.fork().execute<{ reference: string; sent_at: Date }[]>(
      `select reference, sent_at from outbound_message where case_id = ? and template = 'first_letter' and status = 'sent'`,
      [c.id],
    );
    expect(first?.reference).toBeTruthy();
    const date = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(first?.sent_at ?? 0));
    await send('sms', 'firmer_reminder');
    const [sms] = await t.orm.em.fork().execute<{ content_text: string }[]>(
      `select l.content_text from local_provider_message l join outbound_message m on m.id = l.outbound_message_id where m.case_id = ? and m.channel = 'sms'`,
      [c.id],
    );
    expect(sms?.content_text).toContain('Agence de Test SAS pour Durand');
    expect(sms?.content_text).toContain(`Suite à notre lettre ${first?.reference} du ${date}.`);
    await send('email', 'firmer_reminder');
    const mail = (await inbox.parsed()).find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === c.email && m.subject?.includes('second rappel'));
    expect(mail?.text).toContain(`Rappel de notre première lettre : référence ${first?.reference}`);
    expect(mail?.text).toContain('Agence de Test SAS, société de recouvrement amiable, pour le compte de');
    expect(mail?.text).toContain('tél. 02 40 00 00 00, contact@agence-test.fr');
  });

  it('without the agency phone and e-mail, a letter is blocked like any missing R124-4 mention', async () => {
    await t.orm.em.fork().execute('update agency set phone = null');
    try {
      const c = await reachableCase(t, other.id);
      const agent = await login(t, await makeUser(t, 'agent'));
      await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/messages`, headers: bearer(agent), payload: { channel: 'letter', template: 'first_letter' } });
      await runSendJobs(t, sendDeps(t, inbox.server.url));
      const [row] = await t.orm.em.fork().execute<{ status: string; status_reason: string }[]>('select status, status_reason from outbound_message where case_id = ?', [c.id]);
      expect(row?.status).toBe('blocked');
      expect(row?.status_reason).toContain("Le téléphone ou l'e-mail de l'agence");
    } finally {
      await t.orm.em.fork().execute(`update agency set phone = '02 40 00 00 00'`);
    }
  });
});
