/**
 * AtlasClient: one typed method per Admin API operation for programmatic API keys, in any of
 * the three flavors. It builds paths and media types, checks responses at the boundary and
 * turns non-2xx answers into `AtlasApiError`. `withBearer(token)` gives a view that calls with
 * the caller's own token over the same connection pool.
 */
import { Buffer } from 'node:buffer';
import type { z } from 'zod';
import { type Auth, BearerAuth, DigestAuth, ServiceAccountAuth, type TokenResponse } from './auth.js';
import { AtlasApiError, type AtlasErrorBody, AtlasResponseError } from './errors.js';
import { type Flavor, type FlavorName, flavor as makeFlavor } from './flavors.js';
import { type RetryOptions, Transport, type UpstreamEvent, type UpstreamRequest, retryAfterSeconds } from './http.js';
import {
  type AccessListEntry,
  type AccessListInput,
  type ApiKey,
  type Organization,
  type Page,
  type PageRequest,
  type Project,
  accessListEntrySchema,
  apiKeySchema,
  organizationSchema,
  pageSchema,
  projectSchema,
} from './types.js';

export type Credentials =
  | { kind: 'digest'; publicKey: string; privateKey: string }
  | { kind: 'serviceAccount'; clientId: string; clientSecret: string };

export interface AtlasClientOptions {
  /** Origin of the Admin API, e.g. https://cloud.mongodb.com */
  baseUrl: string;
  flavor?: FlavorName;
  /** Ops Manager ≤ 4.4 spells the access list `whitelist`. */
  accessListSegment?: 'accessList' | 'whitelist';
  /** The gateway's own credentials; undefined when every call passes a caller's token through. */
  credentials?: Credentials;
  /** Concurrent upstream requests (pool connections). */
  maxConcurrency?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  dispatcher?: UpstreamRequestDispatcher;
  observer?: (event: UpstreamEvent) => void;
}
type UpstreamRequestDispatcher = NonNullable<ConstructorParameters<typeof Transport>[0]['dispatcher']>;

export const CLIENT_DEFAULTS = {
  maxConcurrency: 8,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, deadlineMs: 30_000 },
} as const;

/** Items per page when walking a whole list: the most Atlas serves. */
export const PAGE_SIZE_MAX = 500;

const enc = encodeURIComponent;

export class AtlasClient {
  private constructor(
    private readonly transport: Transport,
    private readonly flavor: Flavor,
    private readonly auth: Auth | undefined,
  ) {}

  static create(options: AtlasClientOptions): AtlasClient {
    const origin = new URL(options.baseUrl).origin;
    const transport = new Transport({
      origin,
      dispatcher: options.dispatcher,
      maxConcurrency: options.maxConcurrency ?? CLIENT_DEFAULTS.maxConcurrency,
      connectTimeoutMs: options.connectTimeoutMs ?? CLIENT_DEFAULTS.connectTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? CLIENT_DEFAULTS.headersTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs ?? CLIENT_DEFAULTS.bodyTimeoutMs,
      retry: { ...CLIENT_DEFAULTS.retry, ...options.retry },
      observer: options.observer,
    });
    const flavor = makeFlavor(options.flavor ?? 'atlas-v2', { accessListSegment: options.accessListSegment });
    const credentials = options.credentials;
    let auth: Auth | undefined;
    if (credentials?.kind === 'digest') auth = new DigestAuth(credentials.publicKey, credentials.privateKey);
    if (credentials?.kind === 'serviceAccount') {
      auth = new ServiceAccountAuth(() => requestToken(transport, credentials.clientId, credentials.clientSecret));
    }
    return new AtlasClient(transport, flavor, auth);
  }

  get flavorName(): FlavorName {
    return this.flavor.name;
  }

  /** A view of this client that authenticates with the caller's bearer token instead. */
  withBearer(token: string): AtlasClient {
    return new AtlasClient(this.transport, this.flavor, new BearerAuth(token));
  }

  /** Closes the connection pool (views share it: close the client they came from). */
  close(): Promise<void> {
    return this.transport.close();
  }

  // --- organizations and projects --------------------------------------------------------

  listOrganizations(page?: PageRequest): Promise<Page<Organization>> {
    return this.page('listOrgs', '/orgs', page, organizationSchema);
  }

  getOrganization(orgId: string): Promise<Organization> {
    return this.call('getOrg', 'GET', `/orgs/${enc(orgId)}`, organizationSchema);
  }

