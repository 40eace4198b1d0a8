// The client's service-account calls against the simulator over HTTP: every operation of the
// organization and the project, sent as 2024-08-05; a secret in clear only where it was created;
// other flavors refused before anything is sent; and shared reads made stale by the writes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasClient, MemoryStore, SharedReads, UnsupportedByFlavorError, type AtlasClientOptions, type FlavorName } from '../../src/atlas/index.js';
import { readTags, writeTags } from '../../src/atlas/read-tags.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { OperationId, Simulator } from '../../src/simulator/index.js';
import { FAST_RETRY, ORG, PROJECT, failure, mocked } from './helpers.js';

let sim: Simulator;
let orgId: string;
let projectId: string;
let clients: AtlasClient[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
  orgId = sim.control.seeded.orgs[0]!.id;
  projectId = sim.control.seeded.orgs[0]!.projects[0]!.id;
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

const calls = (operation: OperationId): number => sim.control.stats().operations[operation]?.total ?? 0;

describe('service accounts of an organization', () => {
  it('creates one with its first secret shown once, reads, lists, changes and deletes it', async () => {
    const atlas = client();
    const created = await atlas.createServiceAccount(orgId, { name: 'ci-deployer', description: 'Deploys from CI', roles: ['ORG_READ_ONLY'], secretExpiresAfterHours: 24 });
    expect(created.clientId).toMatch(/^mdb_sa_id_[a-f0-9]{24}$/);
    expect(created.roles).toEqual(['ORG_READ_ONLY']);
    expect(created.secrets).toHaveLength(1);
    const [secret] = created.secrets;
    expect(secret!.secret).toMatch(/^mdb_sa_sk_/);
    expect(Date.parse(secret!.expiresAt) - Date.parse(secret!.createdAt)).toBe(24 * 3_600_000);

    const read = await atlas.getServiceAccount(orgId, created.clientId);
    expect(read).toMatchObject({ clientId: created.clientId, name: 'ci-deployer', description: 'Deploys from CI' });
    // Never again in clear: masked.
    expect(read.secrets[0]!.secret).toBeUndefined();
    expect(read.secrets[0]!.maskedSecretValue).toBeDefined();
    expect(read.secrets[0]!.maskedSecretValue).not.toBe(secret!.secret);

    const listed = await atlas.listServiceAccounts(orgId, { itemsPerPage: 500 });
    expect(listed.results.map((a) => a.clientId)).toContain(created.clientId);

    const updated = await atlas.updateServiceAccount(orgId, created.clientId, { name: 'ci-deployer-2', roles: ['ORG_MEMBER'] });
    expect(updated).toMatchObject({ name: 'ci-deployer-2', roles: ['ORG_MEMBER'] });

    await atlas.deleteServiceAccount(orgId, created.clientId);
    const gone = await failure(atlas.getServiceAccount(orgId, created.clientId));
    expect(gone).toBeInstanceOf(AtlasApiError);
    expect((gone as AtlasApiError).status).toBe(404);
  });

  it('hides system-managed accounts unless asked for', async () => {
    const atlas = client();
    const plain = await atlas.listServiceAccounts(orgId, { itemsPerPage: 500 });
    const all = await atlas.listServiceAccounts(orgId, { itemsPerPage: 500, includeSystemManaged: true });
    expect(all.results.length).toBeGreaterThan(plain.results.length);
  });

  it('adds and deletes secrets and access-list entries, and lists the projects it is assigned to', async () => {
    const atlas = client();
    const account = await atlas.createServiceAccount(orgId, { name: 'rotating', description: 'Rotates', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 720 });
    const second = await atlas.createServiceAccountSecret(orgId, account.clientId, 48);
    expect(second.secret).toMatch(/^mdb_sa_sk_/);
    expect((await atlas.getServiceAccount(orgId, account.clientId)).secrets.map((s) => s.id).sort()).toEqual([account.secrets[0]!.id, second.id].sort());
    await atlas.deleteServiceAccountSecret(orgId, account.clientId, account.secrets[0]!.id);
    expect((await atlas.getServiceAccount(orgId, account.clientId)).secrets.map((s) => s.id)).toEqual([second.id]);

    const page = await atlas.addServiceAccountAccessListEntries(orgId, account.clientId, [{ ipAddress: '198.51.100.7' }, { cidrBlock: '203.0.113.0/24' }]);
    expect(page.results.map((e) => e.cidrBlock ?? e.ipAddress).sort()).toEqual(['198.51.100.7/32', '203.0.113.0/24']);
    await atlas.deleteServiceAccountAccessListEntry(orgId, account.clientId, '203.0.113.0/24');
    const entries = await atlas.listServiceAccountAccessList(orgId, account.clientId);
    expect(entries.results).toHaveLength(1);
    expect(entries.results[0]).toMatchObject({ ipAddress: '198.51.100.7', requestCount: 0 });

    const assigned = await atlas.assignServiceAccountToProject(projectId, account.clientId, ['GROUP_READ_ONLY']);
    expect(assigned.roles).toEqual(['GROUP_READ_ONLY']);
    expect((await atlas.listServiceAccountProjects(orgId, account.clientId)).results).toEqual([{ groupId: projectId, roles: ['GROUP_READ_ONLY'] }]);
    await atlas.deleteServiceAccount(orgId, account.clientId);
  });
});

describe('service accounts of a project', () => {
  it('creates one in the project (a member of its organization), changes its roles there, and unassigns it without deleting it', async () => {
    const atlas = client();
    const created = await atlas.createProjectServiceAccount(projectId, { name: 'project-bot', description: 'Project automation', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 8 });
    expect(created.secrets[0]!.secret).toMatch(/^mdb_sa_sk_/);
    expect((await atlas.listProjectServiceAccounts(projectId, { itemsPerPage: 500 })).results.map((a) => a.clientId)).toContain(created.clientId);
    expect((await atlas.getServiceAccount(orgId, created.clientId)).roles).toEqual(['ORG_MEMBER']);

    const changed = await atlas.updateProjectServiceAccount(projectId, created.clientId, { roles: ['GROUP_OWNER'] });
    expect(changed.roles).toEqual(['GROUP_OWNER']);
    expect((await atlas.getProjectServiceAccount(projectId, created.clientId)).roles).toEqual(['GROUP_OWNER']);

    await atlas.addProjectServiceAccountAccessListEntries(projectId, created.clientId, [{ ipAddress: '192.0.2.10' }]);
    expect((await atlas.listProjectServiceAccountAccessList(projectId, created.clientId)).results.map((e) => e.ipAddress)).toEqual(['192.0.2.10']);
    await atlas.deleteProjectServiceAccountAccessListEntry(projectId, created.clientId, '192.0.2.10');
    const secret = await atlas.createProjectServiceAccountSecret(projectId, created.clientId, 8);
    await atlas.deleteProjectServiceAccountSecret(projectId, created.clientId, secret.id);

    await atlas.unassignServiceAccountFromProject(projectId, created.clientId);
    expect((await atlas.listProjectServiceAccounts(projectId, { itemsPerPage: 500 })).results.map((a) => a.clientId)).not.toContain(created.clientId);
    // Still in its organization.
    expect((await atlas.getServiceAccount(orgId, created.clientId)).clientId).toBe(created.clientId);
    await atlas.deleteServiceAccount(orgId, created.clientId);
  });
});

describe('versions and flavors', () => {
  it('sends 2024-08-05, the only version Atlas serves them in; an older one is refused by Atlas', async () => {
    expect((await client().listServiceAccounts(orgId)).results.length).toBeGreaterThan(0);
    const older = await failure(client({ apiVersions: { listOrgServiceAccounts: '2023-01-01' } }).listServiceAccounts(orgId));
    expect(older).toBeInstanceOf(AtlasApiError);
    expect((older as AtlasApiError).status).toBe(406);
  });

  it.each(['atlas-v1', 'ops-manager'] as FlavorName[])('refuses every service-account call on %s before sending anything', async (flavor) => {
    const { client: atlas, events, agent } = mocked({ flavor, credentials: { kind: 'digest', publicKey: 'abcdefgh', privateKey: 'secret' } });
    try {
      const C = 'mdb_sa_id_0123456789abcdef01234567';
      for (const call of [
        () => atlas.listServiceAccounts(ORG),
        () => atlas.createServiceAccount(ORG, { name: 'n', description: 'd', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 }),
        () => atlas.createServiceAccountSecret(ORG, C, 8),
        () => atlas.listServiceAccountProjects(ORG, C),
        () => atlas.assignServiceAccountToProject(PROJECT, C, ['GROUP_READ_ONLY']),
        () => atlas.listProjectServiceAccounts(PROJECT),
      ]) {
        const error = await failure(call());
        expect(error).toBeInstanceOf(UnsupportedByFlavorError);
        expect(error).toMatchObject({ flavor });
      }
      expect(events).toEqual([]);
    } finally {
      await agent.close();
    }
  });
});

describe('shared reads', () => {
  it('a change to an account makes its cached reads stale, and a new account the listings', async () => {
    const atlas = client({ sharedReads: new SharedReads({ store: new MemoryStore(), ttlSeconds: 60, maxStaleSeconds: 60 }) });
    const account = await atlas.createServiceAccount(orgId, { name: 'cached', description: 'Cached', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 });
    await atlas.getServiceAccount(orgId, account.clientId);
    const before = calls('getOrgServiceAccount');
    await atlas.getServiceAccount(orgId, account.clientId);
    expect(calls('getOrgServiceAccount')).toBe(before);
    await atlas.updateServiceAccount(orgId, account.clientId, { description: 'Changed' });
    expect((await atlas.getServiceAccount(orgId, account.clientId)).description).toBe('Changed');

    const stales = (write: string, read: string) => writeTags(write).some((tag) => readTags(read).includes(tag));
    const O = '0123456789abcdef01234567';
    const C = 'mdb_sa_id_0123456789abcdef01234567';
    // A project's create makes the account a member of the organization: every listing goes.
    expect(stales('/groups/G/serviceAccounts', `/orgs/${O}/serviceAccounts`)).toBe(true);
    expect(stales(`/groups/G/serviceAccounts/${C}:invite`, `/orgs/${O}/serviceAccounts/${C}/groups`)).toBe(true);
    expect(stales(`/orgs/${O}/serviceAccounts/${C}/accessList`, `/groups/G/serviceAccounts/${C}/accessList`)).toBe(true);
    // Not the keys, nor another account.
    expect(stales(`/orgs/${O}/serviceAccounts/${C}`, `/orgs/${O}/apiKeys`)).toBe(false);
    expect(stales(`/orgs/${O}/serviceAccounts/${C}`, `/orgs/${O}/serviceAccounts/mdb_sa_id_0123456789abcdef01234568`)).toBe(false);
    await atlas.deleteServiceAccount(orgId, account.clientId);
  });
});
