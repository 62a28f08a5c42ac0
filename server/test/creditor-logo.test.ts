import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeCase, makeUser, multipart } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { brandedCreditor, completeAgency, reachableCase } from './messages-helpers.ts';

// Issue 13, item 2: a logo whose compressed data is damaged was accepted, and the next letter
// rendered in the API process (preview, plan agreement) threw from png-js outside any handler and
// ended the process. Uploads are now decoded and re-encoded (sharp), SVG is rasterised, and every
// letter is rendered where an exception cannot escape the request.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunks(png: Buffer): { at: number; length: number; type: string }[] {
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ at, length, type: png.toString('latin1', at + 4, at + 8) });
    at += 12 + length;
  }
  return chunks;
}

/** A PNG with a valid signature and valid chunk CRCs, whose zlib stream fails its Adler-32 check. */
async function corruptPng(): Promise<Buffer> {
  const good = await sharp({ create: { width: 64, height: 32, channels: 4, background: '#3366ff80' } }).png().toBuffer();
  const bad = Buffer.from(good);
  const idat = pngChunks(bad).find((chunk) => chunk.type === 'IDAT') as { at: number; length: number };
  const end = idat.at + 8 + idat.length;
  bad[end - 1] = (bad[end - 1] as number) ^ 0xff; // the last byte of the Adler-32 checksum
  bad.writeUInt32BE(crc32(bad.subarray(idat.at + 4, end)), end); // the chunk's own CRC stays right
  return bad;
}

/** A PNG carrying a text chunk (metadata a creditor may not know is there). */
async function pngWithComment(width: number, height: number, comment: string): Promise<Buffer> {
  const png = await sharp({ create: { width, height, channels: 3, background: '#aa2233' } }).png().toBuffer();
  const data = Buffer.from(`Comment\0${comment}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const iend = pngChunks(png).find((c) => c.type === 'IEND') as { at: number };
  return Buffer.concat([png.subarray(0, iend.at), chunk, png.subarray(iend.at)]);
}

let t: TestApp;
let creditor: { id: string };
let manager: string;

beforeAll(async () => {
  t = await createTestApp();
  await completeAgency(t);
  creditor = await brandedCreditor(t, { displayName: 'Fibrea', senderName: 'Fibrea', replyTo: 'clients@fibrea.test' });
  manager = await login(t, await makeUser(t, 'manager'));
});
afterAll(async () => t.close());

async function uploadLogo(content: Buffer, name = 'logo.png', type = 'image/png') {
  const body = multipart({}, { name, type, content });
  return await t.app.inject({ method: 'PUT', url: `/api/v1/creditors/${creditor.id}/logo`, headers: { ...bearer(manager), ...body.headers }, payload: body.payload });
}
async function storedLogo(): Promise<{ bytes: Buffer; contentType: string }> {
  const [row] = await t.orm.em
    .fork()
    .execute<{ brand_logo: Buffer; brand_logo_content_type: string }[]>('select brand_logo, brand_logo_content_type from creditor where id = ?', [creditor.id]);
  return { bytes: (row as { brand_logo: Buffer }).brand_logo, contentType: (row as { brand_logo_content_type: string }).brand_logo_content_type };
}
async function stillServing() {
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/creditors/${creditor.id}`, headers: bearer(manager) })).statusCode).toBe(200);
}

