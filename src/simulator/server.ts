/**
 * The HTTP side of the simulator on Fastify: content negotiation, authentication, rate limits,
 * fault injection, envelopes and counters around the operation handlers of `routes.ts`.
 */
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AtlasError, unauthorized, validation } from './errors.js';
import { type DigestVerifier, parseDigestHeader } from './digest.js';
import type { EventActor } from './events.js';
import { adminKeyId } from './ids.js';
import type { FaultPlans } from './faults.js';
import type { RateLimiter } from './rate-limits.js';
import { FLAVORS, type Flavor, versionedMediaType } from './flavors.js';
import { type SimulatorAccount, type TokenStore, parseBasic } from './oauth.js';
import type { Principal } from './permissions.js';
import type { BucketLimit } from './rate-limits.js';
import { type Route, routes } from './routes.js';
import { type ServiceAccountSecret, type State, isoNow } from './state.js';
import type { Stats } from './stats.js';
import { type FaultKind, type OperationId, POST_APPLY_FAULTS, type PostApplyFault, type PreApplyFault, type RequestRecord } from './types.js';
import { flagParam } from './views.js';

export interface SimulatorCore {
  state: State;
  digest: DigestVerifier;
  tokens: TokenStore;
  faults: FaultPlans;
  limiter: RateLimiter;
  stats: Stats;
  latencyMs: number;
  admin: { publicKey: string; privateKey: string };
  /** The simulator's own service accounts (its admin's, the test control's), by client id. */
  simulatorAccounts: Map<string, SimulatorAccount>;
  retiredVersions: ReadonlySet<string>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    operation?: OperationId;
  }
  interface FastifyRequest {
    /** Set once the request has been counted (hijacked replies are counted where they happen). */
    counted?: boolean;
  }
}

const BODY_LIMIT = 1024 * 1024;

export function buildApp(core: SimulatorCore, options: { logger: boolean; trustProxy: boolean }): FastifyInstance {
  const app = Fastify({
    logger: options.logger,
    trustProxy: options.trustProxy,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    // Requests the router cannot even parse (bad percent-encoding) still get an Atlas error.
    frameworkErrors: (error, request, reply) => sendError(reply, request, frameworkError(error)),
  });

  app.server.on('connection', () => core.stats.connection());

  // Bodies are kept as text: each flavor decides which media types it accepts and how a
  // malformed document is reported.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async () => {
    if (core.latencyMs > 0) await sleep(core.latencyMs);
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!request.counted) count(core, request, reply.statusCode);
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, request, new AtlasError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${request.url.split('?')[0]}.`));
  });

  app.setErrorHandler((error, request, reply) => {
    const atlasError = frameworkError(error);
    if (atlasError.status >= 500) request.log.error({ err: error }, 'simulator handler failed');
    return sendError(reply, request, atlasError);
  });

  app.post('/api/oauth/token', { config: { operation: 'createOAuthToken' } }, (request, reply) => issueToken(core, request, reply));

  for (const flavor of FLAVORS) {
    for (const route of routes(flavor)) {
      const paths = [route.path];
      if (flavor.servesWhitelist && route.path.includes('/accessList')) paths.push(route.path.replace('/accessList', '/whitelist'));
      for (const path of paths) {
        app.route({
          method: route.method,
          url: `${flavor.basePath}${path}`,
          config: { operation: route.operation },
          handler: (request, reply) => serve(core, flavor, route, request, reply),
        });
      }
    }
  }
  return app;
}

/** Fastify's own errors (body too large, bad URL, ...) as Atlas errors; anything else is a 500. */
function frameworkError(error: unknown): AtlasError {
  if (error instanceof AtlasError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return new AtlasError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
  const message = error instanceof Error ? error.message : 'Bad request.';
  if (status === 400) return validation(message);
  const code = (STATUS_CODES[status] ?? 'Bad Request').toUpperCase().replace(/[^A-Z]+/g, '_');
  return new AtlasError(status, code, message);
}

async function serve(core: SimulatorCore, flavor: Flavor, route: Route, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  try {
    const mediaType = flavor.versioned ? versionedMediaType(negotiateVersion(core, route, request)) : 'application/json';
    const { principal, actor } = authenticate(core, request, reply);
    if (flavor.versioned) applyRateLimit(core, route, principal, request, reply);
    const fault = core.faults.next(route.operation);
    const postApply = fault !== undefined && isPostApply(fault) ? fault : undefined;
    if (fault !== undefined && !isPostApply(fault) && injectFault(fault, mediaType, request, reply, core)) return;

    const segment = request.url.includes('/whitelist') ? 'whitelist' : 'accessList';
    const origin = `${request.protocol}://${request.host}`;
    const result = route.handle({
      state: core.state,
      flavor,
      principal,
      params: request.params as Record<string, string>,
      query: request.query as Record<string, string | undefined>,
      body: () => requestBody(flavor, request),
      base: `${origin}${flavor.basePath}`,
      pageUrl: `${origin}${request.url}`,
      callerAddress: request.ip,
      callerUserId: userIdOf(core, principal),
      actor,
      record: (event) => core.state.events.record({ ...event, actor, remoteAddress: request.ip }),
      accessListSegment: segment,
      rateLimits: core.limiter,
    });
    if (postApply) {
      injectPostApplyFault(postApply, mediaType, request, reply, core);
      return;
    }
    sendResult(reply, request, mediaType, result.status, result.body);
  } catch (error) {
    if (error instanceof AtlasError) return sendError(reply, request, error);
    throw error;
  }
}

