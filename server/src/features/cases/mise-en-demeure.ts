import { frenchDate } from '@relance/domain/calendar';
import type { BusinessDate } from '@relance/domain/dates';
import type { Clock } from '../../plugins/context.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { addEntry } from './timeline.ts';

// The date of the case's mise en demeure (collection_case.mise_en_demeure_on), taken from the
// postal proof of a registered letter. The mise en demeure starts legal interest where L441-10
// does not apply (C. civ. 1231-6, 1344-1); a registered letter suffices (C. civ. 1344) and it
// takes effect from its first presentation at the debtor's address (shared law document,
// "Escalation"), which the postal provider reports; a delivery or a signed acknowledgment of
// receipt reported before it proves a presentation no later than that day.

/** What the provider proved, and the event that proved it (kept in the audit trail). */
export type MiseEnDemeureProof = {
  caseId: string;
  /** Europe/Paris day of the presentation (or delivery) the provider reported. */
  day: BusinessDate;
  /** The provider's event: 'letter.presented', 'message.delivered' or 'letter.acknowledged'. */
  eventType: string;
  /** What the event proves, in words for the timeline ("première présentation"). */
  eventLabel: string;
  occurredAt: Date;
  provider: string;
  /** The provider's own event id, and our message_provider_event row that keeps its payload. */
  providerEventId: string;
  providerEventRowId: string;
  messageId: string;
  letterReference: string | null;
};

/**
 * Records the mise en demeure's date from a registered letter's proof, in the caller's
 * transaction: set when the case has none, moved earlier when the proof is earlier than the
 * recorded date, never moved later (a date typed at creation or import that is earlier stays).
 * A replayed or later proof changes nothing. On a change: a timeline entry and an audit entry
 * naming the provider event. Answers whether the date changed.
 */
export async function recordMiseEnDemeureProof(exec: SqlExec, clock: Clock, proof: MiseEnDemeureProof): Promise<boolean> {
  const [current] = await exec<{ creditor_id: string; previous: string | null }>(
    'select creditor_id, mise_en_demeure_on::text as previous from collection_case where id = ? for update',
    [proof.caseId],
  );
  if (!current || (current.previous !== null && current.previous <= proof.day)) return false;
  await exec('update collection_case set mise_en_demeure_on = ?::date where id = ?', [proof.day, proof.caseId]);
  const reference = proof.letterReference ? ` ${proof.letterReference}` : '';
  const replaced = current.previous ? ` (au lieu du ${frenchDate(current.previous)})` : '';
  await addEntry(exec, clock, {
    caseId: proof.caseId,
    kind: 'message',
    text:
      `Mise en demeure${reference} par lettre recommandée : ${proof.eventLabel} le ${frenchDate(proof.day)}. ` +
      `Date de mise en demeure retenue${replaced} ; les intérêts au taux légal courent à compter de cette date là où ` +
      "l'article L441-10 du Code de commerce ne s'applique pas (C. civ. 1231-6, 1344-1).",
  });
  await recordAudit(exec, {
    actorId: null,
    at: clock.now(),
    action: 'mise_en_demeure_recorded',
    entity: 'case',
    entityId: proof.caseId,
    caseId: proof.caseId,
    creditorId: current.creditor_id,
    details: {
      date: proof.day,
      previous: current.previous,
      source: 'registered_letter',
      messageId: proof.messageId,
      letterReference: proof.letterReference,
      provider: proof.provider,
      providerEventId: proof.providerEventId,
      providerEventRowId: proof.providerEventRowId,
      eventType: proof.eventType,
      occurredAt: proof.occurredAt.toISOString(),
    },
  });
  return true;
}
