/**
 * Ids in arguments, read by one rule (readObjectId) and checked before any upstream call: Atlas
 * ids, and every part of a global id (its type, its Atlas ids, an access list entry's address),
 * so nothing unchecked reaches a REST path.
 */
import { decodeBase64 } from '@pothos/core';
import ipaddr from 'ipaddr.js';
import { badUserInput } from './errors.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;
/** A service account's client id, what Atlas names it by in paths. */
const CLIENT_ID = /^mdb_sa_id_[a-f0-9]{24}$/;

/** A 24-hex Atlas id where nothing else can be (a part of a global id, a federation key field). */
export function atlasId(value: string, field: string): string {
  if (!OBJECT_ID.test(value)) {
    const hint = /^[a-z]{8}$/.test(value) ? ' This looks like a public key; pass the API key id.' : '';
    throw badUserInput(`${field} must be a 24-character hexadecimal Atlas id.${hint}`, field);
  }
  return value;
}

/** A service account's client id where nothing else can be (a federation key field). */
export function clientIdField(value: string, field: string): string {
  if (!CLIENT_ID.test(value)) throw badUserInput(`${field} must be a service account's client id (mdb_sa_id_ and 24 hexadecimal characters).`, field);
  return value;
}

/** An IPv4 or IPv6 address, or a CIDR block of one, as an access list entry holds it. */
export function isAccessListAddress(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const kind = ipaddr.IPv4.isValidFourPartDecimal(address) ? 32 : ipaddr.IPv6.isValid(address) && !address.includes('%') ? 128 : 0;
  if (kind === 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= kind);
}

/** The types a global id may name, and the parts of each one's id after the type name. */
const NODE_ID_PARTS = {
  Organization: ['atlasId'],
  Project: ['atlasId'],
  ApiKey: ['atlasId', 'atlasId'],
  AccessListEntry: ['atlasId', 'atlasId', 'address'],
  ServiceAccount: ['atlasId', 'clientId'],
} as const;

export type NodeTypename = keyof typeof NODE_ID_PARTS;

/** The global id of an object: base64 of `Type:part:part…`. */
export interface DecodedNodeId {
  typename: NodeTypename;
  /** The id after the type name, every part checked. */
  id: string;
  parts: string[];
}

/** How an argument names an object of each type: its global id, and the Atlas id where that alone names it. */
const ACCEPTED: Record<NodeTypename | 'Node', string> = {
  Organization: 'Organization.id (or Organization.atlasId)',
  Project: 'Project.id (or Project.atlasId)',
  ApiKey: 'ApiKey.id',
  AccessListEntry: 'AccessListEntry.id',
  ServiceAccount: 'ServiceAccount.id',
  Node: 'the id of an object (Organization.id, Project.id, ApiKey.id, AccessListEntry.id or ServiceAccount.id)',
};

const article = (typename: string): string => (/^[AEIOU]/.test(typename) ? `an ${typename}` : `a ${typename}`);

/** The type and the rest of a global id of this API, its parts not yet checked. */
function parseGlobalId(value: string): { typename: NodeTypename; id: string } | undefined {
  let text: string;
  try {
    text = decodeBase64(value);
  } catch {
    return undefined;
  }
  const separator = text.indexOf(':');
  const typename = text.slice(0, separator);
  return separator > 0 && Object.hasOwn(NODE_ID_PARTS, typename) ? { typename: typename as NodeTypename, id: text.slice(separator + 1) } : undefined;
}

/** The checked parts of an id after its type name, or undefined when one is malformed. */
function checkedParts(typename: NodeTypename, id: string): string[] | undefined {
  const kinds = NODE_ID_PARTS[typename];
  const split = id.split(':');
  // An address may itself hold colons (IPv6): it is the last part, and takes the rest.
  const parts = kinds.at(-1) === 'address' ? [...split.slice(0, kinds.length - 1), split.slice(kinds.length - 1).join(':')] : split;
  const valid = parts.length === kinds.length && kinds.every((kind, i) => PART_CHECKS[kind](parts[i]!));
  return valid ? parts : undefined;
}

const PART_CHECKS: Record<(typeof NODE_ID_PARTS)[NodeTypename][number], (part: string) => boolean> = {
  atlasId: (part) => OBJECT_ID.test(part),
  clientId: (part) => CLIENT_ID.test(part),
  address: isAccessListAddress,
};

