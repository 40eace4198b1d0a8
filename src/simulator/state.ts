/**
 * The simulator's in-memory Atlas: organizations, projects, and the two kinds of credential an
 * organization holds, API keys and service accounts, with their roles (org roles carry `orgId`,
 * project assignments carry `groupId`) and access lists. Methods validate ids against what exists
 * and throw Atlas-shaped errors; request parsing and permission checks happen before they are called.
 */
import { AtlasError } from './errors.js';
import { type EntryAddress, entryId, entryMatches } from './addresses.js';
import { EventLog } from './events.js';
import { type IdSource, randomIds } from './ids.js';
import type { RoleAssignment } from './types.js';

export interface Org {
  id: string;
  name: string;
  isDeleted: boolean;
  /** The org setting "require IP access list for the Admin API". */
  apiAccessListRequired: boolean;
  /** The other organization settings (`OrganizationSettings`); an unset one is absent from the answer. */
  settings: OrgSettings;
}

export interface CustomSessionTimeouts {
  absoluteSessionTimeoutInSeconds?: number;
  idleSessionTimeoutInSeconds?: number;
}

export interface OrgSettings {
  multiFactorAuthRequired: boolean;
  restrictEmployeeAccess: boolean;
  genAIFeaturesEnabled: boolean;
  streamsCrossGroupEnabled: boolean;
  maxServiceAccountSecretValidityInHours: number;
  securityContact?: string;
  operationsContact?: string;
  customSessionTimeouts?: CustomSessionTimeouts;
}

/**
 * A new organization's settings. The spec gives a default for genAIFeaturesEnabled only (true);
 * the secret validity cap of 8760 hours (the largest allowed) is an assumption.
 */
const defaultSettings = (): OrgSettings => ({
  multiFactorAuthRequired: false,
  restrictEmployeeAccess: false,
  genAIFeaturesEnabled: true,
  streamsCrossGroupEnabled: false,
  maxServiceAccountSecretValidityInHours: 8760,
});

export interface Project {
  id: string;
  name: string;
  orgId: string;
  created: string;
  clusterCount: number;
  tags: Array<{ key: string; value: string }>;
}

export interface AccessEntry extends EntryAddress {
  created: string;
  count: number;
  lastUsed?: string;
  lastUsedAddress?: string;
}

export interface ApiKey {
  id: string;
  orgId: string;
  desc: string;
  publicKey: string;
  privateKey: string;
  roles: RoleAssignment[];
  /** Keyed by the entry's path id (bare IP for single addresses). */
  accessList: Map<string, AccessEntry>;
}

export interface ServiceAccountSecret {
  /** 24-hex. */
  id: string;
  /** The clear value, `mdb_sa_sk_…`: only the call that makes the secret answers it. */
  secret: string;
  createdAt: string;
  expiresAt: string;
  /** When a token was last issued with the secret; absent until then. */
  lastUsedAt?: string;
}

/**
 * A service account of an organization, addressed by its client id (`mdb_sa_id_` + an ObjectId,
 * so its creation time can be read back as a key's can). Its access list holds the entries a
 * key's does; the views name their fields as the service-account schema does (`createdAt`,
 * `lastUsedAt`, `requestCount`).
 */
export interface ServiceAccount {
  clientId: string;
  orgId: string;
  name: string;
  description: string;
  createdAt: string;
  roles: RoleAssignment[];
  secrets: ServiceAccountSecret[];
  /** Keyed by the entry's path id (bare IP for single addresses). */
  accessList: Map<string, AccessEntry>;
  /** Made by Atlas for an integration (an MCP server, say): lists leave it out unless asked with includeSystemManaged. */
  systemManaged: boolean;
}

/** What an API access list guards: an org API key or a service account. */
export type Credential = ApiKey | ServiceAccount;

/** Whatever carries roles as keys do: org roles with `orgId`, project roles with `groupId`. */
type RoleHolder = Pick<Credential, 'orgId' | 'roles'>;

export const isServiceAccount = (credential: Credential): credential is ServiceAccount => 'clientId' in credential;

/** The credential as error details name it. */
const credentialName = (credential: Credential): string =>
  isServiceAccount(credential) ? `service account ${credential.clientId}` : `API key ${credential.id}`;

const HOUR_MS = 3_600_000;

/** Atlas allows two secrets per service account, so that one can be rotated while the other works. */
const MAX_SECRETS = 2;

