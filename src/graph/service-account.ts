/**
 * ServiceAccount: the OAuth 2.0 client-credentials credential Atlas recommends over API keys, in
 * the same graph: its organization roles, its projects with their roles, its access list, and its
 * secrets (which expire; their values are shown only by the mutation that made them). A global id
 * carries the organization, which every REST path needs, as a key's does.
 *
 * Atlas v2 only: on the other flavors each field that reads them answers null with
 * UNSUPPORTED_BY_UPSTREAM, and the rest of the page as usual.
 */
import type { ServiceAccountAccessListEntry, ServiceAccountSecret } from '../atlas/index.js';
import { type Assignment, OrganizationRoleAssignmentRef, ProjectAssignmentRef, ProjectRoleAssignmentRef } from './api-key.js';
import { builder } from './builder.js';
import { atlasConnection, prefetchConnection, totalCountField } from './connections.js';
import { ASSUMED_LIST_SIZE, LOADED_OBJECT, connectionCost } from './cost.js';
import { nodeIdParts, objectIdArg } from './ids.js';
import { type AccountAccessListEntry, type OrgServiceAccount, accountsListing, apiKeyRef, withParent } from './loaders.js';
import { OrganizationRef } from './organization.js';
import { prefetch, selectedChildren, selectsPath } from './prefetch.js';
import { ProjectRef } from './project.js';
import { DateTimeScalar } from './scalars.js';
import { requireScope } from './scopes.js';

export const ServiceAccountRef = builder.objectRef<OrgServiceAccount>('ServiceAccount');

/** The `orgId:clientId` every service-account loader takes. */
export const accountRef = apiKeyRef;

/** Whether a secret has expired at `now`: Atlas no longer issues tokens for it. */
export const secretExpired = (secret: Pick<ServiceAccountSecret, 'expiresAt'>, now = Date.now()): boolean => Date.parse(secret.expiresAt) <= now;

export const ServiceAccountSecretRef = builder.objectRef<ServiceAccountSecret>('ServiceAccountSecret').implement({
  description: "A secret of a service account: what it obtains access tokens with, until it expires. Its value is shown only in the payload of the mutation that made it.",
  fields: (t) => ({
    atlasId: t.exposeString('id', { description: 'The 24-hexadecimal Atlas id of the secret.' }),
    createdAt: t.field({ type: DateTimeScalar, description: 'When the secret was made.', resolve: (s) => s.createdAt }),
    expiresAt: t.field({ type: DateTimeScalar, description: 'When the secret stops working: Atlas issues no token for it from then on.', resolve: (s) => s.expiresAt }),
    expired: t.boolean({ description: 'Whether expiresAt has passed.', resolve: (s) => secretExpired(s) }),
    lastUsedAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: 'When the secret last obtained an access token; null when Atlas has no record of a use.',
      resolve: (s) => s.lastUsedAt ?? null,
    }),
    maskedValue: t.string({ nullable: true, description: 'The secret as Atlas shows it after its creation: masked.', resolve: (s) => s.maskedSecretValue ?? null }),
  }),
});

const ServiceAccountAccessListEntryRef = builder.objectRef<AccountAccessListEntry>('ServiceAccountAccessListEntry').implement({
  description: "An entry of a service account's access list: its tokens may be used only from listed addresses. Atlas updates the use fields up to 5 minutes late.",
  fields: (t) => ({
    ipAddress: t.string({ nullable: true, description: 'The address, when the entry is a single address.', resolve: (e) => e.ipAddress ?? null }),
    cidrBlock: t.string({ nullable: true, description: 'The entry as a CIDR block.', resolve: (e) => e.cidrBlock ?? null }),
    createdAt: t.field({ type: DateTimeScalar, nullable: true, description: 'When the entry was added.', resolve: (e) => e.createdAt ?? null }),
    lastUsedAt: t.field({ type: DateTimeScalar, nullable: true, description: 'When the account last made a request through this entry.', resolve: (e) => e.lastUsedAt ?? null }),
    lastUsedAddress: t.string({ nullable: true, description: 'The address of the last request through this entry.', resolve: (e) => e.lastUsedAddress ?? null }),
    requestCount: t.int({ description: 'Requests made through this entry (0 until it is used).', resolve: (e) => e.requestCount ?? 0 }),
    serviceAccount: t.field({
      type: ServiceAccountRef,
      description: 'The account the entry belongs to.',
      resolve: (e, _args, ctx) => ctx.loaders.serviceAccount.load(accountRef(e.orgId, e.clientId)),
    }),
  }),
});

