import { frenchRates } from '@relance/domain/rates';
import { buildStatement } from '@relance/domain/statement';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { LetterCommonProps } from '../src/letter-model.ts';
import { renderLetter, renderLetterPdf, withDrawableLogo } from '../src/render.ts';
import { CORRUPT_PNG, PIXEL_PNG, professionalProps } from './fixtures.ts';

// renderLetter renders a letter as one unpaginated A4 page first and falls back to react-pdf's
// pagination only when the content is taller than the page. These tests pin both branches.

async function pages(pdf: Buffer): Promise<{ width: number; height: number; text: string }[]> {
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const result: { width: number; height: number; text: string }[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    result.push({ width, height, text: text.replace(/\s+/g, ' ') });
  }
  return result;
}

function withInvoices(count: number): LetterCommonProps {
  const claims = Array.from({ length: count }, (_, index) => ({
    ref: `FA-LONG-${String(index + 1).padStart(3, '0')}`,
    issueDate: '2025-01-10',
    dueDate: '2025-02-09',
    amountCents: 100_00 + index,
    currency: 'EUR' as const,
  }));
  const statement = buildStatement({ creditorKind: 'company', debtorKind: 'company', claims, payments: [], events: {}, asOf: '2025-09-15', rates: frenchRates });
  return { ...professionalProps('fr'), statement };
}

const A4 = { width: 595.28, height: 841.89 };

describe('renderLetter', () => {
  it('renders a letter that fits in one pass, on exactly one A4 page, its footer at the foot of the page', async () => {
    const props = professionalProps('fr');
    const { pdf, passes } = await renderLetter('first', props);
    expect(passes).toBe(1);
    const rendered = await pages(pdf);
    expect(rendered).toHaveLength(1);
    expect(rendered[0]?.width).toBeCloseTo(A4.width, 1);
    expect(rendered[0]?.height).toBeCloseTo(A4.height, 1);
    expect(rendered[0]?.text).toContain(props.creditor.footer);
    // The footer is drawn 18 pt above the bottom edge of the A4 page, not under the content.
    const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
    const items = (await (await document.getPage(1)).getTextContent()).items;
    const footer = items.find((item) => 'str' in item && item.str.startsWith(props.creditor.footer));
    const baselineFromBottom = footer && 'transform' in footer ? (footer.transform[5] as number) : -1;
    expect(baselineFromBottom).toBeGreaterThan(18);
    expect(baselineFromBottom).toBeLessThan(30);
  });

  it('renders a décompte too long for one page on as many A4 pages as it needs, every line and the footer on each page', async () => {
    const props = withInvoices(30);
    const { pdf, passes } = await renderLetter('first', props);
    expect(passes).toBe(2);
    const rendered = await pages(pdf);
    expect(rendered.length).toBeGreaterThanOrEqual(3);
    for (const page of rendered) {
      expect(page.width).toBeCloseTo(A4.width, 1);
      expect(page.height).toBeCloseTo(A4.height, 1);
      expect(page.text).toContain(props.creditor.footer);
    }
    const text = rendered.map((page) => page.text).join(' ');
    for (let index = 1; index <= 30; index += 1) expect(text).toContain(`Principal, facture FA-LONG-${String(index).padStart(3, '0')}`);
    expect(text).toContain('Article L111-8');
  });
});

describe('a logo that does not decode', () => {
  const withLogo = (data: Uint8Array | string) => {
    const props = professionalProps('fr');
    return { ...props, creditor: { ...props.creditor, brand: { ...props.creditor.brand, logo: { format: 'png' as const, data } } } };
  };

  it('is left out of the letter (the name stands in), found by a full decode before rendering', () => {
    expect(withDrawableLogo(withLogo(PIXEL_PNG)).creditor.brand.logo).toBeDefined();
    expect(withDrawableLogo(withLogo(CORRUPT_PNG)).creditor.brand.logo).toBeUndefined();
    expect(withDrawableLogo(withLogo(`data:image/png;base64,${Buffer.from(CORRUPT_PNG).toString('base64')}`)).creditor.brand.logo).toBeUndefined();
    expect(withDrawableLogo(withLogo(`data:image/png;base64,${Buffer.from(PIXEL_PNG).toString('base64')}`)).creditor.brand.logo).toBeDefined();
  });

  it('renders on the calling thread without ending the process (png-js threw from a zlib callback before)', async () => {
    const pdf = await renderLetterPdf('first', withLogo(CORRUPT_PNG));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
