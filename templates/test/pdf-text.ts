import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Collapses runs of white space, as the text read back from a PDF has them wherever lines break. */
export const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The text of a rendered PDF, read back with pdf.js, and its page count. */
export async function pdfText(buffer: Buffer): Promise<{ text: string; pages: number }> {
  const pdf = await getDocument({ data: new Uint8Array(buffer) }).promise;
  let text = '';
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    for (const item of content.items) {
      if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
    }
    text += ' ';
  }
  return { text: normalise(text), pages: pdf.numPages };
}
