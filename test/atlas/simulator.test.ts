// The client against the Atlas simulator over HTTP: every operation in every flavor, the cost of
// Digest, stale nonces, service-account tokens under concurrency, retries, writes and timeouts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AtlasApiError,
  AtlasClient,
  type AtlasClientOptions,
  type AccessListSegment,
  AtlasNetworkError,
  AtlasResponseError,
  AtlasTimeoutError,
  type FlavorName,
  OPERATION_IDS,
  type UpstreamEvent,
  fetchAllPages,
  isNotFound,
} from '../../src/atlas/index.js';
import { type Simulator, createSimulator } from '../../src/simulator/index.js';
import { FAST_RETRY, everythingShown, failure } from './helpers.js';

let sim: Simulator;
let clients: AtlasClient[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
});
beforeEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  sim.control.clearFaults();
  sim.control.resetStats();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

function digestClient(options: Partial<AtlasClientOptions> = {}): AtlasClient {
  const { publicKey, privateKey } = sim.control.admin;
  const created = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', publicKey, privateKey }, retry: FAST_RETRY, ...options });
  clients.push(created);
  return created;
}

function serviceAccountClient(options: Partial<AtlasClientOptions> = {}): AtlasClient {
  const { clientId, clientSecret } = sim.control.admin;
  return digestClient({ credentials: { kind: 'serviceAccount', clientId, clientSecret }, ...options });
}

const demo = () => {
  const org = sim.control.seeded.orgs[0]!;
  return { org, staging: org.projects.find((p) => p.name === 'Staging')!, production: org.projects.find((p) => p.name === 'Production')! };
};

const operationsSeen = () => Object.keys(sim.control.stats().operations).sort();