// --- content negotiation -----------------------------------------------------------------

const MEDIA_TYPE = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/i;

/** A real calendar date in YYYY-MM-DD form. */
const isDate = (text: string): boolean => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/**
 * The resource version to serve: Atlas serves the latest version of the resource dated on or
 * before the requested date. 406 when no versioned media type is asked for, when it is not a
 * date, or when every date asked for is older than the resource's first version; 410 for a
 * version the simulator was told is retired.
 */
function negotiateVersion(core: SimulatorCore, route: Route, request: FastifyRequest): string {
  const accept = request.headers.accept ?? '';
  const dates = accept
    .split(',')
    .map((part) => MEDIA_TYPE.exec(part.split(';')[0]!.trim())?.[1])
    .filter((date): date is string => date !== undefined && isDate(date));
  const path = request.url.split('?')[0]!;
  const retired = dates.find((date) => core.retiredVersions.has(date));
  if (retired) {
    throw new AtlasError(410, 'VERSION_GONE', `Version ${retired} of ${path} is no longer available.`, { parameters: [retired, path] });
  }
  const served = dates
    .map((date) => route.versions.filter((version) => version <= date).at(-1))
    .filter((version): version is string => version !== undefined)
    .sort()
    .at(-1);
  if (served !== undefined) return served;
  throw new AtlasError(406, 'INVALID_VERSION_DATE', `Invalid accept header or version date. This resource accepts ${route.versions.map(versionedMediaType).join(', ')} and later dates.`, {
    parameters: [accept],
  });
}

