/**
 * AtlasClient: one typed method per Admin API operation for programmatic API keys, in any of
 * the three flavors. It builds paths and media types, checks responses at the boundary and
 * turns non-2xx answers into `AtlasApiError`. `withBearer(token)` gives a view that calls with
 * the caller's own token over the same pool; `withSignal(signal)` one that starts no call once
 * the signal is aborted. With `sharedReads`, every call goes through them (shared-reads.ts):
 * `withReadSession(session)` gives the view one request reads through.
 *
 * | method                    | v2 operationId                                        |
 * |---------------------------|-------------------------------------------------------|
 * | listOrganizations         | listOrgs                                              |
 * | getOrganization           | getOrg                                                |
 * | listOrganizationProjects  | getOrgGroups                                          |
 * | listProjects              | listGroups                                            |
 * | getProject                | getGroup                                              |
 * | listApiKeys               | listOrgApiKeys                                        |
 * | createApiKey              | createOrgApiKey                                       |
 * | getApiKey                 | getOrgApiKey                                          |
 * | updateApiKey              | updateOrgApiKey                                       |
 * | deleteApiKey              | deleteOrgApiKey                                       |
 * | listAccessListEntries     | listOrgApiKeyAccessListEntries                        |
 * | addAccessListEntries      | createOrgApiKeyAccessListEntry                        |
 * | getAccessListEntry        | getOrgApiKeyAccessListEntry                           |
 * | deleteAccessListEntry     | deleteOrgApiKeyAccessListEntry                        |
 * | listProjectApiKeys        | listGroupApiKeys                                      |
 * | createProjectApiKey       | createGroupApiKey                                     |
 * | assignApiKeyToProject     | addGroupApiKey (Ops Manager: updateGroupApiKeyRoles)  |
 * | updateProjectApiKeyRoles  | updateGroupApiKeyRoles                                |
 * | unassignApiKeyFromProject | removeGroupApiKey                                     |
 * | getSystemStatus           | getSystemStatus (Atlas v2 only)                       |
 * | getOrganizationSettings   | getOrgSettings (Atlas v2 only)                        |
 * | updateOrganizationSettings| updateOrgSettings (Atlas v2 only)                     |
 * | listOrganizationEvents    | listOrgEvents (Atlas v2 only)                         |
 * | getOrganizationEvent      | getOrgEvent (Atlas v2 only)                           |
 * | listProjectEvents         | listGroupEvents (Atlas v2 only)                       |
 *
 * Service accounts (Atlas v2 only, sent as 2024-08-05), by organization and by project:
 *
 * | method                                     | v2 operationId                             |
 * |--------------------------------------------|--------------------------------------------|
 * | listServiceAccounts                        | listOrgServiceAccounts                     |
 * | createServiceAccount                       | createOrgServiceAccount                    |
 * | getServiceAccount                          | getOrgServiceAccount                       |
 * | updateServiceAccount                       | updateOrgServiceAccount                    |
 * | deleteServiceAccount                       | deleteOrgServiceAccount                    |
 * | createServiceAccountSecret                 | createOrgServiceAccountSecret              |
 * | deleteServiceAccountSecret                 | deleteOrgServiceAccountSecret              |
 * | listServiceAccountAccessList               | listOrgServiceAccountAccessList            |
 * | addServiceAccountAccessListEntries         | createOrgServiceAccountAccessList          |
 * | deleteServiceAccountAccessListEntry        | deleteOrgServiceAccountAccessListEntry     |
 * | listServiceAccountProjects                 | getOrgServiceAccountGroups                 |
 * | listProjectServiceAccounts                 | listGroupServiceAccounts                   |
 * | createProjectServiceAccount                | createGroupServiceAccount                  |
 * | getProjectServiceAccount                   | getGroupServiceAccount                     |
 * | updateProjectServiceAccount                | updateGroupServiceAccount                  |
 * | unassignServiceAccountFromProject          | deleteGroupServiceAccount                  |
 * | assignServiceAccountToProject              | inviteGroupServiceAccount                  |
 * | listProjectServiceAccountAccessList        | listGroupServiceAccountAccessList          |
 * | addProjectServiceAccountAccessListEntries  | createGroupServiceAccountAccessList        |
 * | deleteProjectServiceAccountAccessListEntry | deleteGroupServiceAccountAccessListEntry   |
 * | createProjectServiceAccountSecret          | createGroupServiceAccountSecret            |
 * | deleteProjectServiceAccountSecret          | deleteGroupServiceAccountSecret            |
 *
 * An operation the flavor lacks fails with `UnsupportedByFlavorError` before anything is sent.
 */
