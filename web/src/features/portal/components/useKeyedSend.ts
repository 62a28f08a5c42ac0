import { useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/portal.ts';

/**
 * Sends one form of the debtor's page with one Idempotency-Key per submission: a retry of the same
 * form after an error reuses it (the server replays what it recorded); `forget()` (the debtor
 * changed the form) makes the next one new. Busy while it runs; the error kept for role="alert".
 */
export function useKeyedSend<T>(send: (idempotencyKey: string) => Promise<T>, onSent: (value: T) => void) {
  const key = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(): Promise<boolean> {
    setBusy(true);
    setError(null);
    key.current ??= newIdempotencyKey();
    try {
      onSent(await send(key.current));
      key.current = null;
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }
  const forget = () => {
    key.current = null;
    setError(null);
  };
  return { run, forget, busy, error };
}
