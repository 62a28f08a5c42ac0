import type { LetterWording } from '@relance/contracts/messages';
import type { SqlExec } from '../../plugins/sql.ts';

// The creditor's own greeting, tone paragraph and closing IN FORCE (issue 6, templates; issue 15):
// stored per language in `creditor_letter_wording`, used by every letter, e-mail and preview of a
// letter in force. It changes only through the wording feature (server/src/features/wording): at
// once when an agency manager or administrator saves it, on approval when a creditor proposes it;
// both checked by @relance/domain wording-check, which the compliance check runs again at sending.

export const emptyWording: LetterWording = { fr: {}, en: {} };

/** Only non-blank paragraphs, per language. */
export function normaliseWording(wording: Partial<LetterWording> | null | undefined): LetterWording {
  const clean = (paragraphs: Record<string, string | undefined> | undefined) =>
    Object.fromEntries(Object.entries(paragraphs ?? {}).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as LetterWording['fr'];
  return { fr: clean(wording?.fr), en: clean(wording?.en) };
}

export async function wordingInForce(exec: SqlExec, creditorId: string): Promise<LetterWording> {
  const [row] = await exec<{ wording: LetterWording }>('select wording from creditor_letter_wording where creditor_id = ?', [creditorId]);
  return row ? normaliseWording(row.wording) : emptyWording;
}

/** Puts the wording in force (the caller checked it and records the audit entry). */
export async function putWordingInForce(exec: SqlExec, input: { creditorId: string; wording: LetterWording; by: string | null; at: Date }): Promise<void> {
  await exec(
    `insert into creditor_letter_wording (creditor_id, wording, updated_by, updated_at) values (?, ?::jsonb, ?, ?)
     on conflict (creditor_id) do update set wording = excluded.wording, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [input.creditorId, JSON.stringify(normaliseWording(input.wording)), input.by, input.at],
  );
}
