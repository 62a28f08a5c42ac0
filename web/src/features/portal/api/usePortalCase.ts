import type { PortalCase } from '@relance/contracts/portal';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { fetchPortalCase } from './portal.ts';

export type PortalLoad = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: PortalCase };
/** Where the card provider sent the debtor back: paid, declined (`declined`), or left (`cancelled`). */
export type Checkout = 'success' | 'cancelled' | 'declined' | null;

// After a successful payment the provider's webhook may land a moment after the debtor
// comes back: poll a few times until the balance moves.
const pollEveryMs = 2000;
const pollTimes = 6;

/**
 * The debtor's case, fetched by the link's token; back from a successful checkout, it is fetched
 * again until the balance moves, and `balanceSettled` tells whether it has.
 */
export function usePortalCase(token: string | null, checkout: Checkout): { load: PortalLoad; balanceSettled: boolean; reload: () => void } {
  const t = useT(portalMessages);
  const [load, setLoad] = useState<PortalLoad>({ state: 'loading' });
  const [balanceSettled, setBalanceSettled] = useState(checkout !== 'success');
  const firstBalance = useRef<number | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the token and the return parameter are fixed for the life of the page; a language switch re-fetches so the server-written texts follow; `generation` re-fetches after the check
  useEffect(() => {
    if (!token) {
      setLoad({ state: 'error', error: new Error(t('portal.errorTitle')) });
      return;
    }
    const controller = new AbortController();
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const fetchOnce = () =>
      fetchPortalCase(token, controller.signal)
        .then((data) => {
          setLoad({ state: 'ready', data });
          firstBalance.current ??= data.balanceCents;
          if (checkout !== 'success') return;
          if (data.balanceCents !== firstBalance.current || data.balanceCents === 0 || polls >= pollTimes) {
            setBalanceSettled(true);
            return;
          }
          polls += 1;
          timer = setTimeout(fetchOnce, pollEveryMs);
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setLoad((current) => (current.state === 'ready' ? current : { state: 'error', error }));
        });

    void fetchOnce();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [token, checkout, t.locale, generation]);

  return { load, balanceSettled, reload: () => setGeneration((value) => value + 1) };
}

export function readCheckoutParam(): Checkout {
  const value = new URLSearchParams(window.location.search).get('checkout');
  return value === 'success' || value === 'cancelled' || value === 'declined' ? value : null;
}
