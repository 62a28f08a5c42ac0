import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Creditor onboarding: identity, R124-3 mandate and its terms, bank account, brand; the signed mandate PDF. */
let t: TestApp;
let manager: string;

const firstVersionBody = {
  legalName: 'Boutique Lumière SAS',
  kind: 'company',
  siren: '732829320',
  address: { line1: '5 rue de la Paix', postalCode: '75002', city: 'Paris' },
  brand: { displayName: 'Boutique Lumière', primaryColor: '#8E24AA' },
  mandate: { reference: 'MAND-1', signedOn: '2026-01-15', validUntil: null },
};

// 732829320 mod 97 = 43 -> key (12 + 3 × 43) mod 97 = 44 -> FR44 732829320.
const fullBody = {
  ...firstVersionBody,
  legalForm: 'SAS',
  vatNumber: 'FR 44 732 829 320',
  brand: {
    displayName: 'Boutique Lumière',
    primaryColor: '#1d4ed8',
    secondaryColor: '#333333',
    senderName: 'Boutique Lumière — service clients',
    replyTo: 'compta@lumiere.test',
    signature: 'Le service comptable',
    footer: 'Boutique Lumière SAS, capital 10 000 €',
  },
  commission: { percentBasisPoints: 12_50, fixedFeeCents: 15_00 },
  remittance: { basis: 'gross', frequency: 'weekly', delayDays: 15 },
  paymentPlanRules: { maxDurationMonths: 6, minInstallmentCents: 50_00, maxAgentDiscountBasisPoints: 5_00, managerApprovalAboveCents: 5_000_00, managerApprovalAboveMonths: 3 },
  remittanceAccount: { iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp' },
};

async function post(body: unknown, token = manager) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/creditors', headers: bearer(token), payload: body as object });
}
async function patch(id: string, body: unknown, token = manager) {
  return await t.app.inject({ method: 'PATCH', url: `/api/v1/creditors/${id}`, headers: bearer(token), payload: body as object });
}

beforeAll(async () => {
  t = await createTestApp();
  manager = await login(t, await makeUser(t, 'manager'));
});
afterAll(async () => t.close());

