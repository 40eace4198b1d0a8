/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 timestamp in UTC, e.g. 2024-01-31T12:00:00Z. */
  DateTime: { input: string; output: string; }
};

/** An entry of an API key's access list: the key may be used only from listed addresses. */
export type AccessListEntry = Node & {
  __typename?: 'AccessListEntry';
  /** The key the entry belongs to. */
  apiKey: ApiKey;
  /** The entry as a CIDR block (a single IPv4 address shows as /32; IPv6 in RFC 5952 form). */
  cidrBlock?: Maybe<Scalars['String']['output']>;
  /** Requests made from lastUsedAddress through this entry (0 until it is used). */
  count: Scalars['Int']['output'];
  /** When the entry was added. */
  created?: Maybe<Scalars['DateTime']['output']>;
  /** Global id of the entry; it carries the key and the organization. */
  id: Scalars['ID']['output'];
  /** The address, when the entry is a single address (IPv6 in RFC 5952 form). */
  ipAddress?: Maybe<Scalars['String']['output']>;
  /** When the key was last used through this entry. */
  lastUsed?: Maybe<Scalars['DateTime']['output']>;
  /** The address of the last request through this entry. */
  lastUsedAddress?: Maybe<Scalars['String']['output']>;
};

/** A page of access list entries. */
export type AccessListEntryConnection = {
  __typename?: 'AccessListEntryConnection';
  /** The items of this page, with their cursors. */
  edges: Array<AccessListEntryEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many entries there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An access list entry in a page. */
export type AccessListEntryEdge = {
  __typename?: 'AccessListEntryEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AccessListEntry;
};

/** Addresses or CIDR blocks (IPv4 or IPv6) to allow on a key's access list. */
export type AddAccessListEntriesInput = {
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  apiKeyId: Scalars['ID']['input'];
  /** Each an address (203.0.113.7, 2001:db8::7) or a CIDR block (198.51.100.0/24); 1 to 100 of them. */
  entries: Array<Scalars['String']['input']>;
};

/** Entries added to a key's access list; entries it already had are reported, not added again. */
export type AddAccessListEntriesPayload = {
  __typename?: 'AddAccessListEntriesPayload';
  /** The entries added, in canonical form (a CIDR block on its network address, a /32 or /128 as the bare address, IPv6 in RFC 5952 form). */
  added: Array<Scalars['String']['output']>;
  /** The key; its accessList shows the change. Null only when reading it back failed (see warning). */
  apiKey?: Maybe<ApiKey>;
  /** Entries the list already had, in canonical form; nothing was done for them. */
  duplicates: Array<Scalars['String']['output']>;
  /** Set when the change was made but reading the key back failed (apiKey is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What addAccessListEntries did: its payload, or why it did nothing, or that its outcome is unknown. */
export type AddAccessListEntriesResult = AddAccessListEntriesPayload | ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** Addresses or CIDR blocks (IPv4 or IPv6) to allow on a service account's access list. */
export type AddServiceAccountAccessListEntriesInput = {
  /** Each an address (203.0.113.7, 2001:db8::7) or a CIDR block (198.51.100.0/24); 1 to 100 of them. */
  entries: Array<Scalars['String']['input']>;
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** Entries added to a service account's access list; entries it already had are reported, not added again. */
export type AddServiceAccountAccessListEntriesPayload = {
  __typename?: 'AddServiceAccountAccessListEntriesPayload';
  /** The entries added, in canonical form. */
  added: Array<Scalars['String']['output']>;
  /** Entries the list already had, in canonical form; nothing was done for them. */
  duplicates: Array<Scalars['String']['output']>;
  /** The account; its accessList shows the change. Null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the change was made but reading the account back failed (serviceAccount is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What addServiceAccountAccessListEntries did: its payload, or why it did nothing, or that its outcome is unknown. */
export type AddServiceAccountAccessListEntriesResult = AddServiceAccountAccessListEntriesPayload | ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type AddServiceAccountSecretInput = {
  /** How long the secret works: 8 to 8760 hours, and at most what the organization allows. */
  expiresAfterHours: Scalars['Int']['input'];
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** A new secret of a service account, with its value (shown here only). Atlas shortens the older secrets' remaining life to at most 7 days: see their expiresAt. */
export type AddServiceAccountSecretPayload = {
  __typename?: 'AddServiceAccountSecretPayload';
  /** The new secret, with its value: the only time it is shown. */
  secret: NewServiceAccountSecret;
  /** The account with all its secrets now; null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the change was made but reading the account back failed (serviceAccount is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What addServiceAccountSecret did: its payload, or why it did nothing, or that its outcome is unknown. */
export type AddServiceAccountSecretResult = AddServiceAccountSecretPayload | ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** The key's IP access list. An empty list lets the key be used from anywhere unless the organization requires one. */
  accessList: AccessListEntryConnection;
  /** The 24-hexadecimal Atlas id of the key (its apiUserId). */
  atlasId: Scalars['String']['output'];
  /** The gateway's audit records of mutations that touched this key, newest first (first and after only). Needs the scope atlas:audit or atlas:audit:<orgId>. Kept for AUDIT_RETENTION_DAYS; without Redis, only those of this replica since it started. */
  auditRecords: AuditRecordConnection;
  /** When the key was created, to the second. Derived from its ObjectId (Atlas keeps no creation date on a key); null only if Atlas gave an id that is not an ObjectId. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the key is for. */
  description: Scalars['String']['output'];
  /** What happened to this key (its events in its organization's feed). Newest first, with cursors that stay valid while new events arrive. Reads Atlas's feed in pages of 500; when the gateway filters (always without types, and by key or actor) it reads at most 10 pages, and past that the page ends early with hasNextPage true and endCursor where reading stopped. Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  events: ApiKeyEventConnection;
  /** Global id of the key (it carries the organization id): what every argument that names it takes (apiKey, apiKeyId, node). */
  id: Scalars['ID']['output'];
  /** The private key as Atlas shows it after creation: masked, with only its last 12 characters. */
  maskedPrivateKey?: Maybe<Scalars['String']['output']>;
  /** The organization the key belongs to. */
  organization: Organization;
  /** The 24-hexadecimal Atlas id of the organization the key belongs to. */
  organizationAtlasId: Scalars['String']['output'];
  /** The key's roles in its organization. */
  organizationRoles: Array<OrganizationRoleAssignment>;
  /** The projects the key is assigned to, each with its roles there. */
  projectAssignments: Array<ProjectAssignment>;
  /** The public key: the Digest user name. */
  publicKey: Scalars['String']['output'];
  /** What makes the key risky, most severe first; empty when nothing was found. Reads the key's access list (shared with usage) and its organization's settings (once per organization). Null, with a FORBIDDEN error, when the credentials may not read the access list. */
  risks?: Maybe<Array<CredentialRisk>>;
  /** How the key has been used, from its access-list entries (one Atlas call per key, shared with risks). Null, with a FORBIDDEN error, when the credentials may not read its access list. */
  usage?: Maybe<CredentialUsage>;
};


/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKeyAccessListArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKeyAuditRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
};


/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKeyEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created. */
export type ApiKeyRisksArgs = {
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of API keys. */
export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  /** With filter or orderBy: how much of the organization the answer covers (keys not assessed cannot match a filter on risks or use). Null otherwise. */
  completeness?: Maybe<KeyScanCompleteness>;
  /** The items of this page, with their cursors. */
  edges: Array<ApiKeyEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many API keys there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An API key in a page. */
export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ApiKey;
};

/** A change to an API key, from Atlas's activity feed. */
export type ApiKeyEvent = {
  __typename?: 'ApiKeyEvent';
  /** The access list entry acted on, for access list events. */
  accessListEntry?: Maybe<Scalars['String']['output']>;
  /** Who did it. */
  actor: ApiKeyEventActor;
  /** The Atlas id of the event. */
  atlasId: Scalars['String']['output'];
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** The project involved; null when none is (or it no longer exists). */
  project?: Maybe<Project>;
  /** The caller's address. */
  remoteAddress?: Maybe<Scalars['String']['output']>;
  /** The gateway's audit record of the mutation that made this change, when it was made through the gateway (null otherwise, or once the record is past AUDIT_RETENTION_DAYS). A record matches when Atlas names as the actor the credential the gateway called it with (the key's public key; a service account's client id in delegatePrincipal), its mutation leaves events of this type, it touched the key acted on (by public key; by id while the key exists), it was not NOT_DONE (unless a create whose lost answer made the key, deleted again), and Atlas recorded the event while it ran (from its start to its answer, 2 s either side for the clocks). Two such mutations of the same key at the same time make the match ambiguous: every candidate is given. Reads the audit store, never Atlas. */
  requestedBy?: Maybe<GatewayRequest>;
  /** The key acted on. */
  target: ApiKeyEventTarget;
  /** What happened; UNKNOWN for a type this gateway does not know yet. */
  type: ApiKeyEventType;
  /** The event type exactly as Atlas names it. */
  typeName: Scalars['String']['output'];
};

/** Who made the change, as Atlas records it. */
export type ApiKeyEventActor = {
  __typename?: 'ApiKeyEventActor';
  /** The key, when a key of the organization acted and still exists (one listing of the organization's keys per request); null otherwise. */
  apiKey?: Maybe<ApiKey>;
  /** The client id, for a service account: read from Atlas's delegatePrincipal, how Atlas attributes service-account changes is unverified. */
  clientId?: Maybe<Scalars['String']['output']>;
  /** What kind of caller it was. */
  kind: ApiKeyEventActorKind;
  /** The public key, for a key. */
  publicKey?: Maybe<Scalars['String']['output']>;
  /** The user's name (an email), for a user. */
  username?: Maybe<Scalars['String']['output']>;
};

/** Who made a change. */
export type ApiKeyEventActorKind =
  /** A programmatic API key (see publicKey); a change through this gateway shows its own key. */
  | 'API_KEY'
  /** A service account (see clientId). */
  | 'SERVICE_ACCOUNT'
  /** Atlas named no actor this gateway recognizes. */
  | 'UNKNOWN'
  /** A console user (see username). */
  | 'USER';

/** A page of API key events, newest first. */
export type ApiKeyEventConnection = {
  __typename?: 'ApiKeyEventConnection';
  /** The events of this page, with their cursors. */
  edges: Array<ApiKeyEventEdge>;
  /** Where this page sits. */
  pageInfo: ApiKeyEventPageInfo;
};

/** An API key event in a page. */
export type ApiKeyEventEdge = {
  __typename?: 'ApiKeyEventEdge';
  /** Position of this event; pass it as `after`. It stays valid as new events arrive. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: ApiKeyEvent;
};

/** Which API key events to return. Atlas filters types and times; the gateway filters keys and actors, reading more pages (see the field). */
export type ApiKeyEventFilter = {
  /** Only changes made by the key with this public key. */
  actorPublicKey?: InputMaybe<Scalars['String']['input']>;
  /** Only changes made by this console user (an email). */
  actorUsername?: InputMaybe<Scalars['String']['input']>;
  /** Only events acting on this key: its ApiKey.id. */
  apiKeyId?: InputMaybe<Scalars['ID']['input']>;
  /** From this time on, inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Up to this time, inclusive; not before from. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only these types (UNKNOWN is not accepted: Atlas filters by names it knows). */
  types?: InputMaybe<Array<ApiKeyEventType>>;
};

/** Where a page of API key events sits. */
export type ApiKeyEventPageInfo = {
  __typename?: 'ApiKeyEventPageInfo';
  /** Where reading stopped: pass it as `after` for the next page (past the last edge when filtered events followed it). */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether older events may follow (true as well when the page ended early at the page bound). */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether this page follows a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first event of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** The key acted on. */
export type ApiKeyEventTarget = {
  __typename?: 'ApiKeyEventTarget';
  /** The key, while it still exists; null once it is deleted. */
  apiKey?: Maybe<ApiKey>;
  /** Its public key: kept in history after the key is deleted (null only if Atlas names none). */
  publicKey?: Maybe<Scalars['String']['output']>;
};

/** What happened to an API key. UNKNOWN stands for an API key event this gateway does not know yet (see typeName). */
export type ApiKeyEventType =
  /** Atlas's API_KEY_ACCESS_LIST_ENTRY_ADDED event. */
  | 'API_KEY_ACCESS_LIST_ENTRY_ADDED'
  /** Atlas's API_KEY_ACCESS_LIST_ENTRY_DELETED event. */
  | 'API_KEY_ACCESS_LIST_ENTRY_DELETED'
  /** Atlas's API_KEY_ADDED_TO_GROUP event. */
  | 'API_KEY_ADDED_TO_GROUP'
  /** Atlas's API_KEY_CREATED event. */
  | 'API_KEY_CREATED'
  /** Atlas's API_KEY_DELETED event. */
  | 'API_KEY_DELETED'
  /** Atlas's API_KEY_DESCRIPTION_CHANGED event. */
  | 'API_KEY_DESCRIPTION_CHANGED'
  /** Atlas's API_KEY_REMOVED_FROM_GROUP event. */
  | 'API_KEY_REMOVED_FROM_GROUP'
  /** Atlas's API_KEY_ROLES_CHANGED event. */
  | 'API_KEY_ROLES_CHANGED'
  /** Atlas's API_KEY_UI_IP_ACCESS_LIST_INHERITANCE_DISABLED event. */
  | 'API_KEY_UI_IP_ACCESS_LIST_INHERITANCE_DISABLED'
  /** Atlas's API_KEY_UI_IP_ACCESS_LIST_INHERITANCE_ENABLED event. */
  | 'API_KEY_UI_IP_ACCESS_LIST_INHERITANCE_ENABLED'
  /** An API key event Atlas reported that this gateway does not know; see typeName. */
  | 'UNKNOWN';

/** Which of an organization's keys to return. Atlas filters nothing: a filter scans every key of the organization (as keyHygiene does, with its completeness), and only assessed keys can match a filter on risks or use. */
export type ApiKeyFilter = {
  /** Keys whose description contains this text, ignoring case. */
  descriptionContains?: InputMaybe<Scalars['String']['input']>;
  /** Keys holding this organization role (as Atlas names it, e.g. ORG_OWNER). */
  organizationRole?: InputMaybe<Scalars['String']['input']>;
  /** Keys assigned to this project: its Project.id or its atlasId. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Keys with a finding of any of these kinds. */
  riskKinds?: InputMaybe<Array<RiskKind>>;
  /** Keys with known usage whose last use is older than this many days, or never used (1 to 3650). Keys with unknown usage never match. */
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};

/** How to order keys; ordering scans every key of the organization, as a filter does. */
export type ApiKeyOrder = {
  /** ASC by default. */
  direction?: InputMaybe<OrderDirection>;
  /** What to order by. */
  field: ApiKeyOrderField;
};

/** What to order keys by. */
export type ApiKeyOrderField =
  /** Creation time (from the key id). */
  | 'CREATED'
  /** Description, ignoring case. */
  | 'DESCRIPTION'
  /** Last use (keys whose usage is unknown or not assessed come last). */
  | 'LAST_USED';

/** The key after the change. */
export type ApiKeyPayload = {
  __typename?: 'ApiKeyPayload';
  /** The key as Atlas now has it. */
  apiKey?: Maybe<ApiKey>;
};

/** What assignApiKeyToProject did: its payload, or why it did nothing, or that its outcome is unknown. */
export type AssignApiKeyToProjectResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | ProjectApiKeyPayload | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** What assignServiceAccountToProject did: its payload, or why it did nothing, or that its outcome is unknown. */
export type AssignServiceAccountToProjectResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | ServiceAccountProjectPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** Who asked for an audited mutation (never a token). */
export type AuditCaller = {
  __typename?: 'AuditCaller';
  /** The JWT's `iss`. */
  issuer?: Maybe<Scalars['String']['output']>;
  /** How the caller is known. */
  kind: AuditCallerKind;
  /** The JWT's or the Atlas token's `sub`. */
  subject?: Maybe<Scalars['String']['output']>;
  /** The first 16 hexadecimal digits of the SHA-256 of the caller's Atlas token, when the token names no subject. */
  tokenHashPrefix?: Maybe<Scalars['String']['output']>;
};

/** How the caller of an audited mutation is known. */
export type AuditCallerKind =
  /** No inbound authentication is configured: the gateway does not know who asked. */
  | 'ANONYMOUS'
  /** Pass-through: the subject of the caller's Atlas token (a service account's client id), or a hash prefix of the token when it names none. */
  | 'ATLAS_TOKEN'
  /** A verified inbound JWT: its subject and issuer. */
  | 'JWT';

/** The credential the gateway called Atlas with: what Atlas records as having made the change. */
export type AuditCredential = {
  __typename?: 'AuditCredential';
  /** The configured service account's client id. */
  clientId?: Maybe<Scalars['String']['output']>;
  /** What kind of credential it is. */
  kind: CredentialKind;
  /** The configured key's public key. */
  publicKey?: Maybe<Scalars['String']['output']>;
};

/** What came of an audited mutation. */
export type AuditOutcome =
  /** The change was made (the payload). */
  | 'DONE'
  /** Nothing was changed (a typed error such as ValidationError, or a rotation rolled back). */
  | 'NOT_DONE'
  /** The change may or may not have been made (OutcomeUnknownError, a rotation that left its new key, or an unexpected error). */
  | 'OUTCOME_UNKNOWN'
  /** Some of its changes were made before a later step failed and the rest was not (a typed error whose changesMade names them): a retry does the rest. */
  | 'PARTLY_DONE';

/** One mutation executed through the gateway: who asked, through which credential, what was asked, and what came of it. */
export type AuditRecord = {
  __typename?: 'AuditRecord';
  /** The keys it touched. */
  apiKeys: Array<AuditedApiKey>;
  /** When the mutation answered. */
  at: Scalars['DateTime']['output'];
  /** Who asked. */
  caller: AuditCaller;
  /** The credential the gateway acted as. */
  credential: AuditCredential;
  /** The record id; ids sort as records were made. */
  id: Scalars['ID']['output'];
  /** Its arguments as JSON, every field whose name looks like a secret replaced by "[redacted]". */
  input: Scalars['String']['output'];
  /** The mutation field, e.g. createApiKey. */
  operation: Scalars['String']['output'];
  /** The Atlas id of the organization. */
  organizationAtlasId?: Maybe<Scalars['String']['output']>;
  /** Done, not done, or not known. */
  outcome: AuditOutcome;
  /** The Atlas id of the project, for a project change. */
  projectAtlasId?: Maybe<Scalars['String']['output']>;
  /** The request id, as in the log line and the x-request-id header. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** The GraphQL type it answered (ApiKeyPayload, ValidationError, OutcomeUnknownError, ...); Error for an unexpected error. */
  resultType: Scalars['String']['output'];
  /** The service accounts it touched. */
  serviceAccounts: Array<AuditedServiceAccount>;
};

/** A page of audit records, newest first. */
export type AuditRecordConnection = {
  __typename?: 'AuditRecordConnection';
  /** The items of this page, with their cursors. */
  edges: Array<AuditRecordEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
};

/** An audit record in a page. */
export type AuditRecordEdge = {
  __typename?: 'AuditRecordEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AuditRecord;
};

/** An API key an audited mutation touched (asked about, created, changed or deleted). */
export type AuditedApiKey = {
  __typename?: 'AuditedApiKey';
  /** The Atlas id of the key. */
  atlasId: Scalars['String']['output'];
  /** Its public key, when the mutation's answer showed it: Atlas' events name the key acted on by it (targetPublicKey). */
  publicKey?: Maybe<Scalars['String']['output']>;
};

/** A service account an audited mutation touched (asked about, created, changed, migrated to or deleted). */
export type AuditedServiceAccount = {
  __typename?: 'AuditedServiceAccount';
  /** Its client id (mdb_sa_id_…). */
  clientId: Scalars['String']['output'];
};

/** The change conflicts with the current state (it is already done, or there is nothing to undo). Nothing was changed. */
export type ConflictError = MutationError & {
  __typename?: 'ConflictError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** A new organization API key. */
export type CreateApiKeyInput = {
  /** What the key is for (1 to 250 characters). */
  description: Scalars['String']['input'];
  /** The organization: its Organization.id (or its Organization.atlasId). */
  organizationId: Scalars['ID']['input'];
  /** Its organization roles (at least one). */
  roles: Array<OrganizationRole>;
};

/** A new key. Its private key is shown here once and never again: store it now. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The new key (null only if loading a selected field of it failed; the private key is still below). */
  apiKey?: Maybe<ApiKey>;
  /** The private key in clear. Atlas never shows it again. */
  privateKey: Scalars['String']['output'];
};

/** What createApiKey did: its payload, or why it did nothing, or that its outcome is unknown. */
export type CreateApiKeyResult = ConflictError | CreateApiKeyPayload | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** A new organization key, assigned to a project in the same call. */
export type CreateProjectApiKeyInput = {
  /** What the key is for (1 to 250 characters). */
  description: Scalars['String']['input'];
  /** The project: its Project.id (or its Project.atlasId, the group id). */
  projectId: Scalars['ID']['input'];
  /** Its roles in the project (at least one). */
  roles: Array<ProjectRole>;
};

/** A new organization key assigned to a project. Its private key is shown here once. */
export type CreateProjectApiKeyPayload = {
  __typename?: 'CreateProjectApiKeyPayload';
  /** The new key (null only if loading a selected field of it failed; the private key is still below). */
  apiKey?: Maybe<ApiKey>;
  /** The private key in clear. Atlas never shows it again. */
  privateKey: Scalars['String']['output'];
  /** The project it was assigned to. */
  project?: Maybe<Project>;
};

/** What createProjectApiKey did: its payload, or why it did nothing, or that its outcome is unknown. */
export type CreateProjectApiKeyResult = ConflictError | CreateProjectApiKeyPayload | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type CreateProjectServiceAccountInput = {
  /** 1 to 250 of the same characters. */
  description: Scalars['String']['input'];
  /** 1 to 64 letters, digits, spaces and - _ . , '. */
  name: Scalars['String']['input'];
  /** The project: its Project.id (or its Project.atlasId). */
  projectId: Scalars['ID']['input'];
  /** Its roles in the project (at least one). */
  roles: Array<ProjectRole>;
  /** How long its first secret works: 8 to 8760 hours, and at most what the organization allows (maxServiceAccountSecretValidityInHours). */
  secretExpiresAfterHours: Scalars['Int']['input'];
};

/** A new service account made in a project (and so a member of the project's organization), and its first secret, whose value is shown here only. */
export type CreateProjectServiceAccountPayload = {
  __typename?: 'CreateProjectServiceAccountPayload';
  /** The project it was made in (null only if loading a selected field of it failed). */
  project?: Maybe<Project>;
  /** Its first secret, with its value: the only time it is shown. */
  secret: NewServiceAccountSecret;
  /** The new account, with its roles in the project (its organization roles and other projects read as the organization sees it); null only if loading a selected field of it failed: the secret is still below. */
  serviceAccount?: Maybe<ServiceAccount>;
};

/** What createProjectServiceAccount did: its payload, or why it did nothing, or that its outcome is unknown. */
export type CreateProjectServiceAccountResult = ConflictError | CreateProjectServiceAccountPayload | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type CreateServiceAccountInput = {
  /** 1 to 250 of the same characters. */
  description: Scalars['String']['input'];
  /** 1 to 64 letters, digits, spaces and - _ . , '. */
  name: Scalars['String']['input'];
  /** The organization: its Organization.id (or its Organization.atlasId). */
  organizationId: Scalars['ID']['input'];
  /** Its organization roles (at least one). */
  roles: Array<OrganizationRole>;
  /** How long its first secret works: 8 to 8760 hours, and at most what the organization allows (maxServiceAccountSecretValidityInHours). */
  secretExpiresAfterHours: Scalars['Int']['input'];
};

/** A new service account and its first secret, whose value is shown here only. */
export type CreateServiceAccountPayload = {
  __typename?: 'CreateServiceAccountPayload';
  /** Its first secret, with its value: the only time it is shown. */
  secret: NewServiceAccountSecret;
  /** The new account (null only if loading a selected field of it failed; the secret is still below). */
  serviceAccount?: Maybe<ServiceAccount>;
};

/** What createServiceAccount did: its payload, or why it did nothing, or that its outcome is unknown. */
export type CreateServiceAccountResult = ConflictError | CreateServiceAccountPayload | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** What kind of credential the gateway calls Atlas with. */
export type CredentialKind =
  /** A programmatic API key (HTTP Digest), configured on the gateway. */
  | 'API_KEY'
  /** Pass-through: each caller's own Atlas bearer token. */
  | 'CALLER_TOKEN'
  /** A service account (OAuth 2.0 client credentials), configured on the gateway. */
  | 'SERVICE_ACCOUNT';

/** A finding about a credential, with a message a person can act on. */
export type CredentialRisk = {
  __typename?: 'CredentialRisk';
  /** What the finding rests on. */
  evidence: RiskEvidence;
  /** What kind of finding; UNKNOWN for a kind this schema version does not know. */
  kind: RiskKind;
  /** The kind by name, also for kinds added after this schema version. */
  kindName: Scalars['String']['output'];
  /** What was found and what to do about it. */
  message: Scalars['String']['output'];
  /** How urgent it is. */
  severity: RiskSeverity;
};

/** How a credential has been used, as Atlas records it: for a key on its access-list entries only (Atlas keeps no last-used date on the key itself); for a service account on its secrets (each last token obtained) and its entries. Unknown usage is not "unused". */
export type CredentialUsage = {
  __typename?: 'CredentialUsage';
  /** Whether Atlas records usage for it at all (false with an empty access list). */
  known: Scalars['Boolean']['output'];
  /** The most recent use: through any access-list entry, or a service account's secret obtaining a token. Null when usage is unknown, or known and never used (see known). */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The address of that most recent use. */
  lastUsedFrom?: Maybe<Scalars['String']['output']>;
  /** The sum of Atlas' count over the entries. Atlas counts, per entry, the requests from that entry's lastUsedAddress only, so this is a lower bound on the requests made. Null when usage is unknown. */
  requestCount?: Maybe<Scalars['Int']['output']>;
  /** Why usage is unknown; null when known. */
  unknownReason?: Maybe<UsageUnknownReason>;
};

/** The key to delete. */
export type DeleteApiKeyInput = {
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  id: Scalars['ID']['input'];
};

/** A deleted key: it is gone from its organization and from every project it was assigned to. */
export type DeleteApiKeyPayload = {
  __typename?: 'DeleteApiKeyPayload';
  /** Atlas id of the deleted key. */
  deletedApiKeyId: Scalars['ID']['output'];
  /** Global id of the deleted key, to evict it from client caches. */
  deletedId: Scalars['ID']['output'];
  /** Public key of the deleted key, as Atlas's events keep naming it (targetPublicKey); null when the key could not be read before it was deleted. */
  deletedPublicKey?: Maybe<Scalars['String']['output']>;
  /** The organization it belonged to. */
  organization?: Maybe<Organization>;
};

/** What deleteApiKey did: its payload, or why it did nothing, or that its outcome is unknown. */
export type DeleteApiKeyResult = ConflictError | DeleteApiKeyPayload | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** A deleted service account: its secrets and tokens no longer work. */
export type DeleteServiceAccountPayload = {
  __typename?: 'DeleteServiceAccountPayload';
  /** Its client id, as Atlas events and logs name it. */
  clientId: Scalars['String']['output'];
  /** The global id the account had. */
  deletedServiceAccountId: Scalars['ID']['output'];
};

/** What deleteServiceAccount did: its payload, or why it did nothing, or that its outcome is unknown. */
export type DeleteServiceAccountResult = ConflictError | DeleteServiceAccountPayload | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type DeleteServiceAccountSecretInput = {
  /** The secret: its ServiceAccountSecret.atlasId. */
  secretId: Scalars['String']['input'];
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** What deleteServiceAccountSecret did: its payload, or why it did nothing, or that its outcome is unknown. */
export type DeleteServiceAccountSecretResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | ServiceAccountPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** The credentials' roles or API access list do not allow this. Nothing was changed. */
export type ForbiddenError = MutationError & {
  __typename?: 'ForbiddenError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** The gateway's audit record behind an Atlas event: who asked the gateway for the change Atlas records as made by the gateway's credential. */
export type GatewayRequest = {
  __typename?: 'GatewayRequest';
  /** Whether more than one record matches (see candidates): record is then null. */
  ambiguous: Scalars['Boolean']['output'];
  /** Who asked: set also when several records match if they all have the same caller; null when they differ. */
  caller?: Maybe<AuditCaller>;
  /** Every record that matches, newest first (at most 50). */
  candidates: Array<AuditRecord>;
  /** The record, when exactly one matches. */
  record?: Maybe<AuditRecord>;
};

/** An organization's keys judged together: findings per kind and severity, and how complete the answer is. */
export type KeyHygiene = {
  __typename?: 'KeyHygiene';
  /** Whether the organization requires an API access list; null when its settings could not be read. */
  accessListRequired?: Maybe<Scalars['Boolean']['output']>;
  /** Assessed keys per finding kind (every kind, zeros included). */
  byKind: Array<RiskKindCount>;
  /** Assessed keys per severity of their findings (each key counts once per severity it has). */
  bySeverity: Array<RiskSeverityCount>;
  /** How complete and how fresh the answer is. */
  completeness: KeyScanCompleteness;
  /** Assessed keys with at least one finding. */
  keysWithFindings: Scalars['Int']['output'];
  /** Assessed keys whose usage Atlas does not record: unknown, not unused. */
  keysWithUnknownUsage: Scalars['Int']['output'];
};

/** How complete and how fresh an answer over every key of an organization is: reading each key's access list takes Atlas calls, made within a share of Atlas' rate limits. */
export type KeyScanCompleteness = {
  __typename?: 'KeyScanCompleteness';
  /** Atlas calls this request made for the answer (the rest came from the shared cache). */
  atlasReads: Scalars['Int']['output'];
  /** Whether every key was assessed. */
  complete: Scalars['Boolean']['output'];
  /** Keys whose access list the answer could use. */
  keysAssessed: Scalars['Int']['output'];
  /** Keys whose access list these credentials may not read (needs Organization Owner). */
  keysForbidden: Scalars['Int']['output'];
  /** Keys not read yet: the per-request share or the rate-limit budget stopped the scan; a later request goes on. */
  keysPending: Scalars['Int']['output'];
  /** Keys of the organization. */
  keysTotal: Scalars['Int']['output'];
  /** When the oldest read the answer used was made to Atlas (HYGIENE_MAX_AGE_SECONDS at most ago); null when none was. */
  oldestReadAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why some are pending, in words; null when none is. */
  pendingReason?: Maybe<Scalars['String']['output']>;
};

export type MigrateApiKeyToServiceAccountInput = {
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  apiKeyId: Scalars['ID']['input'];
  /** The account's name (1 to 64 letters, digits, spaces and - _ . , '); the key's description made to fit by default. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** How long its first secret works: 8 to 8760 hours, and at most what the organization allows. */
  secretExpiresAfterHours: Scalars['Int']['input'];
};

/** The service account that replaces an API key: made with the key's description, organization roles, project assignments and access list. The key is left as it was: delete it once every workload uses the account. */
export type MigrateApiKeyToServiceAccountPayload = {
  __typename?: 'MigrateApiKeyToServiceAccountPayload';
  /** The key, unchanged. */
  apiKey?: Maybe<ApiKey>;
  /** Whether every part was done: the account can do what the key did, from where the key could. */
  complete: Scalars['Boolean']['output'];
  /** Each part after the account was made (its projects, its access list), with its outcome. */
  parts: Array<MigrationPart>;
  /** Its first secret, with its value: the only time it is shown. */
  secret: NewServiceAccountSecret;
  /** The new account as Atlas has it now; null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the account was made but reading it back failed. */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What migrateApiKeyToServiceAccount did: its payload, or why it did nothing, or that its outcome is unknown. */
export type MigrateApiKeyToServiceAccountResult = ConflictError | ForbiddenError | MigrateApiKeyToServiceAccountPayload | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** One part of a migration after the account was made, with its outcome. */
export type MigrationPart = {
  __typename?: 'MigrationPart';
  /** What was done, or what went wrong. */
  detail: Scalars['String']['output'];
  /** What the part copies. */
  kind: MigrationPartKind;
  /** What to do for a part not done, or not known; null when done. */
  nextStep?: Maybe<Scalars['String']['output']>;
  /** Done, partly done, not done, or not known. */
  outcome: MigrationPartOutcome;
  /** The project, for a project assignment. */
  project?: Maybe<Project>;
};

/** What a part of a migration copies. */
export type MigrationPartKind =
  /** The key's access list. */
  | 'ACCESS_LIST'
  /** The key's assignment to one project, with its roles there. */
  | 'PROJECT_ASSIGNMENT';

/** What came of a part: done, partly done or not done (the rest safe to do again), or not known. */
export type MigrationPartOutcome =
  /** Done. */
  | 'DONE'
  /** Not done; doing it again is safe. */
  | 'NOT_DONE'
  /** Atlas may have done it: check first. */
  | 'OUTCOME_UNKNOWN'
  /** Some of it was done (its detail names what) before a later step failed; doing the rest is safe. */
  | 'PARTLY_DONE';

/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Adds addresses or CIDR blocks to a key's access list in one upstream call; entries already listed are reported as duplicates. */
  addAccessListEntries: AddAccessListEntriesResult;
  /** Adds addresses or CIDR blocks to a service account's access list in one upstream call; entries already listed are reported as duplicates. */
  addServiceAccountAccessListEntries: AddServiceAccountAccessListEntriesResult;
  /** Makes a new secret for a service account: the payload carries its value, the only time it is shown. Atlas then shortens the older secrets' remaining life to at most 7 days; delete them with deleteServiceAccountSecret once nothing uses them. */
  addServiceAccountSecret: AddServiceAccountSecretResult;
  /** Assigns an organization key to a project of the same organization with the given roles (Atlas: POST; Ops Manager: PATCH). */
  assignApiKeyToProject: AssignApiKeyToProjectResult;
  /** Assigns a service account to a project of its organization with the given roles (Atlas: Organization Owner). */
  assignServiceAccountToProject: AssignServiceAccountToProjectResult;
  /** Creates an organization API key. The payload carries the private key: the only time it is shown. */
  createApiKey: CreateApiKeyResult;
  /** Creates an organization key and assigns it to a project in one call. The payload carries the private key, once. */
  createProjectApiKey: CreateProjectApiKeyResult;
  /** Creates a service account in a project, with its roles there and its first secret: Atlas makes it a member of the project's organization too. What a Project Owner without organization roles can do. The payload carries the secret, the only time it is shown. Atlas v2 only. */
  createProjectServiceAccount: CreateProjectServiceAccountResult;
  /** Creates a service account of an organization, with its first secret: the payload carries the secret, the only time it is shown. Atlas v2 only. */
  createServiceAccount: CreateServiceAccountResult;
  /** Deletes a key from its organization and from every project it is assigned to. */
  deleteApiKey: DeleteApiKeyResult;
  /** Deletes a service account from its organization and every project: its secrets and access tokens stop working. */
  deleteServiceAccount: DeleteServiceAccountResult;
  /** Deletes a secret of a service account: it obtains no more access tokens (tokens it obtained work until they expire). */
  deleteServiceAccountSecret: DeleteServiceAccountSecretResult;
  /** Makes the service account that replaces an API key: the key's description, organization roles, project assignments and access list, and a first secret returned once. The key is never changed or deleted. Each part after the account is made is reported with its outcome and what to do for one that failed. Atlas v2 only. */
  migrateApiKeyToServiceAccount: MigrateApiKeyToServiceAccountResult;
  /** Removes an address or CIDR block from a key's access list. */
  removeAccessListEntry: RemoveAccessListEntryResult;
  /** Removes an address or CIDR block from a service account's access list. */
  removeServiceAccountAccessListEntry: RemoveServiceAccountAccessListEntryResult;
  /** Replaces a key with a new one: same organization roles, project assignments with their roles, and access list; the old key is deleted now or kept for a grace period. If a step fails, the new key is deleted again (only once the old key is known to still exist) and the payload says which step failed. */
  rotateApiKey: RotateApiKeyResult;
  /** Rotates a service account's secret without locking any workload out: a new secret is made first, the previous ones keep working (Atlas shortens them to at most 7 days) until you delete them, and the answer says until when. Expired secrets are deleted first when the account holds the most Atlas allows; if it holds that many working ones, nothing is done (ConflictError). */
  rotateServiceAccountSecret: RotateServiceAccountSecretResult;
  /** Replaces a key's roles in a project it is assigned to. */
  setProjectApiKeyRoles: SetProjectApiKeyRolesResult;
  /** Replaces a service account's roles in a project it is assigned to. */
  setServiceAccountProjectRoles: SetServiceAccountProjectRolesResult;
  /** Takes a key out of a project. The key stays in its organization (deleteApiKey removes it everywhere). */
  unassignApiKeyFromProject: UnassignApiKeyFromProjectResult;
  /** Takes a service account out of a project. It stays in its organization, its secrets valid (deleteServiceAccount removes it everywhere). */
  unassignServiceAccountFromProject: UnassignServiceAccountFromProjectResult;
  /** Changes a key's description and/or organization roles. */
  updateApiKey: UpdateApiKeyResult;
  /** Changes an organization's settings (Organization Owner). Atlas v2 only. */
  updateOrganizationSettings: UpdateOrganizationSettingsResult;
  /** Changes a service account's name, description and/or organization roles. */
  updateServiceAccount: UpdateServiceAccountResult;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationAddAccessListEntriesArgs = {
  input: AddAccessListEntriesInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationAddServiceAccountAccessListEntriesArgs = {
  input: AddServiceAccountAccessListEntriesInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationAddServiceAccountSecretArgs = {
  input: AddServiceAccountSecretInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationAssignApiKeyToProjectArgs = {
  input: ProjectApiKeyRolesInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationAssignServiceAccountToProjectArgs = {
  input: ServiceAccountProjectRolesInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationCreateProjectApiKeyArgs = {
  input: CreateProjectApiKeyInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationCreateProjectServiceAccountArgs = {
  input: CreateProjectServiceAccountInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationCreateServiceAccountArgs = {
  input: CreateServiceAccountInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationDeleteApiKeyArgs = {
  input: DeleteApiKeyInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationDeleteServiceAccountArgs = {
  input: ServiceAccountIdInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationDeleteServiceAccountSecretArgs = {
  input: DeleteServiceAccountSecretInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationMigrateApiKeyToServiceAccountArgs = {
  input: MigrateApiKeyToServiceAccountInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationRemoveAccessListEntryArgs = {
  input: RemoveAccessListEntryInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationRemoveServiceAccountAccessListEntryArgs = {
  input: RemoveServiceAccountAccessListEntryInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationRotateApiKeyArgs = {
  input: RotateApiKeyInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationRotateServiceAccountSecretArgs = {
  input: RotateServiceAccountSecretInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationSetProjectApiKeyRolesArgs = {
  input: ProjectApiKeyRolesInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationSetServiceAccountProjectRolesArgs = {
  input: ServiceAccountProjectRolesInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationUnassignApiKeyFromProjectArgs = {
  input: UnassignApiKeyFromProjectInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationUnassignServiceAccountFromProjectArgs = {
  input: UnassignServiceAccountFromProjectInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationUpdateApiKeyArgs = {
  input: UpdateApiKeyInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationUpdateOrganizationSettingsArgs = {
  input: UpdateOrganizationSettingsInput;
};


/** Changes to API keys, their access lists and their project assignments. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type MutationUpdateServiceAccountArgs = {
  input: UpdateServiceAccountInput;
};

/** An expected reason a mutation did not happen, or why its outcome is not known (OutcomeUnknownError). */
export type MutationError = {
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** A secret just made, with its value: shown here once, never again. Store it now, with its clientId. */
export type NewServiceAccountSecret = {
  __typename?: 'NewServiceAccountSecret';
  /** The 24-hexadecimal Atlas id of the secret. */
  atlasId: Scalars['String']['output'];
  /** The client id of the account it belongs to: with the value, what obtains tokens (known even when the payload's account could not be read back). */
  clientId: Scalars['String']['output'];
  /** When it was made. */
  createdAt: Scalars['DateTime']['output'];
  /** When it stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** The global id of the account it belongs to (its ServiceAccount.id). */
  serviceAccountId: Scalars['ID']['output'];
  /** The secret itself (`mdb_sa_sk_…`): what obtains access tokens, with the client id. */
  value: Scalars['String']['output'];
};

/** An object with a global id that `node` and `nodes` can fetch. */
export type Node = {
  /** Global id of the object, usable with node and nodes. */
  id: Scalars['ID']['output'];
};

/** What the mutation names does not exist (or is not visible to these credentials). Nothing was changed. */
export type NotFoundError = MutationError & {
  __typename?: 'NotFoundError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** What happens to the old key once the new one is ready. */
export type OldKeyRetirement =
  /** Delete the old key as the last step of the rotation. */
  | 'DELETE_NOW'
  /** Keep the old key working; delete it with deleteApiKey after your grace period. */
  | 'KEEP';

/** Ascending or descending. */
export type OrderDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** An Atlas organization: it owns projects and programmatic API keys. */
export type Organization = Node & {
  __typename?: 'Organization';
  /** API key events of the organization and its projects, deleted keys' included. Newest first, with cursors that stay valid while new events arrive. Reads Atlas's feed in pages of 500; when the gateway filters (always without types, and by key or actor) it reads at most 10 pages, and past that the page ends early with hasNextPage true and endCursor where reading stopped. Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  apiKeyEvents: ApiKeyEventConnection;
  /** The organization's programmatic API keys, in Atlas' order, a page of Atlas at a time. With filter or orderBy, every key of the organization is scanned as keyHygiene does (Atlas filters nothing): counted in the cost limit as HYGIENE_MAX_READS_PER_REQUEST calls more, and the connection's completeness says what the answer covers. */
  apiKeys: ApiKeyConnection;
  /** The 24-hexadecimal Atlas id of the organization. */
  atlasId: Scalars['String']['output'];
  /** The gateway's audit records of mutations that touched this organization, newest first (first and after only). Needs the scope atlas:audit or atlas:audit:<orgId>. Kept for AUDIT_RETENTION_DAYS; without Redis, only those of this replica since it started. */
  auditRecords: AuditRecordConnection;
  /** Global id of the organization: what every argument that names it takes (organization, organizationId, node). */
  id: Scalars['ID']['output'];
  /** Whether the organization has been deleted. */
  isDeleted: Scalars['Boolean']['output'];
  /** The organization's keys judged together. Reads every key's access list (one Atlas call per key, Atlas filters nothing): from the shared cache where it was read within HYGIENE_MAX_AGE_SECONDS, else from Atlas within HYGIENE_MAX_READS_PER_REQUEST and HYGIENE_BUDGET_SHARE of its rate limit; completeness says how much of the organization the answer covers. Counted in the cost limit as that many calls. */
  keyHygiene: KeyHygiene;
  /** Human-readable name of the organization. */
  name: Scalars['String']['output'];
  /** The organization's projects. */
  projects: ProjectConnection;
  /** Service account events of the organization and its projects, deleted accounts' included; null, with UNSUPPORTED_BY_UPSTREAM, on flavors other than Atlas v2. Newest first, with cursors that stay valid while new events arrive. Reads Atlas's feed in pages of 500; when the gateway filters (always without types, and by actor) it reads at most 10 pages, and past that the page ends early with hasNextPage true and endCursor where reading stopped. Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  serviceAccountEvents?: Maybe<ServiceAccountEventConnection>;
  /** The organization's service accounts judged together, by the rules of ServiceAccount.risks: secrets expiring soon, expired secrets still listed, unused secrets, accounts usable from any address, Organization Owner. Reads every account's access list and projects (two Atlas calls per account, Atlas filters nothing): from the shared cache where read within HYGIENE_MAX_AGE_SECONDS, else from Atlas within HYGIENE_MAX_READS_PER_REQUEST calls and HYGIENE_BUDGET_SHARE of its rate limit; completeness says how much of the organization the answer covers. Counted in the cost limit as that many calls. Null, with UNSUPPORTED_BY_UPSTREAM, on flavors other than Atlas v2. */
  serviceAccountHygiene?: Maybe<ServiceAccountHygiene>;
  /** The organization's service accounts (Atlas v2 only: null with UNSUPPORTED_BY_UPSTREAM elsewhere). */
  serviceAccounts?: Maybe<ServiceAccountConnection>;
  /** The organization's settings (one Atlas call). Null with an UNSUPPORTED_BY_UPSTREAM error on Atlas v1.0 and Ops Manager, which have no such endpoint. */
  settings?: Maybe<OrganizationSettings>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationApiKeyEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiKeyEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiKeyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ApiKeyOrder>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationAuditRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationKeyHygieneArgs = {
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationServiceAccountEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ServiceAccountEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationServiceAccountHygieneArgs = {
  expiringWithinDays?: InputMaybe<Scalars['Int']['input']>;
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas organization: it owns projects and programmatic API keys. */
export type OrganizationServiceAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeSystemManaged?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of organizations. */
export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  /** The items of this page, with their cursors. */
  edges: Array<OrganizationEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many organizations there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An organization in a page. */
export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Organization;
};

/** A role an API key can hold in its organization. UNKNOWN stands for a role this gateway does not know yet. */
export type OrganizationRole =
  /** Organization Billing Admin: manages billing. */
  | 'ORG_BILLING_ADMIN'
  /** Organization Billing Viewer: reads billing. */
  | 'ORG_BILLING_READ_ONLY'
  /** Organization Project Creator: may create projects. */
  | 'ORG_GROUP_CREATOR'
  /** Organization Member: read access to the organization. */
  | 'ORG_MEMBER'
  /** Organization Owner: full control of the organization, its keys and every project. */
  | 'ORG_OWNER'
  /** Organization Read Only: reads the organization and every project. */
  | 'ORG_READ_ONLY'
  /** Organization Stream Processing Admin. */
  | 'ORG_STREAM_PROCESSING_ADMIN'
  /** Organization User Admin (Ops Manager): manages users and API keys. */
  | 'ORG_USER_ADMIN'
  /** A role Atlas reported that this gateway does not know; see roleName. */
  | 'UNKNOWN';

/** A role a credential (an API key or a service account) holds in its organization. */
export type OrganizationRoleAssignment = {
  __typename?: 'OrganizationRoleAssignment';
  /** The role; UNKNOWN for a role this gateway does not know yet. */
  role: OrganizationRole;
  /** The role name exactly as Atlas reports it. */
  roleName: Scalars['String']['output'];
};

/** An organization's settings as Atlas returns them (Atlas Admin API v2 only). A null field is one Atlas did not return. */
export type OrganizationSettings = {
  __typename?: 'OrganizationSettings';
  /** Every Admin API call must come from an address on the calling key's (or service account's) access list. When false, a key with an empty access list can be used from anywhere. */
  apiAccessListRequired?: Maybe<Scalars['Boolean']['output']>;
  /** Console session timeouts; null for Atlas' defaults. */
  customSessionTimeouts?: Maybe<SessionTimeouts>;
  /** Generative AI features are enabled. */
  genAIFeaturesEnabled?: Maybe<Scalars['Boolean']['output']>;
  /** The longest a new service-account secret may live, in hours (8 to 8760). */
  maxServiceAccountSecretValidityInHours?: Maybe<Scalars['Int']['output']>;
  /** Members must use multi-factor authentication. */
  multiFactorAuthRequired?: Maybe<Scalars['Boolean']['output']>;
  /** The email address Atlas sends operational notices to. */
  operationsContact?: Maybe<Scalars['String']['output']>;
  /** MongoDB Support may not reach the organization's infrastructure and logs without a bypass. */
  restrictEmployeeAccess?: Maybe<Scalars['Boolean']['output']>;
  /** The email address Atlas sends security notices to. */
  securityContact?: Maybe<Scalars['String']['output']>;
  /** Stream processing may connect across projects. */
  streamsCrossGroupEnabled?: Maybe<Scalars['Boolean']['output']>;
};

/** The change may or may not have been made: Atlas received the request, its answer was lost, and no read could settle it. Check before retrying. */
export type OutcomeUnknownError = MutationError & {
  __typename?: 'OutcomeUnknownError';
  /** Global ids of the keys concerned: the key changed, or keys the request may have created (without their private keys). */
  apiKeyIds: Array<Scalars['ID']['output']>;
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What to look at to find out, and what to do about it. */
  check: Scalars['String']['output'];
  /** The change that may have been made. */
  mayHaveHappened: Scalars['String']['output'];
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
  /** Global ids of the service accounts concerned: the account changed, or accounts the request may have created (without their secrets). */
  serviceAccountIds: Array<Scalars['ID']['output']>;
};

/** Where a page of a connection sits in the whole list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items come before this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** An Atlas project (a "group" in the Admin API) in an organization. */
export type Project = Node & {
  __typename?: 'Project';
  /** API key events of the project (keys added, removed, their roles there). Newest first, with cursors that stay valid while new events arrive. Reads Atlas's feed in pages of 500; when the gateway filters (always without types, and by key or actor) it reads at most 10 pages, and past that the page ends early with hasNextPage true and endCursor where reading stopped. Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  apiKeyEvents: ApiKeyEventConnection;
  /** The API keys assigned to the project; each edge carries the roles the key has here. */
  apiKeys: ProjectApiKeyConnection;
  /** The 24-hexadecimal Atlas id of the project (its group id). */
  atlasId: Scalars['String']['output'];
  /** How many clusters the project has. */
  clusterCount: Scalars['Int']['output'];
  /** When the project was created. */
  created?: Maybe<Scalars['DateTime']['output']>;
  /** Global id of the project: what every argument that names it takes (project, projectId, node). */
  id: Scalars['ID']['output'];
  /** Human-readable name of the project. */
  name: Scalars['String']['output'];
  /** The organization the project belongs to. */
  organization: Organization;
  /** Service account events of the project (accounts added, removed, their roles there); null, with UNSUPPORTED_BY_UPSTREAM, on flavors other than Atlas v2. Newest first, with cursors that stay valid while new events arrive. Reads Atlas's feed in pages of 500; when the gateway filters (always without types, and by actor) it reads at most 10 pages, and past that the page ends early with hasNextPage true and endCursor where reading stopped. Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  serviceAccountEvents?: Maybe<ServiceAccountEventConnection>;
  /** The service accounts assigned to the project; each edge carries the roles the account has here (Atlas v2 only: null with UNSUPPORTED_BY_UPSTREAM elsewhere). */
  serviceAccounts?: Maybe<ProjectServiceAccountConnection>;
};


/** An Atlas project (a "group" in the Admin API) in an organization. */
export type ProjectApiKeyEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiKeyEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas project (a "group" in the Admin API) in an organization. */
export type ProjectApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas project (a "group" in the Admin API) in an organization. */
export type ProjectServiceAccountEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ServiceAccountEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An Atlas project (a "group" in the Admin API) in an organization. */
export type ProjectServiceAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of the API keys of a project. */
export type ProjectApiKeyConnection = {
  __typename?: 'ProjectApiKeyConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ProjectApiKeyEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many API keys there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An API key assigned to a project, with its roles there. */
export type ProjectApiKeyEdge = {
  __typename?: 'ProjectApiKeyEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ApiKey;
  /** The key's roles in this project. */
  roles: Array<ProjectRoleAssignment>;
};

/** A key and a project after a change of the assignment (the change was made). */
export type ProjectApiKeyPayload = {
  __typename?: 'ProjectApiKeyPayload';
  /** The key as Atlas now has it; null only when reading it back failed (see warning). */
  apiKey?: Maybe<ApiKey>;
  /** The project. */
  project?: Maybe<Project>;
  /** Set when the change was made but reading its result back failed (apiKey is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** A key, a project, and the roles the key is to have there. */
export type ProjectApiKeyRolesInput = {
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  apiKeyId: Scalars['ID']['input'];
  /** The project: its Project.id (or its Project.atlasId, the group id). */
  projectId: Scalars['ID']['input'];
  /** The roles (at least one). */
  roles: Array<ProjectRole>;
};

/** A project a credential (an API key or a service account) is assigned to, with its roles there. */
export type ProjectAssignment = {
  __typename?: 'ProjectAssignment';
  /** The project. */
  project: Project;
  /** The credential's roles in the project. */
  roles: Array<ProjectRoleAssignment>;
};

/** A page of projects. */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ProjectEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many projects there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A project in a page. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Project;
};

/** A role an API key can hold in a project (Atlas and Ops Manager roles). UNKNOWN stands for a role this gateway does not know yet. */
export type ProjectRole =
  /** The GROUP_AUTOMATION_ADMIN project role. */
  | 'GROUP_AUTOMATION_ADMIN'
  /** The GROUP_BACKUP_ADMIN project role. */
  | 'GROUP_BACKUP_ADMIN'
  /** The GROUP_BACKUP_MANAGER project role. */
  | 'GROUP_BACKUP_MANAGER'
  /** The GROUP_CLUSTER_MANAGER project role. */
  | 'GROUP_CLUSTER_MANAGER'
  /** The GROUP_DATABASE_ACCESS_ADMIN project role. */
  | 'GROUP_DATABASE_ACCESS_ADMIN'
  /** The GROUP_DATA_ACCESS_ADMIN project role. */
  | 'GROUP_DATA_ACCESS_ADMIN'
  /** The GROUP_DATA_ACCESS_READ_ONLY project role. */
  | 'GROUP_DATA_ACCESS_READ_ONLY'
  /** The GROUP_DATA_ACCESS_READ_WRITE project role. */
  | 'GROUP_DATA_ACCESS_READ_WRITE'
  /** The GROUP_MONITORING_ADMIN project role. */
  | 'GROUP_MONITORING_ADMIN'
  /** The GROUP_OBSERVABILITY_VIEWER project role. */
  | 'GROUP_OBSERVABILITY_VIEWER'
  /** The GROUP_OWNER project role. */
  | 'GROUP_OWNER'
  /** The GROUP_READ_ONLY project role. */
  | 'GROUP_READ_ONLY'
  /** The GROUP_SEARCH_INDEX_EDITOR project role. */
  | 'GROUP_SEARCH_INDEX_EDITOR'
  /** The GROUP_STREAM_PROCESSING_OWNER project role. */
  | 'GROUP_STREAM_PROCESSING_OWNER'
  /** The GROUP_USER_ADMIN project role. */
  | 'GROUP_USER_ADMIN'
  /** A role Atlas reported that this gateway does not know; see roleName. */
  | 'UNKNOWN';

/** A role a credential (an API key or a service account) holds in a project. */
export type ProjectRoleAssignment = {
  __typename?: 'ProjectRoleAssignment';
  /** The role; UNKNOWN for a role this gateway does not know yet. */
  role: ProjectRole;
  /** The role name exactly as Atlas reports it. */
  roleName: Scalars['String']['output'];
};

/** A page of the service accounts of a project. */
export type ProjectServiceAccountConnection = {
  __typename?: 'ProjectServiceAccountConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ProjectServiceAccountEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many service accounts there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A service account assigned to a project, with its roles there. */
export type ProjectServiceAccountEdge = {
  __typename?: 'ProjectServiceAccountEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ServiceAccount;
  /** The account's roles in this project. */
  roles: Array<ProjectRoleAssignment>;
};

/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type Query = {
  __typename?: 'Query';
  /** One API key; null, with a NOT_FOUND error, when there is none. */
  apiKey?: Maybe<ApiKey>;
  /** Fetches an object by its global id. */
  node?: Maybe<Node>;
  /** Fetches objects by their global ids, in order; null where an id is malformed or names nothing, with that error at its index. */
  nodes: Array<Maybe<Node>>;
  /** One organization; null, with a NOT_FOUND error, when there is none. */
  organization?: Maybe<Organization>;
  /** Organizations the credentials can see. */
  organizations: OrganizationConnection;
  /** One project; null, with a NOT_FOUND error, when there is none. */
  project?: Maybe<Project>;
  /** One service account; null, with a NOT_FOUND error, when there is none (with UNSUPPORTED_BY_UPSTREAM on flavors other than Atlas v2). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Who the gateway acts as toward Atlas: the configured key or service account, or in pass-through the caller's own token. */
  viewer: Viewer;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryApiKeyArgs = {
  id: Scalars['ID']['input'];
  organizationId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


/** Reads over organizations, projects, programmatic API keys and their access lists. Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`. */
export type QueryServiceAccountArgs = {
  id: Scalars['ID']['input'];
  organizationId?: InputMaybe<Scalars['ID']['input']>;
};

/** Atlas rate-limited the request; nothing was changed. */
export type RateLimitedError = MutationError & {
  __typename?: 'RateLimitedError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
  /** Seconds to wait before retrying, when Atlas said. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

/** An entry to remove from a key's access list. */
export type RemoveAccessListEntryInput = {
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  apiKeyId: Scalars['ID']['input'];
  /** The address or CIDR block to remove. */
  entry: Scalars['String']['input'];
};

/** An entry removed from a key's access list. */
export type RemoveAccessListEntryPayload = {
  __typename?: 'RemoveAccessListEntryPayload';
  /** The key; its accessList shows the change. Null only when reading it back failed (see warning). */
  apiKey?: Maybe<ApiKey>;
  /** The removed entry, in canonical form. */
  removed: Scalars['String']['output'];
  /** Set when the change was made but reading the key back failed (apiKey is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What removeAccessListEntry did: its payload, or why it did nothing, or that its outcome is unknown. */
export type RemoveAccessListEntryResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | RemoveAccessListEntryPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type RemoveServiceAccountAccessListEntryInput = {
  /** The address or CIDR block to remove. */
  entry: Scalars['String']['input'];
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** An entry removed from a service account's access list. */
export type RemoveServiceAccountAccessListEntryPayload = {
  __typename?: 'RemoveServiceAccountAccessListEntryPayload';
  /** The removed entry, in canonical form. */
  removed: Scalars['String']['output'];
  /** The account; null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the change was made but reading the account back failed (serviceAccount is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What removeServiceAccountAccessListEntry did: its payload, or why it did nothing, or that its outcome is unknown. */
export type RemoveServiceAccountAccessListEntryResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | RemoveServiceAccountAccessListEntryPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** What a finding rests on. */
export type RiskEvidence = {
  __typename?: 'RiskEvidence';
  /** The access-list entry behind the finding. */
  accessListEntry?: Maybe<Scalars['String']['output']>;
  /** For an empty access list: whether the organization requires one (null when its settings could not be read). */
  accessListRequired?: Maybe<Scalars['Boolean']['output']>;
  /** The last use, or the creation of a credential never used. */
  date?: Maybe<Scalars['DateTime']['output']>;
  /** The role behind the finding, as Atlas names it. */
  role?: Maybe<Scalars['String']['output']>;
  /** The service-account secret behind the finding: its ServiceAccountSecret.atlasId. */
  secretId?: Maybe<Scalars['String']['output']>;
};

/** What makes a credential risky. UNKNOWN stands for a kind this schema version does not know; see kindName. */
export type RiskKind =
  /** No project and no organization role beyond Organization Member or Read Only. */
  | 'LEFTOVER'
  /** An access list none of whose entries was ever used, on a credential older than the given number of days. */
  | 'NEVER_USED'
  /** Holds Organization Owner: it can change every key, project and setting of the organization. */
  | 'ORGANIZATION_OWNER'
  /** A service account's expired secret still listed; MEDIUM when the account has no working secret left. */
  | 'SECRET_EXPIRED'
  /** A service account's secret expiring within the given number of days (HYGIENE_SECRET_EXPIRY_DAYS); HIGH when no other secret outlives it. */
  | 'SECRET_EXPIRING'
  /** A service account's working secret that has obtained no token for longer than the given number of days, while the account is in use. */
  | 'SECRET_UNUSED'
  /** A kind added after this schema version; see kindName. */
  | 'UNKNOWN'
  /** Known usage, last use older than the given number of days. */
  | 'UNUSED'
  /** Usable from any address: an empty access list where the organization does not require one, or an entry of 0.0.0.0/0 or ::/0. */
  | 'USABLE_FROM_ANYWHERE'
  /** An access-list range wider than the configured prefix (HYGIENE_WIDE_IPV4_PREFIX, HYGIENE_WIDE_IPV6_PREFIX). */
  | 'WIDE_ACCESS_LIST_RANGE';

/** How many assessed keys have a finding of one kind. */
export type RiskKindCount = {
  __typename?: 'RiskKindCount';
  /** Assessed keys with at least one such finding. */
  keys: Scalars['Int']['output'];
  /** The kind; UNKNOWN for a kind this schema version does not know. */
  kind: RiskKind;
  /** The kind by name. */
  kindName: Scalars['String']['output'];
  /** The severity of findings of this kind (the highest found, for a kind whose severity depends on the case). */
  severity: RiskSeverity;
};

/** How urgent a finding is. */
export type RiskSeverity =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** How many assessed keys have a finding of one severity. */
export type RiskSeverityCount = {
  __typename?: 'RiskSeverityCount';
  /** Assessed keys with at least one finding of this severity. */
  keys: Scalars['Int']['output'];
  /** The severity. */
  severity: RiskSeverity;
};

/** A key to replace with a new one that has the same roles, projects and access list. */
export type RotateApiKeyInput = {
  /** The new key's description; the old key's by default. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The key to rotate: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  id: Scalars['ID']['input'];
  /** Delete the old key now, or keep it for a grace period. */
  oldKey: OldKeyRetirement;
};

/** The new key, a copy of the old one. Its private key is shown here once. */
export type RotateApiKeyPayload = {
  __typename?: 'RotateApiKeyPayload';
  /** Access list entries copied to the new key. */
  accessListEntriesCopied: Scalars['Int']['output'];
  /** The new key (null only if loading a selected field of it failed; the private key is still below). */
  newApiKey?: Maybe<ApiKey>;
  /** The old key, when it was kept; null when it was deleted. */
  oldApiKey?: Maybe<ApiKey>;
  /** Atlas id of the old key. */
  oldApiKeyAtlasId: Scalars['ID']['output'];
  /** Whether the old key is gone (deleted now, or already gone when its deletion was due). */
  oldApiKeyDeleted: Scalars['Boolean']['output'];
  /** Global id of the old key (the key replaced; deleted when oldApiKeyDeleted), to update client caches. */
  oldApiKeyId: Scalars['ID']['output'];
  /** The new private key in clear. Atlas never shows it again. */
  privateKey: Scalars['String']['output'];
  /** Projects the new key was assigned to. */
  projectsAssigned: Scalars['Int']['output'];
};

/** What rotateApiKey did: its payload, or why it did nothing, or what it left and what is unknown. */
export type RotateApiKeyResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | RotateApiKeyPayload | RotationFailedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type RotateServiceAccountSecretInput = {
  /** How long the new secret works: 8 to 8760 hours, and at most what the organization allows. */
  expiresAfterHours: Scalars['Int']['input'];
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** A new secret beside the ones that still work: no workload is locked out. Move every workload to the new secret, then delete the previous ones (deleteServiceAccountSecret), or let them expire. */
export type RotateServiceAccountSecretPayload = {
  __typename?: 'RotateServiceAccountSecretPayload';
  /** The secrets that still work beside it, with when each stops: making the new one shortened their remaining life to at most 7 days. */
  previousSecrets: Array<ServiceAccountSecret>;
  /** When the last previous secret stops working: the deadline to move every workload to the new secret. Null when none still works. */
  previousSecretsWorkUntil?: Maybe<Scalars['DateTime']['output']>;
  /** Expired secrets deleted to make room (Atlas allows 2 per account); they could no longer obtain a token. */
  removedExpiredSecretIds: Array<Scalars['String']['output']>;
  /** The new secret, with its value: the only time it is shown. */
  secret: NewServiceAccountSecret;
  /** The account with its secrets now; null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the change was made but reading the account back failed (serviceAccount is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** What rotateServiceAccountSecret did: its payload, or why it did nothing, or that its outcome is unknown. */
export type RotateServiceAccountSecretResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | RotateServiceAccountSecretPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** A rotation step failed after the new key was created. rolledBack: the new key was deleted again and the old key is unchanged (retrying is safe). Otherwise the new key is still there (or may be), with its private key here. */
export type RotationFailedError = MutationError & {
  __typename?: 'RotationFailedError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** The step that failed. */
  failedStep: RotationStep;
  /** The new key, when it is still there: keep it (its private key is in newPrivateKey) or delete it. */
  leftoverApiKey?: Maybe<ApiKey>;
  /** Global id of the new key when it is, or may be, still there. */
  leftoverApiKeyId?: Maybe<Scalars['ID']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
  /** The new key's private key in clear, when the new key is (or may be) still there. Atlas never shows it again. */
  newPrivateKey?: Maybe<Scalars['String']['output']>;
  /** Whether the old key is still there: true when it is known to be unchanged, false when it is gone, null when that could not be checked. */
  oldApiKeyExists?: Maybe<Scalars['Boolean']['output']>;
  /** Whether the new key was deleted again (nothing is left behind, the old key is unchanged). */
  rolledBack: Scalars['Boolean']['output'];
};

/** A step of a key rotation. */
export type RotationStep =
  /** Assigning the new key to the old one's projects, with the same roles. */
  | 'ASSIGN_PROJECTS'
  /** Copying the old key's access list to the new key. */
  | 'COPY_ACCESS_LIST'
  /** Deleting the old key (when asked to retire it now). */
  | 'DELETE_OLD_KEY';

/** A service account of an organization: an OAuth 2.0 client (client id and expiring secrets) that calls the Admin API with its roles. */
export type ServiceAccount = Node & {
  __typename?: 'ServiceAccount';
  /** The account's IP access list. An empty list lets its tokens be used from anywhere unless the organization requires one. */
  accessList: ServiceAccountAccessListEntryConnection;
  /** The gateway's audit records of mutations that touched this service account, newest first (first and after only). Needs the scope atlas:audit or atlas:audit:<orgId>. Kept for AUDIT_RETENTION_DAYS; without Redis, only those of this replica since it started. */
  auditRecords: AuditRecordConnection;
  /** The OAuth client id (`mdb_sa_id_…`): how Atlas names the account. */
  clientId: Scalars['String']['output'];
  /** When the account was created. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the account is for. */
  description: Scalars['String']['output'];
  /** Global id of the account (it carries the organization id): what every argument that names it takes (serviceAccount, node). */
  id: Scalars['ID']['output'];
  /** The name of the account. */
  name: Scalars['String']['output'];
  /** The organization the account belongs to. */
  organization: Organization;
  /** The 24-hexadecimal Atlas id of the organization the account belongs to. */
  organizationAtlasId: Scalars['String']['output'];
  /** The account's roles in its organization. */
  organizationRoles: Array<OrganizationRoleAssignment>;
  /** The projects the account is assigned to, each with its roles there (one Atlas call per account). */
  projectAssignments: Array<ProjectAssignment>;
  /** What makes the account risky, most severe first: those of every credential (usable from anywhere, Organization Owner, unused) and its secrets' (expiring soon, expired, unused). Reads its access list and projects (shared with usage and projectAssignments) and its organization's settings. */
  risks: Array<CredentialRisk>;
  /** The account's secrets, soonest to expire first. */
  secrets: Array<ServiceAccountSecret>;
  /** How the account has been used: its secrets record each token they obtain, its access-list entries each request (one Atlas call for its access list, shared with risks). */
  usage: CredentialUsage;
};


/** A service account of an organization: an OAuth 2.0 client (client id and expiring secrets) that calls the Admin API with its roles. */
export type ServiceAccountAccessListArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A service account of an organization: an OAuth 2.0 client (client id and expiring secrets) that calls the Admin API with its roles. */
export type ServiceAccountAuditRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
};


/** A service account of an organization: an OAuth 2.0 client (client id and expiring secrets) that calls the Admin API with its roles. */
export type ServiceAccountRisksArgs = {
  expiringWithinDays?: InputMaybe<Scalars['Int']['input']>;
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};

/** An entry of a service account's access list: its tokens may be used only from listed addresses. Atlas updates the use fields up to 5 minutes late. */
export type ServiceAccountAccessListEntry = {
  __typename?: 'ServiceAccountAccessListEntry';
  /** The entry as a CIDR block. */
  cidrBlock?: Maybe<Scalars['String']['output']>;
  /** When the entry was added. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The address, when the entry is a single address. */
  ipAddress?: Maybe<Scalars['String']['output']>;
  /** The address of the last request through this entry. */
  lastUsedAddress?: Maybe<Scalars['String']['output']>;
  /** When the account last made a request through this entry. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Requests made through this entry (0 until it is used). */
  requestCount: Scalars['Int']['output'];
  /** The account the entry belongs to. */
  serviceAccount: ServiceAccount;
};

/** A page of a service account's access list. */
export type ServiceAccountAccessListEntryConnection = {
  __typename?: 'ServiceAccountAccessListEntryConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ServiceAccountAccessListEntryEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many entries there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** An access list entry in a page. */
export type ServiceAccountAccessListEntryEdge = {
  __typename?: 'ServiceAccountAccessListEntryEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ServiceAccountAccessListEntry;
};

/** A page of service accounts. */
export type ServiceAccountConnection = {
  __typename?: 'ServiceAccountConnection';
  /** The items of this page, with their cursors. */
  edges: Array<ServiceAccountEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many service accounts there are in all (Atlas' estimate; null when Atlas does not say). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A service account in a page. */
export type ServiceAccountEdge = {
  __typename?: 'ServiceAccountEdge';
  /** Opaque position of this item; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ServiceAccount;
};

/** A change to a service account of an organization, from Atlas's activity feed. Atlas does not say which account: read the organization's serviceAccounts for how they are now, and an account's auditRecords for the changes made to it through the gateway. */
export type ServiceAccountEvent = {
  __typename?: 'ServiceAccountEvent';
  /** The access list entry acted on, for access list events, when Atlas names it. */
  accessListEntry?: Maybe<Scalars['String']['output']>;
  /** Who did it. */
  actor: ApiKeyEventActor;
  /** The Atlas id of the event. */
  atlasId: Scalars['String']['output'];
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** The project involved; null when none is (or it no longer exists). */
  project?: Maybe<Project>;
  /** The caller's address. */
  remoteAddress?: Maybe<Scalars['String']['output']>;
  /** The gateway's audit record of the mutation that made this change, when it was made through the gateway (null otherwise, or once the record is past AUDIT_RETENTION_DAYS): its serviceAccounts say which account it was, which Atlas's event does not. A record matches as for ApiKeyEvent.requestedBy, but by the account it touched only in that it touched one (Atlas names none): two service account mutations through the same credential at the same time make the match ambiguous, and every candidate is given. Reads the audit store, never Atlas. */
  requestedBy?: Maybe<GatewayRequest>;
  /** What happened; UNKNOWN for a type this gateway does not know yet. */
  type: ServiceAccountEventType;
  /** The event type exactly as Atlas names it. */
  typeName: Scalars['String']['output'];
};

/** A page of service account events, newest first. */
export type ServiceAccountEventConnection = {
  __typename?: 'ServiceAccountEventConnection';
  /** The events of this page, with their cursors. */
  edges: Array<ServiceAccountEventEdge>;
  /** Where this page sits. */
  pageInfo: ServiceAccountEventPageInfo;
};

/** A service account event in a page. */
export type ServiceAccountEventEdge = {
  __typename?: 'ServiceAccountEventEdge';
  /** Position of this event; pass it as `after`. It stays valid as new events arrive. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: ServiceAccountEvent;
};

/** Which service account events to return. Atlas filters types and times; the gateway filters actors, reading more pages (see the field). */
export type ServiceAccountEventFilter = {
  /** Only changes made by the key with this public key. */
  actorPublicKey?: InputMaybe<Scalars['String']['input']>;
  /** Only changes made by this console user (an email). */
  actorUsername?: InputMaybe<Scalars['String']['input']>;
  /** From this time on, inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Up to this time, inclusive; not before from. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only these types (UNKNOWN is not accepted: Atlas filters by names it knows). */
  types?: InputMaybe<Array<ServiceAccountEventType>>;
};

/** Where a page of service account events sits. */
export type ServiceAccountEventPageInfo = {
  __typename?: 'ServiceAccountEventPageInfo';
  /** Where reading stopped: pass it as `after` for the next page (past the last edge when filtered events followed it). */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether older events may follow (true as well when the page ended early at the page bound). */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether this page follows a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first event of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What happened to a service account. UNKNOWN stands for a service account event this gateway does not know yet (see typeName). */
export type ServiceAccountEventType =
  /** Atlas's SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED event. */
  | 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED'
  /** Atlas's SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED event. */
  | 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED'
  /** Atlas's SERVICE_ACCOUNT_ADDED_TO_GROUP event. */
  | 'SERVICE_ACCOUNT_ADDED_TO_GROUP'
  /** Atlas's SERVICE_ACCOUNT_CREATED event. */
  | 'SERVICE_ACCOUNT_CREATED'
  /** Atlas's SERVICE_ACCOUNT_DELETED event. */
  | 'SERVICE_ACCOUNT_DELETED'
  /** Atlas's SERVICE_ACCOUNT_DETAILS_CHANGED event. */
  | 'SERVICE_ACCOUNT_DETAILS_CHANGED'
  /** Atlas's SERVICE_ACCOUNT_REMOVED_FROM_GROUP event. */
  | 'SERVICE_ACCOUNT_REMOVED_FROM_GROUP'
  /** Atlas's SERVICE_ACCOUNT_ROLES_CHANGED event. */
  | 'SERVICE_ACCOUNT_ROLES_CHANGED'
  /** Atlas's SERVICE_ACCOUNT_SECRET_ADDED event. */
  | 'SERVICE_ACCOUNT_SECRET_ADDED'
  /** Atlas's SERVICE_ACCOUNT_SECRET_DELETED event. */
  | 'SERVICE_ACCOUNT_SECRET_DELETED'
  /** Atlas's SERVICE_ACCOUNT_UI_IP_ACCESS_LIST_INHERITANCE_DISABLED event. */
  | 'SERVICE_ACCOUNT_UI_IP_ACCESS_LIST_INHERITANCE_DISABLED'
  /** Atlas's SERVICE_ACCOUNT_UI_IP_ACCESS_LIST_INHERITANCE_ENABLED event. */
  | 'SERVICE_ACCOUNT_UI_IP_ACCESS_LIST_INHERITANCE_ENABLED'
  /** A service account event Atlas reported that this gateway does not know; see typeName. */
  | 'UNKNOWN';

/** An organization's accounts judged together: findings per kind and severity, and how complete the answer is. */
export type ServiceAccountHygiene = {
  __typename?: 'ServiceAccountHygiene';
  /** Whether the organization requires an API access list; null when its settings could not be read. */
  accessListRequired?: Maybe<Scalars['Boolean']['output']>;
  /** Assessed accounts with at least one finding. */
  accountsWithFindings: Scalars['Int']['output'];
  /** Assessed accounts whose usage Atlas does not record: unknown, not unused. */
  accountsWithUnknownUsage: Scalars['Int']['output'];
  /** Assessed accounts per finding kind (every kind, zeros included). */
  byKind: Array<ServiceAccountRiskKindCount>;
  /** Assessed accounts per severity of their findings (each account counts once per severity it has). */
  bySeverity: Array<ServiceAccountRiskSeverityCount>;
  /** How complete and how fresh the answer is. */
  completeness: ServiceAccountScanCompleteness;
};

export type ServiceAccountIdInput = {
  /** The account: its ServiceAccount.id. */
  id: Scalars['ID']['input'];
};

/** A service account after a change. */
export type ServiceAccountPayload = {
  __typename?: 'ServiceAccountPayload';
  /** The account as Atlas now has it; null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the change was made but reading the account back failed (serviceAccount is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

/** A service account's assignment to a project after a change. */
export type ServiceAccountProjectPayload = {
  __typename?: 'ServiceAccountProjectPayload';
  /** The project. */
  project: Project;
  /** The account; its projectAssignments show the change. Null only when reading it back failed (see warning). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** Set when the change was made but reading the account back failed (serviceAccount is then null). */
  warning?: Maybe<Scalars['String']['output']>;
};

export type ServiceAccountProjectRolesInput = {
  /** A project of the account's organization: its Project.id (or its Project.atlasId). */
  projectId: Scalars['ID']['input'];
  /** Its roles in the project (at least one). */
  roles: Array<ProjectRole>;
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** How many assessed accounts have a finding of one kind. */
export type ServiceAccountRiskKindCount = {
  __typename?: 'ServiceAccountRiskKindCount';
  /** Assessed accounts with at least one such finding. */
  accounts: Scalars['Int']['output'];
  /** The kind; UNKNOWN for a kind this schema version does not know. */
  kind: RiskKind;
  /** The kind by name. */
  kindName: Scalars['String']['output'];
  /** The severity of findings of this kind (the highest found, for a kind whose severity depends on the case). */
  severity: RiskSeverity;
};

/** How many assessed accounts have a finding of one severity. */
export type ServiceAccountRiskSeverityCount = {
  __typename?: 'ServiceAccountRiskSeverityCount';
  /** Assessed accounts with at least one finding of this severity. */
  accounts: Scalars['Int']['output'];
  /** The severity. */
  severity: RiskSeverity;
};

/** How complete and how fresh an answer over every account of an organization is: reading each account's access list and projects takes Atlas calls, made within a share of Atlas' rate limits. */
export type ServiceAccountScanCompleteness = {
  __typename?: 'ServiceAccountScanCompleteness';
  /** Accounts whose access list and projects the answer could use. */
  accountsAssessed: Scalars['Int']['output'];
  /** Accounts whose access list and projects these credentials may not read (needs Organization Owner). */
  accountsForbidden: Scalars['Int']['output'];
  /** Accounts not read yet: the per-request share or the rate-limit budget stopped the scan; a later request goes on. */
  accountsPending: Scalars['Int']['output'];
  /** Accounts of the organization. */
  accountsTotal: Scalars['Int']['output'];
  /** Atlas calls this request made for the answer (the rest came from the shared cache). */
  atlasReads: Scalars['Int']['output'];
  /** Whether every account was assessed. */
  complete: Scalars['Boolean']['output'];
  /** When the oldest read the answer used was made to Atlas (HYGIENE_MAX_AGE_SECONDS at most ago); null when none was. */
  oldestReadAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why some are pending, in words; null when none is. */
  pendingReason?: Maybe<Scalars['String']['output']>;
};

/** A secret of a service account: what it obtains access tokens with, until it expires. Its value is shown only in the payload of the mutation that made it. */
export type ServiceAccountSecret = {
  __typename?: 'ServiceAccountSecret';
  /** The 24-hexadecimal Atlas id of the secret. */
  atlasId: Scalars['String']['output'];
  /** When the secret was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Whether expiresAt has passed. */
  expired: Scalars['Boolean']['output'];
  /** When the secret stops working: Atlas issues no token for it from then on. */
  expiresAt: Scalars['DateTime']['output'];
  /** When the secret last obtained an access token; null when Atlas has no record of a use. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The secret as Atlas shows it after its creation: masked. */
  maskedValue?: Maybe<Scalars['String']['output']>;
};

/** The organization's console session timeouts; a null field is Atlas' default. */
export type SessionTimeouts = {
  __typename?: 'SessionTimeouts';
  /** A session ends this long after sign-in (3600 to 43200). */
  absoluteSessionTimeoutInSeconds?: Maybe<Scalars['Int']['output']>;
  /** A session ends after this long without activity (300 or more). */
  idleSessionTimeoutInSeconds?: Maybe<Scalars['Int']['output']>;
};

/** What setProjectApiKeyRoles did: its payload, or why it did nothing, or that its outcome is unknown. */
export type SetProjectApiKeyRolesResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | ProjectApiKeyPayload | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** What setServiceAccountProjectRoles did: its payload, or why it did nothing, or that its outcome is unknown. */
export type SetServiceAccountProjectRolesResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | ServiceAccountProjectPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** API key and service account changes as they happen, whoever made them: Atlas's feed is polled for every organization someone subscribes to (FEED_POLL_INTERVAL_SECONDS), and a change made through the gateway is heard of at once. Over Server-Sent Events (Accept: text/event-stream) or WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql. */
export type Subscription = {
  __typename?: 'Subscription';
  /** The key now, and again each time it changes (its description, roles, access list or projects), whoever changed it; null once, when it is deleted, and then the subscription ends. When the key cannot be read again after a change (Atlas unavailable, its budget spent), that payload is the error, and the subscription goes on. Needs the atlas:read scope (or atlas:read:<orgId>). */
  apiKey?: Maybe<ApiKey>;
  /** The organization's API key events (its projects' included) from now on, as Atlas records them: a change made through the gateway within one Atlas call, one made elsewhere within the poll interval. Each event is as in Organization.apiKeyEvents, with requestedBy. Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  apiKeyEvents: ApiKeyEvent;
  /** The service account now, and again each time it changes (its name, description, roles, secrets, projects or access list), whoever changed it; null once, when it is deleted, and then the subscription ends. When the account cannot be read again after a change (Atlas unavailable, its budget spent), that payload is the error, and the subscription goes on. Atlas's events do not say which account changed, so each service account event of the organization has the account read again (shared by every subscriber), and it is sent only when it differs. Needs the atlas:read scope (or atlas:read:<orgId>). */
  serviceAccount?: Maybe<ServiceAccount>;
  /** The organization's service account events (its projects' included) from now on, as Atlas records them: a change made through the gateway within one Atlas call, one made elsewhere within the poll interval. Atlas does not say which account an event is about (see ServiceAccountEvent). Needs the atlas:audit scope (or atlas:audit:<orgId>). */
  serviceAccountEvents: ServiceAccountEvent;
};


/** API key and service account changes as they happen, whoever made them: Atlas's feed is polled for every organization someone subscribes to (FEED_POLL_INTERVAL_SECONDS), and a change made through the gateway is heard of at once. Over Server-Sent Events (Accept: text/event-stream) or WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql. */
export type SubscriptionApiKeyArgs = {
  id: Scalars['ID']['input'];
};


/** API key and service account changes as they happen, whoever made them: Atlas's feed is polled for every organization someone subscribes to (FEED_POLL_INTERVAL_SECONDS), and a change made through the gateway is heard of at once. Over Server-Sent Events (Accept: text/event-stream) or WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql. */
export type SubscriptionApiKeyEventsArgs = {
  organizationId: Scalars['ID']['input'];
  types?: InputMaybe<Array<ApiKeyEventType>>;
};


/** API key and service account changes as they happen, whoever made them: Atlas's feed is polled for every organization someone subscribes to (FEED_POLL_INTERVAL_SECONDS), and a change made through the gateway is heard of at once. Over Server-Sent Events (Accept: text/event-stream) or WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql. */
export type SubscriptionServiceAccountArgs = {
  id: Scalars['ID']['input'];
};


/** API key and service account changes as they happen, whoever made them: Atlas's feed is polled for every organization someone subscribes to (FEED_POLL_INTERVAL_SECONDS), and a change made through the gateway is heard of at once. Over Server-Sent Events (Accept: text/event-stream) or WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql. */
export type SubscriptionServiceAccountEventsArgs = {
  organizationId: Scalars['ID']['input'];
  types?: InputMaybe<Array<ServiceAccountEventType>>;
};

/** A key to take out of a project; it stays in its organization. */
export type UnassignApiKeyFromProjectInput = {
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  apiKeyId: Scalars['ID']['input'];
  /** The project: its Project.id (or its Project.atlasId, the group id). */
  projectId: Scalars['ID']['input'];
};

/** What unassignApiKeyFromProject did: its payload, or why it did nothing, or that its outcome is unknown. */
export type UnassignApiKeyFromProjectResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | ProjectApiKeyPayload | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

export type UnassignServiceAccountFromProjectInput = {
  /** The project: its Project.id (or its Project.atlasId). */
  projectId: Scalars['ID']['input'];
  /** The account: its ServiceAccount.id. */
  serviceAccountId: Scalars['ID']['input'];
};

/** What unassignServiceAccountFromProject did: its payload, or why it did nothing, or that its outcome is unknown. */
export type UnassignServiceAccountFromProjectResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | ServiceAccountProjectPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** The Atlas flavor the gateway is configured for has no such operation (service accounts on Atlas v1.0 or Ops Manager), as queries' UNSUPPORTED_BY_UPSTREAM code says: nothing was sent, and nothing was changed. */
export type UnsupportedByUpstreamError = MutationError & {
  __typename?: 'UnsupportedByUpstreamError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** The configured flavor: atlas-v1 or ops-manager. */
  flavor: Scalars['String']['output'];
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** A change of a key's description or organization roles (the roles given replace the current ones). */
export type UpdateApiKeyInput = {
  /** The new description (1 to 250 characters). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The key: its ApiKey.id (an Atlas key id alone does not say the key's organization). */
  id: Scalars['ID']['input'];
  /** The new organization roles (at least one); project roles are not touched. */
  roles?: InputMaybe<Array<OrganizationRole>>;
};

/** What updateApiKey did: its payload, or why it did nothing, or that its outcome is unknown. */
export type UpdateApiKeyResult = ApiKeyPayload | ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** A change to an organization's settings; a field left out stays as it is. */
export type UpdateOrganizationSettingsInput = {
  /** Require every Admin API call to come from an address on the calling credential's access list. Turning it on locks out every key with an empty list. */
  apiAccessListRequired?: InputMaybe<Scalars['Boolean']['input']>;
  /** The organization: its Organization.id (or its Organization.atlasId). */
  organizationId: Scalars['ID']['input'];
};

/** The organization's settings after the change. */
export type UpdateOrganizationSettingsPayload = {
  __typename?: 'UpdateOrganizationSettingsPayload';
  /** The settings as Atlas holds them now. */
  settings: OrganizationSettings;
};

/** What updateOrganizationSettings did: its payload, or why it did nothing, or that its outcome is unknown. */
export type UpdateOrganizationSettingsResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | UnsupportedByUpstreamError | UpdateOrganizationSettingsPayload | UpstreamUnavailableError | ValidationError;

export type UpdateServiceAccountInput = {
  /** A new description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The account: its ServiceAccount.id. */
  id: Scalars['ID']['input'];
  /** A new name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The new organization roles (at least one); project roles are not touched. */
  roles?: InputMaybe<Array<OrganizationRole>>;
};

/** What updateServiceAccount did: its payload, or why it did nothing, or that its outcome is unknown. */
export type UpdateServiceAccountResult = ConflictError | ForbiddenError | NotFoundError | OutcomeUnknownError | RateLimitedError | ServiceAccountPayload | UnsupportedByUpstreamError | UpstreamUnavailableError | ValidationError;

/** Atlas failed or could not be reached, and the change was not made (the gateway checked): retrying is safe. */
export type UpstreamUnavailableError = MutationError & {
  __typename?: 'UpstreamUnavailableError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
  /** Seconds to wait before retrying, when Atlas said. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

/** Why the usage of a credential cannot be known. */
export type UsageUnknownReason =
  /** Atlas records usage only on access-list entries, and this credential has none. */
  | 'EMPTY_ACCESS_LIST';

/** An input was invalid; nothing was sent to Atlas, or Atlas refused the input. */
export type ValidationError = MutationError & {
  __typename?: 'ValidationError';
  /** Atlas' errorCode, when Atlas gave one. */
  atlasErrorCode?: Maybe<Scalars['String']['output']>;
  /** Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first. */
  changesMade: Array<Scalars['String']['output']>;
  /** Path of the offending input field, e.g. input.roles[1]. */
  field: Scalars['String']['output'];
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** The credential the gateway calls Atlas with. Atlas records every change made through the gateway as made by it, whoever asked the gateway. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Its API access list as Atlas reports it: CIDR blocks (a single address as /32 or /128). */
  accessList: Array<Scalars['String']['output']>;
  /** The credential as an organization API key of this graph, with its usage and everything else a key has; null when it is not one (Atlas' "who am I" names no organization key). */
  apiKey?: Maybe<ApiKey>;
  /** The configured service account's client id; null otherwise. */
  clientId?: Maybe<Scalars['String']['output']>;
  /** What kind of credential it is. */
  kind: CredentialKind;
  /** Its roles in organizations, as Atlas reports them (one "who am I" call per request). */
  organizationRoles: Array<ViewerOrganizationRole>;
  /** Its roles in projects, as Atlas reports them. */
  projectRoles: Array<ViewerProjectRole>;
  /** The API key's public key: the configured one, or the one Atlas names for a caller's token. Null for a service account. */
  publicKey?: Maybe<Scalars['String']['output']>;
  /** What makes the credential risky, as ApiKey.risks says it (as ServiceAccount.risks for a service account: its secrets expiring among them). When it is no organization key this graph can read, from Atlas' "who am I" answer, which has no usage: UNUSED and NEVER_USED are then not judged. */
  risks?: Maybe<Array<CredentialRisk>>;
  /** The configured service account as an account of this graph, with its secrets (when each expires: the gateway stops working when the one it holds does), projects and risks; null when the credential is no service account, or no organization it can read shows it. Its client id does not say its organization: the organizations are listed, then it is read in each. */
  serviceAccount?: Maybe<ServiceAccount>;
};


/** The credential the gateway calls Atlas with. Atlas records every change made through the gateway as made by it, whoever asked the gateway. */
export type ViewerRisksArgs = {
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A role the credential holds in an organization. */
export type ViewerOrganizationRole = {
  __typename?: 'ViewerOrganizationRole';
  /** The organization. */
  organization: Organization;
  /** The role; UNKNOWN for a role this gateway does not know yet. */
  role: OrganizationRole;
  /** The role name exactly as Atlas reports it. */
  roleName: Scalars['String']['output'];
};

/** A role the credential holds in a project. */
export type ViewerProjectRole = {
  __typename?: 'ViewerProjectRole';
  /** The project. */
  project: Project;
  /** The role; UNKNOWN for a role this gateway does not know yet. */
  role: ProjectRole;
  /** The role name exactly as Atlas reports it. */
  roleName: Scalars['String']['output'];
};

export type ApiKeyAuditRecordsQueryVariables = Exact<{
  organizationId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ApiKeyAuditRecordsQuery = { __typename?: 'Query', apiKey?: { __typename?: 'ApiKey', publicKey: string, auditRecords: { __typename?: 'AuditRecordConnection', edges: Array<{ __typename?: 'AuditRecordEdge', node: { __typename?: 'AuditRecord', id: string, at: string, operation: string, outcome: AuditOutcome, resultType: string, caller: { __typename?: 'AuditCaller', kind: AuditCallerKind, subject?: string | null, issuer?: string | null }, apiKeys: Array<{ __typename?: 'AuditedApiKey', atlasId: string, publicKey?: string | null }> } }> } } | null };

export type ApiKeyDetailQueryVariables = Exact<{
  organizationId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
}>;


export type ApiKeyDetailQuery = { __typename?: 'Query', apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organization: { __typename?: 'Organization', atlasId: string, name: string }, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole, roleName: string }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string, name: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole, roleName: string }> }>, accessList: { __typename?: 'AccessListEntryConnection', totalCount?: number | null, edges: Array<{ __typename?: 'AccessListEntryEdge', node: { __typename?: 'AccessListEntry', id: string, ipAddress?: string | null, cidrBlock?: string | null, count: number, created?: string | null, lastUsed?: string | null, lastUsedAddress?: string | null } }> } } | null };

type MutationFailure_ConflictError_Fragment = { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null };

type MutationFailure_ForbiddenError_Fragment = { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null };

type MutationFailure_NotFoundError_Fragment = { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null };

type MutationFailure_OutcomeUnknownError_Fragment = { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null };

type MutationFailure_RateLimitedError_Fragment = { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null };

type MutationFailure_RotationFailedError_Fragment = { __typename: 'RotationFailedError', message: string, atlasErrorCode?: string | null };

type MutationFailure_UnsupportedByUpstreamError_Fragment = { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null };

type MutationFailure_UpstreamUnavailableError_Fragment = { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null };

type MutationFailure_ValidationError_Fragment = { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null };

export type MutationFailureFragment = MutationFailure_ConflictError_Fragment | MutationFailure_ForbiddenError_Fragment | MutationFailure_NotFoundError_Fragment | MutationFailure_OutcomeUnknownError_Fragment | MutationFailure_RateLimitedError_Fragment | MutationFailure_RotationFailedError_Fragment | MutationFailure_UnsupportedByUpstreamError_Fragment | MutationFailure_UpstreamUnavailableError_Fragment | MutationFailure_ValidationError_Fragment;

export type KeySummaryFragment = { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'CreateApiKeyPayload', privateKey: string, apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type UpdateApiKeyMutationVariables = Exact<{
  input: UpdateApiKeyInput;
}>;


export type UpdateApiKeyMutation = { __typename?: 'Mutation', updateApiKey: { __typename: 'ApiKeyPayload', apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null } | { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type DeleteApiKeyMutationVariables = Exact<{
  input: DeleteApiKeyInput;
}>;


export type DeleteApiKeyMutation = { __typename?: 'Mutation', deleteApiKey: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'DeleteApiKeyPayload', deletedId: string, deletedApiKeyId: string, deletedPublicKey?: string | null, organization?: { __typename?: 'Organization', apiKeys: { __typename?: 'ApiKeyConnection', totalCount?: number | null } } | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type AddAccessListEntriesMutationVariables = Exact<{
  input: AddAccessListEntriesInput;
}>;


export type AddAccessListEntriesMutation = { __typename?: 'Mutation', addAccessListEntries: { __typename: 'AddAccessListEntriesPayload', added: Array<string>, duplicates: Array<string>, warning?: string | null, apiKey?: { __typename?: 'ApiKey', accessList: { __typename?: 'AccessListEntryConnection', totalCount?: number | null, edges: Array<{ __typename?: 'AccessListEntryEdge', node: { __typename?: 'AccessListEntry', ipAddress?: string | null, cidrBlock?: string | null } }> } } | null } | { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type RemoveAccessListEntryMutationVariables = Exact<{
  input: RemoveAccessListEntryInput;
}>;


export type RemoveAccessListEntryMutation = { __typename?: 'Mutation', removeAccessListEntry: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'RemoveAccessListEntryPayload', removed: string, warning?: string | null, apiKey?: { __typename?: 'ApiKey', accessList: { __typename?: 'AccessListEntryConnection', totalCount?: number | null } } | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type CreateProjectApiKeyMutationVariables = Exact<{
  input: CreateProjectApiKeyInput;
}>;


export type CreateProjectApiKeyMutation = { __typename?: 'Mutation', createProjectApiKey: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'CreateProjectApiKeyPayload', privateKey: string, project?: { __typename?: 'Project', atlasId: string } | null, apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type AssignApiKeyToProjectMutationVariables = Exact<{
  input: ProjectApiKeyRolesInput;
}>;


export type AssignApiKeyToProjectMutation = { __typename?: 'Mutation', assignApiKeyToProject: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'ProjectApiKeyPayload', warning?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type SetProjectApiKeyRolesMutationVariables = Exact<{
  input: ProjectApiKeyRolesInput;
}>;


export type SetProjectApiKeyRolesMutation = { __typename?: 'Mutation', setProjectApiKeyRoles: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'ProjectApiKeyPayload', warning?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type UnassignApiKeyFromProjectMutationVariables = Exact<{
  input: UnassignApiKeyFromProjectInput;
}>;


export type UnassignApiKeyFromProjectMutation = { __typename?: 'Mutation', unassignApiKeyFromProject: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'ProjectApiKeyPayload', warning?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type RotateApiKeyMutationVariables = Exact<{
  input: RotateApiKeyInput;
}>;


export type RotateApiKeyMutation = { __typename?: 'Mutation', rotateApiKey: { __typename: 'ConflictError', message: string, atlasErrorCode?: string | null } | { __typename: 'ForbiddenError', message: string, atlasErrorCode?: string | null } | { __typename: 'NotFoundError', message: string, atlasErrorCode?: string | null } | { __typename: 'OutcomeUnknownError', mayHaveHappened: string, check: string, apiKeyIds: Array<string>, message: string, atlasErrorCode?: string | null } | { __typename: 'RateLimitedError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'RotateApiKeyPayload', privateKey: string, oldApiKeyDeleted: boolean, oldApiKeyId: string, oldApiKeyAtlasId: string, projectsAssigned: number, accessListEntriesCopied: number, newApiKey?: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, accessList: { __typename?: 'AccessListEntryConnection', edges: Array<{ __typename?: 'AccessListEntryEdge', node: { __typename?: 'AccessListEntry', ipAddress?: string | null, cidrBlock?: string | null } }> }, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }> } | null, oldApiKey?: { __typename?: 'ApiKey', atlasId: string } | null } | { __typename: 'RotationFailedError', message: string, failedStep: RotationStep, rolledBack: boolean, oldApiKeyExists?: boolean | null, leftoverApiKeyId?: string | null, newPrivateKey?: string | null, atlasErrorCode?: string | null, leftoverApiKey?: { __typename?: 'ApiKey', atlasId: string } | null } | { __typename: 'UnsupportedByUpstreamError', message: string, atlasErrorCode?: string | null } | { __typename: 'UpstreamUnavailableError', retryAfterSeconds?: number | null, message: string, atlasErrorCode?: string | null } | { __typename: 'ValidationError', field: string, message: string, atlasErrorCode?: string | null } };

export type AuditRecordFieldsFragment = { __typename?: 'AuditRecord', id: string, at: string, requestId?: string | null, operation: string, input: string, outcome: AuditOutcome, resultType: string, organizationAtlasId?: string | null, projectAtlasId?: string | null, caller: { __typename?: 'AuditCaller', kind: AuditCallerKind, subject?: string | null, issuer?: string | null, tokenHashPrefix?: string | null }, credential: { __typename?: 'AuditCredential', kind: CredentialKind, publicKey?: string | null, clientId?: string | null }, apiKeys: Array<{ __typename?: 'AuditedApiKey', atlasId: string, publicKey?: string | null }> };

export type OrganizationAuditRecordsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
}>;


export type OrganizationAuditRecordsQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', auditRecords: { __typename?: 'AuditRecordConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'AuditRecordEdge', node: { __typename?: 'AuditRecord', id: string, at: string, requestId?: string | null, operation: string, input: string, outcome: AuditOutcome, resultType: string, organizationAtlasId?: string | null, projectAtlasId?: string | null, caller: { __typename?: 'AuditCaller', kind: AuditCallerKind, subject?: string | null, issuer?: string | null, tokenHashPrefix?: string | null }, credential: { __typename?: 'AuditCredential', kind: CredentialKind, publicKey?: string | null, clientId?: string | null }, apiKeys: Array<{ __typename?: 'AuditedApiKey', atlasId: string, publicKey?: string | null }> } }> } } | null };

export type KeyHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type KeyHistoryQuery = { __typename?: 'Query', apiKey?: { __typename?: 'ApiKey', id: string, description: string, publicKey: string, createdAt?: string | null, events: { __typename?: 'ApiKeyEventConnection', pageInfo: { __typename?: 'ApiKeyEventPageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ApiKeyEventEdge', node: { __typename?: 'ApiKeyEvent', atlasId: string, type: ApiKeyEventType, typeName: string, createdAt: string, accessListEntry?: string | null, remoteAddress?: string | null, project?: { __typename?: 'Project', id: string, name: string } | null, actor: { __typename?: 'ApiKeyEventActor', kind: ApiKeyEventActorKind, username?: string | null, publicKey?: string | null, clientId?: string | null, apiKey?: { __typename?: 'ApiKey', id: string, description: string } | null }, target: { __typename?: 'ApiKeyEventTarget', publicKey?: string | null, apiKey?: { __typename?: 'ApiKey', id: string } | null }, requestedBy?: { __typename?: 'GatewayRequest', ambiguous: boolean, caller?: { __typename?: 'AuditCaller', kind: AuditCallerKind, subject?: string | null, issuer?: string | null } | null, record?: { __typename?: 'AuditRecord', id: string, operation: string, outcome: AuditOutcome, requestId?: string | null } | null } | null } }> } } | null };

export type KeyHygieneQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
}>;


export type KeyHygieneQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, atlasId: string, name: string, settings?: { __typename?: 'OrganizationSettings', apiAccessListRequired?: boolean | null } | null, apiKeys: { __typename?: 'ApiKeyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ApiKeyEdge', node: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, createdAt?: string | null, usage?: { __typename?: 'CredentialUsage', known: boolean, unknownReason?: UsageUnknownReason | null, lastUsedAt?: string | null, lastUsedFrom?: string | null, requestCount?: number | null } | null, risks?: Array<{ __typename?: 'CredentialRisk', kind: RiskKind, kindName: string, severity: RiskSeverity, message: string, evidence: { __typename?: 'RiskEvidence', accessListEntry?: string | null, role?: string | null, date?: string | null, accessListRequired?: boolean | null } }> | null } }> } } | null };

export type OrganizationDashboardQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type OrganizationDashboardQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, atlasId: string, name: string, projects: { __typename?: 'ProjectConnection', totalCount?: number | null, edges: Array<{ __typename?: 'ProjectEdge', node: { __typename?: 'Project', atlasId: string, name: string, clusterCount: number, created?: string | null } }> }, apiKeys: { __typename?: 'ApiKeyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ApiKeyEdge', node: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string, maskedPrivateKey?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole, roleName: string }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string, name: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole, roleName: string }> }> } }> } } | null };

export type ProjectApiKeysQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProjectApiKeysQuery = { __typename?: 'Query', project?: { __typename?: 'Project', id: string, atlasId: string, name: string, organization: { __typename?: 'Organization', atlasId: string, name: string }, apiKeys: { __typename?: 'ProjectApiKeyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProjectApiKeyEdge', roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole, roleName: string }>, node: { __typename?: 'ApiKey', id: string, atlasId: string, description: string, publicKey: string } }> } } | null };

export type ServiceAccountHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ServiceAccountHistoryQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, name: string, serviceAccountEvents?: { __typename?: 'ServiceAccountEventConnection', pageInfo: { __typename?: 'ServiceAccountEventPageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ServiceAccountEventEdge', node: { __typename?: 'ServiceAccountEvent', atlasId: string, type: ServiceAccountEventType, typeName: string, createdAt: string, accessListEntry?: string | null, remoteAddress?: string | null, project?: { __typename?: 'Project', id: string, name: string } | null, actor: { __typename?: 'ApiKeyEventActor', kind: ApiKeyEventActorKind, username?: string | null, publicKey?: string | null, clientId?: string | null }, requestedBy?: { __typename?: 'GatewayRequest', ambiguous: boolean, caller?: { __typename?: 'AuditCaller', kind: AuditCallerKind, subject?: string | null, issuer?: string | null } | null, record?: { __typename?: 'AuditRecord', id: string, operation: string, outcome: AuditOutcome, serviceAccounts: Array<{ __typename?: 'AuditedServiceAccount', clientId: string }> } | null } | null } }> } | null } | null };

export type ServiceAccountHygieneQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  expiringWithinDays?: InputMaybe<Scalars['Int']['input']>;
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ServiceAccountHygieneQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, name: string, serviceAccountHygiene?: { __typename?: 'ServiceAccountHygiene', accessListRequired?: boolean | null, accountsWithFindings: number, accountsWithUnknownUsage: number, byKind: Array<{ __typename?: 'ServiceAccountRiskKindCount', kind: RiskKind, severity: RiskSeverity, accounts: number }>, bySeverity: Array<{ __typename?: 'ServiceAccountRiskSeverityCount', severity: RiskSeverity, accounts: number }>, completeness: { __typename?: 'ServiceAccountScanCompleteness', accountsTotal: number, accountsAssessed: number, accountsForbidden: number, accountsPending: number, complete: boolean, oldestReadAt?: string | null, atlasReads: number, pendingReason?: string | null } } | null } | null };

export type OrganizationServiceAccountsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type OrganizationServiceAccountsQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, name: string, serviceAccounts?: { __typename?: 'ServiceAccountConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ServiceAccountEdge', node: { __typename?: 'ServiceAccount', id: string, clientId: string, name: string, description: string, createdAt?: string | null, organizationRoles: Array<{ __typename?: 'OrganizationRoleAssignment', role: OrganizationRole }>, projectAssignments: Array<{ __typename?: 'ProjectAssignment', project: { __typename?: 'Project', atlasId: string, name: string }, roles: Array<{ __typename?: 'ProjectRoleAssignment', role: ProjectRole }> }>, secrets: Array<{ __typename?: 'ServiceAccountSecret', atlasId: string, createdAt: string, expiresAt: string, expired: boolean, lastUsedAt?: string | null, maskedValue?: string | null }>, accessList: { __typename?: 'ServiceAccountAccessListEntryConnection', edges: Array<{ __typename?: 'ServiceAccountAccessListEntryEdge', node: { __typename?: 'ServiceAccountAccessListEntry', ipAddress?: string | null, cidrBlock?: string | null, lastUsedAt?: string | null, requestCount: number } }> } } }> } | null } | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', kind: CredentialKind, publicKey?: string | null, clientId?: string | null, accessList: Array<string>, organizationRoles: Array<{ __typename?: 'ViewerOrganizationRole', role: OrganizationRole, roleName: string, organization: { __typename?: 'Organization', id: string, name: string } }>, projectRoles: Array<{ __typename?: 'ViewerProjectRole', role: ProjectRole, roleName: string, project: { __typename?: 'Project', id: string, name: string } }>, apiKey?: { __typename?: 'ApiKey', id: string, description: string, createdAt?: string | null, usage?: { __typename?: 'CredentialUsage', known: boolean, unknownReason?: UsageUnknownReason | null, lastUsedAt?: string | null, lastUsedFrom?: string | null, requestCount?: number | null } | null } | null, risks?: Array<{ __typename?: 'CredentialRisk', kind: RiskKind, kindName: string, severity: RiskSeverity, message: string, evidence: { __typename?: 'RiskEvidence', accessListEntry?: string | null, role?: string | null, date?: string | null, accessListRequired?: boolean | null } }> | null } };

export const MutationFailureFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<MutationFailureFragment, unknown>;
export const KeySummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<KeySummaryFragment, unknown>;
export const AuditRecordFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditRecordFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"resultType"}},{"kind":"Field","name":{"kind":"Name","value":"organizationAtlasId"}},{"kind":"Field","name":{"kind":"Name","value":"projectAtlasId"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"tokenHashPrefix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]} as unknown as DocumentNode<AuditRecordFieldsFragment, unknown>;
export const ApiKeyAuditRecordsDocument = {"__meta__":{"hash":"96b0cf945b4828487e173dd412fe9c2d11cbb5ab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeyAuditRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"auditRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"resultType"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ApiKeyAuditRecordsQuery, ApiKeyAuditRecordsQueryVariables>;
export const ApiKeyDetailDocument = {"__meta__":{"hash":"23dae2e3aef81b4cdb464461b1eb65e67fa03d9f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeyDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"cidrBlock"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsed"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAddress"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ApiKeyDetailQuery, ApiKeyDetailQueryVariables>;
export const CreateApiKeyDocument = {"__meta__":{"hash":"30c79c2897137e54ec9c0441ec0e2fc128182ee2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"privateKey"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const UpdateApiKeyDocument = {"__meta__":{"hash":"96ffad193bf56c8ec2d79206bf80118315dac317"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<UpdateApiKeyMutation, UpdateApiKeyMutationVariables>;
export const DeleteApiKeyDocument = {"__meta__":{"hash":"0caac305122d5119e1de2a3de9cf6a909038defe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"deletedApiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"deletedPublicKey"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<DeleteApiKeyMutation, DeleteApiKeyMutationVariables>;
export const AddAccessListEntriesDocument = {"__meta__":{"hash":"7fdb4261ff6a4aea38121e243da3c630ced675ec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddAccessListEntries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddAccessListEntriesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addAccessListEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddAccessListEntriesPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"cidrBlock"}}]}}]}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<AddAccessListEntriesMutation, AddAccessListEntriesMutationVariables>;
export const RemoveAccessListEntryDocument = {"__meta__":{"hash":"a9bbf6de5304372eeda18e6aaa00dd9726d9142e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveAccessListEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveAccessListEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeAccessListEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveAccessListEntryPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<RemoveAccessListEntryMutation, RemoveAccessListEntryMutationVariables>;
export const CreateProjectApiKeyDocument = {"__meta__":{"hash":"5fd5d9ceb93d80b0bcb1c7aed61275a0e45c698b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProjectApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProjectApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProjectApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProjectApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"privateKey"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<CreateProjectApiKeyMutation, CreateProjectApiKeyMutationVariables>;
export const AssignApiKeyToProjectDocument = {"__meta__":{"hash":"d18619d796156721540e1cf19b44de1d1b81e36c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignApiKeyToProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectApiKeyRolesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignApiKeyToProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<AssignApiKeyToProjectMutation, AssignApiKeyToProjectMutationVariables>;
export const SetProjectApiKeyRolesDocument = {"__meta__":{"hash":"e2f0527b943b6232d161bf9592e682149c8e1e21"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetProjectApiKeyRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectApiKeyRolesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setProjectApiKeyRoles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<SetProjectApiKeyRolesMutation, SetProjectApiKeyRolesMutationVariables>;
export const UnassignApiKeyFromProjectDocument = {"__meta__":{"hash":"3a16577ca10dfd82156d42d0b456100d4807e105"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnassignApiKeyFromProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnassignApiKeyFromProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unassignApiKeyFromProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProjectApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<UnassignApiKeyFromProjectMutation, UnassignApiKeyFromProjectMutationVariables>;
export const RotateApiKeyDocument = {"__meta__":{"hash":"e25f2a094fd5406cc414ddaa07a8e90d08ae7434"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RotateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RotateApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"privateKey"}},{"kind":"Field","name":{"kind":"Name","value":"oldApiKeyDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"oldApiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"oldApiKeyAtlasId"}},{"kind":"Field","name":{"kind":"Name","value":"projectsAssigned"}},{"kind":"Field","name":{"kind":"Name","value":"accessListEntriesCopied"}},{"kind":"Field","name":{"kind":"Name","value":"newApiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KeySummary"}},{"kind":"Field","name":{"kind":"Name","value":"accessList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"cidrBlock"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldApiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RotationFailedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"failedStep"}},{"kind":"Field","name":{"kind":"Name","value":"rolledBack"}},{"kind":"Field","name":{"kind":"Name","value":"oldApiKeyExists"}},{"kind":"Field","name":{"kind":"Name","value":"leftoverApiKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"newPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"leftoverApiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationFailure"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KeySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationFailure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlasErrorCode"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mayHaveHappened"}},{"kind":"Field","name":{"kind":"Name","value":"check"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyIds"}}]}}]}}]} as unknown as DocumentNode<RotateApiKeyMutation, RotateApiKeyMutationVariables>;
export const OrganizationAuditRecordsDocument = {"__meta__":{"hash":"376ad646ffd8511313035207074a6cbfe283ba73"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationAuditRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"operation"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"outcome"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditOutcome"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"operation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"operation"}}},{"kind":"Argument","name":{"kind":"Name","value":"outcome"},"value":{"kind":"Variable","name":{"kind":"Name","value":"outcome"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditRecordFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditRecordFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"resultType"}},{"kind":"Field","name":{"kind":"Name","value":"organizationAtlasId"}},{"kind":"Field","name":{"kind":"Name","value":"projectAtlasId"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"tokenHashPrefix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]} as unknown as DocumentNode<OrganizationAuditRecordsQuery, OrganizationAuditRecordsQueryVariables>;
export const KeyHistoryDocument = {"__meta__":{"hash":"e074da090c55fd222b19def4350e2052b4e793ca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KeyHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"accessListEntry"}},{"kind":"Field","name":{"kind":"Name","value":"remoteAddress"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ambiguous"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"record"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<KeyHistoryQuery, KeyHistoryQueryVariables>;
export const KeyHygieneDocument = {"__meta__":{"hash":"b4c82ef79dec0b51c0cfbd75c918010b9d9cdb97"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KeyHygiene"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unusedForDays"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiAccessListRequired"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"known"}},{"kind":"Field","name":{"kind":"Name","value":"unknownReason"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"requestCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"risks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unusedForDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unusedForDays"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kindName"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessListEntry"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"accessListRequired"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<KeyHygieneQuery, KeyHygieneQueryVariables>;
export const OrganizationDashboardDocument = {"__meta__":{"hash":"eea07b961ec545b26c03847972600cf15cb30805"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"created"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPrivateKey"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationDashboardQuery, OrganizationDashboardQueryVariables>;
export const ProjectApiKeysDocument = {"__meta__":{"hash":"559d4f277810db96a3dda4c4006bb0e10483c40e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectApiKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectApiKeysQuery, ProjectApiKeysQueryVariables>;
export const ServiceAccountHistoryDocument = {"__meta__":{"hash":"c5b32fab9f7c83ead1c30d2513fe759d929321b6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServiceAccountHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccountEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"typeName"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"accessListEntry"}},{"kind":"Field","name":{"kind":"Name","value":"remoteAddress"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ambiguous"}},{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"record"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ServiceAccountHistoryQuery, ServiceAccountHistoryQueryVariables>;
export const ServiceAccountHygieneDocument = {"__meta__":{"hash":"2e743cc4dd76b35d2c146600243e38f6ef38df8a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServiceAccountHygiene"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiringWithinDays"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unusedForDays"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccountHygiene"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiringWithinDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiringWithinDays"}}},{"kind":"Argument","name":{"kind":"Name","value":"unusedForDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unusedForDays"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessListRequired"}},{"kind":"Field","name":{"kind":"Name","value":"accountsWithFindings"}},{"kind":"Field","name":{"kind":"Name","value":"accountsWithUnknownUsage"}},{"kind":"Field","name":{"kind":"Name","value":"byKind"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bySeverity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"completeness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"accountsAssessed"}},{"kind":"Field","name":{"kind":"Name","value":"accountsForbidden"}},{"kind":"Field","name":{"kind":"Name","value":"accountsPending"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"oldestReadAt"}},{"kind":"Field","name":{"kind":"Name","value":"atlasReads"}},{"kind":"Field","name":{"kind":"Name","value":"pendingReason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ServiceAccountHygieneQuery, ServiceAccountHygieneQueryVariables>;
export const OrganizationServiceAccountsDocument = {"__meta__":{"hash":"a035bec233650e315ddb957b0d2cc868604ca72e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationServiceAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"secrets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expired"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"maskedValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"cidrBlock"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestCount"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationServiceAccountsQuery, OrganizationServiceAccountsQueryVariables>;
export const ViewerDocument = {"__meta__":{"hash":"825d567e401b6bf80d5cfe24904cded14437c66c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"projectRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessList"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"known"}},{"kind":"Field","name":{"kind":"Name","value":"unknownReason"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"requestCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"risks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kindName"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessListEntry"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"accessListRequired"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;