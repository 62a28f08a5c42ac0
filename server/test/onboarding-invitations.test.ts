import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseBody, postCase } from './case-factories.ts';
import { bearer, claimsCsv, login, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Creditor users join by an e-mail link: the message really goes through SMTP (a local server
 * started here), the link is single-use and expires after 7 days (test clock), accepting signs
 * in, and a viewer cannot upload files or create cases while an uploader can.
 */
let t: TestApp;
let smtp: SMTPServer;
const inbox: ParsedMail[] = [];
let manager: string;
let creditor: { id: string; legalName: string };

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Agence Test <agence@relance.test>' } });
  manager = await login(t, await makeUser(t, 'manager'));
  creditor = await makeCreditor(t);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function invite(email: string, creditorRole: 'viewer' | 'uploader', token = manager) {
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/creditors/${creditor.id}/invitations`,
    headers: bearer(token),
    payload: { email, name: 'Claire Comptable', creditorRole },
  });
}

function tokenFromMail(to: string): string {
  const mail = inbox.findLast((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === to);
  if (!mail) throw new Error(`no mail to ${to}`);
  const match = /\/invitations\/([A-Za-z0-9_-]{20,})/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error('no link in the mail');
  return match[1];
}

async function accept(token: string, password: string) {
  return await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password } });
}

describe('an invitation by e-mail', () => {
  it('is delivered over SMTP with a link that shows who is invited, signs in once, then is spent', async () => {
    const sent = await invite('Claire@Lumiere.test', 'uploader');
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ email: 'claire@lumiere.test', creditorRole: 'uploader', status: 'pending', delivery: 'smtp', outboxLink: null });
    expect(Date.parse(sent.json().expiresAt) - t.clock.now().getTime()).toBe(7 * 86_400_000);

    const mail = inbox.at(-1) as ParsedMail;
    expect(mail.from?.text).toContain('agence@relance.test');
    expect(mail.subject).toContain('Agence de Test SAS');
    expect(mail.text).toContain(`${t.config.publicUrl}/invitations/`);
    const token = tokenFromMail('claire@lumiere.test');
    const stored = await t.orm.em.fork().execute<{ token_hash: string }[]>('select token_hash from creditor_invitation');
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ email: 'claire@lumiere.test', name: 'Claire Comptable', creditorRole: 'uploader', creditor: { legalName: creditor.legalName } });

    const short = await accept(token, 'too short');
    expect([short.statusCode, short.json().code]).toEqual([400, 'password_too_short']);

    const accepted = await accept(token, 'lumiere-password-2026');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: 'claire@lumiere.test', role: 'creditor', creditorId: creditor.id });
    expect(String(accepted.headers['set-cookie'])).toContain('relance_refresh=');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(accepted.json().accessToken) });
    expect(me.json().email).toBe('claire@lumiere.test');
    await login(t, { email: 'claire@lumiere.test', password: 'lumiere-password-2026' });

    for (const again of [await accept(token, 'another-password-2026'), await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })]) {
      expect([again.statusCode, again.json().code]).toEqual([404, 'invitation_invalid']);
    }
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${creditor.id}/invitations`, headers: bearer(manager) });
    expect(list.json().items[0]).toMatchObject({ email: 'claire@lumiere.test', status: 'accepted' });
  });

  it('expires after 7 days', async () => {
    await invite('late@lumiere.test', 'viewer');
    const token = tokenFromMail('late@lumiere.test');
    t.clock.advanceDays(7);
    try {
      const shown = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
      expect([shown.statusCode, shown.json().code]).toEqual([404, 'invitation_invalid']);
      expect((await accept(token, 'lumiere-password-2026')).statusCode).toBe(404);
    } finally {
      t.clock.advanceDays(-7);
    }
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${'x'.repeat(43)}` });
    expect(unknown.json().code).toBe('invitation_invalid');
  });

  it('refuses an address already in use, and is for admins and managers only', async () => {
    const existing = await makeUser(t, 'agent');
    expect((await invite(existing.email, 'uploader')).json().code).toBe('email_taken');
    const agent = await login(t, await makeUser(t, 'agent'));
    const own = await login(t, await makeUser(t, 'creditor', creditor.id));
    expect((await invite('x@lumiere.test', 'viewer', agent)).statusCode).toBe(403);
    expect((await invite('x@lumiere.test', 'viewer', own)).statusCode).toBe(403);
  });
});

describe('roles inside a creditor', () => {
  async function joinAs(email: string, creditorRole: 'viewer' | 'uploader'): Promise<string> {
    expect((await invite(email, creditorRole)).statusCode).toBe(201);
    const accepted = await accept(tokenFromMail(email), 'lumiere-password-2026');
    return accepted.json().accessToken as string;
  }

  async function upload(token: string) {
    const form = multipart({}, { name: 'f.csv', type: 'text/csv', content: claimsCsv([`R-${Date.now()};01/01/2026;31/01/2026;100,00;particulier;Jean Test;;;;;;`]) });
    return await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(token), ...form.headers }, payload: form.payload });
  }

  it('a viewer reads but cannot create cases or upload files; an uploader can', async () => {
    const viewer = await joinAs('viewer@lumiere.test', 'viewer');
    const uploader = await joinAs('uploader@lumiere.test', 'uploader');
    const body = caseBody({ claims: [{ dueDate: '2026-09-30', amountCents: 250_00 }] });

    const refusedCase = await postCase(t, viewer, body);
    expect([refusedCase.statusCode, refusedCase.json().code]).toEqual([403, 'read_only_access']);
    const refusedFile = await upload(viewer);
    expect([refusedFile.statusCode, refusedFile.json().code]).toEqual([403, 'read_only_access']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer(viewer) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${creditor.id}`, headers: bearer(viewer) })).statusCode).toBe(200);

    const created = await postCase(t, uploader, body);
    expect(created.statusCode, created.body).toBe(201);
    const uploaded = await upload(uploader);
    expect(uploaded.json().code).not.toBe('read_only_access');

    // Every other write a creditor can make is refused to a viewer too, before anything changes.
    const caseId = created.json().id as string;
    const importId = uploaded.json().id as string;
    const writes = [
      { method: 'POST' as const, url: `/api/v1/imports/${importId}/commit`, payload: {} },
      { method: 'POST' as const, url: `/api/v1/imports/${importId}/cancel`, payload: {} },
      { method: 'POST' as const, url: `/api/v1/cases/${caseId}/recall`, payload: { reason: 'Réglé directement' } },
      { method: 'POST' as const, url: `/api/v1/cases/${caseId}/direct-payments`, payload: { date: '2026-11-20', amountCents: 10_00 } },
      { method: 'POST' as const, url: `/api/v1/creditors/${creditor.id}/api-keys`, payload: { name: 'ERP' } },
      { method: 'POST' as const, url: `/api/v1/creditors/${creditor.id}/webhooks`, payload: { url: 'https://erp.lumiere.test/hooks', events: ['case.created'] } },
    ];
    for (const write of writes) {
      const refused = await t.app.inject({ ...write, headers: bearer(viewer) });
      expect([write.url, refused.statusCode, refused.json().code]).toEqual([write.url, 403, 'read_only_access']);
    }
    const imported = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${importId}`, headers: bearer(viewer) });
    expect(imported.json().status).toBe('pending');
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: bearer(viewer) });
    expect(detail.json().status).not.toBe('closed');
  });
});

describe('without SMTP_URL', () => {
  it('keeps the message so that the admin screen can show the link', async () => {
    const local = await createTestApp();
    try {
      const token = await login(local, await makeUser(local, 'admin'));
      const target = await makeCreditor(local);
      const sent = await local.app.inject({
        method: 'POST', url: `/api/v1/creditors/${target.id}/invitations`, headers: bearer(token),
        payload: { email: 'nosmtp@lumiere.test', name: 'Sans SMTP', creditorRole: 'viewer' },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({ delivery: 'outbox' });
      expect(sent.json().outboxLink).toMatch(new RegExp(`^${local.config.publicUrl}/invitations/`));
      expect(local.app.mailer.outbox().at(-1)?.to).toBe('nosmtp@lumiere.test');
      const listed = await local.app.inject({ method: 'GET', url: `/api/v1/creditors/${target.id}/invitations`, headers: bearer(token) });
      expect(listed.json().items[0].outboxLink).toBe(sent.json().outboxLink);
      const invitationToken = String(sent.json().outboxLink).split('/').at(-1) as string;
      const accepted = await local.app.inject({ method: 'POST', url: `/api/v1/invitations/${invitationToken}/accept`, payload: { password: 'nosmtp-password-2026' } });
      expect(accepted.statusCode).toBe(200);
      const after = await local.app.inject({ method: 'GET', url: `/api/v1/creditors/${target.id}/invitations`, headers: bearer(token) });
      expect(after.json().items[0]).toMatchObject({ status: 'accepted', outboxLink: null });
    } finally {
      await local.close();
    }
  });
});
