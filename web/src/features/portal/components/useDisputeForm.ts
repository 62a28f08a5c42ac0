import type { DisputeReasonCode, PortalDispute, PortalDisputeResult } from '@relance/contracts/portal-talk';
import { type FormEvent, useState } from 'react';
import { sendDispute } from '../api/talk.ts';
import { fileProblem } from './PortalFileField.tsx';
import { useKeyedSend } from './useKeyedSend.ts';

export const MAX_TEXT = 4000;

/** The dispute form's fields as typed: text stays text until it is sent. */
export type DisputeDraft = { reason: DisputeReasonCode | null; claimRef: string; text: string; file: File | null };
const empty: DisputeDraft = { reason: null, claimRef: '', text: '', file: null };

/** What is missing before sending (a key of messages-talk.json), or null. */
export function disputeDraftProblem(draft: DisputeDraft): 'talk.dispute.reasonMissing' | 'talk.dispute.textMissing' | null {
  if (!draft.reason) return 'talk.dispute.reasonMissing';
  if (draft.reason === 'other' && !draft.text.trim()) return 'talk.dispute.textMissing';
  return null;
}

/** The multipart body the server reads: fields first, then the file. */
export function disputeFormData(draft: DisputeDraft): FormData {
  const form = new FormData();
  form.append('reason', draft.reason ?? '');
  if (draft.text.trim()) form.append('text', draft.text.trim());
  if (draft.claimRef) form.append('claimRef', draft.claimRef);
  if (draft.file) form.append('file', draft.file, draft.file.name);
  return form;
}

/**
 * The dispute form's state, checks and submission. One Idempotency-Key per submission: a retry of
 * the same form after an error reuses it (the server replays what it recorded), any change makes a
 * new one. `onSent` gets the dispute (new, or the one already open).
 */
export function useDisputeForm(token: string, onSent: (result: PortalDisputeResult) => void) {
  const [draft, setDraft] = useState<DisputeDraft>(empty);
  const [problem, setProblem] = useState<string | null>(null);
  const sending = useKeyedSend((key) => sendDispute(token, disputeFormData(draft), key), onSent);

  const change = (patch: Partial<DisputeDraft>) => {
    sending.forget();
    setDraft((current) => ({ ...current, ...patch }));
    setProblem(null);
  };
  const fileIssue = draft.file ? fileProblem(draft.file) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = disputeDraftProblem(draft);
    if (missing || fileIssue) {
      setProblem(missing);
      return;
    }
    if (await sending.run()) setDraft(empty);
  }

  return { draft, change, problem, fileIssue, error: sending.error, busy: sending.busy, submit };
}

/** The dispute still open, if any (one at a time per case). */
export function openDisputeOf(items: readonly PortalDispute[] | null): PortalDispute | null {
  return items?.find((item) => item.state === 'open') ?? null;
}