describe.each<[FlavorName, AccessListSegment]>([
  ['atlas-v2', 'accessList'],
  ['atlas-v1', 'accessList'],
  ['ops-manager', 'accessList'],
  ['ops-manager', 'whitelist'],
])('every operation on %s (/%s)', (flavor, accessListSegment) => {
  it('reads organizations and projects', async () => {
    const atlas = digestClient({ flavor, accessListSegment });
    const { org, staging } = demo();
    const orgs = await atlas.listOrganizations();
    expect(orgs.results.map((o) => o.name)).toEqual(sim.control.seeded.orgs.map((o) => o.name));
    expect(orgs.totalCount).toBe(sim.control.seeded.orgs.length);
    expect((await atlas.listOrganizations({ name: org.name.slice(0, 3).toLowerCase() })).results.map((o) => o.id)).toEqual([org.id]);
    expect(await atlas.getOrganization(org.id)).toMatchObject({ id: org.id, name: org.name });
    const projects = await atlas.listOrganizationProjects(org.id, { itemsPerPage: 2 });
    expect(projects).toMatchObject({ totalCount: org.projects.length, hasNext: org.projects.length > 2 });
    expect(projects.results).toHaveLength(2);
    const everyProject = await atlas.listProjects();
    expect(everyProject.results).toHaveLength(sim.control.seeded.orgs.flatMap((o) => o.projects).length);
    expect(await atlas.getProject(staging.id)).toMatchObject({ id: staging.id, name: 'Staging', orgId: org.id });
  });

  it('creates, reads, updates and deletes an org key and its access list', async () => {
    const atlas = digestClient({ flavor, accessListSegment });
    const { org } = demo();
    const created = await atlas.createApiKey(org.id, { description: `key on ${flavor}`, roles: ['ORG_MEMBER'] });
    expect(created.privateKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const read = await atlas.getApiKey(org.id, created.id);
    expect(read.privateKey).toBe(`********-****-****-${created.privateKey!.slice(-12)}`);
    expect((await fetchAllPages((page) => atlas.listApiKeys(org.id, page))).map((k) => k.id)).toContain(created.id);
    const updated = await atlas.updateApiKey(org.id, created.id, { description: 'renamed', roles: ['ORG_READ_ONLY'] });
    expect(updated).toMatchObject({ desc: 'renamed', roles: [{ orgId: org.id, roleName: 'ORG_READ_ONLY' }] });

    const page = await atlas.addAccessListEntries(org.id, created.id, [{ ipAddress: '192.0.2.10' }, { cidrBlock: '198.51.100.0/24' }, { ipAddress: '2001:db8::1' }]);
    expect(page.results).toHaveLength(3);
    expect(page.totalCount).toBe(3);
    expect(await atlas.getAccessListEntry(org.id, created.id, '198.51.100.0/24')).toMatchObject({ cidrBlock: '198.51.100.0/24', count: 0 });
    expect(await atlas.getAccessListEntry(org.id, created.id, '192.0.2.10')).toMatchObject({ ipAddress: '192.0.2.10', cidrBlock: '192.0.2.10/32' });
    expect((await atlas.getAccessListEntry(org.id, created.id, '2001:db8::1')).cidrBlock).toMatch(/^2001:db8:.*\/128$/);
    await atlas.deleteAccessListEntry(org.id, created.id, '198.51.100.0/24');
    await atlas.deleteAccessListEntry(org.id, created.id, '2001:db8::1');
    expect((await atlas.listAccessListEntries(org.id, created.id)).results.map((e) => e.ipAddress)).toEqual(['192.0.2.10']);

    await atlas.deleteApiKey(org.id, created.id);
    const gone = await failure(atlas.getApiKey(org.id, created.id));
    expect(gone).toBeInstanceOf(AtlasApiError);
    expect(isNotFound(gone)).toBe(true);
    // Ops Manager documents API_KEY_NOT_FOUND as a 400.
    expect((gone as AtlasApiError).status).toBe(flavor === 'ops-manager' ? 400 : 404);
  });

  it('creates project keys, assigns, changes roles and unassigns', async () => {
    const atlas = digestClient({ flavor, accessListSegment });
    const { org, staging, production } = demo();
    const projectRole = flavor === 'ops-manager' ? 'GROUP_AUTOMATION_ADMIN' : 'GROUP_CLUSTER_MANAGER';
    const created = await atlas.createProjectApiKey(staging.id, { description: 'project key', roles: ['GROUP_READ_ONLY'] });
    expect(created.privateKey).toMatch(/^[0-9a-f]{8}-/);
    expect((await atlas.listProjectApiKeys(staging.id)).results.map((k) => k.id)).toContain(created.id);

    await atlas.assignApiKeyToProject(production.id, created.id, ['GROUP_READ_ONLY']);
    expect((await atlas.getApiKey(org.id, created.id)).roles).toContainEqual({ groupId: production.id, roleName: 'GROUP_READ_ONLY' });
    const updated = await atlas.updateProjectApiKeyRoles(production.id, created.id, [projectRole]);
    expect(updated.roles.filter((r) => r.groupId === production.id)).toEqual([{ groupId: production.id, roleName: projectRole }]);
    await atlas.unassignApiKeyFromProject(production.id, created.id);
    const after = await atlas.getApiKey(org.id, created.id);
    expect(after.roles.filter((r) => r.groupId === production.id)).toEqual([]);
    expect(after.roles).toContainEqual({ groupId: staging.id, roleName: 'GROUP_READ_ONLY' });
    await atlas.deleteApiKey(org.id, created.id);
  });
});

describe('coverage of the operations', () => {
  it('calls every operation on Atlas v2, and every one Ops Manager has', async () => {
    for (const flavor of ['atlas-v2', 'ops-manager'] as const) {
      sim.control.resetStats();
      const atlas = digestClient({ flavor });
      const { org, staging, production } = demo();
      await atlas.listOrganizations();
      await atlas.getOrganization(org.id);
      await atlas.listOrganizationProjects(org.id);
      await atlas.listProjects();
      await atlas.getProject(staging.id);
      const key = await atlas.createApiKey(org.id, { description: 'coverage', roles: ['ORG_MEMBER'] });
      await atlas.listApiKeys(org.id);
      await atlas.getApiKey(org.id, key.id);
      await atlas.updateApiKey(org.id, key.id, { description: 'coverage 2' });
      await atlas.addAccessListEntries(org.id, key.id, [{ cidrBlock: '10.1.0.0/16' }]);
      await atlas.listAccessListEntries(org.id, key.id);
      await atlas.getAccessListEntry(org.id, key.id, '10.1.0.0/16');
      await atlas.deleteAccessListEntry(org.id, key.id, '10.1.0.0/16');
      const projectKey = await atlas.createProjectApiKey(staging.id, { description: 'coverage p', roles: ['GROUP_READ_ONLY'] });
      await atlas.listProjectApiKeys(staging.id);
      await atlas.assignApiKeyToProject(production.id, projectKey.id, ['GROUP_READ_ONLY']);
      await atlas.updateProjectApiKeyRoles(production.id, projectKey.id, ['GROUP_OWNER']);
      await atlas.unassignApiKeyFromProject(production.id, projectKey.id);
      await atlas.deleteApiKey(org.id, projectKey.id);
      await atlas.deleteApiKey(org.id, key.id);
      if (flavor === 'atlas-v2') {
        await atlas.getSystemStatus();
        await atlas.getOrganizationSettings(org.id);
        await atlas.updateOrganizationSettings(org.id, { multiFactorAuthRequired: false });
        const [latest] = (await atlas.listOrganizationEvents(org.id, {}, { itemsPerPage: 1 })).results;
        await atlas.getOrganizationEvent(org.id, latest!.id);
        await atlas.listProjectEvents(staging.id);
        const account = await atlas.createServiceAccount(org.id, { name: 'coverage', description: 'Coverage', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
        await atlas.listServiceAccounts(org.id);
        await atlas.getServiceAccount(org.id, account.clientId);
        await atlas.updateServiceAccount(org.id, account.clientId, { description: 'Coverage 2' });
        const secret = await atlas.createServiceAccountSecret(org.id, account.clientId, 24);
        await atlas.deleteServiceAccountSecret(org.id, account.clientId, secret.id);
        await atlas.addServiceAccountAccessListEntries(org.id, account.clientId, [{ cidrBlock: '10.2.0.0/16' }]);
        await atlas.listServiceAccountAccessList(org.id, account.clientId);
        await atlas.deleteServiceAccountAccessListEntry(org.id, account.clientId, '10.2.0.0/16');
        await atlas.assignServiceAccountToProject(production.id, account.clientId, ['GROUP_READ_ONLY']);
        await atlas.listServiceAccountProjects(org.id, account.clientId);
        const projectAccount = await atlas.createProjectServiceAccount(staging.id, { name: 'coverage p', description: 'Coverage', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 });
        await atlas.listProjectServiceAccounts(staging.id);
        await atlas.getProjectServiceAccount(staging.id, projectAccount.clientId);
        await atlas.updateProjectServiceAccount(staging.id, projectAccount.clientId, { roles: ['GROUP_OWNER'] });
        await atlas.addProjectServiceAccountAccessListEntries(staging.id, projectAccount.clientId, [{ ipAddress: '192.0.2.9' }]);
        await atlas.listProjectServiceAccountAccessList(staging.id, projectAccount.clientId);
        await atlas.deleteProjectServiceAccountAccessListEntry(staging.id, projectAccount.clientId, '192.0.2.9');
        const projectSecret = await atlas.createProjectServiceAccountSecret(staging.id, projectAccount.clientId, 24);
        await atlas.deleteProjectServiceAccountSecret(staging.id, projectAccount.clientId, projectSecret.id);
        await atlas.unassignServiceAccountFromProject(staging.id, projectAccount.clientId);
        await atlas.deleteServiceAccount(org.id, projectAccount.clientId);
        await atlas.deleteServiceAccount(org.id, account.clientId);
      }
      const v2Only = ['addGroupApiKey', 'getSystemStatus', 'getOrgSettings', 'updateOrgSettings', 'listOrgEvents', 'getOrgEvent', 'listGroupEvents', ...OPERATION_IDS.filter((op) => op.includes('ServiceAccount'))];
      const expected = flavor === 'ops-manager' ? OPERATION_IDS.filter((op) => !v2Only.includes(op)) : [...OPERATION_IDS];
      expect(operationsSeen()).toEqual([...expected].sort());
      // Every request answered 2xx, apart from the one Digest challenge.
      const statuses = Object.values(sim.control.stats().operations).flatMap((s) => Object.entries(s!.byStatus));
      expect(statuses.filter(([status]) => !status.startsWith('2'))).toEqual([['401', 1]]);
    }
  });
});

describe('Digest', () => {
  it('costs one challenge for N sequential calls, on one connection', async () => {
    for (const maxConcurrency of [1, 8]) {
      sim.control.resetStats();
      const atlas = digestClient({ maxConcurrency });
      const N = 25;
      for (let i = 0; i < N; i++) await atlas.listOrganizations();
      expect(sim.control.stats()).toMatchObject({ requests: N + 1, challenges: 1, connections: 1 });
    }
  });

  it('fetches one challenge for many calls starting at once, then signs each with its own nonce count', async () => {
    const atlas = digestClient({ maxConcurrency: 4 });
    await Promise.all(Array.from({ length: 30 }, () => atlas.listProjects()));
    expect(sim.control.stats()).toMatchObject({ requests: 31, challenges: 1 });
    sim.control.resetStats();
    await Promise.all(Array.from({ length: 30 }, () => atlas.listProjects()));
    expect(sim.control.stats()).toMatchObject({ requests: 30, challenges: 0 });
  });

  it('renews a stale nonce transparently, once per request', async () => {
    const atlas = digestClient();
    await atlas.listOrganizations();
    sim.control.expireNonces();
    sim.control.resetStats();
    await atlas.listOrganizations();
    expect(sim.control.stats()).toMatchObject({ requests: 2, challenges: 1 });
    const records = sim.control.requests();
    expect(records.map((r) => [r.status, r.auth])).toEqual([
      [401, 'digest'],
      [200, 'digest'],
    ]);
    sim.control.resetStats();
    await atlas.listOrganizations();
    expect(sim.control.stats()).toMatchObject({ requests: 1, challenges: 0 });
  });

  it('renews stale nonces for concurrent calls, each sent at most twice', async () => {
    const atlas = digestClient({ maxConcurrency: 3 });
    await atlas.listOrganizations();
    sim.control.expireNonces();
    sim.control.resetStats();
    await Promise.all(Array.from({ length: 12 }, () => atlas.listProjects()));
    const { requests, operations } = sim.control.stats();
    expect(operations.listGroups?.byStatus['200']).toBe(12);
    // Only the requests already signed with the old nonce (at most one per slot) were answered
    // stale; each was sent once more, and every later one was signed with a renewed nonce.
    const stale = operations.listGroups?.byStatus['401'] ?? 0;
    expect(stale).toBeGreaterThanOrEqual(1);
    expect(stale).toBeLessThanOrEqual(3);
    expect(requests).toBe(12 + stale);
  });

  it('sends a write body again after a stale nonce', async () => {
    const atlas = digestClient();
    const { org } = demo();
    await atlas.listOrganizations();
    sim.control.expireNonces();
    const created = await atlas.createApiKey(org.id, { description: 'after stale', roles: ['ORG_MEMBER'] });
    expect(created.desc).toBe('after stale');
    expect(sim.control.stats().operations.createOrgApiKey?.byStatus).toEqual({ '401': 1, '200': 1 });
    await atlas.deleteApiKey(org.id, created.id);
  });

  it('fails with 401 for a wrong private key, without the key in the error', async () => {
    const atlas = digestClient({ credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: 'wrong-private-key-0123' } });
    const error = await failure(atlas.listOrganizations());
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status: 401, errorCode: 'USER_UNAUTHORIZED' });
    expect(everythingShown(error)).not.toContain('wrong-private-key-0123');
    expect(sim.control.stats().requests).toBe(2);
  });

  it('authenticates with a key created through the API, from an address on its access list', async () => {
    const admin = digestClient();
    const { org } = demo();
    const key = await admin.createApiKey(org.id, { description: 'reader', roles: ['ORG_READ_ONLY'] });
    await admin.addAccessListEntries(org.id, key.id, [{ ipAddress: '127.0.0.1' }]);
    const reader = digestClient({ credentials: { kind: 'digest', publicKey: key.publicKey, privateKey: key.privateKey! } });
    expect((await reader.getOrganization(org.id)).id).toBe(org.id);
    expect(await admin.getAccessListEntry(org.id, key.id, '127.0.0.1')).toMatchObject({ count: 1, lastUsedAddress: '127.0.0.1' });
    await admin.deleteApiKey(org.id, key.id);
  });
});

