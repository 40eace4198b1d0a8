// A Redis that stops answering (SIGSTOP: its connections stay open) is set aside at once: the
// request that met the timeout waits one command timeout at most, the ones after it go to Atlas
// directly without waiting, and /readyz, the metric and the log say so until Redis answers again.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { OrganizationDashboardDocument } from '../generated/graphql.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { type Replica, startReplica, until } from './replica.js';

let redis: RedisServer;
let sim: Simulator;
let replica: Replica;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  [redis, sim] = await Promise.all([startRedis(), createSimulator({ seed: '1x2x3x1' })]);
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  replica = await startReplica({
    baseUrl: sim.url,
    credentials: { publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey },
    // The default command timeout (250 ms): what production gets.
    redis: { url: redis.url, keyPrefix: 'frozen:' },
    logger: createLogger({ destination }),
  });
  await until(() => replica.shared.storeAvailable());
});
afterAll(async () => {
  redis.resume();
  await replica.close();
  await Promise.all([redis.stop(), sim.close()]);
});

const dashboard = async () => {
  const result = await replica.run(OrganizationDashboardDocument, { id: sim.control.seeded.orgs[0]!.id, first: 10 });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
};
const readyz = async () => (await replica.gateway.fetch('http://gateway.test/readyz')).json() as Promise<{ sharedStore: { available: boolean } }>;

describe('a frozen Redis', () => {
  it('is set aside at the first timeout, said so everywhere, and taken back once it answers', async () => {
    await dashboard();
    expect(await replica.metric('atlas_shared_store_up')).toBe(1);

    redis.pause();
    const first = performance.now();
    await dashboard();
    const firstMs = performance.now() - first;
    expect(replica.shared.storeAvailable()).toBe(false);
    // Then no request waits on Redis at all: five pages cost less than one command timeout did before.
    const rest = performance.now();
    for (let i = 0; i < 5; i++) await dashboard();
    const restMs = performance.now() - rest;
    expect(firstMs).toBeLessThan(2_000);
    expect(restMs).toBeLessThan(1_000);

    expect((await readyz()).sharedStore.available).toBe(false);
    expect(await replica.metric('atlas_shared_store_up')).toBe(0);
    expect(lines.find((line) => line.msg?.toString().startsWith('shared store unavailable'))).toMatchObject({ level: 40, reason: expect.stringMatching(/longer than 250 ms/) });

    redis.resume();
    await until(() => replica.shared.storeAvailable());
    expect((await readyz()).sharedStore.available).toBe(true);
    expect(await replica.metric('atlas_shared_store_up')).toBe(1);
    await dashboard();
  }, 20_000);
});
