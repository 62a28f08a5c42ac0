import { createHash } from 'node:crypto';
import { MAX_EVIDENCE_BYTES } from '@relance/contracts/portal-talk';
import sharp from 'sharp';
import { AppError } from '../../plugins/errors.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { sniffUploadType, storeCaseDocument } from './service.ts';

/**
 * The files a debtor sends from their page (a dispute's evidence, a message's attachment): a PDF, a
 * JPEG photo or a PNG image, 10 MB at most, checked before anything is stored.
 *
 * - The size is bounded while the request is read (plugins/multipart-form.ts), never taken from
 *   what the client declares; checked again here.
 * - The type comes from the first bytes (sniffUploadType), not from the name or the declared type;
 *   anything else is 415 evidence_type_not_allowed. A phone names its photos as it likes: the
 *   extension is set from the type found.
 * - An image is decoded whole (libvips through sharp: a truncated or corrupt image fails) and
 *   written again, so what is kept is a well-formed image of bounded size without its metadata
 *   (EXIF, GPS position, comments: a phone photo tells where it was taken). One that does not
 *   decode is 422 evidence_unreadable and nothing is stored.
 * - A PDF must start with `%PDF-` and end with the `%%EOF` marker (a cut or partial upload does not).
 *   It is kept as sent: staff download it as an attachment with `nosniff` (documents/routes.ts).
 */

export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';
export type Evidence = { fileName: string; contentType: EvidenceType; bytes: Buffer; sha256OfUpload: string };

/** The largest picture decoded (a 50-megapixel phone photo), and the largest side kept: plenty to read a receipt. */
const MAX_INPUT_PIXELS = 50_000_000;
const STORED_MAX_SIDE = 4000;
const EXTENSION: Record<EvidenceType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

sharp.cache(false);

/** The checked, stored form of a debtor's file, or a refusal (413, 415, 422). */
export async function checkEvidence(file: { fileName: string; bytes: Buffer }): Promise<Evidence> {
  if (file.bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('document_too_large', 413, { maxBytes: MAX_EVIDENCE_BYTES });
  const sniffed = sniffUploadType(file.bytes);
  if (sniffed !== 'application/pdf' && sniffed !== 'image/jpeg' && sniffed !== 'image/png') {
    throw new AppError('evidence_type_not_allowed', 415, { allowed: ['application/pdf', 'image/jpeg', 'image/png'] });
  }
  const sha256OfUpload = createHash('sha256').update(file.bytes).digest('hex');
  const bytes = sniffed === 'application/pdf' ? checkedPdf(file.bytes) : await reencodedImage(file.bytes, sniffed);
  return { fileName: evidenceFileName(file.fileName, sniffed), contentType: sniffed, bytes, sha256OfUpload };
}

function checkedPdf(bytes: Buffer): Buffer {
  // The end-of-file marker closes the last trailer; some writers add a line break or padding after it.
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1').includes('%%EOF')) {
    throw new AppError('evidence_unreadable', 422, { reason: 'pdf_incomplete' });
  }
  return bytes;
}

async function reencodedImage(bytes: Buffer, type: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  // 'error': a corrupt or truncated image fails instead of giving half a picture.
  const input = { failOn: 'error' as const, limitInputPixels: MAX_INPUT_PIXELS, animated: false };
  try {
    const image = sharp(bytes, input)
      .rotate() // the EXIF orientation applied to the pixels, since the EXIF itself is dropped
      .resize({ width: STORED_MAX_SIDE, height: STORED_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded = type === 'image/png' ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 85 });
    return await encoded.timeout({ seconds: 20 }).toBuffer();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('evidence_unreadable', 422, { reason: /pixel limit/i.test(message) ? 'image_too_large' : 'image_undecodable' });
  }
}

/** The name as sent, without path or control characters, with the extension of the type found. */
function evidenceFileName(sent: string, type: EvidenceType): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed from the name
  const base = sent.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim().slice(0, 180) || 'piece';
  const extension = EXTENSION[type];
  const known = /\.(pdf|jpe?g|png)$/i.exec(base);
  const stem = known ? base.slice(0, known.index) : base;
  return `${stem || 'piece'}.${extension}`;
}

/**
 * Keeps a debtor's file on the case with its SHA-256, visible to the debtor (they download it again
 * from their page): 'dispute_evidence' (the creditor sees it too: it answers the dispute) or
 * 'debtor_attachment' (agency staff only, like the message it came with).
 */
export async function storeDebtorFile(
  exec: SqlExec,
  input: { caseId: string; creditorId: string; kind: 'dispute_evidence' | 'debtor_attachment'; title: string; evidence: Evidence },
): Promise<{ id: string; sha256: string }> {
  return await storeCaseDocument(exec, {
    caseId: input.caseId,
    creditorId: input.creditorId,
    kind: input.kind,
    title: input.title,
    fileName: input.evidence.fileName,
    contentType: input.evidence.contentType,
    content: input.evidence.bytes,
    visibleToDebtor: true,
    createdBy: null,
  });
}
