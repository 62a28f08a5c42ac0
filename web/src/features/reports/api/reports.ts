import type { CreditorDashboard, CreditorKpis } from '@relance/contracts/reports';
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

/** The KPIs of a period; creditorId is empty for a creditor user (their own) or staff asking for every creditor. */
export function creditorKpisOptions(creditorId: string, from: string, to: string) {
  return queryOptions({
    queryKey: reportKeys.kpis(creditorId, from, to),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ from, to, ...(creditorId ? { creditorId } : {}) });
      return api<CreditorKpis>(`/api/v1/reports/kpis?${query.toString()}`, { signal });
    },
  });
}

/** The KPI file of the same period (GET /api/v1/exports/kpis.csv|xlsx); creditorId as above. */
export function kpiExportPath(format: 'csv' | 'xlsx', creditorId: string, from: string, to: string): string {
  const query = new URLSearchParams({ from, to, ...(creditorId ? { creditorId } : {}) });
  return `/api/v1/exports/kpis.${format}?${query.toString()}`;
}
