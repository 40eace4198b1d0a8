/**
 * The operations of the Admin API for programmatic API keys, as handlers over the shared state.
 * Each handler checks path parameters, existence, the caller's roles and the body, in that
 * order, then changes the state and returns the REST shape of the OpenAPI documents.
 */
import { AtlasError, pathParamError } from './errors.js';
import { entryId, entryMatches, parsePathEntry } from './addresses.js';
import * as bodies from './bodies.js';
import { eventRoutes } from './event-routes.js';
import type { EventActor, EventInput } from './events.js';
import { type Flavor, VERSION } from './flavors.js';
import { orgSettingsRoutes } from './org-settings-routes.js';
import { type Endpoint, rateLimitRoutes } from './rate-limit-routes.js';
import type { RateLimiter } from './rate-limits.js';
import {
  type Principal,
  canSeeOrg,
  canSeeProject,
  isGlobalOwner,
  orgRoles,
  requireOrgMember,
  requireOrgRole,
  requireProjectMember,
  requireProjectRole,
} from './permissions.js';
import { type ApiKey, type State, sameRoles } from './state.js';
import { serviceAccountRoutes } from './service-account-routes.js';
import { systemStatusRoutes } from './system-status-routes.js';
import type { OperationId } from './types.js';
import { entryView, keyView, orgView, page, pageRequest, projectView } from './views.js';

export interface HandlerContext {
  state: State;
  flavor: Flavor;
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The parsed JSON body, after the media type is checked. */
  body(): unknown;
  /** Origin and base path of the flavor, for links. */
  base: string;
  /** The full URL of the request, for pagination links. */
  pageUrl: string;
  callerAddress: string;
  /** The caller as the USER rate-limit scope names it: public key, client id, or the admin's public key. */
  callerUserId: string;
  /** The caller as the events it causes name it. */
  actor: EventActor;
  /** Records the event of a change this request made, with the caller and its address. */
  record(event: CallerEvent): void;
  /** `accessList`, or `whitelist` when the request used the Ops Manager 4.x spelling. */
  accessListSegment: string;
  /** The endpoint sets, for the rate-limit inspection operations. */
  rateLimits: RateLimiter;
}

/** An event as a handler records it: the actor and address are the request's. */
export type CallerEvent = Omit<EventInput, 'actor' | 'remoteAddress' | 'created'>;

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  operation: OperationId;
  /** The resource's versions (v2), oldest first. */
  versions: readonly string[];
  handle(ctx: HandlerContext): HandlerResult;
}

export type RouteSpec = Omit<Route, 'versions'> & { versions?: readonly string[] };

const OBJECT_ID = /^[a-f0-9]{24}$/;
/** A project name as the OpenAPI document allows it. */
const PROJECT_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;
const ORG_OWNER = new Set(['ORG_OWNER']);

function id(ctx: HandlerContext, name: 'orgId' | 'groupId' | 'apiUserId'): string {
  const value = ctx.params[name] ?? '';
  if (!OBJECT_ID.test(value)) throw pathParamError(name, value);
  return value;
}

const ok = (body: unknown): HandlerResult => ({ status: 200, body });
const noContent: HandlerResult = { status: 204 };

function nameFilter<T extends { name: string }>(items: T[], name: string | undefined): T[] {
  if (!name) return items;
  const prefix = name.toLowerCase();
  return items.filter((item) => item.name.toLowerCase().startsWith(prefix));
}

/** The org key addressed by `orgId` and `apiUserId`, after the caller is checked as an org member. */
function orgKey(ctx: HandlerContext): ApiKey {
  const orgId = id(ctx, 'orgId');
  const keyId = id(ctx, 'apiUserId');
  ctx.state.getOrg(orgId);
  requireOrgMember(ctx.principal, orgId);
  return ctx.state.getKey(orgId, keyId, ctx.flavor.keyNotFoundStatus);
}

/**
 * Access lists may be read by an Organization Owner or by the key itself; any other member is
 * refused with API_KEY_ACCESS_LIST_ACCESS_DENIED (403, which the v2 document lists for these reads).
 */
