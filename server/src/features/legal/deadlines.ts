import { frenchDate, localDate } from '@relance/domain/calendar';
import { activeDeadline, DEADLINE_ALERT_DAYS, deadlineAlertsDue, type LegalActionKind, type LegalActionStage, orderLapsed } from '@relance/domain/legal-procedure';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { addEntry } from '../cases/timeline.ts';
import { notifyManagersFrom } from '../notifications/service.ts';
import { emitCreditorEventWith } from '../webhooks/service.ts';
import { deadlinesOf } from './actions.ts';
import { legalEventLabel, legalKindLabel } from './labels.ts';

// The daily check of legal deadlines (legal__deadlines): managers are told 30 and 7 days before
// the deadline that matters at each action's stage (serve the order, CPC 1411; the debtor's
// opposition month, CPC 1416; the petites créances answer month, R125-5), once each (the
// notification's dedupe key); an order not served within six months lapses (CPC 1411): the action
// is closed as lapsed, the creditor's webhooks hear legal_action.lapsed. Idempotent: run twice on
// a day, it writes nothing the second time.

type OpenRow = {
  id: string;
  case_id: string;
  creditor_id: string;
  kind: LegalActionKind;
  stage: LegalActionStage;
  order_on: string | null;
  served_on: string | null;
  invitation_sent_on: string | null;
  title_on: string | null;
  reference: string;
  debtor_name: string;
};

const deadlineWords = { service: 'signifier l’ordonnance', opposition: 'fin du délai d’opposition', answer: 'réponse du débiteur', enforcement: 'exécution du titre' } as const;

async function lapse(exec: SqlExec, clock: Clock, row: OpenRow, serviceDeadline: string): Promise<void> {
  const now = clock.now();
  const today = localDate(now);
  const updated = await exec<{ id: string }>(`update legal_action set stage = 'lapsed', closed_on = ?, updated_at = ? where id = ? and stage = 'order_rendered' returning id`, [today, now, row.id]);
  if (updated.length === 0) return;
  await exec(
    `insert into legal_action_event (legal_action_id, case_id, creditor_id, event, occurred_on, details, recorded_at)
     values (?, ?, ?, 'lapsed', ?, ?::jsonb, ?) on conflict do nothing`,
    [row.id, row.case_id, row.creditor_id, today, JSON.stringify({ serviceDeadline }), now],
  );
  await addEntry(exec, clock, { caseId: row.case_id, kind: 'legal', text: `${legalKindLabel(row.kind)} — ${legalEventLabel('lapsed')} : dernier jour pour signifier le ${frenchDate(serviceDeadline)}.`, event: { code: 'legal_order_lapsed', params: { legalKind: row.kind, serviceDeadlineOn: serviceDeadline } } });
  await recordAudit(exec, { actorId: null, at: now, action: 'legal_action_lapsed', entity: 'legal_action', entityId: row.id, caseId: row.case_id, creditorId: row.creditor_id, details: { serviceDeadline } });
  await emitCreditorEventWith(exec, {
    creditorId: row.creditor_id,
    type: 'legal_action.lapsed',
    data: { legalActionId: row.id, caseId: row.case_id, reference: row.reference, kind: row.kind, stage: 'lapsed', orderOn: row.order_on, serviceDeadline },
    occurredAt: now,
  });
  await notifyManagersFrom(exec, clock, `select 'legal_lapsed'::text as kind, ?::text as text, ?::uuid as creditor_id, ?::uuid as case_id, ?::text as dedupe_key`, [
    `L’ordonnance du dossier ${row.reference} (${row.debtor_name}) est caduque : non signifiée avant le ${serviceDeadline} (CPC 1411).`,
    row.creditor_id,
    row.case_id,
    `legal_lapsed:${row.id}`,
  ]);
}

/** Lapses what must lapse and alerts on what comes; answers how many actions lapsed and alerts were written. */
export async function checkLegalDeadlines(exec: SqlExec, clock: Clock): Promise<{ lapsed: number; alerts: number }> {
  const today = localDate(clock.now());
  const rows = await exec<OpenRow>(
    `select la.id, la.case_id, la.creditor_id, la.kind, la.stage, la.order_on::text as order_on, la.served_on::text as served_on,
            la.invitation_sent_on::text as invitation_sent_on, la.title_on::text as title_on, c.reference, d.display_name as debtor_name
       from legal_action la join collection_case c on c.id = la.case_id join debtor d on d.id = c.debtor_id
      where la.stage in ('order_rendered', 'served', 'invitation_sent')`,
  );
  let lapsed = 0;
  let alerts = 0;
  for (const row of rows) {
    const deadlines = deadlinesOf(row);
    if (orderLapsed(row.stage, deadlines, today) && deadlines.service) {
      await lapse(exec, clock, row, deadlines.service);
      lapsed += 1;
      continue;
    }
    const active = activeDeadline(row.kind, row.stage, deadlines);
    if (!active) continue;
    for (const days of deadlineAlertsDue(active.date, today)) {
      alerts += await notifyManagersFrom(exec, clock, `select 'legal_deadline'::text as kind, ?::text as text, ?::uuid as creditor_id, ?::uuid as case_id, ?::text as dedupe_key`, [
        `Dossier ${row.reference} (${row.debtor_name}) : ${deadlineWords[active.name]} au plus tard le ${active.date} (${days === DEADLINE_ALERT_DAYS[0] ? '30' : '7'} jours).`,
        row.creditor_id,
        row.case_id,
        `legal_deadline:${row.id}:${active.name}:${active.date}:${days}`,
      ]);
    }
  }
  return { lapsed, alerts };
}
