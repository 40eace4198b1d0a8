// Shared reads in one process (the default store): reuse within the time to live, exact freshness
// after writes, `Cache-Control: no-cache`, a time to live of 0, and Atlas' rate-limit budget.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { readTags, writeTags } from '../../src/atlas/read-tags.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { ApiKeyDetailDocument, OrganizationDashboardDocument, UpdateApiKeyDocument } from '../generated/graphql.js';
import { type Replica, startReplica } from './replica.js';

const O = '0123456789abcdef01234567';
const O2 = '0123456789abcdef01234568';
const K = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const K2 = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const G = 'cccccccccccccccccccccccc';
const stales = (write: string, read: string): boolean => writeTags(write).some((tag) => readTags(read).includes(tag));

describe('what a write makes stale', () => {
  it.each([
    ['/orgs/O/apiKeys', ['/orgs/O/apiKeys?pageNum=2&itemsPerPage=50'], ['/orgs/O2/apiKeys', '/orgs/O/apiKeys/K', '/orgs/O', '/groups/G/apiKeys']],
    [
      '/orgs/O/apiKeys/K',
      ['/orgs/O/apiKeys?pageNum=1', '/orgs/O/apiKeys/K', '/orgs/O/apiKeys/K/accessList', '/groups/G/apiKeys'],
      ['/orgs/O2/apiKeys', '/orgs/O/apiKeys/K2', '/orgs/O/groups', '/orgs'],
    ],
    ['/orgs/O/apiKeys/K/accessList', ['/orgs/O/apiKeys/K/accessList?pageNum=1', '/orgs/O/apiKeys/K/accessList/10.0.0.1'], ['/orgs/O/apiKeys/K', '/orgs/O/apiKeys', '/orgs/O/apiKeys/K2/accessList']],
    ['/orgs/O/apiKeys/K/whitelist/10.0.0.0%2F24', ['/orgs/O/apiKeys/K/whitelist'], ['/orgs/O/apiKeys/K']],
    ['/groups/G/apiKeys/K', ['/groups/G/apiKeys', '/groups/G2/apiKeys', '/orgs/O/apiKeys', '/orgs/O/apiKeys/K'], ['/orgs/O/apiKeys/K/accessList', '/orgs/O/apiKeys/K2', '/groups/G']],
    ['/groups/G/apiKeys', ['/groups/G/apiKeys', '/orgs/O2/apiKeys'], ['/orgs/O/apiKeys/K', '/groups']],
    ['/somewhere/new', ['/orgs', '/orgs/O/apiKeys/K', '/groups/G'], []],
    // Every write lands in the activity feeds (the org's, and a project's when it names one).
    ['/orgs/O/apiKeys/K/accessList/10.0.0.1', ['/orgs/O/events?pageNum=1', '/orgs/O/events/K2', '/groups/G/events'], ['/orgs/O/apiKeys/K2']],
    ['/groups/G/apiKeys/K', ['/orgs/O/events', '/groups/G/events?eventType=API_KEY_ADDED_TO_GROUP'], ['/orgs/O/apiKeys/K/accessList']],
    ['/orgs/O/apiKeys', ['/orgs/O/events', '/orgs/O/events/K'], ['/orgs/O/groups']],
  ])('a write to %s', (write, stale, untouched) => {
    const fill = (path: string) => path.replace(/\bO2\b/, O2).replace(/\bO\b/, O).replace(/\bK2\b/, K2).replace(/\bK\b/, K).replace(/\bG\b/, G);
    for (const read of stale) expect(stales(fill(write), fill(read)), read).toBe(true);
    for (const read of untouched) expect(stales(fill(write), fill(read)), read).toBe(false);
  });
});

let sim: Simulator;
let orgId: string;
let replicas: Replica[] = [];
let clients: AtlasClient[] = [];
let now = Date.now();

const admin = () => ({ publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey });
const replica = async (options: { ttlSeconds?: number; maxStaleSeconds?: number } = {}): Promise<Replica> => {
  const r = await startReplica({ baseUrl: sim.url, credentials: admin(), clock: () => now, ...options });
  replicas.push(r);
  return r;
};
/** A client without shared reads: a change made outside the gateway, or a caller of its own. */
const outsider = (): AtlasClient => {
  const client = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
  clients.push(client);
  return client;
};
const calls = (): number => sim.control.stats().requests;
const callsOf = (operation: string): number => sim.control.stats().operations[operation as 'getOrg']?.total ?? 0;

beforeAll(async () => {
  sim = await createSimulator({ seed: '1x4x12x1' });
  orgId = sim.control.seeded.orgs[0]!.id;
});
afterEach(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  await Promise.all(clients.map((c) => c.close()));
  replicas = [];
  clients = [];
  sim.control.setRateLimit(false);
});
afterAll(() => sim.close());

async function dashboard(r: Replica, headers?: Record<string, string>) {
  const result = await r.run(OrganizationDashboardDocument, { id: orgId, first: 50 }, headers);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result;
}