describe('service accounts and pass-through', () => {
  it('fetches one token for many concurrent calls and sends it as the only Authorization header', async () => {
    const atlas = serviceAccountClient();
    await Promise.all(Array.from({ length: 20 }, () => atlas.listOrganizations()));
    const stats = sim.control.stats();
    expect(stats.operations.createOAuthToken?.total).toBe(1);
    expect(stats.operations.listOrgs?.total).toBe(20);
    const calls = sim.control.requests().filter((r) => r.operation === 'listOrgs');
    expect(calls.every((r) => r.auth === 'bearer' && r.authorizationHeaders === 1 && r.status === 200)).toBe(true);
  });

  it('fetches exactly one new token when Atlas refuses the cached one under concurrency', async () => {
    const atlas = serviceAccountClient();
    await atlas.listOrganizations();
    sim.control.expireTokens();
    sim.control.resetStats();
    await Promise.all(Array.from({ length: 10 }, () => atlas.listProjects()));
    const stats = sim.control.stats();
    expect(stats.operations.createOAuthToken?.total).toBe(1);
    expect(stats.operations.listGroups?.byStatus['200']).toBe(10);
  });

  it('does not refresh a fresh token that Atlas refuses for missing roles', async () => {
    const [own, other] = sim.control.seeded.orgs;
    const account = sim.control.createServiceAccount([{ orgId: own!.id, roleName: 'ORG_READ_ONLY' }]);
    const atlas = digestClient({ credentials: { kind: 'serviceAccount', ...account } });
    expect((await atlas.getOrganization(own!.id)).id).toBe(own!.id);
    const refused = await failure(atlas.getOrganization(other!.id));
    expect(refused).toMatchObject({ status: 401, operation: 'getOrg' });
    expect(await failure(atlas.getOrganization(other!.id))).toMatchObject({ status: 401 });
    // Atlas answers missing roles with 401 too; that must not cost a token request each time.
    expect(sim.control.stats().operations.createOAuthToken?.total).toBe(1);
    expect(sim.control.stats().operations.getOrg?.byStatus).toEqual({ '200': 1, '401': 2 });
  });

  it('reports a refused client secret without the secret', async () => {
    const atlas = digestClient({ credentials: { kind: 'serviceAccount', clientId: sim.control.admin.clientId, clientSecret: 'not-the-secret-42' } });
    const error = await failure(atlas.listOrganizations());
    expect(error).toMatchObject({ status: 401, errorCode: 'INVALID_CLIENT', operation: 'createOAuthToken' });
    expect(everythingShown(error)).not.toContain('not-the-secret-42');
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
    sim.control.resetStats();
    const atlas = digestClient(); // configured with Digest, but the view uses the caller's token
    await atlas.withBearer(token).listOrganizations();
    expect(sim.control.requests()).toEqual([expect.objectContaining({ operation: 'listOrgs', auth: 'bearer', authorizationHeaders: 1, status: 200 })]);
    const refused = await failure(atlas.withBearer('not-a-live-token').listOrganizations());
    expect(refused).toMatchObject({ status: 401 });
    expect(everythingShown(refused)).not.toContain('not-a-live-token');
    // The refusal is the caller's: no retry, no Digest, no token request of our own.
    expect(sim.control.requests()).toHaveLength(2);
  });
});

