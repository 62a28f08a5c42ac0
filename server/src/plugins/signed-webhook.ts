import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// Webhook signatures, in the usual provider format, for everything Relance signs or checks: our
// local card provider's events (payments), the local SMS / postal providers' callbacks and bounce
// notices (messages), and the events we POST to creditors (webhooks). Each feature keeps its own
// header name and secret; the format and the check are here, once.
//
//   <header>: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
//
// The receiver recomputes v1 over the raw body, compares in constant time and refuses a timestamp
// outside the tolerance (replay protection).

export const SIGNATURE_TOLERANCE_SECONDS = 300;

function digestOf(secret: string, rawBody: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
}

/** The header value signing `rawBody` at `timestampSeconds`. */
export function signPayload(secret: string, rawBody: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${digestOf(secret, rawBody, timestampSeconds)}`;
}

/** Whether `header` signs `rawBody` with `secret`, at a timestamp within the tolerance of `nowSeconds`. */
export function verifySignature(secret: string, rawBody: string, header: string | undefined, nowSeconds: number): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((part) => {
      const [key, ...rest] = part.trim().split('=');
      return [key ?? '', rest.join('=')] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  return timingSafeEqual(Buffer.from(digestOf(secret, rawBody, timestamp), 'hex'), Buffer.from(given, 'hex'));
}

/**
 * The one way to receive a signed webhook, part 1: in the Fastify plugin that holds the signed
 * routes (and only those), JSON bodies are kept as the raw string the signature covers.
 */
export function keepRawJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, body);
  });
}

/**
 * Part 2, in the handler: the raw body once its signature is checked; a bad, missing or stale
 * signature is 401 invalid_signature (and a warning in the log). The caller parses the JSON.
 */
export function verifiedRawBody(request: FastifyRequest, check: { header: string; secret: string; now: Date }): string {
  const raw = typeof request.body === 'string' ? request.body : '';
  const header = request.headers[check.header.toLowerCase()];
  const nowSeconds = Math.floor(check.now.getTime() / 1000);
  if (!verifySignature(check.secret, raw, Array.isArray(header) ? header[0] : header, nowSeconds)) {
    request.log.warn({ path: request.url }, 'signed webhook refused: bad signature');
    throw new AppError('invalid_signature', 401);
  }
  return raw;
}
