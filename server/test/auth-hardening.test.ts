import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Issue #13, item 7: login brute force (forged X-Forwarded-For, per-account lock with growing
 * delay, per-address limit, audit trail) and TOTP two-factor authentication.
 */
let direct: TestApp; // no trusted proxy: the socket's address is the client's
let proxied: TestApp; // behind a trusted proxy on 127.0.0.1: X-Forwarded-For gives each test its own address

beforeAll(async () => {
  const env = { LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_LOCK_AFTER_FAILURES: '5', LOGIN_ADDRESS_MAX_FAILURES: '8' };
  direct = await createTestApp({ env });
  proxied = await createTestApp({ env: { ...env, TRUSTED_PROXIES: '127.0.0.1' } });
});
afterAll(async () => {
  await direct.close();
  await proxied.close();
});

async function attempt(t: TestApp, email: string, password: string, headers: Record<string, string> = {}) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { email, password } });
}

async function auditOf(t: TestApp, action: string, email: string) {
  return await t.orm.em.fork().execute<{ actor_id: string | null; entity_id: string | null; details: Record<string, unknown> }[]>(
    `select actor_id, entity_id, details from audit_event where action = ? and (details->>'email') = ? order by id`,
    [action, email.toLowerCase()],
  );
}

describe('login brute force', () => {
  it('12 wrong passwords from 12 forged X-Forwarded-For addresses, then the right one: 429 with Retry-After', async () => {
    const victim = await makeUser(direct, 'manager');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await attempt(direct, victim.email, `guess-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const right = await attempt(direct, victim.email, victim.password, { 'x-forwarded-for': '198.51.100.77' });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('login_throttled');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The forged header was ignored: every failure is recorded from the socket's address.
    const failures = await auditOf(direct, 'login_failed', victim.email);
    expect(failures).toHaveLength(5);
    expect(new Set(failures.map((row) => row.details.address))).toEqual(new Set(['127.0.0.1']));
  });

  it('a trusted proxy (TRUSTED_PROXIES) gives the client address from X-Forwarded-For', async () => {
    const user = await makeUser(proxied, 'agent');
    await attempt(proxied, user.email, 'wrong-password', { 'x-forwarded-for': '192.0.2.10' });
    expect((await auditOf(proxied, 'login_failed', user.email))[0]?.details.address).toBe('192.0.2.10');
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16' }).trustedProxies).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(parseConfig({}).trustedProxies).toEqual([]);
    expect(() => parseConfig({ TRUSTED_PROXIES: 'everyone' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('locks the account for 1 minute after 5 failures, then 2, 4... at each further failure; audited', async () => {
    const user = await makeUser(proxied, 'agent');
    const from = { 'x-forwarded-for': '192.0.2.20' };
    for (let i = 0; i < 5; i += 1) expect((await attempt(proxied, user.email, `guess-${i}`, from)).statusCode).toBe(401);
    const locked = await attempt(proxied, user.email, user.password, from);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(60);
    // After the minute, one more wrong password locks it for 2 minutes.
    proxied.clock.set(new Date(proxied.clock.now().getTime() + 61_000));
    expect((await attempt(proxied, user.email, 'guess-5', from)).statusCode).toBe(401);
    const again = await attempt(proxied, user.email, user.password, from);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBe(120);
    proxied.clock.set(new Date(proxied.clock.now().getTime() + 121_000));
    expect((await attempt(proxied, user.email, 'guess-6', from)).statusCode).toBe(401);
    expect(Number((await attempt(proxied, user.email, user.password, from)).headers['retry-after'])).toBe(240);
    // Once the lock has passed, the right password signs in and resets the count.
    proxied.clock.set(new Date(proxied.clock.now().getTime() + 241_000));
    expect((await attempt(proxied, user.email, user.password, from)).statusCode).toBe(200);
    // (from another address: this one has reached the address limit of the test app, 8 failures in 15 minutes)
    const elsewhere = { 'x-forwarded-for': '192.0.2.21' };
    expect((await attempt(proxied, user.email, 'guess-7', elsewhere)).statusCode).toBe(401);
    expect((await attempt(proxied, user.email, user.password, elsewhere)).statusCode).toBe(200);

    const failures = await auditOf(proxied, 'login_failed', user.email);
    expect(failures).toHaveLength(8);
    expect(failures[0]).toMatchObject({ actor_id: null, entity_id: user.id, details: { reason: 'wrong_password', address: '192.0.2.20' } });
    const lockouts = await auditOf(proxied, 'login_locked', user.email);
    expect(lockouts.map((row) => row.details.minutes)).toEqual([1, 2, 4]);
  });

  it('an unknown e-mail is throttled and audited like a known one', async () => {
    const from = { 'x-forwarded-for': '192.0.2.30' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(proxied, 'nobody-here@test.relance', `guess-${i}`, from)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const failures = await auditOf(proxied, 'login_failed', 'nobody-here@test.relance');
    expect(failures[0]).toMatchObject({ entity_id: null, details: { reason: 'unknown_email' } });
  });

  it('limits one address across accounts: past the limit, even the right password of another account answers 429', async () => {
    const from = { 'x-forwarded-for': '192.0.2.40' };
    for (let i = 0; i < 8; i += 1) {
      const user = await makeUser(proxied, 'agent');
      expect((await attempt(proxied, user.email, 'wrong-password', from)).statusCode).toBe(401);
    }
    const other = await makeUser(proxied, 'agent');
    const refused = await attempt(proxied, other.email, other.password, from);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt(proxied, other.email, other.password, { 'x-forwarded-for': '192.0.2.41' })).statusCode).toBe(200);
    const lockouts = await proxied.orm.em.fork().execute<{ details: Record<string, unknown> }[]>(
      `select details from audit_event where action = 'login_locked' and details->>'address' = '192.0.2.40' and details->>'scope' = 'address'`,
    );
    expect(lockouts).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

type Enrolment = { secret: string; otpauthUri: string; qrCodeSvg: string };

function codeAt(secret: string, at: Date, offsetSteps = 0): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({
    timestamp: at.getTime() + offsetSteps * 30_000,
  });
}

function nextStep(t: TestApp) {
  t.clock.set(new Date(t.clock.now().getTime() + 30_000));
}

describe('TOTP two-factor authentication', () => {
  const from = { 'x-forwarded-for': '192.0.2.50' };

  async function enrol(t: TestApp, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(token) });
    expect(started.statusCode).toBe(200);
    const enrolment = started.json() as Enrolment;
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment/confirm',
      headers: bearer(token),
      payload: { code: codeAt(enrolment.secret, t.clock.now()) },
    });
    expect(confirmed.statusCode).toBe(200);
    nextStep(t);
    return { secret: enrolment.secret, recoveryCodes: confirmed.json().recoveryCodes };
  }

  it('enrols (QR code, confirmed by a first code), then asks for a code at login; wrong, replayed and recovery codes', async () => {
    const t = proxied;
    const user = await makeUser(t, 'creditor', (await makeCreditor(t)).id);
    const token = await login(t, user);
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(token) });
    const enrolment = started.json() as Enrolment;
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect(enrolment.otpauthUri).toContain(encodeURIComponent(user.email));
    expect(enrolment.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Pending until confirmed: the login still answers a session.
    expect((await attempt(t, user.email, user.password, from)).json().accessToken).toBeTruthy();
    const wrongConfirm = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment/confirm', headers: bearer(token), payload: { code: '000000' } });
    expect(wrongConfirm.statusCode).toBe(400);
    expect(wrongConfirm.json().code).toBe('totp_code_invalid');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment/confirm',
      headers: bearer(token),
      payload: { code: codeAt(enrolment.secret, t.clock.now()) },
    });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    const [stored] = await t.orm.em.fork().execute<{ secret_ciphertext: Buffer }[]>('select secret_ciphertext from user_totp where user_id = ?', [user.id]);
    expect(stored?.secret_ciphertext.toString('latin1')).not.toContain(enrolment.secret);
    const hashes = await t.orm.em.fork().execute<{ code_hash: string }[]>('select code_hash from user_recovery_code where user_id = ?', [user.id]);
    expect(hashes.map((row) => row.code_hash)).not.toContain(recoveryCodes[0]);
    const status = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/totp', headers: bearer(token) })).json();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10, requiredByAgency: false });

    // The password alone now answers a challenge, not a session.
    const first = await attempt(t, user.email, user.password, from);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ step: 'totp' });
    expect(first.json().accessToken).toBeUndefined();
    expect(first.headers['set-cookie']).toBeUndefined();
    const challengeToken = first.json().challengeToken as string;
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken, code: '123456' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('totp_code_invalid');
    // The confirmation's code was spent: the same step's code is refused (replay), in this step.
    const replayOfConfirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      payload: { challengeToken, code: codeAt(enrolment.secret, t.clock.now()) },
    });
    expect(replayOfConfirm.statusCode).toBe(401);
    nextStep(t);
    const code = codeAt(enrolment.secret, t.clock.now());
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken, code } });
    expect(right.statusCode).toBe(200);
    expect(right.json().accessToken).toBeTruthy();
    expect(String(right.headers['set-cookie'])).toContain('relance_refresh=');
    // A challenge is used once.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken, code } })).statusCode).toBe(401);
    // The same code in a new login, within its window: refused.
    const second = (await attempt(t, user.email, user.password, from)).json();
    const replayed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken: second.challengeToken, code } });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('totp_code_invalid');

    // A recovery code works once.
    const recovery = recoveryCodes[0] as string;
    const withRecovery = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken: second.challengeToken, code: recovery.toUpperCase() } });
    expect(withRecovery.statusCode).toBe(200);
    const third = (await attempt(t, user.email, user.password, from)).json();
    const reused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken: third.challengeToken, code: recovery } });
    expect(reused.statusCode).toBe(401);
    const wrongCodes = await t.orm.em.fork().execute(`select 1 from audit_event where action = 'login_failed' and entity_id = ? and details->>'reason' = 'wrong_code'`, [user.id]);
    expect(wrongCodes.length).toBeGreaterThanOrEqual(3);

    // Turning it off needs a current code.
    const session = withRecovery.json().accessToken as string;
    const noCode = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/disable', headers: bearer(session), payload: { code: '000000' } });
    expect(noCode.statusCode).toBe(400);
    nextStep(t);
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/disable',
      headers: bearer(session),
      payload: { code: codeAt(enrolment.secret, t.clock.now()) },
    });
    expect(off.statusCode).toBe(204);
    expect((await attempt(t, user.email, user.password, from)).json().accessToken).toBeTruthy();
  });

  it('a challenge allows 5 codes at most', async () => {
    const t = proxied;
    const user = await makeUser(t, 'agent');
    await enrol(t, await login(t, user));
    const { challengeToken } = (await attempt(t, user.email, user.password, { 'x-forwarded-for': '192.0.2.51' })).json();
    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken, code: `00000${i}` } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 401]);
    const codesAfter = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challengeToken, code: '000009' } });
    expect(codesAfter.json().code).toBe('login_challenge_invalid');
  });

  it('an admin requires 2FA for staff: a staff user without it enrols at login before getting a session; creditors are not asked', async () => {
    const t = direct;
    const admin = await makeUser(t, 'admin');
    const adminToken = await login(t, admin);
    const tooEarly = await t.app.inject({ method: 'PUT', url: '/api/v1/agency/security-settings', headers: bearer(adminToken), payload: { requireStaffTotp: true } });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().code).toBe('totp_enrol_first');
    const adminTotp = await enrol(t, adminToken);
    const manager = await makeUser(t, 'manager');
    const managerToken = await login(t, manager);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/agency/security-settings', headers: bearer(managerToken), payload: { requireStaffTotp: true } })).statusCode).toBe(403);
    const required = await t.app.inject({ method: 'PUT', url: '/api/v1/agency/security-settings', headers: bearer(adminToken), payload: { requireStaffTotp: true } });
    expect(required.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/agency/security-settings', headers: bearer(adminToken) })).json()).toEqual({ requireStaffTotp: true });

    const agent = await makeUser(t, 'agent');
    const first = await attempt(t, agent.email, agent.password);
    expect(first.json()).toMatchObject({ step: 'totp_enrolment' });
    expect(first.json().accessToken).toBeUndefined();
    const challengeToken = first.json().challengeToken as string;
    // The challenge is not a session.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(challengeToken) })).statusCode).toBe(401);
    const enrolment = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp-enrolment', payload: { challengeToken } })).json() as Enrolment;
    expect(enrolment.qrCodeSvg).toContain('<svg');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp-enrolment/confirm', payload: { challengeToken, code: '000000' } });
    expect(bad.statusCode).toBe(400);
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp-enrolment/confirm',
      payload: { challengeToken, code: codeAt(enrolment.secret, t.clock.now()) },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().accessToken).toBeTruthy();
    expect(done.json().recoveryCodes).toHaveLength(10);
    // Next login: the code step.
    expect((await attempt(t, agent.email, agent.password)).json().step).toBe('totp');
    // Staff cannot turn it off while it is required.
    nextStep(t);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/disable',
      headers: bearer(done.json().accessToken),
      payload: { code: codeAt(enrolment.secret, t.clock.now()) },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('totp_required_by_agency');

    // A creditor user is not asked to enrol.
    const creditorUser = await makeUser(t, 'creditor', (await makeCreditor(t)).id);
    expect((await attempt(t, creditorUser.email, creditorUser.password)).json().accessToken).toBeTruthy();
    // The admin's own login asks for the code.
    expect((await attempt(t, admin.email, admin.password)).json().step).toBe('totp');
    expect(adminTotp.recoveryCodes).toHaveLength(10);
    const audit = await t.orm.em.fork().execute(`select 1 from audit_event where action = 'security_settings_changed' and actor_id = ?`, [admin.id]);
    expect(audit).toHaveLength(1);
    // Back to the default for the other tests of this app.
    await t.orm.em.fork().execute('update agency set require_staff_totp = false');
  });
});
