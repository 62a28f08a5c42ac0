import { formatMoney } from '@relance/domain/money';
import { unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { normalise, pdfText } from '../../templates/test/pdf-text.ts';
import type { DemoSmtpServer, ReceivedMail } from '../src/features/messages/demo-smtp.ts';
import { createCaseViaApi, uniqueRef } from './case-factories.ts';
import { login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { startInbox } from './messages-helpers.ts';

// Issue 16, the documents of a legal action through the API: once both parties approved, the
// requête en injonction de payer (debtor, total claimed, every invoice) and its bordereau, the
// numbered pièces (the creditor's invoice upload first, the mise en demeure and its postal proof,
// the décompte, the mandate), the ZIP dossier de dépôt; a creditor sees only its own; a commissaire
// who accepts e-mail receives the dossier with its manifest.

let t: TestApp;
let inbox: { server: DemoSmtpServer; mails: ReceivedMail[] };
let creditor: { id: string };
let creditorToken: string;
let otherCreditorToken: string;
let agent: string;
let manager: string;

const inject = async (method: 'GET' | 'POST', url: string, token: string, payload?: Record<string, unknown>) =>
  payload === undefined
    ? await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } })
    : await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

const upload = async (token: string, caseId: string, fields: Record<string, string>, name = 'facture.pdf') => {
  const body = multipart(fields, { name, content: Buffer.from(`%PDF-1.4\n% ${name}\n`), type: 'application/pdf' });
  return await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, headers: { authorization: `Bearer ${token}`, ...body.headers }, payload: body.payload });
};

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: 'Agence de Test <envoi@agence-test.fr>' } });
  t.clock.set('2026-12-08T09:00:00Z');
  creditor = await makeCreditor(t, { kind: 'company' });
  creditorToken = await login(t, await makeUser(t, 'creditor', creditor.id));
  otherCreditorToken = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
  agent = await login(t, await makeUser(t, 'agent'));
  manager = await login(t, await makeUser(t, 'manager'));
  const em = t.orm.em.fork();
  for (const [code, kind, name] of [
    ['TAE-PARIS', 'tribunal_activites_economiques', 'Tribunal des activités économiques de Paris'],
    ['TJ-PARIS', 'tribunal_judiciaire', 'Tribunal judiciaire de Paris'],
  ]) {
    const [court] = await em.execute<{ id: string }[]>(
      `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source) values (?, ?, ?, '1 quai de la Corse', '75004', 'Paris', 'Paris', 'manual') returning id`,
      [code, kind, name],
    );
    await em.execute(`insert into court_competence (court_id, commune_code, postal_code, commune_name) values (?, '75102', '75002', 'PARIS')`, [court?.id]);
  }
  await em.execute(
    `insert into commissaire (etude, name, address_line1, postal_code, city, email, accepts_email, cour_appel_districts)
     values ('SCP Exécution Paris', 'Me Louise Martin', '5 rue de Rivoli', '75004', 'Paris', 'etude@commissaire.example.fr', true, '{Paris}')`,
  );
});
beforeEach(() => {
  t.clock.set('2026-12-08T09:00:00Z');
});
afterAll(async () => {
  await t.close();
  await inbox.server.close();
});

const b2bCase = async (debtorName: string, amounts: [number, number] = [1_200_00, 800_00]) =>
  await createCaseViaApi(t, creditorToken, {
    debtor: { type: 'company', name: debtorName, email: 'compta@debitrice.example.fr', address: { line1: '10 rue du Sentier', postalCode: '75002', city: 'Paris' } },
    claims: [
      { ref: uniqueRef('FAC-A'), dueDate: '2026-06-30', amountCents: amounts[0] },
      { ref: uniqueRef('FAC-B'), dueDate: '2026-07-31', amountCents: amounts[1] },
    ],
    miseEnDemeureDate: '2026-11-20',
  });

/** A registered mise en demeure sent and first presented, as the messages feature keeps it. */
async function sentMiseEnDemeure(caseId: string): Promise<void> {
  const em = t.orm.em.fork();
  const [c] = await em.execute<{ creditor_id: string; debtor_id: string }[]>('select creditor_id, debtor_id from collection_case where id = ?', [caseId]);
  const [document] = await em.execute<{ id: string }[]>(
    `insert into case_document (case_id, creditor_id, kind, title, file_name, content_type, size_bytes, sha256, content)
     values (?, ?, 'letter', 'Mise en demeure de payer (lettre recommandée) DOS-MED-1', 'DOS-MED-1.pdf', 'application/pdf', 9, repeat('c', 64), '%PDF-1.4 '::bytea) returning id`,
    [caseId, c?.creditor_id],
  );
  const [message] = await em.execute<{ id: string }[]>(
    `insert into outbound_message (case_id, creditor_id, debtor_id, channel, template, status, document_id, provider, provider_message_id, sent_at)
     values (?, ?, ?, 'registered_letter', 'mise_en_demeure', 'delivered', ?, 'local_post', ?, '2026-11-17T10:00:00Z') returning id`,
    [caseId, c?.creditor_id, c?.debtor_id, document?.id, uniqueRef('post')],
  );
  await em.execute(
    `insert into message_provider_event (provider, event_id, message_id, type, payload, received_at) values ('local_post', ?, ?, 'letter.presented', '{}', '2026-11-20T09:30:00Z')`,
    [uniqueRef('evt'), message?.id],
  );
}

