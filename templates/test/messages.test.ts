import { describe, expect, it } from 'vitest';
import { firstReminderEmail } from '../src/emails.ts';
import { gsmLength, reminderSms } from '../src/sms.ts';
import { professionalProps } from './fixtures.ts';

const normalise = (text: string): string => text.replace(/\s+/g, ' ');

describe('first reminder email', () => {
  it('is branded and carries amounts, the RF reference and the link in HTML and text', () => {
    const props = professionalProps();
    const email = firstReminderEmail(props);
    expect(email.fromName).toBe('Acme, service clients');
    expect(email.subject).toContain('Acme');
    for (const body of [email.html, email.text]) {
      const text = normalise(body);
      expect(text).toContain('Acme Fournitures SARL');
      expect(text).toContain('1 234,56 €');
      expect(text).toContain('40,00 €');
      expect(text).toContain('https://pay.example.fr/c/Xy7Kq2');
      expect(text).toContain('RF');
    }
    expect(email.html).toContain('#0b5fa5');
    expect(email.html).toContain('<a href="https://pay.example.fr/c/Xy7Kq2"');
  });

  it('escapes HTML in props', () => {
    const props = professionalProps();
    const email = firstReminderEmail({ ...props, creditor: { ...props.creditor, brand: { ...props.creditor.brand, displayName: '<b>Acme</b>', primaryColor: 'red;x' } } });
    expect(email.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
    expect(email.html).not.toContain('red;x');
  });
});

describe('reminder SMS', () => {
  it('fits one GSM-7 segment with the display name, amount and link', () => {
    const sms = reminderSms(professionalProps());
    expect(sms).toContain('Acme');
    expect(sms).toContain('https://pay.example.fr/c/Xy7Kq2');
    expect(sms).toMatch(/\d €/);
    const length = gsmLength(sms);
    expect(length).not.toBeNull();
    expect(length).toBeLessThanOrEqual(160);
  });

  it('falls back to a shorter text when the long one does not fit', () => {
    const props = professionalProps('en');
    const sms = reminderSms({ ...props, case: { ...props.case, portalUrl: `https://pay.example.fr/c/${'x'.repeat(90)}` } });
    expect(gsmLength(sms)).toBeLessThanOrEqual(160);
    expect(sms).toContain('Acme');
  });
});
