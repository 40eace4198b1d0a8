/**
 * The HTTP side of the simulator on Fastify: content negotiation, authentication, rate limits,
 * fault injection, envelopes and counters around the operation handlers of `routes.ts`.
 */
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AtlasError, unauthorized, validation } from './errors.js';
import { type DigestVerifier, parseDigestHeader } from './digest.js';
import { type FaultPlans, type RateLimiter } from './faults.js';
import { FLAVORS, type Flavor, VERSION, VERSIONED_MEDIA_TYPE } from './flavors.js';
import { type TokenStore, parseBasic } from './oauth.js';
import type { Principal } from './permissions.js';
import { type Route, routes } from './routes.js';
import type { ServiceAccount, State } from './state.js';
import type { Stats } from './stats.js';
import type { FaultKind, OperationId, RequestRecord } from './types.js';
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
  serviceAccounts: Map<string, ServiceAccount>;
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
    if (flavor.versioned) negotiateVersion(core, request);
    const principal = authenticate(core, request, reply);
    applyRateLimit(core, principal, request, reply);
    const fault = core.faults.next(route.operation);
    const mediaType = flavor.versioned ? VERSIONED_MEDIA_TYPE : 'application/json';
    if (fault !== undefined && injectFault(fault, mediaType, request, reply, core)) return;

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
      accessListSegment: segment,
    });
    sendResult(reply, request, flavor, result.status, result.body);
  } catch (error) {
    if (error instanceof AtlasError) return sendError(reply, request, error);
    throw error;
  }
}

// --- content negotiation -----------------------------------------------------------------

function negotiateVersion(core: SimulatorCore, request: FastifyRequest): void {
  const accept = request.headers.accept ?? '';
  const versions = accept
    .split(',')
    .map((part) => /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/i.exec(part.split(';')[0]!.trim())?.[1])
    .filter((v): v is string => v !== undefined);
  if (versions.includes(VERSION)) return;
  const path = request.url.split('?')[0]!;
  const retired = versions.find((v) => core.retiredVersions.has(v));
  if (retired) {
    throw new AtlasError(410, 'VERSION_GONE', `Version ${retired} of ${path} is no longer available.`, { parameters: [retired, path] });
  }
  throw new AtlasError(406, 'INVALID_VERSION_DATE', `Invalid accept header or version date. This resource accepts ${VERSIONED_MEDIA_TYPE}.`, {
    parameters: [accept],
  });
}

function requestBody(flavor: Flavor, request: FastifyRequest): unknown {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const expected = flavor.versioned ? VERSIONED_MEDIA_TYPE : 'application/json';
  if (type !== expected) {
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

function authenticate(core: SimulatorCore, request: FastifyRequest, reply: FastifyReply): Principal {
  const headers = authorizationHeaders(request);
  if (headers.length > 1) throw unauthorized('Send exactly one Authorization header.');
  const header = headers[0];
  if (header === undefined) throw challenge(core, reply, false);

  if (/^bearer\s/i.test(header)) {
    const account = core.tokens.resolve(header.slice(7).trim());
    if (!account) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw unauthorized('The access token is invalid or has expired.');
    }
    return account.roles === undefined ? { kind: 'admin' } : { kind: 'serviceAccount', account };
  }
  if (!/^digest\s/i.test(header)) throw challenge(core, reply, false);

  const params = parseDigestHeader(header);
  if (!params) throw challenge(core, reply, false);
  const isAdmin = params.username === core.admin.publicKey;
  const key = isAdmin ? undefined : core.state.keyByPublicKey(params.username);
  const password = isAdmin ? core.admin.privateKey : key?.privateKey;
  const outcome = core.digest.verify(params, request.method, request.url, password);
  if (!outcome.ok) throw challenge(core, reply, outcome.stale);
  if (!key) return { kind: 'admin' };
  core.state.recordKeyUse(key, request.ip);
  return { kind: 'apiKey', key };
}

function principalId(principal: Principal): string {
  if (principal.kind === 'apiKey') return `key:${principal.key.id}`;
  if (principal.kind === 'serviceAccount') return `sa:${principal.account.clientId}`;
  return 'admin';
}

function applyRateLimit(core: SimulatorCore, principal: Principal, request: FastifyRequest, reply: FastifyReply): void {
  const decision = core.limiter.take(principalId(principal));
  if (!decision) return;
  reply.header('ratelimit-limit', String(core.limiter.settings?.capacity));
  reply.header('ratelimit-remaining', String(decision.remaining));
  if (decision.allowed) return;
  throw rateLimited(core, request, decision.retryAfterSeconds);
}

/** Atlas' 429: `parameters` are [path, retryAfterSec, capacity, refillRate, refillSeconds]. */
function rateLimited(core: SimulatorCore, request: FastifyRequest, retryAfterSeconds: number): AtlasError {
  const path = request.url.split('?')[0]!;
  const { capacity = 0, refillPerSecond = 0 } = core.limiter.settings ?? {};
  return new AtlasError(
    429,
    'RATE_LIMITED_TOKEN_BUCKET',
    `You have exceeded the rate limit for ${path}. Retry after ${retryAfterSeconds} seconds.`,
    { parameters: [path, retryAfterSeconds, capacity, refillPerSecond, 1], headers: { 'retry-after': String(retryAfterSeconds) } },
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
  const account = credentials ? core.serviceAccounts.get(credentials.id) : undefined;
  if (!credentials || !account || account.clientSecret !== credentials.secret) {
    reply.header('www-authenticate', 'Basic realm="oauth"');
    return oauthError(401, 'invalid_client', 'Client authentication failed.');
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
  }
  const fault = core.faults.next('createOAuthToken');
  if (fault !== undefined && injectFault(fault, 'application/json', request, reply, core)) return;
  void reply.code(200).header('cache-control', 'no-store').send(core.tokens.issue(account));
}

// --- faults ------------------------------------------------------------------------------

/** Applies a fault; returns true when the request has been dealt with. */
function injectFault(
  fault: FaultKind,
  mediaType: string,
  request: FastifyRequest,
  reply: FastifyReply,
  core: SimulatorCore,
): boolean {
  switch (fault) {
    case 429:
      throw rateLimited(core, request, 1);
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

function sendResult(reply: FastifyReply, request: FastifyRequest, flavor: Flavor, status: number, body: unknown): void {
  const type = flavor.versioned ? VERSIONED_MEDIA_TYPE : 'application/json';
  if (wantsEnvelope(request)) {
    const isList = typeof body === 'object' && body !== null && 'results' in body;
    const wrapped = isList ? { ...(body as object), status } : { content: body ?? {}, status };
    void reply.code(200).type(type).send(serialize(request, wrapped));
    return;
  }
  if (body === undefined) {
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
