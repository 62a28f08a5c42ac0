import { renderToBuffer } from '@react-pdf/renderer';
import type { LetterKind, LetterProps } from './letter-model.ts';
import { letterDocument, qrCode } from './letters.ts';

/**
 * Renders one letter to PDF bytes. Does not check compliance: the sender calls
 * checkLetterCompliance first and refuses to send on a problem (CPCE R124-7).
 */
export async function renderLetterPdf<K extends LetterKind>(kind: K, props: LetterProps<K>): Promise<Buffer> {
  return renderToBuffer(letterDocument(kind, props, qrCode(props.case.portalUrl)) as Parameters<typeof renderToBuffer>[0]);
}