import ipaddr from 'ipaddr.js';
import { decodeJwt } from 'jose';
import type { z } from 'zod';
import { type Auth, BearerAuth, type Credentials } from './auth.js';
import { DigestAuth } from './digest.js';
import { AtlasApiError, AtlasResponseError, UnsupportedByFlavorError, parseErrorBody } from './errors.js';
import { type AccessListSegment, type ApiVersions, FLAVOR_TITLES, type Flavor, type FlavorName, type OperationId, flavor as makeFlavor } from './flavors.js';
import { type HttpMethod, Transport, type TransportOptions, type UpstreamEvent, type UpstreamRequest } from './http.js';
import { ServiceAccountAuth, requestToken } from './oauth.js';
import type { RetryOptions } from './retry.js';
import { type ReadPolicy, type ReadSession, type SharedReads, bearerIdentity, credentialsIdentity } from './shared-reads.js';
import {
  type AccessListEntry,
  type AccessListInput,
  type ApiKey,
  type ApiKeyInput,
  type ApiKeyUpdate,
  type AtlasEvent,
  type NamedPageRequest,
  type OrganizationEventFilter,
  type Organization,
  type OrganizationSettings,
  type OrganizationSettingsUpdate,
  type Page,
  type PageRequest,
  type Project,
  type ServiceAccount,
  type ServiceAccountAccessListEntry,
  type ServiceAccountInput,
  type ServiceAccountPageRequest,
  type ServiceAccountProject,
  type ServiceAccountSecret,
  type ServiceAccountUpdate,
  type SystemStatus,
  type ProjectEventFilter,
  accessListEntrySchema,
  apiKeySchema,
  atlasEventSchema,
  organizationSchema,
  organizationSettingsSchema,
  pageSchema,
  projectSchema,
  serviceAccountAccessListEntrySchema,
  serviceAccountProjectSchema,
  serviceAccountSchema,
  serviceAccountSecretSchema,
  systemStatusSchema,
} from './types.js';

export interface AtlasClientOptions {
  /** Origin of the Admin API, e.g. https://cloud.mongodb.com (a path, if any, is ignored). */
  baseUrl: string;
  /** Default `atlas-v2`. */
  flavor?: FlavorName;
  /** Ops Manager ≤ 4.4 spells the access list `whitelist`; default `accessList`. */
  accessListSegment?: AccessListSegment;
  /** Atlas v2: a dated version per operation; every operation defaults to 2023-01-01. */
  apiVersions?: ApiVersions;
  /** The gateway's own credentials; undefined when every call goes through `withBearer`. */
  credentials?: Credentials;
  /** Requests in flight at once (also the pool's connection count). */
  maxConcurrency?: number;
  connectTimeoutMs?: number;
  /** Time to wait for the response headers. */
  headersTimeoutMs?: number;
  /** Time to wait between chunks of the response body. */
  bodyTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** undici dispatcher to send through (a MockAgent in tests); the client then builds no pool. */
  dispatcher?: TransportOptions['dispatcher'];
  userAgent?: string;
  /** Told about every upstream exchange (no headers, no bodies). */
  observer?: (event: UpstreamEvent) => void;
  /** Coalescing, the cache of reads and the rate-limit budget, shared by every view of this client. */
  sharedReads?: SharedReads;
}

/** A view's way through shared reads: whose calls these are, and for which request. */
interface ReadsBinding {
  shared: SharedReads;
  origin: string;
  identity: string;
  /** When the credential expires, where it says so (a bearer JWT's `exp`). */
  expiresAt?: number;
  session?: ReadSession;
  policy?: ReadPolicy;
}

/** Documented defaults. The cap of 128 in flight is a ceiling: the limit narrows on 429s and on a low RateLimit-Remaining (see limit.ts). */
export const CLIENT_DEFAULTS = {
  flavor: 'atlas-v2',
  accessListSegment: 'accessList',
  maxConcurrency: 128,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, deadlineMs: 30_000 },
  userAgent: 'atlas-keys-gateway',
} as const;

/**
 * One path segment, percent-encoded exactly once: a CIDR's `/` becomes `%2F`. `:` is legal in a
 * segment and stays, so an IPv6 address reads as itself. Pass values raw, never pre-encoded.
 */
export const pathSegment = (value: string): string => encodeURIComponent(value).replace(/%3A/gi, ':');

/** Whose credential a client calls Atlas with: never a secret. */
export type ActingAs =
  | { kind: 'apiKey'; publicKey: string }
  | { kind: 'serviceAccount'; clientId: string }
  | { kind: 'callerToken' }
  | { kind: 'none' };

export class AtlasClient {
  readonly #transport: Transport;
  readonly #flavor: Flavor;
  readonly #auth: Auth | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #reads: ReadsBinding | undefined;
  /** Whose credential this view calls with. */
  readonly actingAs: ActingAs;

