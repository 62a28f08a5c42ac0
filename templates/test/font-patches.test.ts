import { readFileSync } from 'node:fs';
import { create } from 'fontkit';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMON_LETTER_CHARACTERS } from '../src/letters.ts';
import { renderLetterPdf } from '../src/render.ts';
import { FIRST_LETTER, professionalProps } from './fixtures.ts';
import { pdfText } from './pdf-text.ts';

// The behaviour our patches of fontkit and pdfkit (patches/) must keep.

const setSubsetPreseed = (text: string): void => PDFDocument.setSubsetPreseed(text);

const textOf = async (pdf: Buffer): Promise<string> => (await pdfText(pdf)).text;

describe('fontkit patch', () => {
  it('a glyph first met as a component of an accented capital still maps to its character afterwards', () => {
    const font = create(readFileSync(new URL('../fonts/LiberationSans-Bold.ttf', import.meta.url))) as {
      glyphForCodePoint: (codePoint: number) => { id: number; codePoints: number[] };
      getGlyph: (id: number) => { codePoints: number[] };
      createSubset: () => { includeGlyph: (id: number) => number; encode: () => Uint8Array };
    };
    // É is a composite glyph whose component is E: subsetting it creates E's glyph without a character.
    const subset = font.createSubset();
    subset.includeGlyph(font.glyphForCodePoint(0xc9).id);
    subset.encode();
    expect(font.glyphForCodePoint(0x45).codePoints).toEqual([0x45]);
  });
});

describe('letters without the fixed font subset (a character outside it, or the preseed off)', () => {
  afterAll(() => setSubsetPreseed(COMMON_LETTER_CHARACTERS));

  it('an English letter after a French one keeps the capital E the French accented É was built from', async () => {
    setSubsetPreseed('');
    await renderLetterPdf('first', professionalProps('fr'));
    const text = await textOf(await renderLetterPdf('reminder', { ...professionalProps('en'), firstLetter: FIRST_LETTER }));
    expect(text).toContain('Element');
    expect(text).toContain('English translation');
  });

  it('a debtor name outside the preseeded characters is printed whole', async () => {
    setSubsetPreseed(COMMON_LETTER_CHARACTERS);
    const props = professionalProps('fr');
    const text = await textOf(await renderLetterPdf('first', { ...props, debtor: { ...props.debtor, name: 'Łukasz Wiśniewski-Ğüneş' } }));
    expect(text).toContain('Łukasz Wiśniewski-Ğüneş');
    expect(text).toContain('Élément');
  });
});
