import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATLAS_CONFIG_DEFAULTS, ConfigError, DEFAULT_DRAIN_TIMEOUT_MS, environment, loadConfig } from '../../src/server/config.js';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to Atlas v2 on cloud.mongodb.com without credentials', () => {
    const config = loadConfig({});
    expect(config.atlas).toEqual({
      baseUrl: 'https://cloud.mongodb.com',
      flavor: 'atlas-v2',
      accessListSegment: 'accessList',
      credentials: undefined,
      maxConcurrency: 128,
      connectTimeoutMs: 5_000,
      requestTimeoutMs: 15_000,
      retry: { maxAttempts: 4, deadlineMs: 30_000 },
    });
    expect(config).toMatchObject({ server: { host: '127.0.0.1', port: 4000 }, authMode: 'credentials', logLevel: 'info' });
    expect(ATLAS_CONFIG_DEFAULTS).toMatchObject({ baseUrl: config.atlas.baseUrl, flavor: config.atlas.flavor, maxConcurrency: config.atlas.maxConcurrency });
  });

  it('reads the Atlas CLI names and the Terraform aliases, trimmed', () => {
    expect(loadConfig({ MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY: ' priv\n' }).atlas.credentials).toEqual({
      kind: 'digest',
      publicKey: 'pub',
      privateKey: 'priv',
    });
    expect(loadConfig({ MONGODB_ATLAS_PUBLIC_KEY: 'pub', MONGODB_ATLAS_PRIVATE_KEY: 'priv' }).atlas.credentials).toEqual({
      kind: 'digest',
      publicKey: 'pub',
      privateKey: 'priv',
    });
    expect(loadConfig({ MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: 'secret' }).atlas.credentials).toEqual({
      kind: 'serviceAccount',
      clientId: 'id',
      clientSecret: 'secret',
    });
    // Empty values count as unset.
    expect(loadConfig({ MONGODB_ATLAS_PUBLIC_API_KEY: '', MONGODB_ATLAS_CLIENT_ID: '  ' }).atlas.credentials).toBeUndefined();
  });

  it('reads every tuning variable', () => {
    const config = loadConfig({
      MONGODB_ATLAS_BASE_URL: 'https://cloud.mongodbgov.com/',
      MONGODB_ATLAS_FLAVOR: 'atlas-v1',
      ATLAS_MAX_CONCURRENCY: '3',
      ATLAS_CONNECT_TIMEOUT_MS: '1000',
      ATLAS_REQUEST_TIMEOUT_MS: '2000',
      ATLAS_RETRY_MAX_ATTEMPTS: '1',
      ATLAS_RETRY_DEADLINE_MS: '0',
      PORT: '8081',
      HOST: '0.0.0.0',
      SHUTDOWN_DRAIN_TIMEOUT_MS: '2500',
    });
    expect(config.atlas).toEqual({
      baseUrl: 'https://cloud.mongodbgov.com',
      flavor: 'atlas-v1',
      accessListSegment: 'accessList',
      credentials: undefined,
      maxConcurrency: 3,
      connectTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      retry: { maxAttempts: 1, deadlineMs: 0 },
    });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 8081, drainTimeoutMs: 2500 });
    expect(loadConfig({}).server.drainTimeoutMs).toBe(DEFAULT_DRAIN_TIMEOUT_MS);
  });

  it('takes the Ops Manager URL as the base and Ops Manager as the flavor', () => {
    const config = loadConfig({ MONGODB_ATLAS_OPS_MANAGER_URL: 'http://opsmanager.internal:8080', MONGODB_ATLAS_ACCESS_LIST_PATH: 'whitelist' });
    expect(config.atlas).toMatchObject({ baseUrl: 'http://opsmanager.internal:8080', flavor: 'ops-manager', accessListSegment: 'whitelist' });
    // With both URLs the base URL wins and the flavor stays the default unless set.
    expect(loadConfig({ MONGODB_ATLAS_BASE_URL: 'https://cloud.mongodb.com', MONGODB_ATLAS_OPS_MANAGER_URL: 'http://om:8080' }).atlas).toMatchObject({
      baseUrl: 'https://cloud.mongodb.com',
      flavor: 'atlas-v2',
    });
    // Cloud Manager: the Atlas origin with the Ops Manager API.
    expect(loadConfig({ MONGODB_ATLAS_FLAVOR: 'ops-manager' }).atlas).toMatchObject({ baseUrl: 'https://cloud.mongodb.com', flavor: 'ops-manager' });
  });

  it("reads how long the audit records are kept: 90 days by default, 1 to 3650", () => {
    expect(loadConfig({}).auditRetentionDays).toBe(90);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: ' 30 ' }).auditRetentionDays).toBe(30);
    expect(problemsOf({ AUDIT_RETENTION_DAYS: '0' })).toEqual(['AUDIT_RETENTION_DAYS: must be at least 1']);
    expect(problemsOf({ AUDIT_RETENTION_DAYS: 'forever' })).toEqual(['AUDIT_RETENTION_DAYS: must be a whole number']);
  });

  it('lists every problem at once, and no value', () => {
    let error: unknown;
    try {
      loadConfig({
        MONGODB_ATLAS_BASE_URL: 'cloud.mongodb.com',
        MONGODB_ATLAS_FLAVOR: 'atlas-v3',
        PORT: 'eighty',
        ATLAS_MAX_CONCURRENCY: '0',
        ATLAS_REQUEST_TIMEOUT_MS: '1.5',
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'very-secret-private-key',
        MONGODB_ATLAS_CLIENT_ID: 'id',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toEqual([
      'MONGODB_ATLAS_BASE_URL: must be an http(s) URL such as https://cloud.mongodb.com',
      'MONGODB_ATLAS_FLAVOR: must be atlas-v2, atlas-v1 or ops-manager',
      'ATLAS_MAX_CONCURRENCY: must be at least 1',
      'ATLAS_REQUEST_TIMEOUT_MS: must be a whole number',
      'PORT: must be a whole number',
      expect.stringMatching(/^set either the API key .* not both$/),
    ]);
    expect(message).toContain('Invalid configuration:\n  - MONGODB_ATLAS_BASE_URL');
    expect(message).not.toContain('very-secret-private-key');
  });

  it('wants an origin, and names the variable it came from', () => {
    expect(problemsOf({ MONGODB_ATLAS_BASE_URL: 'https://cloud.mongodb.com/api/atlas/v2' })).toEqual([
      'MONGODB_ATLAS_BASE_URL: must be an origin only, without a path (the flavor adds /api/...), e.g. https://cloud.mongodb.com',
    ]);
    expect(problemsOf({ MONGODB_ATLAS_OPS_MANAGER_URL: 'ftp://om.internal' })).toEqual([
      'MONGODB_ATLAS_OPS_MANAGER_URL: must be an http(s) URL such as https://cloud.mongodb.com',
    ]);
    const withPassword = problemsOf({ MONGODB_ATLAS_BASE_URL: 'https://user:hunter2@cloud.mongodb.com' });
    expect(withPassword).toEqual(['MONGODB_ATLAS_BASE_URL: must not carry credentials; use the key or service-account variables']);
    expect(withPassword.join()).not.toContain('hunter2');
  });

  it("passes callers' tokens through when asked, and not together with credentials", () => {
    expect(loadConfig({ GATEWAY_AUTH_MODE: 'passthrough' })).toMatchObject({ authMode: 'passthrough', atlas: { credentials: undefined } });
    expect(loadConfig({}).authMode).toBe('credentials');
    expect(problemsOf({ GATEWAY_AUTH_MODE: 'passthrough', MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: 's' })).toEqual([
      "GATEWAY_AUTH_MODE: passthrough uses each caller's token; remove the configured Atlas credentials",
    ]);
    expect(problemsOf({ GATEWAY_AUTH_MODE: 'both', LOG_LEVEL: 'loud' })).toEqual([
      'GATEWAY_AUTH_MODE: must be credentials or passthrough',
      'LOG_LEVEL: must be fatal, error, warn, info, debug, trace or silent',
    ]);
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('reads inbound JWT settings and refuses contradictory ones', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWT_AUDIENCE: 'gw' }).jwt).toEqual({ secret, audience: 'gw' });
    expect(loadConfig({}).jwt).toBeUndefined();
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWT_JWKS_URL: 'https://idp/jwks' })).toThrow(/one, not both/);
    expect(() => loadConfig({ AUTH_JWT_ISSUER: 'https://idp' })).toThrow(/AUTH_JWT_JWKS_URL or AUTH_JWT_SECRET/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: secret, GATEWAY_AUTH_MODE: 'passthrough' })).toThrow(/choose one/);
  });

  it('needs both halves of a credential, and whitelist only on Ops Manager', () => {
    expect(problemsOf({ MONGODB_ATLAS_PUBLIC_API_KEY: 'pub' })).toEqual(['MONGODB_ATLAS_PRIVATE_API_KEY: required with MONGODB_ATLAS_PUBLIC_API_KEY']);
    expect(problemsOf({ MONGODB_ATLAS_PRIVATE_KEY: 'priv' })).toEqual(['MONGODB_ATLAS_PUBLIC_API_KEY: required with MONGODB_ATLAS_PRIVATE_API_KEY']);
    expect(problemsOf({ MONGODB_ATLAS_CLIENT_SECRET: 's' })).toEqual(['MONGODB_ATLAS_CLIENT_ID: required with MONGODB_ATLAS_CLIENT_SECRET']);
    expect(problemsOf({ MONGODB_ATLAS_ACCESS_LIST_PATH: 'whitelist' })).toEqual([
      'MONGODB_ATLAS_ACCESS_LIST_PATH: whitelist is only served by Ops Manager (MONGODB_ATLAS_FLAVOR=ops-manager)',
    ]);
    expect(problemsOf({ MONGODB_ATLAS_ACCESS_LIST_PATH: 'allowList' })).toEqual(['MONGODB_ATLAS_ACCESS_LIST_PATH: must be accessList or whitelist']);
  });

  it('serves the embedded simulator without credentials, but in production only when asked for', () => {
    const key = { MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY: 'priv' };
    expect(loadConfig({}).upstream).toBe('simulator');
    expect(loadConfig(key).upstream).toBe('atlas');
    expect(loadConfig({ GATEWAY_AUTH_MODE: 'passthrough', NODE_ENV: 'production' }).upstream).toBe('atlas');
    expect(loadConfig({ ...key, NODE_ENV: 'production' }).upstream).toBe('atlas');
    expect(loadConfig({ NODE_ENV: 'production', ATLAS_UPSTREAM: 'simulator' }).upstream).toBe('simulator');

    const production = problemsOf({ NODE_ENV: 'production' });
    expect(production).toEqual([
      "no Atlas credentials with NODE_ENV=production: set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET), or ATLAS_UPSTREAM=simulator to serve the embedded simulator's demo data",
    ]);
    // One problem is one line.
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(`Invalid configuration: ${production[0]}`);
    // Half a credential is reported as such, not as none.
    expect(problemsOf({ NODE_ENV: 'production', MONGODB_ATLAS_PUBLIC_API_KEY: 'pub' })).toEqual(['MONGODB_ATLAS_PRIVATE_API_KEY: required with MONGODB_ATLAS_PUBLIC_API_KEY']);
    expect(problemsOf({ ATLAS_UPSTREAM: 'atlas' })).toEqual([expect.stringMatching(/^ATLAS_UPSTREAM: atlas needs credentials: set MONGODB_ATLAS_PUBLIC_API_KEY/)]);
    expect(problemsOf({ ...key, ATLAS_UPSTREAM: 'simulator' })).toEqual([expect.stringMatching(/^ATLAS_UPSTREAM: the simulator serves demo data .*remove the configured Atlas credentials/)]);
    expect(problemsOf({ GATEWAY_AUTH_MODE: 'passthrough', ATLAS_UPSTREAM: 'simulator' })).toEqual([expect.stringMatching(/^ATLAS_UPSTREAM: the simulator does not take callers' Atlas tokens/)]);
    expect(problemsOf({ ATLAS_UPSTREAM: 'mock' })).toEqual(['ATLAS_UPSTREAM: must be atlas or simulator']);
  });

  it('reads a .env file of the working directory beneath the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-env-'));
    try {
      expect(environment({ PORT: '5000' }, dir)).toEqual({ PORT: '5000' });
      writeFileSync(join(dir, '.env'), '# the local settings\nPORT=4100\nLOG_LEVEL=debug\nMONGODB_ATLAS_PUBLIC_API_KEY="pub"\nMONGODB_ATLAS_PRIVATE_API_KEY=priv\nCORS_ORIGINS=\n');
      const env = environment({ PORT: '5000', CORS_ORIGINS: 'https://console.example.com' }, dir);
      const config = loadConfig(env);
      expect(config.server.port).toBe(5000);
      expect(config.logLevel).toBe('debug');
      expect(config.corsOrigins).toEqual(['https://console.example.com']);
      expect(config.atlas.credentials).toEqual({ kind: 'digest', publicKey: 'pub', privateKey: 'priv' });
      expect(config.upstream).toBe('atlas');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
