import { describe, expect, it } from 'vitest';
import type { LetterKind, LetterProps } from '../src/letter-model.ts';
import { renderLetterPdf } from '../src/render.ts';
import { caseLetterProps, consumerProps, FIRST_LETTER, professionalProps } from './fixtures.ts';
import { pdfText } from './pdf-text.ts';

// The @react-pdf/layout patch keeps text layouts across documents (patches/@react-pdf__layout@5.2.0.patch):
// a paragraph laid out once is given again to every later letter with the same text, attributes and
// width. These tests pin that a letter laid out from kept paragraphs is exactly the letter laid out
// from nothing, that a case's own text is never taken from another case, and that the cache is used
// and stays bounded.

type TextLayoutCache = { hits: number; misses: number; limit: number; readonly size: number; clear: () => void };

function textLayoutCache(): TextLayoutCache {
  const cache = (globalThis as Record<symbol, unknown>)[Symbol.for('@react-pdf/layout:textLayoutCache')];
  if (!cache) throw new Error('the @react-pdf/layout text layout patch is not installed');
  return cache as TextLayoutCache;
}

/** The PDF without what differs between two renderings of the same letter: the file identifier and dates. */
function withoutIdentity(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID []')
    .replace(/\(D:\d{14}Z\)/g, '(D:)');
}

const render = <K extends LetterKind>(kind: K, props: LetterProps<K>) => renderLetterPdf(kind, props);

/** Letters that share paragraphs with each other in some ways and differ in others: kind, locale, debtor kind, brand colour. */
async function renderOthers(): Promise<void> {
  for (let n = 1; n <= 12; n += 1) await render('first', caseLetterProps(n, n % 2 === 0 ? 'en' : 'fr'));
  await render('reminder', { ...consumerProps('fr'), firstLetter: FIRST_LETTER });
  await render('mise_en_demeure', { ...professionalProps('en'), firstLetter: FIRST_LETTER, deadline: '2025-10-01' });
  const otherBrand = professionalProps('fr');
  await render('first', { ...otherBrand, creditor: { ...otherBrand.creditor, brand: { ...otherBrand.creditor.brand, primaryColor: '#aa2200' } } });
}

describe('text layouts kept across letters', () => {
  it('gives a letter laid out from kept paragraphs exactly the bytes of the same letter laid out from nothing', async () => {
    const cache = textLayoutCache();
    const targets: [LetterKind, LetterProps][] = [
      ['first', caseLetterProps(1, 'fr')],
      ['first', caseLetterProps(3, 'en')],
      ['reminder', { ...consumerProps('fr'), firstLetter: FIRST_LETTER }],
    ];
    const fresh: string[] = [];
    for (const [kind, props] of targets) {
      cache.clear();
      fresh.push(withoutIdentity(await render(kind, props)));
    }
    cache.clear();
    await renderOthers();
    for (const [index, [kind, props]] of targets.entries()) {
      const hitsBefore = cache.hits;
      const again = withoutIdentity(await render(kind, props));
      // Taken from the cache, not laid out again...
      expect(cache.hits - hitsBefore).toBeGreaterThan(10);
      // ...and nothing in the PDF differs for it.
      expect(again).toBe(fresh[index]);
    }
  });

  it("never gives a case's letter another case's text: each carries its own debtor, references and amounts", async () => {
    textLayoutCache().clear();
    for (let n = 20; n < 26; n += 1) {
      const props = caseLetterProps(n, 'fr');
      const { text } = await pdfText(await render('first', props));
      expect(text).toContain(props.debtor.name);
      expect(text).toContain(props.case.reference);
      expect(text).toContain(props.case.portalUrl);
      for (const line of props.statement.lines) if ('claimRef' in line) expect(text).toContain(line.claimRef);
      for (let other = 20; other < n; other += 1) expect(text).not.toContain(caseLetterProps(other, 'fr').debtor.name);
    }
  });

  it('lays out the same paragraph again when only its colour differs, and draws each letter in its own colour', async () => {
    const cache = textLayoutCache();
    cache.clear();
    const blue = professionalProps('fr');
    const red = { ...blue, creditor: { ...blue.creditor, brand: { ...blue.creditor.brand, primaryColor: '#aa2200' } } };
    const blueFresh = withoutIdentity(await render('first', blue));
    cache.clear();
    const redFresh = withoutIdentity(await render('first', red));
    cache.clear();
    await render('first', blue);
    expect(withoutIdentity(await render('first', red))).toBe(redFresh);
    expect(withoutIdentity(await render('first', blue))).toBe(blueFresh);
    expect(redFresh).not.toBe(blueFresh);
  });

  it('keeps at most its limit of layouts however many letters go through', async () => {
    const cache = textLayoutCache();
    for (let n = 100; n < 100 + Math.ceil(cache.limit / 10) + 5; n += 1) await render('first', caseLetterProps(n, 'fr'));
    expect(cache.size).toBeLessThanOrEqual(cache.limit);
    expect(cache.size).toBeGreaterThan(cache.limit / 2);
  });
});