/** [docs] Making a new secret leaves every older secret at most this much life. */
const OLD_SECRET_GRACE_MS = 7 * 24 * HOUR_MS;

export const isoNow = (date = new Date()): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Whether two lists hold the same role names, in any order. */
export const sameRoles = (a: string[], b: string[]): boolean => a.length === b.length && [...a].sort().join() === [...b].sort().join();

export class State {
  readonly orgs = new Map<string, Org>();
  readonly projects = new Map<string, Project>();
  readonly keys = new Map<string, ApiKey>();
  private readonly keysByPublicKey = new Map<string, ApiKey>();
  /** Service accounts of every org, by client id. */
  readonly serviceAccounts = new Map<string, ServiceAccount>();
  /** The activity feed of every org: writes record their events here. */
  readonly events: EventLog;

  constructor(
    private readonly ids: IdSource = randomIds,
    options: { eventRetentionDays?: number } = {},
  ) {
    this.events = new EventLog(options.eventRetentionDays);
  }

  // --- organizations and projects -------------------------------------------------------

  addOrg(name: string, created = new Date(), ids: IdSource = this.ids): Org {
    const org: Org = { id: ids.objectId(created), name, isDeleted: false, apiAccessListRequired: false, settings: defaultSettings() };
    this.orgs.set(org.id, org);
    return org;
  }

  addProject(orgId: string, name: string, created: Date, clusterCount: number, ids: IdSource = this.ids): Project {
    const project: Project = { id: ids.objectId(created), name, orgId, created: isoNow(created), clusterCount, tags: [] };
    this.projects.set(project.id, project);
    return project;
  }

  getOrg(orgId: string): Org {
    const org = this.orgs.get(orgId);
    if (!org) throw new AtlasError(404, 'RESOURCE_NOT_FOUND', `No organization with ID ${orgId} exists.`, { parameters: [orgId] });
    return org;
  }

