/**
 * Checks of mutation inputs, before any upstream call. Each failure is a ValidationError naming
 * the offending field.
 */
import ipaddr from 'ipaddr.js';
import { readObjectId } from './ids.js';
import { ValidationError } from './mutation-errors.js';

export const MAX_DESCRIPTION = 250;

/** The Atlas id of the organization or project an input field names (see readObjectId: its `id`, or its `atlasId`). */
export function atlasIdInput(value: string | number, typename: 'Organization' | 'Project', field: string): string {
  const read = readObjectId(String(value), typename, field);
  if ('problem' in read) throw new ValidationError(read.problem, field);
  return read.parts[0]!;
}

export function descriptionInput(value: string, field = 'input.description'): string {
  if (value.trim().length === 0) throw new ValidationError('The description must not be empty.', field);
  if (value.length > MAX_DESCRIPTION) throw new ValidationError(`The description must be at most ${MAX_DESCRIPTION} characters long.`, field);
  return value;
}

/** A non-empty list of known roles, without repeats. */
export function rolesInput(roles: readonly string[], field = 'input.roles'): string[] {
  if (roles.length === 0) throw new ValidationError('Give at least one role.', field);
  roles.forEach((role, i) => {
    if (role === 'UNKNOWN') throw new ValidationError('UNKNOWN is not a role that can be granted.', `${field}[${i}]`);
  });
  return [...new Set(roles)];
}

/** The organization and Atlas id of the key an input field names by its global id (see readObjectId). */
export function apiKeyIdInput(value: string | number, field: string): { orgId: string; apiKeyId: string } {
  const read = readObjectId(String(value), 'ApiKey', field);
  if ('problem' in read) throw new ValidationError(read.problem, field);
  const [orgId = '', apiKeyId = ''] = read.parts;
  return { orgId, apiKeyId };
}

/** The organization and client id of the service account an input field names by its global id (see readObjectId). */
export function serviceAccountIdInput(value: string | number, field: string): { orgId: string; clientId: string } {
  const read = readObjectId(String(value), 'ServiceAccount', field);
  if ('problem' in read) throw new ValidationError(read.problem, field);
  const [orgId = '', clientId = ''] = read.parts;
  return { orgId, clientId };
}

/** What Atlas takes in a service account's name and description: letters, digits, spaces and `-_.,'`. */
const ACCOUNT_TEXT = /^[\p{L}\p{N}\-_.,' ]*$/u;

/** A service account's name (1 to 64 characters) or description (1 to 250), as Atlas takes them. */
export function accountTextInput(value: string, field: string, max: number): string {
  if (value.trim().length === 0) throw new ValidationError('It must not be empty.', field);
  if (value.length > max) throw new ValidationError(`It must be at most ${max} characters long.`, field);
  if (!ACCOUNT_TEXT.test(value)) throw new ValidationError("Use only letters, digits, spaces and - _ . , '.", field);
  return value;
}

/** Atlas' bounds of a secret's lifetime, whatever the organization allows: 8 hours to 365 days. */
export const SECRET_HOURS = { min: 8, max: 8_760 } as const;

export function secretHoursInput(hours: number, field: string): number {
  if (!Number.isInteger(hours) || hours < SECRET_HOURS.min || hours > SECRET_HOURS.max) {
    throw new ValidationError(`A secret lives ${SECRET_HOURS.min} to ${SECRET_HOURS.max} hours (365 days).`, field);
  }
  return hours;
}

/** An access list entry in canonical form: a bare address, or a CIDR block on its network address. */
export interface CanonicalEntry {
  /** How Atlas addresses the entry in paths: the bare IP for a single address. */
  value: string;
  body: { ipAddress: string } | { cidrBlock: string };
}

export function accessEntryInput(text: string, field: string): CanonicalEntry {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('/')) {
      const [address, prefix] = ipaddr.parseCIDR(trimmed);
      const bits = address.kind() === 'ipv4' ? 32 : 128;
      if (prefix === bits) return single(address);
      const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(trimmed) : ipaddr.IPv6.networkAddressFromCIDR(trimmed);
      const cidr = `${network.toString()}/${prefix}`;
      return { value: cidr, body: { cidrBlock: cidr } };
    }
    if (ipaddr.IPv4.isValidFourPartDecimal(trimmed) || (trimmed.includes(':') && ipaddr.IPv6.isValid(trimmed) && !trimmed.includes('%'))) {
      return single(ipaddr.parse(trimmed));
    }
  } catch {
    // reported below
  }
  throw new ValidationError(`"${text}" is not an IPv4 or IPv6 address or CIDR block.`, field);
}

function single(address: ipaddr.IPv4 | ipaddr.IPv6): CanonicalEntry {
  const value = address.toString();
  return { value, body: { ipAddress: value } };
}

/**
 * An address or CIDR block as the gateway presents it, whatever form Atlas stores: IPv6 in RFC 5952
 * form (`2001:db8::7`, `::/0`), everything else as it is. The block itself is kept (a CIDR block
 * not on its network address names a different entry).
 */
export function presentedAddress(text: string): string {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  if (!address.includes(':') || address.includes('%') || !ipaddr.IPv6.isValid(address)) return text;
  return `${ipaddr.IPv6.parse(address).toRFC5952String()}${slash < 0 ? '' : text.slice(slash)}`;
}

/** The canonical form of an entry Atlas returned, for comparing with inputs. */
export function canonicalOf(entry: { ipAddress?: string; cidrBlock?: string }): string | undefined {
  const text = entry.ipAddress ?? entry.cidrBlock;
  if (!text) return undefined;
  try {
    return accessEntryInput(text, 'entry').value;
  } catch {
    return text;
  }
}