builder.node(ServiceAccountRef, {
  description: 'A service account of an organization: an OAuth 2.0 client (client id and expiring secrets) that calls the Admin API with its roles.',
  id: { resolve: (account) => accountRef(account.orgId, account.clientId), description: 'Global id of the account (it carries the organization id): what every argument that names it takes (serviceAccount, node).' },
  loadOne: (id, ctx) => {
    const [orgId = '', clientId = ''] = nodeIdParts('ServiceAccount', id);
    requireScope(ctx.caller, 'read', orgId);
    return ctx.loaders.serviceAccount.load(accountRef(orgId, clientId));
  },
  fields: (t) => ({
    clientId: t.exposeString('clientId', { description: 'The OAuth client id (`mdb_sa_id_…`): how Atlas names the account.' }),
    name: t.string({ description: 'The name of the account.', resolve: (a) => a.name ?? '' }),
    description: t.string({ description: 'What the account is for.', resolve: (a) => a.description ?? '' }),
    createdAt: t.field({ type: DateTimeScalar, nullable: true, description: 'When the account was created.', resolve: (a) => a.createdAt ?? null }),
    organization: t.field({ type: OrganizationRef, description: 'The organization the account belongs to.', resolve: (a, _args, ctx) => ctx.loaders.organization.load(a.orgId) }),
    organizationRoles: t.field({
      type: [OrganizationRoleAssignmentRef],
      description: "The account's roles in its organization.",
      // Read through a project's listing, the account's roles are the project's: its organization
      // roles take one get, counted as such (an organization's listing has them: no call).
      complexity: { field: 1, multiplier: 1 },
      resolve: async (a, _args, ctx) => {
        const account = a.listedInProject ? await ctx.loaders.serviceAccount.load(accountRef(a.orgId, a.clientId)) : a;
        return account.roles.map((roleName) => ({ orgId: a.orgId, roleName }));
      },
    }),
    projectAssignments: t.field({
      type: [ProjectAssignmentRef],
      description: 'The projects the account is assigned to, each with its roles there (one Atlas call per account).',
      complexity: { field: 1, multiplier: ASSUMED_LIST_SIZE },
      resolve: async (a, _args, ctx) =>
        (await ctx.loaders.serviceAccountProjects.load(accountRef(a.orgId, a.clientId))).map(
          (assigned): Assignment => ({ projectId: assigned.groupId, orgId: a.orgId, roles: assigned.roles.map((roleName) => ({ groupId: assigned.groupId, roleName })) }),
        ),
    }),
    secrets: t.field({
      type: [ServiceAccountSecretRef],
      description: "The account's secrets, soonest to expire first.",
      resolve: (a) => [...a.secrets].sort((x, y) => Date.parse(x.expiresAt) - Date.parse(y.expiresAt)),
    }),
  }),
});

builder.objectFields(ServiceAccountRef, (t) => ({
  accessList: t.connection(
    {
      type: ServiceAccountAccessListEntryRef,
      description: "The account's IP access list. An empty list lets its tokens be used from anywhere unless the organization requires one.",
      complexity: connectionCost(),
      resolve: (a, args, ctx) =>
        atlasConnection(ctx.loaders, 'serviceAccountAccessList', accountRef(a.orgId, a.clientId), args, (entry: ServiceAccountAccessListEntry) =>
          withParent(entry, { orgId: a.orgId, clientId: a.clientId }),
        ),
    },
    { name: 'ServiceAccountAccessListEntryConnection', description: "A page of a service account's access list.", fields: totalCountField('entries') },
    { name: 'ServiceAccountAccessListEntryEdge', description: 'An access list entry in a page.' },
  ),
}));

