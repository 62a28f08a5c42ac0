import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLetterRenderPool } from '../src/render-pool.ts';
import { CORRUPT_PNG, professionalProps } from './fixtures.ts';
import { pdfText } from './pdf-text.ts';

const textOf = async (pdf: Buffer): Promise<string> => (await pdfText(pdf)).text;

describe('letter render pool', () => {
  const pool = createLetterRenderPool({ threads: 2 });
  afterAll(() => pool.close());

  it('renders letters on its threads, several at once, each its own', async () => {
    const props = professionalProps('fr');
    const references = ['L-POOL-1', 'L-POOL-2', 'L-POOL-3', 'L-POOL-4', 'L-POOL-5'];
    const pdfs = await Promise.all(references.map((letterReference) => pool.render('first', { ...props, letterReference })));
    expect(pool.threads).toBe(2);
    for (const [index, pdf] of pdfs.entries()) {
      expect(Buffer.isBuffer(pdf)).toBe(true);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await textOf(pdf);
      expect(text).toContain(`Notre lettre ${references[index]}`);
      expect(text).toContain(props.creditor.legalName);
    }
  });

  it('survives a render that throws outside any promise on its thread: the letter comes again without its logo, the next one too', async () => {
    // A logo react-pdf reads itself (a file path) is not checked before rendering: png-js throws
    // `incorrect data check` from a zlib callback, which ends the thread (on the main thread, the
    // process). The pool rejects that attempt, renders the letter again without the logo, and a new
    // thread takes the letters after it.
    const folder = mkdtempSync(join(tmpdir(), 'relance-logo-'));
    try {
      const path = join(folder, 'logo.png');
      writeFileSync(path, CORRUPT_PNG);
      const props = professionalProps('fr');
      const broken = { ...props, letterReference: 'L-POOL-LOGO', creditor: { ...props.creditor, brand: { ...props.creditor.brand, logo: { format: 'png' as const, data: path } } } };
      expect(await textOf(await pool.render('first', broken))).toContain('L-POOL-LOGO');
      expect(await textOf(await pool.render('first', { ...props, letterReference: 'L-POOL-NEXT' }))).toContain('L-POOL-NEXT');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports a letter that cannot be rendered as a failed render, and keeps rendering the others', async () => {
    const props = professionalProps('fr');
    const broken = { ...props, statement: undefined } as unknown as typeof props;
    await expect(pool.render('first', broken)).rejects.toThrow();
    const pdf = await pool.render('first', { ...props, letterReference: 'L-POOL-AFTER' });
    expect(await textOf(pdf)).toContain('L-POOL-AFTER');
  });
});
