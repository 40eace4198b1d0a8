// One request's signal carries one abort listener per Atlas read it is waiting for, and none once
// the read is answered: a console page of a hundred keys neither leaks listeners for the rest of
// its request nor logs MaxListenersExceededWarning (Node warns past ten listeners on a signal).
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { type Replica, startReplica } from './replica.js';

let sim: Simulator;
let orgId: string;
let r: Replica;

beforeAll(async () => {
  sim = await createSimulator({ seed: '1x2x40x1' });
  orgId = sim.control.seeded.orgs[0]!.id;
  r = await startReplica({ baseUrl: sim.url, ttlSeconds: 0, credentials: { publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey } });
});
afterAll(async () => {
  await r?.close();
  await sim?.close();
});

describe("a request's signal", () => {
  it('holds no listener of a shared read once the read is answered', async () => {
    const controller = new AbortController();
    const atlas = r.atlas.withSignal(controller.signal);
    const keys = await atlas.listApiKeys(orgId, { itemsPerPage: 40 });
    await Promise.all(keys.results.map((key) => atlas.listAccessListEntries(orgId, key.id)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('lets a page of forty keys read their access lists at once without a MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const result = await r.run(`{ organization(id: "${orgId}") { apiKeys(first: 40) { edges { node { accessList(first: 5) { totalCount } } } } } }`);
      expect(result.errors).toBeUndefined();
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
