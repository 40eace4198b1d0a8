// The change feed of a fleet: replicas sharing a real redis-server, against one simulator. A write
// through one replica reaches a subscriber on the other; a change made directly on Atlas reaches
// subscribers and makes cached reads stale within the poll interval; many subscribers cost one poll
// per interval for the whole fleet; a replica killed while holding the lease is replaced; a
// replica that starts again resumes where the fleet stopped, with no event twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed, type FeedEvent } from '../../src/server/change-feed.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { AtlasClient } from '../../src/atlas/index.js';
import { subscribeSse } from '../support/sse.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { type Replica, type ReplicaOptions, startReplica, until } from './replica.js';

let redis: RedisServer;
let sim: Simulator;
let orgId: string;
let fleetNumber = 0;
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  [redis, sim] = await Promise.all([startRedis(), createSimulator({ seed: '1x4x12x1' })]);
  orgId = sim.control.seeded.orgs[0]!.id;
});
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
  await Promise.all([redis.stop(), sim.close()]);
});

const admin = () => ({ publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey });

/** Replicas sharing one Redis key space, each with a change feed polling every `intervalMs`. */
async function fleet(count: number, intervalMs: number, options: Partial<ReplicaOptions> = {}): Promise<{ replicas: Replica[]; polls: () => number }> {
  const keyPrefix = `feedfleet${++fleetNumber}:`;
  let polls = 0;
  const replicas = await Promise.all(
    Array.from({ length: count }, () =>
      startReplica({
        baseUrl: sim.url,
        credentials: admin(),
        redis: { url: redis.url, keyPrefix, commandTimeoutMs: 500 },
        feed: { intervalMs, onPoll: (_org, calls) => void (polls += calls) },
        ...options,
      }),
    ),
  );
  opened.push(...replicas);
  await until(() => replicas.every((r) => r.shared.storeAvailable()));
  return { replicas, polls: () => polls };
}

const EVENTS = `subscription($org: ID!) { apiKeyEvents(organizationId: $org) { type target { publicKey } } }`;