  private constructor(transport: Transport, flavor: Flavor, auth: Auth | undefined, actingAs: ActingAs, signal?: AbortSignal, reads?: ReadsBinding) {
    this.actingAs = actingAs;
    this.#transport = transport;
    this.#flavor = flavor;
    this.#auth = auth;
    this.#signal = signal;
    this.#reads = reads;
  }

  static create(options: AtlasClientOptions): AtlasClient {
    const origin = originOf(options.baseUrl);
    const flavor = makeFlavor(options.flavor ?? CLIENT_DEFAULTS.flavor, {
      accessListSegment: options.accessListSegment ?? CLIENT_DEFAULTS.accessListSegment,
      ...(options.apiVersions ? { apiVersions: options.apiVersions } : {}),
    });
    const transport = new Transport({
      origin,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      maxConcurrency: options.maxConcurrency ?? CLIENT_DEFAULTS.maxConcurrency,
      connectTimeoutMs: options.connectTimeoutMs ?? CLIENT_DEFAULTS.connectTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? CLIENT_DEFAULTS.headersTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs ?? CLIENT_DEFAULTS.bodyTimeoutMs,
      retry: { ...CLIENT_DEFAULTS.retry, ...options.retry },
      userAgent: options.userAgent ?? CLIENT_DEFAULTS.userAgent,
      ...(options.observer ? { observer: options.observer } : {}),
    });
    const reads = options.sharedReads && { shared: options.sharedReads, origin, identity: credentialsIdentity(origin, options.credentials) };
    return new AtlasClient(transport, flavor, authFor(options.credentials, transport), actingAsFor(options.credentials), undefined, reads);
  }

  get flavorName(): FlavorName {
    return this.#flavor.name;
  }

