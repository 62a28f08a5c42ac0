import { describe, expect, it } from 'vitest';
import { filterQueryOf } from '../../src/features/cases/components/saved-filter-query.ts';

describe('the case list filters as saved', () => {
  it('drops the ? and empty values, and orders the keys so the same filters compare equal', () => {
    expect(filterQueryOf('?status=amiable&q=&assignedTo=none')).toBe('assignedTo=none&status=amiable');
    expect(filterQueryOf('assignedTo=none&status=amiable')).toBe(filterQueryOf('?status=amiable&assignedTo=none'));
    expect(filterQueryOf('')).toBe('');
  });

  it('keeps a search text encoded', () => {
    expect(filterQueryOf('?q=Dupont%20%26%20fils')).toBe('q=Dupont+%26+fils');
  });
});
