import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to Atlas v2 on cloud.mongodb.com without credentials', () => {
    const config = loadConfig({});
    expect(config.atlas).toMatchObject({ baseUrl: 'https://cloud.mongodb.com', flavor: 'atlas-v2', credentials: undefined, maxConcurrency: 8 });
    expect(config.server).toEqual({ host: '127.0.0.1', port: 4000 });
  });

  it('reads the Atlas CLI names and the Terraform aliases', () => {
    expect(loadConfig({ MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY: 'priv' }).atlas.credentials).toEqual({
      kind: 'digest',
      publicKey: 'pub',
      privateKey: 'priv',
    });
    expect(loadConfig({ MONGODB_ATLAS_PUBLIC_KEY: 'pub', MONGODB_ATLAS_PRIVATE_KEY: 'priv' }).atlas.credentials).toMatchObject({ kind: 'digest' });
    expect(loadConfig({ MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: 'secret' }).atlas.credentials).toEqual({
      kind: 'serviceAccount',
      clientId: 'id',
      clientSecret: 'secret',
    });
  });

  it('takes the Ops Manager URL as the base and Ops Manager as the flavor', () => {
    const config = loadConfig({ MONGODB_ATLAS_OPS_MANAGER_URL: 'http://opsmanager.internal:8080', MONGODB_ATLAS_ACCESS_LIST_PATH: 'whitelist' });
    expect(config.atlas).toMatchObject({ baseUrl: 'http://opsmanager.internal:8080', flavor: 'ops-manager', accessListSegment: 'whitelist' });
  });

  it('lists every problem at once, and no secret', () => {
    let error: unknown;
    try {
      loadConfig({
        MONGODB_ATLAS_BASE_URL: 'cloud.mongodb.com',
        MONGODB_ATLAS_FLAVOR: 'atlas-v3',
        PORT: 'eighty',
        ATLAS_MAX_CONCURRENCY: '0',
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'very-secret-private-key',
        MONGODB_ATLAS_CLIENT_ID: 'id',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(5);
    expect(message).toContain('MONGODB_ATLAS_BASE_URL');
    expect(message).toContain('MONGODB_ATLAS_FLAVOR');
    expect(message).toContain('PORT');
    expect(message).toContain('ATLAS_MAX_CONCURRENCY');
    expect(message).toContain('not both');
    expect(message).not.toContain('very-secret-private-key');
  });

  it('passes callers\' tokens through when asked, and not together with credentials', () => {
    expect(loadConfig({ GATEWAY_AUTH_MODE: 'passthrough' })).toMatchObject({ authMode: 'passthrough', atlas: { credentials: undefined } });
    expect(loadConfig({}).authMode).toBe('credentials');
    expect(() => loadConfig({ GATEWAY_AUTH_MODE: 'passthrough', MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: 's' })).toThrow(/GATEWAY_AUTH_MODE/);
    expect(() => loadConfig({ GATEWAY_AUTH_MODE: 'both' })).toThrow(/credentials or passthrough/);
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

  it('needs both halves of a credential', () => {
    expect(() => loadConfig({ MONGODB_ATLAS_PUBLIC_API_KEY: 'pub' })).toThrow(/MONGODB_ATLAS_PRIVATE_API_KEY: required/);
    expect(() => loadConfig({ MONGODB_ATLAS_CLIENT_SECRET: 's' })).toThrow(/MONGODB_ATLAS_CLIENT_ID: required/);
    expect(() => loadConfig({ MONGODB_ATLAS_ACCESS_LIST_PATH: 'whitelist' })).toThrow(/only served by Ops Manager/);
  });
});
