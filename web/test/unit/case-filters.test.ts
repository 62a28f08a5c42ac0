import { describe, expect, it } from 'vitest';
import { caseFilterParams, exportPath } from '../../src/features/cases/api/case-filters.ts';
import type { CaseFilters } from '../../src/features/cases/api/cases.ts';

// Issue 19: the case list's filters, as the list and the export buttons send them.

const none: CaseFilters = { q: '', status: '', creditorId: '' };

describe('case list filters', () => {
  it('send nothing when nothing is chosen', () => {
    expect(caseFilterParams(none).toString()).toBe('');
    expect(exportPath('cases', 'csv', none)).toBe('/api/v1/exports/cases.csv');
  });

  it('turn the age and amount bands into the API bounds (an open band has no upper bound)', () => {
    const params = caseFilterParams({ ...none, status: 'amicable', debtorKind: 'person', disputed: 'false', age: '31-90', amount: '10000+' });
    expect(Object.fromEntries(params)).toEqual({
      status: 'amicable',
      debtorKind: 'person',
      disputed: 'false',
      minAgeDays: '31',
      maxAgeDays: '90',
      minAmountCents: '1000000',
    });
  });

  it('ignore a band code the domain does not know, and carry the filters to the export', () => {
    expect(caseFilterParams({ ...none, age: 'forever', amount: 'lots' }).toString()).toBe('');
    expect(exportPath('payments', 'xlsx', { ...none, q: 'Dupont', amount: 'lt500' })).toBe(
      '/api/v1/exports/payments.xlsx?q=Dupont&minAmountCents=0&maxAmountCents=49999',
    );
  });
});