describe('a fleet sharing Redis', () => {
  it('delivers a write through replica A to a subscriber on replica B, within a second', async () => {
    const { replicas: [a, b] } = await fleet(2, 60_000);
    const sub = await subscribeSse(b!.gateway.fetch, 'http://b.test/graphql', EVENTS, { org: orgId });
    await until(() => b!.feed!.subscriptions === 1);
    // Both replicas claim what the fleet watches; one of them holds the lease.
    await Promise.all([a!.feed!.tick(), b!.feed!.tick()]);
    const started = Date.now();
    const created = await a!.run<{ createApiKey: { apiKey: { publicKey: string } } }, { org: string }>(
      `mutation($org: ID!) { createApiKey(input: { organizationId: $org, description: "through A", roles: [ORG_MEMBER] }) { ... on CreateApiKeyPayload { apiKey { publicKey } } } }`,
      { org: orgId },
    );
    const message = await sub.next(1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(message?.data).toEqual({ data: { apiKeyEvents: { type: 'API_KEY_CREATED', target: { publicKey: created.data!.createApiKey.apiKey.publicKey } } } });
    sub.close();
    await until(() => b!.feed!.subscriptions === 0);
  });

  it('finds a change made directly on Atlas within the poll interval: subscribers hear of it and cached reads of it are stale', async () => {
    const { replicas: [a, b] } = await fleet(2, 200, { ttlSeconds: 3_600 });
    const key = await a!.atlas.createApiKey(orgId, { description: 'before', roles: ['ORG_MEMBER'] });
    const read = `query($org: ID!) { organization(id: $org) { apiKeys(first: 100) { edges { node { atlasId description } } } } }`;
    const descriptionOn = async (r: Replica) =>
      (await r.run<{ organization: { apiKeys: { edges: Array<{ node: { atlasId: string; description: string } }> } } }, { org: string }>(read, { org: orgId })).data!.organization.apiKeys.edges.find(
        (e) => e.node.atlasId === key.id,
      )!.node.description;
    // Read, and cached for an hour, by both.
    expect(await descriptionOn(a!)).toBe('before');
    expect(await descriptionOn(b!)).toBe('before');
    const sub = await subscribeSse(b!.gateway.fetch, 'http://b.test/graphql', EVENTS, { org: orgId });
    await until(() => b!.feed!.subscriptions === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Changed around the gateway: a client of its own, straight to the simulator.
    const elsewhere = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
    const changedAt = Date.now();
    await elsewhere.updateApiKey(orgId, key.id, { description: 'after' });
    await elsewhere.close();
    const message = await sub.next(2_000);
    expect(message?.data).toEqual({ data: { apiKeyEvents: { type: 'API_KEY_DESCRIPTION_CHANGED', target: { publicKey: key.publicKey } } } });
    expect(Date.now() - changedAt).toBeLessThan(200 + 500);
    // Stale before subscribers were told, on every replica: the next read is fresh.
    expect(await descriptionOn(a!)).toBe('after');
    expect(await descriptionOn(b!)).toBe('after');
    sub.close();
  });

  it('finds a service account change made directly on Atlas: its subscribers hear of it, cached reads of accounts are stale, key subscribers hear nothing', async () => {
    const { replicas: [a, b] } = await fleet(2, 200, { ttlSeconds: 3_600 });
    const { clientId } = await a!.atlas.createServiceAccount(orgId, { name: 'before', description: 'Watched', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const read = `query($org: ID!, $id: ID!) { serviceAccount(organizationId: $org, id: $id) { name } organization(id: $org) { serviceAccounts(first: 100) { edges { node { clientId name } } } } }`;
    type Read = { serviceAccount: { name: string }; organization: { serviceAccounts: { edges: Array<{ node: { clientId: string; name: string } }> } } };
    const namesOn = async (r: Replica) => {
      const data = (await r.run<Read, { org: string; id: string }>(read, { org: orgId, id: clientId })).data!;
      return [data.serviceAccount.name, data.organization.serviceAccounts.edges.find((e) => e.node.clientId === clientId)!.node.name];
    };
    // Read, and cached for an hour, by both.
    expect(await namesOn(a!)).toEqual(['before', 'before']);
    expect(await namesOn(b!)).toEqual(['before', 'before']);
    const accounts = await subscribeSse(b!.gateway.fetch, 'http://b.test/graphql', `subscription($org: ID!) { serviceAccountEvents(organizationId: $org) { type actor { kind } } }`, { org: orgId });
    const keys = await subscribeSse(b!.gateway.fetch, 'http://b.test/graphql', EVENTS, { org: orgId });
    await until(() => b!.feed!.subscriptions === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const elsewhere = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
    const changedAt = Date.now();
    await elsewhere.updateServiceAccount(orgId, clientId, { name: 'after' });
    const message = await accounts.next(2_000);
    expect(message?.data).toEqual({ data: { serviceAccountEvents: { type: 'SERVICE_ACCOUNT_DETAILS_CHANGED', actor: { kind: 'API_KEY' } } } });
    expect(Date.now() - changedAt).toBeLessThan(200 + 500);
    // Stale before subscribers were told, on every replica, the account and the listing alike.
    expect(await namesOn(a!)).toEqual(['after', 'after']);
    expect(await namesOn(b!)).toEqual(['after', 'after']);
    // The key subscriber's first event is the key change that follows, not the account's.
    const key = await elsewhere.createApiKey(orgId, { description: 'after the account', roles: ['ORG_MEMBER'] });
    await elsewhere.close();
    expect((await keys.next(2_000))?.data).toEqual({ data: { apiKeyEvents: { type: 'API_KEY_CREATED', target: { publicKey: key.publicKey } } } });
    accounts.close();
    keys.close();
  });

  it("makes a deleted service account's cached access list stale, not only its account", async () => {
    const { replicas: [a] } = await fleet(1, 200, { ttlSeconds: 3_600 });
    const { clientId } = await a!.atlas.createServiceAccount(orgId, { name: 'to delete', description: 'Deleted elsewhere', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    await a!.atlas.addServiceAccountAccessListEntries(orgId, clientId, [{ ipAddress: '198.51.100.30' }]);
    // Read, and cached for an hour.
    expect((await a!.atlas.listServiceAccountAccessList(orgId, clientId)).results.map((e) => e.cidrBlock)).toEqual(['198.51.100.30/32']);
    const accounts = await subscribeSse(a!.gateway.fetch, 'http://a.test/graphql', `subscription($org: ID!) { serviceAccountEvents(organizationId: $org) { type } }`, { org: orgId });
    await until(() => a!.feed!.subscriptions === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const elsewhere = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
    await elsewhere.deleteServiceAccount(orgId, clientId);
    await elsewhere.close();
    expect((await accounts.next(2_000))?.data).toEqual({ data: { serviceAccountEvents: { type: 'SERVICE_ACCOUNT_DELETED' } } });
    await expect(a!.atlas.listServiceAccountAccessList(orgId, clientId)).rejects.toMatchObject({ status: 404 });
    accounts.close();
  });

  it('polls each watched organization once per interval for the whole fleet, however many subscribe', async () => {
    const intervalMs = 250;
    const { replicas, polls: fleetPolls } = await fleet(3, intervalMs);
    // 500 subscribers, spread over three replicas.
    const feeds = replicas.map((r) => r.feed!);
    const subscriptions = Array.from({ length: 500 }, (_, i) => feeds[i % 3]!.subscribe(orgId, `caller${i % 7}`));
    const firsts = subscriptions.map((s) => s.next());
    await until(() => feeds.reduce((sum, f) => sum + f.subscriptions, 0) === 500);
    await new Promise((resolve) => setTimeout(resolve, 2 * intervalMs));
    const before = fleetPolls();
    const windowMs = 10 * intervalMs;
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    // This fleet's Atlas calls (the fleets of the other tests, on their own Redis keys, poll too).
    const polls = fleetPolls() - before;
    // One poll per interval (timers drift: one either way).
    expect(polls).toBeGreaterThanOrEqual(windowMs / intervalMs - 2);
    expect(polls).toBeLessThanOrEqual(windowMs / intervalMs + 1);
    await Promise.all(subscriptions.map((s) => s.return?.()));
    await Promise.all(firsts);
    expect(feeds.reduce((sum, f) => sum + f.subscriptions, 0)).toBe(0);
  });

  it('replaces a replica killed while holding the lease, and resumes where it stopped with no event twice', async () => {
    const intervalMs = 100;
    const keyPrefix = `feedfleet${++fleetNumber}:feed:`;
    const atlas = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
    opened.push({ close: () => atlas.close() });
    const start = async () => {
      const published: string[] = [];
      const feed = await ChangeFeed.create({ atlas, redisUrl: redis.url, keyPrefix, intervalMs, readInterestMs: 1_000, onPoll: (_org, _calls, count) => void (count > 0 && published.push('x')) });
      opened.push({ close: () => feed.close() });
      // A subscriber on each replica.
      const received: FeedEvent[] = [];
      const subscription = feed.subscribe(orgId);
      void (async () => {
        for await (const event of subscription) received.push(event);
      })();
      return { feed, published, received };
    };
    const replicas = [await start(), await start()];
    await until(() => replicas.every((r) => r.feed.subscriptions === 1));

    const first = await atlas.createApiKey(orgId, { description: 'while the holder polls', roles: ['ORG_MEMBER'] });
    await until(() => replicas.every((r) => r.received.some((e) => e.targetPublicKey === first.publicKey)));
    // Exactly one of the two holds the lease: it polled and published.
    const holders = replicas.filter((r) => r.published.length > 0);
    expect(holders).toHaveLength(1);
    const survivor = replicas.find((r) => r !== holders[0])!;
    // The holder dies without giving its lease up; the other takes over once it lapses (three intervals).
    await holders[0]!.feed.abandon();
    const second = await atlas.createApiKey(orgId, { description: 'after the holder died', roles: ['ORG_MEMBER'] });
    const died = Date.now();
    await until(() => survivor.received.some((e) => e.targetPublicKey === second.publicKey));
    expect(survivor.published.length).toBeGreaterThan(0);
    expect(Date.now() - died).toBeLessThan(3 * intervalMs + 1_000);
    // Each event once: the checkpoint the dead holder left is where the survivor went on from.
    const ids = survivor.received.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(survivor.received.filter((e) => e.targetPublicKey === first.publicKey)).toHaveLength(1);
    expect(survivor.received.filter((e) => e.targetPublicKey === second.publicKey)).toHaveLength(1);
  });

  it('reuses the reads it follows for the watched time to live, never past a change made elsewhere, and only while it follows', async () => {
    const intervalMs = 200;
    // A base time to live of 1 s, an hour for what the feed follows.
    const { replicas: [a, b] } = await fleet(2, intervalMs, { ttlSeconds: 1, watchedTtlSeconds: 3_600, feed: { intervalMs, readInterestMs: 60_000 } });
    const key = await a!.atlas.createApiKey(orgId, { description: 'watched read', roles: ['ORG_MEMBER'] });
    const keys = `query($org: ID!) { organization(id: $org) { apiKeys(first: 100) { edges { node { atlasId description } } } } }`;
    const projects = `query($org: ID!) { organization(id: $org) { projects(first: 10) { totalCount } } }`;
    const descriptionOn = async (r: Replica) =>
      (await r.run<{ organization: { apiKeys: { edges: Array<{ node: { atlasId: string; description: string } }> } } }, { org: string }>(keys, { org: orgId })).data!.organization.apiKeys.edges.find(
        (e) => e.node.atlasId === key.id,
      )!.node.description;
    const misses = async (operation: string) => (await a!.metric('atlas_cache_misses_total', operation)) + (await b!.metric('atlas_cache_misses_total', operation));
    const pastBaseTtl = () => new Promise((resolve) => setTimeout(resolve, 1_100));

    // The first read makes the organization watched; the feed follows it from its first poll on.
    expect(await descriptionOn(a!)).toBe('watched read');
    await until(() => a!.feed!.follows(`/orgs/${orgId}/apiKeys`, Date.now()) && b!.feed!.follows(`/orgs/${orgId}/apiKeys`, Date.now()));
    // Access lists are not vouched for: their usage changes with every call, and no event says so.
    expect(a!.feed!.follows(`/orgs/${orgId}/apiKeys/${key.id}/accessList`, Date.now())).toBe(false);
    expect(a!.feed!.follows(`/orgs/${orgId}/apiKeys/${key.id}`, Date.now())).toBe(true);
    // Read before the feed followed: past the base time to live, read again.
    await pastBaseTtl();
    let before = await misses('listOrgApiKeys');
    expect(await descriptionOn(b!)).toBe('watched read');
    expect(await misses('listOrgApiKeys')).toBe(before + 1);
    // Read since: reused past the base time to live, on either replica; what the feed does not follow is not.
    await pastBaseTtl();
    before = await misses('listOrgApiKeys');
    const projectsBefore = await misses('getOrgGroups');
    expect(await descriptionOn(a!)).toBe('watched read');
    await b!.run(projects, { org: orgId });
    expect(await misses('listOrgApiKeys')).toBe(before);
    await b!.run(projects, { org: orgId });
    await pastBaseTtl();
    await b!.run(projects, { org: orgId });
    expect(await misses('getOrgGroups')).toBeGreaterThanOrEqual(projectsBefore + 2);

    // A change made around the gateway shows within the interval, hour-long reuse or not.
    const elsewhere = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
    await elsewhere.updateApiKey(orgId, key.id, { description: 'renamed elsewhere' });
    await elsewhere.close();
    const changedAt = Date.now();
    await until(async () => (await descriptionOn(b!)) === 'renamed elsewhere');
    expect(Date.now() - changedAt).toBeLessThan(intervalMs + 500);

    // The feed can no longer be read: once it has not been read to its end for a lapsed lease and
    // an interval, its reads are reused for the base time to live only.
    sim.control.injectFault('listOrgEvents', { probability: 1, kind: 500 });
    try {
      await until(() => !a!.feed!.follows(`/orgs/${orgId}/apiKeys`, Date.now()) && !b!.feed!.follows(`/orgs/${orgId}/apiKeys`, Date.now()));
      await descriptionOn(a!);
      await pastBaseTtl();
      before = await misses('listOrgApiKeys');
      await descriptionOn(b!);
      expect(await misses('listOrgApiKeys')).toBe(before + 1);
    } finally {
      sim.control.clearFaults();
    }
  });
});
