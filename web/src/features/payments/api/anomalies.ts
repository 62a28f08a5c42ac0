import type { PaymentAnomaly } from '@relance/contracts/payment-anomalies';
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { paymentKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

export type AnomalyFilter = 'open' | 'resolved' | 'all';
type Page = { items: PaymentAnomaly[]; nextCursor: string | null };

export function anomaliesOptions(status: AnomalyFilter) {
  return infiniteQueryOptions({
    queryKey: paymentKeys.anomaliesWith(status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<Page>(`/api/v1/payment-anomalies?status=${status}&limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useResolveAnomaly() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      api<PaymentAnomaly>(`/api/v1/payment-anomalies/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: { note } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.anomalies }),
  });
}
