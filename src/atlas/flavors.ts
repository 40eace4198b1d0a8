/**
 * The three upstream APIs the client speaks: where their paths start, which media type each
 * operation sends, how the access list is spelled, and how an existing key joins a project.
 * Operations are named by their Atlas v2 operationIds in every flavor.
 */

export const OPERATION_IDS = [
  'listOrgs',
  'getOrg',
  'getOrgGroups',
  'listGroups',
  'getGroup',
  'listOrgApiKeys',
  'createOrgApiKey',
  'getOrgApiKey',
  'updateOrgApiKey',
  'deleteOrgApiKey',
  'listOrgApiKeyAccessListEntries',
  'createOrgApiKeyAccessListEntry',
  'getOrgApiKeyAccessListEntry',
  'deleteOrgApiKeyAccessListEntry',
  'listGroupApiKeys',
  'createGroupApiKey',
  'addGroupApiKey',
  'updateGroupApiKeyRoles',
  'removeGroupApiKey',
  'getSystemStatus',
  'getOrgSettings',
  'updateOrgSettings',
  'listOrgEvents',
  'getOrgEvent',
  'listGroupEvents',
  ...([
    'listOrgServiceAccounts',
    'createOrgServiceAccount',
    'getOrgServiceAccount',
    'updateOrgServiceAccount',
    'deleteOrgServiceAccount',
    'createOrgServiceAccountSecret',
    'deleteOrgServiceAccountSecret',
    'listOrgServiceAccountAccessList',
    'createOrgServiceAccountAccessList',
    'deleteOrgServiceAccountAccessListEntry',
    'getOrgServiceAccountGroups',
    'listGroupServiceAccounts',
    'createGroupServiceAccount',
    'getGroupServiceAccount',
    'updateGroupServiceAccount',
    'deleteGroupServiceAccount',
    'inviteGroupServiceAccount',
    'listGroupServiceAccountAccessList',
    'createGroupServiceAccountAccessList',
    'deleteGroupServiceAccountAccessListEntry',
    'createGroupServiceAccountSecret',
    'deleteGroupServiceAccountSecret',
  ] as const),
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** The service-account operations: Atlas v2 only, and only as 2024-08-05. */
const SERVICE_ACCOUNT_OPERATIONS: ReadonlySet<OperationId> = new Set(OPERATION_IDS.filter((operation) => /ServiceAccount/.test(operation)));

export const FLAVOR_NAMES = ['atlas-v2', 'atlas-v1', 'ops-manager'] as const;
export type FlavorName = (typeof FLAVOR_NAMES)[number];

export const ACCESS_LIST_SEGMENTS = ['accessList', 'whitelist'] as const;
/** Ops Manager 4.4 and older serve the access list as `whitelist`. */
export type AccessListSegment = (typeof ACCESS_LIST_SEGMENTS)[number];

/**
 * The key, settings, status and event operations exist only as 2023-01-01 in Atlas v2, the
 * service-account ones only as 2024-08-05. Versions are sunset about a year after their successor
 * ships, so each operation's version can be overridden on its own.
 */
export const DEFAULT_V2_VERSION = '2023-01-01';
export const SERVICE_ACCOUNT_V2_VERSION = '2024-08-05';

/** The version an operation is sent as, unless overridden. */
export const defaultVersion = (operation: OperationId): string => (SERVICE_ACCOUNT_OPERATIONS.has(operation) ? SERVICE_ACCOUNT_V2_VERSION : DEFAULT_V2_VERSION);

export type ApiVersions = Partial<Record<OperationId, string>>;

/**
 * Operations only Atlas v2 serves: neither the v1.0 document nor Ops Manager's API has the
 * organization settings, the system status or service accounts (v1.0 and Ops Manager answer 404
 * for their paths).
 */
// Atlas v1.0 and Ops Manager have event resources too, but the v1.0 document the client follows has no event operations.
const V2_ONLY: ReadonlySet<OperationId> = new Set(['getSystemStatus', 'getOrgSettings', 'updateOrgSettings', 'listOrgEvents', 'getOrgEvent', 'listGroupEvents', ...SERVICE_ACCOUNT_OPERATIONS]);

export interface FlavorOptions {
  accessListSegment?: AccessListSegment;
  /** Atlas v2 only: a dated version per operation, e.g. `{ listOrgs: '2025-03-12' }`. */
  apiVersions?: ApiVersions;
}

export interface Flavor {
  readonly name: FlavorName;
  readonly basePath: string;
  /** The media type sent in Accept, and in Content-Type when there is a body. */
  mediaType(operation: OperationId): string;
  readonly accessListSegment: AccessListSegment;
  /** Atlas assigns an existing key with POST and an array body; Ops Manager with PATCH `{roles}`. */
  readonly assignWith: 'POST' | 'PATCH';
  /** Whether this API has the operation at all. */
  supports(operation: OperationId): boolean;
}

const JSON_MEDIA_TYPE = 'application/json';
const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function flavor(name: FlavorName, options: FlavorOptions = {}): Flavor {
  const segment = options.accessListSegment ?? 'accessList';
  if (segment === 'whitelist' && name !== 'ops-manager') {
    // Atlas dropped the whitelist resources in 2021; only old Ops Manager serves them.
    throw new RangeError(`the whitelist access-list path exists only on Ops Manager, not on ${name}`);
  }
  switch (name) {
    case 'atlas-v2': {
      const versions = checkedVersions(options.apiVersions ?? {});
      return {
        name,
        basePath: '/api/atlas/v2',
        mediaType: (operation) => `application/vnd.atlas.${versions[operation] ?? defaultVersion(operation)}+json`,
        accessListSegment: segment,
        assignWith: 'POST',
        supports: () => true,
      };
    }
    case 'atlas-v1':
      return { name, basePath: '/api/atlas/v1.0', mediaType: () => JSON_MEDIA_TYPE, accessListSegment: segment, assignWith: 'POST', supports: notV2Only };
    case 'ops-manager':
      return { name, basePath: '/api/public/v1.0', mediaType: () => JSON_MEDIA_TYPE, accessListSegment: segment, assignWith: 'PATCH', supports: notV2Only };
  }
}

const notV2Only = (operation: OperationId): boolean => !V2_ONLY.has(operation);

/** How a flavor is named to a person. */
export const FLAVOR_TITLES: Record<FlavorName, string> = {
  'atlas-v2': 'Atlas Admin API v2',
  'atlas-v1': 'Atlas Admin API v1.0',
  'ops-manager': 'Ops Manager / Cloud Manager public API v1.0',
};

function checkedVersions(versions: ApiVersions): ApiVersions {
  for (const [operation, version] of Object.entries(versions)) {
    if (!(OPERATION_IDS as readonly string[]).includes(operation)) throw new RangeError(`unknown Atlas operation ${operation}`);
    if (version !== undefined && !VERSION_PATTERN.test(version)) {
      throw new RangeError(`the API version of ${operation} must look like 2023-01-01`);
    }
  }
  return { ...versions };
}
