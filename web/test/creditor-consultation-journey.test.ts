import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../packages/domain/src/dates.ts';
import { createCaseViaApi, uniqueRef } from '../../server/test/case-factories.ts';
import { bearer, login, makeCreditor, makeUser } from '../../server/test/factories.ts';
import { todayInParis } from '../src/shared/dates.ts';
import { type Journey, setValue, shot, signIn, startJourney, textOf } from './browser-harness.ts';

/**
 * Issue 19, the creditor's work from its screens: an agent asked about a dispute; the creditor sees
 * the badge of its Consultations, answers with a PDF it uploads there, and the agent's case screen
 * shows the answer with the file. Then the creditor approves a legal-action proposal from the case
 * screen (the Procédures badge counts it until then).
 */
let journey: Journey;
let base: string;
let disputedCaseId: string;
let legalCaseId: string;
let creditorUser: { email: string; password: string };

const sql = async <T>(text: string, params: unknown[] = []) => (await journey.t.orm.em.fork().execute(text, params)) as T[];

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  const t = journey.t;
  const today = todayInParis(journey.now());
  const creditor = await makeCreditor(t, { kind: 'company', legalName: uniqueRef('Matériaux Durand SAS') });
  creditorUser = await makeUser(t, 'creditor', creditor.id);
  const creditorToken = await login(t, creditorUser);
  const agentToken = await login(t, { email: 'agent1@relance.test', password: 'demo' });
  const [court] = await sql<{ id: string }>(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     values (?, 'tribunal_activites_economiques', 'Tribunal des activités économiques de Paris', '1 quai de la Corse', '75004', 'Paris', 'Paris', 'manual') returning id`,
    [uniqueRef('TAE-PARIS')],
  );
  await sql(`insert into court_competence (court_id, commune_code, postal_code, commune_name) values (?, '75102', '75002', 'PARIS')`, [court?.id]);
  const newCase = (name: string) =>
    createCaseViaApi(t, creditorToken, {
      debtor: { type: 'company', name: uniqueRef(name), address: { line1: '10 rue du Sentier', postalCode: '75002', city: 'Paris' } },
      claims: [{ ref: uniqueRef('FAC'), dueDate: addDays(today, -160), amountCents: 1_500_00 }],
      miseEnDemeureDate: addDays(today, -17),
    });
  disputedCaseId = (await newCase('Débitrice Litige SARL')).id;
  legalCaseId = (await newCase('Débitrice Procédure SARL')).id;

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(agentToken), payload });
  const dispute = await post(`/api/v1/cases/${disputedCaseId}/disputes`, { reason: 'Le débiteur dit avoir payé en septembre' });
  expect(dispute.statusCode).toBe(201);
  const asked = await post(`/api/v1/cases/${disputedCaseId}/disputes/${dispute.json().id}/consultations`, {
    question: 'Avez-vous reçu un virement de ce débiteur en septembre ?',
  });
  expect(asked.statusCode).toBe(201);
  const proposed = await post(`/api/v1/cases/${legalCaseId}/legal-actions`, { kind: 'injonction_de_payer' });
  expect(proposed.statusCode).toBe(201);
});
afterAll(async () => {
  await journey?.close();
});

describe('the creditor answers a consultation and decides a legal action, in Chromium', () => {
  it('answers with an uploaded PDF from the Consultations page; the agent reads it on the case', async () => {
    const page = await journey.newPage();
    await signIn(page, base, creditorUser.email, creditorUser.password);
    expect(await textOf(page, 'consultations-count')).toBe('1');
    await page.click('a[href="/consultations"]');
    await page.waitForSelector('[data-testid="consultations-open"] [data-testid="consultation"]');
    expect(await textOf(page, 'consultation-question')).toContain('virement de ce débiteur');
    await setValue(page, 'consultation-answer', 'Aucun virement reçu : voici notre relevé de compte client.');
    const dir = mkdtempSync(join(tmpdir(), 'consultation-'));
    const file = join(dir, 'releve-client.pdf');
    writeFileSync(file, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const [chooser] = await Promise.all([page.waitForFileChooser(), page.click('[data-testid="consultation-attach"]')]);
    await chooser.accept([file]);
    await page.waitForSelector('[data-testid="consultation-attached"]');
    await shot(page, 'consultation-01-creditor-answer');
    await page.click('[data-testid="consultation-send"]');
    await page.waitForSelector('[data-testid="consultations-answered"] [data-testid="consultation"][data-status="answered"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="consultations-count"]') === null);
    const [stored] = await sql<{ piece_kind: string }>(`select piece_kind from case_document where case_id = ? and file_name = 'releve-client.pdf'`, [disputedCaseId]);
    expect(stored?.piece_kind).toBe('correspondence');
    await page.close();

    const staff = await journey.newPage();
    await signIn(staff, base, 'agent1@relance.test', 'demo');
    await staff.goto(`${base}/cases/${disputedCaseId}`, { waitUntil: 'networkidle0' });
    await staff.waitForSelector('[data-testid="case-consultations"] [data-testid="consultation-answer-shown"]');
    expect(await textOf(staff, 'consultation-answer-shown')).toContain('Aucun virement reçu');
    expect(await textOf(staff, 'consultation-document')).toBe('releve-client.pdf');
    // The dispute is still open: the agent may ask another question.
    await staff.waitForSelector('[data-testid="consultation-ask-form"]');
    await shot(staff, 'consultation-02-staff-case');
    await staff.close();
  });

  it('adds an invoice as a pièce and approves the legal-action proposal from the case screen; the Procédures badge counted it', async () => {
    const page = await journey.newPage();
    await signIn(page, base, creditorUser.email, creditorUser.password);
    expect(await textOf(page, 'legal-awaiting-count')).toBe('1');
    await page.goto(`${base}/cases/${legalCaseId}`, { waitUntil: 'networkidle0' });
    // A claim document first: the invoice, as a pièce, from the case's documents card.
    await page.select('[data-testid="document-piece-kind"]', 'invoice');
    const dir = mkdtempSync(join(tmpdir(), 'claim-document-'));
    const file = join(dir, 'facture.pdf');
    writeFileSync(file, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const [chooser] = await Promise.all([page.waitForFileChooser(), page.click('[data-testid="document-upload"]')]);
    await chooser.accept([file]);
    await page.waitForSelector('[data-testid="document-uploaded"]');
    expect(await textOf(page, 'document-piece-kind-badge')).toBe('Facture');
    await page.waitForSelector('[data-testid="legal-panel"] [data-testid="legal-approve"]');
    await page.click('[data-testid="legal-panel"] [data-testid="legal-approve"]');
    await page.waitForSelector('[data-testid="legal-approval"][data-party="creditor"][data-decision="approve"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="legal-awaiting-count"]') === null);
    await shot(page, 'consultation-03-creditor-legal-approved');
    await page.close();
  });
});
