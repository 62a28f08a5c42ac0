import { AGE_BANDS, AMOUNT_BANDS } from '@relance/domain/case-bands';
import type { CaseFilters } from './cases.ts';

// The list's filters as the API's query (pure: the list, the exports and the unit tests share it).

/** The API's query for the list's filters (the list and the exports send the same); bands become min/max bounds. */
export function caseFilterParams(filters: CaseFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('status', filters.status);
  if (filters.creditorId) params.set('creditorId', filters.creditorId);
  if (filters.flag) params.set('flag', filters.flag);
  if (filters.debtorKind) params.set('debtorKind', filters.debtorKind);
  if (filters.disputed) params.set('disputed', filters.disputed);
  if (filters.assignedTo) params.set('assignedTo', filters.assignedTo);
  const age = AGE_BANDS.find((band) => band.code === filters.age);
  if (age) {
    params.set('minAgeDays', String(age.min));
    if (age.max !== null) params.set('maxAgeDays', String(age.max));
  }
  const amount = AMOUNT_BANDS.find((band) => band.code === filters.amount);
  if (amount) {
    params.set('minAmountCents', String(amount.min));
    if (amount.max !== null) params.set('maxAmountCents', String(amount.max));
  }
  return params;
}

export type ExportKind = 'cases' | 'payments';
export type ExportFormat = 'csv' | 'xlsx';

/** The export of the list as filtered now (features/exports on the server). */
export function exportPath(kind: ExportKind, format: ExportFormat, filters: CaseFilters): string {
  const query = caseFilterParams(filters).toString();
  return `/api/v1/exports/${kind}.${format}${query ? `?${query}` : ''}`;
}

