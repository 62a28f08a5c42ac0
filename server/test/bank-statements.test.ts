import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { creditorReferenceFor } from '@relance/domain/identifiers';
import { remittanceSentPostings } from '@relance/domain/ledger';
import { type CamtEntry, type CamtStatement, camt053Xml } from '@relance/seeds/camt053';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postTransaction } from '../src/features/ledger/journal.ts';
import { emExec } from '../src/plugins/sql.ts';
import { bearer, login, makeCase, makeCreditor, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Bank statements in (camt.053) and reconciliation (issue 17): credits bearing a case's RF
 * reference become that case's payments with numbered receipts; re-imports create nothing;
 * reversals take their payment back; unknown credits wait in suspense with suggestions, are
 * matched and unmatched by hand; an unbalanced statement is refused with its figures; both
 * versions are read; batches are split; debits and other currencies are listed with their status.
 */
let t: TestApp;
let accountantToken: string;
let agentToken: string;
let creditorToken: string;
let creditorId: string;
const IBAN = 'FR7630006000011234567890189';

beforeAll(async () => {
  t = await createTestApp();
  creditorId = (await makeCreditor(t)).id;
  accountantToken = await login(t, await makeUser(t, 'accountant'));
  agentToken = await login(t, await makeUser(t, 'agent'));
  creditorToken = await login(t, await makeUser(t, 'creditor', creditorId));
});
afterAll(async () => t.close());

const hex = () => randomBytes(4).toString('hex');

function statementOf(entries: CamtEntry[], overrides: Partial<CamtStatement> = {}): CamtStatement {
  return { messageId: `MSG-${hex()}`, statementId: `STMT-${hex()}`, iban: IBAN, openingCents: 1_000_000, fromDate: '2026-11-20', toDate: '2026-11-20', entries, ...overrides };
}

async function upload(xml: string | Buffer, token = accountantToken) {
  const body = multipart({}, { name: 'releve.xml', content: Buffer.isBuffer(xml) ? xml : Buffer.from(xml), type: 'application/xml' });
  return await t.app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { ...bearer(token), ...body.headers }, payload: body.payload });
}

async function trialBalance() {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: bearer(accountantToken) });
  expect(response.statusCode).toBe(200);
  return response.json() as { totalDebitCents: number; totalCreditCents: number; clientFunds: { differenceCents: number; suspenseCents: number; bankCents: number } };
}

async function expectBooksWhole() {
  const balance = await trialBalance();
  expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
  expect(balance.clientFunds.differenceCents).toBe(0);
  return balance;
}

const query = async <T>(sql: string, params: unknown[] = []) => await t.orm.em.fork().execute<T[]>(sql, params);
const credit = (amountCents: number, extra: Partial<CamtEntry> = {}): CamtEntry => ({ amountCents, direction: 'credit', bookedOn: '2026-11-20', ...extra });

