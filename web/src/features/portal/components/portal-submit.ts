import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../shared/http.ts';
import type { MessageKey, Translate } from '../../../shared/i18n.ts';
import { newIdempotencyKey } from '../api/portal.ts';
import type { portalMessages } from '../messages.ts';
import type { portalPlansMessages } from '../messages-plans.ts';

/** The translate function of the plans and promise components (the portal's messages and theirs). */
export type PlansT = Translate<MessageKey<typeof portalMessages> | MessageKey<typeof portalPlansMessages>>;

/**
 * One form submission of the debtor's page: busy while it runs, the error kept for role="alert",
 * and one Idempotency-Key per submission, kept for a retry after a lost answer (network, 5xx) so
 * the server replays the first result instead of making a second plan or promise.
 */
export function useSubmission<T>(run: (idempotencyKey: string) => Promise<T>, onDone: (value: T) => void) {
  const key = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Runs the submission; answers the error it met (null when it went through). */
  async function submit(): Promise<unknown> {
    key.current ??= newIdempotencyKey();
    setBusy(true);
    setError(null);
    try {
      const value = await run(key.current);
      key.current = null;
      onDone(value);
      return null;
    } catch (caught) {
      // Refused (4xx): nothing was kept, the next submission is a new one.
      if (caught instanceof ApiError && caught.status >= 400 && caught.status < 500) key.current = null;
      setError(caught);
      return caught;
    } finally {
      setBusy(false);
    }
  }
  return { submit, busy, error, clear: () => setError(null) };
}

/** The words for a refusal: the legal gate's reasons in plain words, else the server's message (in the debtor's language). */
export function problemText(t: PlansT, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'plan_terms_changed') return t('plans.termsChanged');
    if (error.code === 'contact_refused_dispute' || error.code === 'claim_prescribed') return t(`plans.unavailable.${error.code}`);
  }
  return errorMessage(error);
}
