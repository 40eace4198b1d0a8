/** The gateway's only door to Atlas. Nothing here imports GraphQL. */
export { AtlasClient, CLIENT_DEFAULTS, PAGE_SIZE_MAX } from './client.js';
export type { AtlasClientOptions, Credentials } from './client.js';
export { AtlasApiError, AtlasNetworkError, AtlasResponseError, AtlasTimeoutError, isNotFound } from './errors.js';
export type { FlavorName } from './flavors.js';
export type { RetryOptions, UpstreamEvent } from './http.js';
export { fetchAllPages } from './pagination.js';
export type { AccessListEntry, AccessListInput, ApiKey, Organization, Page, PageRequest, Project, RoleAssignment } from './types.js';
