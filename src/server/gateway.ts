/**
 * createGateway: the GraphQL server (graphql-yoga) over an Atlas client. It never listens;
 * `main.ts` does. Every request gets a fresh context (client view and loaders).
 */
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { type Plugin, createYoga, useReadinessCheck } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { AtlasApiError, type AtlasClient, AtlasNetworkError, AtlasTimeoutError, type FlavorName, ReadSession, type SharedReads } from '../atlas/index.js';
import { type Caller, type Verifier, atlasTokenIdentity } from './auth.js';
import type { UpstreamKind } from './config.js';
import { createContext } from '../graph/context.js';
import type { HygienePolicy } from '../graph/risks.js';
import { maskError } from '../graph/errors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { useCsrfPrevention, useHttpErrors } from './use-http-errors.js';
import { DEFAULT_LIMITS, type Limits, useLimits } from './use-limits.js';
import { useObservability } from './use-observability.js';
import { subgraphSchemas } from '../graph/index.js';
import type { NodeFields } from '../graph/subgraph.js';
import { useCancelOnAnswer } from './use-cancel-on-answer.js';
import { useCompiledExecution } from './use-compiled-execution.js';
import { routerCheck, useInlineTrace } from './use-federation-router.js';
import { useSharedReads } from './use-shared-reads.js';
import { usePersistedDocuments } from './use-persisted-documents.js';
import type { ApqStore } from './apq-store.js';
import { type AuditCaller, type AuditLog, createMemoryAuditLog } from './audit-store.js';
import type { ChangeFeed } from './change-feed.js';

export interface GatewayDeps {
  atlas: AtlasClient;
  /** `passthrough`: call Atlas with each caller's own bearer token (the `Authorization` header). */
  authMode?: 'credentials' | 'passthrough';
  /** Off: one upstream call per field, the benchmarks' baseline. On by default. */
  batching?: boolean;
  logger?: Logger;
  /** Operation metrics and `/metrics`; pass the same object's `observeUpstream` to the client. */
  metrics?: Metrics;
  /** Size and complexity limits; `DEFAULT_LIMITS` when absent. */
  limits?: Limits;
  /** Browser origins allowed to call cross-origin; none when absent. */
  corsOrigins?: string[];
  /** Answer introspection queries (GraphiQL and codegen need it); on by default. */
  introspection?: boolean;
  /** Inbound JWT verification; every request must then carry a valid bearer JWT with scopes. */
  verifier?: Verifier;
  /** Trusted documents (hash → document): when given, only these operations are accepted (and any from the router). */
  trustedDocuments?: Readonly<Record<string, string>>;
  /** The thresholds credentials are judged by; DEFAULT_HYGIENE_POLICY when absent. */
  hygiene?: HygienePolicy;
  /** Automatic persisted queries (Apollo's `persistedQuery` extension) kept in this store; off when absent. */
  apq?: ApqStore;
  /** Whether the subgraph SDL published to a router has `Query.node` / `Query.nodes`; `omit` by default. */
  nodeFields?: NodeFields;
  /** The secret a federation router sends in `x-router-secret` (see use-federation-router.ts). */
  routerSecret?: string;
  /**
   * Answer a router asking for Apollo inline traces (`apollo-federation-include-trace: ftv1`).
   * Off by default: tracing wraps every field's resolver, which every request then pays for.
   */
  inlineTraces?: boolean;
  /** The shared reads `atlas` was created with (`AtlasClient.create({ sharedReads })`): their store's health shows on /readyz. */
  sharedReads?: SharedReads;
  /** What `atlas` calls, said on /readyz: the embedded simulator must not pass for Atlas. */
  upstream?: { kind: UpstreamKind; flavor: FlavorName };
  /** Where every mutation's audit record goes (createAuditLog); in this process, with `logger`, when absent. */
  audit?: AuditLog;
  /** The change feed subscriptions read and mutations poke (ChangeFeed.create); no subscriptions when absent or in pass-through mode. */
  feed?: ChangeFeed;
}