  getProject(groupId: string): Project {
    const project = this.projects.get(groupId);
    if (!project) throw new AtlasError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, { parameters: [groupId] });
    return project;
  }

  projectsOf(orgId: string): Project[] {
    return [...this.projects.values()].filter((p) => p.orgId === orgId);
  }

  // --- API keys ---------------------------------------------------------------------------

  keysOf(orgId: string): ApiKey[] {
    return [...this.keys.values()].filter((k) => k.orgId === orgId);
  }

  keysOfProject(groupId: string): ApiKey[] {
    return [...this.keys.values()].filter((k) => k.roles.some((r) => r.groupId === groupId));
  }

  keyByPublicKey(publicKey: string): ApiKey | undefined {
    return this.keysByPublicKey.get(publicKey);
  }

  /** The key `keyId` of `orgId`; `notFoundStatus` is 404 on Atlas and 400 on Ops Manager. */
  getKey(orgId: string, keyId: string, notFoundStatus: number): ApiKey {
    const key = this.keys.get(keyId);
    if (!key || key.orgId !== orgId) {
      throw new AtlasError(notFoundStatus, 'API_KEY_NOT_FOUND', `No API key with ID ${keyId} exists.`, { parameters: [keyId] });
    }
    return key;
  }

  createKey(orgId: string, desc: string, roles: RoleAssignment[], created = new Date(), ids: IdSource = this.ids): ApiKey {
    let publicKey = ids.publicKey();
    while (this.keysByPublicKey.has(publicKey)) publicKey = randomIds.publicKey();
    const key: ApiKey = {
      id: ids.objectId(created),
      orgId,
      desc,
      publicKey,
      privateKey: ids.privateKey(),
      roles,
      accessList: new Map(),
    };
    this.keys.set(key.id, key);
    this.keysByPublicKey.set(key.publicKey, key);
    return key;
  }

  /** Deleting an org key removes it from every project too: its assignments live on the key. */
  deleteKey(key: ApiKey): void {
    this.keys.delete(key.id);
    this.keysByPublicKey.delete(key.publicKey);
  }

  setOrgRoles(holder: RoleHolder, roleNames: string[]): void {
    holder.roles = [
      ...roleNames.map((roleName) => ({ orgId: holder.orgId, roleName })),
      ...holder.roles.filter((r) => r.groupId !== undefined),
    ];
  }

  orgRoleNames(holder: RoleHolder): string[] {
    return holder.roles.filter((r) => r.orgId !== undefined).map((r) => r.roleName);
  }

  projectRoleNames(holder: RoleHolder, groupId: string): string[] {
    return holder.roles.filter((r) => r.groupId === groupId).map((r) => r.roleName);
  }

  /** Replaces the holder's roles in one project (an empty list unassigns it). */
  setProjectRoles(holder: RoleHolder, groupId: string, roleNames: string[]): void {
    holder.roles = [
      ...holder.roles.filter((r) => r.groupId !== groupId),
      ...roleNames.map((roleName) => ({ groupId, roleName })),
    ];
  }

  // --- service accounts -------------------------------------------------------------------

  /** The org's service accounts, the system-managed ones only when asked for. */
  serviceAccountsOf(orgId: string, includeSystemManaged = false): ServiceAccount[] {
    return [...this.serviceAccounts.values()].filter((a) => a.orgId === orgId && (includeSystemManaged || !a.systemManaged));
  }

  /** The service accounts with a role in the project, the system-managed ones only when asked for. */
  serviceAccountsOfProject(groupId: string, includeSystemManaged = false): ServiceAccount[] {
    return [...this.serviceAccounts.values()].filter((a) => a.roles.some((r) => r.groupId === groupId) && (includeSystemManaged || !a.systemManaged));
  }

  /**
   * The service account `clientId` of `orgId`. The spec names no error code for a missing service
   * account, secret or entry; SERVICE_ACCOUNT_NOT_FOUND, SERVICE_ACCOUNT_SECRET_NOT_FOUND and
   * SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_NOT_FOUND (404) are assumptions modelled on API_KEY_NOT_FOUND.
   */
  getServiceAccount(orgId: string, clientId: string): ServiceAccount {
    const account = this.serviceAccounts.get(clientId);
    if (!account || account.orgId !== orgId) {
      throw new AtlasError(404, 'SERVICE_ACCOUNT_NOT_FOUND', `No service account with client ID ${clientId} exists.`, { parameters: [clientId] });
    }
    return account;
  }

  /**
   * A new service account of `orgId` with its first secret, which lives `secretHours`: Atlas makes
   * one with every account. Its roles are kept as given (a project-level account's include the
   * org membership the caller adds).
   */
  createServiceAccount(
    orgId: string,
    fields: Pick<ServiceAccount, 'name' | 'description' | 'roles'> & { systemManaged?: boolean },
    secretHours: number,
    created = new Date(),
    ids: IdSource = this.ids,
  ): { account: ServiceAccount; secret: ServiceAccountSecret } {
    let clientId = `mdb_sa_id_${ids.objectId(created)}`;
    while (this.serviceAccounts.has(clientId)) clientId = `mdb_sa_id_${randomIds.objectId(created)}`;
    const account: ServiceAccount = {
      clientId,
      orgId,
      name: fields.name,
      description: fields.description,
      createdAt: isoNow(created),
      roles: fields.roles,
      secrets: [],
      accessList: new Map(),
      systemManaged: fields.systemManaged ?? false,
    };
    this.serviceAccounts.set(clientId, account);
    return { account, secret: this.addSecret(account, secretHours, created, ids) };
  }

  /** Deleting an account deletes its secrets and project assignments with it; its tokens stop working. */
  deleteServiceAccount(account: ServiceAccount): void {
    this.serviceAccounts.delete(account.clientId);
  }

  /**
   * A new secret living `hours` from `now`. An account holds at most MAX_SECRETS, expired ones
   * included until they are deleted: a third is refused with 400 SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED
   * (an assumed code; the spec names none). [docs] Every older secret is left at most seven days.
   */
  addSecret(account: ServiceAccount, hours: number, now = new Date(), ids: IdSource = this.ids): ServiceAccountSecret {
    if (account.secrets.length >= MAX_SECRETS) {
      throw new AtlasError(
        400,
        'SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED',
        `Service account ${account.clientId} already has ${MAX_SECRETS} secrets, the most it may have: delete one first.`,
        { parameters: [account.clientId, MAX_SECRETS] },
      );
    }
    const latest = isoNow(new Date(now.getTime() + OLD_SECRET_GRACE_MS));
    for (const older of account.secrets) {
      if (Date.parse(older.expiresAt) > Date.parse(latest)) older.expiresAt = latest;
    }
    const secret: ServiceAccountSecret = {
      id: ids.objectId(now),
      secret: `mdb_sa_sk_${ids.privateKey().replaceAll('-', '')}`,
      createdAt: isoNow(now),
      expiresAt: isoNow(new Date(now.getTime() + hours * HOUR_MS)),
    };
    account.secrets.push(secret);
    return secret;
  }

  getSecret(account: ServiceAccount, secretId: string): ServiceAccountSecret {
    const secret = account.secrets.find((s) => s.id === secretId);
    if (!secret) {
      throw new AtlasError(404, 'SERVICE_ACCOUNT_SECRET_NOT_FOUND', `No secret with ID ${secretId} exists for service account ${account.clientId}.`, {
        parameters: [secretId, account.clientId],
      });
    }
    return secret;
  }

  deleteSecret(account: ServiceAccount, secret: ServiceAccountSecret): void {
    account.secrets = account.secrets.filter((s) => s !== secret);
  }

  /** The secret of the account whose value is `value`, if it has not expired by `now`. */
  liveSecret(account: ServiceAccount, value: string, now = new Date()): ServiceAccountSecret | undefined {
    return account.secrets.find((s) => s.secret === value && Date.parse(s.expiresAt) > now.getTime());
  }

  // --- access lists -----------------------------------------------------------------------

  getEntry(credential: Credential, id: string): AccessEntry {
    const entry = credential.accessList.get(id);
    if (!entry) {
      const code = isServiceAccount(credential) ? 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_NOT_FOUND' : 'API_KEY_ACCESS_LIST_NOT_FOUND';
      const owner = isServiceAccount(credential) ? credential.clientId : credential.id;
      throw new AtlasError(404, code, `IP address ${id} not in access list for ${credentialName(credential)}.`, { parameters: [id, owner] });
    }
    return entry;
  }

  /** Adds every entry or none: a duplicate (already listed, or twice in the request) is a 409. */
  addEntries(credential: Credential, entries: EntryAddress[], now = new Date()): void {
    const seen = new Set<string>();
    for (const entry of entries) {
      const id = entryId(entry);
      if (credential.accessList.has(id) || seen.has(id)) {
        const owner = isServiceAccount(credential) ? credential.clientId : credential.id;
        throw new AtlasError(409, 'ADDRESS_ALREADY_IN_ACCESS_LIST', `IP address ${id} already in access list for ${credentialName(credential)}.`, {
          parameters: [id, owner],
        });
      }
      seen.add(id);
    }
    for (const entry of entries) {
      credential.accessList.set(entryId(entry), { ...entry, created: isoNow(now), count: 0 });
    }
  }

  /**
   * Records a call made with a key, or with a service account's token, from `address`: the one
   * place where credential usage and the API access list meet. A credential with an access list
   * (or in an org that requires one) may only be used from a listed address (403
   * IP_ADDRESS_NOT_ON_ACCESS_LIST otherwise); the matching entry gets `lastUsed`,
   * `lastUsedAddress` and one more `count` (a service account's entry shows them as `lastUsedAt`,
   * `lastUsedAddress` and `requestCount`; Atlas updates those up to 5 minutes late, the simulator
   * at once). A credential with an empty list in an org that does not require one is let through
   * and leaves no trace, as on Atlas.
   */
  recordUse(credential: Credential, address: string, now = new Date()): void {
    const org = this.orgs.get(credential.orgId);
    if (credential.accessList.size === 0 && !org?.apiAccessListRequired) return;
    const match = mostSpecificMatch(credential.accessList.values(), address);
    if (!match) {
      throw new AtlasError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', `IP address ${address} is not allowed to access this resource.`, {
        parameters: [address],
      });
    }
    // `count` counts every request through the entry; whether Atlas restarts it when a CIDR
    // entry's lastUsedAddress changes is not documented.
    match.count += 1;
    match.lastUsed = isoNow(now);
    match.lastUsedAddress = address;
  }
}

/**
 * The entry a call from `address` is recorded on when several match: the longest prefix (a /32
 * before the /24 that holds it, before 0.0.0.0/0), the first added on a tie. Atlas does not say
 * which entry it credits; the narrowest one keeps usage meaningful for a hygiene review, since a
 * wide range then shows as used only by calls nothing narrower allows, and can be judged on that.
 */
function mostSpecificMatch(entries: Iterable<AccessEntry>, address: string): AccessEntry | undefined {
  let best: AccessEntry | undefined;
  let bestPrefix = -1;
  for (const entry of entries) {
    if (!entryMatches(entry, address)) continue;
    const prefix = Number(entry.cidrBlock.slice(entry.cidrBlock.indexOf('/') + 1));
    if (prefix > bestPrefix) {
      best = entry;
      bestPrefix = prefix;
    }
  }
  return best;
}
