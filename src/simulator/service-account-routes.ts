/**
 * The service-account operations (v2 only, version 2024-08-05): an organization's service
 * accounts, their secrets and access lists, and their project assignments. As the key handlers,
 * each checks path parameters, existence, the caller's roles and the body, in that order, then
 * changes the state, records the change's event and answers the spec's shape.
 *
 * What Atlas documents and the simulator follows (NOTES §13.4): creating an account makes its
 * first secret, shown in that answer only, as a new secret is in its own; a secret lives at most
 * the organization's `maxServiceAccountSecretValidityInHours`, and a new one leaves each older one
 * at most seven days; a project creates a new account with project roles that also joins the
 * organization as a member, and deleting it from the project only unassigns it; the account
 * lists hide system-managed accounts unless `includeSystemManaged=true`, and take no
 * `includeCount`. The service-account events name no account acted on: the spec's views have no
 * field for one.
 */
import { AtlasError, pathParamError } from './errors.js';
import { entryId, entryMatches, parsePathEntry } from './addresses.js';
import * as bodies from './bodies.js';
import type { Flavor } from './flavors.js';
import { requireOrgMember, requireOrgRole, requireProjectMember, requireProjectRole } from './permissions.js';
import type { HandlerContext, HandlerResult, RouteSpec } from './routes.js';
import { type Org, type Project, type ServiceAccount, sameRoles } from './state.js';
import { type PageRequest, flagParam, page, pageRequest, serviceAccountEntryView, serviceAccountGroups, serviceAccountView, secretView } from './views.js';

const VERSIONS = ['2024-08-05'] as const;
const OBJECT_ID = /^[a-f0-9]{24}$/;
const CLIENT_ID = /^mdb_sa_id_[a-fA-F\d]{24}$/;
/** The most entries one access-list POST may carry (the spec's `maxItems`). */
const MAX_ENTRIES_PER_REQUEST = 200;
const ORG_OWNER = new Set(['ORG_OWNER']);
const PROJECT_OWNER = new Set(['GROUP_OWNER']);
/**
 * "Project Access Manager" may change a project account's access list. The documents do not give
 * the role's API name; GROUP_ACCESS_MANAGER is assumed. A Project Owner may do what it may.
 */
const PROJECT_ACCESS_MANAGERS = new Set(['GROUP_OWNER', 'GROUP_ACCESS_MANAGER']);

const ok = (body: unknown): HandlerResult => ({ status: 200, body });
const created = (body: unknown): HandlerResult => ({ status: 201, body });
const noContent: HandlerResult = { status: 204 };

function objectIdParam(ctx: HandlerContext, name: 'orgId' | 'groupId'): string {
  const value = ctx.params[name] ?? '';
  if (!OBJECT_ID.test(value)) throw pathParamError(name, value);
  return value;
}

function clientIdParam(ctx: HandlerContext): string {
  const value = ctx.params.clientId ?? '';
  if (!CLIENT_ID.test(value)) throw pathParamError('clientId', value);
  return value;
}

function pathEntryId(ctx: HandlerContext): string {
  const raw = ctx.params.ipAddress ?? '';
  const entry = parsePathEntry(raw);
  if (!entry) throw pathParamError('ipAddress', raw);
  return entryId(entry);
}

/** The account lists and `/groups` page with `itemsPerPage` and `pageNum` only: an `includeCount` is ignored, as any unknown parameter. */
const pageWithCount = (ctx: HandlerContext): PageRequest => pageRequest({ pageNum: ctx.query.pageNum, itemsPerPage: ctx.query.itemsPerPage });

const includeSystemManaged = (ctx: HandlerContext): boolean => flagParam('includeSystemManaged', ctx.query.includeSystemManaged, false);

/** The longest a new secret of the org may live, from its settings. */
const secretCap = (ctx: HandlerContext, orgId: string): number => ctx.state.getOrg(orgId).settings.maxServiceAccountSecretValidityInHours;

const orgView = (ctx: HandlerContext, account: ServiceAccount, revealSecretId?: string): unknown =>
  serviceAccountView(account, ctx.state.orgRoleNames(account), revealSecretId);

const projectView = (ctx: HandlerContext, account: ServiceAccount, groupId: string, revealSecretId?: string): unknown =>
  serviceAccountView(account, ctx.state.projectRoleNames(account, groupId), revealSecretId);

