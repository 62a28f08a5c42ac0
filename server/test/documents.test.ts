import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEmailTransports } from '../src/features/messages/channels.ts';
import { bearer, login, makeUser, multipart, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { AGENCY_MAIL_FROM, brandedCreditor, completeAgency, messageRow, reachableCase, runSendJobs, sendDeps, startInbox } from './messages-helpers.ts';

/**
 * Evidence on a case and messages through the API: documents list and download (shape, headers,
 * digest), staff upload with type and size checks, isolation between creditors (users and API
 * keys), the debtor's page listing only their own letters, staff sends and resends, the outbox.
 */
let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let mine: { id: string };
let theirs: { id: string };
let myCase: Awaited<ReturnType<typeof reachableCase>>;
let theirCase: Awaited<ReturnType<typeof reachableCase>>;
let agent: string;
let creditorUser: string;
let otherCreditorUser: string;

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: AGENCY_MAIL_FROM } });
  await completeAgency(t);
  mine = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Service clients Fibrea', replyTo: 'clients@fibrea.test' });
  theirs = await brandedCreditor(t, { displayName: 'Durand', senderName: 'Durand et Fils', replyTo: 'compta@durand.test' });
  myCase = await reachableCase(t, mine.id);
  theirCase = await reachableCase(t, theirs.id);
  agent = await login(t, await makeUser(t, 'agent'));
  creditorUser = await login(t, await makeUser(t, 'creditor', mine.id));
  otherCreditorUser = await login(t, await makeUser(t, 'creditor', theirs.id));
  // A letter and an e-mail on each case, sent through the API and the send job.
  for (const c of [myCase, theirCase]) {
    for (const channel of ['letter', 'email', 'sms'] as const) {
      const queued = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/messages`,
        headers: bearer(agent),
        payload: { channel, template: 'first_letter' },
      });
      expect(queued.statusCode, queued.body).toBe(201);
      expect(queued.json()).toMatchObject({ status: 'queued', channel, template: 'first_letter', caseId: c.id });
    }
  }
  await runSendJobs(t, sendDeps(t, inbox.server.url));
});
afterAll(async () => {
  closeEmailTransports();
  await t.close();
  await inbox.server.close();
});

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

/** Runs `act` eight days later (past the debtor's 7-day contact cap), then puts the clock back. */
async function aWeekLater<T>(act: () => Promise<T>): Promise<T> {
  const now = t.clock.now();
  t.clock.set(new Date(now.getTime() + 8 * 86_400_000));
  try {
    return await act();
  } finally {
    t.clock.set(now);
  }
}

describe('documents of a case', () => {
  it('lists the evidence of every message with its type, size, hash and a download link', async () => {
    const response = await get(`/api/v1/cases/${myCase.id}/documents`, agent);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Record<string, unknown>[];
    expect(items.map((item) => item.kind).sort()).toEqual(['email', 'letter', 'sms']);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['contentType', 'createdAt', 'downloadUrl', 'fileName', 'id', 'kind', 'pieceKind', 'sha256', 'sizeBytes', 'title'].sort());
      expect(item.downloadUrl).toBe(`/api/v1/cases/${myCase.id}/documents/${item.id}/download`);
    }
    expect(items.find((item) => item.kind === 'letter')).toMatchObject({ contentType: 'application/pdf' });
    expect(items.find((item) => item.kind === 'email')).toMatchObject({ contentType: 'message/rfc822' });
  });

  it('streams a file with its type, an attachment disposition and a SHA-256 digest', async () => {
    const items = (await get(`/api/v1/cases/${myCase.id}/documents`, agent)).json().items as { kind: string; downloadUrl: string; sha256: string; fileName: string }[];
    const letter = items.find((item) => item.kind === 'letter');
    const response = await get(letter?.downloadUrl as string, agent);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`filename="${letter?.fileName}"`);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const digest = createHash('sha256').update(response.rawPayload).digest();
    expect(response.headers.digest).toBe(`sha-256=${digest.toString('base64')}`);
    expect(digest.toString('hex')).toBe(letter?.sha256);
  });

  it("a creditor sees its own cases' documents only: a foreign case or document is 404, for users and API keys", async () => {
    expect((await get(`/api/v1/cases/${myCase.id}/documents`, creditorUser)).statusCode).toBe(200);
    const theirs_ = (await get(`/api/v1/cases/${theirCase.id}/documents`, agent)).json().items as { id: string; downloadUrl: string }[];
    expect((await get(`/api/v1/cases/${theirCase.id}/documents`, creditorUser)).statusCode).toBe(404);
    expect((await get(theirs_[0]?.downloadUrl as string, creditorUser)).statusCode).toBe(404);
    // Their document through my case's URL is not found either.
    expect((await get(`/api/v1/cases/${myCase.id}/documents/${theirs_[0]?.id}/download`, creditorUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${myCase.id}/documents`, otherCreditorUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${myCase.id}/messages`, otherCreditorUser)).statusCode).toBe(404);

    const key = await t.app.inject({ method: 'POST', url: `/api/v1/creditors/${mine.id}/api-keys`, headers: bearer(creditorUser), payload: { name: 'ERP' } });
    expect(key.statusCode, key.body).toBe(201);
    const secret = key.json().secret as string;
    expect((await get(`/api/v1/cases/${myCase.id}/documents`, secret)).statusCode).toBe(200);
    expect((await get(`/api/v1/cases/${theirCase.id}/documents`, secret)).statusCode).toBe(404);
  });

  it('staff upload a PDF, an image or a text file; it is listed and logged on the timeline', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const body = multipart({ title: 'Courrier du débiteur' }, { name: 'reponse.pdf', content: pdf, type: 'application/pdf' });
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${myCase.id}/documents`, headers: { ...bearer(agent), ...body.headers }, payload: body.payload });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'upload',
      title: 'Courrier du débiteur',
      fileName: 'reponse.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const text = multipart({}, { name: 'note.txt', content: Buffer.from('Appel du débiteur : paiement promis.\n'), type: 'text/plain' });
    const textResponse = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${myCase.id}/documents`, headers: { ...bearer(agent), ...text.headers }, payload: text.payload });
    expect(textResponse.statusCode).toBe(201);
    expect(textResponse.json().contentType).toBe('text/plain; charset=utf-8');
    // Both uploads are logged (at the same instant of the test clock: no order between them).
    const logged = await t.orm.em.fork().execute<{ text: string }[]>(`select text from activity where case_id = ? and kind = 'document'`, [myCase.id]);
    expect(logged.map((entry) => entry.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('Courrier du débiteur'), expect.stringContaining('note.txt')]),
    );
  });

  it('refuses another type or a file over 10 MB with a clear French message; creditors upload to their own cases only', async () => {
    const exe = multipart({}, { name: 'facture.pdf', content: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), type: 'application/pdf' });
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${myCase.id}/documents`, headers: { ...bearer(agent), ...exe.headers }, payload: exe.payload });
    expect(refused.statusCode).toBe(415);
    expect(refused.json()).toMatchObject({
      code: 'document_type_not_allowed',
      message: 'Type de fichier refusé : seuls les PDF, images PNG ou JPEG et fichiers texte sont acceptés.',
    });
    const renamed = multipart({}, { name: 'image.png', content: Buffer.from('%PDF-1.4\n'), type: 'image/png' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${myCase.id}/documents`, headers: { ...bearer(agent), ...renamed.headers }, payload: renamed.payload })).statusCode).toBe(415);

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const large = multipart({}, { name: 'gros.pdf', content: big, type: 'application/pdf' });
    const tooLarge = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${myCase.id}/documents`, headers: { ...bearer(agent), ...large.headers }, payload: large.payload });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'document_too_large', message: 'Le fichier dépasse la taille maximale de 10 Mo.' });

    const ok = multipart({ pieceKind: 'contract' }, { name: 'contrat.txt', content: Buffer.from('texte'), type: 'text/plain' });
    const mineUpload = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${myCase.id}/documents`, headers: { ...bearer(creditorUser), ...ok.headers }, payload: ok.payload });
    expect(mineUpload.statusCode).toBe(201);
    expect(mineUpload.json()).toMatchObject({ kind: 'upload', pieceKind: 'contract' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/cases/${theirCase.id}/documents`, headers: { ...bearer(creditorUser), ...ok.headers }, payload: ok.payload })).statusCode).toBe(404);
  });
});

