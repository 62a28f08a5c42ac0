import type { HeldFunds } from '@relance/contracts/money';
import { isRunDay, remittanceDeadline, remittanceTermsBreachLaw, remittanceUrgency } from '@relance/domain/commission';
import { isoWeekday } from '@relance/domain/dates';
import { formatMoney } from '@relance/domain/money';
import { type Clock, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { notifyManagersFrom } from '../notifications/service.ts';
import { creditorTerms, unremittedPayments } from './commission.ts';
import { createRemittanceRun } from './remittance-runs.ts';

// The funds the agency holds for each creditor against the R124-6 deadline (one month from receipt
// unless the mandate stipulates longer), and the daily job that remits them on the mandate's days,
// or earlier when the oldest payment's deadline is near, and tells managers and accountants of
// overdue funds and of mandates whose terms break R124-6.

export async function heldFunds(exec: SqlExec, today: string): Promise<HeldFunds> {
  const payments = (await unremittedPayments(exec, today, null)).filter((payment) => !payment.direct);
  const balances = await exec<{ creditor_id: string; cents: string }>(
    `select creditor_id, sum(credit_cents - debit_cents) as cents from ledger_line where account = 'creditor_payable' group by creditor_id having sum(credit_cents - debit_cents) > 0`,
  );
  const held = new Map(balances.map((row) => [row.creditor_id, Number(row.cents)]));
  const ids = [...new Set([...held.keys(), ...payments.map((payment) => payment.creditorId)])];
  if (ids.length === 0) return { items: [] };
  const items = (await creditorTerms(exec, ids)).map((creditor) => {
    const own = payments.filter((payment) => payment.creditorId === creditor.id);
    const oldest = own[0]?.receivedOn ?? null;
    const deadline = oldest ? remittanceDeadline(oldest, creditor) : null;
    return {
      creditorId: creditor.id,
      creditorName: creditor.legalName,
      heldCents: held.get(creditor.id) ?? 0,
      paymentCount: own.length,
      oldestReceivedOn: oldest,
      deadline,
      urgency: deadline ? remittanceUrgency(deadline, today) : ('on_time' as const),
      termsBreachLaw: remittanceTermsBreachLaw(creditor),
    };
  });
  const rank = { overdue: 0, due_soon: 1, on_time: 2 } as const;
  return { items: items.sort((a, b) => rank[a.urgency] - rank[b.urgency] || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.creditorName.localeCompare(b.creditorName, 'fr')) };
}

export type DailyRemittanceResult = { runs: number; skipped: number; notified: number };

/**
 * money__remittance_runs (daily): a run per creditor whose frequency says today (weekly: Monday;
 * monthly: the 1st) or whose oldest held payment is due soon or overdue; each in a savepoint, so a
 * creditor that cannot be remitted (no IBAN, a draft pending) is skipped without undoing the others.
 */
export async function runDailyRemittances(exec: SqlExec, clock: Clock): Promise<DailyRemittanceResult> {
  const today = todayInParis(clock);
  const held = await heldFunds(exec, today);
  const terms = new Map((await creditorTerms(exec, held.items.map((item) => item.creditorId))).map((creditor) => [creditor.id, creditor]));
  let runs = 0;
  let skipped = 0;
  for (const item of held.items) {
    const creditor = terms.get(item.creditorId);
    if (!creditor || item.paymentCount === 0) continue;
    if (!isRunDay(creditor.frequency, isoWeekday(today), Number(today.slice(8, 10))) && item.urgency === 'on_time') continue;
    await exec('savepoint remittance_creditor');
    try {
      await createRemittanceRun(exec, clock, null, { creditorId: item.creditorId, through: today });
      await exec('release savepoint remittance_creditor');
      runs += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await exec('rollback to savepoint remittance_creditor');
      skipped += 1;
    }
  }
  return { runs, skipped, notified: await notifyRemittanceRisks(exec, clock, held) };
}

/** Managers and accountants are told once per overdue oldest payment, and once per mandate whose terms break R124-6. */
async function notifyRemittanceRisks(exec: SqlExec, clock: Clock, held: HeldFunds): Promise<number> {
  const notices = held.items
    .filter((item) => item.urgency === 'overdue' && item.deadline)
    .map((item) => ({
      kind: 'remittance_overdue',
      text: `Reversement en retard (R124-6) : ${item.creditorName}, ${formatMoney(item.heldCents, 'EUR', 'fr')} détenus, échéance du plus ancien encaissement le ${item.deadline}.`,
      creditor_id: item.creditorId,
      case_id: null,
      dedupe_key: `remittance_overdue:${item.creditorId}:${item.oldestReceivedOn}`,
    }));
  const breaches = (await creditorTerms(exec, null)).filter((creditor) => remittanceTermsBreachLaw(creditor));
  for (const creditor of breaches) {
    notices.push({
      kind: 'remittance_terms_breach',
      text: `Mandat ${creditor.legalName} : délai de reversement de ${creditor.delayDays} jours sans stipulation expresse, au-delà d’un mois (R124-6).`,
      creditor_id: creditor.id,
      case_id: null,
      dedupe_key: `remittance_terms_breach:${creditor.id}:${creditor.delayDays}`,
    });
  }
  if (notices.length === 0) return 0;
  return await notifyManagersFrom(
    exec,
    clock,
    'select * from jsonb_to_recordset(?::jsonb) as n(kind text, text text, creditor_id uuid, case_id uuid, dedupe_key text)',
    [JSON.stringify(notices)],
    ['manager', 'admin', 'accountant'],
  );
}
