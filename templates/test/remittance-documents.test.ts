import { formatMoney } from '@relance/domain/money';
import { describe, expect, it } from 'vitest';
import { type CommissionInvoiceProps, renderCommissionInvoicePdf, renderRemittanceStatementPdf } from '../src/remittance-documents.ts';
import { normalise, pdfText } from './pdf-text.ts';

// The documents of a remittance (issue 17): the commission invoice carries the mentions French law
// requires of an invoice between professionals (CGI 242 nonies A; C. com. L441-9, L441-10, D441-5);
// the statement lists each payment with its case, debtor, amount and commission, and the net.

const fr = (cents: number): string => normalise(formatMoney(cents, 'EUR', 'fr'));
const seller = { name: 'Recouvra Conseil', legalForm: 'SAS', addressLines: ['12 rue de la Paix', '75002 Paris'], siren: '732829320', vatNumber: 'FR44732829320' };
const buyer = { name: 'Acme Fournitures', legalForm: 'SARL', addressLines: ['1 rue du Port', '44000 Nantes'], siren: '552100554', vatNumber: 'FR96552100554', mandateReference: 'MAND-1' };

const invoice: CommissionInvoiceProps = {
  number: 'F-2026-000042',
  issuedOn: '2026-12-07',
  serviceOn: '2026-11-20',
  servicePeriod: { from: '2026-11-02', to: '2026-11-20' },
  dueOn: '2027-01-06',
  seller,
  buyer,
  lines: [
    { label: 'Commission de recouvrement 10,00 %', detail: '3 encaissements, base 600,00 €', htCents: 6_000 },
    { label: 'Frais fixes par dossier', detail: '2 dossiers', htCents: 5_000 },
  ],
  htCents: 11_000,
  vatRateBasisPoints: 2000,
  vatCents: 2_200,
  ttcCents: 13_200,
  disbursements: [{ label: 'Signification (dossier DOS-1)', amountCents: 8_000, settlement: 'billed' }],
  disbursementsCents: 8_000,
  totalCents: 21_200,
  deductedCents: 13_200,
  toPayCents: 8_000,
  statementReference: 'RV-20261207-ABCDEF12',
  sellerIban: null,
};

describe('the commission invoice', () => {
  it('carries the mandatory mentions: number, dates, both parties with SIREN and VAT numbers, HT / VAT / TTC, disbursements, due date, penalties, 40 € indemnity, no discount', async () => {
    const { text } = await pdfText(await renderCommissionInvoicePdf(invoice));
    for (const mention of [
      'Facture n° F-2026-000042',
      'Date d’émission : 07/12/2026',
      'date de la prestation : 20/11/2026',
      'Recouvra Conseil (SAS)',
      'SIREN : 732829320',
      'FR44732829320',
      'Acme Fournitures (SARL)',
      'SIREN : 552100554',
      'FR96552100554',
      `Total HT ${fr(11_000)}`,
      `TVA 20,00 %`,
      `Total TTC ${fr(13_200)}`,
      'Débours (hors TVA)',
      `Total débours ${fr(8_000)}`,
      'Date d’échéance : 06/01/2027',
      'majoré de 10 points',
      'indemnité forfaitaire pour frais de recouvrement de 40 €',
      'D441-5',
      'Pas d’escompte pour paiement anticipé',
    ]) {
      expect(text).toContain(normalise(mention));
    }
  });
});

describe('the remittance statement', () => {
  it('lists each payment with its case, debtor and commission, and what is transferred', async () => {
    const { text } = await pdfText(
      await renderRemittanceStatementPdf({
        reference: 'RV-20261207-ABCDEF12',
        issuedOn: '2026-12-07',
        through: '2026-12-07',
        agency: { ...seller, clientFundsIban: 'FR7630006000011234567890189' },
        creditor: { ...buyer, iban: 'FR1420041010050500013M02606' },
        basis: 'net',
        payments: [{ receivedOn: '2026-11-02', caseReference: 'DOS-0000001', debtorName: 'Jeanne Martin', method: 'virement', direct: false, amountCents: 30_000, commissionCents: 3_000, fixedFeeCents: 2_500 }],
        invoiceNumber: 'F-2026-000042',
        deadline: '2026-12-02',
        totals: { collectedCents: 30_000, directCents: 0, heldCents: 30_000, commissionHtCents: 5_500, vatCents: 1_100, commissionTtcCents: 6_600, disbursementsCents: 0, deductedCents: 6_600, netCents: 23_400 },
      }),
    );
    for (const mention of ['Relevé de reversement', 'DOS-0000001', 'Jeanne Martin', '02/11/2026', fr(30_000), fr(5_500), `Montant viré ${fr(23_400)}`, 'R124-6', '02/12/2026']) {
      expect(text).toContain(normalise(mention));
    }
  });
});
