import type { PortalPlan, PortalPlanBody, PortalPlans, PortalPromise } from '@relance/contracts/portal-plans';
import { request } from '../../../shared/http.ts';

// The debtor's plans and promises (server: features/plans/portal-routes.ts). Each submission sends
// an Idempotency-Key: a double tap or a retry after a lost answer makes one plan, one promise.

const base = (token: string) => `/api/v1/portal/${encodeURIComponent(token)}`;

export function fetchPortalPlans(token: string, firstDate: string | null, signal?: AbortSignal): Promise<PortalPlans> {
  const query = firstDate ? `?firstDate=${encodeURIComponent(firstDate)}` : '';
  return request<PortalPlans>(`${base(token)}/plans${query}`, { signal });
}

export function choosePlan(token: string, body: PortalPlanBody, idempotencyKey: string): Promise<PortalPlan> {
  return request<PortalPlan>(`${base(token)}/plans`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function acceptPlan(token: string, planId: string, termsDigest: string, idempotencyKey: string): Promise<PortalPlan> {
  return request<PortalPlan>(`${base(token)}/plans/${encodeURIComponent(planId)}/accept`, {
    method: 'POST',
    body: { termsDigest },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function makePromise(token: string, body: { amountCents: number; dueOn: string }, idempotencyKey: string): Promise<PortalPromise> {
  return request<PortalPromise>(`${base(token)}/promises`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

/** A card payment of the promised amount (the hosted checkout). */
export function payAmount(token: string, amountCents: number): Promise<{ checkoutUrl: string }> {
  return request(`${base(token)}/checkout`, { method: 'POST', body: { amountCents } });
}

/** "120", "120,5", "1 200.50 €" -> cents; null when it is not an amount. */
export function parseAmountCents(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units = '0', decimals = ''] = cleaned.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}
