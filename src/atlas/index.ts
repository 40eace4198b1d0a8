/** The gateway's only door to Atlas. Nothing here imports GraphQL. */
export { AtlasClient, CLIENT_DEFAULTS } from './client.js';
export type { ActingAs } from './client.js';
export type { AtlasClientOptions } from './client.js';
export type { Credentials } from './auth.js';
export {
  AtlasApiError,
  AtlasCallCancelledError,
  AtlasError,
  AtlasNetworkError,
  AtlasResponseError,
  AtlasTimeoutError,
  UnsupportedByFlavorError,
  isNotFound,
  isRateLimited,
} from './errors.js';
export type { AtlasErrorBody, TimeoutPhase } from './errors.js';
export { ACCESS_LIST_SEGMENTS, DEFAULT_V2_VERSION, FLAVOR_NAMES, OPERATION_IDS } from './flavors.js';
export type { AccessListSegment, ApiVersions, FlavorName, OperationId } from './flavors.js';
export type { HttpMethod, UpstreamEvent } from './http.js';
export { PAGE_SIZE_MAX, fetchAllPages } from './pagination.js';
export { objectIdTime } from './object-id.js';
export { mayHaveBeenApplied } from './outcome.js';
export type { RetryOptions } from './retry.js';
export { API_KEY_EVENT_TYPES, SERVICE_ACCOUNT_EVENT_TYPES } from './types.js';
export type {
  AccessListEntry,
  AccessListInput,
  ApiKey,
  ApiKeyInput,
  ApiKeyUpdate,
  AtlasEvent,
  CallerApiKey,
  EventPrincipal,
  NamedPageRequest,
  Organization,
  OrganizationEventFilter,
  OrganizationSettings,
  OrganizationSettingsUpdate,
  Page,
  PageRequest,
  Project,
  ProjectEventFilter,
  RoleAssignment,
  ServiceAccount,
  ServiceAccountAccessListEntry,
  ServiceAccountInput,
  ServiceAccountPageRequest,
  ServiceAccountProject,
  ServiceAccountSecret,
  ServiceAccountUpdate,
  SystemStatus,
} from './types.js';
export { AtlasBudgetError, AtlasNotCachedError, CREDENTIAL_CHECK_SECONDS, ReadSession, SharedReads, bearerIdentity, credentialsIdentity, settlingCalls } from './shared-reads.js';
export type { ReadPolicy, ReadView, SharedReadsObserver, SharedReadsOptions, StaleRead } from './shared-reads.js';
export { MemoryStore } from './shared-store.js';
export { eventTags } from './read-tags.js';
export type { SharedStore, StoreStatus } from './shared-store.js';
