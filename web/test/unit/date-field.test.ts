import { describe, expect, it } from 'vitest';
import { parseTypedDate } from '../../src/shared/components/DateField.tsx';

describe('a date typed as the screen language writes it', () => {
  it('reads day first (JJ/MM/AAAA), whatever separator, and the ISO form', () => {
    expect(parseTypedDate('05/11/2026')).toBe('2026-11-05');
    expect(parseTypedDate('5/11/2026')).toBe('2026-11-05');
    expect(parseTypedDate('05.11.2026')).toBe('2026-11-05');
    expect(parseTypedDate(' 2026-11-05 ')).toBe('2026-11-05');
  });

  it('is not a date until it is a whole, real one', () => {
    expect(parseTypedDate('')).toBeNull();
    expect(parseTypedDate('05/11/20')).toBeNull();
    expect(parseTypedDate('31/02/2026')).toBeNull();
    expect(parseTypedDate('29/02/2027')).toBeNull();
    expect(parseTypedDate('29/02/2028')).toBe('2028-02-29');
    expect(parseTypedDate('11/31/2026')).toBeNull();
    expect(parseTypedDate('2026-13-01')).toBeNull();
  });
});
