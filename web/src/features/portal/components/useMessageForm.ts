import type { PortalMessage, PortalMessageTopic } from '@relance/contracts/portal-talk';
import { type FormEvent, useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/portal.ts';
import { sendMessage } from '../api/talk.ts';
import { fileProblem } from './PortalFileField.tsx';

/** The message form's fields as typed. */
export type MessageDraft = { topic: PortalMessageTopic | ''; body: string; file: File | null };
const empty: MessageDraft = { topic: '', body: '', file: null };

/** The multipart body the server reads: fields first, then the file. */
export function messageFormData(draft: MessageDraft): FormData {
  const form = new FormData();
  form.append('topic', draft.topic);
  form.append('body', draft.body.trim());
  if (draft.file) form.append('file', draft.file, draft.file.name);
  return form;
}

/**
 * The message form's state, checks and submission, one Idempotency-Key per submission (reused by
 * a retry of the same form, replaced by any change). `onSent` gets the recorded message.
 */
export function useMessageForm(token: string, onSent: (message: PortalMessage) => void) {
  const [draft, setDraft] = useState<MessageDraft>(empty);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);

  const change = (patch: Partial<MessageDraft>) => {
    key.current = null;
    setDraft((current) => ({ ...current, ...patch }));
    setMissing(false);
    setError(null);
  };
  const fileIssue = draft.file ? fileProblem(draft.file) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.topic || !draft.body.trim()) {
      setMissing(true);
      return;
    }
    if (fileIssue) return;
    setBusy(true);
    setError(null);
    key.current ??= newIdempotencyKey();
    try {
      onSent(await sendMessage(token, messageFormData(draft), key.current));
      key.current = null;
      setDraft(empty);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return { draft, change, missing, fileIssue, error, busy, submit };
}