describe("the debtor's page", () => {
  async function portalToken(caseId: string): Promise<string> {
    // Three messages went this week: the debtor's contact cap (legal gate) lets the link go a week later.
    const link = await aWeekLater(() => t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/portal-link`, headers: bearer(agent) }));
    return (link.json().url as string).split('/pay/')[1] as string;
  }

  it('lists their own letters and e-mails only (not SMS, uploads or another case), downloadable with their token', async () => {
    const token = await portalToken(myCase.id);
    // Before the debtor answers the check, nothing but the balance and the brand.
    const unverified = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/documents` });
    expect(unverified.statusCode).toBe(401);
    expect(unverified.json().code).toBe('portal_verification_required');
    const { cookie } = await verifiedPortal(t, token);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/documents`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { kind: string; downloadUrl: string; id: string }[];
    expect(items.map((item) => item.kind).sort()).toEqual(['email', 'letter']);
    const download = await t.app.inject({ method: 'GET', url: items.find((item) => item.kind === 'letter')?.downloadUrl as string, headers: { cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    const staffItems = (await get(`/api/v1/cases/${myCase.id}/documents`, agent)).json().items as { id: string; kind: string }[];
    const sms = staffItems.find((item) => item.kind === 'sms');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/documents/${sms?.id}/download`, headers: { cookie } })).statusCode).toBe(404);
    const theirDocuments = (await get(`/api/v1/cases/${theirCase.id}/documents`, agent)).json().items as { id: string; kind: string }[];
    const theirLetter = theirDocuments.find((item) => item.kind === 'letter');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${token}/documents/${theirLetter?.id}/download`, headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${'x'.repeat(43)}/documents` })).statusCode).toBe(404);
  });
});

