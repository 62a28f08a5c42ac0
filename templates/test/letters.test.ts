import { formatCreditorReference } from '@relance/domain/identifiers';
import { formatMoney } from '@relance/domain/money';
import { describe, expect, it } from 'vitest';
import { L111_8_PARAGRAPH_2, L111_8_PARAGRAPH_3, L111_8_TRANSLATION_EN } from '../src/compliance.ts';
import type { LetterCommonProps, LetterKind, LetterProps } from '../src/letter-model.ts';
import { LETTER_KINDS } from '../src/letter-model.ts';
import { renderLetterPdf } from '../src/render.ts';
import { AMICABLE_FR, consumerProps, FIRST_LETTER, professionalProps } from './fixtures.ts';
import { normalise, pdfText } from './pdf-text.ts';

function withExtras(kind: LetterKind, common: LetterCommonProps): LetterProps {
  const props: LetterCommonProps = kind === 'first' ? common : { ...common, firstLetter: FIRST_LETTER };
  switch (kind) {
    case 'plan':
      return { ...props, plan: { agreedOn: '2025-09-14', method: 'transfer', installments: [{ dueDate: '2025-10-05', amountCents: 300_00 }, { dueDate: '2025-11-05', amountCents: 300_00 }] } } as LetterProps;
    case 'receipt':
      return {
        ...props,
        receipt: {
          receiptNumber: 'Q-2025-0001',
          receivedOn: '2025-09-10',
          amountCents: 150_00,
          method: 'transfer',
          allocations: [{ claimRef: 'FA-2025-001', element: 'interest', amountCents: 150_00 }],
          remainingBalanceCents: 1_000_00,
        },
      } as LetterProps;
    case 'dispute':
      return { ...props, dispute: { receivedOn: '2025-09-12', summary: 'Marchandise non conforme' } } as LetterProps;
    default:
      return props as LetterProps;
  }
}

const fr = (cents: number): string => normalise(formatMoney(cents, 'EUR', 'fr'));

for (const [debtorLabel, makeProps] of [
  ['professional', professionalProps],
  ['consumer', consumerProps],
] as const) {
  describe(`letters for a ${debtorLabel} debtor`, () => {
    for (const kind of LETTER_KINDS) {
      it(`${kind}: the PDF carries the R124-4 mentions and the décompte`, async () => {
        const props = withExtras(kind, makeProps());
        const { text, pages } = await pdfText(await renderLetterPdf(kind, props));
        expect(text).toContain('Acme Fournitures SARL');
        expect(text).toContain('Recouvra Conseil SAS');
        expect(text).toContain(normalise(AMICABLE_FR));
        for (const line of props.statement.lines) {
          expect(text).toContain(fr(line.kind === 'payment' ? 0 - line.amountCents : line.amountCents));
        }
        expect(text).toContain(fr(props.statement.totals.balanceCents));
        expect(text).toContain(formatCreditorReference(props.case.creditorReference));
        expect(text).toContain(props.case.portalUrl);
        expect(text).toContain(normalise(L111_8_PARAGRAPH_2));
        expect(text).toContain(normalise(L111_8_PARAGRAPH_3));
        if (kind !== 'first') expect(text).toContain(`${FIRST_LETTER.reference} du 1er septembre 2025`);
        if (kind === 'mise_en_demeure') expect(text).toContain("Aucune décision de justice n'a été rendue");
        // Signed by the agency for the creditor, its phone and e-mail for questions and disputes,
        // and nothing promised online that the debtor's page does not do (it shows and takes a card).
        expect(text).toContain('Recouvra Conseil SAS, société de recouvrement amiable, pour le compte de Acme Fournitures SARL');
        expect(text).toContain('tél. 01 84 60 12 34, contact@recouvra-conseil.fr');
        expect(text).toContain('En ligne, consultez votre dossier et vos courriers, et payez par carte bancaire');
        expect(text).not.toMatch(/(?:lien|en ligne)[^.]*(?:échéancier|contest)/i);
        expect(pages).toBe(1);
      });
    }
  });
}

describe('letter contents', () => {
  it('the professional décompte has interest lines with their rate and the 40 € indemnity', async () => {
    const props = professionalProps();
    expect(props.statement.lines.some((line) => line.kind === 'interest')).toBe(true);
    const { text } = await pdfText(await renderLetterPdf('first', props));
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('40,00 €');
    expect(text).toContain('Indemnité forfaitaire, facture FA-2025-001');
    expect(text).toMatch(/taux \d+,\d\d %/);
  });

  it('the English letter keeps L111-8 in French with a translation below', async () => {
    const props = withExtras('reminder', professionalProps('en'));
    const { text } = await pdfText(await renderLetterPdf('reminder', props));
    expect(text).toContain('Second reminder');
    expect(text).toContain(normalise(L111_8_PARAGRAPH_2));
    expect(text).toContain(normalise(L111_8_PARAGRAPH_3));
    expect(text.indexOf(normalise(L111_8_TRANSLATION_EN[0]))).toBeGreaterThan(text.indexOf(normalise(L111_8_PARAGRAPH_3)));
    expect(text).toContain(`Our first letter: reference ${FIRST_LETTER.reference}`);
  });

  it('the receipt states amount, date, method, allocation and remaining balance (R124-6)', async () => {
    const { text } = await pdfText(await renderLetterPdf('receipt', withExtras('receipt', professionalProps())));
    expect(text).toContain('Quittance n° Q-2025-0001');
    expect(text).toContain('150,00 € le 10 septembre 2025, par virement');
    expect(text).toContain('intérêts FA-2025-001 : 150,00 €');
    expect(text).toContain('1 000,00 €');
  });
});
