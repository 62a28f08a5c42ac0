import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseBody, postCase } from './case-factories.ts';
import { bearer, claimsCsv, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The agency profile and its R124-2 records: missing, expired or compliant, with the 30-day
 * warning; intake (POST /imports, POST /cases) refuses new files while a record is missing or
 * expired. The test app starts without any agency profile (`agency: false`).
 */
let t: TestApp;
let admin: string;
let manager: string;
let agent: string;
let creditorUser: string;
let creditor: { id: string };

const profile = {
  name: 'Recouvrement Test SAS',
  legalForm: 'SAS',
  siren: '732 829 320',
  address: { line1: '12 quai de la Fosse', postalCode: '44000', city: 'Nantes' },
  insurance: { insurer: 'MMA IARD', policyNumber: 'RCP-2026-1', expiresOn: '2027-06-30' },
  clientFundsAccount: { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' },
  procureurDeclaredOn: '2025-02-01',
};

async function putAgency(body: unknown, token = admin) {
  return await t.app.inject({ method: 'PUT', url: '/api/v1/agency', headers: bearer(token), payload: body as object });
}

async function tryIntake() {
  const byApi = await postCase(t, manager, caseBody({ creditorId: creditor.id, claims: [{ dueDate: '2026-09-30', amountCents: 100_00 }] }));
  const upload = multipart(
    { creditorId: creditor.id },
    { name: 'f.csv', type: 'text/csv', content: claimsCsv([`AG-${Date.now()};01/01/2026;31/01/2026;100,00;particulier;Jean Test;;;;;;`]) },
  );
  const byFile = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(manager), ...upload.headers }, payload: upload.payload });
  return { byApi, byFile };
}

beforeAll(async () => {
  t = await createTestApp({ agency: false });
  admin = await login(t, await makeUser(t, 'admin'));
  manager = await login(t, await makeUser(t, 'manager'));
  agent = await login(t, await makeUser(t, 'agent'));
  creditor = await makeCreditor(t);
  creditorUser = await login(t, await makeUser(t, 'creditor', creditor.id));
});
afterAll(async () => t.close());

describe('agency records', () => {
  it('without a profile, every R124-2 record is missing and intake is refused through both doors', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/agency', headers: bearer(agent) });
    expect(response.statusCode).toBe(200);
    expect(response.json().profile).toBeNull();
    expect(response.json().status).toMatchObject({ compliant: false, asOf: '2026-11-23' });
    expect(response.json().status.problems.map((p: { code: string }) => p.code)).toEqual([
      'insurance_missing',
      'client_funds_account_missing',
      'procureur_declaration_missing',
    ]);
    const { byApi, byFile } = await tryIntake();
    for (const refused of [byApi, byFile]) {
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('agency_records_invalid');
      expect(refused.json().details.problems).toHaveLength(3);
    }
  });

  it('only an admin edits the profile; creditor users do not see it', async () => {
    expect((await putAgency(profile, manager)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/agency', headers: bearer(creditorUser) })).statusCode).toBe(403);
  });

  it('checks SIREN, IBAN, BIC and refuses a declaration dated in the future', async () => {
    const cases: [unknown, string][] = [
      [{ ...profile, siren: '732829321' }, 'invalid_siren'],
      [{ ...profile, clientFundsAccount: { iban: 'FR76 3000 6000 0112 3456 7890 188' } }, 'invalid_iban'],
      [{ ...profile, clientFundsAccount: { iban: profile.clientFundsAccount.iban, bic: 'AGRI-FR' } }, 'invalid_bic'],
      [{ ...profile, procureurDeclaredOn: '2026-11-24' }, 'date_in_future'],
    ];
    for (const [body, code] of cases) {
      const response = await putAgency(body);
      expect([code, response.statusCode, response.json().code]).toEqual([code, 400, code]);
    }
  });

  it('with every record on file the agency is compliant, identifiers stored in electronic form, and intake opens', async () => {
    const response = await putAgency(profile);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().profile).toMatchObject({
      siren: '732829320',
      clientFundsAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
      insurance: { expiresOn: '2027-06-30' },
      address: { country: 'FR', line2: null },
    });
    expect(response.json().status).toMatchObject({ compliant: true, problems: [], expiringSoon: false });
    const { byApi, byFile } = await tryIntake();
    expect(byApi.statusCode, byApi.body).toBe(201);
    expect([200, 201, 202], byFile.body).toContain(byFile.statusCode);
  });

  it('warns 30 days ahead of the insurance expiry, and refuses intake the day after it', async () => {
    await putAgency({ ...profile, insurance: { ...profile.insurance, expiresOn: '2026-12-20' } });
    const soon = (await t.app.inject({ method: 'GET', url: '/api/v1/agency', headers: bearer(admin) })).json().status;
    expect(soon).toMatchObject({ compliant: true, expiringSoon: true });
    expect(soon.warnings).toEqual([{ code: 'insurance_expiring_soon', field: 'insurance.expiresOn', date: '2026-12-20', daysLeft: 27 }]);

    t.clock.set('2026-12-20T22:30:00Z'); // 23:30 in Paris: still the last day covered
    expect((await tryIntake()).byApi.statusCode).not.toBe(409);
    t.clock.set('2026-12-20T23:30:00Z'); // 00:30 on 21 December in Paris
    try {
      const status = (await t.app.inject({ method: 'GET', url: '/api/v1/agency', headers: bearer(admin) })).json().status;
      expect(status.problems).toEqual([{ code: 'insurance_expired', field: 'insurance.expiresOn', date: '2026-12-20' }]);
      const { byApi, byFile } = await tryIntake();
      expect(byApi.json()).toMatchObject({ code: 'agency_records_invalid', details: { problems: [{ code: 'insurance_expired' }] } });
      expect(byFile.statusCode).toBe(409);
      expect(byFile.json().code).toBe('agency_records_invalid');
    } finally {
      t.clock.set('2026-11-23T10:00:00Z');
    }
  });

  it("keeps the phone and e-mail letters give for questions and disputes: checked, left as they are when the form omits them", async () => {
    const contact = { phone: '02 40 12 34 56', email: 'contact@recouvrement-test.fr' };
    const saved = await putAgency({ ...profile, contact });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().profile.contact).toEqual(contact);
    expect((await putAgency(profile)).json().profile.contact).toEqual(contact);
    for (const [body, code] of [
      [{ ...profile, contact: { phone: '12 34' } }, 'invalid_phone'],
      [{ ...profile, contact: { phone: 'appelez-nous' } }, 'invalid_phone'],
      [{ ...profile, contact: { email: 'contact@' } }, 'invalid_email'],
    ] as const) {
      const refused = await putAgency(body);
      expect([refused.statusCode, refused.json().code]).toEqual([400, code]);
    }
    expect((await putAgency({ ...profile, contact: { phone: null } })).json().profile.contact).toEqual({ phone: null, email: contact.email });
  });

  it('a removed client-funds account or declaration blocks intake again', async () => {
    const response = await putAgency({ ...profile, clientFundsAccount: { iban: null }, procureurDeclaredOn: null });
    expect(response.json().status.problems.map((p: { code: string }) => p.code)).toEqual([
      'client_funds_account_missing',
      'procureur_declaration_missing',
    ]);
    const { byApi } = await tryIntake();
    expect(byApi.statusCode).toBe(409);
    expect(byApi.headers['content-type']).toContain('application/json');
    await putAgency(profile);
    const rows = await t.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from agency');
    expect(rows[0]?.n).toBe(1);
  });
});