async function approvedAction(caseId: string, kind: string) {
  const proposed = await inject('POST', `/api/v1/cases/${caseId}/legal-actions`, agent, { kind });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const action = proposed.json();
  expect((await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, manager, { decision: 'approve' })).statusCode).toBe(200);
  // The creditor approves last: the documents are prepared within its own (row-level security) transaction.
  const ready = await inject('POST', `/api/v1/legal-actions/${action.id}/approvals`, creditorToken, { decision: 'approve' });
  expect(ready.json()).toMatchObject({ stage: 'ready' });
  return action as { id: string; claimedCents: number };
}

type Doc = { id: string; role: string; number: number | null; title: string; fileName: string; downloadUrl: string; sha256: string };

describe('the documents of an injonction de payer', () => {
  it('lists the requête (debtor, total, every invoice) and the bordereau; the pièces are numbered, the creditor’s invoice first', async () => {
    const debtorName = uniqueRef('Débitrice Documents SARL');
    const { id: caseId, claimRefs } = await b2bCase(debtorName);
    await sentMiseEnDemeure(caseId);
    // The creditor adds the invoice as a pièce; a wrong kind is refused, another creditor cannot upload here.
    const added = await upload(creditorToken, caseId, { title: `Facture ${claimRefs[0]}`, pieceKind: 'invoice' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'upload', pieceKind: 'invoice' });
    expect((await upload(creditorToken, caseId, { pieceKind: 'napkin' })).statusCode).toBe(400);
    expect((await upload(otherCreditorToken, caseId, { pieceKind: 'invoice' })).statusCode).toBe(404);
    // A staff note without a piece kind is not a pièce.
    const note = await upload(agent, caseId, { title: 'Note d’appel' }, 'note.pdf');
    expect(note.statusCode).toBe(201);

    const action = await approvedAction(caseId, 'injonction_de_payer');
    const listed = await inject('GET', `/api/v1/legal-actions/${action.id}/documents`, creditorToken);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as Doc[];
    expect(items.map((item) => [item.role, item.number, item.title])).toEqual([
      ['requete', null, 'Requête en injonction de payer'],
      ['bordereau', null, 'Bordereau de pièces'],
      ['piece', 1, `Facture ${claimRefs[0]}`],
      ['piece', 2, 'Mise en demeure'],
      ['piece', 3, 'Preuve de présentation de la mise en demeure'],
      ['piece', 4, 'Décompte de la créance'],
      ['piece', 5, 'Attestation de mandat'],
    ]);

    const requete = await inject('GET', items[0]?.downloadUrl ?? '', agent);
    expect(requete.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(requete.rawPayload);
    expect(text).toContain(debtorName);
    expect(text).toContain(`Total réclamé décompte arrêté au 08/12/2026 ${normalise(formatMoney(action.claimedCents, 'EUR', 'fr'))}`);
    for (const ref of claimRefs) expect(text).toContain(ref);
    expect(text).toContain('Madame, Monsieur le président du Tribunal des activités économiques de Paris');
    expect(text).toContain(`Pièce n° 1 Facture ${claimRefs[0]}`);
    expect(text).toContain('Pièce n° 3 Preuve de présentation de la mise en demeure — première présentation à l’adresse du débiteur le 20/11/2026 10:30');

    const bordereau = await pdfText((await inject('GET', items[1]?.downloadUrl ?? '', creditorToken)).rawPayload);
    expect(bordereau.text).toContain('Pièces (5)');

    // The dossier de dépôt: the requête, the bordereau and the numbered pièces, with the bytes listed.
    const zip = await inject('GET', `/api/v1/legal-actions/${action.id}/dossier.zip`, agent);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      [
        `01 - Facture ${claimRefs[0]}.pdf`,
        '02 - Mise en demeure.pdf',
        '03 - Preuve de présentation de la mise en demeure.pdf',
        '04 - Décompte de la créance.pdf',
        '05 - Attestation de mandat.pdf',
        'Bordereau de pièces.pdf',
        'Requête en injonction de payer.pdf',
      ].sort(),
    );
    expect(Buffer.from(files[`01 - Facture ${claimRefs[0]}.pdf`] ?? []).toString()).toContain('%PDF-1.4');

    // Another creditor sees none of it.
    expect((await inject('GET', `/api/v1/legal-actions/${action.id}/documents`, otherCreditorToken)).statusCode).toBe(404);
    expect((await inject('GET', items[0]?.downloadUrl ?? '', otherCreditorToken)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/legal-actions/${action.id}/dossier.zip`, otherCreditorToken)).statusCode).toBe(404);
    // A case document that is not one of the action's is not reachable through it.
    expect((await inject('GET', `/api/v1/legal-actions/${action.id}/documents/${note.json().id}/download`, agent)).statusCode).toBe(404);
    // The case's own list shows the filing documents and the piece kind.
    const caseDocs = (await inject('GET', `/api/v1/cases/${caseId}/documents`, creditorToken)).json().items as { kind: string; pieceKind: string | null }[];
    expect(caseDocs.filter((doc) => doc.kind === 'legal_filing')).toHaveLength(5);
    expect(caseDocs.some((doc) => doc.pieceKind === 'invoice')).toBe(true);
  });

  it('prepares the documents once: nothing before the approvals, nothing twice', async () => {
    const { id: caseId } = await b2bCase(uniqueRef('Débitrice Idempotente SARL'));
    const proposed = (await inject('POST', `/api/v1/cases/${caseId}/legal-actions`, agent, { kind: 'injonction_de_payer' })).json();
    expect((await inject('GET', `/api/v1/legal-actions/${proposed.id}/documents`, agent)).json().items).toEqual([]);
    expect((await inject('GET', `/api/v1/legal-actions/${proposed.id}/dossier.zip`, agent)).json().code).toBe('legal_documents_not_ready');
    await inject('POST', `/api/v1/legal-actions/${proposed.id}/approvals`, creditorToken, { decision: 'approve' });
    await inject('POST', `/api/v1/legal-actions/${proposed.id}/approvals`, manager, { decision: 'approve' });
    await inject('POST', `/api/v1/legal-actions/${proposed.id}/approvals`, manager, { decision: 'approve' });
    const items = (await inject('GET', `/api/v1/legal-actions/${proposed.id}/documents`, manager)).json().items as Doc[];
    expect(items.map((item) => item.role)).toEqual(['requete', 'bordereau', 'piece', 'piece']);
  });
});

describe('a commissaire de justice’s dossier', () => {
  it('a petites créances request letter, a ZIP with its manifest, sent by e-mail where the commissaire accepts it', async () => {
    const debtorName = uniqueRef('Petite Débitrice SARL');
    const { id: caseId, claimRefs } = await b2bCase(debtorName, [600_00, 400_00]);
    const action = await approvedAction(caseId, 'petites_creances');
    const items = (await inject('GET', `/api/v1/legal-actions/${action.id}/documents`, agent)).json().items as Doc[];
    expect(items[0]).toMatchObject({ role: 'request_letter' });
    const letter = await pdfText((await inject('GET', items[0]?.downloadUrl ?? '', agent)).rawPayload);
    expect(letter.text).toContain('L125-1');
    expect(letter.text).toContain('Me Louise Martin');
    for (const ref of claimRefs) expect(letter.text).toContain(ref);

    const zip = unzipSync(new Uint8Array((await inject('GET', `/api/v1/legal-actions/${action.id}/dossier.zip`, agent)).rawPayload));
    const manifest = JSON.parse(Buffer.from(zip['manifest.json'] ?? []).toString());
    expect(manifest).toMatchObject({ kind: 'petites_creances', parties: { debtor: { name: debtorName } } });
    expect(manifest.contacts).toEqual(expect.arrayContaining([{ kind: 'email', value: 'compta@debitrice.example.fr', valid: true }]));
    expect(manifest.decompte.totals.balanceCents).toBe(action.claimedCents);
    expect(manifest.documents.map((doc: { file: string }) => doc.file)).toEqual(expect.arrayContaining(['01 - Décompte de la créance.pdf', '02 - Attestation de mandat.pdf']));

    // Creditors do not send; staff do, and the commissaire receives the ZIP.
    expect((await inject('POST', `/api/v1/legal-actions/${action.id}/send-to-commissaire`, creditorToken)).statusCode).toBe(403);
    const sent = await inject('POST', `/api/v1/legal-actions/${action.id}/send-to-commissaire`, agent);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ sentTo: 'etude@commissaire.example.fr', delivery: 'smtp' });
    const mail = await simpleParser(inbox.mails.at(-1)?.raw ?? Buffer.alloc(0));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('etude@commissaire.example.fr');
    const attached = mail.attachments.find((attachment) => attachment.contentType === 'application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(attached?.content ?? Buffer.alloc(0))))).toContain('manifest.json');
    const [audit] = await t.orm.em.fork().execute<{ details: { sha256: string } }[]>(
      `select details from audit_event where action = 'legal_dossier_sent' and entity_id = ?`,
      [action.id],
    );
    expect(audit?.details.sha256).toBe(sent.json().sha256);
    const [entry] = await t.orm.em.fork().execute<{ text: string }[]>(`select text from activity where case_id = ? and text like '%dossier transmis%'`, [caseId]);
    expect(entry?.text).toContain('etude@commissaire.example.fr');
  });
});
