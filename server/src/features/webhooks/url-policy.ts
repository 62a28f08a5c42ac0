import ipaddr from 'ipaddr.js';

/**
 * Creditor webhook URLs are chosen by the creditor and fetched by our worker: without a policy
 * they could aim at our own network (SSRF). By default only https to public addresses;
 * `WEBHOOK_ALLOW_PRIVATE_URLS=true` lifts it for local development and tests.
 *
 * Two checks, same address rule (`isForbiddenAddress`):
 * - at registration, on the URL alone (scheme, credentials, names such as `localhost`, address
 *   literals in every notation the URL parser accepts). Names are not resolved there: what a
 *   name resolves to can change at any time;
 * - at connect time (outbound.ts): every address the name resolves to is checked by the lookup
 *   the socket connects with, so a name that resolves to a private address, or rebinds to one
 *   after registration, is refused without a single packet sent to it. Redirects are not followed.
 *
 * Addresses are classified by ipaddr.js (maintained, RFC-sourced ranges), not by regular
 * expressions; IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo)
 * are judged by the IPv4 address inside.
 */

/** ipaddr.js's names for IPv4 ranges we never connect to (everything but plain 'unicast'). */
const FORBIDDEN_IPV4_RANGES = new Set([
  'unspecified', // 0.0.0.0/8
  'broadcast',
  'multicast',
  'linkLocal', // 169.254.0.0/16: cloud metadata (AWS, GCP, Azure IMDS at 169.254.169.254)
  'loopback',
  'carrierGradeNat', // 100.64.0.0/10: Alibaba Cloud metadata at 100.100.100.200
  'private',
  'reserved', // 192.0.0.0/24 (Oracle Cloud metadata 192.0.0.192), TEST-NETs, 198.18.0.0/15, 240.0.0.0/4
  'as112',
  'amt',
]);

/** Public unicast addresses that are nevertheless a cloud provider's internal service. */
const CLOUD_INTERNAL_IPV4: readonly [ipaddr.IPv4, number][] = [
  ipaddr.parseCIDR('168.63.129.16/32') as [ipaddr.IPv4, number], // Azure WireServer / metadata relay
];

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number];

function isForbiddenIPv4(address: ipaddr.IPv4): boolean {
  if (FORBIDDEN_IPV4_RANGES.has(address.range())) return true;
  return CLOUD_INTERNAL_IPV4.some((cidr) => address.match(cidr));
}

/** The IPv4 address carried in the last 32 bits of an IPv6 address. */
function lowIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12, 16));
}

function isForbiddenIPv6(address: ipaddr.IPv6): boolean {
  const range = address.range();
  switch (range) {
    case 'unicast':
      // ::a.b.c.d (IPv4-compatible, deprecated by RFC 4291 but still routed to the IPv4 address by some stacks).
      return address.match(IPV4_COMPATIBLE) ? isForbiddenIPv4(lowIPv4(address)) : false;
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return isForbiddenIPv4(lowIPv4(address));
    case 'rfc6052': {
      // 64:ff9b::/96 (well-known NAT64 prefix) carries the IPv4 address in its last 32 bits;
      // 64:ff9b:1::/48 (RFC 8215) is for local use only: never a creditor's public server.
      const parts = address.parts;
      if (parts[2] !== 0) return true;
      return isForbiddenIPv4(lowIPv4(address));
    }
    case '6to4': {
      // 2002:AABB:CCDD::/48 is the IPv4 address AA.BB.CC.DD (RFC 3056).
      const bytes = address.toByteArray();
      return isForbiddenIPv4(new ipaddr.IPv4(bytes.slice(2, 6)));
    }
    case 'teredo': {
      // 2001:0::/32: the server's IPv4 in bits 32-63, the client's (inverted) in bits 96-127 (RFC 4380).
      const bytes = address.toByteArray();
      const server = new ipaddr.IPv4(bytes.slice(4, 8));
      const client = new ipaddr.IPv4(bytes.slice(12, 16).map((byte) => byte ^ 0xff));
      return isForbiddenIPv4(server) || isForbiddenIPv4(client);
    }
    default:
      // unspecified, loopback, linkLocal, uniqueLocal (AWS metadata fd00:ec2::254), multicast,
      // deprecatedSiteLocal, discard, benchmarking, documentation, orchid, as112v6, amt, reserved...
      return true;
  }
}

/** True for an address a webhook must never connect to; anything that does not parse is forbidden too. */
export function isForbiddenAddress(raw: string): boolean {
  const literal = raw.replace(/^\[|\]$/g, '');
  // Zone ids (fe80::1%eth0) only exist on link-local addresses.
  if (literal.includes('%')) return true;
  if (!ipaddr.isValid(literal)) return true;
  const address = ipaddr.parse(literal);
  return address.kind() === 'ipv4' ? isForbiddenIPv4(address as ipaddr.IPv4) : isForbiddenIPv6(address as ipaddr.IPv6);
}

/** True when the host of a URL is an address literal (IPv4, or IPv6 in brackets), as the URL parser normalised it. */
export function isAddressLiteral(hostname: string): boolean {
  const literal = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.IPv4.isValidFourPartDecimal(literal) || (hostname.startsWith('[') && ipaddr.IPv6.isValid(literal));
}

/** What is wrong with a URL under the policy, or null when it may be used. Does not resolve names (see outbound.ts). */
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
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (isAddressLiteral(url.hostname)) return isForbiddenAddress(url.hostname) ? 'private_address' : null;
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local') ||
    host.endsWith('.home.arpa') ||
    !host.includes('.')
  ) {
    return 'private_host';
  }
  return null;
}
