import type { PortalPaymentOptions } from '@relance/contracts/portal-pay';
import { useEffect, useState } from 'react';
import { request } from '../../../shared/http.ts';

// The "Pay" section's calls: what the debtor may pay and how (verified session cookie), and the
// card checkout (one Idempotency-Key per form submission: a double tap opens one session).

export function fetchPaymentOptions(token: string, signal?: AbortSignal): Promise<PortalPaymentOptions> {
  return request<PortalPaymentOptions>(`/api/v1/portal/${encodeURIComponent(token)}/payment-options`, { signal });
}

export function startCardPayment(token: string, amountCents: number, idempotencyKey: string): Promise<{ checkoutUrl: string; sessionId: string }> {
  return request(`/api/v1/portal/${encodeURIComponent(token)}/checkout`, {
    method: 'POST',
    body: { amountCents },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export type OptionsLoad = { state: 'loading' } | { state: 'error' } | { state: 'ready'; data: PortalPaymentOptions };

const pollEveryMs = 2500;
const pollTimes = 12;

/**
 * The payment options, fetched again when `refreshKey` changes. Back from the provider
 * (`waitForOutcome`), the card attempt may still read 'open' until its webhook lands: fetched again
 * a few times until it has an outcome.
 */
export function usePaymentOptions(token: string, refreshKey: unknown, waitForOutcome: boolean): OptionsLoad {
  const [load, setLoad] = useState<OptionsLoad>({ state: 'loading' });
  useEffect(() => {
    void refreshKey;
    const controller = new AbortController();
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchOnce = () =>
      fetchPaymentOptions(token, controller.signal)
        .then((data) => {
          setLoad({ state: 'ready', data });
          if (waitForOutcome && data.lastCheckout?.status === 'open' && polls < pollTimes) {
            polls += 1;
            timer = setTimeout(fetchOnce, pollEveryMs);
          }
        })
        .catch(() => {
          if (!controller.signal.aborted) setLoad((current) => (current.state === 'ready' ? current : { state: 'error' }));
        });
    void fetchOnce();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [token, refreshKey, waitForOutcome]);
  return load;
}
