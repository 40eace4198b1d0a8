/**
 * ApiKey: an organization's programmatic API key, its roles, its project assignments and the
 * keys of a project. A key's global id carries its organization, which every REST path needs.
 */
import { type ApiKey, PAGE_SIZE_MAX, type RoleAssignment } from '../atlas/index.js';
import { type OrgApiKey, apiKeyRef, withParent } from './loaders.js';
import { builder } from './builder.js';
import { atlasConnection, prefetchConnection, totalCountField } from './connections.js';
import { ASSUMED_LIST_SIZE, LOADED_OBJECT, PROJECT_KEYS_SHARED, connectionCost } from './cost.js';
import { nodeIdParts, objectIdArg } from './ids.js';
import { prefetch, selectedChildren } from './prefetch.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';
import { OrganizationRoleEnum, ProjectRoleEnum, organizationRole, projectRole } from './roles.js';
import { allows, requireScope } from './scopes.js';

/**
 * A key as the graph sees it. `listedInProject` marks a key read from a project's listing, whose
 * roles cover only that project.
 */
export type ApiKeyModel = OrgApiKey & { listedInProject?: string };

export const ApiKeyRef = builder.objectRef<ApiKeyModel>('ApiKey');

export const OrganizationRoleAssignmentRef = builder.objectRef<RoleAssignment>('OrganizationRoleAssignment').implement({
  description: 'A role a credential (an API key or a service account) holds in its organization.',
  fields: (t) => ({
    role: t.field({ type: OrganizationRoleEnum, description: 'The role; UNKNOWN for a role this gateway does not know yet.', resolve: (r) => organizationRole(r.roleName) as never }),
    roleName: t.exposeString('roleName', { description: 'The role name exactly as Atlas reports it.' }),
  }),
});

export const ProjectRoleAssignmentRef = builder.objectRef<RoleAssignment>('ProjectRoleAssignment').implement({
  description: 'A role a credential (an API key or a service account) holds in a project.',
  fields: (t) => ({
    role: t.field({ type: ProjectRoleEnum, description: 'The role; UNKNOWN for a role this gateway does not know yet.', resolve: (r) => projectRole(r.roleName) as never }),
    roleName: t.exposeString('roleName', { description: 'The role name exactly as Atlas reports it.' }),
  }),
});

export interface Assignment {
  projectId: string;
  orgId: string;
  roles: RoleAssignment[];
}

export const ProjectAssignmentRef = builder.objectRef<Assignment>('ProjectAssignment').implement({
  description: 'A project a credential (an API key or a service account) is assigned to, with its roles there.',
  fields: (t) => ({
    project: t.field({
      type: ProjectRef,
      description: 'The project.',
      resolve: (a, _args, ctx) => ctx.loaders.project.load({ id: a.projectId, orgId: a.orgId }),
    }),
    roles: t.field({ type: [ProjectRoleAssignmentRef], description: "The credential's roles in the project.", resolve: (a) => a.roles }),
  }),
});

/** Shown instead of the private key everywhere but the create mutations, as Atlas masks it. */
export function maskPrivateKey(value: string | undefined): string | null {
  if (!value) return null;
  return value.startsWith('********') ? value : `********-****-****-${value.slice(-12)}`;
}

function assignments(key: ApiKey, orgId: string): Assignment[] {
  const byProject = new Map<string, RoleAssignment[]>();
  for (const role of key.roles) {
    if (role.groupId) byProject.set(role.groupId, [...(byProject.get(role.groupId) ?? []), role]);
  }
  return [...byProject].map(([projectId, roles]) => ({ projectId, orgId, roles }));
}

