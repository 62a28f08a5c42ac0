import { createHmac } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER } from '../../server/src/features/payments/webhook-signature.ts';
import { signPayload } from '../../server/src/plugins/signed-webhook.ts';
import { type Journey, setValue, shot, signIn, signOut, startJourney } from './browser-harness.ts';

/**
 * Two-factor authentication and payment anomalies, as people use them in Chromium: an admin turns
 * TOTP on for their account (QR code, first code, recovery codes) and requires it for staff; an
 * agent is then asked to enrol at sign-in; the admin signs in with a code; a manager closes a
 * payment anomaly. Screenshots in French, and the code step in English.
 */
let journey: Journey;
let base: string;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
});
afterAll(async () => {
  await journey?.close();
});

/** RFC 6238 (SHA-1, 6 digits, 30 s), as an authenticator app computes it. */
function totp(secretBase32: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32.replace(/\s|=/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = (digest[digest.length - 1] as number) & 0xf;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/** The server's clock is frozen in journeys; a code is used once per 30-second step, so move on a step. */
function nextStep() {
  journey.t.clock.set(new Date(journey.t.clock.now().getTime() + 30_000));
}

async function secretShown(page: Page): Promise<string> {
  await page.waitForSelector('[data-testid="totp-secret"]');
  return (await page.$eval('[data-testid="totp-secret"]', (el) => el.textContent ?? '')).replace(/\s/g, '');
}

async function typePin(page: Page, code: string) {
  // Mantine's PinInput: typing in the first box moves to the next.
  await page.click('[data-testid="totp-enrol-code"] input');
  await page.keyboard.type(code);
}

let adminSecret = '';

describe('two-factor authentication in Chromium', () => {
  it('an admin turns TOTP on from the account security page and keeps the recovery codes', async () => {
    const page = await journey.newPage();
    await signIn(page, base, 'admin@relance.test', 'demo');
    await page.goto(`${base}/account/security`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="totp-start"]');
    await shot(page, 'security-01-account-off');
    await page.click('[data-testid="totp-start"]');
    adminSecret = await secretShown(page);
    await page.waitForSelector('[data-testid="totp-qr"]');
    await shot(page, 'security-02-enrol-qr');
    await typePin(page, totp(adminSecret, journey.t.clock.now()));
    await page.click('[data-testid="totp-enrol-confirm"]');
    await page.waitForSelector('[data-testid="recovery-codes"]');
    expect(await page.$$('[data-testid="recovery-code"]')).toHaveLength(10);
    await shot(page, 'security-03-recovery-codes');
    await page.click('[data-testid="recovery-codes-done"]');
    await page.waitForSelector('[data-testid="recovery-codes-left"]');
    expect(await page.$eval('[data-testid="totp-status"]', (el) => el.textContent)).toBe('Activée');
    await shot(page, 'security-04-account-on');

    // The agency setting: require it for staff.
    await page.goto(`${base}/agency`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="require-staff-totp"]');
    await page.click('[data-testid="require-staff-totp"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="require-staff-totp"]') as HTMLInputElement | null)?.checked === true);
    const settings = await page.$('[data-testid="security-settings"]');
    await settings?.screenshot({ path: `${process.cwd()}/test-artifacts/screenshots/security-05-agency-setting.png` }).catch(() => undefined);
    await shot(page, 'security-05-agency-page');
    await signOut(page);
  });

  it('an agent without 2FA enrols at sign-in before getting a session', async () => {
    nextStep();
    const page = await journey.newPage();
    await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
    await page.type('[data-testid="login-email"]', 'agent1@relance.test');
    await page.type('[data-testid="login-password"]', 'demo');
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="login-enrolment-step"]');
    const secret = await secretShown(page);
    await shot(page, 'security-06-login-enrolment');
    await typePin(page, '000000');
    await page.click('[data-testid="totp-enrol-confirm"]');
    await page.waitForSelector('[data-testid="totp-enrol-error"]');
    await page.evaluate(() => {
      for (const input of document.querySelectorAll<HTMLInputElement>('[data-testid="totp-enrol-code"] input')) input.value = '';
    });
    await page.click('[data-testid="totp-enrol-code"] input');
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('Backspace');
    await typePin(page, totp(secret, journey.t.clock.now()));
    await page.click('[data-testid="totp-enrol-confirm"]');
    await page.waitForSelector('[data-testid="recovery-codes"]');
    await shot(page, 'security-07-login-recovery-codes');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined), page.click('[data-testid="recovery-codes-done"]')]);
    await page.waitForSelector('[data-testid="current-user"]');
    expect(new URL(page.url()).pathname).toBe('/cases');
  });

  it('the admin signs in with a code; a wrong one is refused (screens in French and English)', async () => {
    nextStep();
    const page = await journey.newPage();
    await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
    await page.type('[data-testid="login-email"]', 'admin@relance.test');
    await page.type('[data-testid="login-password"]', 'demo');
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="login-code-step"]');
    await setValue(page, 'login-code', '123456');
    await page.click('[data-testid="login-code-submit"]');
    await page.waitForSelector('[data-testid="login-code-error"]');
    await shot(page, 'security-08-login-code-wrong');
    // English.
    await page.evaluate(() => localStorage.setItem('relance.locale', 'en'));
    await page.reload({ waitUntil: 'networkidle0' });
    await page.type('[data-testid="login-email"]', 'admin@relance.test');
    await page.type('[data-testid="login-password"]', 'demo');
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="login-code-step"]');
    await shot(page, 'security-09-login-code-en');
    await setValue(page, 'login-code', totp(adminSecret, journey.t.clock.now()));
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined), page.click('[data-testid="login-code-submit"]')]);
    await page.waitForSelector('[data-testid="current-user"]');
    await page.goto(`${base}/account/security`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="recovery-codes-left"]');
    await shot(page, 'security-10-account-required-en');
    await page.evaluate(() => localStorage.setItem('relance.locale', 'fr'));
    // Back to the default for any later journey on this database.
    await journey.t.orm.em.fork().execute('update agency set require_staff_totp = false');
  });
});

