/**
 * Configuration from the environment, parsed once at start with zod. The only module that reads
 * `process.env` (and the `.env` file beneath it). Variable names follow the Atlas CLI, with
 * Terraform's as aliases. A bad configuration fails with one message listing every problem, and
 * never quotes a value (it could be a secret pasted into the wrong variable).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { CLIENT_DEFAULTS, CREDENTIAL_CHECK_SECONDS, type Credentials, type FlavorName } from '../atlas/index.js';
import { DEFAULT_HYGIENE_POLICY, type HygienePolicy } from '../graph/risks.js';
import { AUDIT_DEFAULTS } from './audit-store.js';
import { FEED_DEFAULTS } from './change-feed.js';
import { WEBSOCKET_DEFAULTS } from './websocket.js';
import type { JwtConfig } from './auth.js';
import { DEFAULT_LIMITS, type Limits } from './use-limits.js';


/**
 * The change feed's poll interval: a change made outside the gateway reaches subscribers and makes
 * cached reads stale within it. Each watched organization costs one Atlas call per interval for
 * the whole fleet (see docs/subscriptions.md).
 */
export const FEED_CONFIG_DEFAULTS = { pollIntervalSeconds: 10 } as const;

export interface AtlasConfig {
  /** The origin of the Admin API, e.g. https://cloud.mongodb.com */
  baseUrl: string;
  flavor: FlavorName;
  accessListSegment: 'accessList' | 'whitelist';
  /** Undefined when no credentials are configured (pass-through, or the embedded simulator). */
  credentials: Credentials | undefined;
  maxConcurrency: number;
  connectTimeoutMs: number;
  /** For the response headers, and between chunks of the body. */
  requestTimeoutMs: number;
  retry: { maxAttempts: number; deadlineMs: number };
}

/** What the gateway calls: the Admin API (Atlas, Cloud or Ops Manager), or its embedded simulator with demo data. */
export type UpstreamKind = 'atlas' | 'simulator';

export interface Config {
  /** `simulator`: `atlas` is replaced by the embedded simulator's address and admin credentials. */
  upstream: UpstreamKind;
  atlas: AtlasConfig;
  server: {
    host: string;
    port: number;
    /** On SIGTERM/SIGINT: how long requests in flight may take before their connections are cut. */
    drainTimeoutMs: number;
  };
  /**
   * `credentials`: every call uses the configured key or service account (or the embedded
   * simulator's). `passthrough`: every call uses the caller's own Atlas bearer token.
   */
  authMode: 'credentials' | 'passthrough';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  limits: Limits;
  /** Browser origins allowed to call the gateway (CORS); none by default. */
  corsOrigins: string[];
  introspection: boolean;
  /** Inbound JWT verification; undefined when callers are not authenticated by the gateway. */
  jwt: JwtConfig | undefined;
  /** Path of a trusted-documents manifest (hash → document); only its operations are accepted. */
  trustedDocumentsFile: string | undefined;
  /** Automatic persisted queries (Apollo's `persistedQuery` extension); kept in Redis when `sharedReads.redisUrl` is set. */
  apq: boolean;
  /** The thresholds credentials are judged by (risks on keys and service accounts). */
  hygiene: HygienePolicy;
  /** How many days the gateway's audit records are kept (in Redis when `sharedReads.redisUrl` is set). */
  auditRetentionDays: number;
  /** The change feed behind subscriptions and the freshness of shared reads (src/server/change-feed.ts). */
  feed: {
    /** How often each watched organization's Atlas feed is polled (0 turns the feed and subscriptions off). */
    pollIntervalSeconds: number;
    maxSubscriptionsPerCaller: number;
    maxSubscriptionsPerConnection: number;
  };
  /** Reads shared across requests and replicas (src/atlas/shared-reads.ts). */
  sharedReads: {
    /** How long an Atlas read is reused; 0 reuses nothing (identical reads in flight are still sent once). */
    cacheTtlSeconds: number;
    /** How long a read the change feed makes stale (an organization's key listings, its keys) is reused while the feed follows its organization. */
    cacheWatchedTtlSeconds: number;
    /** While Atlas says a rate-limit bucket is empty, cached data up to this old is served (and said to be). */
    cacheMaxStaleSeconds: number;
    /** Cached data is served at most this long after Atlas last accepted the credential that read it. */
    credentialCheckSeconds: number;
    /** How long a read is kept for key-hygiene scans, which accept data this old (HYGIENE_MAX_AGE_SECONDS). */
    retainSeconds?: number;
    /** Redis shared by the replicas; undefined keeps everything in this process. */
    redisUrl: string | undefined;
  };
  federation: {
    /** Whether the subgraph SDL published to a router carries `Query.node` / `Query.nodes`. */
    nodeFields: 'omit' | 'publish';
    /** The secret a federation router sends in `x-router-secret`; undefined when none is configured. */
    routerSecret: string | undefined;
    /** Whether a router asking for Apollo inline traces (ftv1) gets them. */
    inlineTraces: boolean;
  };
}

