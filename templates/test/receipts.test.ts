import { describe, expect, it } from 'vitest';
import { checkLetterCompliance } from '../src/compliance.ts';
import { letterEmail } from '../src/emails.ts';
import type { LetterProps, Locale, ReceiptTerms } from '../src/letter-model.ts';
import { renderLetterPdf } from '../src/render.ts';
import { consumerProps } from './fixtures.ts';
import { normalise, pdfText } from './pdf-text.ts';

// CPCE R124-6: the three payment documents a receipt letter can be. A receipt (numbered, the
// agency received the sum), an acknowledgment of a payment made to the creditor (not a receipt,
// unnumbered), the notice that a receipt is cancelled; in French and in English.

const PAYMENT: ReceiptTerms = {
  receiptNumber: 'Q-2026-000007',
  receivedOn: '2026-11-02',
  amountCents: 200_00,
  method: 'cheque',
  allocations: [{ claimRef: 'FA-2025-001', element: 'principal', amountCents: 200_00 }],
  remainingBalanceCents: 1_034_56,
};

function props(locale: Locale, receipt: ReceiptTerms): LetterProps<'receipt'> {
  return { ...consumerProps(locale), receipt };
}

const ack: ReceiptTerms = { ...PAYMENT, document: 'direct_payment_acknowledgment', receiptNumber: null, method: 'direct_to_creditor' };
const cancellation: ReceiptTerms = {
  ...PAYMENT,
  document: 'cancellation',
  allocations: [],
  remainingBalanceCents: 1_234_56,
  cancellation: { issuedOn: '2026-11-02', cancelledOn: '2026-11-20', reason: 'Chèque revenu impayé' },
};

const text = async (locale: Locale, receipt: ReceiptTerms) => (await pdfText(await renderLetterPdf('receipt', props(locale, receipt)))).text;

describe('payment documents (R124-6)', () => {
  it('a receipt states its number, the payment’s date, amount, method, allocation and the balance as of it', async () => {
    const fr = await text('fr', PAYMENT);
    expect(fr).toContain('Quittance (reçu de paiement)');
    expect(fr).toContain('Quittance n° Q-2026-000007 (CPCE art. R124-6) : nous avons reçu, pour le compte de');
    expect(fr).toContain('la somme de 200,00 € le 2 novembre 2026, par chèque');
    expect(fr).toContain('principal FA-2025-001 : 200,00 €');
    expect(fr).toContain(normalise('Solde restant dû à la date de ce paiement (décompte arrêté au 2 novembre 2026) : 1 034,56 €'));
    const en = await text('en', PAYMENT);
    expect(en).toContain('Receipt no. Q-2026-000007 (CPCE art. R124-6): we received, on behalf of');
    expect(en).toContain('the sum of €200.00 on 2 November 2026, by cheque');
    expect(en).toContain('Balance remaining as of this payment (statement as of 2 November 2026): €1,034.56');
  });

  it('an acknowledgment says the creditor received the sum directly, and is not a receipt', async () => {
    const fr = await text('fr', ack);
    expect(fr).toContain('Accusé de paiement direct au créancier');
    expect(fr).toContain('nous a informés avoir reçu directement de votre part la somme de 200,00 € le 2 novembre 2026');
    expect(fr).toContain("ce document n'est pas une quittance de notre part");
    expect(fr).not.toContain('Quittance n°');
    expect(fr).not.toContain('nous avons reçu');
    const en = await text('en', ack);
    expect(en).toContain('Acknowledgment of a payment made to the creditor');
    expect(en).toContain('has told us that it received the sum of €200.00 directly from you on 2 November 2026');
    expect(en).toContain('this document is not a receipt from us');
    expect(en).not.toContain('we received');
    expect(checkLetterCompliance('receipt', props('fr', ack))).toEqual({ ok: true });
  });

  it('a cancellation notice names the receipt, why, that the payment is void and the balance restored', async () => {
    const fr = await text('fr', cancellation);
    expect(fr).toContain('Avis d’annulation de quittance');
    expect(fr).toContain('La quittance n° Q-2026-000007 du 2 novembre 2026, relative au paiement de 200,00 € du 2 novembre 2026 (chèque), est annulée le 20 novembre 2026');
    expect(fr).toContain('Motif : Chèque revenu impayé');
    expect(fr).toContain(normalise('Ce paiement est réputé non avenu : il ne vient plus en déduction de votre dette, dont le solde est rétabli à 1 234,56 €'));
    const en = await text('en', cancellation);
    expect(en).toContain('Notice of a cancelled receipt');
    expect(en).toContain('Receipt no. Q-2026-000007 of 2 November 2026, for the payment of €200.00 on 2 November 2026 (cheque), is cancelled on 20 November 2026');
    expect(en).toContain('This payment is void');
    expect(en).toContain('restored to €1,234.56');
  });

  it('the compliance check wants a receipt’s number and a cancellation’s reason, not a first letter', () => {
    expect(checkLetterCompliance('receipt', props('fr', PAYMENT))).toEqual({ ok: true });
    const unnumbered = checkLetterCompliance('receipt', props('fr', { ...PAYMENT, receiptNumber: null }));
    expect(unnumbered.ok ? [] : unnumbered.problems.map((problem) => problem.code)).toEqual(['letter_details_missing']);
    const noReason = checkLetterCompliance('receipt', props('fr', { ...cancellation, cancellation: { issuedOn: '2026-11-02', cancelledOn: '2026-11-20', reason: ' ' } }));
    expect(noReason.ok ? [] : noReason.problems.map((problem) => problem.code)).toEqual(['letter_details_missing']);
  });

  it('each document’s e-mail has its own subject and text', () => {
    expect(letterEmail('receipt', props('fr', PAYMENT)).subject).toContain('quittance de votre paiement');
    const direct = letterEmail('receipt', props('fr', ack));
    expect(direct.subject).toContain('paiement direct au créancier pris en compte');
    expect(direct.text).toContain("ce n'est pas une quittance de notre agence");
    const cancelled = letterEmail('receipt', props('en', cancellation));
    expect(cancelled.subject).toContain('cancelled receipt');
    expect(cancelled.text).toContain('The receipt for your payment is cancelled');
  });
});