/** The query GraphiQL opens with: it works on the simulator's demo data and on any real org. */
export const DEFAULT_QUERY = `# Organizations with their projects and API keys.
query Overview {
  organizations(first: 5) {
    totalCount
    edges {
      node {
        name
        atlasId
        projects(first: 10) { edges { node { name clusterCount } } }
        apiKeys(first: 10) {
          totalCount
          edges {
            node {
              description
              publicKey
              organizationRoles { role }
              projectAssignments { project { name } roles { role } }
            }
          }
        }
      }
    }
  }
}
`;

/**
 * GraphiQL's second tab: key hygiene over the first organization's keys. On an organization whose
 * settings or access lists the credentials may not read, those fields answer null with an error
 * that says why, and the rest of the page still shows.
 */
export const HYGIENE_QUERY = `# Key hygiene: when each key was created, how it has been used, and what makes it risky.
query KeyHygiene {
  organizations(first: 1) {
    edges {
      node {
        name
        settings { apiAccessListRequired }
        apiKeys(first: 50) {
          totalCount
          edges {
            node {
              description
              publicKey
              createdAt
              usage { known unknownReason lastUsedAt lastUsedFrom requestCount }
              risks { kind severity message }
            }
          }
        }
      }
    }
  }
}
`;

export function createGateway(deps: GatewayDeps) {
  const cancelOnAnswer = useCancelOnAnswer();
  const sharedReads = useSharedReads();
  const fromRouter = routerCheck(deps.routerSecret);
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const observability = useObservability({ logger: deps.logger, metrics: deps.metrics });
  const audit = deps.audit ?? createMemoryAuditLog({ logger: deps.logger });
  return createYoga({
    // The subgraph schema: the public one plus _service and _entities for a federation router.
    schema: subgraphSchemas[deps.nodeFields ?? 'omit'],
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    context: async ({ request }) => {
      const caller = deps.verifier ? await deps.verifier(request.headers.get('authorization')) : undefined;
      const requestId = observability.requestIdFor(request);
      return createContext(
        atlasFor(deps, request).withSignal(cancelOnAnswer.signalFor(request)).withReadSession(sharedReads.sessionFor(request)),
        {
          batching: deps.batching ?? true,
          observe: deps.metrics?.loaders,
          ...(deps.hygiene ? { hygiene: deps.hygiene } : {}),
          audit,
          auditCaller: auditCallerOf(deps, request, caller),
          ...(requestId ? { requestId } : {}),
          // The feed polls with the gateway's own credentials: a pass-through gateway has none.
          ...(deps.feed && deps.authMode !== 'passthrough' ? { feed: deps.feed } : {}),
        },
        caller,
      );
    },
    maskedErrors: { maskError: (error) => maskError(error) },
    cors: deps.corsOrigins?.length ? { origin: deps.corsOrigins, methods: ['GET', 'POST'], credentials: true } : false,
    // The Overview tab first; defaultQuery is what a new tab opens with.
    graphiql: deps.introspection === false ? false : { title: 'Atlas Keys Gateway', defaultQuery: DEFAULT_QUERY, defaultTabs: [{ query: DEFAULT_QUERY }, { query: HYGIENE_QUERY }] },
    // GraphiQL with its assets inlined: it works without reaching a CDN. Loaded on the first page
    // view: its inlined bundle is about 28 MB of the process's memory.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    logging: false,
    // Bodies are held to limits.maxBodyBytes by useLimits; Yoga's own limit would stream every body through a counter.
    maxRequestBodySize: false,
    plugins: [
      observability,
      useHttpErrors(),
      cancelOnAnswer,
      sharedReads,
      useCompiledExecution(),
      useLimits(limits),
      // A GET (or other "simple" request a browser sends cross-site without a preflight) must carry one of these headers.
      useCsrfPrevention(['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name']),
      ...(deps.introspection === false ? [useDisableIntrospection()] : []),
      ...usePersistedDocuments({ trusted: deps.trustedDocuments, apq: deps.apq, fromRouter }),
      ...(deps.inlineTraces ? [useInlineTrace({ secretConfigured: deps.routerSecret !== undefined, fromRouter, maskError })] : []),
      onPath('/readyz', useReadinessCheck({
        endpoint: '/readyz',
        // Ready when Atlas answers with the configured credentials; otherwise a small JSON body says why.
        check: async () => {
          try {
            // Asked of Atlas itself, never answered from the cache: ready means Atlas answers now.
            await deps.atlas.withReadSession(new ReadSession(true)).listOrganizations({ itemsPerPage: 1, includeCount: false });
            return ready(deps);
          } catch (error) {
            // Without credentials of its own (pass-through), any answer from Atlas means it is reachable.
            if (deps.authMode === 'passthrough' && error instanceof AtlasApiError) return ready(deps);
            return Response.json({ ready: false, reason: notReadyReason(error), ...health(deps) }, { status: 503 });
          }
        },
      })),
    ],
  });
}

