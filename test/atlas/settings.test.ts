// The client's calls for key hygiene: organization settings, "who am I", their flavors, and the
// cached settings read made stale by a settings change. Against the simulator over HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasClient, MemoryStore, SharedReads, UnsupportedByFlavorError, type AtlasClientOptions, type FlavorName } from '../../src/atlas/index.js';
import { readTags, writeTags } from '../../src/atlas/read-tags.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { FAST_RETRY, failure } from './helpers.js';

let sim: Simulator;
let orgId: string;
let globexId: string;
let clients: AtlasClient[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
  orgId = sim.control.seeded.orgs[0]!.id;
  globexId = sim.control.seeded.orgs[1]!.id;
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
});
afterAll(() => sim.close());

function client(options: Partial<AtlasClientOptions> = {}): AtlasClient {
  const created = AtlasClient.create({
    baseUrl: sim.url,
    credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey },
    retry: FAST_RETRY,
    ...options,
  });
  clients.push(created);
  return created;
}

const calls = (operation: 'getOrgSettings' | 'getSystemStatus'): number => sim.control.stats().operations[operation]?.total ?? 0;

/** A new key of `org` with `roles`, callable from 127.0.0.1, as a client of its own. */
async function keyClient(org: string, roles: string[], options: Partial<AtlasClientOptions> = {}) {
  const admin = client();
  const key = await admin.createApiKey(org, { description: 'settings test', roles });
  await admin.addAccessListEntries(org, key.id, [{ ipAddress: '127.0.0.1' }]);
  return { key, client: client({ credentials: { kind: 'digest', publicKey: key.publicKey, privateKey: key.privateKey! }, ...options }) };
}

describe('organization settings', () => {
  it('reads the settings and changes only the fields sent', async () => {
    const atlas = client();
    expect(await atlas.getOrganizationSettings(orgId)).toEqual({
      apiAccessListRequired: false,
      genAIFeaturesEnabled: true,
      maxServiceAccountSecretValidityInHours: 8760,
      multiFactorAuthRequired: false,
      restrictEmployeeAccess: false,
      streamsCrossGroupEnabled: false,
    });
    const changed = await atlas.updateOrganizationSettings(orgId, { maxServiceAccountSecretValidityInHours: 72, operationsContact: 'ops@acme.test' });
    expect(changed).toMatchObject({ maxServiceAccountSecretValidityInHours: 72, operationsContact: 'ops@acme.test', apiAccessListRequired: false });
    const cleared = await atlas.updateOrganizationSettings(orgId, { operationsContact: null, maxServiceAccountSecretValidityInHours: 8760 });
    expect(cleared.operationsContact ?? null).toBeNull();
    expect(await atlas.getOrganizationSettings(globexId)).toMatchObject({ apiAccessListRequired: true });
  });

  it("reports Atlas' refusals as AtlasApiError: a member's change, a value out of range", async () => {
    const { client: member } = await keyClient(orgId, ['ORG_MEMBER']);
    expect(await member.getOrganizationSettings(orgId)).toMatchObject({ apiAccessListRequired: false });
    const refused = await failure(member.updateOrganizationSettings(orgId, { multiFactorAuthRequired: true }));
    expect(refused).toBeInstanceOf(AtlasApiError);
    expect(refused).toMatchObject({ status: 401, errorCode: 'USER_UNAUTHORIZED', operation: 'updateOrgSettings' });
    const invalid = await failure(client().updateOrganizationSettings(orgId, { maxServiceAccountSecretValidityInHours: 9000 }));
    expect(invalid).toMatchObject({ status: 400, errorCode: 'INVALID_ATTRIBUTE', parameters: ['maxServiceAccountSecretValidityInHours'] });
  });

  it('takes a dated version for the settings change, as for any operation', async () => {
    const atlas = client({ apiVersions: { updateOrgSettings: '2025-01-01' } });
    const before = sim.control.requests().length;
    await atlas.updateOrganizationSettings(orgId, { restrictEmployeeAccess: false });
    const sent = sim.control.requests().slice(before).filter((r) => r.operation === 'updateOrgSettings');
    expect(sent.at(-1)).toMatchObject({ method: 'PATCH', url: `/api/atlas/v2/orgs/${orgId}/settings`, status: 200 });
  });
});

