import { createHash } from 'node:crypto';
import { type Locale, type LogoRefusalReason, logoRefusalReasons } from '@relance/contracts/errors';
import type { FastifyRequest } from 'fastify';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../plugins/errors.ts';

/**
 * Every uploaded logo is decoded and re-encoded here, and only the re-encoded PNG is kept.
 *
 * Why: the bytes a creditor uploads reach three decoders later: browsers (the debtor's page, the
 * back office), and react-pdf inside the letter renderer, whose PNG decoder (png-js) once threw
 * `incorrect data check` on a logo with a bad zlib checksum from a stream callback, outside any
 * handler, and took the process down (issue 13). An image that libvips (sharp) cannot decode fully
 * is refused with the reason; one that decodes is written again by libvips, so what is stored is a
 * well-formed PNG of bounded size, without metadata (EXIF, GPS, comments, ICC profile are dropped).
 *
 * SVG decision: rasterised to PNG here, not sanitised and kept as SVG. Letters need a raster anyway
 * (react-pdf draws no SVG file: an SVG logo showed the display name instead), and a PNG carries no
 * script, event handler, `javascript:` URL or animation, whatever tricks the source used (entity-
 * encoded `javascript:`, a namespaced `h:script`, `<animate>` rewriting an href: all got past the
 * regular expressions this replaces). librsvg (inside sharp) loads no external resource from a
 * buffer and refuses entity expansion bombs; a logo needs no DTD, so one is refused outright.
 */

/** The largest upload accepted, in bytes. */
export const MAX_LOGO_BYTES = 512 * 1024;
/** The largest picture accepted, in pixels each way, before it is scaled down (decoding cost and memory). */
export const MAX_LOGO_INPUT_PIXELS = 4000;
/** The largest side of the stored PNG: far more than a letter header (140 pt) or a page needs. */
export const STORED_LOGO_MAX_PIXELS = 1200;

const ACCEPTED = new Set(['png', 'jpeg', 'webp', 'svg']);

// Logos are uploaded now and then: libvips's operation cache would only keep their memory.
sharp.cache(false);

/** 400 invalid_logo, the reason as a code and as a sentence the upload form shows (details.issues). */
export function logoRefusal(reason: LogoRefusalReason, locale: Locale, more: Record<string, unknown> = {}): AppError {
  return new AppError('invalid_logo', 400, { reason, ...more, issues: [{ message: logoRefusalReasons[reason][locale] }] });
}

function looksLikeSvg(bytes: Buffer): boolean {
  // Only the start: an XML declaration, comments or a doctype may precede the root element.
  return /<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'));
}

/** The stored form of an uploaded logo: a PNG re-encoded from the decoded pixels, or a refusal (400 invalid_logo, reason in details). */
export async function normaliseLogo(bytes: Buffer, locale: Locale): Promise<Buffer> {
  const refuse = (reason: LogoRefusalReason, more: Record<string, unknown> = {}) => logoRefusal(reason, locale, more);
  const svg = looksLikeSvg(bytes);
  if (svg && /<!DOCTYPE|<!ENTITY/i.test(bytes.toString('utf8'))) throw refuse('svg_dtd_not_allowed');
  const input = {
    // Past this the decoder stops before allocating: a 4000 x 4000 picture is the most accepted.
    limitInputPixels: MAX_LOGO_INPUT_PIXELS * MAX_LOGO_INPUT_PIXELS,
    // Any warning of the decoder (bad checksum, truncated data) is a refusal, not a half image.
    failOn: 'warning' as const,
    animated: false,
  };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, input).metadata();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw refuse('too_large', { maxWidth: MAX_LOGO_INPUT_PIXELS, maxHeight: MAX_LOGO_INPUT_PIXELS });
    throw refuse(svg ? 'undecodable' : 'not_an_image');
  }
  if (!metadata.format || !ACCEPTED.has(metadata.format)) throw refuse('unsupported_format', { format: metadata.format ?? null, accepted: [...ACCEPTED] });
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width < 1 || height < 1) throw refuse('undecodable');
  if (width > MAX_LOGO_INPUT_PIXELS || height > MAX_LOGO_INPUT_PIXELS) {
    throw refuse('too_large', { width, height, maxWidth: MAX_LOGO_INPUT_PIXELS, maxHeight: MAX_LOGO_INPUT_PIXELS });
  }
  // A vector logo is drawn at the size it is stored at (a small viewBox would otherwise give a
  // blurry 100-pixel image); 72 dpi is librsvg's 1 unit = 1 pixel.
  const scale = Math.min(STORED_LOGO_MAX_PIXELS / width, STORED_LOGO_MAX_PIXELS / height);
  const density = svg ? Math.min(72 * 50, Math.max(1, 72 * scale)) : undefined;
  try {
    return await sharp(bytes, { ...input, ...(density ? { density } : {}) })
      .rotate() // EXIF orientation applied to the pixels, since the EXIF itself is dropped
      .resize({ width: STORED_LOGO_MAX_PIXELS, height: STORED_LOGO_MAX_PIXELS, fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .timeout({ seconds: 10 })
      .toBuffer();
  } catch {
    throw refuse('undecodable');
  }
}

/**
 * The bytes of an uploaded logo (multipart field `file`), cut at MAX_LOGO_BYTES while it streams:
 * a creditor's logo and the agency's (issue 19) are read the same way.
 */
export async function readLogoUpload(request: FastifyRequest, locale: Locale): Promise<Buffer> {
  const file = await request.file({ limits: { fileSize: MAX_LOGO_BYTES, files: 1 } });
  if (!file) throw new AppError('file_required', 400);
  try {
    return await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw logoRefusal('too_heavy', locale, { maxBytes: MAX_LOGO_BYTES });
    throw error;
  }
}

/** What is stored of an upload: the re-encoded PNG and its SHA-256 (the cache-busting part of its URL). */
export async function storedLogoOf(bytes: Buffer, locale: Locale): Promise<{ png: Buffer; sha256: string }> {
  if (bytes.length === 0) throw logoRefusal('empty', locale);
  if (bytes.length > MAX_LOGO_BYTES) throw logoRefusal('too_heavy', locale, { maxBytes: MAX_LOGO_BYTES });
  const png = await normaliseLogo(bytes, locale);
  return { png, sha256: createHash('sha256').update(png).digest('hex') };
}