/**
 * A plugin whose requests are those of one path only. Yoga's endpoint plugins also try a
 * URLPattern on every other request, which costs each GraphQL request more than its routing.
 */
function onPath(path: string, plugin: Plugin): Plugin {
  const { onRequest } = plugin;
  return onRequest ? { ...plugin, onRequest: (payload) => (payload.url.pathname === path ? onRequest(payload) : undefined) } : plugin;
}

export type Gateway = ReturnType<typeof createGateway>;

/**
 * Ready, what is called, and how the shared store is: a replica whose Redis is away still serves
 * (from Atlas directly), so it stays ready and says so.
 */
function ready(deps: GatewayDeps): true | Response {
  const body = health(deps);
  return Object.keys(body).length > 0 ? Response.json({ ready: true, ...body }) : true;
}

/** What /readyz says besides whether it is ready. */
function health({ upstream, sharedReads }: GatewayDeps) {
  return { ...(upstream ? { upstream } : {}), ...storeHealth(sharedReads) };
}

function storeHealth(shared: SharedReads | undefined): { sharedStore?: { kind: string; available: boolean; note?: string } } {
  if (!shared) return {};
  const available = shared.storeAvailable();
  return { sharedStore: { kind: shared.storeKind, available, ...(available ? {} : { note: 'Redis is unreachable: reads go to Atlas directly, uncached, until it is back.' }) } };
}

/** Why Atlas cannot be used, in words an operator can act on; never a credential. */
function notReadyReason(error: unknown): string {
  if (error instanceof AtlasApiError) {
    if (error.status === 401 || error.status === 403) return `Atlas refused the configured credentials (${error.status} ${error.errorCode}).`;
    if (error.status === 429) return 'Atlas is rate-limiting the configured credentials.';
    return `Atlas answered ${error.status} ${error.errorCode}.`;
  }
  if (error instanceof AtlasTimeoutError) return 'Atlas did not answer in time.';
  if (error instanceof AtlasNetworkError) return `Atlas cannot be reached (${error.code}).`;
  return 'Atlas cannot be used (unexpected error; see the logs).';
}

/** Who asked, for the audit records: the verified JWT's subject, a pass-through token's identity (never the token), or anonymous. */
function auditCallerOf(deps: GatewayDeps, request: Request, caller: Caller | undefined): AuditCaller {
  if (caller) return { kind: 'jwt', subject: caller.subject ?? null, issuer: caller.issuer ?? null };
  const token = deps.authMode === 'passthrough' ? bearerOf(request) : undefined;
  return token ? { kind: 'atlasToken', ...atlasTokenIdentity(token) } : { kind: 'anonymous' };
}

const bearerOf = (request: Request): string | undefined => /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];

/** The client view for a request: the gateway's own, or one with the caller's bearer token. */
function atlasFor(deps: GatewayDeps, request: Request): AtlasClient {
  if (deps.authMode !== 'passthrough') return deps.atlas;
  const token = bearerOf(request);
  if (!token) {
    throw new GraphQLError('Send your Atlas access token as `Authorization: Bearer <token>`.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return deps.atlas.withBearer(token);
}