/** The documented defaults of the Atlas settings (docs/configuration.md). */
export const ATLAS_CONFIG_DEFAULTS = {
  baseUrl: 'https://cloud.mongodb.com',
  flavor: 'atlas-v2',
  /** When only MONGODB_ATLAS_OPS_MANAGER_URL is set. */
  opsManagerFlavor: 'ops-manager',
  accessListSegment: 'accessList',
  maxConcurrency: CLIENT_DEFAULTS.maxConcurrency,
  connectTimeoutMs: CLIENT_DEFAULTS.connectTimeoutMs,
  requestTimeoutMs: CLIENT_DEFAULTS.headersTimeoutMs,
  retryMaxAttempts: CLIENT_DEFAULTS.retry.maxAttempts,
  retryDeadlineMs: CLIENT_DEFAULTS.retry.deadlineMs,
} as const;

/**
 * The cache's defaults (docs/shared-reads.md): 30 s keeps a dashboard's reads well inside Atlas'
 * documented tightest bucket (listing organizations: 10, refilled 5 a minute) and bounds how long
 * a change made outside the gateway takes to show; the gateway's own writes show at once. Five
 * minutes of staleness, said in the response, rides out an empty bucket (Atlas refills per minute).
 */
export const SHARED_READS_DEFAULTS = { cacheTtlSeconds: 30, cacheWatchedTtlSeconds: 300, cacheMaxStaleSeconds: 300, credentialCheckSeconds: CREDENTIAL_CHECK_SECONDS } as const;

/** Well under the 30 s a Kubernetes pod gets between SIGTERM and SIGKILL by default. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    // One problem is one line, for a log that shows the last line of a container that would not start.
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * The settings as the process is given them: its environment over the `.env` file of the working
 * directory, when there is one (a variable set in the environment wins, even set empty).
 */