builder.objectFields(OrganizationRef, (t) => ({
  serviceAccounts: t.connection(
    {
      type: ServiceAccountRef,
      nullable: true,
      description: "The organization's service accounts (Atlas v2 only: null with UNSUPPORTED_BY_UPSTREAM elsewhere).",
      args: {
        includeSystemManaged: t.arg.boolean({ required: false, description: 'Include the accounts Atlas manages itself (behind integrations); false by default.' }),
      },
      complexity: connectionCost(() => 1),
      resolve: (org, args, ctx, info) => {
        // The names of their projects come from one listing of the organization's: started now, beside the accounts'.
        if (selectsPath(ctx, info, ['edges', 'node', 'projectAssignments', 'project'])) prefetch(() => ctx.loaders.projectsOf(org.id));
        return atlasConnection(ctx.loaders, 'organizationServiceAccounts', accountsListing(org.id, args.includeSystemManaged), args, (account: OrgServiceAccount) =>
          withParent(account, { orgId: org.id }),
        );
      },
    },
    { name: 'ServiceAccountConnection', description: 'A page of service accounts.', fields: totalCountField('service accounts') },
    { name: 'ServiceAccountEdge', description: 'A service account in a page.' },
  ),
}));

builder.objectFields(ProjectRef, (t) => ({
  serviceAccounts: t.connection(
    {
      type: ServiceAccountRef,
      nullable: true,
      description: 'The service accounts assigned to the project; each edge carries the roles the account has here (Atlas v2 only: null with UNSUPPORTED_BY_UPSTREAM elsewhere).',
      complexity: connectionCost(),
      resolve: (project, args, ctx) =>
        atlasConnection(ctx.loaders, 'projectServiceAccounts', project.id, args, (account: OrgServiceAccount) =>
          withParent(account, { orgId: project.orgId, listedInProject: project.id }),
        ),
    },
    { name: 'ProjectServiceAccountConnection', description: 'A page of the service accounts of a project.', fields: totalCountField('service accounts') },
    {
      name: 'ProjectServiceAccountEdge',
      description: 'A service account assigned to a project, with its roles there.',
      fields: (edge) => ({
        roles: edge.field({
          type: [ProjectRoleAssignmentRef],
          description: "The account's roles in this project.",
          resolve: (edge) => edge.node.roles.map((roleName) => ({ groupId: edge.node.listedInProject, roleName })),
        }),
      }),
    },
  ),
}));

/** The organization and the account that `serviceAccount(organizationId, id)` names (BAD_USER_INPUT when they name none). */
function serviceAccountArgs(args: { organizationId?: string | number | null; id: string | number }): [orgId: string, clientId: string] {
  const organizationId = args.organizationId == null ? undefined : objectIdArg(args.organizationId, 'Organization', 'organizationId').parts[0];
  const [orgId = '', clientId = ''] = objectIdArg(args.id, 'ServiceAccount', 'id', { field: 'organizationId', orgId: organizationId }).parts;
  return [orgId, clientId];
}

builder.queryFields((t) => ({
  serviceAccount: t.field({
    type: ServiceAccountRef,
    nullable: true,
    description: 'One service account; null, with a NOT_FOUND error, when there is none (with UNSUPPORTED_BY_UPSTREAM on flavors other than Atlas v2).',
    complexity: LOADED_OBJECT,
    args: {
      organizationId: t.arg.id({
        required: false,
        description: "The account's organization: its Organization.id (or its Organization.atlasId). Needed only when id is the account's clientId.",
      }),
      id: t.arg.id({ required: true, description: "The account: its ServiceAccount.id (or its clientId with organizationId: a client id alone does not say the account's organization)." }),
    },
    authScopes: (_root, args) => ({ read: serviceAccountArgs(args)[0] }),
    resolve: (_root, args, ctx, info) => {
      const [orgId, clientId] = serviceAccountArgs(args);
      for (const child of selectedChildren(ctx, info)) {
        if (child.name === 'organization') prefetch(() => ctx.loaders.organization.load(orgId));
        if (child.name === 'accessList') prefetchConnection(ctx.loaders, 'serviceAccountAccessList', accountRef(orgId, clientId), child.args);
        if (child.name === 'projectAssignments') {
          prefetch(() => ctx.loaders.serviceAccountProjects.load(accountRef(orgId, clientId)));
          prefetch(() => ctx.loaders.projectsOf(orgId));
        }
      }
      return ctx.loaders.serviceAccount.load(accountRef(orgId, clientId));
    },
  }),
}));
