// Cached reads never outlive Atlas' acceptance of the credential that read them by more than the
// credential check (5 s by default): a token expired or revoked at Atlas, a JWT past its `exp`, the
// gateway's own key deleted. Readiness asks Atlas itself, and reads that settle a write go ahead
// of the budget.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { CreateApiKeyDocument } from '../generated/graphql.js';
import { fetchToken } from '../simulator/helpers.js';
import { type Replica, type ReplicaOptions, startReplica } from './replica.js';

let sim: Simulator;
let orgId: string;
let now = Date.now();
const opened: Replica[] = [];
const clients: AtlasClient[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: '1x2x3x1', tokenTtlSeconds: 2 });
  orgId = sim.control.seeded.orgs[0]!.id;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
  await Promise.all(clients.splice(0).map((c) => c.close()));
  sim.control.clearFaults();
  sim.control.setRateLimit(false);
  now = Date.now();
});
afterAll(() => sim.close());

const replica = async (options: Partial<ReplicaOptions> = {}): Promise<Replica> => {
  const r = await startReplica({ baseUrl: sim.url, ttlSeconds: 30, clock: () => now, ...options });
  opened.push(r);
  return r;
};
const admin = () => ({ publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey });
const outsider = (): AtlasClient => {
  const client = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...admin() } });
  clients.push(client);
  return client;
};
const calls = (): number => sim.control.stats().requests;
const QUERY = `{ organization(id: "ORG") { name apiKeys(first: 5) { totalCount } } }`;
const read = (r: Replica, headers?: Record<string, string>) => r.run(QUERY.replace('ORG', orgId), {}, headers);
const codes = (result: Awaited<ReturnType<typeof read>>) => (result.errors ?? []).map((e) => e.extensions?.code);

async function readerToken(): Promise<string> {
  const account = sim.control.createServiceAccount([{ orgId, roleName: 'ORG_READ_ONLY' }]);
  return fetchToken(sim.url, account.clientId, account.clientSecret);
}

describe('a pass-through token', () => {
  it('expired at Atlas is refused at the first read past the credential check, and its cache is dropped', async () => {
    const r = await replica();
    const token = await readerToken();
    const bearer = { authorization: `Bearer ${token}` };
    const first = await read(r, bearer);
    expect(first.errors).toBeUndefined();
    const before = calls();
    expect((await read(r, bearer)).data).toEqual(first.data);
    expect(calls()).toBe(before); // from the cache, within the check

    sim.control.expireTokens();
    now += 6_000; // past the 5 s check, well inside the 30 s time to live
    const refused = await read(r, bearer);
    expect((refused.data as { organization?: unknown } | null | undefined)?.organization ?? null).toBeNull();
    expect(codes(refused)).toContain('UNAUTHENTICATED');
    // Dropped, not just skipped once: the next request asks Atlas again and is refused again.
    const again = await read(r, bearer);
    expect(codes(again)).toContain('UNAUTHENTICATED');
    expect(calls()).toBeGreaterThan(before + 1);
  });

  it('that is a JWT is never served cached data past its exp, whatever the check and time to live', async () => {
    const r = await replica({ clock: Date.now, credentialCheckSeconds: 3_600, ttlSeconds: 3_600 });
    const token = await readerToken();
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await read(r, bearer)).errors).toBeUndefined();
    // `exp` counts whole seconds: the token is gone at Atlas within the second after it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp - Date.now()) + 1_050));
    expect(codes(await read(r, bearer))).toContain('UNAUTHENTICATED');
  });

  it('is served nothing stale past the check while a bucket is empty: no proof can be sent', async () => {
    sim.control.setRateLimit({ capacity: 3, refillPerSecond: 0.001 });
    const r = await replica({ maxStaleSeconds: 300 });
    const bearer = { authorization: `Bearer ${await readerToken()}` };
    expect((await read(r, bearer)).errors).toBeUndefined();
    now += 40_000; // past the time to live: only stale data could answer
    const other = outsider();
    await other.getOrganization(orgId);
    await other.getOrganization(orgId);
    await other.getOrganization(orgId).catch(() => undefined);
    const result = await read(r, bearer);
    expect(result.extensions?.staleData).toBeUndefined();
    expect(codes(result)).toContain('RATE_LIMITED');
  });
});

describe("the gateway's own key", () => {
  it('deleted at Atlas is refused within the check, and what it cached goes', async () => {
    const created = await outsider().createApiKey(orgId, { description: 'gateway key', roles: ['ORG_READ_ONLY'] });
    const r = await replica({ credentials: { publicKey: created.publicKey, privateKey: created.privateKey! } });
    expect((await read(r)).errors).toBeUndefined();
    now += 1_000;
    expect((await read(r)).errors).toBeUndefined(); // within the check: cached

    await outsider().deleteApiKey(orgId, created.id);
    now += 6_000;
    const refused = await read(r);
    expect(codes(refused)).toContain('UNAUTHENTICATED');
    expect(codes(await read(r))).toContain('UNAUTHENTICATED');
  });
});

describe('readiness', () => {
  it('asks Atlas itself: an outage shows at once, though the cache is warm', async () => {
    const r = await replica({ credentials: admin() });
    expect((await r.gateway.fetch('http://gateway.test/readyz')).status).toBe(200);
    expect((await read(r)).errors).toBeUndefined();
    sim.control.injectFault('*', { probability: 1, kind: 503 });
    const response = await r.gateway.fetch('http://gateway.test/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, reason: expect.stringMatching(/503/) });
    // Queries still have their cache.
    expect((await read(r)).errors).toBeUndefined();
  });
});

describe('a read that settles a write', () => {
  it('goes ahead of an empty bucket: a create reset before Atlas applied it is "not done", not "outcome unknown"', async () => {
    // One token a second per bucket, and the gateway told so by Atlas' answers.
    sim.control.setRateLimit({ capacity: 2, refillPerSecond: 1 });
    const r = await replica({ credentials: admin(), clock: Date.now });
    await r.atlas.listApiKeys(orgId, { itemsPerPage: 1 });
    await r.atlas.listApiKeys(orgId, { itemsPerPage: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The one token the budget expects goes to the create; the settling list finds the bucket empty.
    sim.control.injectFault('createOrgApiKey', { sequence: ['reset'] });
    const result = await r.run(CreateApiKeyDocument, { input: { organizationId: orgId, description: 'reset on the way', roles: ['ORG_MEMBER'] } });
    expect(result.data?.createApiKey).toMatchObject({ __typename: 'UpstreamUnavailableError' });
    expect(JSON.stringify(result.data)).toMatch(/Retrying is safe/);
  });
});