describe('creating and editing a creditor', () => {
  it('still accepts the first version of the body, with the default terms (R124-6: monthly, 30 days)', async () => {
    const response = await post(firstVersionBody);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'company',
      legalForm: null,
      vatNumber: null,
      brand: { primaryColor: '#8e24aa', secondaryColor: null, logoUrl: null },
      mandate: { reference: 'MAND-1', isValid: true, document: null },
      commission: { percentBasisPoints: null, fixedFeeCents: null },
      remittance: { basis: 'net', frequency: 'monthly', delayDays: 30, longerDelayStipulated: false },
      remittanceAccount: null,
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/creditors', headers: bearer(manager) });
    expect(list.json().items.every((c: { kind?: string }) => c.kind === 'company' || c.kind === 'private_individual')).toBe(true);
  });

  it('stores the full onboarding form, identifiers in electronic form', async () => {
    const response = await post(fullBody);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      legalForm: 'SAS',
      vatNumber: 'FR44732829320',
      brand: { secondaryColor: '#333333', replyTo: 'compta@lumiere.test', footer: 'Boutique Lumière SAS, capital 10 000 €' },
      commission: { percentBasisPoints: 1250, fixedFeeCents: 1500 },
      remittance: { basis: 'gross', frequency: 'weekly', delayDays: 15 },
      paymentPlanRules: { maxDurationMonths: 6, minInstallmentCents: 5000, maxAgentDiscountBasisPoints: 500, managerApprovalAboveCents: 500000, managerApprovalAboveMonths: 3 },
      remittanceAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
    });
  });

  it.each([
    ['a SIREN failing the Luhn check', { siren: '732829321' }, 'invalid_siren'],
    ['a company without SIREN', { siren: null, vatNumber: null }, 'siren_required'],
    ['a VAT number with a wrong key', { vatNumber: 'FR45732829320' }, 'invalid_vat_number'],
    ['a VAT number that is not French', { vatNumber: 'DE123456789' }, 'invalid_vat_number'],
    ['a VAT number of another SIREN', { vatNumber: 'FR83404833048' }, 'vat_number_siren_mismatch'],
    ['a bad IBAN', { remittanceAccount: { iban: 'FR7630006000011234567890188', bic: null } }, 'invalid_iban'],
    ['a bad BIC', { remittanceAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRI1' } }, 'invalid_bic'],
    ['white text unreadable on yellow', { brand: { ...fullBody.brand, primaryColor: '#ffd600' } }, 'insufficient_contrast'],
    ['a light secondary text colour', { brand: { ...fullBody.brand, secondaryColor: '#aaaaaa' } }, 'insufficient_contrast'],
    ['a remittance delay beyond one month', { remittance: { delayDays: 45 } }, 'remittance_delay_too_long'],
  ])('refuses %s', async (_label, override, code) => {
    const response = await post({ ...fullBody, ...override });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().code).toBe(code);
  });

  it('explains a contrast refusal with the ratio, in the caller language', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/v1/creditors', headers: { ...bearer(manager), 'accept-language': 'en' },
      payload: { ...firstVersionBody, brand: { displayName: 'Pale', primaryColor: '#7fbfff' } },
    });
    expect(response.json()).toMatchObject({ code: 'insufficient_contrast', details: { field: 'brand.primaryColor', minimum: 4.5 } });
    expect(response.json().details.ratio).toBeLessThan(4.5);
    expect(response.json().message).toMatch(/4\.5:1/);
  });

  it('allows a longer remittance delay only when the mandate stipulates it (R124-6)', async () => {
    const response = await post({ ...fullBody, remittance: { delayDays: 45, longerDelayStipulated: true } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().remittance).toMatchObject({ delayDays: 45, longerDelayStipulated: true });
  });

  it('PATCH changes only the fields sent, and checks the result again', async () => {
    const created = (await post(fullBody)).json();
    const edited = await patch(created.id, {
      brand: { footer: 'Nouveau pied de page' },
      mandate: { validUntil: '2027-12-31' },
      remittance: { delayDays: 20 },
      paymentPlanRules: { maxDurationMonths: 12 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      brand: { footer: 'Nouveau pied de page', primaryColor: '#1d4ed8', senderName: 'Boutique Lumière — service clients' },
      mandate: { validUntil: '2027-12-31', reference: 'MAND-1' },
      remittance: { delayDays: 20, basis: 'gross', frequency: 'weekly' },
      paymentPlanRules: { maxDurationMonths: 12, minInstallmentCents: 5000 },
    });
    expect((await patch(created.id, { brand: { primaryColor: '#eeeeee' } })).json().code).toBe('insufficient_contrast');
    expect((await patch(created.id, { remittance: { delayDays: 31 } })).json().code).toBe('remittance_delay_too_long');
    expect((await patch(created.id, { siren: '404833048' })).json().code).toBe('vat_number_siren_mismatch');
    expect((await patch(created.id, { remittanceAccount: null })).json().remittanceAccount).toBeNull();
    const reread = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${created.id}`, headers: bearer(manager) });
    expect(reread.json().brand.primaryColor).toBe('#1d4ed8');
    expect(reread.json().remittance.delayDays).toBe(20);
  });

  it('is refused to agents and creditor users', async () => {
    const creditor = await makeCreditor(t);
    const agent = await login(t, await makeUser(t, 'agent'));
    const own = await login(t, await makeUser(t, 'creditor', creditor.id));
    expect((await patch(creditor.id, { legalName: 'X' }, agent)).statusCode).toBe(403);
    expect((await patch(creditor.id, { legalName: 'X' }, own)).statusCode).toBe(403);
  });
});

describe('the signed mandate (PDF)', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);

  async function upload(id: string, content: Buffer, token = manager, name = 'mandat signé.pdf') {
    const form = multipart({}, { name, type: 'application/pdf', content });
    return await t.app.inject({ method: 'PUT', url: `/api/v1/creditors/${id}/mandate-document`, headers: { ...bearer(token), ...form.headers }, payload: form.payload });
  }

  it('is checked by content and size, stored with its SHA-256, and downloaded by staff and that creditor only', async () => {
    const mine = await makeCreditor(t);
    const theirs = await makeCreditor(t);
    const myUser = await login(t, await makeUser(t, 'creditor', mine.id));
    const theirUser = await login(t, await makeUser(t, 'creditor', theirs.id));
    const agent = await login(t, await makeUser(t, 'agent'));
    const url = `/api/v1/creditors/${mine.id}/mandate-document`;

    expect((await t.app.inject({ method: 'GET', url, headers: bearer(manager) })).statusCode).toBe(404);
    const notPdf = await upload(mine.id, Buffer.from('<html>mandat</html>'), manager, 'mandat.pdf');
    expect([notPdf.statusCode, notPdf.json().code]).toEqual([400, 'invalid_mandate_document']);
    const tooLarge = await upload(mine.id, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]));
    expect([tooLarge.statusCode, tooLarge.json().code]).toEqual([413, 'file_too_large']);
    expect((await upload(mine.id, pdf, myUser)).statusCode).toBe(403);

    const stored = await upload(mine.id, pdf);
    expect(stored.statusCode, stored.body).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(stored.json().mandate.document).toMatchObject({
      fileName: 'mandat signé.pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      url,
    });

    for (const token of [manager, agent, myUser]) {
      const download = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain('attachment');
      expect(download.rawPayload.equals(pdf)).toBe(true);
    }
    const foreign = await t.app.inject({ method: 'GET', url, headers: bearer(theirUser) });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'not_found']);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
