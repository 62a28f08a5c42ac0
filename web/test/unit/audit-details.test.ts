import { describe, expect, it } from 'vitest';
import { changesOf, valueText } from '../../src/features/audit/components/audit-details.ts';

describe('the before/after of an audit record', () => {
  it('lists the fields that changed between two states', () => {
    expect(changesOf({ invoiceRef: 'F-1', before: { amountCents: 100, nature: 'b2b' }, after: { amountCents: 120, nature: 'b2b' } })).toEqual([
      { field: 'amountCents', before: '100', after: '120' },
    ]);
  });

  it('reads a partial update (changes) against the state before', () => {
    expect(changesOf({ before: { name: 'Nord', capacity: 3, departments: ['44'] }, changes: { name: 'Nord-Ouest', departments: ['44', '35'] } })).toEqual([
      { field: 'name', before: 'Nord', after: 'Nord-Ouest' },
      { field: 'departments', before: '["44"]', after: '["44","35"]' },
    ]);
  });

  it('reads from/to of one value, and a deleted record', () => {
    expect(changesOf({ email: 'a@b.fr', from: 'agent', to: 'manager' })).toEqual([{ field: '', before: 'agent', after: 'manager' }]);
    expect(changesOf({ before: { name: 'Sud' } })).toEqual([{ field: 'name', before: 'Sud', after: '—' }]);
    expect(changesOf({ daysAfterMiseEnDemeure: 15, before: 8, after: 15 })).toEqual([{ field: '', before: '8', after: '15' }]);
  });

  it('has no changes when the record names none', () => {
    expect(changesOf({ kind: 'access' })).toEqual([]);
    expect(valueText(null)).toBe('—');
  });
});
