import { describe, expect, it } from 'vitest';
import { formatMoney, translate } from '../../src/shared/i18n.ts';

describe('i18n', () => {
  it('is French by default with English available', () => {
    expect(translate('fr', 'common.loading')).toBe('Chargement…');
    expect(translate('en', 'common.loading')).not.toBe(translate('fr', 'common.loading'));
  });

  it('formats money the French way (narrow no-break space, comma, euro after)', () => {
    expect(formatMoney(123_456, 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatMoney(123_456, 'EUR', 'en')).toMatch(/€1,234\.56/);
  });
});