  /** A view of this client that authenticates with the caller's bearer token, and only with it. */
  withBearer(token: string): AtlasClient {
    const auth = new BearerAuth(token);
    const expiresAt = tokenExpiry(token);
    const reads = this.#reads && { ...this.#reads, identity: bearerIdentity(this.#reads.origin, token), ...(expiresAt !== undefined ? { expiresAt } : {}) };
    return new AtlasClient(this.#transport, this.#flavor, auth, { kind: 'callerToken' }, this.#signal, reads);
  }

  /**
   * A view of this client that starts no upstream request once `signal` is aborted: calls then
   * fail with AtlasCallCancelledError, and retries or Digest resends of calls in flight are not sent.
   */
  withSignal(signal: AbortSignal): AtlasClient {
    return new AtlasClient(this.#transport, this.#flavor, this.#auth, this.actingAs, signal, this.#reads);
  }

  /** A view whose reads follow one request's wishes (`Cache-Control: no-cache`) and report to it; itself without shared reads. */
  withReadSession(session: ReadSession): AtlasClient {
    if (!this.#reads) return this;
    return new AtlasClient(this.#transport, this.#flavor, this.#auth, this.actingAs, this.#signal, { ...this.#reads, session });
  }

  /**
   * A view that reads as a background reader does (shared-reads.ts ReadPolicy): older cached data
   * accepted, a share of each bucket left to others, or the cache alone. Without shared reads
   * (see `sharesReads`) there is no cache and no budget: the view is this one.
   */
  withReadPolicy(policy: ReadPolicy): AtlasClient {
    if (!this.#reads) return this;
    return new AtlasClient(this.#transport, this.#flavor, this.#auth, this.actingAs, this.#signal, { ...this.#reads, policy });
  }

  /** Whether calls go through shared reads (a cache and a rate-limit budget). */
  get sharesReads(): boolean {
    return this.#reads !== undefined;
  }

  /** Closes the connection pool; views share it, so close the client they came from. */
  close(): Promise<void> {
    return this.#transport.close();
  }

  // --- organizations and projects --------------------------------------------------------

  /** The organizations the caller can see; `name` filters by a case-insensitive prefix. */
  listOrganizations(page?: NamedPageRequest): Promise<Page<Organization>> {
    return this.#page('listOrgs', '/orgs', page, organizationSchema);
  }

  getOrganization(orgId: string): Promise<Organization> {
    return this.#call('getOrg', 'GET', `/orgs/${pathSegment(orgId)}`, organizationSchema);
  }

  /** The projects of one organization; `name` filters by a case-insensitive prefix. */
  listOrganizationProjects(orgId: string, page?: NamedPageRequest): Promise<Page<Project>> {
    return this.#page('getOrgGroups', `/orgs/${pathSegment(orgId)}/groups`, page, projectSchema);
  }

  /** Every project the caller can see, across organizations. */
  listProjects(page?: PageRequest): Promise<Page<Project>> {
    return this.#page('listGroups', '/groups', page, projectSchema);
  }

  getProject(projectId: string): Promise<Project> {
    return this.#call('getGroup', 'GET', `/groups/${pathSegment(projectId)}`, projectSchema);
  }

  // --- who am I, organization settings (Atlas v2 only) -------------------------------------

  /** Who the caller is: for an API key its id, public key, roles and access list (no usage); null `apiKey` otherwise. */
  getSystemStatus(): Promise<SystemStatus> {
    return this.#call('getSystemStatus', 'GET', '', systemStatusSchema);
  }

  /** Any member of the organization may read its settings. */
  getOrganizationSettings(orgId: string): Promise<OrganizationSettings> {
    return this.#call('getOrgSettings', 'GET', this.#settingsPath(orgId), organizationSettingsSchema);
  }

  /** Organization Owner only; fields left out of `patch` stay as they are. Answers the settings after the change. */
  updateOrganizationSettings(orgId: string, patch: OrganizationSettingsUpdate): Promise<OrganizationSettings> {
    return this.#call('updateOrgSettings', 'PATCH', this.#settingsPath(orgId), organizationSettingsSchema, patch);
  }

  // --- organization API keys -------------------------------------------------------------

  listApiKeys(orgId: string, page?: PageRequest): Promise<Page<ApiKey>> {
    return this.#page('listOrgApiKeys', `/orgs/${pathSegment(orgId)}/apiKeys`, page, apiKeySchema);
  }

  /** `apiKeyId` is the key's 24-hex id, not its public key. The private key comes back masked. */
  getApiKey(orgId: string, apiKeyId: string): Promise<ApiKey> {
    return this.#call('getOrgApiKey', 'GET', this.#keyPath(orgId, apiKeyId), apiKeySchema);
  }

  /** The only response besides createProjectApiKey's that carries the private key in clear. */
  createApiKey(orgId: string, input: ApiKeyInput): Promise<ApiKey> {
    return this.#call('createOrgApiKey', 'POST', `/orgs/${pathSegment(orgId)}/apiKeys`, apiKeySchema, {
      desc: input.description,
      roles: input.roles,
    });
  }

  /** Org roles sent replace the key's org roles; project assignments are not touched. */
  updateApiKey(orgId: string, apiKeyId: string, input: ApiKeyUpdate): Promise<ApiKey> {
    return this.#call('updateOrgApiKey', 'PATCH', this.#keyPath(orgId, apiKeyId), apiKeySchema, {
      ...(input.description !== undefined ? { desc: input.description } : {}),
      ...(input.roles !== undefined ? { roles: input.roles } : {}),
    });
  }

  /** Deletes the key from the organization and from every project. */
  async deleteApiKey(orgId: string, apiKeyId: string): Promise<void> {
    await this.#call('deleteOrgApiKey', 'DELETE', this.#keyPath(orgId, apiKeyId), undefined);
  }

  // --- access lists ----------------------------------------------------------------------

  listAccessListEntries(orgId: string, apiKeyId: string, page?: PageRequest): Promise<Page<AccessListEntry>> {
    return this.#page('listOrgApiKeyAccessListEntries', this.#accessListPath(orgId, apiKeyId), page, accessListEntrySchema);
  }

  /** `entry` is a bare address or a CIDR block, raw (a /32 entry is addressed by its bare IP). */
  getAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<AccessListEntry> {
    return this.#call('getOrgApiKeyAccessListEntry', 'GET', this.#entryPath(orgId, apiKeyId, entry), accessListEntrySchema);
  }

  /** Adds entries in one call; Atlas answers with a page of the whole list after the add. */
  addAccessListEntries(orgId: string, apiKeyId: string, entries: AccessListInput[], page?: PageRequest): Promise<Page<AccessListEntry>> {
    return this.#page('createOrgApiKeyAccessListEntry', this.#accessListPath(orgId, apiKeyId), page, accessListEntrySchema, accessListBody(entries));
  }

  /** `entry` as for getAccessListEntry. */
  async deleteAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<void> {
    await this.#call('deleteOrgApiKeyAccessListEntry', 'DELETE', this.#entryPath(orgId, apiKeyId, entry), undefined);
  }

  // --- org keys on projects --------------------------------------------------------------

  /** The org keys assigned to a project; their roles may include org roles as well. */
  listProjectApiKeys(projectId: string, page?: PageRequest): Promise<Page<ApiKey>> {
    return this.#page('listGroupApiKeys', `/groups/${pathSegment(projectId)}/apiKeys`, page, apiKeySchema);
  }

  /** Creates an org key and assigns it to the project in one call; the private key is in clear. */
  createProjectApiKey(projectId: string, input: ApiKeyInput): Promise<ApiKey> {
    return this.#call('createGroupApiKey', 'POST', `/groups/${pathSegment(projectId)}/apiKeys`, apiKeySchema, {
      desc: input.description,
      roles: input.roles,
    });
  }