builder.node(ApiKeyRef, {
  description: "A programmatic API key of an organization. Its private key is never readable here: Atlas shows it once, when it is created.",
  id: { resolve: (key) => apiKeyRef(key.orgId, key.id), description: 'Global id of the key (it carries the organization id): what every argument that names it takes (apiKey, apiKeyId, node).' },
  loadOne: (id, ctx) => {
    const [orgId = '', keyId = ''] = nodeIdParts('ApiKey', id);
    requireScope(ctx.caller, 'read', orgId);
    return ctx.loaders.apiKey.load(apiKeyRef(orgId, keyId));
  },
  fields: (t) => ({
    atlasId: t.exposeString('id', { description: 'The 24-hexadecimal Atlas id of the key (its apiUserId).' }),
    description: t.string({ description: 'What the key is for.', resolve: (key) => key.desc ?? '' }),
    publicKey: t.exposeString('publicKey', { description: 'The public key: the Digest user name.' }),
    maskedPrivateKey: t.string({
      nullable: true,
      description: 'The private key as Atlas shows it after creation: masked, with only its last 12 characters.',
      resolve: (key) => maskPrivateKey(key.privateKey),
    }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization the key belongs to.',
      resolve: (key, _args, ctx) => ctx.loaders.organization.load(key.orgId),
    }),
    organizationRoles: t.field({
      type: [OrganizationRoleAssignmentRef],
      description: "The key's roles in its organization.",
      resolve: (key) => key.roles.filter((r) => r.orgId !== undefined && r.groupId === undefined),
    }),
    projectAssignments: t.field({
      type: [ProjectAssignmentRef],
      description: 'The projects the key is assigned to, each with its roles there.',
      // Their projects come from one listing per organization, counted on the page of keys.
      complexity: { field: 0, multiplier: ASSUMED_LIST_SIZE },
      resolve: async (key, _args, ctx) => {
        const full = key.listedInProject ? await ctx.loaders.apiKey.load(apiKeyRef(key.orgId, key.id)) : key;
        return assignments(full, key.orgId);
      },
    }),
  }),
});

builder.objectFields(ProjectRef, (t) => ({
  apiKeys: t.connection(
    {
      type: ApiKeyRef,
      description: 'The API keys assigned to the project; each edge carries the roles the key has here.',
      complexity: connectionCost(PROJECT_KEYS_SHARED),
      resolve: (project, args, ctx) =>
        atlasConnection(ctx.loaders, 'projectApiKeys', project.id, args, (key: ApiKey) => withParent(key, { orgId: project.orgId, listedInProject: project.id })),
    },
    { name: 'ProjectApiKeyConnection', description: 'A page of the API keys of a project.', fields: totalCountField('API keys') },
    {
      name: 'ProjectApiKeyEdge',
      description: 'An API key assigned to a project, with its roles there.',
      fields: (edge) => ({
        roles: edge.field({
          type: [ProjectRoleAssignmentRef],
          description: "The key's roles in this project.",
          resolve: (edge) => edge.node.roles.filter((r) => r.groupId !== undefined && r.groupId === edge.node.listedInProject),
        }),
      }),
    },
  ),
}));

/** The organization and the key that `apiKey(organizationId, id)` names (BAD_USER_INPUT when they name none). */
function apiKeyArgs(args: { organizationId?: string | number | null; id: string | number }): [orgId: string, keyId: string] {
  const organizationId = args.organizationId == null ? undefined : objectIdArg(args.organizationId, 'Organization', 'organizationId').parts[0];
  const [orgId = '', keyId = ''] = objectIdArg(args.id, 'ApiKey', 'id', { field: 'organizationId', orgId: organizationId }).parts;
  return [orgId, keyId];
}

builder.queryFields((t) => ({
  apiKey: t.field({
    type: ApiKeyRef,
    nullable: true,
    description: 'One API key; null, with a NOT_FOUND error, when there is none.',
    complexity: LOADED_OBJECT,
    args: {
      organizationId: t.arg.id({
        required: false,
        description: "The key's organization: its Organization.id (or its Organization.atlasId). Needed only when id is the key's ApiKey.atlasId.",
      }),
      id: t.arg.id({
        required: true,
        description: "The key: its ApiKey.id (or its ApiKey.atlasId with organizationId: an Atlas key id alone does not say the key's organization). Not its public key.",
      }),
    },
    authScopes: (_root, args) => ({ read: apiKeyArgs(args)[0] }),
    resolve: (_root, args, ctx, info) => {
      const [orgId, keyId] = apiKeyArgs(args);
      for (const child of selectedChildren(ctx, info)) {
        if (child.name === 'organization') prefetch(() => ctx.loaders.organization.load(orgId));
        if (child.name === 'accessList') prefetchConnection(ctx.loaders, 'accessList', apiKeyRef(orgId, keyId), child.args);
        if (child.name === 'projectAssignments') prefetch(() => ctx.loaders.projectsOf(orgId));
        // Its history's first page is the organization's feed, read as ApiKey.events reads it (api-key-events.ts); only for a caller who may.
        if (child.name === 'events' && child.args.after == null && allows(ctx.caller, 'audit', orgId)) {
          prefetch(() => ctx.loaders.organizationEventPage(orgId, {}, { pageNum: 1, itemsPerPage: PAGE_SIZE_MAX, includeCount: false }));
        }
      }
      return ctx.loaders.apiKey.load(apiKeyRef(orgId, keyId));
    },
  }),
}));
