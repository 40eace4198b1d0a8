// Two gateway replicas sharing a real redis-server, against one simulator: writes seen by the
// other replica, a Redis restart served through, a rate limit kept, coalescing counted upstream,
// and nothing secret in Redis.
import { once } from 'node:events';
import { type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import {
  AddAccessListEntriesDocument,
  ApiKeyDetailDocument,
  AssignApiKeyToProjectDocument,
  CreateApiKeyDocument,
  OrganizationDashboardDocument,
  UpdateApiKeyDocument,
} from '../generated/graphql.js';
import { fetchToken } from '../simulator/helpers.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { type Replica, type ReplicaOptions, startReplica, until } from './replica.js';

let redis: RedisServer;
let sim: Simulator;
let orgId: string;
let fleetNumber = 0;
const opened: Replica[] = [];

beforeAll(async () => {
  [redis, sim] = await Promise.all([startRedis(), createSimulator({ seed: '1x4x12x1' })]);
  orgId = sim.control.seeded.orgs[0]!.id;
});
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
  await Promise.all([redis.stop(), sim.close()]);
});

const admin = () => ({ publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey });

/** Replicas sharing one Redis key space, fresh for each fleet (a cold cache). */
async function fleet(count: number, options: Partial<ReplicaOptions> = {}): Promise<Replica[]> {
  const keyPrefix = `fleet${++fleetNumber}:`;
  const replicas = await Promise.all(Array.from({ length: count }, () =>
    startReplica({ baseUrl: sim.url, credentials: admin(), redis: { url: redis.url, keyPrefix, commandTimeoutMs: 500 }, ...options }),
  ));
  opened.push(...replicas);
  await until(() => replicas.every((r) => r.shared.storeAvailable()));
  return replicas;
}

/** Atlas answers with data (a Digest challenge a replica needs first is not one). */
const calls = (): number => Object.values(sim.control.stats().operations).reduce((sum, op) => sum + (op?.byStatus['200'] ?? 0), 0);
const callsOf = (operation: string): number => sim.control.stats().operations[operation as 'getOrg']?.total ?? 0;

async function dashboard(r: Replica) {
  const result = await r.run(OrganizationDashboardDocument, { id: orgId, first: 50 });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.organization!;
}
async function detail(r: Replica, keyId: string) {
  const result = await r.run(ApiKeyDetailDocument, { organizationId: orgId, id: keyId });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.apiKey!;
}

