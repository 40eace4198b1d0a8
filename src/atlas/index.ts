/** The gateway's only door to Atlas. Nothing here imports GraphQL. */
export { AtlasClient, CLIENT_DEFAULTS } from './client.js';
export type { AtlasClientOptions } from './client.js';
export type { Credentials } from './auth.js';
export {
  AtlasApiError,
  AtlasError,
  AtlasNetworkError,
  AtlasResponseError,
  AtlasTimeoutError,
  isNotFound,
  isRateLimited,
} from './errors.js';
export type { AtlasErrorBody, TimeoutPhase } from './errors.js';
export { ACCESS_LIST_SEGMENTS, DEFAULT_V2_VERSION, FLAVOR_NAMES, OPERATION_IDS } from './flavors.js';
export type { AccessListSegment, ApiVersions, FlavorName, OperationId } from './flavors.js';
export type { HttpMethod, UpstreamEvent } from './http.js';
export { PAGE_SIZE_MAX, fetchAllPages } from './pagination.js';
export type { RetryOptions } from './retry.js';
export type {
  AccessListEntry,
  AccessListInput,
  ApiKey,
  ApiKeyInput,
  ApiKeyUpdate,
  NamedPageRequest,
  Organization,
  Page,
  PageRequest,
  Project,
  RoleAssignment,
} from './types.js';
