import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isAddressLiteral, isForbiddenAddress } from './url-policy.ts';

/** Resolves a host name to every address it has (IPv4 and IPv6). Injectable so tests can play DNS. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = async (hostname) => await dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Why an outbound call failed, as the creditor may see it: a category, never the socket's error
 * (errno, address, port), which would let a creditor map our network or probe ports through
 * their webhook. The detail goes to the server log only.
 */
export type OutboundFailure = 'address not allowed' | 'name not resolved' | 'connection failed' | 'timed out';

export class OutboundError extends Error {
  readonly category: OutboundFailure;
  /** For the server log only. */
  readonly detail: string;
  constructor(category: OutboundFailure, detail: string) {
    super(category);
    this.name = 'OutboundError';
    this.category = category;
    this.detail = detail;
  }
}

class ForbiddenAddressError extends Error {
  readonly code = 'ERR_FORBIDDEN_ADDRESS';
}

/**
 * The lookup the socket connects with: resolves the name, and refuses the connection when ANY of
 * its addresses is forbidden (a name with one private address among public ones is an attack or
 * a misconfiguration; neither is delivered to). Since it runs for the connection itself, the
 * address checked is the address connected to: DNS rebinding between a check and the connect is
 * not possible.
 */
export function guardedLookup(resolve: Resolver): LookupFunction {
  return ((hostname: string, options: { family?: number | string; all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
        const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address));
        if (forbidden) return callback(new ForbiddenAddressError(`${hostname} resolves to ${forbidden.address}`));
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
        const usable = family === 4 || family === 6 ? addresses.filter((entry) => entry.family === family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }));
        if (options.all) return callback(null, usable);
        const first = usable[0] as { address: string; family: number };
        return callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;
}

export type PostOptions = {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: no address check (development and tests). */
  allowPrivate: boolean;
  resolve?: Resolver;
};

/**
 * POSTs a body to a creditor's URL and returns the status code (redirects are not followed: the
 * answer's status is returned as is). Throws OutboundError with a category for anything that is
 * not an HTTP answer. node:http(s) rather than fetch: its `lookup` option is the hook that checks
 * the very addresses the socket connects to.
 */
export async function postToCreditorUrl(rawUrl: string, options: PostOptions): Promise<{ statusCode: number }> {
  const url = new URL(rawUrl);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  // An address literal is connected to without a lookup: check it here.
  if (!options.allowPrivate && isAddressLiteral(url.hostname) && isForbiddenAddress(hostname)) {
    throw new OutboundError('address not allowed', `${hostname} is a forbidden address`);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    hostname,
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
    // A fresh connection per delivery: a pooled socket would skip the lookup (and its check).
    agent: false,
  };
  if (!options.allowPrivate) requestOptions.lookup = guardedLookup(options.resolve ?? systemResolver);
  else if (options.resolve) {
    const resolve = options.resolve;
    requestOptions.lookup = ((host: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      resolve(host).then(
        (addresses) => (lookupOptions.all ? callback(null, addresses) : callback(null, addresses[0]?.address, addresses[0]?.family)),
        (error: unknown) => callback(error),
      );
    }) as unknown as LookupFunction;
  }
  return await new Promise((resolvePromise, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const outgoing = send(requestOptions, (response: IncomingMessage) => {
      const statusCode = response.statusCode ?? 0;
      // The receiver's body is not read: only its status matters.
      response.resume();
      response.on('error', () => undefined);
      outgoing.destroy();
      finish(() => resolvePromise({ statusCode }));
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish(() => reject(new OutboundError('timed out', `no answer within ${options.timeoutMs} ms`)));
    }, options.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      finish(() => reject(classify(error)));
    });
    outgoing.end(options.body);
  });
}

function classify(error: NodeJS.ErrnoException): OutboundError {
  const detail = `${error.code ?? error.name}: ${error.message}`;
  if (error instanceof ForbiddenAddressError) return new OutboundError('address not allowed', detail);
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'ENODATA') return new OutboundError('name not resolved', detail);
  return new OutboundError('connection failed', detail);
}
