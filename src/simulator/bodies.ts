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

/** What a settings PATCH changes: a field absent here is left as it is; `null` unsets it. */
export interface OrgSettingsPatch {
  apiAccessListRequired?: boolean;
  multiFactorAuthRequired?: boolean;
  restrictEmployeeAccess?: boolean;
  genAIFeaturesEnabled?: boolean;
  streamsCrossGroupEnabled?: boolean;
  maxServiceAccountSecretValidityInHours?: number;
  securityContact?: string | null;
  operationsContact?: string | null;
  customSessionTimeouts?: { absoluteSessionTimeoutInSeconds?: number; idleSessionTimeoutInSeconds?: number } | null;
}

const SETTINGS_FLAGS = ['apiAccessListRequired', 'multiFactorAuthRequired', 'restrictEmployeeAccess', 'genAIFeaturesEnabled', 'streamsCrossGroupEnabled'] as const;
/** A plain address check: the spec says "email address" without a format, so the exact rule is Atlas's own. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ABSOLUTE_TIMEOUT = { min: 3600, max: 43_200 } as const;
const IDLE_TIMEOUT_MIN = 300;

function integerIn(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw invalidAttribute(field, `${field} must be an integer ${range}.`);
  }
  return value;
}

function email(field: string, value: unknown): string {
  if (typeof value !== 'string' || !EMAIL.test(value)) throw invalidAttribute(field, `${field} must be an email address.`);
  return value;
}

/**
 * `OrganizationSettings` as a PATCH body (required, an object). Bounds from the spec:
 * the secret validity cap is 8..8760 hours; `securityContact` takes "" to clear it;
 * `operationsContact` takes null to clear it and refuses ""; `customSessionTimeouts` is null
 * (defaults) or an object whose absolute timeout is 3600..43200 s and whose idle timeout is at
 * least 300 s and at most the absolute one (43200 s when unset). The object replaces the
 * current one as a whole: whether Atlas merges its two fields is not documented.
 */
export function orgSettingsBody(body: unknown): OrgSettingsPatch {
  const fields = objectBody(body);
  const patch: OrgSettingsPatch = {};
  for (const flag of SETTINGS_FLAGS) {
    const value = fields[flag];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw invalidAttribute(flag, `${flag} must be true or false.`);
    patch[flag] = value;
  }
  if (fields.maxServiceAccountSecretValidityInHours !== undefined) {
    patch.maxServiceAccountSecretValidityInHours = integerIn('maxServiceAccountSecretValidityInHours', fields.maxServiceAccountSecretValidityInHours, 8, 8760);
  }
  if (fields.securityContact !== undefined) {
    patch.securityContact = fields.securityContact === '' ? null : email('securityContact', fields.securityContact);
  }
  if (fields.operationsContact !== undefined) {
    if (fields.operationsContact === '') throw invalidAttribute('operationsContact', 'operationsContact must not be empty: send null to clear it.');
    patch.operationsContact = fields.operationsContact === null ? null : email('operationsContact', fields.operationsContact);
  }
  const timeouts = fields.customSessionTimeouts;
  if (timeouts === null) patch.customSessionTimeouts = null;
  else if (timeouts !== undefined) {
    if (!isObject(timeouts)) throw invalidAttribute('customSessionTimeouts', 'customSessionTimeouts must be an object or null.');
    const set: NonNullable<OrgSettingsPatch['customSessionTimeouts']> = {};
    const { absoluteSessionTimeoutInSeconds: absolute, idleSessionTimeoutInSeconds: idle } = timeouts;
    if (absolute !== undefined && absolute !== null) {
      set.absoluteSessionTimeoutInSeconds = integerIn('customSessionTimeouts.absoluteSessionTimeoutInSeconds', absolute, ABSOLUTE_TIMEOUT.min, ABSOLUTE_TIMEOUT.max);
    }
    if (idle !== undefined && idle !== null) {
      const ceiling = set.absoluteSessionTimeoutInSeconds ?? ABSOLUTE_TIMEOUT.max;
      set.idleSessionTimeoutInSeconds = integerIn('customSessionTimeouts.idleSessionTimeoutInSeconds', idle, IDLE_TIMEOUT_MIN, ceiling);
    }
    patch.customSessionTimeouts = set;
  }
  return patch;
}
