/**
 * IPv4 and IPv6 addresses and CIDR ranges as the IP address condition operators read them (IAM User
 * Guide, "Condition operators" > "IP address condition operators": "The IpAddress condition value
 * must be in the standard CIDR format ... If you specify an IP address without the associated
 * routing prefix, IAM uses the default prefix value of /32"; IPv6 ranges likewise with /128).
 */

/** A parsed CIDR range. */
export interface CidrRange {
  readonly version: 4 | 6;
  /** The address as written, as a number. */
  readonly address: bigint;
  readonly prefix: number;
  /** True when the text had an explicit `/prefix`. */
  readonly explicitPrefix: boolean;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    head = `${text.slice(0, lastColon)}:0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] === '' ? [] : halves[0]!.split(':');
  const right = halves.length === 2 ? (halves[1] === '' ? [] : halves[1]!.split(':')) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  let value = 0n;
  for (const group of [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}

const cidrCache = new Map<string, CidrRange | null>();
const CIDR_CACHE_LIMIT = 10_000;

/**
 * Parses `203.0.113.0/24`, `203.0.113.7`, `2001:db8::/32`; undefined when it is not one. Cached per
 * text: a batch of simulations reads the same policy ranges for every request (a tenth of a
 * 10,000-request `simulate --batch` went to parsing them again).
 */
export function parseCidr(text: string): CidrRange | undefined {
  let range = cidrCache.get(text);
  if (range === undefined) {
    range = parseCidrUncached(text) ?? null;
    if (cidrCache.size >= CIDR_CACHE_LIMIT) cidrCache.clear();
    cidrCache.set(text, range);
  }
  return range ?? undefined;
}

function parseCidrUncached(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const v4 = parseIpv4(addressText);
  const version: 4 | 6 | undefined = v4 !== undefined ? 4 : addressText.includes(':') ? 6 : undefined;
  const address = v4 ?? (version === 6 ? parseIpv6(addressText) : undefined);
  if (version === undefined || address === undefined) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (slash < 0) return Object.freeze({ version, address, prefix: bits, explicitPrefix: false });
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  return Object.freeze({ version, address, prefix, explicitPrefix: true });
}

function bitsOf(range: CidrRange): number {
  return range.version === 4 ? 32 : 128;
}

/** The network address of the range (host bits cleared). */
function networkAddress(range: CidrRange): bigint {
  const host = BigInt(bitsOf(range) - range.prefix);
  return (range.address >> host) << host;
}

/** True when bits after the prefix are set, e.g. `10.0.0.1/8` (IAM ignores them). */
export function hasHostBits(range: CidrRange): boolean {
  return networkAddress(range) !== range.address;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // Compress the longest run of two or more zero groups (RFC 5952).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The range written with its network address, e.g. `10.0.0.1/8` → `10.0.0.0/8`. */
export function formatNetwork(range: CidrRange): string {
  const address = networkAddress(range);
  return `${range.version === 4 ? formatIpv4(address) : formatIpv6(address)}/${range.prefix}`;
}

/**
 * Private address blocks: the RFC 1918 IPv4 blocks and the IPv6 unique local block fc00::/7 (RFC
 * 4193). `aws:SourceIp` only carries public addresses (IAM User Guide, global condition keys,
 * aws:SourceIp; Access Analyzer PRIVATE_IP_ADDRESS).
 */
const PRIVATE_BLOCKS: readonly CidrRange[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map((text) => parseCidr(text)!);

/** True when the whole range lies inside a private block. */
export function isPrivateRange(range: CidrRange): boolean {
  const bits = bitsOf(range);
  for (const block of PRIVATE_BLOCKS) {
    if (block.version !== range.version || range.prefix < block.prefix) continue;
    const shift = BigInt(bits - block.prefix);
    if (range.address >> shift === block.address >> shift) return true;
  }
  return false;
}
