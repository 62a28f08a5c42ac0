import type { CreditorDashboard } from '@relance/contracts/reports';
import { queryOptions } from '@tanstack/react-query';
import { reportKeys } from '../../../shared/query-keys.ts';
import { api } from '../../../shared/session.ts';

/** creditorId is empty for a creditor user: the API answers with their own creditor. */
export function creditorDashboardOptions(creditorId: string) {
  return queryOptions({
    queryKey: reportKeys.creditorDashboard(creditorId),
    queryFn: ({ signal }) => {
      const query = creditorId ? `?creditorId=${encodeURIComponent(creditorId)}` : '';
      return api<CreditorDashboard>(`/api/v1/reports/creditor-dashboard${query}`, { signal });
    },
  });
}
