import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { startInbox } from './messages-helpers.ts';

// Issue 19, white label: the agency's brand (display name, colour, logo, "propulsé par" line) is
// edited by an administrator only, read by anyone through GET /agency/brand (the sign-in page needs
// it) which says nothing else of the profile, and e-mails to creditor users come from its name.

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let admin: string;
let manager: string;
let agent: string;
let creditorUser: string;

async function getAgency(token = admin) {
  return await t.app.inject({ method: 'GET', url: '/api/v1/agency', headers: bearer(token) });
}

/** PUT /agency takes the whole profile: the current one with the given brand. */
async function putBrand(brand: Record<string, unknown>, token = admin) {
  const { profile } = (await getAgency()).json();
  const body = {
    name: profile.name,
    siren: profile.siren,
    address: { ...profile.address },
    insurance: { ...profile.insurance, expiresOn: '2027-06-30' },
    clientFundsAccount: profile.clientFundsAccount,
    procureurDeclaredOn: profile.procureurDeclaredOn,
    brand,
  };
  return await t.app.inject({ method: 'PUT', url: '/api/v1/agency', headers: bearer(token), payload: body });
}

async function publicBrand() {
  return await t.app.inject({ method: 'GET', url: '/api/v1/agency/brand' });
}

async function putLogo(content: Buffer, token = admin) {
  const upload = multipart({}, { name: 'logo.png', type: 'image/png', content });
  return await t.app.inject({ method: 'PUT', url: '/api/v1/agency/logo', headers: { ...bearer(token), ...upload.headers }, payload: upload.payload });
}

beforeAll(async () => {
  inbox = await startInbox();
  t = await createTestApp({ env: { SMTP_URL: inbox.server.url, MAIL_FROM: 'Relance <envoi@agence-test.fr>' } });
  admin = await login(t, await makeUser(t, 'admin'));
  manager = await login(t, await makeUser(t, 'manager'));
  agent = await login(t, await makeUser(t, 'agent'));
  creditorUser = await login(t, await makeUser(t, 'creditor', (await makeCreditor(t)).id));
});
afterAll(async () => {
  await t.close();
  await inbox.server.close();
});

describe('the agency brand', () => {
  it('defaults to the legal name, no colour, no logo, the "propulsé par" line shown', async () => {
    const response = await publicBrand();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'Agence de Test SAS', primaryColor: null, logoUrl: null, poweredByVisible: true });
    expect((await getAgency(agent)).json().profile.brand).toEqual({ displayName: null, primaryColor: null, logoUrl: null, poweredByVisible: true });
  });

  it('only an administrator edits it: the profile, the logo', async () => {
    for (const token of [manager, agent, creditorUser]) {
      expect((await putBrand({ displayName: 'Pirate' }, token)).statusCode).toBe(403);
      const logo = await putLogo(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000000' } }).png().toBuffer(), token);
      expect(logo.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/agency/logo', headers: bearer(token) })).statusCode).toBe(403);
    }
    expect((await publicBrand()).json().name).toBe('Agence de Test SAS');
  });

  it('an administrator sets the display name, the colour (stored lower case) and hides the line', async () => {
    const saved = await putBrand({ displayName: '  Recouvra Ouest ', primaryColor: '#1D4ED8', poweredByVisible: false });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().profile.brand).toEqual({ displayName: 'Recouvra Ouest', primaryColor: '#1d4ed8', logoUrl: null, poweredByVisible: false });
    expect(saved.json().profile.name).toBe('Agence de Test SAS');
    expect((await publicBrand()).json()).toEqual({ name: 'Recouvra Ouest', primaryColor: '#1d4ed8', logoUrl: null, poweredByVisible: false });
    // An absent brand leaves it as it is.
    const again = await putBrand(undefined as unknown as Record<string, unknown>);
    expect(again.json().profile.brand.displayName).toBe('Recouvra Ouest');
  });

  it('refuses a colour that is not #rrggbb', async () => {
    for (const primaryColor of ['blue', '#12345', '#12345g']) {
      const refused = await putBrand({ primaryColor });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'invalid_brand_color', details: { field: 'brand.primaryColor' } });
      expect(refused.json().message).toBeTruthy();
    }
  });

  it('the logo goes through the image pipeline, is served publicly as PNG, and can be removed', async () => {
    const refused = await putLogo(Buffer.from('not an image'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'invalid_logo', details: { reason: 'not_an_image' } });

    const jpeg = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#1d4ed8' } }).jpeg().toBuffer();
    const saved = await putLogo(jpeg);
    expect(saved.statusCode, saved.body).toBe(200);
    const logoUrl = saved.json().logoUrl as string;
    expect(logoUrl).toMatch(/^\/api\/v1\/agency\/logo\?v=[0-9a-f]{12}$/);
    expect((await publicBrand()).json().logoUrl).toBe(logoUrl);
    const served = await t.app.inject({ method: 'GET', url: logoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect((await sharp(served.rawPayload).metadata()).format).toBe('png');

    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/agency/logo', headers: bearer(admin) });
    expect(removed.json().logoUrl).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/agency/logo' })).statusCode).toBe(404);
  });

  it('the public route exposes the brand and nothing else of the profile', async () => {
    const body = (await publicBrand()).json();
    expect(Object.keys(body).sort()).toEqual(['logoUrl', 'name', 'poweredByVisible', 'primaryColor']);
    const text = JSON.stringify(body);
    for (const secret of ['732829320', 'FR76', 'RCP-TEST', 'contact@agence-test.fr', 'Nantes']) expect(text).not.toContain(secret);
  });

  it("an invitation to a creditor's user comes from the agency's brand name", async () => {
    await putBrand({ displayName: 'Recouvra "Ouest"' });
    const creditor = await makeCreditor(t);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/creditors/${creditor.id}/invitations`,
      headers: bearer(admin),
      payload: { email: 'brand@lumiere.test', name: 'Marque', creditorRole: 'viewer' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const mail = (await inbox.parsed()).at(-1);
    expect(mail?.from?.value).toEqual([{ name: 'Recouvra "Ouest"', address: 'envoi@agence-test.fr' }]);
    expect(mail?.subject).toContain('Recouvra "Ouest"');
    expect(mail?.text ?? '').not.toContain('Relance');
  });
});
