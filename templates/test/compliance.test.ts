import { describe, expect, it } from 'vitest';
import { checkLetterCompliance, L111_8_PARAGRAPH_2, l1118TextIsUntouched } from '../src/compliance.ts';
import type { LetterProps } from '../src/letter-model.ts';
import { consumerProps, FIRST_LETTER, professionalProps } from './fixtures.ts';

const codes = (result: ReturnType<typeof checkLetterCompliance>): string[] => (result.ok ? [] : result.problems.map((problem) => problem.code));

describe('checkLetterCompliance', () => {
  it('accepts complete letters for a professional and a consumer', () => {
    expect(checkLetterCompliance('first', professionalProps())).toEqual({ ok: true });
    expect(checkLetterCompliance('reminder', { ...consumerProps(), firstLetter: FIRST_LETTER })).toEqual({ ok: true });
  });

  it('refuses a letter missing an R124-4 mention, with a message in French and English', () => {
    const props = professionalProps();
    const result = checkLetterCompliance('first', { ...props, agency: { ...props.agency, amicableCollectionStatement: { fr: '', en: '' } } });
    expect(codes(result)).toEqual(['amicable_statement_missing']);
    if (!result.ok) {
      expect(result.problems[0]?.message.fr).toContain('recouvrement amiable');
      expect(result.problems[0]?.message.en).toContain('amicable collection');
    }
    expect(codes(checkLetterCompliance('first', { ...props, creditor: { ...props.creditor, addressLines: [] } }))).toEqual(['creditor_identity_missing']);
    expect(codes(checkLetterCompliance('first', { ...props, agency: { ...props.agency, clientFundsIban: 'FR76 0000' } }))).toEqual(['payment_instructions_missing']);
    expect(codes(checkLetterCompliance('first', { ...props, case: { ...props.case, creditorReference: 'RF18539007547034' } }))).toEqual(['payment_instructions_missing']);
  });

  it('refuses a later letter without the first letter reference and date', () => {
    expect(codes(checkLetterCompliance('mise_en_demeure', professionalProps()))).toEqual(['first_letter_reference_missing']);
  });

  it('refuses a collection fee on a consumer, and an indemnity line on a consumer', () => {
    const props = consumerProps();
    const withFee = { ...props, extraFees: [{ kind: 'collection_fee' as const, label: { fr: 'Frais de dossier', en: 'File fee' }, amountCents: 15_00 }] };
    expect(codes(checkLetterCompliance('first', withFee))).toEqual(['collection_fee_on_consumer']);
    const professional = professionalProps();
    const withIndemnity = { ...props, statement: { ...props.statement, lines: [...props.statement.lines, ...professional.statement.lines.filter((line) => line.kind === 'indemnity').slice(0, 1)], totals: { ...props.statement.totals, indemnityCents: 40_00, balanceCents: props.statement.totals.balanceCents + 40_00 } } };
    expect(codes(checkLetterCompliance('first', withIndemnity))).toEqual(['collection_fee_on_consumer']);
  });

  it('refuses an unjustified fee on a professional but accepts one with its legal basis', () => {
    const props = professionalProps();
    const fee = { kind: 'collection_fee' as const, label: { fr: 'Frais', en: 'Costs' }, amountCents: 80_00 };
    expect(codes(checkLetterCompliance('first', { ...props, extraFees: [fee] }))).toEqual(['unjustified_collection_fee']);
    expect(checkLetterCompliance('first', { ...props, extraFees: [{ ...fee, legalBasis: 'C. com. L441-10 II, sur justificatifs' }] })).toEqual({ ok: true });
  });

  it('refuses a statement that depends on a missing rate', () => {
    const result = checkLetterCompliance('first', { ...professionalProps(), statementComplete: false, missingRateHalfYears: ['2026-H2'] });
    expect(codes(result)).toEqual(['missing_rate']);
    if (!result.ok) expect(result.problems[0]?.message.fr).toContain('2026-H2');
  });

  it('refuses a statement whose totals are not the sum of its lines', () => {
    const props = professionalProps();
    const altered = { ...props, statement: { ...props.statement, totals: { ...props.statement.totals, balanceCents: props.statement.totals.balanceCents + 1 } } };
    expect(codes(checkLetterCompliance('first', altered))).toEqual(['statement_does_not_add_up']);
  });

  it('refuses a plan letter without installments', () => {
    const props = { ...professionalProps(), firstLetter: FIRST_LETTER, plan: { agreedOn: '2025-09-14', method: 'transfer', installments: [] } } as LetterProps<'plan'>;
    expect(codes(checkLetterCompliance('plan', props))).toEqual(['letter_details_missing']);
  });

  it('detects an altered L111-8 text', () => {
    expect(l1118TextIsUntouched()).toBe(true);
    expect(l1118TextIsUntouched(L111_8_PARAGRAPH_2.replace("s'ils", 's\u2019ils'))).toBe(false);
  });
});
