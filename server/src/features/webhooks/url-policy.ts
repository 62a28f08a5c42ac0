import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Creditor webhook URLs are chosen by the creditor and fetched by our worker: without a
 * policy they could aim at our own network (SSRF). By default only https to public addresses;
 * `WEBHOOK_ALLOW_PRIVATE_URLS=true` lifts it for local development and tests. Checked at
 * registration and again at delivery (DNS may have changed); redirects are not followed.
 */
function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return isPrivateIPv4(address);
  if (family === 6) {
    const lower = address.toLowerCase();
    const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped?.[1]) return isPrivateIPv4(mapped[1]);
    return lower === '::' || lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80') || lower.startsWith('ff');
  }
  return true;
}

/** What is wrong with a URL under the policy, or null when it may be used. Does not resolve names. */
export function urlPolicyProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid_url';
  }
  if (url.username || url.password) return 'credentials_in_url';
  if (allowPrivate) return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'scheme';
  if (url.protocol !== 'https:') return 'https_required';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return 'private_host';
  if (isIP(host) && isPrivateAddress(host)) return 'private_address';
  return null;
}

/** At delivery: the name must resolve to public addresses only. */
export async function resolvesToPublicAddresses(raw: string): Promise<boolean> {
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return !isPrivateAddress(host);
  const addresses = await lookup(host, { all: true });
  return addresses.length > 0 && addresses.every((entry) => !isPrivateAddress(entry.address));
}
