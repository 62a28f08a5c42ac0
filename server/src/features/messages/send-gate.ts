import { messageFor } from '@relance/contracts/errors';
import { parisDateTime } from '@relance/domain/calendar';
import type { GateOrigin, GateVerdict } from '@relance/domain/legal-gate';
import type { ServiceContext } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { recordActivity } from '../cases/activities.ts';
import { gateFor } from '../cases/legal-gate.ts';
import { type MessageRow, templateTitles } from './letter-props.ts';
import { type GateTerms, messageAction, SEND_MAX_ATTEMPTS, SEND_TASK } from './service.ts';

// The legal gate at send time (issue 15): the send job asks it again, as whoever queued the message
// asked it (the daily run with its strategy's switches, an agent, a manager with the override kept
// on the message), since facts move between queueing and sending. A refusal blocks the message with
// the gate's code (a dispute opened since, a mandate revoked since); notices still go (the gate lets
// a receipt, a plan agreement or a dispute acknowledgment through everything but the mandate and a
// missing address).
//
// A deferral (the window closed, or the cap filled, between queueing and sending) is NOT a block: the
// message stays queued and its send job is scheduled again at the first instant the gate gives.
// Why: a deferral says "not now", never "not at all"; the person who asked for it (or the daily run)
// wanted it sent, and the law asks only that it wait. Blocking would turn a timing rule into a lost
// letter (a daily-run step is marked done when its message is queued and would never go again) and
// make staff send it again by hand, outside the hours they were kept out of. The case's timeline and
// the message's reason say until when it waits; at that instant the gate is asked once more.

/** The message as the send job locked it, with what the gate is asked on. */
export type GatedMessage = MessageRow & { origin: GateOrigin; gate_terms: GateTerms | null };

/** The gate's verdict for this message now. */
export async function gateAtSend(ctx: ServiceContext, message: GatedMessage, at: Date): Promise<GateVerdict> {
  const terms = message.gate_terms ?? {};
  const { verdict } = await gateFor(ctx, message.case_id, {
    action: messageAction(message.channel, message.template),
    origin: message.origin,
    actorId: message.created_by,
    at,
    ...(terms.override && message.origin === 'manager' ? { override: terms.override } : {}),
    ...(terms.pauseRules && message.origin === 'automatic' ? { pauseRules: terms.pauseRules } : {}),
  });
  return verdict;
}

const reasonsText = (verdict: GateVerdict) => verdict.reasons.map((reason) => messageFor(reason.code, 'fr')).join(' ; ');
const reasonsOf = (verdict: GateVerdict) => ({
  fr: reasonsText(verdict),
  en: verdict.reasons.map((reason) => messageFor(reason.code, 'en')).join('; '),
});

/** A refusal: the message is blocked, its reason naming the gate's codes, and the case says so. */
export async function blockForGate(ctx: ServiceContext, exec: SqlExec, message: GatedMessage, verdict: GateVerdict, label: string, now: Date): Promise<'blocked'> {
  const codes = verdict.reasons.map((reason) => reason.code).join(', ');
  const reason = `Envoi bloqué par le contrôle légal [${codes}] : ${reasonsText(verdict)}`;
  await exec(`update outbound_message set status = 'blocked', status_reason = ?, failed_at = ? where id = ?`, [reason, now, message.id]);
  await recordActivity(ctx, {
    caseId: message.case_id,
    kind: 'message',
    text: `${label} non envoyé. ${reason}`,
    authorId: message.created_by,
    event: { code: 'message_blocked', params: { template: templateTitles[message.template], channel: message.channel, reasons: reasonsOf(verdict) } },
  });
  return 'blocked';
}

/** A deferral: the message stays queued and its send job comes back at `until` (one job per message). */
export async function deferSend(ctx: ServiceContext, exec: SqlExec, message: GatedMessage, verdict: GateVerdict, label: string, until: Date): Promise<'deferred'> {
  const reason = `Envoi reporté au ${parisDateTime(until)} : ${reasonsText(verdict)}`;
  await exec(`update outbound_message set status_reason = ? where id = ?`, [reason, message.id]);
  await exec(
    `select graphile_worker.add_job(?, json_build_object('messageIds', json_build_array(?::text)), run_at => ?::timestamptz, job_key => ?, max_attempts => ?)`,
    [SEND_TASK, message.id, until, `${SEND_TASK}:deferred:${message.id}`, SEND_MAX_ATTEMPTS],
  );
  await recordActivity(ctx, {
    caseId: message.case_id,
    kind: 'message',
    text: `${label} : ${reason}`,
    authorId: message.created_by,
    event: {
      code: 'message_deferred',
      params: { template: templateTitles[message.template], channel: message.channel, untilAt: until.toISOString(), reasons: reasonsOf(verdict) },
    },
  });
  return 'deferred';
}