const accessListPage = (ctx: HandlerContext, account: ServiceAccount, request: PageRequest): unknown =>
  page([...account.accessList.values()], request, ctx.pageUrl, serviceAccountEntryView);

/** The org and the account addressed by `orgId` and `clientId`, the caller checked with `allowed` (any org role when absent). */
function orgAccount(ctx: HandlerContext, allowed?: ReadonlySet<string>): { org: Org; account: ServiceAccount } {
  const orgId = objectIdParam(ctx, 'orgId');
  const clientId = clientIdParam(ctx);
  const org = ctx.state.getOrg(orgId);
  if (allowed) requireOrgRole(ctx.principal, org.id, allowed);
  else requireOrgMember(ctx.principal, org.id);
  return { org, account: ctx.state.getServiceAccount(org.id, clientId) };
}

/**
 * The project and the account addressed by `groupId` and `clientId`, the caller checked with
 * `allowed` (any project role when absent). The account must be assigned to the project: one of
 * the org that is not answers 404, as an unknown one.
 */
function projectAccount(ctx: HandlerContext, allowed?: ReadonlySet<string>): { project: Project; account: ServiceAccount } {
  const groupId = objectIdParam(ctx, 'groupId');
  const clientId = clientIdParam(ctx);
  const project = ctx.state.getProject(groupId);
  if (allowed) requireProjectRole(ctx.principal, project, allowed);
  else requireProjectMember(ctx.principal, project);
  const account = ctx.state.getServiceAccount(project.orgId, clientId);
  if (ctx.state.projectRoleNames(account, project.id).length === 0) {
    throw new AtlasError(404, 'SERVICE_ACCOUNT_NOT_FOUND', `Service account ${clientId} is not assigned to group ${project.id}.`, {
      parameters: [clientId, project.id],
    });
  }
  return { project, account };
}

/**
 * [docs] Managing, from a project, an account that reaches beyond it (an org role above
 * Organization Member, or a role in another project) needs an Organization Owner.
 */
function requireProjectManager(ctx: HandlerContext, project: Project, account: ServiceAccount): void {
  const beyond = account.roles.some((r) => (r.orgId !== undefined && r.roleName !== 'ORG_MEMBER') || (r.groupId !== undefined && r.groupId !== project.id));
  if (beyond) requireOrgRole(ctx.principal, project.orgId, ORG_OWNER);
}

/** Name and description changes are one DETAILS_CHANGED event; only what differs is recorded. */
function applyDetails(ctx: HandlerContext, account: ServiceAccount, input: { name?: string; description?: string }, groupId?: string): void {
  const changed = (input.name !== undefined && input.name !== account.name) || (input.description !== undefined && input.description !== account.description);
  if (input.name !== undefined) account.name = input.name;
  if (input.description !== undefined) account.description = input.description;
  if (changed) ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_DETAILS_CHANGED', orgId: account.orgId, ...(groupId !== undefined ? { groupId } : {}) });
}

/** Adds the entries of the body and answers the whole list as a page, recording one event per entry. */
function addEntries(ctx: HandlerContext, account: ServiceAccount, groupId?: string): HandlerResult {
  const request = pageRequest(ctx.query);
  const entries = bodies.accessListBody(ctx.body(), MAX_ENTRIES_PER_REQUEST);
  ctx.state.addEntries(account, entries);
  for (let i = 0; i < entries.length; i++) {
    ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED', orgId: account.orgId, ...(groupId !== undefined ? { groupId } : {}) });
  }
  return ok(accessListPage(ctx, account, request));
}

/**
 * Deletes the entry of the path. As for keys, an account calling with its own token cannot remove
 * the entry its own address matches: 400 SERVICE_ACCOUNT_ACCESS_LIST_ACCESS_DENIED (the code is an
 * assumption; the keys' is API_KEY_ACCESS_LIST_ACCESS_DENIED).
 */
