import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalLink } from '../src/features/portal/service.ts';
import { ANONYMISED_TEXT, anonymiseCases } from '../src/features/rgpd/anonymise.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, verifiedPortal } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue 18, "Dispute and write": the debtor disputes from their page (reason, words, one claim, a
 * piece of evidence checked and decoded at upload) down the agents' own path (case disputed,
 * contact stops, case.disputed to the creditor), and writes to the agency (timeline, team inbox,
 * replies on the page; internal: never a creditor's).
 */
let t: TestApp;
let creditorId: string;
let agentToken: string;
let managerToken: string;
let creditorToken: string;

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  agentToken = await login(t, await makeUser(t, 'agent'));
  managerToken = await login(t, await makeUser(t, 'manager'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t?.close());

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return await t.orm.em.fork().execute<T[]>(text, params);
}

/** A case, its debtor's link and a verified session on it. */
async function debtorOf(claims?: { ref?: string; amountCents: number }[]) {
  const found = await makeCase(t, creditorId, claims);
  const ctx = { em: t.orm.em.fork(), clock: t.clock, config: t.config, secrets: t.secrets, locale: 'fr' as const };
  const { token } = await createPortalLink(ctx, found.id, null, { keepPrevious: true });
  const { cookie } = await verifiedPortal(t, token);
  return { ...found, token, cookie };
}

type Part = { name: string; value: string } | { name: string; fileName: string; type: string; content: Buffer };
/** A multipart/form-data body in the given order (fields and files as a browser's FormData sends them). */
function form(parts: Part[]) {
  const boundary = '----relance-talk-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\ncontent-type: ${part.type}\r\n\r\n`),
        part.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function postForm(url: string, cookie: string | null, parts: Part[], headers: Record<string, string> = {}) {
  const body = form(parts);
  return t.app.inject({ method: 'POST', url, headers: { ...body.headers, ...headers, ...(cookie ? { cookie } : {}) }, payload: body.payload });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

async function jpegWithExif(): Promise<Buffer> {
  return await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'GPS-SECRET-ARTIST', ImageDescription: 'Prise au 12 rue Cachée' } })
    .toBuffer();
}

const disputesOf = async (caseId: string) =>
  await sql<{ id: string; opened_via: string; reason_code: string | null; debtor_text: string | null; opened_by: string | null; evidence_document_id: string | null }>(
    'select id, opened_via, reason_code, debtor_text, opened_by, evidence_document_id from case_dispute where case_id = ?',
    [caseId],
  );
const documentsOf = async (caseId: string) =>
  await sql<{ id: string; kind: string; content_type: string; sha256: string; content: Buffer; visible_to_debtor: boolean }>(
    'select id, kind, content_type, sha256, content, visible_to_debtor from case_document where case_id = ?',
    [caseId],
  );

