import { describe, expect, it } from 'vitest';
import { type DataAccessProps, renderDataAccessPdf } from '../src/data-access.ts';
import { pdfText } from './pdf-text.ts';

// The summary handed to a debtor under RGPD art. 15: who holds the data and why, then each part of
// the data; a long history flows onto more pages with the footer repeated.

function props(locale: 'fr' | 'en', timelineLength = 3): DataAccessProps {
  return {
    locale,
    generatedAt: '2026-11-23T10:00:00.000Z',
    generatedBy: 'Marc Lefèvre',
    controller: { legalName: 'Fibrea Télécom SA', address: '25 rue de la Villette, 69003 Lyon' },
    processor: { name: 'Agence de Test SAS', address: '1 place de Test, 44000 Nantes' },
    processing: {
      purpose: 'Recouvrement amiable',
      legalBasis: 'Art. 6(1)(b) et (f)',
      source: 'Le créancier',
      recipients: ['Fibrea Télécom SA', 'Agence de Test SAS'],
      retention: '5 an(s) après la clôture',
      rights: 'Rectification, effacement, CNIL',
    },
    debtor: {
      kind: 'person',
      displayName: 'Jeanne Martin',
      firstName: 'Jeanne',
      lastName: 'Martin',
      companyName: null,
      siren: null,
      emails: [{ email: 'jeanne@example.fr', valid: true }],
      phones: [{ phone: '+33612345678', valid: false }],
      addresses: [{ line1: '12 rue des Lilas', postalCode: '44000', city: 'Nantes', country: 'FR', valid: true }],
    },
    case: { reference: 'DOS-0000042', externalRef: null, status: 'amicable', openedOn: '2026-10-01', closedAt: null },
    claims: [{ invoiceRef: 'FAC-1', issueDate: '2026-06-01', dueDate: '2026-07-01', amountCents: 1500_00, currency: 'EUR' }],
    payments: [{ receivedOn: '2026-09-01', amountCents: 250_00, currency: 'EUR', method: 'transfer' }],
    promises: [],
    plans: [],
    disputes: [],
    messages: [{ channel: 'letter', template: 'first_letter', recipient: 'Jeanne Martin, 12 rue des Lilas', status: 'sent', queuedAt: '2026-10-01T08:00:00.000Z', sentAt: '2026-10-01T09:00:00.000Z' }],
    documents: [],
    timeline: Array.from({ length: timelineLength }, (_, index) => ({
      kind: 'call',
      text: `Appel numéro ${index + 1} : message laissé`,
      occurredAt: '2026-10-02T09:00:00.000Z',
      authorName: 'Agent',
    })),
    portalLinks: [],
    requests: [{ kind: 'access', receivedOn: '2026-11-20', status: 'pending', outcome: null }],
  };
}

describe('the data-access summary (RGPD art. 15)', () => {
  it('names the controller, the processor and the purpose, then the data, in French', async () => {
    const { text, pages } = await pdfText(await renderDataAccessPdf(props('fr')));
    expect(pages).toBe(1);
    for (const expected of [
      'Vos données personnelles',
      "Droit d'accès (RGPD art. 15)",
      'Responsable du traitement Fibrea Télécom SA',
      'Sous-traitant (recouvrement) Agence de Test SAS',
      'jeanne@example.fr',
      '+33612345678 (invalide)',
      'recouvrement amiable',
      'virement',
      '1 500,00 €',
      'Appel numéro 3',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('speaks English when asked, and flows a long history onto more pages', async () => {
    const { text, pages } = await pdfText(await renderDataAccessPdf(props('en', 120)));
    expect(text).toContain('Your personal data');
    expect(text).toContain('bank transfer');
    expect(text).toContain('Appel numéro 120');
    expect(pages).toBeGreaterThan(1);
    // The footer (who holds the data, for whom) is on every page.
    expect(text.match(/Agence de Test SAS · on behalf of Fibrea Télécom SA/g)).toHaveLength(pages);
  });
});