function deleteEntry(ctx: HandlerContext, account: ServiceAccount, groupId?: string): HandlerResult {
  const id = pathEntryId(ctx);
  const entry = ctx.state.getEntry(account, id);
  const isCaller = ctx.principal.kind === 'serviceAccount' && ctx.principal.account.clientId === account.clientId;
  if (isCaller && entryMatches(entry, ctx.callerAddress)) {
    throw new AtlasError(400, 'SERVICE_ACCOUNT_ACCESS_LIST_ACCESS_DENIED', 'You cannot remove the requesting IP address from the requesting service account.', {
      parameters: [id],
    });
  }
  account.accessList.delete(id);
  ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED', orgId: account.orgId, ...(groupId !== undefined ? { groupId } : {}) });
  return noContent;
}

function addSecret(ctx: HandlerContext, account: ServiceAccount, groupId?: string): HandlerResult {
  const hours = bodies.secretBody(ctx.body(), secretCap(ctx, account.orgId));
  const secret = ctx.state.addSecret(account, hours);
  ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_SECRET_ADDED', orgId: account.orgId, ...(groupId !== undefined ? { groupId } : {}) });
  return created(secretView(secret, true));
}

/** The path's `secretId` is a plain string in the spec (no pattern): anything unknown is a 404. */
function deleteSecret(ctx: HandlerContext, account: ServiceAccount, groupId?: string): HandlerResult {
  const secret = ctx.state.getSecret(account, ctx.params.secretId ?? '');
  ctx.state.deleteSecret(account, secret);
  ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_SECRET_DELETED', orgId: account.orgId, ...(groupId !== undefined ? { groupId } : {}) });
  return noContent;
}

