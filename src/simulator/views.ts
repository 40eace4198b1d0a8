/**
 * How resources look on the wire: the REST shapes of the OpenAPI documents, with `links`,
 * private keys and service-account secrets masked except in the create responses, and Atlas
 * pagination.
 */
import { validation } from './errors.js';
import { entryId } from './addresses.js';
import type { AccessEntry, ApiKey, Org, Project, ServiceAccount, ServiceAccountSecret } from './state.js';
import type { RoleAssignment } from './types.js';

export interface Link {
  rel: string;
  href: string;
}

const self = (href: string): Link[] => [{ rel: 'self', href }];

export const maskPrivateKey = (privateKey: string): string => `********-****-****-${privateKey.slice(-12)}`;

export function orgView(org: Org, base: string): Record<string, unknown> {
  return { id: org.id, isDeleted: org.isDeleted, links: self(`${base}/orgs/${org.id}`), name: org.name };
}

export function projectView(project: Project, base: string): Record<string, unknown> {
  return {
    clusterCount: project.clusterCount,
    created: project.created,
    id: project.id,
    links: self(`${base}/groups/${project.id}`),
    name: project.name,
    orgId: project.orgId,
    tags: project.tags,
  };
}

export function keyView(
  key: ApiKey,
  base: string,
  options: { revealPrivateKey?: boolean; roles?: RoleAssignment[] } = {},
): Record<string, unknown> {
  return {
    desc: key.desc,
    id: key.id,
    links: self(`${base}/orgs/${key.orgId}/apiKeys/${key.id}`),
    privateKey: options.revealPrivateKey ? key.privateKey : maskPrivateKey(key.privateKey),
    publicKey: key.publicKey,
    roles: (options.roles ?? key.roles).map((r) => ({ ...r })),
  };
}

export function entryView(key: ApiKey, entry: AccessEntry, base: string, segment: string): Record<string, unknown> {
  const id = entryId(entry);
  return {
    cidrBlock: entry.cidrBlock,
    count: entry.count,
    created: entry.created,
    ...(entry.ipAddress !== undefined ? { ipAddress: entry.ipAddress } : {}),
    ...(entry.lastUsed !== undefined ? { lastUsed: entry.lastUsed, lastUsedAddress: entry.lastUsedAddress } : {}),
    links: self(`${base}/orgs/${key.orgId}/apiKeys/${key.id}/${segment}/${encodeURIComponent(id)}`),
  };
}

const SECRET_PREFIX = 'mdb_sa_sk_';

/**
 * A secret as `maskedSecretValue` shows it: the prefix, one `*` per hidden character and the last
 * four characters (`mdb_sa_sk_****…****3f9a`). The spec's example shows only the prefix
 * (`mdb_sa_sk_...`); keeping the last four, as keys' masks do, is the simulator's choice.
 */