describe('system status', () => {
  it("names the calling key, its roles and its access list", async () => {
    const staging = sim.control.seeded.orgs[0]!.projects.find((p) => p.name === 'Staging')!.id;
    const { key, client: atlas } = await keyClient(orgId, ['ORG_READ_ONLY']);
    await client().assignApiKeyToProject(staging, key.id, ['GROUP_READ_ONLY']);
    const status = await atlas.getSystemStatus();
    expect(status).toMatchObject({ appName: 'MongoDB Atlas', throttling: false });
    expect(status.build).toMatch(/^[0-9a-f]{40}$/);
    expect(status.apiKey).toEqual({
      id: key.id,
      publicKey: key.publicKey,
      roles: [{ orgId, roleName: 'ORG_READ_ONLY' }, { groupId: staging, roleName: 'GROUP_READ_ONLY' }],
      accessList: [{ cidrBlock: '127.0.0.1/32', ipAddress: '127.0.0.1' }],
    });
  });

  it('has apiKey null for a service account', async () => {
    const account = sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }]);
    const atlas = client({ credentials: { kind: 'serviceAccount', ...account } });
    expect((await atlas.getSystemStatus()).apiKey).toBeNull();
  });
});

describe('flavors without these operations', () => {
  it.each<[FlavorName, string]>([
    ['atlas-v1', 'Atlas Admin API v1.0'],
    ['ops-manager', 'Ops Manager'],
  ])('%s refuses them with UnsupportedByFlavorError before any HTTP call', async (flavor, title) => {
    const atlas = client({ flavor });
    sim.control.resetStats();
    for (const call of [() => atlas.getOrganizationSettings(orgId), () => atlas.updateOrganizationSettings(orgId, { multiFactorAuthRequired: true }), () => atlas.getSystemStatus()]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(UnsupportedByFlavorError);
      expect(error).toMatchObject({ flavor });
      expect(error.message).toContain(flavor);
      expect(error.message).toContain(title);
    }
    expect(sim.control.stats().requests).toBe(0);
    // The flavor's own operations still go out.
    expect((await atlas.getOrganization(orgId)).id).toBe(orgId);
    expect(sim.control.stats().requests).toBeGreaterThan(0);
  });
});

describe('access list entries', () => {
  it('carry the usage Atlas records: count, lastUsed, lastUsedAddress and created', async () => {
    const deployer = sim.control.seeded.orgs[0]!.apiKeys.find((k) => k.desc === 'CI deployer')!;
    const entries = (await client().listAccessListEntries(orgId, deployer.id)).results;
    expect(entries[0]).toEqual({
      ipAddress: '203.0.113.10',
      cidrBlock: '203.0.113.10/32',
      count: 1482,
      created: '2024-01-08T09:30:00Z',
      lastUsed: '2026-11-20T17:04:51Z',
      lastUsedAddress: '203.0.113.10',
    });
  });
});

describe('cached reads', () => {
  const shared = () => new SharedReads({ store: new MemoryStore(), ttlSeconds: 60, maxStaleSeconds: 60 });

  it('a settings change makes the cached settings read stale, and only the settings', () => {
    const O = '0123456789abcdef01234567';
    const stales = (write: string, read: string) => writeTags(write).some((tag) => readTags(read).includes(tag));
    expect(stales(`/orgs/${O}/settings`, `/orgs/${O}/settings`)).toBe(true);
    for (const read of [`/orgs/${O}`, `/orgs/${O}/apiKeys`, `/orgs/0123456789abcdef01234568/settings`, '']) expect(stales(`/orgs/${O}/settings`, read), read).toBe(false);
    // Who-am-I shows the caller's roles and access list, which its path does not name.
    for (const write of [`/orgs/${O}/apiKeys/K/accessList`, `/orgs/${O}/apiKeys/K`, '/groups/G/apiKeys/K']) expect(stales(write, ''), write).toBe(true);
  });

  it('serves the settings from the cache until the gateway changes them, then reads them again', async () => {
    const atlas = client({ sharedReads: shared() });
    await atlas.getOrganizationSettings(globexId);
    const before = calls('getOrgSettings');
    expect((await atlas.getOrganizationSettings(globexId)).multiFactorAuthRequired).toBe(false);
    expect(calls('getOrgSettings')).toBe(before);

    await atlas.updateOrganizationSettings(globexId, { multiFactorAuthRequired: true });
    expect((await atlas.getOrganizationSettings(globexId)).multiFactorAuthRequired).toBe(true);
    expect(calls('getOrgSettings')).toBe(before + 1);
    await atlas.updateOrganizationSettings(globexId, { multiFactorAuthRequired: false });
  });

  it("reads who-am-I again after the caller's access list changes", async () => {
    const reads = shared();
    const { key, client: atlas } = await keyClient(orgId, ['ORG_OWNER'], { sharedReads: reads });
    expect((await atlas.getSystemStatus()).apiKey!.accessList).toHaveLength(1);
    const before = calls('getSystemStatus');
    await atlas.getSystemStatus();
    expect(calls('getSystemStatus')).toBe(before);
    await atlas.addAccessListEntries(orgId, key.id, [{ cidrBlock: '198.51.100.0/24' }]);
    expect((await atlas.getSystemStatus()).apiKey!.accessList).toHaveLength(2);
  });
});
