import { randomBytes } from 'node:crypto';
import type { Role } from '@relance/contracts/auth';
import { sirenFrom } from '@relance/seeds/random';
import { hashPassword } from '../src/features/users/passwords.ts';
import type { TestApp } from './harness.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function makeCreditor(
  t: TestApp,
  overrides: Partial<{
    kind: 'company' | 'private_individual';
    legalName: string;
    mandateValidUntil: string | null;
    mandateSignedOn: string;
    /** Test creditors' mandates cover judicial steps unless a test says otherwise. */
    mandateCoversJudicial: boolean;
  }> = {},
): Promise<{ id: string; legalName: string }> {
  const kind = overrides.kind ?? 'company';
  const legalName = overrides.legalName ?? unique('Créancier');
  const [row] = await t.orm.em.fork().execute<{ id: string }[]>(
    `insert into creditor (legal_name, kind, siren, address_line1, postal_code, city, brand_display_name, brand_primary_color,
                           mandate_reference, mandate_signed_on, mandate_valid_until, mandate_covers_judicial)
     values (?, ?, ?, '1 rue de Test', '75001', 'Paris', ?, '#123456', ?, ?, ?, ?) returning id`,
    [
      legalName,
      kind,
      kind === 'company' ? sirenFrom(String(10_000_000 + Math.floor(Math.random() * 80_000_000))) : null,
      legalName,
      unique('MAND'),
      overrides.mandateSignedOn ?? '2026-01-01',
      overrides.mandateValidUntil === undefined ? '2027-12-31' : overrides.mandateValidUntil,
      overrides.mandateCoversJudicial ?? true,
    ],
  );
  return { id: (row as { id: string }).id, legalName };
}

/** A user; a creditor's user is an uploader (reads and writes) unless `creditorRole` says 'viewer'. */
export async function makeUser(
  t: TestApp,
  role: Role,
  creditorId: string | null = null,
  options: { creditorRole?: 'viewer' | 'uploader' } = {},
): Promise<{ id: string; email: string; password: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${unique(role)}@test.relance`;
  const [row] = await t.orm.em.fork().execute<{ id: string }[]>(
    'insert into app_user (email, name, role, creditor_id, creditor_role, password_hash) values (?, ?, ?, ?, ?, ?) returning id',
    [email, `Test ${role}`, role, creditorId, role === 'creditor' ? (options.creditorRole ?? 'uploader') : null, await passwordHash],
  );
  return { id: (row as { id: string }).id, email, password: TEST_PASSWORD };
}

export async function makeCase(
  t: TestApp,
  creditorId: string,
  claims: { ref?: string; dueDate?: string; amountCents: number }[] = [{ amountCents: 150_000 }],
  debtor: { kind?: 'company' | 'person'; name?: string } = {},
): Promise<{ id: string; reference: string; debtorId: string }> {
  const em = t.orm.em.fork();
  const name = debtor.name ?? unique('Débiteur');
  const [d] = await em.execute<{ id: string }[]>(
    `insert into debtor (creditor_id, kind, display_name, match_key) values (?, ?, ?, ?) returning id`,
    [creditorId, debtor.kind ?? 'person', name, `test:${name}`],
  );
  const debtorId = (d as { id: string }).id;
  await em.execute('insert into debtor_email (debtor_id, email) values (?, ?)', [debtorId, `${name.toLowerCase()}@example.fr`]);
  const [c] = await em.execute<{ id: string; reference: string }[]>(
    `insert into collection_case (creditor_id, debtor_id, opened_on) values (?, ?, '2026-10-01') returning id, reference`,
    [creditorId, debtorId],
  );
  const found = c as { id: string; reference: string };
  for (const claim of claims) {
    await em.execute(
      `insert into claim (case_id, creditor_id, invoice_ref, issue_date, due_date, amount_cents) values (?, ?, ?, ?::date - 30, ?, ?)`,
      [found.id, creditorId, claim.ref ?? unique('FAC'), claim.dueDate ?? '2026-07-01', claim.dueDate ?? '2026-07-01', claim.amountCents],
    );
  }
  return { ...found, debtorId };
}

export async function login(t: TestApp, user: { email: string; password: string }): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return response.json().accessToken as string;
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export const CSV_HEADER = 'invoice_ref;issue_date;due_date;amount;debtor_type;debtor_name;siren;email;phone;address;postal_code;city';

/** A claims file in the thin importer's fixed columns. */
export function claimsCsv(lines: string[], header = CSV_HEADER): Buffer {
  return Buffer.from([header, ...lines].join('\n'));
}

/** A multipart/form-data body with fields first, then the file (as browsers send it). */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = '----relance-test-boundary';
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The debtor of a portal link answers the check (the case reference printed on letters) and gets
 * the session cookie every debtor route but the summary and the checkout asks for: a `cookie`
 * header to pass along.
 */
export async function verifiedPortal(t: Pick<TestApp, 'app' | 'orm'>, token: string): Promise<{ cookie: string }> {
  const [row] = await t.orm.em
    .fork()
    .execute<{ reference: string }[]>(
      `select c.reference from portal_token pt join collection_case c on c.id = pt.case_id where pt.token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')`,
      [token],
    );
  if (!row) throw new Error('no case behind this portal token');
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/verify`, payload: { answer: row.reference } });
  if (response.statusCode !== 200) throw new Error(`verify answered ${response.statusCode}: ${response.body}`);
  const cookie = response.cookies.find((item) => item.name === 'relance_portal');
  if (!cookie) throw new Error('verify set no cookie');
  return { cookie: `relance_portal=${cookie.value}` };
}