export function maskSecret(secret: string): string {
  const value = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return `${SECRET_PREFIX}${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;
}

/** `ServiceAccountSecret`; the clear `secret` only in the answer of the call that made it. */
export function secretView(secret: ServiceAccountSecret, reveal = false): Record<string, unknown> {
  return {
    createdAt: secret.createdAt,
    expiresAt: secret.expiresAt,
    id: secret.id,
    ...(secret.lastUsedAt !== undefined ? { lastUsedAt: secret.lastUsedAt } : {}),
    maskedSecretValue: maskSecret(secret.secret),
    ...(reveal ? { secret: secret.secret } : {}),
  };
}

/**
 * `OrgServiceAccount` (its org role names) or `GroupServiceAccount` (its role names in one project):
 * the spec gives neither `links` nor `orgId`. `revealSecretId` names the secret just made.
 */
export function serviceAccountView(account: ServiceAccount, roles: string[], revealSecretId?: string): Record<string, unknown> {
  return {
    clientId: account.clientId,
    createdAt: account.createdAt,
    description: account.description,
    name: account.name,
    roles: [...roles],
    secrets: account.secrets.map((s) => secretView(s, s.id === revealSecretId)),
  };
}

/** `ServiceAccountIPAccessListEntry`: a key's entry under the service-account names, without links. */
export function serviceAccountEntryView(entry: AccessEntry): Record<string, unknown> {
  return {
    cidrBlock: entry.cidrBlock,
    createdAt: entry.created,
    ...(entry.ipAddress !== undefined ? { ipAddress: entry.ipAddress } : {}),
    ...(entry.lastUsed !== undefined ? { lastUsedAddress: entry.lastUsedAddress, lastUsedAt: entry.lastUsed } : {}),
    requestCount: entry.count,
  };
}

/** `ServiceAccountGroup` for each project the account has roles in: `{groupId, roles}`, in the order of its roles. */
export function serviceAccountGroups(account: ServiceAccount): Array<{ groupId: string; roles: string[] }> {
  const byGroup = new Map<string, string[]>();
  for (const role of account.roles) {
    if (role.groupId === undefined) continue;
    const roles = byGroup.get(role.groupId) ?? [];
    roles.push(role.roleName);
    byGroup.set(role.groupId, roles);
  }
  return [...byGroup].map(([groupId, roles]) => ({ groupId, roles }));
}

export interface PageRequest {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
}

const booleanParam = (name: string, value: string | undefined, fallback: boolean): boolean => {
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw validation(`Invalid value "${value}" for query parameter ${name}: expected true or false.`, [
    { field: name, description: 'must be true or false' },
  ]);
};

const integerParam = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw validation(`Invalid value "${value}" for query parameter ${name}: must be an integer ${range}.`, [
      { field: name, description: `must be an integer ${range}` },
    ]);
  }
  return n;
};

export const flagParam = booleanParam;

/** A query parameter given once or several times (`?a=1&a=2`), as a list. */
export function queryValues(query: Record<string, unknown>, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function pageRequest(query: Record<string, string | undefined>): PageRequest {
  return {
    pageNum: integerParam('pageNum', query.pageNum, 1, 1, Number.MAX_SAFE_INTEGER),
    itemsPerPage: integerParam('itemsPerPage', query.itemsPerPage, 100, 1, 500),
    includeCount: booleanParam('includeCount', query.includeCount, true),
  };
}

/** One Atlas page of `items`: `results`, `totalCount` (unless excluded) and self/previous/next links. */
export function page<T>(items: T[], request: PageRequest, pageUrl: string, render: (item: T) => unknown): Record<string, unknown> {
  const { pageNum, itemsPerPage, includeCount } = request;
  const start = (pageNum - 1) * itemsPerPage;
  const results = items.slice(start, start + itemsPerPage).map(render);
  const href = (n: number): string => {
    const url = new URL(pageUrl);
    url.searchParams.set('pageNum', String(n));
    url.searchParams.set('itemsPerPage', String(itemsPerPage));
    return url.toString();
  };
  const links: Link[] = [];
  if (pageNum > 1) links.push({ rel: 'previous', href: href(pageNum - 1) });
  links.push({ rel: 'self', href: href(pageNum) });
  if (start + itemsPerPage < items.length) links.push({ rel: 'next', href: href(pageNum + 1) });
  return { links, results, ...(includeCount ? { totalCount: items.length } : {}) };
}

/** `OrganizationSettings`: every setting of the org, an unset contact or timeout left out. */
export function orgSettingsView(org: Org): Record<string, unknown> {
  const { settings } = org;
  return {
    apiAccessListRequired: org.apiAccessListRequired,
    ...(settings.customSessionTimeouts !== undefined ? { customSessionTimeouts: { ...settings.customSessionTimeouts } } : {}),
    genAIFeaturesEnabled: settings.genAIFeaturesEnabled,
    maxServiceAccountSecretValidityInHours: settings.maxServiceAccountSecretValidityInHours,
    multiFactorAuthRequired: settings.multiFactorAuthRequired,
    ...(settings.operationsContact !== undefined ? { operationsContact: settings.operationsContact } : {}),
    restrictEmployeeAccess: settings.restrictEmployeeAccess,
    ...(settings.securityContact !== undefined ? { securityContact: settings.securityContact } : {}),
    streamsCrossGroupEnabled: settings.streamsCrossGroupEnabled,
  };
}

/** The calling key as `getSystemStatus` shows it (`ApiKey`): roles and access list, no usage. */
export function callerKeyView(key: Pick<ApiKey, 'id' | 'publicKey' | 'roles'>, entries: Iterable<AccessEntry>): Record<string, unknown> {
  return {
    accessList: [...entries].map((entry) => ({ cidrBlock: entry.cidrBlock, ipAddress: entry.ipAddress ?? null })),
    id: key.id,
    publicKey: key.publicKey,
    roles: key.roles.map((r) => ({ ...r })),
  };
}