describe('reads shared across requests', () => {
  it('serves a repeated dashboard from the cache until its time to live is over', async () => {
    const r = await replica({ ttlSeconds: 30 });
    const first = await dashboard(r);
    const before = calls();
    expect(await dashboard(r)).toEqual(first);
    expect(calls()).toBe(before);
    expect(await r.metric('atlas_cache_hits_total', 'listOrgApiKeys')).toBe(1);
    now += 31_000;
    await dashboard(r);
    expect(calls() - before).toBe(3);
  });

  it("shows the gateway's own write at once, and another's after the time to live or with Cache-Control: no-cache", async () => {
    const r = await replica();
    const key = (await dashboard(r)).data!.organization!.apiKeys.edges[0]!.node;
    const updated = await r.run(UpdateApiKeyDocument, { input: { id: key.id, description: 'written through the gateway' } });
    expect(updated.data!.updateApiKey.__typename).toBe('ApiKeyPayload');
    const describe = async (headers?: Record<string, string>) =>
      (await dashboard(r, headers)).data!.organization!.apiKeys.edges.find((e) => e.node.id === key.id)!.node.description;
    expect(await describe()).toBe('written through the gateway');

    await outsider().updateApiKey(orgId, key.atlasId, { description: 'written elsewhere' });
    expect(await describe()).toBe('written through the gateway'); // within the time to live
    const before = callsOf('listOrgApiKeys');
    expect(await describe({ 'cache-control': 'no-cache' })).toBe('written elsewhere');
    expect(callsOf('listOrgApiKeys')).toBe(before + 1);
    // The refreshed answer is what the cache holds now.
    expect(await describe()).toBe('written elsewhere');
    expect(callsOf('listOrgApiKeys')).toBe(before + 1);
  });

  it('reuses nothing with a time to live of 0', async () => {
    const r = await replica({ ttlSeconds: 0 });
    await dashboard(r);
    const before = calls();
    await dashboard(r);
    expect(calls() - before).toBe(3);
    expect(await r.metric('atlas_cache_hits_total')).toBe(0);
  });
});

describe("Atlas' rate-limit budget", () => {
  it('serves cached data past its time to live while a bucket is empty, says how old, then refuses what it has not got without calling Atlas', async () => {
    // Three calls per bucket, then nothing for a long time.
    sim.control.setRateLimit({ capacity: 3, refillPerSecond: 0.001 });
    const r = await replica({ ttlSeconds: 30, maxStaleSeconds: 300 });
    const first = await dashboard(r);
    now += 40_000;
    // Someone else drains the organization's key bucket.
    const other = outsider();
    await other.listApiKeys(orgId, { itemsPerPage: 1 });
    await other.listApiKeys(orgId, { itemsPerPage: 2 });
    const limitedBefore = sim.control.stats().operations.listOrgApiKeys!.byStatus['429'] ?? 0;

    const second = await dashboard(r);
    expect(second.data).toEqual(first.data);
    expect(second.extensions?.staleData).toMatchObject({ ageSeconds: 40, operations: expect.arrayContaining(['listOrgApiKeys']) });
    expect(second.extensions!.staleData!.retryAfterSeconds).toBeGreaterThan(0);
    // Atlas said 429 once; after that the bucket gets nothing until it refills.
    expect(sim.control.stats().operations.listOrgApiKeys!.byStatus['429']).toBe(limitedBefore + 1);
    const before = calls();
    const third = await dashboard(r);
    expect(third.data).toEqual(first.data);
    expect(third.extensions?.staleData?.operations).toContain('listOrgApiKeys');
    expect(calls()).toBe(before);

    // A key never read: nothing cached to serve, so RATE_LIMITED, and Atlas is not asked.
    const keyId = first.data!.organization!.apiKeys.edges[0]!.node.atlasId;
    const detail = await r.run(ApiKeyDetailDocument, { organizationId: orgId, id: keyId });
    const error = detail.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
    expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(callsOf('getOrgApiKey')).toBe(0);
    expect(await r.metric('atlas_budget_refusals_total', 'getOrgApiKey')).toBe(1);
    expect(await r.metric('atlas_stale_answers_total', 'listOrgApiKeys')).toBe(2);
  });

  it('does not serve stale data to a request that asks for fresh data', async () => {
    sim.control.setRateLimit({ capacity: 3, refillPerSecond: 0.001 });
    const r = await replica();
    await dashboard(r);
    now += 40_000;
    const other = outsider();
    await other.listApiKeys(orgId, { itemsPerPage: 1 });
    await other.listApiKeys(orgId, { itemsPerPage: 2 });
    const result = await r.run(OrganizationDashboardDocument, { id: orgId, first: 50 }, { 'cache-control': 'no-cache' });
    expect(result.errors?.map((e) => e.extensions?.code)).toContain('RATE_LIMITED');
    expect(result.extensions?.staleData).toBeUndefined();
  });
});