  /** Assigns an existing org key: Atlas POSTs `[{roles}]` (204); Ops Manager PATCHes `{roles}`. */
  async assignApiKeyToProject(projectId: string, apiKeyId: string, roles: string[]): Promise<void> {
    const path = this.#projectKeyPath(projectId, apiKeyId);
    if (this.#flavor.assignWith === 'PATCH') await this.#call('updateGroupApiKeyRoles', 'PATCH', path, apiKeySchema, { roles });
    else await this.#call('addGroupApiKey', 'POST', path, undefined, [{ roles }]);
  }

  /** Replaces the key's roles in this project (send at least one; unassign to remove them all). */
  updateProjectApiKeyRoles(projectId: string, apiKeyId: string, roles: string[], description?: string): Promise<ApiKey> {
    return this.#call('updateGroupApiKeyRoles', 'PATCH', this.#projectKeyPath(projectId, apiKeyId), apiKeySchema, {
      roles,
      ...(description !== undefined ? { desc: description } : {}),
    });
  }

  /** Takes the key out of the project; it stays in the organization. */
  async unassignApiKeyFromProject(projectId: string, apiKeyId: string): Promise<void> {
    await this.#call('removeGroupApiKey', 'DELETE', this.#projectKeyPath(projectId, apiKeyId), undefined);
  }

  // --- activity feed -----------------------------------------------------------------------

  /** The organization's events, its projects' included, newest first. Every event type reads, known or not. */
  async listOrganizationEvents(orgId: string, filter: OrganizationEventFilter = {}, page?: PageRequest): Promise<Page<AtlasEvent>> {
    return this.#page('listOrgEvents', `/orgs/${pathSegment(orgId)}/events`, page, atlasEventSchema, undefined, eventQuery(filter));
  }

  async getOrganizationEvent(orgId: string, eventId: string, options: { includeRaw?: boolean } = {}): Promise<AtlasEvent> {
    const query = options.includeRaw !== undefined ? `?includeRaw=${options.includeRaw}` : '';
    return this.#call('getOrgEvent', 'GET', `/orgs/${pathSegment(orgId)}/events/${pathSegment(eventId)}${query}`, atlasEventSchema);
  }

  /** The events that occurred in one project, newest first. */
  async listProjectEvents(projectId: string, filter: ProjectEventFilter = {}, page?: PageRequest): Promise<Page<AtlasEvent>> {
    const query = eventQuery(filter);
    for (const type of filter.excludedEventTypes ?? []) query.append('excludedEventType', type);
    return this.#page('listGroupEvents', `/groups/${pathSegment(projectId)}/events`, page, atlasEventSchema, undefined, query);
  }

  // --- service accounts (Atlas v2 only) ------------------------------------------------------

  /** The organization's service accounts; system-managed ones (behind integrations) only with `includeSystemManaged`. */
  listServiceAccounts(orgId: string, page?: ServiceAccountPageRequest): Promise<Page<ServiceAccount>> {
    return this.#page('listOrgServiceAccounts', `/orgs/${pathSegment(orgId)}/serviceAccounts`, page, serviceAccountSchema, undefined, systemManaged(page));
  }

  /** Organization Owner. The answer carries the first secret in clear: the only time it is shown. */
  createServiceAccount(orgId: string, input: ServiceAccountInput): Promise<ServiceAccount> {
    return this.#call('createOrgServiceAccount', 'POST', `/orgs/${pathSegment(orgId)}/serviceAccounts`, serviceAccountSchema, input);
  }

  getServiceAccount(orgId: string, clientId: string): Promise<ServiceAccount> {
    return this.#call('getOrgServiceAccount', 'GET', this.#accountPath(orgId, clientId), serviceAccountSchema);
  }

  /** Organization roles sent replace the account's organization roles. */
  updateServiceAccount(orgId: string, clientId: string, update: ServiceAccountUpdate): Promise<ServiceAccount> {
    return this.#call('updateOrgServiceAccount', 'PATCH', this.#accountPath(orgId, clientId), serviceAccountSchema, update);
  }

  /** Deletes the account from the organization and every project: its secrets and tokens stop working. */
  async deleteServiceAccount(orgId: string, clientId: string): Promise<void> {
    await this.#call('deleteOrgServiceAccount', 'DELETE', this.#accountPath(orgId, clientId), undefined);
  }

  /** A new secret, in clear in this answer only; Atlas shortens older secrets' remaining life to at most 7 days. */
  createServiceAccountSecret(orgId: string, clientId: string, secretExpiresAfterHours: number): Promise<ServiceAccountSecret> {
    return this.#call('createOrgServiceAccountSecret', 'POST', `${this.#accountPath(orgId, clientId)}/secrets`, serviceAccountSecretSchema, { secretExpiresAfterHours });
  }

  async deleteServiceAccountSecret(orgId: string, clientId: string, secretId: string): Promise<void> {
    await this.#call('deleteOrgServiceAccountSecret', 'DELETE', `${this.#accountPath(orgId, clientId)}/secrets/${pathSegment(secretId)}`, undefined);
  }

  listServiceAccountAccessList(orgId: string, clientId: string, page?: PageRequest): Promise<Page<ServiceAccountAccessListEntry>> {
    return this.#page('listOrgServiceAccountAccessList', `${this.#accountPath(orgId, clientId)}/accessList`, page, serviceAccountAccessListEntrySchema);
  }

  /** Adds entries in one call; Atlas answers with a page of the whole list after the add. */
  addServiceAccountAccessListEntries(orgId: string, clientId: string, entries: AccessListInput[], page?: PageRequest): Promise<Page<ServiceAccountAccessListEntry>> {
    return this.#page('createOrgServiceAccountAccessList', `${this.#accountPath(orgId, clientId)}/accessList`, page, serviceAccountAccessListEntrySchema, accessListBody(entries));
  }

  /** `entry` is a bare address or a CIDR block. */
  async deleteServiceAccountAccessListEntry(orgId: string, clientId: string, entry: string): Promise<void> {
    await this.#call('deleteOrgServiceAccountAccessListEntry', 'DELETE', `${this.#accountPath(orgId, clientId)}/accessList/${pathSegment(atlasAddressForm(entry))}`, undefined);
  }

  /** The projects the account is assigned to, with its roles in each. */
  listServiceAccountProjects(orgId: string, clientId: string, page?: Omit<PageRequest, 'includeCount'>): Promise<Page<ServiceAccountProject>> {
    return this.#page('getOrgServiceAccountGroups', `${this.#accountPath(orgId, clientId)}/groups`, page, serviceAccountProjectSchema);
  }

  /** The accounts assigned to a project, each with its roles there. */
  listProjectServiceAccounts(projectId: string, page?: ServiceAccountPageRequest): Promise<Page<ServiceAccount>> {
    return this.#page('listGroupServiceAccounts', `/groups/${pathSegment(projectId)}/serviceAccounts`, page, serviceAccountSchema, undefined, systemManaged(page));
  }

  /** A new account of the project's organization (an Organization Member there), with project roles; its first secret in clear. */
  createProjectServiceAccount(projectId: string, input: ServiceAccountInput): Promise<ServiceAccount> {
    return this.#call('createGroupServiceAccount', 'POST', `/groups/${pathSegment(projectId)}/serviceAccounts`, serviceAccountSchema, input);
  }

  getProjectServiceAccount(projectId: string, clientId: string): Promise<ServiceAccount> {
    return this.#call('getGroupServiceAccount', 'GET', this.#projectAccountPath(projectId, clientId), serviceAccountSchema);
  }

  /** `roles` are the account's roles in this project. */
  updateProjectServiceAccount(projectId: string, clientId: string, update: ServiceAccountUpdate): Promise<ServiceAccount> {
    return this.#call('updateGroupServiceAccount', 'PATCH', this.#projectAccountPath(projectId, clientId), serviceAccountSchema, update);
  }

  /** Takes the account out of the project; it stays in its organization, its secrets valid. */
  async unassignServiceAccountFromProject(projectId: string, clientId: string): Promise<void> {
    await this.#call('deleteGroupServiceAccount', 'DELETE', this.#projectAccountPath(projectId, clientId), undefined);
  }

  /** Assigns an existing account of the organization to the project (Organization Owner); the body is `{roles}`. */
  assignServiceAccountToProject(projectId: string, clientId: string, roles: string[]): Promise<ServiceAccount> {
    return this.#call('inviteGroupServiceAccount', 'POST', `${this.#projectAccountPath(projectId, clientId)}:invite`, serviceAccountSchema, { roles });
  }

  listProjectServiceAccountAccessList(projectId: string, clientId: string, page?: PageRequest): Promise<Page<ServiceAccountAccessListEntry>> {
    return this.#page('listGroupServiceAccountAccessList', `${this.#projectAccountPath(projectId, clientId)}/accessList`, page, serviceAccountAccessListEntrySchema);
  }

  addProjectServiceAccountAccessListEntries(projectId: string, clientId: string, entries: AccessListInput[], page?: PageRequest): Promise<Page<ServiceAccountAccessListEntry>> {
    return this.#page('createGroupServiceAccountAccessList', `${this.#projectAccountPath(projectId, clientId)}/accessList`, page, serviceAccountAccessListEntrySchema, accessListBody(entries));
  }

  async deleteProjectServiceAccountAccessListEntry(projectId: string, clientId: string, entry: string): Promise<void> {
    await this.#call('deleteGroupServiceAccountAccessListEntry', 'DELETE', `${this.#projectAccountPath(projectId, clientId)}/accessList/${pathSegment(atlasAddressForm(entry))}`, undefined);
  }

  createProjectServiceAccountSecret(projectId: string, clientId: string, secretExpiresAfterHours: number): Promise<ServiceAccountSecret> {
    return this.#call('createGroupServiceAccountSecret', 'POST', `${this.#projectAccountPath(projectId, clientId)}/secrets`, serviceAccountSecretSchema, { secretExpiresAfterHours });
  }

  async deleteProjectServiceAccountSecret(projectId: string, clientId: string, secretId: string): Promise<void> {
    await this.#call('deleteGroupServiceAccountSecret', 'DELETE', `${this.#projectAccountPath(projectId, clientId)}/secrets/${pathSegment(secretId)}`, undefined);
  }

  // --- plumbing ----------------------------------------------------------------------------

  #accountPath(orgId: string, clientId: string): string {
    return `/orgs/${pathSegment(orgId)}/serviceAccounts/${pathSegment(clientId)}`;
  }

  #projectAccountPath(projectId: string, clientId: string): string {
    return `/groups/${pathSegment(projectId)}/serviceAccounts/${pathSegment(clientId)}`;
  }

  #settingsPath(orgId: string): string {
    return `/orgs/${pathSegment(orgId)}/settings`;
  }

  #keyPath(orgId: string, apiKeyId: string): string {
    return `/orgs/${pathSegment(orgId)}/apiKeys/${pathSegment(apiKeyId)}`;
  }

  #accessListPath(orgId: string, apiKeyId: string): string {
    return `${this.#keyPath(orgId, apiKeyId)}/${this.#flavor.accessListSegment}`;
  }

  #entryPath(orgId: string, apiKeyId: string, entry: string): string {
    return `${this.#accessListPath(orgId, apiKeyId)}/${pathSegment(atlasAddressForm(entry))}`;
  }

  #projectKeyPath(projectId: string, apiKeyId: string): string {
    return `/groups/${pathSegment(projectId)}/apiKeys/${pathSegment(apiKeyId)}`;
  }

  async #page<T extends z.ZodType>(
    operation: OperationId,
    path: string,
    request: NamedPageRequest | undefined,
    item: T,
    body?: unknown,
    filter?: URLSearchParams,
  ): Promise<Page<z.infer<T>>> {
    const query = new URLSearchParams(filter);
    if (request?.pageNum !== undefined) query.set('pageNum', String(request.pageNum));
    if (request?.itemsPerPage !== undefined) query.set('itemsPerPage', String(request.itemsPerPage));
    if (request?.includeCount !== undefined) query.set('includeCount', String(request.includeCount));
    if (request?.name !== undefined) query.set('name', request.name);
    const search = query.size > 0 ? `?${query}` : '';
    const method = body === undefined ? 'GET' : 'POST';
    const page = await this.#call(operation, method, `${path}${search}`, pageSchema(item), body);
    return {
      results: page.results,
      ...(page.totalCount !== undefined ? { totalCount: page.totalCount } : {}),
      hasNext: (page.links ?? []).some((link) => link.rel === 'next'),
      ...(page.links !== undefined ? { linked: true } : {}),
    };
  }

  /**
   * Fails as a call of `operation` at `path` would on a flavor that lacks it (UnsupportedByFlavorError,
   * nothing sent): for an answer about what only that operation's resources have, read from
   * elsewhere (service account events, from the event feed every flavor has).
   */
  requireOperation(operation: OperationId, path: string): void {
    if (!this.#flavor.supports(operation)) throw new UnsupportedByFlavorError(operation, `${this.#flavor.basePath}${path}`, this.#flavor.name, FLAVOR_TITLES[this.#flavor.name]);
  }

  async #call<T extends z.ZodType | undefined>(
    operation: OperationId,
    method: HttpMethod,
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<T extends z.ZodType ? z.infer<T> : undefined> {
    this.requireOperation(operation, path);
    const fullPath = `${this.#flavor.basePath}${path}`;
    const mediaType = this.#flavor.mediaType(operation);
    const request: UpstreamRequest = {
      operation,
      method,
      path: fullPath,
      headers: { accept: mediaType, ...(body !== undefined ? { 'content-type': mediaType } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      auth: this.#auth,
      ...(this.#signal ? { signal: this.#signal } : {}),
    };
    const reads = this.#reads;
    const response = reads
      ? await reads.shared.send(
          {
            identity: reads.identity,
            ...(reads.expiresAt !== undefined ? { expiresAt: reads.expiresAt } : {}),
            ...(this.#signal ? { signal: this.#signal } : {}),
            ...(reads.session ? { session: reads.session } : {}),
            ...(reads.policy ? { policy: reads.policy } : {}),
          },
          {
            operation,
            method,
            path,
            fullPath,
            mediaType,
            // A coalesced read carries the signal of whoever still waits for it; shared reads answer a 429 themselves.
            send: (signal, options) => this.#transport.send({ ...request, signal, retryRateLimited: options?.retryRateLimited ?? false }),
          },
        )
      : await this.#transport.send(request);
    if (response.status < 200 || response.status >= 300) {
      throw new AtlasApiError({
        status: response.status,
        body: parseErrorBody(response.body),
        operation,
        path: fullPath,
        ...(response.retryAfterSeconds !== undefined ? { retryAfterSeconds: response.retryAfterSeconds } : {}),
      });
    }
    let json: unknown;
    try {
      // An operation without a result may answer an empty body; a body cut short is not a success to trust.
      json = schema === undefined && response.body.trim() === '' ? undefined : JSON.parse(response.body);
    } catch {
      throw new AtlasResponseError(operation, fullPath, 'the body is not JSON');
    }
    if (schema === undefined) return undefined as never;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Paths and zod's messages only: a value could be a private key.
      const issue = parsed.error.issues[0];
      throw new AtlasResponseError(operation, fullPath, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`);
    }
    return parsed.data as never;
  }
}

/** Access-list entries as Atlas takes them, keys' and service accounts' alike. */
const accessListBody = (entries: AccessListInput[]) =>
  entries.map((entry) => ('ipAddress' in entry ? { ipAddress: atlasAddressForm(entry.ipAddress) } : { cidrBlock: atlasAddressForm(entry.cidrBlock) }));

/** `includeSystemManaged` of the service-account listings, when asked for. */
function systemManaged(page: ServiceAccountPageRequest | undefined): URLSearchParams | undefined {
  return page?.includeSystemManaged === undefined ? undefined : new URLSearchParams({ includeSystemManaged: String(page.includeSystemManaged) });
}

/** The filter of an event listing as its query: repeated `eventType`, ISO 8601 dates in UTC. */
function eventQuery(filter: OrganizationEventFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const type of filter.eventTypes ?? []) query.append('eventType', type);
  const date = (value: Date | string): string => (typeof value === 'string' ? value : value.toISOString());
  if (filter.minDate !== undefined) query.set('minDate', date(filter.minDate));
  if (filter.maxDate !== undefined) query.set('maxDate', date(filter.maxDate));
  if (filter.includeRaw !== undefined) query.set('includeRaw', String(filter.includeRaw));
  return query;
}

/**
 * An address or CIDR block as Atlas writes it: IPv6 as eight groups without compression (the only
 * IPv6 form its OpenAPI patterns admit); IPv4 and anything unparseable are left as they are.
 */
export function atlasAddressForm(entry: string): string {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  if (!address.includes(':') || !ipaddr.IPv6.isValid(address)) return entry;
  return `${ipaddr.IPv6.parse(address).toNormalizedString()}${slash < 0 ? '' : entry.slice(slash)}`;
}

/** A bearer token's expiry, when it is a JWT with `exp` (read, not verified: Atlas verifies it). */
function tokenExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The origin of an http(s) URL; the message leaves the URL out, as it could hold credentials. */
function originOf(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL such as https://cloud.mongodb.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('baseUrl must be an http(s) URL');
  return url.origin;
}

function actingAsFor(credentials: Credentials | undefined): ActingAs {
  if (credentials?.kind === 'digest') return { kind: 'apiKey', publicKey: credentials.publicKey };
  if (credentials?.kind === 'serviceAccount') return { kind: 'serviceAccount', clientId: credentials.clientId };
  return { kind: 'none' };
}

function authFor(credentials: Credentials | undefined, transport: Transport): Auth | undefined {
  switch (credentials?.kind) {
    case undefined:
      return undefined;
    case 'digest':
      return new DigestAuth(credentials.publicKey, credentials.privateKey);
    case 'serviceAccount': {
      const { clientId, clientSecret } = credentials;
      return new ServiceAccountAuth(() => requestToken(transport, clientId, clientSecret));
    }
  }
}
