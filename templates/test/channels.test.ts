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
  it('replaces the greeting and the closing and adds the tone paragraph, the mentions untouched', () => {
    const wording = { greeting: 'Chère cliente, cher client,', toneParagraph: 'Nous savons que des imprévus arrivent : parlons-en.', closing: 'Bien cordialement,' };
    const email = letterEmail('first', { ...professionalProps(), wording });
    expect(email.text).toContain('Chère cliente, cher client,');
    expect(email.text).toContain('Nous savons que des imprévus arrivent');
    expect(email.text).toContain('Bien cordialement,');
    expect(email.text).not.toContain('Veuillez agréer');
    expect(email.text).toContain(L111_8_PARAGRAPH_2);
    expect(checkLetterCompliance('first', { ...professionalProps(), wording })).toEqual({ ok: true });
  });

  it('is read again by the one checker before sending: a threat in force blocks the letter, a planned step does not', () => {
    const wording = { toneParagraph: 'À défaut, votre dossier pourra être transmis à notre service contentieux.' };
    const blocked = checkLetterCompliance('first', { ...professionalProps(), wording });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) {
      expect(blocked.problems.map((problem) => problem.code)).toEqual(['creditor_wording_not_allowed']);
      expect(blocked.problems[0]?.message.fr).toContain('« transmis à notre service contentieux »');
    }
    const planned = { ...professionalProps(), wording, plannedSteps: ['mise_en_demeure', 'contentieux', 'injonction_de_payer'] as const };
    expect(checkLetterCompliance('first', planned)).toEqual({ ok: true });
  });
});

describe('signed by the agency for the creditor, with its phone and e-mail, promising online only what the page does', () => {
  it('the e-mail of every kind', () => {
    for (const kind of ['first', 'reminder', 'mise_en_demeure'] as const) {
      const email = letterEmail(kind, { ...professionalProps(), firstLetter: FIRST_LETTER } as LetterProps<typeof kind>);
      expect(email.text).toContain('Recouvra Conseil SAS, société de recouvrement amiable, pour le compte de Acme Fournitures SARL');
      expect(email.text).toContain('tél. 01 84 60 12 34, contact@recouvra-conseil.fr');
      expect(email.html).toContain('contact@recouvra-conseil.fr');
      expect(email.text).toContain('En ligne, consultez votre dossier et vos courriers, et payez par carte bancaire');
      expect(email.text).not.toMatch(/(?:lien|en ligne)[^.\n]*(?:échéancier|contest)/i);
    }
    const english = letterEmail('first', professionalProps('en'));
    expect(english.text).toContain('Recouvra Conseil SAS, amicable debt collection agency, on behalf of Acme Fournitures SARL');
    expect(english.text).not.toMatch(/online[^.\n]*(?:plan|dispute)/i);
  });

  it('a letter without the agency phone or e-mail is refused, like any R124-4 mention', () => {
    const props = professionalProps();
    for (const agency of [{ ...props.agency, phone: '' }, { ...props.agency, email: 'pas-une-adresse' }]) {
      const result = checkLetterCompliance('first', { ...props, agency });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((problem) => problem.code)).toEqual(['agency_contact_missing']);
    }
  });
});

describe('SMS after the first letter (CPCE R124-4, last paragraph)', () => {
  it('every kind names the agency acting for the creditor and repeats the first letter reference and date', () => {
    for (const kind of ['first', 'reminder', 'mise_en_demeure', 'plan', 'receipt', 'dispute'] as const) {
      const props = { ...professionalProps(), letterReference: 'REL-2025-0042-B', firstLetter: FIRST_LETTER };
      const text = letterSms(kind, props);
      expect(text, kind).toContain('Recouvra Conseil SAS pour Acme');
      expect(text, kind).toContain(`lettre ${FIRST_LETTER.reference} du 01/09/2025`);
      expect(text, kind).toContain('https://pay.example.fr/c/Xy7Kq2');
      const long = letterSms(kind, { ...props, case: { ...props.case, portalUrl: `https://pay.example.fr/c/${'x'.repeat(120)}` } });
      expect(long, kind).toContain(`lettre ${FIRST_LETTER.reference} du 01/09/2025`);
      expect(long, kind).toContain('Recouvra Conseil SAS');
    }
    expect(letterSms('reminder', { ...professionalProps('en'), letterReference: 'X', firstLetter: FIRST_LETTER })).toContain(`our letter ${FIRST_LETTER.reference} of 01/09/2025`);
  });

  it('the first SMS, before any letter, names the agency and no first letter', () => {
    const text = letterSms('first', professionalProps());
    expect(text).toContain('Recouvra Conseil SAS pour Acme');
    expect(text).not.toContain('Suite à notre lettre');
  });
});
