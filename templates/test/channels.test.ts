import { describe, expect, it } from 'vitest';
import { checkLetterCompliance, L111_8_PARAGRAPH_2, L111_8_PARAGRAPH_3 } from '../src/compliance.ts';
import { letterEmail } from '../src/emails.ts';
import type { LetterProps } from '../src/letter-model.ts';
import { gsmLength, letterSms, smsSegments } from '../src/sms.ts';
import { consumerProps, FIRST_LETTER, professionalProps } from './fixtures.ts';

describe('e-mails of every reminder kind', () => {
  it('the firmer reminder and the mise en demeure carry the mentions and the first letter reference and date', () => {
    for (const kind of ['reminder', 'mise_en_demeure'] as const) {
      const props = { ...professionalProps(), firstLetter: FIRST_LETTER } as LetterProps<typeof kind>;
      expect(checkLetterCompliance(kind, props)).toEqual({ ok: true });
      const email = letterEmail(kind, props);
      expect(email.fromName).toBe('Acme, service clients');
      expect(email.text).toContain('Recouvra Conseil SAS');
      expect(email.text).toContain(L111_8_PARAGRAPH_2);
      expect(email.text).toContain(L111_8_PARAGRAPH_3);
      expect(email.text).toContain(`référence ${FIRST_LETTER.reference} du 1er septembre 2025`);
      expect(email.html).toContain(FIRST_LETTER.reference);
    }
    const notice = letterEmail('mise_en_demeure', { ...professionalProps(), firstLetter: FIRST_LETTER });
    expect(notice.subject).toContain('mise en demeure');
    expect(notice.text).toContain("Aucune décision de justice n'a été rendue");
  });

  it('speaks English when asked, with the same legal text in French', () => {
    const email = letterEmail('reminder', { ...consumerProps('en'), firstLetter: FIRST_LETTER });
    expect(email.subject).toContain('second reminder');
    expect(email.text).toContain('Our first letter: reference');
    expect(email.text).toContain(L111_8_PARAGRAPH_2);
  });
});

describe('SMS of every kind', () => {
  it('fits one GSM segment for the usual kinds, and counts segments of longer texts', () => {
    for (const kind of ['first', 'reminder', 'mise_en_demeure'] as const) {
      const text = letterSms(kind, professionalProps());
      expect(smsSegments(text)).toBe(1);
      expect(text).toContain('https://pay.example.fr/c/Xy7Kq2');
    }
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(gsmLength('€')).toBe(2);
    expect(smsSegments('Ж'.repeat(70))).toBe(1);
    expect(smsSegments('Ж'.repeat(71))).toBe(2);
  });
});

describe('payment instructions without a BIC', () => {
  it('a SEPA IBAN alone is enough (no BIC needed since 2016); outside SEPA the BIC is required', () => {
    const props = professionalProps();
    const noBic = { ...props, agency: { ...props.agency, bic: '' } };
    expect(checkLetterCompliance('first', noBic)).toEqual({ ok: true });
    expect(letterEmail('first', noBic).text).not.toContain('BIC');
    // A valid Saudi IBAN (outside SEPA) without BIC is refused.
    const outside = { ...props, agency: { ...props.agency, clientFundsIban: 'SA0380000000608010167519', bic: '' } };
    const result = checkLetterCompliance('first', outside);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.code)).toEqual(['payment_instructions_missing']);
  });
});

describe("the creditor's own wording", () => {
  it('replaces the greeting and the closing and adds the tone paragraph, the mentions untouched', async () => {
    const { checkWording } = await import('../src/compliance.ts');
    const wording = { greeting: 'Chère cliente, cher client,', toneParagraph: 'Nous savons que des imprévus arrivent : parlons-en.', closing: 'Bien cordialement,' };
    expect(checkWording(wording)).toEqual([]);
    const email = letterEmail('first', { ...professionalProps(), wording });
    expect(email.text).toContain('Chère cliente, cher client,');
    expect(email.text).toContain('Nous savons que des imprévus arrivent');
    expect(email.text).toContain('Bien cordialement,');
    expect(email.text).not.toContain('Veuillez agréer');
    expect(email.text).toContain(L111_8_PARAGRAPH_2);
    expect(checkLetterCompliance('first', { ...professionalProps(), wording })).toEqual({ ok: true });
  });

  it('refuses words implying a court decision, an enforcement or fees, and overlong paragraphs', async () => {
    const { checkWording } = await import('../src/compliance.ts');
    expect(checkWording({ toneParagraph: 'Sans paiement, un huissier passera.' }).map((p) => p.field)).toEqual(['toneParagraph']);
    expect(checkWording({ closing: 'Suite au jugement rendu,' })[0]?.message.fr).toContain('décision de justice');
    expect(checkWording({ toneParagraph: 'Des frais de recouvrement seront ajoutés.' })[0]?.message.fr).toContain('L111-8');
    expect(checkWording({ greeting: 'x'.repeat(121) })[0]?.message.fr).toBe('120 caractères au plus');
  });
});
