/**
 * `GET /rateLimits` and `GET /rateLimits/{endpointSetId}` (v2, version 2025-03-12): what the
 * endpoint sets are, which endpoints they hold, their scope and their bucket sizes. The scope
 * filters (`orgId`, `groupId`, `userId`, `ipAddress`) return only sets of that scope, for a
 * caller who may ask about it.
 */
import { AtlasError, forbiddenRole, pathParamError } from './errors.js';
import { parseAddress } from './addresses.js';
import { requireOrgMember, requireProjectMember } from './permissions.js';
import type { EndpointSet, RateLimitScope } from './rate-limits.js';
import type { HandlerContext, RouteSpec } from './routes.js';
import type { OperationId } from './types.js';
import { page, pageRequest, queryValues as values } from './views.js';

export interface Endpoint {
  method: string;
  path: string;
}

const INSPECTION_VERSIONS = ['2025-03-12'] as const;
const OBJECT_ID = /^[a-f0-9]{24}$/;

/** The scopes the caller asked about (all when none), each checked against what the caller may see. */
function requestedScopes(ctx: HandlerContext): Set<RateLimitScope> | undefined {
  const query = ctx.query as Record<string, unknown>;
  const scopes = new Set<RateLimitScope>();
  for (const orgId of values(query, 'orgId')) {
    if (!OBJECT_ID.test(orgId)) throw pathParamError('orgId', orgId);
    requireOrgMember(ctx.principal, ctx.state.getOrg(orgId).id);
    scopes.add('ORGANIZATION');
  }
  for (const groupId of values(query, 'groupId')) {
    if (!OBJECT_ID.test(groupId)) throw pathParamError('groupId', groupId);
    requireProjectMember(ctx.principal, ctx.state.getProject(groupId));
    scopes.add('GROUP');
  }
  for (const userId of values(query, 'userId')) {
    if (userId !== ctx.callerUserId) throw forbiddenRole();
    scopes.add('USER');
  }
  for (const ipAddress of values(query, 'ipAddress')) {
    if (parseAddress(ipAddress) === undefined || parseAddress(ipAddress) !== parseAddress(ctx.callerAddress)) throw forbiddenRole();
    scopes.add('IP');
  }
  return scopes.size > 0 ? scopes : undefined;
}

function view(set: EndpointSet, endpointsOf: (operation: OperationId) => Endpoint[]): Record<string, unknown> {
  return {
    capacity: { value: set.limit.capacity },
    endpointSetId: set.endpointSetId,
    endpointSetName: set.endpointSetName,
    endpoints: set.operations.flatMap(endpointsOf),
    refillDurationSeconds: { value: set.limit.refillDurationSeconds },
    refillRate: { value: set.limit.refillRate },
    scope: set.scope,
  };
}

export function rateLimitRoutes(endpointsOf: (operation: OperationId) => Endpoint[]): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/rateLimits',
      operation: 'listRateLimits',
      versions: INSPECTION_VERSIONS,
      handle: (ctx) => {
        const query = ctx.query as Record<string, unknown>;
        const scopes = requestedScopes(ctx);
        const names = values(query, 'name');
        const paths = values(query, 'endpointPath');
        const sets = ctx.rateLimits.endpointSets.filter(
          (set) =>
            (!scopes || scopes.has(set.scope)) &&
            (names.length === 0 || names.includes(set.endpointSetName)) &&
            (paths.length === 0 || set.operations.flatMap(endpointsOf).some((e) => paths.includes(e.path))),
        );
        return { status: 200, body: page(sets, pageRequest(ctx.query), ctx.pageUrl, (set) => view(set, endpointsOf)) };
      },
    },
    {
      method: 'GET',
      path: '/rateLimits/:endpointSetId',
      operation: 'getRateLimit',
      versions: INSPECTION_VERSIONS,
      handle: (ctx) => {
        requestedScopes(ctx);
        const id = ctx.params.endpointSetId ?? '';
        const set = ctx.rateLimits.endpointSets.find((s) => s.endpointSetId === id);
        if (!set) throw new AtlasError(404, 'RESOURCE_NOT_FOUND', `No rate limit endpoint set with ID ${id} exists.`, { parameters: [id] });
        return { status: 200, body: view(set, endpointsOf) };
      },
    },
  ];
}
