import { renderToBuffer } from '@react-pdf/renderer';
import type { LetterKind, LetterProps } from './letter-model.ts';
import { A4_HEIGHT_PT, letterDocument, qrCode } from './letters.ts';

type DocumentElement = Parameters<typeof renderToBuffer>[0];

/** A rendered letter, and whether it took the one-page pass only or the paginated one as well. */
export type RenderedLetter = { pdf: Buffer; passes: 1 | 2 };

/**
 * Renders one letter to PDF bytes. Does not check compliance: the sender calls
 * checkLetterCompliance first and refuses to send on a problem (CPCE R124-7).
 */
export async function renderLetterPdf<K extends LetterKind>(kind: K, props: LetterProps<K>): Promise<Buffer> {
  return (await renderLetter(kind, props)).pdf;
}

/**
 * Almost every letter fits on one A4 page, and react-pdf renders a page it does not paginate in about
 * 80 % of the time. So the letter is first rendered as one unpaginated page; only when its content
 * turned out taller than A4 (a long décompte) is it rendered again, paginated.
 */
export async function renderLetter<K extends LetterKind>(kind: K, props: LetterProps<K>): Promise<RenderedLetter> {
  const qr = qrCode(props.case.portalUrl);
  let pageHeight: number | null = null;
  const onePage = await renderToBuffer(
    letterDocument(kind, props, qr, {
      mode: 'single',
      onLayout: (layout) => {
        pageHeight = onlyPageHeight(layout);
      },
    }) as DocumentElement,
  );
  if (pageHeight !== null && pageHeight <= A4_HEIGHT_PT + 0.01) return { pdf: onePage, passes: 1 };
  return { pdf: await renderToBuffer(letterDocument(kind, props, qr, { mode: 'paginated' }) as DocumentElement), passes: 2 };
}

/** The height react-pdf gave the document's only page, or null if the layout is not the expected shape. */
function onlyPageHeight(layout: unknown): number | null {
  const pages = (layout as { children?: { box?: { height?: unknown } }[] } | undefined)?.children;
  const height = pages?.length === 1 ? pages[0]?.box?.height : undefined;
  return typeof height === 'number' ? height : null;
}
