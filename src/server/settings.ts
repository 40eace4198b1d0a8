/**
 * Every setting the gateway reads from the environment, with its default and a one-line meaning:
 * what `--help` prints and what `.env.example` lists (a test keeps both, docs/configuration.md and
 * `config.ts` in step). docs/configuration.md says more about each.
 */
export interface Setting {
  name: string;
  /** Other names read for the same setting (Terraform's, older ones). */
  aliases?: string[];
  /** The default as it would be written in the environment; empty when unset by default. */
  default: string;
  description: string;
  /** Holds a credential: `.env.example` leaves it empty and commented out. */
  secret?: boolean;
}

export interface SettingGroup {
  title: string;
  settings: Setting[];
}

export const SETTINGS: SettingGroup[] = [
  {
    title: 'Atlas',
    settings: [
      { name: 'MONGODB_ATLAS_BASE_URL', aliases: ['MONGODB_ATLAS_OPS_MANAGER_URL'], default: 'https://cloud.mongodb.com', description: 'origin of the Admin API' },
      { name: 'MONGODB_ATLAS_FLAVOR', default: 'atlas-v2', description: 'atlas-v2, atlas-v1 or ops-manager (the default when only MONGODB_ATLAS_OPS_MANAGER_URL is set)' },
      { name: 'MONGODB_ATLAS_ACCESS_LIST_PATH', default: 'accessList', description: 'whitelist for Ops Manager 4.4 and older' },
      { name: 'MONGODB_ATLAS_PUBLIC_API_KEY', aliases: ['MONGODB_ATLAS_PUBLIC_KEY'], default: '', description: 'programmatic API key (HTTP Digest): public key', secret: true },
      { name: 'MONGODB_ATLAS_PRIVATE_API_KEY', aliases: ['MONGODB_ATLAS_PRIVATE_KEY'], default: '', description: 'programmatic API key: private key', secret: true },
      { name: 'MONGODB_ATLAS_CLIENT_ID', default: '', description: 'service account (OAuth2 client credentials): client id; set this or the API key', secret: true },
      { name: 'MONGODB_ATLAS_CLIENT_SECRET', default: '', description: 'service account: client secret', secret: true },
      { name: 'GATEWAY_AUTH_MODE', default: 'credentials', description: "credentials (the key or service account above) or passthrough (each caller's Atlas bearer token)" },
      { name: 'ATLAS_UPSTREAM', default: '', description: 'simulator: the embedded Atlas simulator with demo data (the only way to it with NODE_ENV=production); atlas: refuse to start without credentials; unset: the simulator when no credentials are set' },
      { name: 'ATLAS_MAX_CONCURRENCY', default: '128', description: 'ceiling of upstream requests in flight; the cap narrows on 429s and a low RateLimit-Remaining' },
      { name: 'ATLAS_CONNECT_TIMEOUT_MS', default: '5000', description: 'TCP/TLS connect timeout' },
      { name: 'ATLAS_REQUEST_TIMEOUT_MS', default: '15000', description: 'wait for response headers, and between body chunks' },
      { name: 'ATLAS_RETRY_MAX_ATTEMPTS', default: '4', description: 'attempts per request, the first included' },
      { name: 'ATLAS_RETRY_DEADLINE_MS', default: '30000', description: 'no retry starts later than this after the first attempt' },
      { name: 'ATLAS_CACHE_TTL_SECONDS', default: '30', description: 'how long an Atlas read is reused across requests; 0 reuses nothing' },
      { name: 'ATLAS_CACHE_WATCHED_TTL_SECONDS', default: '300', description: "how long a read of an organization's key listing or one of its keys is reused while the change feed follows that organization (any change to it, wherever made, makes it stale within about FEED_POLL_INTERVAL_SECONDS); at most ATLAS_CACHE_MAX_STALE_SECONDS; ATLAS_CACHE_TTL_SECONDS when the feed is off" },
      { name: 'ATLAS_CACHE_MAX_STALE_SECONDS', default: '300', description: 'while a rate-limit bucket is empty, cached data up to this old is served' },
      { name: 'ATLAS_CACHE_CREDENTIAL_CHECK_SECONDS', default: '5', description: "cached data is served at most this long after Atlas last accepted the credential that read it; a refused credential's cache is dropped" },
      { name: 'REDIS_URL', default: '', description: 'redis:// or rediss:// URL shared by replicas (cache, invalidations, budget); none: in-process', secret: true },
    ],
  },
  {
    title: 'Server',
    settings: [
      { name: 'PORT', default: '4000', description: 'port to listen on (0 picks a free one)' },
      { name: 'HOST', default: '127.0.0.1', description: 'interface to listen on (0.0.0.0 in a container)' },
      { name: 'LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent' },
      { name: 'NODE_ENV', default: '', description: 'production (the image sets it): no start without Atlas credentials unless ATLAS_UPSTREAM=simulator' },
      { name: 'SHUTDOWN_DRAIN_TIMEOUT_MS', default: '10000', description: 'on SIGTERM/SIGINT, how long requests in flight may run' },
      { name: 'CORS_ORIGINS', default: '', description: 'comma-separated browser origins allowed cross-origin' },
      { name: 'GRAPHQL_INTROSPECTION', default: 'true', description: 'false turns introspection and GraphiQL off' },
    ],
  },
  {
    title: 'Callers',
    settings: [
      { name: 'AUTH_JWT_JWKS_URL', default: '', description: 'verify a bearer JWT on every request against this JWKS' },
      { name: 'AUTH_JWT_SECRET', default: '', description: 'or against this shared secret (HS256, 32+ characters)', secret: true },
      { name: 'AUTH_JWT_ISSUER', default: '', description: 'the iss the JWT must have' },
      { name: 'AUTH_JWT_AUDIENCE', default: '', description: 'the aud the JWT must have' },
      { name: 'TRUSTED_DOCUMENTS_FILE', default: '', description: 'trusted-documents manifest: only its operations run' },
      { name: 'AUDIT_RETENTION_DAYS', default: '90', description: "days the gateway's audit records of mutations are kept (in Redis when REDIS_URL is set; else in this process, lost on restart)" },
      { name: 'FEED_POLL_INTERVAL_SECONDS', default: '10', description: "how often Atlas's feed is polled for each organization someone subscribes to or read lately (one call per interval for the fleet); 0 turns subscriptions off" },
      { name: 'SUBSCRIPTIONS_MAX_PER_CALLER', default: '100', description: 'subscriptions one caller may hold on a replica' },
      { name: 'SUBSCRIPTIONS_MAX_PER_CONNECTION', default: '20', description: 'operations one WebSocket connection may run at once' },
      { name: 'GRAPHQL_APQ', default: 'on', description: "automatic persisted queries (Apollo's persistedQuery extension), in Redis when REDIS_URL is set; with trusted documents, for the router only" },
    ],
  },
  {
    title: 'Limits',
    settings: [
      { name: 'GRAPHQL_DEADLINE_MS', default: '30000', description: 'a query still running after this long is answered DEADLINE_EXCEEDED (mutations answer with their outcome)' },
      { name: 'GRAPHQL_MAX_BODY_BYTES', default: '100000', description: 'larger request bodies get 413' },
      { name: 'GRAPHQL_MAX_TOKENS', default: '3000', description: 'lexical tokens in a document' },
      { name: 'GRAPHQL_MAX_DEPTH', default: '12', description: 'nesting of fields' },
      { name: 'GRAPHQL_MAX_ALIASES', default: '30', description: 'aliases in an operation' },
      { name: 'GRAPHQL_MAX_COST', default: '250', description: 'Atlas calls an operation may need' },
    ],
  },
  {
    title: 'Key hygiene',
    settings: [
      { name: 'HYGIENE_UNUSED_DAYS', default: '90', description: 'a credential last used longer ago is UNUSED, one never used and older NEVER_USED (the risks field may ask for another number)' },
      { name: 'HYGIENE_WIDE_IPV4_PREFIX', default: '16', description: 'an IPv4 access-list range wider than this prefix is WIDE_ACCESS_LIST_RANGE' },
      { name: 'HYGIENE_WIDE_IPV6_PREFIX', default: '48', description: 'an IPv6 access-list range wider than this prefix is WIDE_ACCESS_LIST_RANGE' },
      { name: 'HYGIENE_SECRET_EXPIRY_DAYS', default: '14', description: "a service-account secret expiring within this many days is SECRET_EXPIRING (the risks field may ask for another number)" },
      { name: 'HYGIENE_MAX_AGE_SECONDS', default: '3600', description: 'a scan over every key of an organization (keyHygiene, a filtered or ordered apiKeys) uses access lists read up to this long ago; the shared cache keeps them that long' },
      { name: 'HYGIENE_BUDGET_SHARE', default: '0.5', description: "the most of each Atlas rate-limit bucket such a scan may use; the rest stays for interactive reads" },
      { name: 'HYGIENE_MAX_READS_PER_REQUEST', default: '100', description: 'Atlas calls one request may make for a scan (one per key, two per service account; one credential at least); the rest come from the cache or later requests (the answer says how complete it is)' },
    ],
  },
  {
    title: 'Federation',
    settings: [
      { name: 'FEDERATION_ROUTER_SECRET', default: '', description: "the router's x-router-secret (32+ characters)", secret: true },
      { name: 'FEDERATION_NODE_FIELDS', default: 'omit', description: 'publish puts Query.node and Query.nodes in the subgraph SDL' },
      { name: 'FEDERATION_INLINE_TRACES', default: 'off', description: 'on answers a router asking for Apollo inline traces (ftv1); costs CPU on every request' },
    ],
  },
];