describe('credits bearing a case’s RF reference', () => {
  it('creates one payment per credit, each with a receipt numbered consecutively; the books stay whole; a re-import creates nothing', async () => {
    const first = await makeCase(t, creditorId, [{ amountCents: 100_000 }]);
    const second = await makeCase(t, creditorId, [{ amountCents: 50_000 }]);
    const xml = camt053Xml(
      statementOf([
        credit(30_000, { creditorReference: creditorReferenceFor(first.reference), counterpartyName: 'Jean Martin', endToEndId: `E2E-${hex()}` }),
        credit(20_000, { creditorReference: creditorReferenceFor(second.reference), counterpartyName: 'Paul Durand' }),
      ]),
    );
    const response = await upload(xml);
    expect(response.statusCode, response.body).toBe(201);
    const statement = response.json();
    expect(statement.alreadyImported).toBe(false);
    expect(statement.entries.map((entry: { status: string; caseId: string }) => [entry.status, entry.caseId])).toEqual([
      ['matched', first.id],
      ['matched', second.id],
    ]);
    expect(statement.counts).toMatchObject({ entries: 2, matched: 2, unmatched: 0 });
    const paymentIds = statement.entries.map((entry: { paymentId: string }) => entry.paymentId);
    const payments = await query<{ id: string; method: string; provider: string; provider_reference: string; amount_cents: string }>(
      'select id, method, provider, provider_reference, amount_cents from payment where id in (?, ?) order by amount_cents desc',
      paymentIds,
    );
    expect(payments.map((p) => [p.method, p.provider, p.provider_reference, Number(p.amount_cents)])).toEqual([
      ['transfer', 'camt053', statement.entries[0].id, 30_000],
      ['transfer', 'camt053', statement.entries[1].id, 20_000],
    ]);
    const receipts = await query<{ payment_id: string; seq: number; kind: string }>('select payment_id, seq, kind from receipt where payment_id in (?, ?) order by seq', paymentIds);
    expect(receipts.map((receipt) => receipt.payment_id)).toEqual(paymentIds);
    expect((receipts[1]?.seq ?? 0) - (receipts[0]?.seq ?? 0)).toBe(1);
    await expectBooksWhole();

    const again = await upload(xml);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: statement.id, alreadyImported: true });
    // The same statement re-sent by the bank with other bytes (a comment): still the same statement.
    const resent = await upload(xml.replace('<BkToCstmrStmt>', '<!-- renvoi --><BkToCstmrStmt>'));
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().alreadyImported).toBe(true);
    const [counted] = await query<{ payments: string; statements: string }>(
      `select (select count(*) from payment_record where provider = 'camt053') as payments, (select count(*) from bank_statement) as statements`,
    );
    expect(Number(counted?.payments)).toBeGreaterThanOrEqual(2);
    const [after] = await query<{ payments: string }>(`select count(*) as payments from payment_record where id in (?, ?)`, paymentIds);
    expect(Number(after?.payments)).toBe(2);
    const statements = await query<{ id: string }>('select id from bank_statement where message_identifier = ?', [statement.messageIdentifier]);
    expect(statements).toHaveLength(1);
  });

  it('lets a reversal in a later statement take its payment back: gone from the décompte, receipt cancelled', async () => {
    const owed = await makeCase(t, creditorId, [{ amountCents: 80_000 }]);
    const endToEndId = `E2E-${hex()}`;
    const rf = creditorReferenceFor(owed.reference);
    const first = await upload(camt053Xml(statementOf([credit(25_000, { creditorReference: rf, endToEndId })])));
    expect(first.statusCode, first.body).toBe(201);
    const original = first.json().entries[0];
    expect(original.status).toBe('matched');

    const later = await upload(
      camt053Xml(
        statementOf([{ amountCents: 25_000, direction: 'debit', reversal: true, bookedOn: '2026-11-21', endToEndId, creditorReference: rf }], {
          fromDate: '2026-11-21',
          toDate: '2026-11-21',
          openingCents: 1_025_000,
        }),
      ),
    );
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().entries[0]).toMatchObject({ status: 'reversal_applied', reversesEntryId: original.id, paymentId: original.paymentId, caseId: owed.id });
    const before = await t.app.inject({ method: 'GET', url: `/api/v1/bank-statements/${first.json().id}`, headers: bearer(accountantToken) });
    expect(before.json().entries[0]).toMatchObject({ status: 'reversed', reversedByEntryId: later.json().entries[0].id });

    const decompte = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${owed.id}/statement`, headers: bearer(agentToken) });
    expect(decompte.statusCode).toBe(200);
    expect(decompte.json().lines.some((line: { kind: string }) => line.kind === 'payment')).toBe(false);
    const [receipt] = await query<{ cancelled_at: Date | null }>('select cancelled_at from receipt where payment_id = ?', [original.paymentId]);
    expect(receipt?.cancelled_at).not.toBeNull();
    await expectBooksWhole();
  });

  it('settles entries in file order within one statement: a reversal takes back a credit settled just before it; the same movement in another statement is a duplicate', async () => {
    // What each entry became is written per chunk (bank-statements.ts): the reversal must still see
    // its original as matched, with its payment, and an entry settled after it must not undo that.
    const owed = await makeCase(t, creditorId, [{ amountCents: 90_000 }]);
    const other = await makeCase(t, creditorId, [{ amountCents: 90_000 }]);
    const endToEndId = `E2E-${hex()}`;
    const servicerReference = `BQ-${hex()}`;
    const response = await upload(
      camt053Xml(
        statementOf([
          credit(12_000, { creditorReference: creditorReferenceFor(owed.reference), endToEndId }),
          credit(7_000, { creditorReference: creditorReferenceFor(other.reference), accountServicerReference: servicerReference }),
          { amountCents: 12_000, direction: 'debit', reversal: true, bookedOn: '2026-11-20', endToEndId },
          credit(3_000, { creditorReference: creditorReferenceFor(other.reference) }),
        ]),
      ),
    );
    expect(response.statusCode, response.body).toBe(201);
    const entries = response.json().entries;
    expect(entries.map((entry: { status: string; caseId: string | null }) => [entry.status, entry.caseId])).toEqual([
      ['reversed', owed.id],
      ['matched', other.id],
      ['reversal_applied', owed.id],
      ['matched', other.id],
    ]);
    expect(entries[0]).toMatchObject({ reversedByEntryId: entries[2].id });
    expect(entries[2]).toMatchObject({ reversesEntryId: entries[0].id, paymentId: entries[0].paymentId });
    const [reversed] = await query<{ reversed_at: Date | null }>('select reversed_at from payment_record where id = ?', [entries[0].paymentId]);
    expect(reversed?.reversed_at).not.toBeNull();

    // The bank reports the 7,000 again in the next statement (same servicer reference, side, amount, day).
    const again = await upload(camt053Xml(statementOf([credit(7_000, { creditorReference: creditorReferenceFor(other.reference), accountServicerReference: servicerReference })])));
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().entries[0]).toMatchObject({ status: 'duplicate', paymentId: null });
    await expectBooksWhole();
  });
});

describe('credits without a known reference', () => {
  it('wait as unmatched with suggestions; a manual match creates the payment; unmatch puts the money back in suspense', async () => {
    const name = `Garage Lefèvre ${hex()}`;
    const invoice = `FA-${hex().toUpperCase()}`;
    const owed = await makeCase(t, creditorId, [{ amountCents: 40_000, ref: invoice }], { kind: 'company', name });
    const suspenseBefore = (await trialBalance()).clientFunds.suspenseCents;
    const response = await upload(camt053Xml(statementOf([credit(40_000, { counterpartyName: 'GARAGE LEFEVRE', text: `Reglement facture ${invoice}` })])));
    expect(response.statusCode, response.body).toBe(201);
    const entry = response.json().entries[0];
    expect(entry.status).toBe('unmatched');
    expect(entry.paymentId).toBeNull();
    const [best] = entry.suggestions;
    expect(best.caseId).toBe(owed.id);
    expect(best.reasons).toEqual(expect.arrayContaining(['invoice_in_text', 'name_matches', 'amount_equals_balance']));
    expect(best.score).toBeGreaterThan(50);
    expect((await expectBooksWhole()).clientFunds.suspenseCents - suspenseBefore).toBe(40_000);

    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/bank-entries?status=unmatched&limit=200', headers: bearer(accountantToken) });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.some((item: { id: string }) => item.id === entry.id)).toBe(true);

    const matched = await t.app.inject({ method: 'POST', url: `/api/v1/bank-entries/${entry.id}/match`, headers: bearer(accountantToken), payload: { caseId: owed.id } });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toMatchObject({ status: 'matched', caseId: owed.id, caseReference: owed.reference });
    const paymentId = matched.json().paymentId as string;
    const [receipt] = await query<{ number: string }>('select number from receipt where payment_id = ?', [paymentId]);
    expect(receipt?.number).toMatch(/^Q-\d{4}-\d{6}$/);
    const kinds = await query<{ kind: string }>(`select kind from ledger_transaction where source_id = ? order by seq`, [paymentId]);
    expect(kinds.map((row) => row.kind)).toEqual(['suspense_matched']);
    expect((await expectBooksWhole()).clientFunds.suspenseCents).toBe(suspenseBefore);

    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/bank-entries/${entry.id}/match`, headers: bearer(accountantToken), payload: { caseId: owed.id } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('bank_entry_already_matched');

    const undone = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bank-entries/${entry.id}/unmatch`,
      headers: bearer(accountantToken),
      payload: { reason: 'Virement attribué au mauvais dossier' },
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'unmatched', paymentId: null, caseId: null });
    const [reversed] = await query<{ reversed_at: Date | null }>('select reversed_at from payment_record where id = ?', [paymentId]);
    expect(reversed?.reversed_at).not.toBeNull();
    const [cancelled] = await query<{ cancelled_at: Date | null }>('select cancelled_at from receipt where payment_id = ?', [paymentId]);
    expect(cancelled?.cancelled_at).not.toBeNull();
    expect((await expectBooksWhole()).clientFunds.suspenseCents - suspenseBefore).toBe(40_000);
    const audit = await query<{ action: string }>(`select action from audit_event where entity = 'bank_entry' and entity_id = ? order by occurred_at, action`, [entry.id]);
    expect(audit.map((row) => row.action).sort()).toEqual(['bank_entry_matched', 'bank_entry_unmatched']);

    // Matched again (to the right case this time): a new payment, not the reversed one.
    const rematched = await t.app.inject({ method: 'POST', url: `/api/v1/bank-entries/${entry.id}/match`, headers: bearer(accountantToken), payload: { caseId: owed.id } });
    expect(rematched.statusCode, rematched.body).toBe(200);
    expect(rematched.json().paymentId).not.toBe(paymentId);
    await expectBooksWhole();
  });

  it('unmatches an automatic match: the payment is reversed and the credit waits in suspense', async () => {
    const owed = await makeCase(t, creditorId, [{ amountCents: 60_000 }]);
    const response = await upload(camt053Xml(statementOf([credit(15_000, { creditorReference: creditorReferenceFor(owed.reference) })])));
    const entry = response.json().entries[0];
    expect(entry.status).toBe('matched');
    const suspenseBefore = (await trialBalance()).clientFunds.suspenseCents;
    const undone = await t.app.inject({ method: 'POST', url: `/api/v1/bank-entries/${entry.id}/unmatch`, headers: bearer(accountantToken), payload: { reason: 'Référence erronée' } });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().status).toBe('unmatched');
    expect((await expectBooksWhole()).clientFunds.suspenseCents - suspenseBefore).toBe(15_000);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/bank-entries/${entry.id}/unmatch`, headers: bearer(accountantToken), payload: { reason: 'Référence erronée' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('bank_entry_not_matched');
  });
});

