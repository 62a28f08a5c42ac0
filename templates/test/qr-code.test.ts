import { inflateSync } from 'node:zlib';
import jsqr from 'jsqr';
import { describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../src/render.ts';
import { caseLetterProps, consumerProps, FIRST_LETTER } from './fixtures.ts';

// The QR code on a letter is drawn as one PDF rectangle per run of dark modules (letters.ts
// paintQrCode). These tests read those rectangles back out of the PDF's page content, draw them as
// an image with the quiet zone a printed code has, and scan it: it must take the debtor to their page.

// jsqr is CommonJS with the function as `default` on module.exports; loaders differ on unwrapping it.
type Scanner = typeof jsqr.default;
const jsQR: Scanner = (jsqr as unknown as { default?: Scanner }).default ?? (jsqr as unknown as Scanner);

/** The decompressed streams of a PDF (page contents, fonts...), those that inflate. */
function inflatedStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf('stream\n', at);
    if (start < 0) break;
    const end = text.indexOf('\nendstream', start);
    if (end < 0) break;
    try {
      streams.push(inflateSync(pdf.subarray(start + 'stream\n'.length, end)).toString('latin1'));
    } catch {
      // Not deflated: not a page's content.
    }
    at = end;
  }
  return streams;
}

/** The QR code's modules, from the runs of whole-module rectangles (`x y w 1 re`) in the page content. */
function drawnModules(pdf: Buffer): { size: number; dark: Set<string> } {
  const dark = new Set<string>();
  let size = 0;
  for (const content of inflatedStreams(pdf)) {
    for (const match of content.matchAll(/^(\d+) (\d+) (\d+) 1 re$/gm)) {
      const [x, y, width] = [Number(match[1]), Number(match[2]), Number(match[3])];
      for (let column = x; column < x + width; column += 1) dark.add(`${column},${y}`);
      size = Math.max(size, x + width, y + 1);
    }
  }
  return { size, dark };
}

/** Scans the modules as a camera would see the printed code: 4 pixels a module, a 4-module quiet zone. */
function scan({ size, dark }: { size: number; dark: Set<string> }): string | null {
  const scale = 4;
  const margin = 4;
  const side = (size + 2 * margin) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const key of dark) {
    const [column, row] = key.split(',').map(Number) as [number, number];
    for (let dy = 0; dy < scale; dy += 1) {
      for (let dx = 0; dx < scale; dx += 1) {
        const offset = (((row + margin) * scale + dy) * side + (column + margin) * scale + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
    }
  }
  return jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

describe('the QR code on a letter', () => {
  it("scans to the case's own payment page, for each case", async () => {
    for (const n of [1, 2, 3, 250, 9_999]) {
      const props = caseLetterProps(n, 'fr');
      const modules = drawnModules(await renderLetterPdf('first', props));
      // A version 3 code at least (29 modules a side) for these links, with its dark modules drawn.
      expect(modules.size).toBeGreaterThanOrEqual(21);
      expect(modules.dark.size).toBeGreaterThan(100);
      expect(scan(modules)).toBe(props.case.portalUrl);
    }
  });

  it('scans on a reminder to a consumer whose link is long, so the code larger', async () => {
    const props = consumerProps('en');
    const longLink = `${props.case.portalUrl}/${'x'.repeat(120)}`;
    const modules = drawnModules(await renderLetterPdf('reminder', { ...props, firstLetter: FIRST_LETTER, case: { ...props.case, portalUrl: longLink } }));
    expect(scan(modules)).toBe(longLink);
  });
});
