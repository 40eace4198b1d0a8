/**
 * Request body validation, field by field as the OpenAPI documents define the bodies. Problems
 * with a field are 400 INVALID_ATTRIBUTE naming the field; a body of the wrong shape is 400
 * VALIDATION_ERROR; a missing description is API_KEY_REQUIRES_DESCRIPTION.
 */
import { AtlasError, invalidAttribute, validation } from './errors.js';
import { type EntryAddress, addressEntry, parseAddress, parseCidr } from './addresses.js';

const MAX_DESC = 250;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function objectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw validation('The request body must be a JSON object.');
  return body;
}

function description(value: unknown, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (!required) return undefined;
    throw new AtlasError(400, 'API_KEY_REQUIRES_DESCRIPTION', 'API keys require a description.');
  }
  if (typeof value !== 'string') throw invalidAttribute('desc', 'desc must be a string.');
  if (value.trim().length === 0) throw new AtlasError(400, 'API_KEY_REQUIRES_DESCRIPTION', 'API keys require a description.');
  if (value.length > MAX_DESC) throw invalidAttribute('desc', `desc must be at most ${MAX_DESC} characters long.`);
  return value;
}

function roleList(value: unknown, allowed: ReadonlySet<string>, kind: 'organization' | 'project', field = 'roles'): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidAttribute(field, `${field} must list at least one ${kind} role.`);
  }
  value.forEach((role, i) => {
    if (typeof role !== 'string' || !allowed.has(role)) {
      throw invalidAttribute(`${field}[${i}]`, `${JSON.stringify(role)} is not a valid ${kind} role for an API key.`);
    }
  });
  return [...new Set(value as string[])];
}

export interface KeyInput {
  desc: string;
  roles: string[];
}

export function createKeyBody(body: unknown, allowedRoles: ReadonlySet<string>, kind: 'organization' | 'project'): KeyInput {
  const fields = objectBody(body);
  const desc = description(fields.desc, true)!;
  return { desc, roles: roleList(fields.roles, allowedRoles, kind) };
}

export function updateOrgKeyBody(body: unknown, allowedRoles: ReadonlySet<string>): Partial<KeyInput> {
  const fields = objectBody(body);
  if (fields.desc === undefined && fields.roles === undefined) {
    throw validation('Provide desc, roles or both.', [{ field: 'desc', description: 'desc or roles is required' }]);
  }
  return {
    desc: description(fields.desc, false),
    roles: fields.roles === undefined ? undefined : roleList(fields.roles, allowedRoles, 'organization'),
  };
}

export function updateProjectRolesBody(body: unknown, allowedRoles: ReadonlySet<string>): { desc?: string; roles: string[] } {
  const fields = objectBody(body);
  const desc = description(fields.desc, false);
  return { ...(desc !== undefined ? { desc } : {}), roles: roleList(fields.roles, allowedRoles, 'project') };
}

/** Atlas assigns with an array of `{roles}`; the roles of every element are granted. */
export function assignBody(body: unknown, allowedRoles: ReadonlySet<string>): string[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw validation('The request body must be a non-empty JSON array of role assignments.');
  }
  const roles = body.flatMap((item, i) => {
    if (!isObject(item)) throw validation(`Element ${i} of the request body must be an object.`);
    return roleList(item.roles, allowedRoles, 'project', `[${i}].roles`);
  });
  return [...new Set(roles)];
}

export function accessListBody(body: unknown): EntryAddress[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw validation('The request body must be a non-empty JSON array of access list entries.');
  }
  return body.map((item, i) => {
    if (!isObject(item)) throw validation(`Element ${i} of the request body must be an object.`);
    const { ipAddress, cidrBlock } = item;
    if ((ipAddress === undefined) === (cidrBlock === undefined)) {
      throw invalidAttribute(`[${i}]`, 'Each access list entry needs exactly one of ipAddress and cidrBlock.');
    }
    if (ipAddress !== undefined) {
      const address = typeof ipAddress === 'string' ? parseAddress(ipAddress) : undefined;
      if (address === undefined) throw invalidAttribute(`[${i}].ipAddress`, `${JSON.stringify(ipAddress)} is not a valid IP address.`);
      return addressEntry(address);
    }
    const entry = typeof cidrBlock === 'string' ? parseCidr(cidrBlock.replace(/%2f/i, '/')) : undefined;
    if (entry === undefined) throw invalidAttribute(`[${i}].cidrBlock`, `${JSON.stringify(cidrBlock)} is not a valid CIDR block.`);
    return entry;
  });
}
