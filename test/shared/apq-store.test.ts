// The store of automatic persisted queries: in this process, or in a real Redis shared by replicas,
// with a key prefix and a TTL, and a Redis that is away answering "not found" at once.
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApqStore, createApqStore } from '../../src/server/apq-store.js';
import { type RedisServer, startRedis } from './redis-server.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const DOCUMENT = '{ organizations { totalCount } }';

let redis: RedisServer;
let raw: Redis;
const stores: ApqStore[] = [];
const store = async (options: Parameters<typeof createApqStore>[0]) => {
  const created = await createApqStore(options);
  stores.push(created);
  return created;
};

beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  raw.on('error', () => undefined);
  await raw.connect();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  raw?.disconnect();
  await redis?.stop();
});

/** Resolves once a command on a fresh client succeeds (the store's own client reconnects by itself). */
async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the APQ store', () => {
  it('keeps documents in this process without Redis', async () => {
    const memory = await store({});
    expect(memory.kind).toBe('memory');
    expect(await memory.get(sha256(DOCUMENT))).toBeNull();
    await memory.set(sha256(DOCUMENT), DOCUMENT);
    expect(await memory.get(sha256(DOCUMENT))).toBe(DOCUMENT);
  });

  it('shares documents between replicas through Redis, under its prefix and with a TTL', async () => {
    const keyPrefix = `apq-test-${randomUUID()}:`;
    const one = await store({ redisUrl: redis.url, keyPrefix, ttlSeconds: 600 });
    const other = await store({ redisUrl: redis.url, keyPrefix, ttlSeconds: 600 });
    const hash = sha256(DOCUMENT);
    await until(async () => {
      await one.set(hash, DOCUMENT);
      return (await raw.exists(`${keyPrefix}${hash}`)) === 1;
    });
    expect(await other.get(hash)).toBe(DOCUMENT);
    const ttl = await raw.ttl(`${keyPrefix}${hash}`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('never makes a key of anything but a SHA-256 hash', async () => {
    const keyPrefix = `apq-test-${randomUUID()}:`;
    const shared = await store({ redisUrl: redis.url, keyPrefix });
    await until(async () => {
      await shared.set(sha256('{ __typename }'), '{ __typename }');
      return (await raw.exists(`${keyPrefix}${sha256('{ __typename }')}`)) === 1;
    });
    await shared.set('../../etc', DOCUMENT);
    expect(await shared.get('../../etc')).toBeNull();
    expect(await raw.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}${sha256('{ __typename }')}`]);
  });

  it('answers from its own copy, or "not found" at once, while Redis is away, and never throws', async () => {
    const keyPrefix = `apq-test-${randomUUID()}:`;
    const shared = await store({ redisUrl: redis.url, keyPrefix, commandTimeoutMs: 200 });
    const known = sha256(DOCUMENT);
    await until(async () => {
      await shared.set(known, DOCUMENT);
      return (await raw.exists(`${keyPrefix}${known}`)) === 1;
    });
    await redis.stop();
    try {
      const started = performance.now();
      expect(await shared.get(known)).toBe(DOCUMENT);
      expect(await shared.get(sha256('{ other }'))).toBeNull();
      await expect(shared.set(sha256('{ other }'), '{ other }')).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await redis.start();
    }
  });
});