/** `--help`: every setting with its default. */
export function helpText(): string {
  const lines = [
    'Atlas Keys Gateway: a GraphQL gateway over the MongoDB Atlas Admin API programmatic API keys.',
    '',
    'Usage: npm start            (or: node dist/server/main.js)',
    '       npm start -- --help  (this text)',
    '',
    'Settings are read once at start from the environment, over a .env file in the working',
    'directory when there is one. With no Atlas credentials the gateway runs on its embedded Atlas',
    'simulator with demo data, except with NODE_ENV=production, where that needs ATLAS_UPSTREAM=simulator.',
  ];
  const width = Math.max(...SETTINGS.flatMap((group) => group.settings.map((s) => s.name.length)));
  for (const group of SETTINGS) {
    lines.push('', `${group.title}:`);
    for (const setting of group.settings) {
      const value = setting.default === '' ? '(none)' : setting.default;
      lines.push(`  ${setting.name.padEnd(width)}  ${value}`);
      lines.push(`  ${' '.repeat(width)}  ${setting.description}${setting.aliases ? ` (also ${setting.aliases.join(', ')})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `.env.example`: every setting at its default, commented out, so copying it changes nothing. */
export function envExample(): string {
  const lines = [
    '# Every setting of the gateway, at its default. Uncomment and change what you need.',
    '# Copied to .env, it is read at start from the working directory; a variable set in the environment wins.',
    '# `npm start -- --help` prints the same list.',
  ];
  for (const group of SETTINGS) {
    lines.push('', `# --- ${group.title}`);
    for (const setting of group.settings) {
      lines.push(`# ${setting.description}${setting.aliases ? ` (also read as ${setting.aliases.join(', ')})` : ''}`);
      lines.push(`# ${setting.name}=${setting.secret ? '' : setting.default}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