describe('payment anomalies in Chromium', () => {
  it('a manager sees an amount mismatch, and closes it with a note', async () => {
    const em = journey.t.orm.em.fork();
    const [session] = await em.execute<{ case_id: string }[]>(
      `insert into checkout_session (case_id, provider, provider_session_id, amount_cents, currency)
       select id, 'local_card', 'cs_local_journey', 700, 'EUR' from collection_case order by created_at limit 1 returning case_id`,
    );
    const body = JSON.stringify({
      id: 'evt_local_journey_amount',
      type: 'checkout.session.completed',
      created: Math.floor(journey.t.clock.now().getTime() / 1000),
      data: {
        sessionId: 'cs_local_journey',
        amountCents: 999_999,
        currency: 'EUR',
        paymentReference: 'pi_local_journey',
        failureReason: null,
        metadata: { caseId: session?.case_id },
      },
    });
    const response = await fetch(`${base}/api/v1/payments/webhooks/local-card`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signPayload(journey.t.secrets.localCardWebhookSecret, body, Math.floor(journey.t.clock.now().getTime() / 1000)),
      },
      body,
    });
    expect(await response.json()).toMatchObject({ outcome: 'anomaly' });

    const page = await journey.newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/payment-anomalies`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="anomaly-row"]');
    await shot(page, 'security-11-payment-anomalies');
    await page.click('[data-testid="anomaly-resolve"]');
    await setValue(page, 'anomaly-note', 'Trop-perçu signalé au prestataire, débiteur remboursé.');
    await shot(page, 'security-12-anomaly-resolve');
    await page.click('[data-testid="anomaly-resolve-submit"]');
    await page.waitForSelector('[data-testid="anomalies-empty"]');
    await shot(page, 'security-13-anomalies-empty');
  });
});
