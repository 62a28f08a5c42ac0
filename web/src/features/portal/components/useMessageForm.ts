import type { PortalMessage, PortalMessageTopic } from '@relance/contracts/portal-talk';
import { type FormEvent, useState } from 'react';
import { sendMessage } from '../api/talk.ts';
import { fileProblem } from './PortalFileField.tsx';
import { useKeyedSend } from './useKeyedSend.ts';

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
  const sending = useKeyedSend((key) => sendMessage(token, messageFormData(draft), key), onSent);

  const change = (patch: Partial<MessageDraft>) => {
    sending.forget();
    setDraft((current) => ({ ...current, ...patch }));
    setMissing(false);
  };
  const fileIssue = draft.file ? fileProblem(draft.file) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.topic || !draft.body.trim()) {
      setMissing(true);
      return;
    }
    if (fileIssue) return;
    if (await sending.run()) setDraft(empty);
  }

  return { draft, change, missing, fileIssue, error: sending.error, busy: sending.busy, submit };
}