export function environment(env: Env = process.env, dir: string = process.cwd()): Env {
  const file = join(dir, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw new ConfigError([`.env: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  return { ...parseEnv(text), ...env };
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const URL_EXAMPLE = 'must be an http(s) URL such as https://cloud.mongodb.com';

/** An http(s) origin: scheme, host and port only, since the flavor decides the path. */
const origin = z.string().transform((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: URL_EXAMPLE });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: URL_EXAMPLE });
  } else if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'must not carry credentials; use the key or service-account variables' });
  } else if (url.pathname !== '/' || url.search || url.hash) {
    ctx.addIssue({ code: 'custom', message: `must be an origin only, without a path (the flavor adds /api/...), e.g. ${url.origin}` });
  }
  return url.origin;
});

const schema = z.object({
  baseUrl: origin,
  flavor: z.enum(['atlas-v2', 'atlas-v1', 'ops-manager'], { error: 'must be atlas-v2, atlas-v1 or ops-manager' }),
  accessListSegment: z.enum(['accessList', 'whitelist'], { error: 'must be accessList or whitelist' }),
  maxConcurrency: integer(1, 256),
  connectTimeoutMs: integer(1, 600_000),
  requestTimeoutMs: integer(1, 600_000),
  maxAttempts: integer(1, 20),
  retryDeadlineMs: integer(0, 3_600_000),
  port: integer(0, 65_535),
  host: z.string().min(1),
  drainTimeoutMs: integer(0, 600_000),
  authMode: z.enum(['credentials', 'passthrough'], { error: 'must be credentials or passthrough' }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' }),
  deadlineMs: integer(100, 3_600_000),
  maxBodyBytes: integer(1_000, 100_000_000),
  maxTokens: integer(10, 1_000_000),
  maxDepth: integer(2, 1_000),
  maxAliases: integer(0, 10_000),
  maxCost: integer(10, 100_000_000),
  corsOrigins: z.array(z.url({ protocol: /^https?$/, error: 'must be a comma-separated list of http(s) origins' })),
  introspection: z.enum(['true', 'false'], { error: 'must be true or false' }),
  apq: z.enum(['on', 'off'], { error: 'must be on or off' }),
  unusedDays: integer(1, 3_650),
  widestIpv4Prefix: integer(1, 32),
  widestIpv6Prefix: integer(1, 128),
  secretExpiryDays: integer(1, 365),
  scanMaxAgeSeconds: integer(0, 86_400),
  scanBudgetShare: z.coerce.number({ error: 'must be a number' }).min(0.05, { error: 'must be between 0.05 and 1' }).max(1, { error: 'must be between 0.05 and 1' }),
  scanMaxReads: integer(0, 1_000),
  auditRetentionDays: integer(1, 3_650),
  feedPollIntervalSeconds: integer(0, 3_600),
  maxSubscriptionsPerCaller: integer(1, 10_000),
  maxSubscriptionsPerConnection: integer(1, 1_000),
  nodeFields: z.enum(['omit', 'publish'], { error: 'must be omit or publish' }),
  inlineTraces: z.enum(['on', 'off'], { error: 'must be on or off' }),
  cacheTtlSeconds: integer(0, 86_400),
  cacheWatchedTtlSeconds: integer(0, 86_400),
  cacheMaxStaleSeconds: integer(0, 86_400),
  credentialCheckSeconds: integer(0, 3_600),
  redisUrl: z
    .string()
    .refine((text) => URL.canParse(text) && ['redis:', 'rediss:'].includes(new URL(text).protocol), { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  upstream: z.enum(['atlas', 'simulator'], { error: 'must be atlas or simulator' }).optional(),
});

const ENV_NAMES: Record<keyof z.infer<typeof schema>, string> = {
  baseUrl: 'MONGODB_ATLAS_BASE_URL',
  flavor: 'MONGODB_ATLAS_FLAVOR',
  accessListSegment: 'MONGODB_ATLAS_ACCESS_LIST_PATH',
  maxConcurrency: 'ATLAS_MAX_CONCURRENCY',
  connectTimeoutMs: 'ATLAS_CONNECT_TIMEOUT_MS',
  requestTimeoutMs: 'ATLAS_REQUEST_TIMEOUT_MS',
  maxAttempts: 'ATLAS_RETRY_MAX_ATTEMPTS',
  retryDeadlineMs: 'ATLAS_RETRY_DEADLINE_MS',
  port: 'PORT',
  host: 'HOST',
  drainTimeoutMs: 'SHUTDOWN_DRAIN_TIMEOUT_MS',
  authMode: 'GATEWAY_AUTH_MODE',
  logLevel: 'LOG_LEVEL',
  deadlineMs: 'GRAPHQL_DEADLINE_MS',
  maxBodyBytes: 'GRAPHQL_MAX_BODY_BYTES',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxDepth: 'GRAPHQL_MAX_DEPTH',
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxCost: 'GRAPHQL_MAX_COST',
  corsOrigins: 'CORS_ORIGINS',
  introspection: 'GRAPHQL_INTROSPECTION',
  apq: 'GRAPHQL_APQ',
  unusedDays: 'HYGIENE_UNUSED_DAYS',
  widestIpv4Prefix: 'HYGIENE_WIDE_IPV4_PREFIX',
  widestIpv6Prefix: 'HYGIENE_WIDE_IPV6_PREFIX',
  secretExpiryDays: 'HYGIENE_SECRET_EXPIRY_DAYS',
  scanMaxAgeSeconds: 'HYGIENE_MAX_AGE_SECONDS',
  scanBudgetShare: 'HYGIENE_BUDGET_SHARE',
  scanMaxReads: 'HYGIENE_MAX_READS_PER_REQUEST',
  auditRetentionDays: 'AUDIT_RETENTION_DAYS',
  feedPollIntervalSeconds: 'FEED_POLL_INTERVAL_SECONDS',
  maxSubscriptionsPerCaller: 'SUBSCRIPTIONS_MAX_PER_CALLER',
  maxSubscriptionsPerConnection: 'SUBSCRIPTIONS_MAX_PER_CONNECTION',
  nodeFields: 'FEDERATION_NODE_FIELDS',
  inlineTraces: 'FEDERATION_INLINE_TRACES',
  cacheTtlSeconds: 'ATLAS_CACHE_TTL_SECONDS',
  cacheWatchedTtlSeconds: 'ATLAS_CACHE_WATCHED_TTL_SECONDS',
  cacheMaxStaleSeconds: 'ATLAS_CACHE_MAX_STALE_SECONDS',
  credentialCheckSeconds: 'ATLAS_CACHE_CREDENTIAL_CHECK_SECONDS',
  redisUrl: 'REDIS_URL',
  upstream: 'ATLAS_UPSTREAM',
};

const CREDENTIAL_SETTINGS = 'MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET)';

/** Parses the environment (see `environment`); throws a ConfigError that lists every problem. */
export function loadConfig(env: Env = environment()): Config {
  const problems: string[] = [];
  const explicitBaseUrl = nonEmpty(env.MONGODB_ATLAS_BASE_URL);
  const opsManagerUrl = nonEmpty(env.MONGODB_ATLAS_OPS_MANAGER_URL);
  const onlyOpsManagerUrl = explicitBaseUrl === undefined && opsManagerUrl !== undefined;
  const defaults = ATLAS_CONFIG_DEFAULTS;

  const raw = {
    baseUrl: explicitBaseUrl ?? opsManagerUrl ?? defaults.baseUrl,
    flavor: nonEmpty(env.MONGODB_ATLAS_FLAVOR) ?? (onlyOpsManagerUrl ? defaults.opsManagerFlavor : defaults.flavor),
    accessListSegment: nonEmpty(env.MONGODB_ATLAS_ACCESS_LIST_PATH) ?? defaults.accessListSegment,
    maxConcurrency: nonEmpty(env.ATLAS_MAX_CONCURRENCY) ?? defaults.maxConcurrency,
    connectTimeoutMs: nonEmpty(env.ATLAS_CONNECT_TIMEOUT_MS) ?? defaults.connectTimeoutMs,
    requestTimeoutMs: nonEmpty(env.ATLAS_REQUEST_TIMEOUT_MS) ?? defaults.requestTimeoutMs,
    maxAttempts: nonEmpty(env.ATLAS_RETRY_MAX_ATTEMPTS) ?? defaults.retryMaxAttempts,
    retryDeadlineMs: nonEmpty(env.ATLAS_RETRY_DEADLINE_MS) ?? defaults.retryDeadlineMs,
    port: nonEmpty(env.PORT) ?? 4000,
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    drainTimeoutMs: nonEmpty(env.SHUTDOWN_DRAIN_TIMEOUT_MS) ?? DEFAULT_DRAIN_TIMEOUT_MS,
    authMode: nonEmpty(env.GATEWAY_AUTH_MODE) ?? 'credentials',
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    deadlineMs: nonEmpty(env.GRAPHQL_DEADLINE_MS) ?? DEFAULT_LIMITS.deadlineMs,
    maxBodyBytes: nonEmpty(env.GRAPHQL_MAX_BODY_BYTES) ?? DEFAULT_LIMITS.maxBodyBytes,
    maxTokens: nonEmpty(env.GRAPHQL_MAX_TOKENS) ?? DEFAULT_LIMITS.maxTokens,
    maxDepth: nonEmpty(env.GRAPHQL_MAX_DEPTH) ?? DEFAULT_LIMITS.maxDepth,
    maxAliases: nonEmpty(env.GRAPHQL_MAX_ALIASES) ?? DEFAULT_LIMITS.maxAliases,
    maxCost: nonEmpty(env.GRAPHQL_MAX_COST) ?? DEFAULT_LIMITS.maxCost,
    corsOrigins: (nonEmpty(env.CORS_ORIGINS) ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    introspection: nonEmpty(env.GRAPHQL_INTROSPECTION) ?? 'true',
    apq: nonEmpty(env.GRAPHQL_APQ) ?? 'on',
    unusedDays: nonEmpty(env.HYGIENE_UNUSED_DAYS) ?? DEFAULT_HYGIENE_POLICY.unusedDays,
    widestIpv4Prefix: nonEmpty(env.HYGIENE_WIDE_IPV4_PREFIX) ?? DEFAULT_HYGIENE_POLICY.widestIpv4Prefix,
    widestIpv6Prefix: nonEmpty(env.HYGIENE_WIDE_IPV6_PREFIX) ?? DEFAULT_HYGIENE_POLICY.widestIpv6Prefix,
    secretExpiryDays: nonEmpty(env.HYGIENE_SECRET_EXPIRY_DAYS) ?? DEFAULT_HYGIENE_POLICY.secretExpiryDays,
    scanMaxAgeSeconds: nonEmpty(env.HYGIENE_MAX_AGE_SECONDS) ?? DEFAULT_HYGIENE_POLICY.scan.maxAgeSeconds,
    scanBudgetShare: nonEmpty(env.HYGIENE_BUDGET_SHARE) ?? DEFAULT_HYGIENE_POLICY.scan.budgetShare,
    scanMaxReads: nonEmpty(env.HYGIENE_MAX_READS_PER_REQUEST) ?? DEFAULT_HYGIENE_POLICY.scan.maxReadsPerRequest,
    auditRetentionDays: nonEmpty(env.AUDIT_RETENTION_DAYS) ?? AUDIT_DEFAULTS.retentionDays,
    feedPollIntervalSeconds: nonEmpty(env.FEED_POLL_INTERVAL_SECONDS) ?? FEED_CONFIG_DEFAULTS.pollIntervalSeconds,
    maxSubscriptionsPerCaller: nonEmpty(env.SUBSCRIPTIONS_MAX_PER_CALLER) ?? FEED_DEFAULTS.maxSubscriptionsPerCaller,
    maxSubscriptionsPerConnection: nonEmpty(env.SUBSCRIPTIONS_MAX_PER_CONNECTION) ?? WEBSOCKET_DEFAULTS.maxSubscriptionsPerConnection,
    nodeFields: nonEmpty(env.FEDERATION_NODE_FIELDS) ?? 'omit',
    inlineTraces: nonEmpty(env.FEDERATION_INLINE_TRACES) ?? 'off',
    cacheTtlSeconds: nonEmpty(env.ATLAS_CACHE_TTL_SECONDS) ?? SHARED_READS_DEFAULTS.cacheTtlSeconds,
    cacheWatchedTtlSeconds: nonEmpty(env.ATLAS_CACHE_WATCHED_TTL_SECONDS) ?? SHARED_READS_DEFAULTS.cacheWatchedTtlSeconds,
    cacheMaxStaleSeconds: nonEmpty(env.ATLAS_CACHE_MAX_STALE_SECONDS) ?? SHARED_READS_DEFAULTS.cacheMaxStaleSeconds,
    credentialCheckSeconds: nonEmpty(env.ATLAS_CACHE_CREDENTIAL_CHECK_SECONDS) ?? SHARED_READS_DEFAULTS.credentialCheckSeconds,
    redisUrl: nonEmpty(env.REDIS_URL),
    upstream: nonEmpty(env.ATLAS_UPSTREAM),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof typeof ENV_NAMES;
      const name = key === 'baseUrl' && onlyOpsManagerUrl ? 'MONGODB_ATLAS_OPS_MANAGER_URL' : ENV_NAMES[key];
      problems.push(`${name}: ${issue.message}`);
    }
  }
  // Checked on the raw values, so it is reported together with any other problem.
  if (raw.accessListSegment === 'whitelist' && raw.flavor !== 'ops-manager') {
    problems.push('MONGODB_ATLAS_ACCESS_LIST_PATH: whitelist is only served by Ops Manager (MONGODB_ATLAS_FLAVOR=ops-manager)');
  }

  const before = problems.length;
  const credentials = readCredentials(env, problems);
  const credentialsIncomplete = problems.length > before;
  const jwt = readJwt(env, problems);
  const routerSecret = nonEmpty(env.FEDERATION_ROUTER_SECRET);
  if (routerSecret !== undefined && routerSecret.length < ROUTER_SECRET_MIN) {
    problems.push(`FEDERATION_ROUTER_SECRET: must be at least ${ROUTER_SECRET_MIN} characters`);
  }
  if (jwt && parsed.success && parsed.data.authMode === 'passthrough') {
    problems.push('AUTH_JWT_*: inbound JWTs and passthrough both use the Authorization header; choose one');
  }
  if (parsed.success && parsed.data.authMode === 'passthrough' && credentials) {
    problems.push('GATEWAY_AUTH_MODE: passthrough uses each caller\'s token; remove the configured Atlas credentials');
  }
  const upstream = parsed.success ? chooseUpstream(parsed.data.upstream, parsed.data.authMode, credentials !== undefined || credentialsIncomplete, nonEmpty(env.NODE_ENV), problems) : undefined;
  if (problems.length > 0 || !parsed.success || !upstream) throw new ConfigError(problems);
  const data = parsed.data;
  return {
    upstream,
    atlas: {
      baseUrl: data.baseUrl,
      flavor: data.flavor,
      accessListSegment: data.accessListSegment,
      credentials,
      maxConcurrency: data.maxConcurrency,
      connectTimeoutMs: data.connectTimeoutMs,
      requestTimeoutMs: data.requestTimeoutMs,
      retry: { maxAttempts: data.maxAttempts, deadlineMs: data.retryDeadlineMs },
    },
    server: { host: data.host, port: data.port, drainTimeoutMs: data.drainTimeoutMs },
    authMode: data.authMode,
    logLevel: data.logLevel,
    corsOrigins: data.corsOrigins.map((origin) => new URL(origin).origin),
    introspection: data.introspection === 'true',
    jwt,
    trustedDocumentsFile: nonEmpty(env.TRUSTED_DOCUMENTS_FILE),
    apq: data.apq === 'on',
    hygiene: {
      unusedDays: data.unusedDays,
      widestIpv4Prefix: data.widestIpv4Prefix,
      widestIpv6Prefix: data.widestIpv6Prefix,
      secretExpiryDays: data.secretExpiryDays,
      scan: { maxAgeSeconds: data.scanMaxAgeSeconds, budgetShare: data.scanBudgetShare, maxReadsPerRequest: data.scanMaxReads },
    },
    auditRetentionDays: data.auditRetentionDays,
    feed: {
      pollIntervalSeconds: data.feedPollIntervalSeconds,
      maxSubscriptionsPerCaller: data.maxSubscriptionsPerCaller,
      maxSubscriptionsPerConnection: data.maxSubscriptionsPerConnection,
    },
    federation: { nodeFields: data.nodeFields, routerSecret, inlineTraces: data.inlineTraces === 'on' },
    sharedReads: {
      cacheTtlSeconds: data.cacheTtlSeconds,
      cacheWatchedTtlSeconds: data.cacheWatchedTtlSeconds,
      cacheMaxStaleSeconds: data.cacheMaxStaleSeconds,
      credentialCheckSeconds: data.credentialCheckSeconds,
      retainSeconds: data.scanMaxAgeSeconds,
      redisUrl: data.redisUrl,
    },
    limits: { deadlineMs: data.deadlineMs, maxBodyBytes: data.maxBodyBytes, maxTokens: data.maxTokens, maxDepth: data.maxDepth, maxAliases: data.maxAliases, maxCost: data.maxCost },
  };
}

/**
 * The embedded simulator serves demo data when no credentials are configured, so that `npm start`
 * works on a fresh clone; in production (NODE_ENV=production, as the image sets) only when asked
 * for, so that a forgotten secret cannot ship a healthy-looking gateway over fake data.
 */
function chooseUpstream(asked: UpstreamKind | undefined, authMode: Config['authMode'], credentials: boolean, nodeEnv: string | undefined, problems: string[]): UpstreamKind {
  const needsNone = authMode === 'passthrough';
  if (asked === 'simulator') {
    if (credentials) problems.push('ATLAS_UPSTREAM: the simulator serves demo data with credentials of its own; remove the configured Atlas credentials, or set ATLAS_UPSTREAM=atlas');
    if (needsNone) problems.push("ATLAS_UPSTREAM: the simulator does not take callers' Atlas tokens; use GATEWAY_AUTH_MODE=credentials with it");
    return 'simulator';
  }
  if (credentials || needsNone) return 'atlas';
  if (asked === 'atlas') {
    problems.push(`ATLAS_UPSTREAM: atlas needs credentials: set ${CREDENTIAL_SETTINGS}`);
  } else if (nodeEnv === 'production') {
    problems.push(`no Atlas credentials with NODE_ENV=production: set ${CREDENTIAL_SETTINGS}, or ATLAS_UPSTREAM=simulator to serve the embedded simulator's demo data`);
  }
  return asked ?? 'simulator';
}

const JWT_SECRET_MIN = 32;
const ROUTER_SECRET_MIN = 32;

/**
 * A trusted-documents manifest, as an object of id → document. Two formats are read: GraphQL
 * Code Generator's (`{"<hash>": "<document>", ...}`) and Apollo's persisted query manifest
 * (`{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{id, name, type, body}]}`).
 */
export function parseTrustedDocuments(text: string, file: string): Record<string, string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(manifest) && manifest.format === 'apollo-persisted-query-manifest') {
    const operations = manifest.operations;
    const valid =
      manifest.version === 1 &&
      Array.isArray(operations) &&
      operations.length > 0 &&
      operations.every((op) => isObject(op) && typeof op.id === 'string' && op.id !== '' && typeof op.body === 'string');
    if (!valid) {
      throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: ${file} must be an Apollo persisted query manifest of version 1 with operations of {id, name, type, body}`]);
    }
    return Object.fromEntries((operations as Array<{ id: string; body: string }>).map((op) => [op.id, op.body]));
  }
  const entries = isObject(manifest) ? Object.entries(manifest) : [];
  if (entries.length === 0 || entries.some(([, document]) => typeof document !== 'string')) {
    throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: ${file} must be a non-empty object of hash → document, or an Apollo persisted query manifest`]);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

export async function loadTrustedDocuments(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`TRUSTED_DOCUMENTS_FILE: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`]);
  }
  return parseTrustedDocuments(text, file);
}

