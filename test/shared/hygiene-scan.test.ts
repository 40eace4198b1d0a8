// A scan over every key of an organization under Atlas' rate limits: each request reads at most
// its share, never causes a 429, leaves the rest of the budget to interactive reads, goes on where
// the last one stopped, and shares what it read with the other replicas through Redis.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYGIENE_POLICY, type HygienePolicy } from '../../src/graph/risks.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { type Replica, type ReplicaOptions, startReplica } from './replica.js';

const KEYS = 60;
let sim: Simulator;
let orgId: string;
const opened: Replica[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: `1x2x${KEYS}x1` });
  orgId = sim.control.seeded.orgs[0]!.id;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
  sim.control.setRateLimit(false);
});
afterAll(() => sim.close());

const policy = (scan: Partial<HygienePolicy['scan']>): HygienePolicy => ({ ...DEFAULT_HYGIENE_POLICY, scan: { ...DEFAULT_HYGIENE_POLICY.scan, ...scan } });

async function replica(options: Partial<ReplicaOptions>): Promise<Replica> {
  const r = await startReplica({ baseUrl: sim.url, credentials: { publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey }, ttlSeconds: 30, ...options });
  opened.push(r);
  return r;
}

interface Completeness {
  keysTotal: number;
  keysAssessed: number;
  keysPending: number;
  complete: boolean;
  atlasReads: number;
  pendingReason: string | null;
}

async function hygiene(r: Replica): Promise<Completeness> {
  const result = await r.run<{ organization: { keyHygiene: { completeness: Completeness } } }, Record<string, unknown>>(
    'query($id: ID!) { organization(id: $id) { keyHygiene { completeness { keysTotal keysAssessed keysPending complete atlasReads pendingReason } } } }',
    { id: orgId },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.organization.keyHygiene.completeness;
}

const accessListCalls = () => sim.control.requests().filter((r) => r.operation === 'listOrgApiKeyAccessListEntries');
const rateLimited = () => sim.control.requests().filter((r) => r.status === 429).length;

describe('a scan of an organization', () => {
  it('reads at most its per-request share, goes on where the last request stopped, then answers from the cache', async () => {
    const r = await replica({ hygiene: policy({ maxReadsPerRequest: 25 }) });
    sim.control.resetStats();
    const first = await hygiene(r);
    expect(first).toMatchObject({ keysTotal: KEYS, keysAssessed: 25, keysPending: KEYS - 25, complete: false, atlasReads: 25 });
    expect(first.pendingReason).toContain('HYGIENE_MAX_READS_PER_REQUEST');
    expect(await hygiene(r)).toMatchObject({ keysAssessed: 50, atlasReads: 25 });
    expect(await hygiene(r)).toMatchObject({ keysAssessed: KEYS, complete: true, atlasReads: 10, pendingReason: null });
    expect(await hygiene(r)).toMatchObject({ complete: true, atlasReads: 0 });
    // Each access list was read from Atlas once.
    expect(accessListCalls()).toHaveLength(KEYS);
  });

  it('under a rate limit, spends only its share of the bucket, causes no 429, and leaves the rest to interactive reads', async () => {
    sim.control.setRateLimit({ capacity: 20, refillPerSecond: 10 });
    const r = await replica({ hygiene: policy({ budgetShare: 0.5 }) });
    sim.control.resetStats();
    const first = await hygiene(r);
    expect(first.complete).toBe(false);
    expect(first.atlasReads).toBeLessThan(20);
    expect(first.pendingReason).toContain('HYGIENE_BUDGET_SHARE');
    // Right after, an interactive read of a key the scan did not reach still gets through.
    const interactive = await r.run<{ organization: { apiKeys: { edges: Array<{ node: { accessList: { totalCount: number } } }> } } }, Record<string, unknown>>(
      'query($id: ID!) { organization(id: $id) { apiKeys(last: 1) { edges { node { accessList { totalCount } } } } } }',
      { id: orgId },
    );
    expect(interactive.errors).toBeUndefined();
    let last = first;
    for (let i = 0; i < 40 && !last.complete; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      last = await hygiene(r);
    }
    expect(last).toMatchObject({ complete: true, keysAssessed: KEYS });
    expect(rateLimited()).toBe(0);
  }, 30_000);
});

describe('a fleet sharing Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('lets one replica answer from what another scanned, without reading Atlas again', async () => {
    const shared = { url: redis.url, keyPrefix: `scan-${Date.now()}:` };
    const a = await replica({ redis: shared, hygiene: policy({}) });
    const b = await replica({ redis: shared, hygiene: policy({}) });
    await expect.poll(() => a.shared.storeAvailable() && b.shared.storeAvailable(), { timeout: 5_000 }).toBe(true);
    expect(await hygiene(a)).toMatchObject({ complete: true, atlasReads: KEYS });
    sim.control.resetStats();
    expect(await hygiene(b)).toMatchObject({ complete: true, atlasReads: 0 });
    expect(accessListCalls()).toHaveLength(0);
  });
});