function requireAccessListReader(ctx: HandlerContext, key: ApiKey): void {
  if (ctx.principal.kind === 'apiKey' && ctx.principal.key.id === key.id) return;
  if (orgRoles(ctx.principal, key.orgId).has('ORG_OWNER')) return;
  throw new AtlasError(403, 'API_KEY_ACCESS_LIST_ACCESS_DENIED', 'Only an Organization Owner or the API key itself may read its access list.', { parameters: [key.id] });
}

/** Access lists may be changed by an Organization Owner or by the key itself. */
function requireAccessListWriter(ctx: HandlerContext, key: ApiKey): void {
  if (ctx.principal.kind === 'apiKey' && ctx.principal.key.id === key.id) return;
  requireOrgRole(ctx.principal, key.orgId, ORG_OWNER);
}

function accessListPage(ctx: HandlerContext, key: ApiKey): unknown {
  return page([...key.accessList.values()], pageRequest(ctx.query), ctx.pageUrl, (entry) =>
    entryView(key, entry, ctx.base, ctx.accessListSegment),
  );
}

function pathEntryId(ctx: HandlerContext): string {
  const raw = ctx.params.ipAddress ?? '';
  const entry = parsePathEntry(raw);
  if (!entry) throw pathParamError('ipAddress', raw);
  return entryId(entry);
}

/** A project key view: its roles in this project plus its org roles, as Atlas lists them. */
function projectKeyView(ctx: HandlerContext, key: ApiKey, groupId: string, revealPrivateKey = false): unknown {
  const roles = key.roles.filter((r) => r.groupId === groupId || r.orgId !== undefined);
  return keyView(key, ctx.base, { roles, revealPrivateKey });
}

/** The project and the org key addressed by `groupId` and `apiUserId`, caller checked with `allowed`. */
function projectAndKey(ctx: HandlerContext, allowed: ReadonlySet<string>) {
  const groupId = id(ctx, 'groupId');
  const keyId = id(ctx, 'apiUserId');
  const project = ctx.state.getProject(groupId);
  requireProjectRole(ctx.principal, project, allowed);
  const key = ctx.state.getKey(project.orgId, keyId, ctx.flavor.keyNotFoundStatus);
  return { project, key };
}