describe('what a statement must be', () => {
  it('refuses an unbalanced statement with its figures, and imports nothing of it', async () => {
    const owed = await makeCase(t, creditorId, [{ amountCents: 30_000 }]);
    const statement = statementOf([credit(10_000, { creditorReference: creditorReferenceFor(owed.reference) }), { amountCents: 2_500, direction: 'debit', bookedOn: '2026-11-20' }], {
      closingCents: 1_010_000,
    });
    const response = await upload(camt053Xml(statement));
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'bank_statement_unbalanced',
      details: { openingBalanceCents: 1_000_000, creditsCents: 10_000, debitsCents: 2_500, expectedClosingBalanceCents: 1_007_500, closingBalanceCents: 1_010_000, differenceCents: 2_500 },
    });
    expect(await query('select id from bank_statement where message_identifier = ?', [statement.messageId])).toHaveLength(0);
    expect(await query('select id from payment_record where case_id = ?', [owed.id])).toHaveLength(0);
  });

  it('refuses another account than the client-funds account, an unsupported version, and what is not a camt.053', async () => {
    const wrong = await upload(camt053Xml(statementOf([credit(1_000)], { iban: 'FR1420041010050500013M02606' })));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'bank_statement_wrong_account', details: { statementIban: 'FR1420041010050500013M02606', clientFundsIban: IBAN } });
    const version = await upload(camt053Xml(statementOf([credit(1_000)], { namespace: 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.13' })));
    expect(version.statusCode).toBe(422);
    expect(version.json().code).toBe('bank_statement_unsupported_version');
    const other = await upload(camt053Xml(statementOf([credit(1_000)], { namespace: 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.08' })));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'bank_statement_invalid', details: { reason: 'not_camt053' } });
    const broken = await upload('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr>');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().code).toBe('bank_statement_invalid');
    const entity = await upload('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"/>');
    expect(entity.statusCode).toBe(422);
    expect(entity.json()).toMatchObject({ code: 'bank_statement_invalid', details: { reason: 'doctype_not_allowed' } });
  });

  it('reads the hand-written camt.053.001.02 and .001.08 files: batch split, returns, debits, another currency, a pending entry', async () => {
    const v02 = await upload(readFileSync(new URL('./fixtures/camt053-v02.xml', import.meta.url)));
    expect(v02.statusCode, v02.body).toBe(201);
    const a = v02.json();
    expect(a).toMatchObject({ schemaVersion: 'camt.053.001.02', accountIban: IBAN, openingBalanceCents: 1_000_000, closingBalanceCents: 987_500, fromDate: '2026-11-05' });
    expect(a.entries.map((entry: { entryReference: string; amountCents: number; direction: string; status: string }) => [entry.entryReference, entry.amountCents, entry.direction, entry.status])).toEqual([
      ['2026110500001A', 15_000, 'credit', 'unmatched'],
      ['2026110500002B/1', 12_000, 'credit', 'unmatched'],
      ['2026110500002B/2', 18_000, 'credit', 'unmatched'],
      ['2026110500003C', 50_000, 'debit', 'debit_unmatched'],
      ['2026110500004D', 7_500, 'debit', 'reversal_unmatched'],
    ]);
    expect(a.entries[0]).toMatchObject({ structuredReference: 'RF18539007547034', counterpartyName: 'M. JEAN DUPONT', counterpartyIban: 'FR1420041010050500013M02606' });
    expect(a.entries[1].unstructuredText).toBe('REGLEMENT FACTURE FA-2026-0117 DOSSIER DOS-0000042');
    expect(a.entries[4]).toMatchObject({ reversal: true, returnReason: 'AC04' });

    const v08 = await upload(readFileSync(new URL('./fixtures/camt053-v08.xml', import.meta.url)));
    expect(v08.statusCode, v08.body).toBe(201);
    const b = v08.json();
    expect(b).toMatchObject({ schemaVersion: 'camt.053.001.08', accountIban: IBAN, closingBalanceCents: 1_010_950 });
    expect(b.entries[0]).toMatchObject({ structuredReference: 'RF77DOS0000042', counterpartyName: 'Garage Lefèvre & Fils', amountCents: 24_950 });
    expect(b.entries.slice(1).map((entry: { currency: string; status: string }) => [entry.currency, entry.status])).toEqual([
      ['USD', 'foreign_currency'],
      ['EUR', 'debit_unmatched'],
      ['EUR', 'not_booked'],
    ]);
    await expectBooksWhole();
  });

  it('splits a batch entry into one entry per transaction, each matched to its case', async () => {
    const first = await makeCase(t, creditorId, [{ amountCents: 20_000 }]);
    const second = await makeCase(t, creditorId, [{ amountCents: 20_000 }]);
    const response = await upload(
      camt053Xml(
        statementOf([
          credit(25_000, {
            accountServicerReference: `BATCH-${hex()}`,
            transactions: [
              { amountCents: 10_000, creditorReference: creditorReferenceFor(first.reference) },
              { amountCents: 15_000, creditorReference: creditorReferenceFor(second.reference) },
            ],
          }),
        ]),
      ),
    );
    expect(response.statusCode, response.body).toBe(201);
    const entries = response.json().entries;
    expect(entries.map((entry: { entryReference: string; amountCents: number; caseId: string; status: string }) => [entry.entryReference.split('/')[1], entry.amountCents, entry.caseId, entry.status])).toEqual([
      ['1', 10_000, first.id, 'matched'],
      ['2', 15_000, second.id, 'matched'],
    ]);
  });

  it('confirms a remittance’s debit by its EndToEndId, lists unknown debits and other currencies without posting them', async () => {
    const remittanceId = randomUUID();
    await t.orm.em.fork().transactional(async (em) => {
      await postTransaction(emExec(em), t.clock, {
        kind: 'remittance_sent',
        bookedOn: '2026-11-19',
        description: 'Reversement (test)',
        source: { type: 'remittance', id: remittanceId },
        creditorId,
        idempotencyKey: `run-test:${remittanceId}`,
        postings: remittanceSentPostings(creditorId, 12_000),
      });
    });
    const response = await upload(
      camt053Xml(
        statementOf([
          { amountCents: 12_000, direction: 'debit', bookedOn: '2026-11-20', endToEndId: `R${remittanceId.replace(/-/g, '')}`, counterpartyName: 'Créancier SA' },
          { amountCents: 3_000, direction: 'debit', bookedOn: '2026-11-20', endToEndId: `D${randomUUID().replace(/-/g, '')}` },
          { amountCents: 990, direction: 'debit', bookedOn: '2026-11-20', text: 'FRAIS BANCAIRES' },
          credit(5_000, { currency: 'USD', counterpartyName: 'ACME Corp.' }),
        ]),
      ),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().entries.map((entry: { status: string }) => entry.status)).toEqual(['debit_confirmed', 'debit_unmatched', 'debit_unmatched', 'foreign_currency']);
    expect(response.json().counts).toMatchObject({ debits: 3, other: 1 });
    const confirmed = await query<{ kind: string }>(`select kind from ledger_transaction where source_id = ? order by seq`, [remittanceId]);
    expect(confirmed.map((row) => row.kind)).toEqual(['remittance_sent', 'bank_debit_confirmed']);
    const debits = await t.app.inject({ method: 'GET', url: '/api/v1/bank-entries?status=debit_unmatched&limit=200', headers: bearer(accountantToken) });
    expect(debits.json().items.filter((item: { statementId: string }) => item.statementId === response.json().id)).toHaveLength(2);
    const foreign = await t.app.inject({ method: 'GET', url: '/api/v1/bank-entries?status=foreign_currency', headers: bearer(accountantToken) });
    expect(foreign.json().items.some((item: { statementId: string }) => item.statementId === response.json().id)).toBe(true);
    await expectBooksWhole();
  });
});

describe('who may import', () => {
  it('lets the accountant import and read; an agent and a creditor get 403', async () => {
    const xml = camt053Xml(statementOf([credit(1_234)]));
    expect((await upload(xml, agentToken)).statusCode).toBe(403);
    expect((await upload(xml, creditorToken)).statusCode).toBe(403);
    expect((await upload(xml, accountantToken)).statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/bank-statements', headers: bearer(accountantToken) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/bank-statements', headers: bearer(agentToken) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/bank-entries', headers: bearer(creditorToken) })).statusCode).toBe(403);
  });
});