  listOrganizationProjects(orgId: string, page?: PageRequest): Promise<Page<Project>> {
    return this.page('getOrgGroups', `/orgs/${enc(orgId)}/groups`, page, projectSchema);
  }

  listProjects(page?: PageRequest): Promise<Page<Project>> {
    return this.page('listGroups', '/groups', page, projectSchema);
  }

  getProject(projectId: string): Promise<Project> {
    return this.call('getGroup', 'GET', `/groups/${enc(projectId)}`, projectSchema);
  }

  // --- organization API keys -------------------------------------------------------------

  listApiKeys(orgId: string, page?: PageRequest): Promise<Page<ApiKey>> {
    return this.page('listOrgApiKeys', `/orgs/${enc(orgId)}/apiKeys`, page, apiKeySchema);
  }

  getApiKey(orgId: string, apiKeyId: string): Promise<ApiKey> {
    return this.call('getOrgApiKey', 'GET', this.keyPath(orgId, apiKeyId), apiKeySchema);
  }

  /** The response is the only one that carries the private key in clear. */
  createApiKey(orgId: string, input: { description: string; roles: string[] }): Promise<ApiKey> {
    return this.call('createOrgApiKey', 'POST', `/orgs/${enc(orgId)}/apiKeys`, apiKeySchema, {
      desc: input.description,
      roles: input.roles,
    });
  }

  /** Org roles sent replace the key's org roles; project assignments are not touched. */
  updateApiKey(orgId: string, apiKeyId: string, input: { description?: string; roles?: string[] }): Promise<ApiKey> {
    return this.call('updateOrgApiKey', 'PATCH', this.keyPath(orgId, apiKeyId), apiKeySchema, {
      ...(input.description !== undefined ? { desc: input.description } : {}),
      ...(input.roles !== undefined ? { roles: input.roles } : {}),
    });
  }

  /** Deletes the key from the organization and from every project. */
  async deleteApiKey(orgId: string, apiKeyId: string): Promise<void> {
    await this.call('deleteOrgApiKey', 'DELETE', this.keyPath(orgId, apiKeyId), undefined);
  }

  // --- access lists ----------------------------------------------------------------------

  listAccessListEntries(orgId: string, apiKeyId: string, page?: PageRequest): Promise<Page<AccessListEntry>> {
    return this.page('listOrgApiKeyAccessListEntries', this.accessListPath(orgId, apiKeyId), page, accessListEntrySchema);
  }

  /** `entry` is an address or a CIDR block; its `/` is percent-encoded here, once. */
  getAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<AccessListEntry> {
    return this.call('getOrgApiKeyAccessListEntry', 'GET', `${this.accessListPath(orgId, apiKeyId)}/${enc(entry)}`, accessListEntrySchema);
  }

  /** Adds entries in one call; Atlas answers with the first page of the whole list. */
  addAccessListEntries(orgId: string, apiKeyId: string, entries: AccessListInput[], page?: PageRequest): Promise<Page<AccessListEntry>> {
    return this.page('createOrgApiKeyAccessListEntry', this.accessListPath(orgId, apiKeyId), page, accessListEntrySchema, 'POST', entries);
  }

  async deleteAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<void> {
    await this.call('deleteOrgApiKeyAccessListEntry', 'DELETE', `${this.accessListPath(orgId, apiKeyId)}/${enc(entry)}`, undefined);
  }

  // --- org keys on projects --------------------------------------------------------------

  listProjectApiKeys(projectId: string, page?: PageRequest): Promise<Page<ApiKey>> {
    return this.page('listGroupApiKeys', `/groups/${enc(projectId)}/apiKeys`, page, apiKeySchema);
  }

  /** Creates an org key and assigns it to the project in one call; the private key is in clear. */
  createProjectApiKey(projectId: string, input: { description: string; roles: string[] }): Promise<ApiKey> {
    return this.call('createGroupApiKey', 'POST', `/groups/${enc(projectId)}/apiKeys`, apiKeySchema, {
      desc: input.description,
      roles: input.roles,
    });
  }

  /** Assigns an existing org key: Atlas POSTs an array of `{roles}`, Ops Manager PATCHes `{roles}`. */
  async assignApiKeyToProject(projectId: string, apiKeyId: string, roles: string[]): Promise<void> {
    const path = this.projectKeyPath(projectId, apiKeyId);
    if (this.flavor.assignWith === 'PATCH') {
      await this.call('updateGroupApiKeyRoles', 'PATCH', path, apiKeySchema, { roles });
      return;
    }
    await this.call('addGroupApiKey', 'POST', path, undefined, [{ roles }]);
  }

