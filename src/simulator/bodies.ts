/**
 * Request body validation, field by field as the OpenAPI documents define the bodies. Problems
 * with a field are 400 INVALID_ATTRIBUTE naming the field; a body of the wrong shape is 400
 * VALIDATION_ERROR; a key's missing description is API_KEY_REQUIRES_DESCRIPTION, a service
 * account's missing field MISSING_ATTRIBUTE.
 */
import { AtlasError, invalidAttribute, missingAttribute, validation } from './errors.js';
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

type RoleKind = 'organization' | 'project';

function roleList(value: unknown, allowed: ReadonlySet<string>, kind: RoleKind, field = 'roles', holder = 'an API key'): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidAttribute(field, `${field} must list at least one ${kind} role.`);
  }
  value.forEach((role, i) => {
    if (typeof role !== 'string' || !allowed.has(role)) {
      throw invalidAttribute(`${field}[${i}]`, `${JSON.stringify(role)} is not a valid ${kind} role for ${holder}.`);
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

/** An access list POST: a non-empty array of entries, at most `max` of them when the document sets a bound. */
export function accessListBody(body: unknown, max = Number.POSITIVE_INFINITY): EntryAddress[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw validation('The request body must be a non-empty JSON array of access list entries.');
  }
  if (body.length > max) throw validation(`The request body may hold at most ${max} access list entries.`);
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

// --- service accounts ----------------------------------------------------------------------

/** The characters the spec allows in a service account's name and description. */
const SERVICE_ACCOUNT_TEXT = /^[\p{L}\p{N}\-_.,' ]*$/u;
const TEXT_LIMITS = { name: 64, description: 250 } as const;
const SERVICE_ACCOUNT = 'a service account';

/** `name` or `description`: 1 to 64 or 250 characters of letters, digits, spaces and `-_.,'`. */
function serviceAccountText(field: keyof typeof TEXT_LIMITS, value: unknown, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw missingAttribute(field);
    return undefined;
  }
  const max = TEXT_LIMITS[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw invalidAttribute(field, `${field} must be a string of 1 to ${max} characters.`);
  }
  if (!SERVICE_ACCOUNT_TEXT.test(value)) {
    throw invalidAttribute(field, `${field} may hold only letters, digits, spaces and the characters - _ . , '`);
  }
  return value;
}

/**
 * `secretExpiresAfterHours`: the spec requires a whole number above zero and leaves the bounds to
 * the organization; the longest is its setting `maxServiceAccountSecretValidityInHours` (`cap`).
 */
function secretLifetime(value: unknown, cap: number): number {
  const field = 'secretExpiresAfterHours';
  if (value === undefined || value === null) throw missingAttribute(field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalidAttribute(field, `${field} must be a whole number of hours above zero.`);
  }
  if (value > cap) {
    throw invalidAttribute(field, `${field} must be at most ${cap}, the organization's maxServiceAccountSecretValidityInHours.`);
  }
  return value;
}

export interface ServiceAccountInput {
  name: string;
  description: string;
  roles: string[];
  secretExpiresAfterHours: number;
}

/** `OrgServiceAccountRequest` / `GroupServiceAccountRequest`: all four fields required, roles of `kind`. */
export function createServiceAccountBody(body: unknown, allowedRoles: ReadonlySet<string>, kind: RoleKind, secretCap: number): ServiceAccountInput {
  const fields = objectBody(body);
  const name = serviceAccountText('name', fields.name, true)!;
  const description = serviceAccountText('description', fields.description, true)!;
  if (fields.roles === undefined) throw missingAttribute('roles');
  const roles = roleList(fields.roles, allowedRoles, kind, 'roles', SERVICE_ACCOUNT);
  return { name, description, roles, secretExpiresAfterHours: secretLifetime(fields.secretExpiresAfterHours, secretCap) };
}

/**
 * `…ServiceAccountUpdateRequest`: every field optional, `null` for name or description leaves it
 * as it is. Roles, when sent, replace the account's roles of `kind` (in the project, for a
 * project's update) and must name at least one: an account leaves a project by being unassigned.
 */
export function updateServiceAccountBody(body: unknown, allowedRoles: ReadonlySet<string>, kind: RoleKind): Partial<Omit<ServiceAccountInput, 'secretExpiresAfterHours'>> {
  const fields = objectBody(body);
  return {
    name: serviceAccountText('name', fields.name, false),
    description: serviceAccountText('description', fields.description, false),
    roles: fields.roles === undefined || fields.roles === null ? undefined : roleList(fields.roles, allowedRoles, kind, 'roles', SERVICE_ACCOUNT),
  };
}

/** `ServiceAccountSecretRequest`: the new secret's lifetime in hours, at most `secretCap`. */
export function secretBody(body: unknown, secretCap: number): number {
  return secretLifetime(objectBody(body).secretExpiresAfterHours, secretCap);
}

/**
 * `GroupServiceAccountRoleAssignment`: an object `{"roles": [...]}` with at least one project
 * role. (Assigning a key takes an array of such objects; assigning a service account does not.)
 */
export function inviteBody(body: unknown, allowedRoles: ReadonlySet<string>): string[] {
  if (!isObject(body)) throw validation('The request body must be a JSON object: {"roles": [...]}.');
  if (body.roles === undefined) throw missingAttribute('roles');
  return roleList(body.roles, allowedRoles, 'project', 'roles', SERVICE_ACCOUNT);
}
