import { renderToBuffer } from '@react-pdf/renderer';
import type { LetterKind, LetterProps } from './letter-model.ts';
import { letterDocument, qrCodeDataUrl } from './letters.ts';

/**
 * Renders one letter to PDF bytes. Does not check compliance: the sender calls
 * checkLetterCompliance first and refuses to send on a problem (CPCE R124-7).
 */
export async function renderLetterPdf<K extends LetterKind>(kind: K, props: LetterProps<K>): Promise<Buffer> {
  const qrCode = await qrCodeDataUrl(props.case.portalUrl);
  return renderToBuffer(letterDocument(kind, props, qrCode) as Parameters<typeof renderToBuffer>[0]);
}
