// The rate-limit budget as Atlas' answers teach it, the same in this process and in Redis (where it
// runs in Lua): a bucket refills as Atlas refills it, and what one 429 taught is forgotten once
// Atlas has said nothing for a while, instead of pinning the bucket to its refill rate for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORGET_AFTER_MS, MemoryStore, type SharedStore } from '../../src/atlas/shared-store.js';
import { RedisStore } from '../../src/atlas/redis-store.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
const stores: SharedStore[] = [];
let bucketNumber = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis.stop();
});

const kinds: Array<[string, () => Promise<SharedStore>]> = [
  ['memory', async () => new MemoryStore()],
  [
    'redis',
    async () => {
      const store = new RedisStore({ url: redis.url, keyPrefix: 'budget:' });
      stores.push(store);
      await store.ready();
      return store;
    },
  ],
];

/** How many of `count` calls the budget lets through at `now`. */
async function allowed(store: SharedStore, bucket: string, now: number, count = 1): Promise<number> {
  let sent = 0;
  for (let i = 0; i < count; i++) if ((await store.take(bucket, now)).allowed) sent += 1;
  return sent;
}

describe.each(kinds)('the budget in %s', (_kind, make) => {
  let store: SharedStore;
  beforeAll(async () => {
    store = await make();
  });

  it('lets a background reader take only what leaves its reserve share of the capacity to others', async () => {
    const bucket = `b${++bucketNumber}`;
    const t0 = 1_700_000_000_000;
    await store.observe(bucket, { status: 200, remaining: 8, capacity: 10 }, t0);
    const background = async () => (await store.take(bucket, t0 + 10, 0.5)).allowed;
    // 8 tokens, 5 kept for others: 3 for the background reader.
    expect([await background(), await background(), await background(), await background()]).toEqual([true, true, true, false]);
    // Interactive reads still have the reserve.
    expect(await allowed(store, bucket, t0 + 20, 6)).toBe(5);
  });

  it('after a 429 of capacity 1, refill 1 a second: one call a second, then free again once Atlas has said nothing for a while', async () => {
    const bucket = `b${++bucketNumber}`;
    const t0 = 1_700_000_000_000;
    expect(await allowed(store, bucket, t0, 5)).toBe(5); // nothing known: nothing held back
    await store.observe(bucket, { status: 429, retryAfterSeconds: 1, capacity: 1, refillRate: 1, refillSeconds: 1 }, t0);
    expect(await allowed(store, bucket, t0 + 500, 3)).toBe(0);
    expect(await allowed(store, bucket, t0 + 1_000, 3)).toBe(1);
    expect(await allowed(store, bucket, t0 + 1_500, 3)).toBe(0);
    expect(await allowed(store, bucket, t0 + 2_000, 3)).toBe(1);
    // Later answers carry no RateLimit-Remaining (200s with no headers): nothing new is learned.
    await store.observe(bucket, { status: 200 }, t0 + 2_100);
    expect(await allowed(store, bucket, t0 + 10_000, 3)).toBe(1); // the capacity is 1: no saving up
    // A minute after Atlas last said anything, the learned limit is gone.
    expect(await allowed(store, bucket, t0 + FORGET_AFTER_MS + 1_001, 10)).toBe(10);
    expect(await allowed(store, bucket, t0 + FORGET_AFTER_MS + 1_002, 10)).toBe(10);
  });

  it('refills as Atlas does: refillRate per interval, up to the capacity', async () => {
    const bucket = `b${++bucketNumber}`;
    const t0 = 1_700_000_000_000;
    await store.observe(bucket, { status: 429, retryAfterSeconds: 10, capacity: 10, refillRate: 5, refillSeconds: 10 }, t0);
    expect(await allowed(store, bucket, t0 + 9_999, 10)).toBe(0);
    expect(await allowed(store, bucket, t0 + 10_000, 10)).toBe(5);
    expect(await allowed(store, bucket, t0 + 40_000, 20)).toBe(10); // three refills, held to the capacity
  });

  it('counts down from RateLimit-Remaining, then probes once per second while the refill is unknown', async () => {
    const bucket = `b${++bucketNumber}`;
    const t0 = 1_700_000_000_000;
    await store.observe(bucket, { status: 200, remaining: 2 }, t0);
    expect(await allowed(store, bucket, t0 + 10, 5)).toBe(2);
    expect(await allowed(store, bucket, t0 + 1_010, 5)).toBe(1);
    expect(await allowed(store, bucket, t0 + 1_500, 5)).toBe(0);
  });
});
