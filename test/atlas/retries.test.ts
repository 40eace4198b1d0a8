// Faults the simulator cannot produce, on undici's MockAgent.
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasClient, type UpstreamEvent } from '../../src/atlas/index.js';

const ORIGIN = 'https://atlas.test';
const ORG = '0123456789abcdef01234567';
const V2 = 'application/vnd.atlas.2023-01-01+json';

let agent: MockAgent;
afterEach(() => agent.close());

function mocked(retry: Partial<{ maxAttempts: number; deadlineMs: number; baseDelayMs: number; maxDelayMs: number }> = {}) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const events: UpstreamEvent[] = [];
  const client = AtlasClient.create({
    baseUrl: ORIGIN,
    dispatcher: agent,
    credentials: { kind: 'serviceAccount', clientId: 'id', clientSecret: 'secret' },
    retry: { baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 5_000, maxAttempts: 4, ...retry },
    observer: (e) => events.push(e),
  });
  const pool = agent.get(ORIGIN);
  pool.intercept({ path: '/api/oauth/token', method: 'POST' }).reply(200, { access_token: 'tok', expires_in: 3600, token_type: 'Bearer' });
  return { client, pool, events };
}

const org = { id: ORG, name: 'Acme', isDeleted: false };

describe('retries on MockAgent', () => {
  it('honours Retry-After given as an HTTP date, and retries 502 and 504', async () => {
    const { client, pool, events } = mocked();
    const path = `/api/atlas/v2/orgs/${ORG}`;
    pool.intercept({ path, method: 'GET' }).reply(429, { error: 429, errorCode: 'RATE_LIMITED' }, { headers: { 'retry-after': new Date(Date.now() - 1000).toUTCString() } });
    pool.intercept({ path, method: 'GET' }).reply(502, 'bad gateway');
    pool.intercept({ path, method: 'GET' }).reply(504, 'gateway timeout');
    pool.intercept({ path, method: 'GET', headers: { accept: V2, authorization: 'Bearer tok' } }).reply(200, org);
    expect(await client.getOrganization(ORG)).toEqual(org);
    expect(events.filter((e) => e.operation === 'getOrg').map((e) => e.outcome)).toEqual([429, 502, 504, 200]);
  });

  it('stops retrying when Retry-After would pass the deadline', async () => {
    const { client, pool, events } = mocked({ deadlineMs: 500 });
    pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}`, method: 'GET' }).reply(429, { error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET' }, { headers: { 'retry-after': '30' } });
    await expect(client.getOrganization(ORG)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30 });
    expect(events.filter((e) => e.operation === 'getOrg')).toHaveLength(1);
  });

  it('reads a non-JSON error body', async () => {
    const { client, pool } = mocked({ maxAttempts: 1 });
    pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}`, method: 'GET' }).reply(500, '<html>oops</html>');
    await expect(client.getOrganization(ORG)).rejects.toMatchObject({ status: 500, errorCode: 'HTTP_500' });
  });

  it('does not retry a DELETE that failed after reaching the server', async () => {
    const { client, pool, events } = mocked();
    pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys/${ORG}`, method: 'DELETE' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' }));
    await expect(client.deleteApiKey(ORG, ORG)).rejects.toMatchObject({ name: 'AtlasNetworkError', code: 'UND_ERR_SOCKET' });
    expect(events.filter((e) => e.operation === 'deleteOrgApiKey')).toHaveLength(1);
  });

  it('sends the versioned media type on v2 bodies and plain JSON on v1', async () => {
    const { client, pool } = mocked();
    pool
      .intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys`, method: 'POST', headers: { 'content-type': V2, accept: V2 } })
      .reply(200, { id: ORG, desc: 'k', publicKey: 'abcdefgh', privateKey: 'p', roles: [{ orgId: ORG, roleName: 'ORG_NEW_ROLE_2027' }] });
    const created = await client.createApiKey(ORG, { description: 'k', roles: ['ORG_MEMBER'] });
    // Roles Atlas adds later pass through.
    expect(created.roles[0]!.roleName).toBe('ORG_NEW_ROLE_2027');
  });

  it('accepts entries without usage yet (count 0, no lastUsed)', async () => {
    const { client, pool } = mocked();
    pool
      .intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys/${ORG}/accessList/10.0.0.0%2F8`, method: 'GET' })
      .reply(200, { cidrBlock: '10.0.0.0/8', count: 0, created: '2024-01-01T00:00:00Z', links: [] });
    expect(await client.getAccessListEntry(ORG, ORG, '10.0.0.0/8')).toEqual({ cidrBlock: '10.0.0.0/8', count: 0, created: '2024-01-01T00:00:00Z' });
  });
});
