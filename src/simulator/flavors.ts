/**
 * The three APIs the simulator serves over one shared state: Atlas v2 (versioned media type),
 * the deprecated Atlas v1.0, and the Ops Manager / Cloud Manager public API.
 */
export type FlavorName = 'atlas-v2' | 'atlas-v1' | 'ops-manager';

export interface Flavor {
  name: FlavorName;
  basePath: string;
  /** Versioned media type required in Accept (and Content-Type with a body); undefined for plain JSON. */
  versioned: boolean;
  orgRoles: ReadonlySet<string>;
  projectRoles: ReadonlySet<string>;
  /** HTTP status of API_KEY_NOT_FOUND (Ops Manager documents 400). */
  keyNotFoundStatus: number;
  /** Org roles that may create, update and delete org keys. */
  orgKeyWriters: ReadonlySet<string>;
  /** Project roles that may create, update roles of and unassign project keys. */
  projectKeyWriters: ReadonlySet<string>;
  /** Project roles that may assign an existing key (Atlas POST). */
  projectKeyAssigners: ReadonlySet<string>;
  /** Whether PATCH on a project key also assigns a key the project does not have yet. */
  patchAssigns: boolean;
  /** Whether the `/whitelist` spelling of the access list is served. */
  servesWhitelist: boolean;
}

/** The one version of the API-key, organization and project resources. */
export const VERSION = '2023-01-01';
export const versionedMediaType = (version: string): string => `application/vnd.atlas.${version}+json`;
export const VERSIONED_MEDIA_TYPE = versionedMediaType(VERSION);

const ATLAS_ORG_ROLES = new Set([
  'ORG_OWNER',
  'ORG_MEMBER',
  'ORG_GROUP_CREATOR',
  'ORG_BILLING_ADMIN',
  'ORG_BILLING_READ_ONLY',
  'ORG_STREAM_PROCESSING_ADMIN',
  'ORG_READ_ONLY',
]);

const ATLAS_PROJECT_ROLES = new Set([
  'GROUP_OWNER',
  'GROUP_CLUSTER_MANAGER',
  'GROUP_STREAM_PROCESSING_OWNER',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATA_ACCESS_READ_ONLY',
  'GROUP_READ_ONLY',
  'GROUP_SEARCH_INDEX_EDITOR',
  'GROUP_BACKUP_MANAGER',
  'GROUP_OBSERVABILITY_VIEWER',
  'GROUP_DATABASE_ACCESS_ADMIN',
]);

const OPS_MANAGER_ORG_ROLES = new Set(['ORG_OWNER', 'ORG_MEMBER', 'ORG_GROUP_CREATOR', 'ORG_READ_ONLY', 'ORG_USER_ADMIN']);

const OPS_MANAGER_PROJECT_ROLES = new Set([
  'GROUP_OWNER',
  'GROUP_READ_ONLY',
  'GROUP_AUTOMATION_ADMIN',
  'GROUP_BACKUP_ADMIN',
  'GROUP_MONITORING_ADMIN',
  'GROUP_USER_ADMIN',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATA_ACCESS_READ_ONLY',
]);

const atlas = {
  versioned: false,
  orgRoles: ATLAS_ORG_ROLES,
  projectRoles: ATLAS_PROJECT_ROLES,
  keyNotFoundStatus: 404,
  orgKeyWriters: new Set(['ORG_OWNER']),
  projectKeyWriters: new Set(['GROUP_OWNER']),
  projectKeyAssigners: new Set(['GROUP_OWNER']),
  patchAssigns: false,
  servesWhitelist: false,
};

export const FLAVORS: readonly Flavor[] = [
  { ...atlas, name: 'atlas-v2', basePath: '/api/atlas/v2', versioned: true },
  { ...atlas, name: 'atlas-v1', basePath: '/api/atlas/v1.0' },
  {
    name: 'ops-manager',
    basePath: '/api/public/v1.0',
    versioned: false,
    orgRoles: OPS_MANAGER_ORG_ROLES,
    projectRoles: OPS_MANAGER_PROJECT_ROLES,
    keyNotFoundStatus: 400,
    orgKeyWriters: new Set(['ORG_OWNER', 'ORG_USER_ADMIN']),
    projectKeyWriters: new Set(['GROUP_OWNER', 'GROUP_USER_ADMIN']),
    projectKeyAssigners: new Set(['GROUP_OWNER', 'GROUP_USER_ADMIN']),
    patchAssigns: true,
    servesWhitelist: true,
  },
];
