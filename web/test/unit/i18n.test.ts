import { describe, expect, it } from 'vitest';
import { portalMessages } from '../../src/features/portal/messages.ts';
import { formatMoney, translate } from '../../src/shared/i18n.ts';

describe('i18n', () => {
  it('is French by default with English available', () => {
    expect(translate('fr', [], 'common.loading')).toBe('Chargement…');
    expect(translate('en', [], 'common.loading')).not.toBe(translate('fr', [], 'common.loading'));
  });

  it("reads a feature's messages next to common.*, and fills in the parameters", () => {
    const [key, message] = Object.entries(portalMessages)[0] ?? [];
    expect(key && translate('en', [portalMessages], key)).toBe(message?.en);
    expect(translate('fr', [], 'portal.unknown.key')).toBe('portal.unknown.key');
    expect(translate('fr', [{ 'x.greeting': { fr: 'Bonjour {name}', en: 'Hello {name}' } }], 'x.greeting', { name: 'Léa' })).toBe('Bonjour Léa');
  });

  it('formats money the French way (narrow no-break space, comma, euro after)', () => {
    expect(formatMoney(123_456, 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatMoney(123_456, 'EUR', 'en')).toMatch(/€1,234\.56/);
  });
});
