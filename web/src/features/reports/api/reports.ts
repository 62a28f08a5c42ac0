import type { CreditorDashboard, CreditorKpis, MonthlyReport, MonthlyReportList } from '@relance/contracts/reports';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
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

/** The monthly PDF reports (a creditor user: their own, with their e-mail choice). */
export function monthlyReportsOptions(creditorId: string) {
  return queryOptions({
    queryKey: reportKeys.monthlyReports(creditorId),
    queryFn: ({ signal }) => api<MonthlyReportList>(`/api/v1/reports/monthly${creditorId ? `?creditorId=${encodeURIComponent(creditorId)}` : ''}`, { signal }),
  });
}

/** One report's status, asked again every 2 s while it is being printed. */
export function monthlyReportOptions(id: string | null) {
  return queryOptions({
    queryKey: reportKeys.monthlyReport(id ?? ''),
    queryFn: ({ signal }) => api<MonthlyReport>(`/api/v1/reports/monthly/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'queued' ? 2_000 : false),
  });
}

export function useRequestMonthlyReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { month: string; creditorId?: string }) => api<MonthlyReport>('/api/v1/reports/monthly', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.monthlyReportsAll }),
  });
}

export function useMonthlyReportEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api<{ enabled: boolean }>('/api/v1/reports/monthly/email', { method: 'PATCH', body: { enabled } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.monthlyReportsAll }),
  });
}

/** The KPI file of the same period (GET /api/v1/exports/kpis.csv|xlsx); creditorId as above. */
export function kpiExportPath(format: 'csv' | 'xlsx', creditorId: string, from: string, to: string): string {
  const query = new URLSearchParams({ from, to, ...(creditorId ? { creditorId } : {}) });
  return `/api/v1/exports/kpis.${format}?${query.toString()}`;
}