  /** Replaces the key's roles in this project. */
  updateProjectApiKeyRoles(projectId: string, apiKeyId: string, roles: string[]): Promise<ApiKey> {
    return this.call('updateGroupApiKeyRoles', 'PATCH', this.projectKeyPath(projectId, apiKeyId), apiKeySchema, { roles });
  }

  /** Takes the key out of the project; it stays in the organization. */
  async unassignApiKeyFromProject(projectId: string, apiKeyId: string): Promise<void> {
    await this.call('removeGroupApiKey', 'DELETE', this.projectKeyPath(projectId, apiKeyId), undefined);
  }

  // --- plumbing ----------------------------------------------------------------------------

  private keyPath(orgId: string, apiKeyId: string): string {
    return `/orgs/${enc(orgId)}/apiKeys/${enc(apiKeyId)}`;
  }

  private accessListPath(orgId: string, apiKeyId: string): string {
    return `${this.keyPath(orgId, apiKeyId)}/${this.flavor.accessListSegment}`;
  }

  private projectKeyPath(projectId: string, apiKeyId: string): string {
    return `/groups/${enc(projectId)}/apiKeys/${enc(apiKeyId)}`;
  }

  private async page<T extends z.ZodType>(
    operation: string,
    path: string,
    request: PageRequest | undefined,
    item: T,
    method: 'GET' | 'POST' = 'GET',
    body?: unknown,
  ): Promise<Page<z.infer<T>>> {
    const query = new URLSearchParams();
    if (request?.pageNum !== undefined) query.set('pageNum', String(request.pageNum));
    if (request?.itemsPerPage !== undefined) query.set('itemsPerPage', String(request.itemsPerPage));
    if (request?.includeCount !== undefined) query.set('includeCount', String(request.includeCount));
    const search = query.size > 0 ? `?${query}` : '';
    const page = await this.call(operation, method, `${path}${search}`, pageSchema(item), body);
    return {
      results: page.results,
      ...(page.totalCount !== undefined ? { totalCount: page.totalCount } : {}),
      hasNext: (page.links ?? []).some((l) => l.rel === 'next'),
    };
  }

  private async call<T extends z.ZodType | undefined>(
    operation: string,
    method: UpstreamRequest['method'],
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<T extends z.ZodType ? z.infer<T> : undefined> {
    const mediaType = this.flavor.mediaType(operation);
    const fullPath = `${this.flavor.basePath}${path}`;
    const response = await this.transport.send({
      operation,
      method,
      path: fullPath,
      headers: { accept: mediaType, ...(body !== undefined ? { 'content-type': mediaType } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      auth: this.auth,
    });
    if (response.status < 200 || response.status >= 300) {
      throw new AtlasApiError({
        status: response.status,
        body: parseErrorBody(response.body),
        operation,
        path: fullPath,
        retryAfterSeconds: retryAfterSeconds(response.headers['retry-after']),
      });
    }
    if (schema === undefined) return undefined as never;
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new AtlasResponseError(operation, fullPath, 'the body is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AtlasResponseError(operation, fullPath, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`);
    }
    return parsed.data as never;
  }
}

function parseErrorBody(text: string): AtlasErrorBody | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null ? (body as AtlasErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/** OAuth2 client credentials at `{origin}/api/oauth/token`. */
async function requestToken(transport: Transport, clientId: string, clientSecret: string): Promise<TokenResponse> {
  const path = '/api/oauth/token';
  const response = await transport.send({
    operation: 'createOAuthToken',
    method: 'POST',
    path,
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
    auth: undefined,
  });
  if (response.status !== 200) {
    // OAuth errors are {error, error_description}; keep the code, never the credentials.
    let code = `HTTP_${response.status}`;
    try {
      const body = JSON.parse(response.body) as { error?: unknown; errorCode?: unknown };
      if (typeof body.errorCode === 'string') code = body.errorCode;
      else if (typeof body.error === 'string') code = body.error.toUpperCase();
    } catch {
      // not JSON: keep the status code
    }
    throw new AtlasApiError({ status: response.status, body: { errorCode: code }, operation: 'createOAuthToken', path });
  }
  try {
    const body = JSON.parse(response.body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') throw new Error('no access_token');
    return { accessToken: body.access_token, expiresInSeconds: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
  } catch {
    throw new AtlasResponseError('createOAuthToken', path, 'the body is not a token response');
  }
}