describe('messages through the API', () => {
  it("lists a case's messages with their status, and resends one as a new message with the same template", async () => {
    const listed = await get(`/api/v1/cases/${myCase.id}/messages`, creditorUser);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; channel: string; status: string; downloadUrl: string | null; reference: string }[];
    expect(items.map((item) => item.channel).sort()).toEqual(['email', 'letter', 'sms']);
    expect(items.every((item) => item.status === 'sent' && item.downloadUrl && item.reference.startsWith('DOS-'))).toBe(true);

    const letter = items.find((item) => item.channel === 'letter');
    // A fourth contact this week is over the debtor's cap (legal gate: deferred, 422); a week later it goes.
    const tooSoon = await t.app.inject({ method: 'POST', url: `/api/v1/messages/${letter?.id}/resend`, headers: bearer(agent) });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().code).toBe('contact_cap_reached');
    const resent = await aWeekLater(() => t.app.inject({ method: 'POST', url: `/api/v1/messages/${letter?.id}/resend`, headers: bearer(agent) }));
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json()).toMatchObject({ channel: 'letter', template: 'first_letter', status: 'queued' });
    expect(resent.json().id).not.toBe(letter?.id);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/messages/${resent.json().id}/resend`, headers: bearer(agent) })).statusCode).toBe(409);
    await aWeekLater(() => runSendJobs(t, sendDeps(t, inbox.server.url)));
    // The resend is a new message of its own (own reference, own evidence).
    expect(await messageRow(t, resent.json().id)).toMatchObject({ status: 'sent', first_letter_id: null });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/messages/${letter?.id}/resend`, headers: bearer(creditorUser) })).statusCode).toBe(403);
  });

  it('the outbox filters by channel, status and creditor, pages, and shows an e-mail as the debtor received it', async () => {
    const all = await get('/api/v1/messages?limit=2', agent);
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(2);
    expect(all.json().nextCursor).toEqual(expect.any(String));
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await get(`/api/v1/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`, agent);
      for (const item of page.json().items as { id: string }[]) seen.add(item.id);
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen.size).toBe(7);

    const emails = (await get(`/api/v1/messages?channel=email&creditorId=${mine.id}`, agent)).json().items as { id: string; creditorId: string }[];
    expect(emails).toHaveLength(1);
    expect((await get('/api/v1/messages?status=blocked', agent)).json().items).toHaveLength(0);
    expect((await get('/api/v1/messages', creditorUser)).statusCode).toBe(403);

    const preview = await get(`/api/v1/messages/${emails[0]?.id}/preview`, agent);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ from: expect.stringContaining('Service clients Fibrea'), replyTo: 'clients@fibrea.test', to: myCase.email });
    expect(preview.json().html).toContain('L111-8');
    expect(preview.json().subject).toContain('Fibrea');
  });
});

describe('OpenAPI', () => {
  it('documents every messages and documents route with its schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of [
      '/api/v1/cases/{id}/documents',
      '/api/v1/cases/{id}/documents/{documentId}/download',
      '/api/v1/cases/{id}/messages',
      '/api/v1/messages',
      '/api/v1/messages/{id}/resend',
      '/api/v1/messages/{id}/preview',
      '/api/v1/messages/webhooks/local-sms',
      '/api/v1/messages/webhooks/local-post',
      '/api/v1/messages/webhooks/email-bounce',
      '/api/v1/portal/{token}/documents',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CaseDocument', 'Message', 'MessagePage', 'MessagePreview']));
  });
});
