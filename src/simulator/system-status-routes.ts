/**
 * `GET /api/atlas/v2` (`getSystemStatus`, v2 only, 2023-01-01): "who am I" for the caller. The
 * spec names no role, so any valid credential may call it.
 */
import { createHash } from 'node:crypto';
import { adminKeyId } from './ids.js';
import type { HandlerContext, RouteSpec } from './routes.js';
import { callerKeyView } from './views.js';

/** A fixed 40-hex commit: the build Atlas reports is its own git commit. */
const BUILD = createHash('sha1').update('atlas-keys-gateway simulator').digest('hex');

/**
 * The calling key: a key of an org with its roles and access list; the simulator's admin Digest
 * key (not a key of any org) as an owner of every org, with a stable id derived from its public
 * key; `null` for a service-account bearer. The spec does not say what Atlas answers for a
 * service account (`apiKey` is required and nullable): null is unverified.
 */
function callerKey(ctx: HandlerContext): unknown {
  const { principal } = ctx;
  if (principal.kind === 'apiKey') return callerKeyView(principal.key, principal.key.accessList.values());
  if (principal.kind === 'admin' && principal.via === 'digest') {
    const id = adminKeyId(ctx.callerUserId);
    const roles = [...ctx.state.orgs.keys()].map((orgId) => ({ orgId, roleName: 'ORG_OWNER' }));
    return callerKeyView({ id, publicKey: ctx.callerUserId, roles }, []);
  }
  return null;
}

export function systemStatusRoutes(): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '',
      operation: 'getSystemStatus',
      handle: (ctx) => ({
        status: 200,
        body: {
          apiKey: callerKey(ctx),
          appName: 'MongoDB Atlas',
          build: BUILD,
          links: [{ rel: 'self', href: ctx.base }],
          throttling: false,
        },
      }),
    },
  ];
}