export function serviceAccountRoutes(flavor: Flavor): RouteSpec[] {
  const routes: Omit<RouteSpec, 'versions'>[] = [
    // --- an organization's service accounts ------------------------------------------------
    {
      method: 'GET',
      path: '/orgs/:orgId/serviceAccounts',
      operation: 'listOrgServiceAccounts',
      handle: (ctx) => {
        const org = ctx.state.getOrg(objectIdParam(ctx, 'orgId'));
        requireOrgMember(ctx.principal, org.id);
        const accounts = ctx.state.serviceAccountsOf(org.id, includeSystemManaged(ctx));
        return ok(page(accounts, pageWithCount(ctx), ctx.pageUrl, (account) => orgView(ctx, account)));
      },
    },
    {
      method: 'POST',
      path: '/orgs/:orgId/serviceAccounts',
      operation: 'createOrgServiceAccount',
      handle: (ctx) => {
        const org = ctx.state.getOrg(objectIdParam(ctx, 'orgId'));
        requireOrgRole(ctx.principal, org.id, ORG_OWNER);
        const input = bodies.createServiceAccountBody(ctx.body(), flavor.orgRoles, 'organization', secretCap(ctx, org.id));
        const roles = input.roles.map((roleName) => ({ orgId: org.id, roleName }));
        const { account, secret } = ctx.state.createServiceAccount(org.id, { name: input.name, description: input.description, roles }, input.secretExpiresAfterHours);
        ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_CREATED', orgId: org.id });
        return created(orgView(ctx, account, secret.id));
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/serviceAccounts/:clientId',
      operation: 'getOrgServiceAccount',
      handle: (ctx) => ok(orgView(ctx, orgAccount(ctx).account)),
    },
    {
      method: 'PATCH',
      path: '/orgs/:orgId/serviceAccounts/:clientId',
      operation: 'updateOrgServiceAccount',
      handle: (ctx) => {
        const { account } = orgAccount(ctx, ORG_OWNER);
        const input = bodies.updateServiceAccountBody(ctx.body(), flavor.orgRoles, 'organization');
        applyDetails(ctx, account, input);
        if (input.roles !== undefined) {
          const before = ctx.state.orgRoleNames(account);
          ctx.state.setOrgRoles(account, input.roles);
          if (!sameRoles(before, ctx.state.orgRoleNames(account))) ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_ROLES_CHANGED', orgId: account.orgId });
        }
        return ok(orgView(ctx, account));
      },
    },
    {
      method: 'DELETE',
      path: '/orgs/:orgId/serviceAccounts/:clientId',
      operation: 'deleteOrgServiceAccount',
      handle: (ctx) => {
        const { account } = orgAccount(ctx, ORG_OWNER);
        ctx.state.deleteServiceAccount(account);
        ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_DELETED', orgId: account.orgId });
        return noContent;
      },
    },
    {
      method: 'POST',
      path: '/orgs/:orgId/serviceAccounts/:clientId/secrets',
      operation: 'createOrgServiceAccountSecret',
      handle: (ctx) => addSecret(ctx, orgAccount(ctx, ORG_OWNER).account),
    },
    {
      method: 'DELETE',
      path: '/orgs/:orgId/serviceAccounts/:clientId/secrets/:secretId',
      operation: 'deleteOrgServiceAccountSecret',
      handle: (ctx) => deleteSecret(ctx, orgAccount(ctx, ORG_OWNER).account),
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/serviceAccounts/:clientId/accessList',
      operation: 'listOrgServiceAccountAccessList',
      handle: (ctx) => ok(accessListPage(ctx, orgAccount(ctx).account, pageRequest(ctx.query))),
    },
    {
      method: 'POST',
      path: '/orgs/:orgId/serviceAccounts/:clientId/accessList',
      operation: 'createOrgServiceAccountAccessList',
      handle: (ctx) => addEntries(ctx, orgAccount(ctx, ORG_OWNER).account),
    },
    {
      method: 'DELETE',
      path: '/orgs/:orgId/serviceAccounts/:clientId/accessList/:ipAddress',
      operation: 'deleteOrgServiceAccountAccessListEntry',
      handle: (ctx) => deleteEntry(ctx, orgAccount(ctx, ORG_OWNER).account),
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/serviceAccounts/:clientId/groups',
      operation: 'getOrgServiceAccountGroups',
      handle: (ctx) => ok(page(serviceAccountGroups(orgAccount(ctx).account), pageWithCount(ctx), ctx.pageUrl, (group) => group)),
    },

    // --- service accounts of a project -----------------------------------------------------
    {
      method: 'GET',
      path: '/groups/:groupId/serviceAccounts',
      operation: 'listGroupServiceAccounts',
      handle: (ctx) => {
        const project = ctx.state.getProject(objectIdParam(ctx, 'groupId'));
        requireProjectMember(ctx.principal, project);
        const accounts = ctx.state.serviceAccountsOfProject(project.id, includeSystemManaged(ctx));
        return ok(page(accounts, pageWithCount(ctx), ctx.pageUrl, (account) => projectView(ctx, account, project.id)));
      },
    },
    {
      method: 'POST',
      path: '/groups/:groupId/serviceAccounts',
      operation: 'createGroupServiceAccount',
      handle: (ctx) => {
        const project = ctx.state.getProject(objectIdParam(ctx, 'groupId'));
        requireProjectRole(ctx.principal, project, PROJECT_OWNER);
        const input = bodies.createServiceAccountBody(ctx.body(), flavor.projectRoles, 'project', secretCap(ctx, project.orgId));
        // A new account of the project's org: a member of the org, with the project roles asked for.
        const roles = [{ orgId: project.orgId, roleName: 'ORG_MEMBER' }, ...input.roles.map((roleName) => ({ groupId: project.id, roleName }))];
        const { account, secret } = ctx.state.createServiceAccount(project.orgId, { name: input.name, description: input.description, roles }, input.secretExpiresAfterHours);
        // Created in the project's name and added to it: both events name the project, as for keys.
        ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_CREATED', orgId: project.orgId, groupId: project.id });
        ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_ADDED_TO_GROUP', orgId: project.orgId, groupId: project.id });
        return created(projectView(ctx, account, project.id, secret.id));
      },
    },
    {
      method: 'GET',
      path: '/groups/:groupId/serviceAccounts/:clientId',
      operation: 'getGroupServiceAccount',
      handle: (ctx) => {
        const { project, account } = projectAccount(ctx);
        return ok(projectView(ctx, account, project.id));
      },
    },
    {
      method: 'PATCH',
      path: '/groups/:groupId/serviceAccounts/:clientId',
      operation: 'updateGroupServiceAccount',
      handle: (ctx) => {
        const { project, account } = projectAccount(ctx, PROJECT_OWNER);
        requireProjectManager(ctx, project, account);
        // Roles replace the account's roles in this project, as a project key's PATCH does (NOTES §9.3).
        const input = bodies.updateServiceAccountBody(ctx.body(), flavor.projectRoles, 'project');
        applyDetails(ctx, account, input, project.id);
        if (input.roles !== undefined) {
          const before = ctx.state.projectRoleNames(account, project.id);
          ctx.state.setProjectRoles(account, project.id, input.roles);
          if (!sameRoles(before, input.roles)) ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_ROLES_CHANGED', orgId: project.orgId, groupId: project.id });
        }
        return ok(projectView(ctx, account, project.id));
      },
    },
    {
      method: 'DELETE',
      path: '/groups/:groupId/serviceAccounts/:clientId',
      operation: 'deleteGroupServiceAccount',
      handle: (ctx) => {
        // Only unassigns: the account stays in the org, its secrets and tokens keep working.
        const { project, account } = projectAccount(ctx, PROJECT_OWNER);
        ctx.state.setProjectRoles(account, project.id, []);
        ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_REMOVED_FROM_GROUP', orgId: project.orgId, groupId: project.id });
        return noContent;
      },
    },
    {
      method: 'POST',
      // `…/{clientId}:invite`: the pattern ends the client id at the colon, `::` is a literal one.
      path: '/groups/:groupId/serviceAccounts/:clientId(^[^/:]+)::invite',
      operation: 'inviteGroupServiceAccount',
      handle: (ctx) => {
        const groupId = objectIdParam(ctx, 'groupId');
        const clientId = clientIdParam(ctx);
        const project = ctx.state.getProject(groupId);
        requireOrgRole(ctx.principal, project.orgId, ORG_OWNER);
        const account = ctx.state.getServiceAccount(project.orgId, clientId);
        const roles = bodies.inviteBody(ctx.body(), flavor.projectRoles);
        // The spec lists no 409 here; an account already in the project is refused as a key is (API_KEY_ALREADY_IN_GROUP).
        if (ctx.state.projectRoleNames(account, project.id).length > 0) {
          throw new AtlasError(409, 'SERVICE_ACCOUNT_ALREADY_IN_GROUP', `Service account ${clientId} is already assigned to group ${project.id}.`, {
            parameters: [clientId, project.id],
          });
        }
        ctx.state.setProjectRoles(account, project.id, roles);
        ctx.record({ eventTypeName: 'SERVICE_ACCOUNT_ADDED_TO_GROUP', orgId: project.orgId, groupId: project.id });
        return ok(projectView(ctx, account, project.id));
      },
    },
    {
      method: 'GET',
      path: '/groups/:groupId/serviceAccounts/:clientId/accessList',
      operation: 'listGroupServiceAccountAccessList',
      handle: (ctx) => ok(accessListPage(ctx, projectAccount(ctx).account, pageRequest(ctx.query))),
    },
    {
      method: 'POST',
      path: '/groups/:groupId/serviceAccounts/:clientId/accessList',
      operation: 'createGroupServiceAccountAccessList',
      handle: (ctx) => {
        const { project, account } = projectAccount(ctx, PROJECT_ACCESS_MANAGERS);
        requireProjectManager(ctx, project, account);
        return addEntries(ctx, account, project.id);
      },
    },
    {
      method: 'DELETE',
      path: '/groups/:groupId/serviceAccounts/:clientId/accessList/:ipAddress',
      operation: 'deleteGroupServiceAccountAccessListEntry',
      handle: (ctx) => {
        const { project, account } = projectAccount(ctx, PROJECT_ACCESS_MANAGERS);
        requireProjectManager(ctx, project, account);
        return deleteEntry(ctx, account, project.id);
      },
    },
    {
      method: 'POST',
      path: '/groups/:groupId/serviceAccounts/:clientId/secrets',
      operation: 'createGroupServiceAccountSecret',
      handle: (ctx) => {
        const { project, account } = projectAccount(ctx, PROJECT_OWNER);
        requireProjectManager(ctx, project, account);
        return addSecret(ctx, account, project.id);
      },
    },
    {
      method: 'DELETE',
      path: '/groups/:groupId/serviceAccounts/:clientId/secrets/:secretId',
      operation: 'deleteGroupServiceAccountSecret',
      handle: (ctx) => {
        const { project, account } = projectAccount(ctx, PROJECT_OWNER);
        requireProjectManager(ctx, project, account);
        return deleteSecret(ctx, account, project.id);
      },
    },
  ];
  return routes.map((route) => ({ ...route, versions: VERSIONS }));
}