describe('a dispute from the debtor’s page', () => {
  it('with a PDF: the case is disputed, a manual send is refused, the creditor hears of it with the reason, the claim and the evidence', async () => {
    const debtor = await debtorOf([{ ref: 'FAC-TALK-1', amountCents: 80_000 }, { ref: 'FAC-TALK-2', amountCents: 20_000 }]);
    const url = `/api/v1/portal/${debtor.token}/disputes`;
    const opened = await postForm(url, debtor.cookie, [
      { name: 'reason', value: 'already_paid' },
      { name: 'text', value: 'Payée par virement le 3 octobre.' },
      { name: 'claimRef', value: 'FAC-TALK-2' },
      { name: 'file', fileName: 'virement.pdf', type: 'application/pdf', content: PDF },
    ]);
    expect(opened.statusCode, opened.body).toBe(201);
    const dispute = opened.json();
    expect(dispute).toMatchObject({
      alreadyOpen: false,
      openedVia: 'portal',
      reason: 'already_paid',
      text: 'Payée par virement le 3 octobre.',
      claimRef: 'FAC-TALK-2',
      state: 'open',
      outcome: null,
      evidence: [{ fileName: 'virement.pdf', contentType: 'application/pdf', sizeBytes: PDF.length }],
    });
    const [row] = await sql<{ status: string }>('select status from collection_case where id = ?', [debtor.id]);
    expect(row?.status).toBe('disputed');
    const [stored] = await disputesOf(debtor.id);
    expect(stored).toMatchObject({ opened_via: 'portal', reason_code: 'already_paid', opened_by: null, debtor_text: 'Payée par virement le 3 octobre.' });
    // The evidence: a case document with its SHA-256, the debtor downloads it again, the agents and the creditor see it.
    const [document] = await documentsOf(debtor.id);
    expect(document).toMatchObject({ kind: 'dispute_evidence', content_type: 'application/pdf', visible_to_debtor: true, id: stored?.evidence_document_id });
    expect(document?.content.equals(PDF)).toBe(true);
    const download = await t.app.inject({ method: 'GET', url: dispute.evidence[0].downloadUrl, headers: { cookie: debtor.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const creditorDocs = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}/documents`, headers: bearer(creditorToken) });
    expect(creditorDocs.json().items.map((item: { kind: string }) => item.kind)).toContain('dispute_evidence');
    // Not among the letters the debtor received.
    const letters = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${debtor.token}/documents`, headers: { cookie: debtor.cookie } });
    expect(letters.json().items).toEqual([]);
    // Contact stops: an agent's manual send is refused by the legal gate.
    const send = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${debtor.id}/messages`,
      headers: bearer(agentToken),
      payload: { channel: 'email', template: 'first_letter' },
    });
    expect(send.statusCode, send.body).toBe(422);
    expect(send.json().code).toBe('contact_refused_dispute');
    // The creditor's webhook event, with what the debtor said.
    const [event] = await sql<{ data: Record<string, unknown> }>(
      `select data from creditor_event where type = 'case.disputed' and data->>'caseId' = ?`,
      [debtor.id],
    );
    expect(event?.data).toMatchObject({
      disputeId: dispute.id,
      openedVia: 'portal',
      reasonCode: 'already_paid',
      claimRef: 'FAC-TALK-2',
      evidenceDocumentId: document?.id,
      previousStatus: 'new',
    });
    // The agent's timeline, in French.
    const entries = await sql<{ kind: string; text: string; author_id: string | null }>('select kind, text, author_id from activity where case_id = ?', [debtor.id]);
    const entry = entries.find((item) => item.kind === 'dispute');
    expect(entry?.text).toContain('Contestation déposée par le débiteur sur sa page : déjà payé, sur la facture FAC-TALK-2');
    expect(entry?.text).toContain('Pièce jointe : virement.pdf');
    expect(entry?.author_id).toBeNull();
    // The staff's view of the dispute says where it came from.
    const staff = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}/disputes`, headers: bearer(agentToken) });
    expect(staff.json().items[0]).toMatchObject({ openedVia: 'portal', reasonCode: 'already_paid', claimRef: 'FAC-TALK-2', openedBy: null, evidenceDocumentId: document?.id });
  });

  it('a second dispute while one is open records nothing and answers the open one; a double submit with one key is replayed', async () => {
    const debtor = await debtorOf();
    const url = `/api/v1/portal/${debtor.token}/disputes`;
    const parts: Part[] = [
      { name: 'reason', value: 'not_me' },
      { name: 'file', fileName: 'cni.pdf', type: 'application/pdf', content: PDF },
    ];
    const first = await postForm(url, debtor.cookie, parts, { 'idempotency-key': 'dispute-tap-1' });
    const again = await postForm(url, debtor.cookie, parts, { 'idempotency-key': 'dispute-tap-1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const later = await postForm(url, debtor.cookie, [{ name: 'reason', value: 'other' }, { name: 'text', value: 'Je conteste encore.' }]);
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ id: first.json().id, alreadyOpen: true, state: 'open', reason: 'not_me' });
    expect(await disputesOf(debtor.id)).toHaveLength(1);
    expect(await documentsOf(debtor.id)).toHaveLength(1);
    // JSON without a file works too (an API client), and the list shows the state.
    const list = await t.app.inject({ method: 'GET', url, headers: { cookie: debtor.cookie } });
    expect(list.json().items).toHaveLength(1);
    // Resolved by a manager: the page says so in plain words.
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${debtor.id}/disputes/${first.json().id}/resolve`,
      headers: bearer(managerToken),
      payload: { resolution: 'rejected', note: 'La signature du contrat est la sienne.' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const after = await t.app.inject({ method: 'GET', url, headers: { cookie: debtor.cookie } });
    expect(after.json().items[0]).toMatchObject({ state: 'resolved', outcome: 'rejected' });
    expect(JSON.stringify(after.json())).not.toContain('signature du contrat');
  });

  it('refuses a file of another type, one too large (bounded read), a PNG that does not decode, a cut PDF: clear 4xx, nothing stored', async () => {
    const debtor = await debtorOf();
    const url = `/api/v1/portal/${debtor.token}/disputes`;
    const send = (fileName: string, type: string, content: Buffer) =>
      postForm(url, debtor.cookie, [
        { name: 'reason', value: 'amount_wrong' },
        { name: 'file', fileName, type, content },
      ]);
    const html = await send('preuve.pdf', 'application/pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ code: 'evidence_type_not_allowed', details: { allowed: ['application/pdf', 'image/jpeg', 'image/png'] } });
    const text = await send('note.txt', 'text/plain', Buffer.from('du texte'));
    expect(text.json().code).toBe('evidence_type_not_allowed');
    // 10 MB + 1 byte: the stream is cut at the limit, whatever the client says of it.
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 1 - 9, 0x20)]);
    const tooLarge = await send('gros.pdf', 'application/pdf', big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('document_too_large');
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const brokenPng = await send('photo.png', 'image/png', Buffer.concat([signature, Buffer.from('not really a png at all, just bytes')]));
    expect(brokenPng.statusCode, brokenPng.body).toBe(422);
    expect(brokenPng.json().code).toBe('evidence_unreadable');
    const valid = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const truncatedPng = await send('photo.png', 'image/png', valid.subarray(0, valid.length - 30));
    expect(truncatedPng.statusCode, truncatedPng.body).toBe(422);
    const cutPdf = await send('releve.pdf', 'application/pdf', PDF.subarray(0, 30));
    expect(cutPdf.statusCode).toBe(422);
    expect(cutPdf.json()).toMatchObject({ code: 'evidence_unreadable', details: { reason: 'pdf_incomplete' } });
    expect(await disputesOf(debtor.id)).toEqual([]);
    expect(await documentsOf(debtor.id)).toEqual([]);
    const [row] = await sql<{ status: string }>('select status from collection_case where id = ?', [debtor.id]);
    expect(row?.status).toBe('new');
  });

  it('decodes a photo and keeps it re-encoded without its metadata, under the extension of its type', async () => {
    const debtor = await debtorOf();
    const photo = await jpegWithExif();
    expect(photo.toString('latin1')).toContain('GPS-SECRET-ARTIST');
    const opened = await postForm(`/api/v1/portal/${debtor.token}/disputes`, debtor.cookie, [
      { name: 'file', fileName: 'IMG_0042', type: 'application/octet-stream', content: photo },
      { name: 'reason', value: 'goods_or_service_defective' },
    ]);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().evidence[0]).toMatchObject({ fileName: 'IMG_0042.jpg', contentType: 'image/jpeg' });
    const [document] = await documentsOf(debtor.id);
    expect(document?.content.toString('latin1')).not.toContain('GPS-SECRET-ARTIST');
    const metadata = await sharp(document?.content).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(metadata.exif).toBeUndefined();
  });

  it('refuses a claim of another case, "other" without words, a reason off the list; a closed case says so', async () => {
    const other = await makeCase(t, creditorId, [{ ref: 'FAC-OTHER-CASE', amountCents: 10_000 }]);
    const debtor = await debtorOf([{ ref: 'FAC-MINE', amountCents: 10_000 }]);
    const url = `/api/v1/portal/${debtor.token}/disputes`;
    const foreign = await t.app.inject({ method: 'POST', url, headers: { cookie: debtor.cookie }, payload: { reason: 'not_owed', claimRef: 'FAC-OTHER-CASE' } });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('dispute_claim_unknown');
    const noWords = await t.app.inject({ method: 'POST', url, headers: { cookie: debtor.cookie }, payload: { reason: 'other', text: '   ' } });
    expect(noWords.statusCode).toBe(400);
    expect(noWords.json().code).toBe('dispute_text_required');
    const offList = await postForm(url, debtor.cookie, [{ name: 'reason', value: 'because' }]);
    expect(offList.statusCode).toBe(400);
    expect(offList.json().code).toBe('validation_failed');
    const nul = await postForm(url, debtor.cookie, [{ name: 'reason', value: 'other' }, { name: 'text', value: 'a\u0000b' }]);
    expect(nul.json().code).toBe('text_contains_nul');
    const twoFiles = await postForm(url, debtor.cookie, [
      { name: 'reason', value: 'not_owed' },
      { name: 'file', fileName: 'a.pdf', type: 'application/pdf', content: PDF },
      { name: 'file', fileName: 'b.pdf', type: 'application/pdf', content: PDF },
    ]);
    expect(twoFiles.statusCode).toBe(400);
    expect(twoFiles.json().code).toBe('form_invalid');
    expect(await disputesOf(debtor.id)).toEqual([]);
    expect(await disputesOf(other.id)).toEqual([]);
    await sql(`update collection_case set status = 'closed', closed_outcome = 'paid', closed_at = now() where id = ?`, [debtor.id]);
    const closed = await t.app.inject({ method: 'POST', url, headers: { cookie: debtor.cookie }, payload: { reason: 'not_owed' } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('portal_case_closed');
  });

  it('asks for the check first (401) and reads no other case', async () => {
    const mine = await debtorOf();
    const theirs = await debtorOf();
    for (const path of ['disputes', 'messages']) {
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${mine.token}/${path}` });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('portal_verification_required');
      const posted = await postForm(`/api/v1/portal/${mine.token}/${path}`, null, [{ name: 'reason', value: 'not_owed' }, { name: 'topic', value: 'question' }, { name: 'body', value: 'x' }]);
      expect(posted.statusCode).toBe(401);
      // My session does not open their page.
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${theirs.token}/${path}`, headers: { cookie: mine.cookie } })).statusCode).toBe(401);
    }
    expect(await disputesOf(mine.id)).toEqual([]);
  });

  it('an agent’s dispute keeps working and shows on the page without the agent’s text', async () => {
    const debtor = await debtorOf();
    const opened = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${debtor.id}/disputes`,
      headers: bearer(agentToken),
      payload: { reason: 'Au téléphone : dit avoir réglé, note interne' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ openedVia: 'staff', reasonCode: null, claimRef: null, evidenceDocumentId: null });
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${debtor.token}/disputes`, headers: { cookie: debtor.cookie } });
    expect(page.json().items).toEqual([expect.objectContaining({ openedVia: 'staff', reason: null, text: null, state: 'open' })]);
    expect(page.body).not.toContain('note interne');
  });
});

describe('messages between the debtor and the agency', () => {
  it('both ways: on the timeline (staff only) and in the team inbox, the reply on the page; a creditor sees none of it', async () => {
    const debtor = await debtorOf();
    const url = `/api/v1/portal/${debtor.token}/messages`;
    const proof = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#22aa22' } }).png().toBuffer();
    const sent = await postForm(
      url,
      debtor.cookie,
      [
        { name: 'topic', value: 'already_paid' },
        { name: 'body', value: 'J’ai payé le 2 novembre, voici le justificatif.' },
        { name: 'file', fileName: 'preuve.png', type: 'image/png', content: proof },
      ],
      { 'idempotency-key': 'msg-1' },
    );
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ direction: 'in', topic: 'already_paid', attachment: { fileName: 'preuve.png', contentType: 'image/png' } });
    const replayed = await postForm(
      url,
      debtor.cookie,
      [
        { name: 'topic', value: 'already_paid' },
        { name: 'body', value: 'J’ai payé le 2 novembre, voici le justificatif.' },
        { name: 'file', fileName: 'preuve.png', type: 'image/png', content: proof },
      ],
      { 'idempotency-key': 'msg-1' },
    );
    expect(replayed.json().id).toBe(sent.json().id);
    // A minute later, JSON, no key, tapped twice: one message.
    t.clock.advanceDays(1 / 1440);
    const question = { topic: 'hardship', body: 'Je suis au chômage : puis-je payer 50 € par mois ?' };
    const json1 = await t.app.inject({ method: 'POST', url, headers: { cookie: debtor.cookie }, payload: question });
    const json2 = await t.app.inject({ method: 'POST', url, headers: { cookie: debtor.cookie }, payload: question });
    expect(json1.statusCode, json1.body).toBe(201);
    expect(json2.statusCode).toBe(200);
    expect(json2.json().id).toBe(json1.json().id);
    const empty = await t.app.inject({ method: 'POST', url, headers: { cookie: debtor.cookie }, payload: { topic: 'question', body: ' ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('portal_message_invalid');
    expect((await sql('select id from portal_message where case_id = ?', [debtor.id])).length).toBe(2);

    // The agent's timeline has both; the creditor's view of the case has neither, nor the attachment.
    const agentCase = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}`, headers: bearer(agentToken) });
    const agentTexts = (agentCase.json().activities as { kind: string; text: string }[]).filter((item) => item.kind === 'debtor_message').map((item) => item.text);
    expect(agentTexts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Message du débiteur sur sa page (déjà payé)'),
        expect.stringContaining('Message du débiteur sur sa page (difficultés financières)'),
      ]),
    );
    const creditorCase = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}`, headers: bearer(creditorToken) });
    expect(creditorCase.statusCode).toBe(200);
    expect(creditorCase.body).not.toContain('chômage');
    const creditorDocs = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}/documents`, headers: bearer(creditorToken) });
    expect(creditorDocs.json().items).toEqual([]);
    const attachmentId = sent.json().attachment.id;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}/documents/${attachmentId}/download`, headers: bearer(creditorToken) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}/documents/${attachmentId}/download`, headers: bearer(agentToken) })).statusCode).toBe(200);

    // The team inbox: unanswered, newest first, with the topic and the file.
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/portal-messages', headers: bearer(agentToken) });
    expect(inbox.statusCode, inbox.body).toBe(200);
    const mine = (inbox.json().items as { caseId: string; topic: string; attachment: unknown }[]).filter((item) => item.caseId === debtor.id);
    expect(mine.map((item) => item.topic)).toEqual(['hardship', 'already_paid']);
    expect(mine[1]?.attachment).toMatchObject({ fileName: 'preuve.png', downloadUrl: `/api/v1/cases/${debtor.id}/documents/${attachmentId}/download` });
    // A page at a time (cursor), newest first.
    const firstPage = await t.app.inject({ method: 'GET', url: '/api/v1/portal-messages?status=all&limit=1', headers: bearer(agentToken) });
    expect(firstPage.json().items).toHaveLength(1);
    const secondPage = await t.app.inject({
      method: 'GET',
      url: `/api/v1/portal-messages?status=all&limit=1&cursor=${encodeURIComponent(firstPage.json().nextCursor)}`,
      headers: bearer(agentToken),
    });
    expect(secondPage.statusCode, secondPage.body).toBe(200);
    expect(secondPage.json().items[0].id).not.toBe(firstPage.json().items[0].id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal-messages?cursor=forged', headers: bearer(agentToken) })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal-messages', headers: bearer(creditorToken) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${debtor.id}/portal-messages`, headers: bearer(creditorToken) })).statusCode).toBe(403);

    // Read, then a reply a minute later: both messages answered, the reply on the debtor's page without the agent's name.
    const read = await t.app.inject({ method: 'POST', url: `/api/v1/portal-messages/${json1.json().id}/read`, headers: bearer(agentToken) });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    t.clock.advanceDays(1 / 1440);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${debtor.id}/portal-messages`,
      headers: bearer(agentToken),
      payload: { body: 'Bonjour, nous avons bien reçu votre justificatif.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ direction: 'out', authorName: 'Test agent' });
    const unanswered = await t.app.inject({ method: 'GET', url: '/api/v1/portal-messages?status=unanswered', headers: bearer(agentToken) });
    expect((unanswered.json().items as { caseId: string }[]).filter((item) => item.caseId === debtor.id)).toEqual([]);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/portal-messages?status=all', headers: bearer(agentToken) });
    expect((all.json().items as { caseId: string; answeredAt: string | null }[]).filter((item) => item.caseId === debtor.id && item.answeredAt)).toHaveLength(2);
    const thread = await t.app.inject({ method: 'GET', url, headers: { cookie: debtor.cookie } });
    expect(thread.json().items.map((item: { direction: string }) => item.direction)).toEqual(['in', 'in', 'out']);
    expect(thread.body).not.toContain('Test agent');
    const download = await t.app.inject({ method: 'GET', url: thread.json().items[0].attachment.downloadUrl, headers: { cookie: debtor.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
  });

  it('another case’s debtor cannot read them; "answered" without a reply leaves the inbox with a timeline line', async () => {
    const debtor = await debtorOf();
    const stranger = await debtorOf();
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/${debtor.token}/messages`,
      headers: { cookie: debtor.cookie },
      payload: { topic: 'wrong_address', body: 'Je n’habite plus au 3 rue Garibaldi depuis 2024.' },
    });
    expect(sent.statusCode).toBe(201);
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/portal/${stranger.token}/messages`, headers: { cookie: stranger.cookie } });
    expect(theirs.json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/${debtor.token}/messages`, headers: { cookie: stranger.cookie } })).statusCode).toBe(401);
    const answered = await t.app.inject({ method: 'POST', url: `/api/v1/portal-messages/${sent.json().id}/answered`, headers: bearer(managerToken) });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().answeredAt).not.toBeNull();
    const entries = await sql<{ text: string }>(`select text from activity where case_id = ? and kind = 'debtor_message' order by occurred_at, id`, [debtor.id]);
    expect(entries.map((entry) => entry.text)).toEqual([
      expect.stringContaining('(mauvaise adresse)'),
      'Message du débiteur marqué comme traité, sans réponse écrite sur sa page.',
    ]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/portal-messages/${sent.json().id}/answered`, headers: bearer(creditorToken) })).statusCode).toBe(403);
  });

  it('anonymising the debtor erases their words and files, the dispute and the thread keep their trace', async () => {
    const debtor = await debtorOf();
    const disputed = await postForm(`/api/v1/portal/${debtor.token}/disputes`, debtor.cookie, [
      { name: 'reason', value: 'other' },
      { name: 'text', value: 'Mon voisin a commandé à mon nom.' },
      { name: 'file', fileName: 'plainte.pdf', type: 'application/pdf', content: PDF },
    ]);
    expect(disputed.statusCode, disputed.body).toBe(201);
    const written = await postForm(`/api/v1/portal/${debtor.token}/messages`, debtor.cookie, [
      { name: 'topic', value: 'hardship' },
      { name: 'body', value: 'Je suis hospitalisé depuis octobre.' },
      { name: 'file', fileName: 'certificat.pdf', type: 'application/pdf', content: PDF },
    ], { 'idempotency-key': 'rgpd-msg' });
    expect(written.statusCode, written.body).toBe(201);
    await t.orm.em.fork().transactional(async (em) => {
      await anonymiseCases(emExec(em), { caseIds: [debtor.id], now: t.clock.now(), actorId: null, reason: 'erasure_request' });
    });
    const [message] = await sql<{ body: string; attachment_document_id: string | null }>('select body, attachment_document_id from portal_message where case_id = ?', [debtor.id]);
    expect(message).toEqual({ body: ANONYMISED_TEXT, attachment_document_id: null });
    const [dispute] = await disputesOf(debtor.id);
    expect(dispute).toMatchObject({ reason_code: 'other', debtor_text: null, evidence_document_id: null });
    expect(await documentsOf(debtor.id)).toEqual([]);
    const kept = await sql<{ response_body: unknown }>(`select response_body from idempotency_key where scope = ?`, [`portal:${debtor.id}`]);
    expect(kept.map((row) => row.response_body)).toEqual([null]);
  });
});