describe('replicas sharing Redis', () => {
  it("see each other's cached reads, and a write through one in the other's next read", async () => {
    const [a, b] = await fleet(2);
    const key = (await dashboard(a!)).apiKeys.edges[0]!.node;
    await detail(a!, key.atlasId);
    const before = calls();
    await dashboard(b!);
    await detail(b!, key.atlasId);
    // All from what replica a read, but one read: b has not yet seen Atlas accept the credential
    // itself, and cached data is served only within that acceptance.
    expect(calls()).toBe(before + 1);

    const updated = await a!.run(UpdateApiKeyDocument, { input: { id: key.id, description: 'renamed on a' } });
    expect(updated.data!.updateApiKey.__typename).toBe('ApiKeyPayload');
    expect((await dashboard(b!)).apiKeys.edges.find((e) => e.node.id === key.id)!.node.description).toBe('renamed on a');
    expect((await detail(b!, key.atlasId)).description).toBe('renamed on a');

    const added = await b!.run(AddAccessListEntriesDocument, { input: { apiKeyId: key.id, entries: ['203.0.113.50'] } });
    expect(added.data!.addAccessListEntries.__typename).toBe('AddAccessListEntriesPayload');
    expect((await detail(a!, key.atlasId)).accessList.edges.map((e) => e.node.ipAddress)).toContain('203.0.113.50');

    const project = (await dashboard(a!)).projects.edges.find((p) => !key.projectAssignments.some((x) => x.project.atlasId === p.node.atlasId))!.node;
    const assigned = await b!.run(AssignApiKeyToProjectDocument, { input: { projectId: project.atlasId, apiKeyId: key.id, roles: ['GROUP_READ_ONLY'] } });
    expect(assigned.errors).toBeUndefined();
    const seen = (await dashboard(a!)).apiKeys.edges.find((e) => e.node.id === key.id)!.node;
    expect(seen.projectAssignments.map((x) => x.project.atlasId)).toContain(project.atlasId);
    expect((await detail(a!, key.atlasId)).projectAssignments.map((x) => x.project.atlasId)).toContain(project.atlasId);
  });

  it('send identical reads in flight at once to Atlas once per replica', async () => {
    const gate = await gatedProxy(sim.url);
    try {
      const [a] = await fleet(1, { baseUrl: gate.url });
      await a!.atlas.listOrganizations({ itemsPerPage: 1 }); // the Digest handshake, before the gate closes
      gate.hold();
      const before = { getOrg: callsOf('getOrg'), getOrgGroups: callsOf('getOrgGroups'), listOrgApiKeys: callsOf('listOrgApiKeys') };
      const results = Array.from({ length: 10 }, () => a!.run(OrganizationDashboardDocument, { id: orgId, first: 50 }));
      // Every request has either sent its reads or joined one in flight.
      await until(async () => {
        for (const operation of Object.keys(before)) {
          if ((await a!.metric('atlas_cache_misses_total', operation)) + (await a!.metric('atlas_coalesced_calls_total', operation)) < 10) return false;
        }
        return true;
      });
      gate.release();
      for (const result of await Promise.all(results)) expect(result.errors).toBeUndefined();
      for (const [operation, count] of Object.entries(before)) expect(callsOf(operation) - count, operation).toBe(1);
      expect(await a!.metric('atlas_coalesced_calls_total', 'listOrgApiKeys')).toBe(9);
    } finally {
      await gate.close();
    }
  });

  it('keep a rate limit the uncached gateway exceeds', async () => {
    sim.control.setRateLimit({ capacity: 5, refillPerSecond: 0.001 });
    const limited = () => sim.control.stats().operations.listOrgApiKeys?.byStatus['429'] ?? 0;
    try {
      const plain = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
      const uncached = createGateway({ atlas: plain });
      const codes: unknown[] = [];
      for (let i = 0; i < 8; i++) {
        const response = await uncached.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'query($id: ID!) { organization(id: $id) { name apiKeys(first: 50) { totalCount } } }', variables: { id: orgId } }),
        });
        const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
        codes.push(...(body.errors ?? []).map((e) => e.extensions.code));
      }
      await plain.close();
      expect(limited()).toBeGreaterThan(0);
      expect(codes).toContain('RATE_LIMITED');

      sim.control.setRateLimit({ capacity: 5, refillPerSecond: 0.001 }); // full buckets again
      const before = limited();
      const [a, b] = await fleet(2);
      for (let i = 0; i < 8; i++) await dashboard(i % 2 === 0 ? a! : b!);
      expect(limited()).toBe(before);
    } finally {
      sim.control.setRateLimit(false);
    }
  });

  it('serve on through a Redis restart, lose no write, and share again once it is back', async () => {
    const [a, b] = await fleet(2);
    const key = (await dashboard(a!)).apiKeys.edges[1]!.node;
    await dashboard(b!);

    await redis.stop();
    try {
      await duringOutage();
    } finally {
      await redis.start();
    }
    await until(() => a!.shared.storeAvailable() && b!.shared.storeAvailable());
    // The invalidation that could not be written meanwhile was written first.
    const check = new Redis(redis.url);
    expect(await check.keys('*')).toEqual(expect.arrayContaining([expect.stringMatching(`g:key:${key.atlasId}$`)]));
    check.disconnect();
    expect((await dashboard(b!)).apiKeys.edges.find((e) => e.node.id === key.id)!.node.description).toBe('renamed while Redis was away');
    const after = calls();
    await dashboard(a!);
    expect(calls()).toBe(after); // shared again
    expect(await (await a!.gateway.fetch('http://gateway.test/readyz')).json()).toMatchObject({ sharedStore: { available: true } });
    expect(await a!.metrics.registry.getSingleMetricAsString('atlas_shared_store_up')).toMatch(/atlas_shared_store_up 1/);

    async function duringOutage() {
    await until(() => !a!.shared.storeAvailable() && !b!.shared.storeAvailable());
    const readyz = await a!.gateway.fetch('http://gateway.test/readyz');
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toMatchObject({ ready: true, sharedStore: { kind: 'redis', available: false } });
    expect(await a!.metrics.registry.getSingleMetricAsString('atlas_shared_store_up')).toMatch(/atlas_shared_store_up 0/);
    const before = calls();
    await dashboard(b!); // straight from Atlas
    expect(calls() - before).toBe(3);
    const updated = await a!.run(UpdateApiKeyDocument, { input: { id: key.id, description: 'renamed while Redis was away' } });
    expect(updated.data!.updateApiKey.__typename).toBe('ApiKeyPayload');
    expect((await dashboard(b!)).apiKeys.edges.find((e) => e.node.id === key.id)!.node.description).toBe('renamed while Redis was away');
    }
  });

  it('keep no token, credential or private key in Redis', async () => {
    const [a] = await fleet(1);
    const account = sim.control.createServiceAccount([{ orgId, roleName: 'ORG_OWNER' }]);
    const token = await fetchToken(sim.url, account.clientId, account.clientSecret);
    const passthrough = await startReplica({ baseUrl: sim.url, redis: { url: redis.url, keyPrefix: `fleet${fleetNumber}:` } });
    opened.push(passthrough);
    await until(() => passthrough.shared.storeAvailable());
    const asCaller = await passthrough.run(OrganizationDashboardDocument, { id: orgId, first: 50 }, { authorization: `Bearer ${token}` });
    expect(asCaller.errors).toBeUndefined();
    const created = await a!.run(CreateApiKeyDocument, { input: { organizationId: orgId, description: 'secret holder', roles: ['ORG_MEMBER'] } });
    expect(created.data!.createApiKey.__typename).toBe('CreateApiKeyPayload');
    const privateKey = (created.data!.createApiKey as { privateKey: string }).privateKey;
    const createdId = (created.data!.createApiKey as { apiKey: { atlasId: string } }).apiKey.atlasId;
    await dashboard(a!);
    await detail(a!, createdId);

    const check = new Redis(redis.url);
    const dump: string[] = [];
    for (const key of await check.keys('*')) {
      const type = await check.type(key);
      const value = type === 'string' ? await check.get(key) : JSON.stringify(await check.hgetall(key));
      dump.push(key, value ?? '');
    }
    check.disconnect();
    const text = dump.join('\n');
    expect(text).toContain('secret holder'); // the key's reads are there, masked
    expect(text).toMatch(/:e:bearer-[0-9a-f]{64}\|/); // and the caller's, under a hash
    for (const secret of [token, privateKey, sim.control.admin.privateKey, account.clientSecret, sim.control.admin.publicKey]) {
      expect(text).not.toContain(secret);
    }
  });
});

/** A proxy in front of the simulator that holds requests until released. */
async function gatedProxy(target: string) {
  let open = true;
  const held: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const forward = () => {
      const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    };
    if (open) forward();
    else held.push(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => {
      open = false;
    },
    release: () => {
      open = true;
      for (const forward of held.splice(0)) forward();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
