/**
 * IP addresses and CIDR blocks of API key access lists, parsed with ipaddr.js.
 *
 * Atlas stores what it is given (`10.0.0.1/24` and `10.0.0.0/24` are different entries), shows an
 * entry added as a single address with both `ipAddress` and `cidrBlock` (`/32`, `/128`), and
 * addresses a single-address entry by its bare IP in paths. IPv6 text is written out in full
 * (`2001:db8:0:0:0:0:0:1`), the only IPv6 form the OpenAPI patterns accept.
 */
import ipaddr from 'ipaddr.js';

export interface EntryAddress {
  /** Set when the entry is one address. */
  ipAddress?: string;
  cidrBlock: string;
}

/** The canonical text of one IPv4 or IPv6 address, or undefined when `text` is not one. */
export function parseAddress(text: string): string | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) {
    return ipaddr.IPv6.parse(text).toNormalizedString();
  }
  return undefined;
}

/** An entry for `ip/prefix`, or undefined when the text is not a CIDR block. */
export function parseCidr(text: string): EntryAddress | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = address.includes(':') ? 128 : 32;
  if (prefix > bits) return undefined;
  if (prefix === bits) return { ipAddress: address, cidrBlock: `${address}/${prefix}` };
  return { cidrBlock: `${address}/${prefix}` };
}

/** An entry for a bare address. */
export function addressEntry(address: string): EntryAddress {
  return { ipAddress: address, cidrBlock: `${address}/${address.includes(':') ? 128 : 32}` };
}

/** The entry a path segment (IP, or CIDR with its `/` already decoded) names, if it is valid. */
export function parsePathEntry(value: string): EntryAddress | undefined {
  if (value.includes('/')) return parseCidr(value);
  const address = parseAddress(value);
  return address === undefined ? undefined : addressEntry(address);
}

/** The id an entry has in paths and self links: the bare IP for single addresses. */
export function entryId(entry: EntryAddress): string {
  return entry.ipAddress ?? entry.cidrBlock;
}

/** Whether the caller's address falls within the entry. */
export function entryMatches(entry: EntryAddress, callerAddress: string): boolean {
  const caller = toComparable(callerAddress);
  if (!caller) return false;
  const [network, prefix] = ipaddr.parseCIDR(entry.cidrBlock);
  if (network.kind() !== caller.kind()) return false;
  return caller.match([network, prefix]);
}

function toComparable(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(text)) return undefined;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}
