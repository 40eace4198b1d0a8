/**
 * The simulator's in-memory Atlas: organizations, projects, organization API keys with their
 * roles (org roles carry `orgId`, project assignments carry `groupId`) and access lists.
 * Methods validate ids against what exists and throw Atlas-shaped errors; request parsing and
 * permission checks happen before they are called.
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

export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
  /** Undefined for the admin account: a global owner. */
  roles: RoleAssignment[] | undefined;
}

export const isoNow = (date = new Date()): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class State {
  readonly orgs = new Map<string, Org>();
  readonly projects = new Map<string, Project>();
  readonly keys = new Map<string, ApiKey>();
  private readonly keysByPublicKey = new Map<string, ApiKey>();
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

  setOrgRoles(key: ApiKey, roleNames: string[]): void {
    key.roles = [
      ...roleNames.map((roleName) => ({ orgId: key.orgId, roleName })),
      ...key.roles.filter((r) => r.groupId !== undefined),
    ];
  }

  projectRoleNames(key: ApiKey, groupId: string): string[] {
    return key.roles.filter((r) => r.groupId === groupId).map((r) => r.roleName);
  }

  /** Replaces the key's roles in one project (an empty list unassigns it). */
  setProjectRoles(key: ApiKey, groupId: string, roleNames: string[]): void {
    key.roles = [
      ...key.roles.filter((r) => r.groupId !== groupId),
      ...roleNames.map((roleName) => ({ groupId, roleName })),
    ];
  }

  // --- access lists -----------------------------------------------------------------------

  getEntry(key: ApiKey, id: string): AccessEntry {
    const entry = key.accessList.get(id);
    if (!entry) {
      throw new AtlasError(404, 'API_KEY_ACCESS_LIST_NOT_FOUND', `IP address ${id} not in access list for API key ${key.id}.`, {
        parameters: [id, key.id],
      });
    }
    return entry;
  }

  /** Adds every entry or none: a duplicate (already listed, or twice in the request) is a 409. */
  addEntries(key: ApiKey, entries: EntryAddress[], now = new Date()): void {
    const seen = new Set<string>();
    for (const entry of entries) {
      const id = entryId(entry);
      if (key.accessList.has(id) || seen.has(id)) {
        throw new AtlasError(409, 'ADDRESS_ALREADY_IN_ACCESS_LIST', `IP address ${id} already in access list for API key ${key.id}.`, {
          parameters: [id, key.id],
        });
      }
      seen.add(id);
    }
    for (const entry of entries) {
      key.accessList.set(entryId(entry), { ...entry, created: isoNow(now), count: 0 });
    }
  }

  /**
   * Records a call made with `key` from `address`: the one place where key usage and the API
   * access list meet. A key with an access list (or in an org that requires one) may only be used
   * from a listed address (403 IP_ADDRESS_NOT_ON_ACCESS_LIST otherwise); the matching entry gets
   * `lastUsed`, `lastUsedAddress` and one more `count`. A key with an empty list in an org that
   * does not require one is let through and leaves no trace, as on Atlas.
   */
  recordKeyUse(key: ApiKey, address: string, now = new Date()): void {
    const org = this.orgs.get(key.orgId);
    if (key.accessList.size === 0 && !org?.apiAccessListRequired) return;
    const match = mostSpecificMatch(key.accessList.values(), address);
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