describe('retries and failures', () => {
  it('retries a GET on 429 after Retry-After', async () => {
    const stamps: number[] = [];
    const atlas = digestClient({ observer: (e) => e.operation === 'listOrgs' && e.outcome !== 401 && stamps.push(performance.now() - e.durationMs) });
    sim.control.injectFault('listOrgs', { sequence: [429, 'ok'] });
    await atlas.listOrganizations();
    expect(sim.control.stats().operations.listOrgs?.byStatus).toMatchObject({ '429': 1, '200': 1 });
    // Retry-After: 1
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(995);
  });

  it('retries a GET on 500, 503 and a reset connection', async () => {
    const atlas = digestClient();
    sim.control.injectFault('listGroups', { sequence: [500, 'reset', 'ok'] });
    expect((await atlas.listProjects()).results.length).toBeGreaterThan(0);
    expect(sim.control.stats().operations.listGroups?.byStatus).toMatchObject({ '500': 1, reset: 1, '200': 1 });
  });

  it('gives up after the last attempt with the Atlas error', async () => {
    const atlas = digestClient({ retry: { ...FAST_RETRY, maxAttempts: 2 } });
    sim.control.injectFault('getOrg', { sequence: [500, 500, 'ok'] });
    const error = await failure(atlas.getOrganization(demo().org.id));
    expect(error).toMatchObject({ status: 500, errorCode: 'UNEXPECTED_ERROR', operation: 'getOrg' });
  });

  it('does not retry a write that reached the server', async () => {
    const atlas = digestClient();
    const { org } = demo();
    await atlas.listOrganizations(); // the Digest challenge out of the way
    const before = (await fetchAllPages((page) => atlas.listApiKeys(org.id, page))).length;
    sim.control.resetStats();
    sim.control.injectFault('createOrgApiKey', { sequence: [429, 500, 'reset'] });
    const input = { description: 'at most once', roles: ['ORG_MEMBER'] };
    expect(await failure(atlas.createApiKey(org.id, input))).toMatchObject({ status: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET', retryAfterSeconds: 1 });
    expect(await failure(atlas.createApiKey(org.id, input))).toMatchObject({ status: 500 });
    expect(await failure(atlas.createApiKey(org.id, input))).toBeInstanceOf(AtlasNetworkError);
    expect(sim.control.stats().operations.createOrgApiKey).toEqual({ total: 3, byStatus: { '429': 1, '500': 1, reset: 1 } });
    expect((await fetchAllPages((page) => atlas.listApiKeys(org.id, page))).length).toBe(before);
  });

  it('times out a stalled response, and retries it when it is a read', async () => {
    const atlas = digestClient({ headersTimeoutMs: 200, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    await atlas.listOrganizations();
    sim.control.injectFault('listOrgs', { sequence: ['stall', 'ok'] });
    expect((await atlas.listOrganizations()).results.length).toBeGreaterThan(0);
    sim.control.injectFault('updateOrgApiKey', { sequence: ['stall'] });
    const { org } = demo();
    const error = await failure(atlas.updateApiKey(org.id, org.apiKeys[0]!.id, { description: 'stalled' }));
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error).toMatchObject({ phase: 'headers', operation: 'updateOrgApiKey' });
    expect(sim.control.stats().operations.updateOrgApiKey?.total).toBe(1);
  });

  it('reports a malformed body as a typed error', async () => {
    const atlas = digestClient();
    sim.control.injectFault('listOrgApiKeys', { sequence: ['malformed-json'] });
    await expect(atlas.listApiKeys(demo().org.id)).rejects.toBeInstanceOf(AtlasResponseError);
  });

  it('keeps the Atlas error fields', async () => {
    const error = await failure(digestClient().getOrganization('0123456789abcdef01234567'));
    expect(error).toMatchObject({
      status: 404,
      operation: 'getOrg',
      path: '/api/atlas/v2/orgs/0123456789abcdef01234567',
      parameters: ['0123456789abcdef01234567'],
    });
    expect(isNotFound(error)).toBe(true);
  });

  it('sends the version set per operation, and reports a retired one as 410 VERSION_GONE', async () => {
    const retiring = await createSimulator({ seed: 'demo', retiredVersions: ['2023-02-01'] });
    try {
      const atlas = digestClient({ baseUrl: retiring.url, credentials: { kind: 'digest', ...pick(retiring.control.admin) }, apiVersions: { listOrgs: '2023-02-01' } });
      const error = await failure(atlas.listOrganizations());
      expect(error).toMatchObject({ status: 410, errorCode: 'VERSION_GONE', parameters: ['2023-02-01', '/api/atlas/v2/orgs'] });
      // Other operations keep their own version.
      const org = retiring.control.seeded.orgs[0]!;
      expect((await atlas.getOrganization(org.id)).id).toBe(org.id);
    } finally {
      await retiring.close();
    }
  });
});

function pick(admin: { publicKey: string; privateKey: string }) {
  return { publicKey: admin.publicKey, privateKey: admin.privateKey };
}

describe('pagination', () => {
  it('walks every page, fetching the rest in parallel once the count is known', async () => {
    const big = await createSimulator({ seed: '1x1x1203x0' });
    try {
      const events: UpstreamEvent[] = [];
      const atlas = digestClient({ baseUrl: big.url, credentials: { kind: 'digest', ...pick(big.control.admin) }, observer: (e) => events.push(e) });
      const keys = await fetchAllPages((page) => atlas.listApiKeys(big.control.seeded.orgs[0]!.id, page));
      expect(keys).toHaveLength(1203);
      expect(new Set(keys.map((k) => k.id)).size).toBe(1203);
      const pages = events.filter((e) => e.outcome === 200).map((e) => new URL(e.path, big.url).searchParams);
      expect(pages.map((p) => [p.get('pageNum'), p.get('itemsPerPage'), p.get('includeCount')]).sort()).toEqual([
        ['1', '500', 'true'],
        ['2', '500', 'false'],
        ['3', '500', 'false'],
      ]);
    } finally {
      await big.close();
    }
  });

  it('returns a short list with one call', async () => {
    const events: UpstreamEvent[] = [];
    const atlas = digestClient({ observer: (e) => events.push(e) });
    await atlas.listOrganizations();
    events.length = 0;
    expect(await fetchAllPages((page) => atlas.listProjects(page))).toHaveLength(sim.control.seeded.orgs.flatMap((o) => o.projects).length);
    expect(events).toHaveLength(1);
  });
});