export function routes(flavor: Flavor): Route[] {
  const list: RouteSpec[] = [
    // --- organizations and projects ------------------------------------------------------
    {
      method: 'GET',
      path: '/orgs',
      operation: 'listOrgs',
      handle: (ctx) => {
        const orgs = [...ctx.state.orgs.values()].filter((org) => canSeeOrg(ctx.principal, org.id));
        return ok(page(nameFilter(orgs, ctx.query.name), pageRequest(ctx.query), ctx.pageUrl, (org) => orgView(org, ctx.base)));
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId',
      operation: 'getOrg',
      handle: (ctx) => {
        const org = ctx.state.getOrg(id(ctx, 'orgId'));
        requireOrgMember(ctx.principal, org.id);
        return ok(orgView(org, ctx.base));
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/groups',
      operation: 'getOrgGroups',
      handle: (ctx) => {
        const org = ctx.state.getOrg(id(ctx, 'orgId'));
        requireOrgMember(ctx.principal, org.id);
        const projects = nameFilter(ctx.state.projectsOf(org.id), ctx.query.name);
        return ok(page(projects, pageRequest(ctx.query), ctx.pageUrl, (p) => projectView(p, ctx.base)));
      },
    },
    {
      method: 'GET',
      path: '/groups',
      operation: 'listGroups',
      handle: (ctx) => {
        const projects = [...ctx.state.projects.values()].filter((p) => isGlobalOwner(ctx.principal) || canSeeProject(ctx.principal, p));
        return ok(page(projects, pageRequest(ctx.query), ctx.pageUrl, (p) => projectView(p, ctx.base)));
      },
    },
    {
      method: 'GET',
      path: '/groups/byName/:groupName',
      operation: 'getProjectByName',
      handle: (ctx) => {
        const name = ctx.params.groupName ?? '';
        if (!PROJECT_NAME.test(name)) throw pathParamError('groupName', name);
        const project = [...ctx.state.projects.values()].find((p) => p.name === name);
        if (!project) throw new AtlasError(404, 'GROUP_NAME_NOT_FOUND', `No group with name "${name}" exists.`, { parameters: [name] });
        requireProjectMember(ctx.principal, project);
        return ok(projectView(project, ctx.base));
      },
    },
    {
      method: 'GET',
      path: '/groups/:groupId',
      operation: 'getGroup',
      handle: (ctx) => {
        const project = ctx.state.getProject(id(ctx, 'groupId'));
        requireProjectMember(ctx.principal, project);
        return ok(projectView(project, ctx.base));
      },
    },

    // --- organization API keys -------------------------------------------------------------
    {
      method: 'GET',
      path: '/orgs/:orgId/apiKeys',
      operation: 'listOrgApiKeys',
      handle: (ctx) => {
        const org = ctx.state.getOrg(id(ctx, 'orgId'));
        requireOrgMember(ctx.principal, org.id);
        return ok(page(ctx.state.keysOf(org.id), pageRequest(ctx.query), ctx.pageUrl, (k) => keyView(k, ctx.base)));
      },
    },
    {
      method: 'POST',
      path: '/orgs/:orgId/apiKeys',
      operation: 'createOrgApiKey',
      handle: (ctx) => {
        const org = ctx.state.getOrg(id(ctx, 'orgId'));
        requireOrgRole(ctx.principal, org.id, flavor.orgKeyWriters);
        const input = bodies.createKeyBody(ctx.body(), flavor.orgRoles, 'organization');
        const key = ctx.state.createKey(
          org.id,
          input.desc,
          input.roles.map((roleName) => ({ orgId: org.id, roleName })),
        );
        ctx.record({ eventTypeName: 'API_KEY_CREATED', orgId: org.id, targetPublicKey: key.publicKey });
        return ok(keyView(key, ctx.base, { revealPrivateKey: true }));
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/apiKeys/:apiUserId',
      operation: 'getOrgApiKey',
      handle: (ctx) => ok(keyView(orgKey(ctx), ctx.base)),
    },
    {
      method: 'PATCH',
      path: '/orgs/:orgId/apiKeys/:apiUserId',
      operation: 'updateOrgApiKey',
      handle: (ctx) => {
        const key = orgKey(ctx);
        requireOrgRole(ctx.principal, key.orgId, flavor.orgKeyWriters);
        const input = bodies.updateOrgKeyBody(ctx.body(), flavor.orgRoles);
        const target = { orgId: key.orgId, targetPublicKey: key.publicKey };
        // Only what changed is recorded: a PATCH that repeats the current values records nothing.
        if (input.desc !== undefined && input.desc !== key.desc) {
          key.desc = input.desc;
          ctx.record({ eventTypeName: 'API_KEY_DESCRIPTION_CHANGED', ...target });
        }
        if (input.roles !== undefined) {
          const before = ctx.state.orgRoleNames(key);
          ctx.state.setOrgRoles(key, input.roles);
          if (!sameRoles(before, ctx.state.orgRoleNames(key))) ctx.record({ eventTypeName: 'API_KEY_ROLES_CHANGED', ...target });
        }
        return ok(keyView(key, ctx.base));
      },
    },
    {
      method: 'DELETE',
      path: '/orgs/:orgId/apiKeys/:apiUserId',
      operation: 'deleteOrgApiKey',
      handle: (ctx) => {
        const key = orgKey(ctx);
        requireOrgRole(ctx.principal, key.orgId, flavor.orgKeyWriters);
        ctx.state.deleteKey(key);
        ctx.record({ eventTypeName: 'API_KEY_DELETED', orgId: key.orgId, targetPublicKey: key.publicKey });
        return noContent;
      },
    },

    // --- access lists --------------------------------------------------------------------
    {
      method: 'GET',
      path: '/orgs/:orgId/apiKeys/:apiUserId/accessList',
      operation: 'listOrgApiKeyAccessListEntries',
      handle: (ctx) => {
        const key = orgKey(ctx);
        requireAccessListReader(ctx, key);
        return ok(accessListPage(ctx, key));
      },
    },
    {
      method: 'POST',
      path: '/orgs/:orgId/apiKeys/:apiUserId/accessList',
      operation: 'createOrgApiKeyAccessListEntry',
      handle: (ctx) => {
        const key = orgKey(ctx);
        requireAccessListWriter(ctx, key);
        const request = pageRequest(ctx.query);
        const entries = bodies.accessListBody(ctx.body());
        ctx.state.addEntries(key, entries);
        for (const entry of entries) {
          ctx.record({ eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', orgId: key.orgId, targetPublicKey: key.publicKey, whitelistEntry: entryId(entry) });
        }
        return ok(page([...key.accessList.values()], request, ctx.pageUrl, (e) => entryView(key, e, ctx.base, ctx.accessListSegment)));
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/apiKeys/:apiUserId/accessList/:ipAddress',
      operation: 'getOrgApiKeyAccessListEntry',
      handle: (ctx) => {
        const key = orgKey(ctx);
        requireAccessListReader(ctx, key);
        const entry = ctx.state.getEntry(key, pathEntryId(ctx));
        return ok(entryView(key, entry, ctx.base, ctx.accessListSegment));
      },
    },
    {
      method: 'DELETE',
      path: '/orgs/:orgId/apiKeys/:apiUserId/accessList/:ipAddress',
      operation: 'deleteOrgApiKeyAccessListEntry',
      handle: (ctx) => {
        const key = orgKey(ctx);
        requireAccessListWriter(ctx, key);
        const entryKey = pathEntryId(ctx);
        const entry = ctx.state.getEntry(key, entryKey);
        const isCaller = ctx.principal.kind === 'apiKey' && ctx.principal.key.id === key.id;
        if (isCaller && entryMatches(entry, ctx.callerAddress)) {
          throw new AtlasError(400, 'API_KEY_ACCESS_LIST_ACCESS_DENIED', 'You cannot remove the requesting IP address from the requesting API key.', {
            parameters: [entryKey],
          });
        }
        key.accessList.delete(entryKey);
        ctx.record({ eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_DELETED', orgId: key.orgId, targetPublicKey: key.publicKey, whitelistEntry: entryKey });
        return noContent;
      },
    },

    // --- org keys on projects ------------------------------------------------------------
    {
      method: 'GET',
      path: '/groups/:groupId/apiKeys',
      operation: 'listGroupApiKeys',
      handle: (ctx) => {
        const project = ctx.state.getProject(id(ctx, 'groupId'));
        requireProjectMember(ctx.principal, project);
        return ok(
          page(ctx.state.keysOfProject(project.id), pageRequest(ctx.query), ctx.pageUrl, (k) => projectKeyView(ctx, k, project.id)),
        );
      },
    },
    {
      method: 'POST',
      path: '/groups/:groupId/apiKeys',
      operation: 'createGroupApiKey',
      handle: (ctx) => {
        const project = ctx.state.getProject(id(ctx, 'groupId'));
        requireProjectRole(ctx.principal, project, flavor.projectKeyWriters);
        const input = bodies.createKeyBody(ctx.body(), flavor.projectRoles, 'project');
        const key = ctx.state.createKey(project.orgId, input.desc, [
          { orgId: project.orgId, roleName: 'ORG_MEMBER' },
          ...input.roles.map((roleName) => ({ groupId: project.id, roleName })),
        ]);
        // Created in the project's name and added to it: both events name the project, so both
        // show in its feed as well as the org's.
        const target = { orgId: project.orgId, groupId: project.id, targetPublicKey: key.publicKey };
        ctx.record({ eventTypeName: 'API_KEY_CREATED', ...target });
        ctx.record({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', ...target });
        return ok(projectKeyView(ctx, key, project.id, true));
      },
    },
    {
      method: 'PATCH',
      path: '/groups/:groupId/apiKeys/:apiUserId',
      operation: 'updateGroupApiKeyRoles',
      handle: (ctx) => {
        const { project, key } = projectAndKey(ctx, flavor.projectKeyWriters);
        const assigned = ctx.state.projectRoleNames(key, project.id).length > 0;
        if (!assigned && !flavor.patchAssigns) throw notInProject(key.id, project.id, flavor);
        const input = bodies.updateProjectRolesBody(ctx.body(), flavor.projectRoles);
        const target = { orgId: project.orgId, groupId: project.id, targetPublicKey: key.publicKey };
        if (input.desc !== undefined && input.desc !== key.desc) {
          key.desc = input.desc;
          ctx.record({ eventTypeName: 'API_KEY_DESCRIPTION_CHANGED', ...target });
        }
        const before = ctx.state.projectRoleNames(key, project.id);
        ctx.state.setProjectRoles(key, project.id, input.roles);
        // On Ops Manager this PATCH also assigns: a key new to the project is added, not changed.
        if (!assigned) ctx.record({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', ...target });
        else if (!sameRoles(before, ctx.state.projectRoleNames(key, project.id))) ctx.record({ eventTypeName: 'API_KEY_ROLES_CHANGED', ...target });
        return ok(projectKeyView(ctx, key, project.id));
      },
    },
    {
      method: 'DELETE',
      path: '/groups/:groupId/apiKeys/:apiUserId',
      operation: 'removeGroupApiKey',
      handle: (ctx) => {
        const { project, key } = projectAndKey(ctx, flavor.projectKeyWriters);
        if (ctx.state.projectRoleNames(key, project.id).length === 0) throw notInProject(key.id, project.id, flavor);
        ctx.state.setProjectRoles(key, project.id, []);
        ctx.record({ eventTypeName: 'API_KEY_REMOVED_FROM_GROUP', orgId: project.orgId, groupId: project.id, targetPublicKey: key.publicKey });
        return noContent;
      },
    },
  ];

  if (flavor.versioned) {
    // Atlas v1.0 and Ops Manager have none of these resources: their paths answer 404 as any unknown one.
    list.push(...orgSettingsRoutes(), ...systemStatusRoutes(), ...serviceAccountRoutes(flavor));
    // Each endpoint set lists its endpoints as the OpenAPI document writes their paths: `:name`
    // (with its pattern, if any) as `{name}`, and `::` as the literal colon of `…{clientId}:invite`.
    const endpointsOf = (operation: OperationId): Endpoint[] =>
      list
        .filter((r) => r.operation === operation)
        .map((r) => ({ method: r.method, path: `${flavor.basePath}${r.path.replace(/::|:(\w+)(?:\([^)]*\))?/g, (_m, name?: string) => (name ? `{${name}}` : ':'))}` }));
    list.push(...rateLimitRoutes(endpointsOf));
    // The activity feed is served on v2 only: the v1.0 document the simulator follows
    // (atlas-admin-v1.apikeys.openapi.yaml) has no event operations, and neither has its Ops Manager
    // counterpart here. Writes through every flavor record events all the same.
    list.push(...eventRoutes());
  }

  // Atlas assigns an existing key with POST; Ops Manager has no such operation (PATCH assigns).
  if (!flavor.patchAssigns) {
    list.push({
      method: 'POST',
      path: '/groups/:groupId/apiKeys/:apiUserId',
      operation: 'addGroupApiKey',
      handle: (ctx) => {
        const { project, key } = projectAndKey(ctx, flavor.projectKeyAssigners);
        const roles = bodies.assignBody(ctx.body(), flavor.projectRoles);
        if (ctx.state.projectRoleNames(key, project.id).length > 0) {
          throw new AtlasError(409, 'API_KEY_ALREADY_IN_GROUP', `API key ${key.id} is already assigned to group ${project.id}.`, {
            parameters: [key.id, project.id],
          });
        }
        ctx.state.setProjectRoles(key, project.id, roles);
        ctx.record({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', orgId: project.orgId, groupId: project.id, targetPublicKey: key.publicKey });
        return noContent;
      },
    });
  }
  return list.map((route) => ({ ...route, versions: route.versions ?? [VERSION] }));
}

function notInProject(keyId: string, groupId: string, flavor: Flavor): AtlasError {
  return new AtlasError(flavor.keyNotFoundStatus, 'API_KEY_NOT_FOUND', `API key ${keyId} is not assigned to group ${groupId}.`, {
    parameters: [keyId, groupId],
  });
}
