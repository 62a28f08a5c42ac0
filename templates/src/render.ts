import { crc32, inflateSync } from 'node:zlib';
import { renderToBuffer } from '@react-pdf/renderer';
import type { LetterKind, LetterLogo, LetterProps } from './letter-model.ts';
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
export async function renderLetter<K extends LetterKind>(kind: K, given: LetterProps<K>): Promise<RenderedLetter> {
  const props = withDrawableLogo(given);
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

/**
 * The props without their PNG logo when that logo does not decode. react-pdf's PNG decoder (png-js,
 * through pdfkit) inflates the image data in a zlib callback and throws there on a bad checksum or
 * filter byte: outside any promise, so a render on the main thread would end the process (issue 13:
 * a corrupt stored logo). Uploads are re-encoded now (server/src/features/creditors/logo.ts), but a
 * logo stored before may still be damaged: it is checked here, synchronously, the way png-js reads
 * it (pngDecodes), and the letter shows the creditor's name instead (as for an SVG). The answer is
 * kept per logo (length and CRC-32), so a run of letters for one creditor checks its logo once.
 */
export function withDrawableLogo<P extends { creditor: { brand: { logo?: LetterLogo } } }>(props: P): P {
  const logo = props.creditor.brand.logo;
  if (logo?.format !== 'png' || isDrawablePng(logo.data)) return props;
  const { logo: _dropped, ...brand } = props.creditor.brand;
  return { ...props, creditor: { ...props.creditor, brand } };
}

const checkedPngs = new Map<string, boolean>();

function isDrawablePng(data: Uint8Array | string): boolean {
  let bytes: Buffer;
  if (typeof data === 'string') {
    const base64 = /^data:image\/png;base64,(.*)$/s.exec(data)?.[1];
    if (base64 === undefined) return true; // not ours to judge (react-pdf reads other sources itself)
    bytes = Buffer.from(base64, 'base64');
  } else {
    bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  const key = `${bytes.length}:${crc32(bytes)}`;
  let drawable = checkedPngs.get(key);
  if (drawable === undefined) {
    drawable = pngDecodes(bytes);
    if (checkedPngs.size >= 64) checkedPngs.clear();
    checkedPngs.set(key, drawable);
  }
  return drawable;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes (PNG spec 8.2): x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * Whether png-js would decode this PNG without throwing: its chunks are whole, its image data
 * inflates (zlib checks the Adler-32 sum, as in png-js), and every scanline starts with a known
 * filter type (png-js throws `Invalid filter algorithm` otherwise), pass by pass when interlaced.
 */
export function pngDecodes(png: Buffer): boolean {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  let width = 0;
  let height = 0;
  let bitsPerPixel = 0;
  let interlaced = false;
  const data: Buffer[] = [];
  for (let at = 8; ; ) {
    if (at + 12 > png.length) return false;
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) return false;
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      if (length < 13) return false;
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const channels = CHANNELS[body[9] as number];
      if (!channels) return false;
      bitsPerPixel = (body[8] as number) * channels;
      interlaced = body[12] === 1;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (width < 1 || height < 1 || bitsPerPixel < 1 || data.length === 0) return false;
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data));
  } catch {
    return false;
  }
  let pos = 0;
  const scanlines = (w: number, h: number): boolean => {
    const rowBytes = Math.ceil((w * bitsPerPixel) / 8);
    for (let y = 0; y < h; y += 1) {
      const filter = pixels[pos];
      if (filter === undefined || filter > 4) return false;
      pos += 1 + rowBytes;
    }
    return pos <= pixels.length;
  };
  if (!interlaced) return scanlines(width, height);
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0 && !scanlines(w, h)) return false;
  }
  return true;
}
