import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWorkerLogger } from '../src/db/migrate.ts';
import { keyringOf, sealSecret } from '../src/db/secret-box.ts';
import type { Resolver } from '../src/features/webhooks/outbound.ts';
import { emitCreditorEvent, webhookSecretContext } from '../src/features/webhooks/service.ts';
import { isForbiddenAddress, urlPolicyProblem } from '../src/features/webhooks/url-policy.ts';
import { taskList } from '../src/worker/runner.ts';
import { bearer, login, makeCreditor, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Webhook SSRF with the production policy (WEBHOOK_ALLOW_PRIVATE_URLS unset): address literals
 * in every IPv6 disguise are refused at registration, and a name that resolves into our network
 * (or rebinds to it after registration) is refused by the connection's own lookup: the receiver
 * listening on loopback never sees a connection. No test here sends a packet beyond loopback.
 */
let t: TestApp;
let receiver: Server;
let port: number;
let connections = 0;
let creditor: { id: string };
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  receiver = createServer((_request, response) => response.end('ok'));
  receiver.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  creditor = await makeCreditor(t);
  token = await login(t, await makeUser(t, 'creditor', creditor.id));
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

/** Writes an endpoint as a row (sealed secret and all), as if its URL had passed registration. */
async function endpointAt(url: string): Promise<string> {
  const id = randomUUID();
  const sealed = sealSecret(keyringOf(t.secrets), 'whsec_test', webhookSecretContext(id));
  await t.orm.em.fork().execute(
    `insert into webhook_endpoint (id, creditor_id, url, events, secret_ciphertext, secret_iv, secret_tag, secret_key_id)
     values (?, ?, ?, '{case.escalated}', ?, ?, ?, ?)`,
    [id, creditor.id, url, sealed.ciphertext, sealed.iv, sealed.tag, sealed.keyId],
  );
  return id;
}

async function deliverWith(resolve: Resolver, allowPrivate = false) {
  await t.orm.em.fork().transactional(async (em) => {
    await emitCreditorEvent(em, { creditorId: creditor.id, type: 'case.escalated', data: { caseId: randomUUID() } });
  });
  await runOnce({
    connectionString: t.databaseUrl,
    taskList: taskList({ secrets: t.secrets, clock: t.clock, config: { webhookAllowPrivateUrls: allowPrivate }, webhookResolver: resolve }),
    logger: silentWorkerLogger,
  });
}

async function attemptsOf(endpointId: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${creditor.id}/webhooks/${endpointId}/deliveries`, headers: bearer(token) });
  expect(response.statusCode).toBe(200);
  return response.json().items.flatMap((item: { attempts: { error: string | null; statusCode: number | null }[] }) => item.attempts);
}

describe('registration refuses private addresses in every notation', () => {
  const refused = [
    'https://[::ffff:127.0.0.1]:39999/hook',
    'https://[::ffff:a9fe:a9fe]/hook', // 169.254.169.254 (cloud metadata)
    'https://[::ffff:10.0.0.1]/hook',
    'https://[::127.0.0.1]/hook', // IPv4-compatible
    'https://[64:ff9b::7f00:1]/hook', // NAT64 of 127.0.0.1
    'https://[64:ff9b:1::a00:1]/hook', // local-use NAT64 (RFC 8215)
    'https://[2002:a9fe:a9fe::1]/hook', // 6to4 of 169.254.169.254
    'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', // Teredo, client 127.0.0.1
    'https://[::ffff:0:7f00:1]/hook', // RFC 6145
    'https://[fd00:ec2::254]/hook', // AWS metadata over IPv6
    'https://[fe80::1]/hook',
    'https://[::]/hook',
    'https://0.0.0.0/hook',
    'https://2130706433/hook', // 127.0.0.1 as one number
    'https://0x7f.1/hook',
    'https://100.100.100.200/hook', // CGNAT (Alibaba metadata)
    'https://192.0.0.192/hook', // Oracle Cloud metadata
    'https://168.63.129.16/hook', // Azure WireServer
    'https://224.0.0.1/hook',
    'https://metadata/hook', // a bare name resolves through search domains
  ];
  for (const url of refused) {
    it(`refuses ${url}`, async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/creditors/${creditor.id}/webhooks`,
        headers: bearer(token),
        payload: { url, events: ['case.created'] },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('webhook_url_not_allowed');
    });
  }

  it('accepts public addresses, including their IPv6 translations', () => {
    for (const url of ['https://erp.example.fr/hooks', 'https://8.8.8.8/h', 'https://[2606:4700::1111]/h', 'https://[64:ff9b::808:808]/h', 'https://[2002:808:808::]/h']) {
      expect(urlPolicyProblem(url, false), url).toBeNull();
    }
    expect(isForbiddenAddress('not-an-address')).toBe(true);
  });
});

describe('connect-time check of every resolved address', () => {
  it('refuses a name that resolves to loopback, although it passed registration: no connection is made', async () => {
    const url = `https://hooks.erp-client.example:${port}/relance`;
    expect(urlPolicyProblem(url, false)).toBeNull();
    const endpointId = await endpointAt(url);
    connections = 0;
    await deliverWith(async () => [{ address: '127.0.0.1', family: 4 }]);
    expect(connections).toBe(0);
    expect(await attemptsOf(endpointId)).toEqual([expect.objectContaining({ error: 'address not allowed', statusCode: null })]);
    await t.orm.em.fork().execute('update webhook_endpoint set deleted_at = now() where id = ?', [endpointId]);
  });

  it('refuses a name with one private address among public ones, and IPv4-mapped IPv6 answers', async () => {
    for (const addresses of [
      [
        { address: '203.0.113.1', family: 4 }, // documentation range: never contacted either
        { address: '::ffff:127.0.0.1', family: 6 },
      ],
      [{ address: '64:ff9b::a9fe:a9fe', family: 6 }],
    ]) {
      const endpointId = await endpointAt(`https://rebound.example:${port}/relance`);
      connections = 0;
      await deliverWith(async () => addresses);
      expect(connections).toBe(0);
      expect((await attemptsOf(endpointId))[0]).toMatchObject({ error: 'address not allowed' });
      await t.orm.em.fork().execute('update webhook_endpoint set deleted_at = now() where id = ?', [endpointId]);
    }
  });

  it('with WEBHOOK_ALLOW_PRIVATE_URLS=true (development), the same name is delivered to', async () => {
    const endpointId = await endpointAt(`http://hooks.dev.example:${port}/relance`);
    connections = 0;
    await deliverWith(async () => [{ address: '127.0.0.1', family: 4 }], true);
    expect(connections).toBe(1);
    expect((await attemptsOf(endpointId))[0]).toMatchObject({ error: null, statusCode: 200 });
    await t.orm.em.fork().execute('update webhook_endpoint set deleted_at = now() where id = ?', [endpointId]);
  });
});