function requestBody(flavor: Flavor, request: FastifyRequest): unknown {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // v2 takes a versioned media type or plain JSON (as Atlas does); v1.0 and Ops Manager plain JSON only.
  const accepted = type === 'application/json' || (flavor.versioned && MEDIA_TYPE.test(type));
  if (!accepted) {
    const expected = flavor.versioned ? 'application/vnd.atlas.YYYY-MM-DD+json or application/json' : 'application/json';
    throw new AtlasError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${expected}.`, { parameters: [type] });
  }
  const text = typeof request.body === 'string' ? request.body : '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validation('The request body is not valid JSON.');
  }
}

// --- authentication ----------------------------------------------------------------------

function authorizationHeaders(request: FastifyRequest): string[] {
  const raw = request.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'authorization') values.push(raw[i + 1]!);
  return values;
}

function challenge(core: SimulatorCore, reply: FastifyReply, stale: boolean, detail?: string): AtlasError {
  core.stats.challenge();
  reply.header('www-authenticate', core.digest.challenge(stale));
  return unauthorized(detail);
}

interface Caller {
  principal: Principal;
  /** The caller as the events it causes name it. */
  actor: EventActor;
}

function authenticate(core: SimulatorCore, request: FastifyRequest, reply: FastifyReply): Caller {
  const headers = authorizationHeaders(request);
  if (headers.length > 1) throw unauthorized('Send exactly one Authorization header.');
  const header = headers[0];
  if (header === undefined) throw challenge(core, reply, false);

  if (/^bearer\s/i.test(header)) {
    const clientId = core.tokens.resolve(header.slice(7).trim());
    const caller = clientId === undefined ? undefined : bearerCaller(core, clientId, request.ip);
    if (!caller) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw unauthorized('The access token is invalid or has expired.');
    }
    return caller;
  }
  if (!/^digest\s/i.test(header)) throw challenge(core, reply, false);

  const params = parseDigestHeader(header);
  if (!params) throw challenge(core, reply, false);
  const isAdmin = params.username === core.admin.publicKey;
  const key = isAdmin ? undefined : core.state.keyByPublicKey(params.username);
  const password = isAdmin ? core.admin.privateKey : key?.privateKey;
  const outcome = core.digest.verify(params, request.method, request.url, password);
  if (!outcome.ok) throw challenge(core, reply, outcome.stale);
  if (!key) return { principal: { kind: 'admin', via: 'digest' }, actor: { kind: 'apiKey', apiKeyId: adminKeyId(core.admin.publicKey), publicKey: core.admin.publicKey } };
  // Every authenticated key call: usage, and the API access list (state.ts).
  core.state.recordUse(key, request.ip);
  return { principal: { kind: 'apiKey', key }, actor: { kind: 'apiKey', apiKeyId: key.id, publicKey: key.publicKey } };
}

/**
 * The caller a live token names: one of the simulator's own accounts, or an organization's
 * account, unless that has been deleted since the token was issued (its tokens stop working).
 */
function bearerCaller(core: SimulatorCore, clientId: string, address: string): Caller | undefined {
  const actor: EventActor = { kind: 'serviceAccount', clientId };
  const own = core.simulatorAccounts.get(clientId);
  if (own) {
    const principal: Principal = own.roles === undefined ? { kind: 'admin', via: 'serviceAccount' } : { kind: 'serviceAccount', account: { clientId, roles: own.roles } };
    return { principal, actor };
  }
  const account = core.state.serviceAccounts.get(clientId);
  if (!account) return undefined;
  // Every call with an organization's account: usage, and its API access list (state.ts), as for keys.
  core.state.recordUse(account, address);
  return { principal: { kind: 'serviceAccount', account }, actor };
}

/** The caller as Atlas' USER scope and the rate-limit inspection's `userId` name it. */
function userIdOf(core: SimulatorCore, principal: Principal): string {
  if (principal.kind === 'apiKey') return principal.key.publicKey;
  if (principal.kind === 'serviceAccount') return principal.account.clientId;
  return core.admin.publicKey;
}

function applyRateLimit(core: SimulatorCore, route: Route, principal: Principal, request: FastifyRequest, reply: FastifyReply): void {
  const params = request.params as Record<string, string | undefined>;
  const decision = core.limiter.take(route.operation, {
    orgId: params.orgId,
    groupId: params.groupId,
    userId: userIdOf(core, principal),
    ipAddress: request.ip,
  });
  if (!decision) return;
  reply.header('ratelimit-limit', String(decision.set.limit.capacity));
  reply.header('ratelimit-remaining', String(decision.remaining));
  if (decision.allowed) return;
  throw rateLimited(request, decision.set.limit, decision.retryAfterSeconds);
}

/** Atlas' 429, worded as Atlas words it; `parameters` are [path, retryAfterSec, capacity, refillRate, refillSeconds]. */
function rateLimited(request: FastifyRequest, limit: BucketLimit, retryAfterSeconds: number): AtlasError {
  const path = request.url.split('?')[0]!.replace(/^\//, '');
  const { capacity, refillRate, refillDurationSeconds } = limit;
  return new AtlasError(
    429,
    'RATE_LIMITED_TOKEN_BUCKET',
    `Rate limit exceeded for ${path}. Please retry after ${retryAfterSeconds} seconds. Request capacity: ${capacity}. Refill rate: ${refillRate} per ${refillDurationSeconds} seconds.`,
    { parameters: [path, retryAfterSeconds, capacity, refillRate, refillDurationSeconds], headers: { 'retry-after': String(retryAfterSeconds) } },
  );
}

// --- service-account tokens --------------------------------------------------------------

async function issueToken(core: SimulatorCore, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const oauthError = (status: number, error: string, description: string): void => {
    void reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
  };
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
  const credentials = parseBasic(request.headers.authorization);
  const client = credentials ? tokenClient(core, credentials.id, credentials.secret) : undefined;
  if (!client) {
    reply.header('www-authenticate', 'Basic realm="oauth"');
    return oauthError(401, 'invalid_client', 'Client authentication failed.');
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
  }
  const fault = core.faults.next('createOAuthToken');
  if (fault !== undefined && !isPostApply(fault) && injectFault(fault, 'application/json', request, reply, core)) return;
  const token = core.tokens.issue(client.clientId);
  if (client.secret) client.secret.lastUsedAt = isoNow();
  if (fault !== undefined && isPostApply(fault)) return injectPostApplyFault(fault, 'application/json', request, reply, core);
  void reply.code(200).header('cache-control', 'no-store').send(token);
}

/**
 * Who the client credentials name: one of the simulator's own accounts with its secret, or an
 * organization's account with one of its secrets that has not expired (an expired secret is
 * refused as an unknown one is). The access list does not apply here: Atlas's token docs say it
 * applies to using a token, not to getting one.
 */
function tokenClient(core: SimulatorCore, clientId: string, secret: string): { clientId: string; secret?: ServiceAccountSecret } | undefined {
  const own = core.simulatorAccounts.get(clientId);
  if (own) return own.clientSecret === secret ? { clientId } : undefined;
  const account = core.state.serviceAccounts.get(clientId);
  const live = account ? core.state.liveSecret(account, secret) : undefined;
  return live ? { clientId, secret: live } : undefined;
}

// --- faults ------------------------------------------------------------------------------

/** Applies a fault; returns true when the request has been dealt with. */
function injectFault(
  fault: PreApplyFault,
  mediaType: string,
  request: FastifyRequest,
  reply: FastifyReply,
  core: SimulatorCore,
): boolean {
  switch (fault) {
    case 429:
      throw rateLimited(request, { capacity: 1, refillRate: 1, refillDurationSeconds: 1 }, 1);
    case 500:
      throw new AtlasError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
    case 503:
      throw new AtlasError(503, 'SERVICE_UNAVAILABLE', 'Service unavailable.', { headers: { 'retry-after': '1' } });
    case 'malformed-json':
      void reply.code(200).type(mediaType).send('{"results": [{"id": ');
      return true;
    case 'reset':
      count(core, request, 'reset');
      reply.hijack();
      request.raw.socket.resetAndDestroy();
      return true;
    case 'stall':
      // Headers never come; the connection is closed by the client or when the simulator stops.
      count(core, request, 'stall');
      reply.hijack();
      return true;
  }
}

const isPostApply = (fault: FaultKind): fault is PostApplyFault => (POST_APPLY_FAULTS as readonly FaultKind[]).includes(fault);

/** The change has been made; now the answer is lost in one of four ways. */
function injectPostApplyFault(fault: PostApplyFault, mediaType: string, request: FastifyRequest, reply: FastifyReply, core: SimulatorCore): void {
  switch (fault) {
    case 'reset-after-apply':
      injectFault('reset', mediaType, request, reply, core);
      return;
    case 'stall-after-apply':
      injectFault('stall', mediaType, request, reply, core);
      return;
    case '500-after-apply':
      sendError(reply, request, new AtlasError(500, 'UNEXPECTED_ERROR', 'Unexpected error.'));
      return;
    case 'truncated-after-apply':
      injectFault('malformed-json', mediaType, request, reply, core);
      return;
  }
}

// --- replies -----------------------------------------------------------------------------

function count(core: SimulatorCore, request: FastifyRequest, status: RequestRecord['status']): void {
  request.counted = true;
  const headers = authorizationHeaders(request);
  const scheme = headers[0]?.split(/\s/, 1)[0]?.toLowerCase();
  const auth: RequestRecord['auth'] =
    scheme === undefined ? 'none' : scheme === 'digest' || scheme === 'bearer' || scheme === 'basic' ? scheme : 'other';
  core.stats.record({
    operation: request.routeOptions.config.operation ?? 'unknown',
    method: request.method,
    url: request.url,
    status,
    auth,
    authorizationHeaders: headers.length,
  });
}

/** A boolean query flag for rendering; an invalid value reads as false (the handler reports it). */
function queryFlag(request: FastifyRequest, name: 'envelope' | 'pretty'): boolean {
  try {
    return flagParam(name, (request.query as Record<string, string | undefined>)[name], false);
  } catch {
    return false;
  }
}

const wantsEnvelope = (request: FastifyRequest): boolean => queryFlag(request, 'envelope');

const serialize = (request: FastifyRequest, body: unknown): string =>
  queryFlag(request, 'pretty') ? JSON.stringify(body, null, 2) : JSON.stringify(body);

function sendResult(reply: FastifyReply, request: FastifyRequest, type: string, status: number, body: unknown): void {
  if (wantsEnvelope(request)) {
    const isList = typeof body === 'object' && body !== null && 'results' in body;
    const wrapped = isList ? { ...(body as object), status } : { content: body ?? {}, status };
    void reply.code(200).type(type).send(serialize(request, wrapped));
    return;
  }
  if (body === undefined) {
    // The OpenAPI document declares the versioned media type on 204 answers too.
    if (type !== 'application/json') reply.header('content-type', type);
    void reply.code(status).send();
    return;
  }
  void reply.code(status).type(type).send(serialize(request, body));
}

function sendError(reply: FastifyReply, request: FastifyRequest, error: AtlasError): void {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  const body = error.toBody();
  const envelope = wantsEnvelope(request);
  void reply
    .code(envelope ? 200 : error.status)
    .type('application/json')
    .send(serialize(request, envelope ? { content: body, status: error.status } : body));
}
