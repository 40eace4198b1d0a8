import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import auth from 'http-auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AtlasApiError,
  AtlasClient,
  type AtlasClientOptions,
  AtlasNetworkError,
  AtlasResponseError,
  AtlasTimeoutError,
  type FlavorName,
  type UpstreamEvent,
  fetchAllPages,
  isNotFound,
} from '../../src/atlas/index.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';

let sim: Simulator;
const clients: AtlasClient[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
});
beforeEach(() => {
  sim.control.clearFaults();
  sim.control.resetStats();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 5_000, maxAttempts: 4 };

function client(options: Partial<AtlasClientOptions> = {}): AtlasClient {
  const { publicKey, privateKey } = sim.control.admin;
  const created = AtlasClient.create({
    baseUrl: sim.url,
    credentials: { kind: 'digest', publicKey, privateKey },
    retry: FAST_RETRY,
    ...options,
  });
  clients.push(created);
  return created;
}

const demo = () => {
  const org = sim.control.seeded.orgs[0]!;
  return { org, staging: org.projects.find((p) => p.name === 'Staging')!, production: org.projects.find((p) => p.name === 'Production')! };
};

describe.each<FlavorName>(['atlas-v2', 'atlas-v1', 'ops-manager'])('every operation on %s', (flavor) => {
  it('reads organizations and projects', async () => {
    const atlas = client({ flavor });
    const { org, staging } = demo();
    const orgs = await atlas.listOrganizations();
    expect(orgs.results.map((o) => o.name)).toEqual(['Acme-Corp', 'Globex-Research']);
    expect(orgs.totalCount).toBe(2);
    expect((await atlas.getOrganization(org.id)).name).toBe('Acme-Corp');
    const projects = await atlas.listOrganizationProjects(org.id, { itemsPerPage: 2 });
    expect(projects).toMatchObject({ totalCount: 3, hasNext: true });
    expect((await atlas.listProjects()).results).toHaveLength(5);
    expect(await atlas.getProject(staging.id)).toMatchObject({ id: staging.id, name: 'Staging', orgId: org.id, clusterCount: 2 });
  });

  it('creates, reads, updates and deletes an org key and its access list', async () => {
    const atlas = client({ flavor });
    const { org } = demo();
    const created = await atlas.createApiKey(org.id, { description: `key on ${flavor}`, roles: ['ORG_MEMBER'] });
    expect(created.privateKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const read = await atlas.getApiKey(org.id, created.id);
    expect(read.privateKey).toBe(`********-****-****-${created.privateKey!.slice(-12)}`);
    expect((await atlas.listApiKeys(org.id)).results.map((k) => k.id)).toContain(created.id);
    const updated = await atlas.updateApiKey(org.id, created.id, { description: 'renamed', roles: ['ORG_READ_ONLY'] });
    expect(updated).toMatchObject({ desc: 'renamed', roles: [{ orgId: org.id, roleName: 'ORG_READ_ONLY' }] });

    const page = await atlas.addAccessListEntries(org.id, created.id, [{ ipAddress: '192.0.2.10' }, { cidrBlock: '198.51.100.0/24' }]);
    expect(page.results).toHaveLength(2);
    expect((await atlas.getAccessListEntry(org.id, created.id, '198.51.100.0/24')).cidrBlock).toBe('198.51.100.0/24');
    expect((await atlas.getAccessListEntry(org.id, created.id, '192.0.2.10')).count).toBe(0);
    await atlas.deleteAccessListEntry(org.id, created.id, '198.51.100.0/24');
    expect((await atlas.listAccessListEntries(org.id, created.id)).results.map((e) => e.ipAddress)).toEqual(['192.0.2.10']);

    await atlas.deleteApiKey(org.id, created.id);
    const gone = await atlas.getApiKey(org.id, created.id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(AtlasApiError);
    expect(isNotFound(gone)).toBe(true);
    expect((gone as AtlasApiError).status).toBe(flavor === 'ops-manager' ? 400 : 404);
  });

  it('creates project keys, assigns, changes roles and unassigns', async () => {
    const atlas = client({ flavor });
    const { org, staging, production } = demo();
    const projectRole = flavor === 'ops-manager' ? 'GROUP_AUTOMATION_ADMIN' : 'GROUP_CLUSTER_MANAGER';
    const created = await atlas.createProjectApiKey(staging.id, { description: 'project key', roles: ['GROUP_READ_ONLY'] });
    expect(created.privateKey).toMatch(/^[0-9a-f]{8}-/);
    expect((await atlas.listProjectApiKeys(staging.id)).results.map((k) => k.id)).toContain(created.id);

    await atlas.assignApiKeyToProject(production.id, created.id, ['GROUP_READ_ONLY']);
    const updated = await atlas.updateProjectApiKeyRoles(production.id, created.id, [projectRole]);
    expect(updated.roles).toContainEqual({ groupId: production.id, roleName: projectRole });
    await atlas.unassignApiKeyFromProject(production.id, created.id);
    const after = await atlas.getApiKey(org.id, created.id);
    expect(after.roles.filter((r) => r.groupId === production.id)).toEqual([]);
    expect(after.roles).toContainEqual({ groupId: staging.id, roleName: 'GROUP_READ_ONLY' });
    await atlas.deleteApiKey(org.id, created.id);
  });
});

describe('Digest', () => {
  it('costs one challenge for N sequential calls on one connection', async () => {
    const atlas = client({ maxConcurrency: 1 });
    const N = 25;
    for (let i = 0; i < N; i++) await atlas.listOrganizations();
    const stats = sim.control.stats();
    expect(stats.requests).toBe(N + 1);
    expect(stats.challenges).toBe(1);
    expect(stats.connections).toBe(1);
  });

  it('signs concurrent calls on one nonce with distinct nonce counts', async () => {
    const atlas = client({ maxConcurrency: 4 });
    await atlas.listOrganizations();
    sim.control.resetStats();
    await Promise.all(Array.from({ length: 20 }, () => atlas.listProjects()));
    expect(sim.control.stats()).toMatchObject({ requests: 20, challenges: 0 });
  });

  it('renews a stale nonce transparently, once', async () => {
    const atlas = client();
    await atlas.listOrganizations();
    sim.control.expireNonces();
    sim.control.resetStats();
    await atlas.listOrganizations();
    expect(sim.control.stats()).toMatchObject({ requests: 2, challenges: 1 });
  });

  it('fails with 401 for a wrong private key, without the key in the error', async () => {
    const atlas = client({ credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: 'wrong-private-key-0123' } });
    const error = await atlas.listOrganizations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasApiError);
    expect((error as AtlasApiError).status).toBe(401);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain('wrong-private-key-0123');
    expect(sim.control.stats().requests).toBe(2);
  });

  it('is accepted by a Digest server that is not ours (http-auth)', async () => {
    const realm = 'MMS Public API';
    const ha1 = createHash('md5').update(`alice:${realm}:s3cret-pass`).digest('hex');
    const digest = auth.digest({ realm, file: () => `alice:${realm}:${ha1}` });
    let seen = 0;
    const server = createServer(
      digest.check((req, res) => {
        seen += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: '0123456789abcdef01234567', name: `hello ${req.user}`, isDeleted: false }));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const atlas = client({ baseUrl: `http://127.0.0.1:${port}`, credentials: { kind: 'digest', publicKey: 'alice', privateKey: 's3cret-pass' } });
      expect((await atlas.getOrganization('0123456789abcdef01234567')).name).toBe('hello alice');
      expect((await atlas.getOrganization('0123456789abcdef01234567')).name).toBe('hello alice');
      expect(seen).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('service accounts and pass-through', () => {
  const serviceAccount = () =>
    client({ credentials: { kind: 'serviceAccount', clientId: sim.control.admin.clientId, clientSecret: sim.control.admin.clientSecret } });

  it('fetches one token for many concurrent calls and sends it as a bearer token', async () => {
    const atlas = serviceAccount();
    await Promise.all(Array.from({ length: 20 }, () => atlas.listOrganizations()));
    const stats = sim.control.stats();
    expect(stats.operations.createOAuthToken?.total).toBe(1);
    expect(stats.operations.listOrgs?.total).toBe(20);
    const calls = sim.control.requests().filter((r) => r.operation === 'listOrgs');
    expect(calls.every((r) => r.auth === 'bearer' && r.authorizationHeaders === 1)).toBe(true);
  });

  it('fetches a new token when Atlas refuses the cached one', async () => {
    const atlas = serviceAccount();
    await atlas.listOrganizations();
    sim.control.expireTokens();
    await Promise.all([atlas.listOrganizations(), atlas.listProjects()]);
    expect(sim.control.stats().operations.createOAuthToken?.total).toBe(2);
  });

  it('reports a refused client secret without the secret', async () => {
    const atlas = client({ credentials: { kind: 'serviceAccount', clientId: sim.control.admin.clientId, clientSecret: 'not-the-secret-42' } });
    const error = await atlas.listOrganizations().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, errorCode: 'INVALID_CLIENT', operation: 'createOAuthToken' });
    expect(String(error) + JSON.stringify(error)).not.toContain('not-the-secret-42');
  });

  it("passes the caller's bearer token through, and only it", async () => {
    const token = await fetch(`${sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sim.control.admin.clientId}:${sim.control.admin.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    const atlas = client(); // configured with Digest, but the view uses the caller's token
    await atlas.withBearer(token).listOrganizations();
    expect(sim.control.requests().filter((r) => r.operation === 'listOrgs')).toEqual([
      expect.objectContaining({ auth: 'bearer', authorizationHeaders: 1, status: 200 }),
    ]);
    const refused = await atlas.withBearer('not-a-token').listOrganizations().catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401 });
  });
});

describe('retries and failures', () => {
  it('retries a GET on 429 after Retry-After, and on 5xx and resets', async () => {
    const atlas = client();
    sim.control.injectFault('listOrgs', { sequence: [429, 'ok'] });
    const started = Date.now();
    await atlas.listOrganizations();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // Retry-After: 1
    sim.control.injectFault('listGroups', { sequence: [503, 500, 'reset', 'ok'] });
    expect((await atlas.listProjects()).results).toHaveLength(5);
    expect(sim.control.stats().operations.listGroups?.byStatus).toMatchObject({ '503': 1, '500': 1, reset: 1, '200': 1 });
  });

  it('gives up after the last attempt with the Atlas error', async () => {
    const atlas = client({ retry: { ...FAST_RETRY, maxAttempts: 2 } });
    sim.control.injectFault('getOrg', { sequence: [503, 503, 'ok'] });
    const error = await atlas.getOrganization(demo().org.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, errorCode: 'SERVICE_UNAVAILABLE', operation: 'getOrg', retryAfterSeconds: 1 });
  });

  it('does not retry a write that reached the server', async () => {
    const atlas = client();
    await atlas.listOrganizations(); // Digest challenge out of the way
    sim.control.resetStats();
    sim.control.injectFault('createOrgApiKey', { sequence: [500] });
    const failed = await atlas.createApiKey(demo().org.id, { description: 'once', roles: ['ORG_MEMBER'] }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 500 });
    sim.control.injectFault('createOrgApiKey', { sequence: ['reset'] });
    const reset = await atlas.createApiKey(demo().org.id, { description: 'once', roles: ['ORG_MEMBER'] }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(AtlasNetworkError);
    expect(sim.control.stats().operations.createOrgApiKey).toEqual({ total: 2, byStatus: { '500': 1, reset: 1 } });
  });

  it('retries a write that never reached the server (connection refused)', async () => {
    const closed = await createSimulator({ seed: 'empty' });
    const url = closed.url;
    await closed.close();
    const events: UpstreamEvent[] = [];
    const atlas = client({ baseUrl: url, observer: (e) => events.push(e), retry: { ...FAST_RETRY, maxAttempts: 3 } });
    const error = await atlas.createApiKey(demo().org.id, { description: 'x', roles: ['ORG_MEMBER'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AtlasNetworkError', code: 'ECONNREFUSED' });
    expect(events.map((e) => [e.attempt, e.outcome])).toEqual([
      [1, 'ECONNREFUSED'],
      [2, 'ECONNREFUSED'],
      [3, 'ECONNREFUSED'],
    ]);
  });

  it('times out a stalled response', async () => {
    const atlas = client({ headersTimeoutMs: 200, retry: { ...FAST_RETRY, maxAttempts: 1 } });
    await atlas.listOrganizations();
    sim.control.injectFault('listOrgs', { sequence: ['stall'] });
    const error = await atlas.listOrganizations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error).toMatchObject({ phase: 'headers', operation: 'listOrgs' });
  });

  it('reports a malformed body as a typed error', async () => {
    const atlas = client();
    sim.control.injectFault('listOrgApiKeys', { sequence: ['malformed-json'] });
    await expect(atlas.listApiKeys(demo().org.id)).rejects.toBeInstanceOf(AtlasResponseError);
  });

  it('keeps the Atlas error fields', async () => {
    const error = await client().getOrganization('0123456789abcdef01234567').catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_NOT_FOUND',
      operation: 'getOrg',
      path: '/api/atlas/v2/orgs/0123456789abcdef01234567',
      parameters: ['0123456789abcdef01234567'],
    });
  });
});

describe('pagination', () => {
  it('walks every page, fetching the rest in parallel once the count is known', async () => {
    const big = await createSimulator({ seed: '1x1x1203x0' });
    try {
      const events: UpstreamEvent[] = [];
      const atlas = client({ baseUrl: big.url, credentials: { kind: 'digest', ...big.control.admin }, observer: (e) => events.push(e) });
      const keys = await fetchAllPages((page) => atlas.listApiKeys(big.control.seeded.orgs[0]!.id, page));
      expect(keys).toHaveLength(1203);
      expect(new Set(keys.map((k) => k.id)).size).toBe(1203);
      const pages = events.filter((e) => e.outcome === 200).map((e) => new URL(e.path, big.url).searchParams.get('pageNum'));
      expect(pages.sort()).toEqual(['1', '2', '3']);
    } finally {
      await big.close();
    }
  });

  it('returns a short list with one call', async () => {
    const events: UpstreamEvent[] = [];
    const atlas = client({ observer: (e) => events.push(e) });
    await atlas.listOrganizations();
    events.length = 0;
    expect(await fetchAllPages((page) => atlas.listProjects(page))).toHaveLength(5);
    expect(events).toHaveLength(1);
  });
});
