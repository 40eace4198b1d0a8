/**
 * Checks of ids in arguments, before any upstream call: Atlas ids, and every part of a global
 * id (its type, its Atlas ids, an access list entry's address), so nothing unchecked reaches a
 * REST path.
 */
import { decodeBase64 } from '@pothos/core';
import ipaddr from 'ipaddr.js';
import { badUserInput } from './errors.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;

/** A 24-hex Atlas id (an 8-character public key is not an API key id). */
export function atlasId(value: string, field: string): string {
  if (!OBJECT_ID.test(value)) {
    const hint = /^[a-z]{8}$/.test(value) ? ' This looks like a public key; pass the API key id.' : '';
    throw badUserInput(`${field} must be a 24-character hexadecimal Atlas id.${hint}`, field);
  }
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
} as const;

export type NodeTypename = keyof typeof NODE_ID_PARTS;

/** The global id of an object: base64 of `Type:part:part…`. */
export interface DecodedNodeId {
  typename: NodeTypename;
  /** The id after the type name, every part checked. */
  id: string;
  parts: string[];
}

function notAGlobalId(field: string): never {
  throw badUserInput(`${field} is not a global id of this API (the \`id\` of an Organization, Project, ApiKey or AccessListEntry).`, field);
}

/** Decodes and checks a global id; BAD_USER_INPUT naming `field` when any part is wrong. */
export function decodeNodeId(globalId: string, field = 'id'): DecodedNodeId {
  let text: string;
  try {
    text = decodeBase64(globalId);
  } catch {
    return notAGlobalId(field);
  }
  const separator = text.indexOf(':');
  const typename = text.slice(0, separator);
  if (separator < 0 || !Object.hasOwn(NODE_ID_PARTS, typename)) return notAGlobalId(field);
  const id = text.slice(separator + 1);
  return { typename: typename as NodeTypename, id, parts: nodeIdParts(typename as NodeTypename, id, field) };
}

/** The checked parts of the id (after the type name) of a `typename`; BAD_USER_INPUT naming `field` otherwise. */
export function nodeIdParts(typename: NodeTypename, id: string, field = 'id'): string[] {
  const kinds = NODE_ID_PARTS[typename];
  const split = id.split(':');
  // An address may itself hold colons (IPv6): it is the last part, and takes the rest.
  const parts = kinds.at(-1) === 'address' ? [...split.slice(0, kinds.length - 1), split.slice(kinds.length - 1).join(':')] : split;
  const valid =
    parts.length === kinds.length && kinds.every((kind, i) => (kind === 'atlasId' ? OBJECT_ID.test(parts[i]!) : isAccessListAddress(parts[i]!)));
  return valid ? parts : notAGlobalId(field);
}