describe('uploading a logo', () => {
  it('refuses a PNG whose compressed data is damaged, with the reason', async () => {
    const response = await uploadLogo(await corruptPng());
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_logo', details: { reason: 'undecodable', issues: [{ message: expect.any(String) }] } });
    expect(response.json().message).toMatch(/PNG/);
    // The form shows the reason in the caller's language.
    expect(response.json().details.issues[0].message).toMatch(/endommagée/);
  });

  it('refuses what is not an image, an image format not accepted, an image too large or too heavy', async () => {
    const notImage = await uploadLogo(Buffer.from('%PDF-1.7 not a picture'), 'logo.png');
    expect(notImage.json()).toMatchObject({ code: 'invalid_logo', details: { reason: 'not_an_image' } });
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    expect((await uploadLogo(gif, 'logo.gif', 'image/gif')).json()).toMatchObject({ code: 'invalid_logo', details: { reason: 'unsupported_format', format: 'gif' } });
    const wide = await sharp({ create: { width: 5000, height: 20, channels: 3, background: '#123456' } }).png().toBuffer();
    const tooLarge = await uploadLogo(wide);
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json()).toMatchObject({ code: 'invalid_logo', details: { reason: 'too_large', width: 5000, maxWidth: 4000 } });
    const heavy = await uploadLogo(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(600 * 1024, 7)]));
    expect(heavy.statusCode).toBe(400);
    expect(heavy.json()).toMatchObject({ code: 'invalid_logo', details: { reason: 'too_heavy', maxBytes: 512 * 1024 } });
  });

  it('stores a re-encoded PNG, scaled to 1200 pixels at most, without the metadata of the upload', async () => {
    const response = await uploadLogo(await pngWithComment(3000, 600, 'GPS 48.8566N 2.3522E secret'));
    expect(response.statusCode, response.body).toBe(200);
    const { bytes, contentType } = await storedLogo();
    expect(contentType).toBe('image/png');
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: 1200, height: 240 });
    expect(bytes.toString('latin1')).not.toContain('secret');
    expect(pngChunks(bytes).map((chunk) => chunk.type)).not.toContain('tEXt');

    const jpeg = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#225588' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'exif-secret-owner' } })
      .toBuffer();
    expect(jpeg.toString('latin1')).toContain('exif-secret-owner');
    expect((await uploadLogo(jpeg, 'logo.jpg', 'image/jpeg')).statusCode).toBe(200);
    const stored = await storedLogo();
    expect(stored.contentType).toBe('image/png');
    expect(stored.bytes.toString('latin1')).not.toContain('exif-secret-owner');
    // What is served is what is stored.
    const served = await t.app.inject({ method: 'GET', url: response.json().brand.logoUrl });
    expect(served.headers['content-type']).toBe('image/png');
  });

  it('rasterises an SVG logo to a PNG (letters draw it now)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#c00"/></svg>';
    const response = await uploadLogo(Buffer.from(svg), 'logo.svg', 'image/svg+xml');
    expect(response.statusCode, response.body).toBe(200);
    const { bytes, contentType } = await storedLogo();
    expect(contentType).toBe('image/png');
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: 1200, height: 400 });
  });

  it('neutralises every SVG trick that got past the old filter: what is stored and served holds no script, handler, javascript: URL or animation', async () => {
    const svg = (inner: string, extra = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${extra} width="120" height="40">${inner}<rect width="120" height="40" fill="#0a0"/></svg>`;
    const payloads: Record<string, string> = {
      entityEncodedJavascript: svg('<a href="&#106;avascript:alert(document.domain)"><text y="20">x</text></a>'),
      hexEntityJavascript: svg('<a xlink:href="&#x6A;&#x61;vascript&#x3A;alert(1)"><rect width="9" height="9"/></a>'),
      namespacedScript: svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(document.cookie)</h:script>'),
      animateHref: svg('<a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">clic</text></a>'),
      setHref: svg('<a><set attributeName="href" to="javascript:alert(1)"/><text y="20">clic</text></a>'),
      eventHandler: svg('<rect width="10" height="10" onload="alert(1)"/>', 'onload="alert(2)"'),
      foreignObject: svg('<foreignObject width="100" height="40"><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject>'),
      entityDeclaration: `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY js "javascript:alert(1)">]>${svg('<a href="&js;"><text y="20">x</text></a>')}`,
    };
    const dangerous = /<script|script>|javascript:|\son[a-z]+\s*=|<animate|<set[\s>]|<foreignObject|&#/i;
    for (const [name, payload] of Object.entries(payloads)) {
      expect(dangerous.test(payload), name).toBe(true);
      const response = await uploadLogo(Buffer.from(payload), 'logo.svg', 'image/svg+xml');
      expect([200, 400], `${name}: ${response.body}`).toContain(response.statusCode);
      if (response.statusCode === 400) {
        expect(response.json().code, name).toBe('invalid_logo');
        continue;
      }
      const { bytes, contentType } = await storedLogo();
      expect(contentType, name).toBe('image/png');
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), name).toBe(true);
      expect(dangerous.test(bytes.toString('latin1')), name).toBe(false);
      const served = await t.app.inject({ method: 'GET', url: response.json().brand.logoUrl });
      expect(served.headers['content-type'], name).toBe('image/png');
      expect(dangerous.test(served.rawPayload.toString('latin1')), name).toBe(false);
    }
  });
});

describe('a damaged logo already stored (before uploads were re-encoded)', () => {
  beforeAll(async () => {
    // Written directly, as an upload before the fix would have left it.
    await t.orm.em
      .fork()
      .execute(`update creditor set brand_logo = ?, brand_logo_content_type = 'image/png', brand_logo_sha256 = 'corrupt' where id = ?`, [await corruptPng(), creditor.id]);
  });

  it('does not take the process down: the letter preview renders without the logo, and the next request is served', async () => {
    const c = await reachableCase(t, creditor.id);
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/v1/creditors/${creditor.id}/letter-preview`,
      headers: bearer(manager),
      payload: { template: 'first_letter', locale: 'fr', caseId: c.id },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(Buffer.from(preview.json().pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await stillServing();
  });

  it('an agreed plan still stores its agreement letter', async () => {
    const agent = await login(t, await makeUser(t, 'agent'));
    const found = await makeCase(t, creditor.id, [{ amountCents: 600_00, dueDate: '2026-03-01' }]);
    const plan = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${found.id}/plans`,
      headers: bearer(agent),
      payload: { installments: { count: 3 }, frequency: 'monthly', firstDate: '2026-12-01' },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const [document] = await t.orm.em
      .fork()
      .execute<{ kind: string; content: Buffer }[]>('select kind, content from case_document where case_id = ?', [found.id]);
    expect(document?.kind).toBe('plan_agreement');
    expect(document?.content.subarray(0, 5).toString()).toBe('%PDF-');
    await stillServing();
  });
});