function readJwt(env: Env, problems: string[]): JwtConfig | undefined {
  const jwksUrl = nonEmpty(env.AUTH_JWT_JWKS_URL);
  const secret = nonEmpty(env.AUTH_JWT_SECRET);
  const issuer = nonEmpty(env.AUTH_JWT_ISSUER);
  const audience = nonEmpty(env.AUTH_JWT_AUDIENCE);
  if (!jwksUrl && !secret) {
    if (issuer || audience) problems.push('AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE: set AUTH_JWT_JWKS_URL or AUTH_JWT_SECRET too');
    return undefined;
  }
  if (jwksUrl && secret) problems.push('AUTH_JWT_JWKS_URL and AUTH_JWT_SECRET: set one, not both');
  if (jwksUrl && !z.url({ protocol: /^https?$/ }).safeParse(jwksUrl).success) problems.push('AUTH_JWT_JWKS_URL: must be an http(s) URL');
  if (secret && secret.length < JWT_SECRET_MIN) problems.push(`AUTH_JWT_SECRET: must be at least ${JWT_SECRET_MIN} characters`);
  return { ...(jwksUrl ? { jwksUrl } : { secret }), ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) };
}

function readCredentials(env: Env, problems: string[]): Credentials | undefined {
  const publicKey = nonEmpty(env.MONGODB_ATLAS_PUBLIC_API_KEY) ?? nonEmpty(env.MONGODB_ATLAS_PUBLIC_KEY);
  const privateKey = nonEmpty(env.MONGODB_ATLAS_PRIVATE_API_KEY) ?? nonEmpty(env.MONGODB_ATLAS_PRIVATE_KEY);
  const clientId = nonEmpty(env.MONGODB_ATLAS_CLIENT_ID);
  const clientSecret = nonEmpty(env.MONGODB_ATLAS_CLIENT_SECRET);
  const digest = publicKey !== undefined || privateKey !== undefined;
  const serviceAccount = clientId !== undefined || clientSecret !== undefined;
  if (digest && serviceAccount) {
    problems.push('set either the API key (MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY) or the service account (MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET), not both');
    return undefined;
  }
  if (digest) {
    if (!publicKey) problems.push('MONGODB_ATLAS_PUBLIC_API_KEY: required with MONGODB_ATLAS_PRIVATE_API_KEY');
    if (!privateKey) problems.push('MONGODB_ATLAS_PRIVATE_API_KEY: required with MONGODB_ATLAS_PUBLIC_API_KEY');
    return publicKey && privateKey ? { kind: 'digest', publicKey, privateKey } : undefined;
  }
  if (serviceAccount) {
    if (!clientId) problems.push('MONGODB_ATLAS_CLIENT_ID: required with MONGODB_ATLAS_CLIENT_SECRET');
    if (!clientSecret) problems.push('MONGODB_ATLAS_CLIENT_SECRET: required with MONGODB_ATLAS_CLIENT_ID');
    return clientId && clientSecret ? { kind: 'serviceAccount', clientId, clientSecret } : undefined;
  }
  return undefined;
}