/** The argument beside an API key's or a service account's that names its organization, and the organization it named, if any. */
export interface KeyOrganization {
  field: string;
  orgId: string | undefined;
}

/** An object an argument names: its type and the checked parts of its id (as after the type name in its global id). */
export interface NamedObject {
  typename: NodeTypename;
  parts: string[];
}

/**
 * The one rule for every argument (and input field) that names an object of type `typename`
 * (`Node` for any type): it takes the object's global id, its `id` field. An organization's or a
 * project's Atlas id (`atlasId`) names it too, and is taken as well; an API key's names it only
 * within its organization, so it is taken only where an argument beside it names one (`organization`).
 * Any other value is refused with what `field` takes and what the value seems to be instead.
 * Never echoes the value: it may be a secret sent by mistake.
 */
export function readObjectId(value: string, typename: NodeTypename | 'Node', field: string, organization?: KeyOrganization): NamedObject | { problem: string } {
  const accepted =
    typename === 'ApiKey' && organization
      ? `ApiKey.id (or ApiKey.atlasId with ${organization.field})`
      : typename === 'ServiceAccount' && organization
        ? `ServiceAccount.id (or ServiceAccount.clientId with ${organization.field})`
        : ACCEPTED[typename];
  const refuse = (why: string) => ({ problem: `${field} takes ${accepted}; ${why}` });
  if (CLIENT_ID.test(value)) {
    if (typename === 'ServiceAccount' && organization?.orgId !== undefined) return { typename, parts: [organization.orgId, value] };
    return refuse("a client id alone does not say the service account's organization.");
  }
  if (OBJECT_ID.test(value)) {
    if (typename === 'Organization' || typename === 'Project') return { typename, parts: [value] };
    if (typename === 'ApiKey' && organization?.orgId !== undefined) return { typename, parts: [organization.orgId, value] };
    if (typename === 'ApiKey') return refuse("an Atlas id alone does not say the key's organization.");
    return refuse("an Atlas id does not say what it names: pass the object's id, or use organization, project or apiKey.");
  }
  const global = parseGlobalId(value);
  if (global && typename !== 'Node' && global.typename !== typename) return refuse(`this is the id of ${article(global.typename)}.`);
  if (global) {
    const parts = checkedParts(global.typename, global.id);
    if (!parts) return refuse(`this global id of ${article(global.typename)} is malformed.`);
    if ((global.typename === 'ApiKey' || global.typename === 'ServiceAccount') && organization?.orgId !== undefined && parts[0] !== organization.orgId) {
      const what = global.typename === 'ApiKey' ? 'a key' : 'a service account';
      return { problem: `${field} is the id of ${what} of organization ${parts[0]}, not of ${organization.field} (${organization.orgId}).` };
    }
    return { typename: global.typename, parts };
  }
  if (/^[a-z]{8}$/.test(value)) return refuse('this looks like a public key (ApiKey.publicKey).');
  return refuse(typename === 'Organization' || typename === 'Project' ? 'this is neither a global id nor a 24-character hexadecimal Atlas id.' : 'this is not a global id.');
}

/** An argument of a query that names an object (see readObjectId): the checked parts of its id, or BAD_USER_INPUT naming `field`. */
export function objectIdArg(value: string | number, typename: NodeTypename | 'Node', field: string, organization?: KeyOrganization): NamedObject {
  const read = readObjectId(String(value), typename, field, organization);
  if ('problem' in read) throw badUserInput(read.problem, field);
  return read;
}

/** The global id of an object of this API, as `node` takes it; BAD_USER_INPUT naming `field` when it is anything else. */
export function decodeNodeId(globalId: string, field = 'id'): DecodedNodeId {
  const { typename, parts } = objectIdArg(globalId, 'Node', field);
  return { typename, id: parts.join(':'), parts };
}

/** The checked parts of the id (after the type name) of a `typename`; BAD_USER_INPUT naming `field` otherwise. */
export function nodeIdParts(typename: NodeTypename, id: string, field = 'id'): string[] {
  const parts = checkedParts(typename, id);
  if (!parts) throw badUserInput(`${field} is not a valid ${typename} id.`, field);
  return parts;
}
