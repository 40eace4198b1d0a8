/**
 * Role names as GraphQL enums. Atlas adds roles over time, so a role the gateway does not know
 * yet reads as `UNKNOWN` (with its name in `roleName`) instead of failing the query.
 */
import { builder } from './builder.js';

export const ORGANIZATION_ROLES = [
  'ORG_OWNER',
  'ORG_MEMBER',
  'ORG_GROUP_CREATOR',
  'ORG_BILLING_ADMIN',
  'ORG_BILLING_READ_ONLY',
  'ORG_STREAM_PROCESSING_ADMIN',
  'ORG_READ_ONLY',
  'ORG_USER_ADMIN',
] as const;

export const PROJECT_ROLES = [
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
  'GROUP_AUTOMATION_ADMIN',
  'GROUP_BACKUP_ADMIN',
  'GROUP_MONITORING_ADMIN',
  'GROUP_USER_ADMIN',
] as const;

const ORGANIZATION_ROLE_DESCRIPTIONS: Record<(typeof ORGANIZATION_ROLES)[number], string> = {
  ORG_OWNER: 'Organization Owner: full control of the organization, its keys and every project.',
  ORG_MEMBER: 'Organization Member: read access to the organization.',
  ORG_GROUP_CREATOR: 'Organization Project Creator: may create projects.',
  ORG_BILLING_ADMIN: 'Organization Billing Admin: manages billing.',
  ORG_BILLING_READ_ONLY: 'Organization Billing Viewer: reads billing.',
  ORG_STREAM_PROCESSING_ADMIN: 'Organization Stream Processing Admin.',
  ORG_READ_ONLY: 'Organization Read Only: reads the organization and every project.',
  ORG_USER_ADMIN: 'Organization User Admin (Ops Manager): manages users and API keys.',
};

export const OrganizationRoleEnum = builder.enumType('OrganizationRole', {
  description: 'A role an API key can hold in its organization. UNKNOWN stands for a role this gateway does not know yet.',
  values: {
    ...Object.fromEntries(ORGANIZATION_ROLES.map((role) => [role, { value: role, description: ORGANIZATION_ROLE_DESCRIPTIONS[role] }])),
    UNKNOWN: { value: 'UNKNOWN', description: 'A role Atlas reported that this gateway does not know; see roleName.' },
  } as Record<(typeof ORGANIZATION_ROLES)[number] | 'UNKNOWN', { value: string; description: string }>,
});

export const ProjectRoleEnum = builder.enumType('ProjectRole', {
  description: 'A role an API key can hold in a project (Atlas and Ops Manager roles). UNKNOWN stands for a role this gateway does not know yet.',
  values: {
    ...Object.fromEntries(PROJECT_ROLES.map((role) => [role, { value: role, description: `The ${role} project role.` }])),
    UNKNOWN: { value: 'UNKNOWN', description: 'A role Atlas reported that this gateway does not know; see roleName.' },
  } as Record<(typeof PROJECT_ROLES)[number] | 'UNKNOWN', { value: string; description: string }>,
});

const known = (list: readonly string[]) => new Set(list);
const KNOWN_ORGANIZATION_ROLES = known(ORGANIZATION_ROLES);
const KNOWN_PROJECT_ROLES = known(PROJECT_ROLES);

/** The enum value for a role name Atlas returned. */
export const organizationRole = (name: string): string => (KNOWN_ORGANIZATION_ROLES.has(name) ? name : 'UNKNOWN');
export const projectRole = (name: string): string => (KNOWN_PROJECT_ROLES.has(name) ? name : 'UNKNOWN');
