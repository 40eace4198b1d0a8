// migrateApiKeyToServiceAccount against the simulator: the account gets the key's description,
// organization roles, projects with their roles and access list, and a secret that obtains a
// token; the key is untouched; a part that fails is reported with what to do next, the others
// done; a lost create leaves nothing behind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let acme: string;
/** "CI deployer": ORG_MEMBER, in two projects, with two access-list entries. */
const KEY = '659bc09866829a72d9af8ca5';

beforeAll(async () => {
  g = await startGraph('demo');
  acme = g.sim.control.seeded.orgs[0]!.id;
});
beforeEach(() => g.sim.control.clearFaults());
afterAll(() => g.close());

const MIGRATE = `mutation($input: MigrateApiKeyToServiceAccountInput!) { migrateApiKeyToServiceAccount(input: $input) {
  __typename
  ... on MutationError { message }
  ... on MigrateApiKeyToServiceAccountPayload {
    complete
    secret { value }
    apiKey { description }
    parts { kind outcome project { atlasId } detail nextStep }
    serviceAccount {
      clientId name description
      organizationRoles { role }
      projectAssignments { project { atlasId } roles { roleName } }
      accessList(first: 10) { edges { node { ipAddress cidrBlock } } }
    }
  }
} }`;

interface Migrated {
  __typename: string;
  message?: string;
  complete: boolean;
  secret: { value: string };
  apiKey: { description: string };
  parts: Array<{ kind: string; outcome: string; project: { atlasId: string } | null; detail: string; nextStep: string | null }>;
  serviceAccount: {
    clientId: string;
    name: string;
    description: string;
    organizationRoles: Array<{ role: string }>;
    projectAssignments: Array<{ project: { atlasId: string }; roles: Array<{ roleName: string }> }>;
    accessList: { edges: Array<{ node: { ipAddress: string | null; cidrBlock: string | null } }> };
  };
}

const keyId = () => Buffer.from(`ApiKey:${acme}:${KEY}`).toString('base64');

async function migrate(name: string): Promise<Migrated> {
  const result = await g.run<{ migrateApiKeyToServiceAccount: Migrated }, Record<string, unknown>>(MIGRATE, { input: { apiKeyId: keyId(), name, secretExpiresAfterHours: 720 } });
  return result.data!.migrateApiKeyToServiceAccount;
}

describe('migrateApiKeyToServiceAccount', () => {
  it("makes an account with everything the key has, whose secret obtains a token, and leaves the key as it was", async () => {
    const key = await g.atlas.getApiKey(acme, KEY);
    const entries = (await g.atlas.listAccessListEntries(acme, KEY)).results;
    const migrated = await migrate('ci-deployer');
    expect(migrated.__typename).toBe('MigrateApiKeyToServiceAccountPayload');
    expect(migrated.complete).toBe(true);
    expect(migrated.serviceAccount.description).toBe('CI deployer');
    expect(migrated.serviceAccount.organizationRoles).toEqual([{ role: 'ORG_MEMBER' }]);
    const projectRoles = key.roles.filter((r) => r.groupId).map((r) => [r.groupId, r.roleName]).sort();
    expect(migrated.serviceAccount.projectAssignments.flatMap((a) => a.roles.map((r) => [a.project.atlasId, r.roleName])).sort()).toEqual(projectRoles);
    expect(migrated.serviceAccount.accessList.edges.map((e) => e.node.cidrBlock ?? e.node.ipAddress).sort()).toEqual(entries.map((e) => e.cidrBlock ?? e.ipAddress).sort());
    expect(migrated.parts.map((p) => [p.kind, p.outcome])).toEqual([...projectRoles.map(() => ['PROJECT_ASSIGNMENT', 'DONE']), ['ACCESS_LIST', 'DONE']]);

    const token = await fetch(`${g.sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${migrated.serviceAccount.clientId}:${migrated.secret.value}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    // The key: still there, as it was.
    expect(await g.atlas.getApiKey(acme, KEY)).toEqual(key);
    expect(migrated.apiKey.description).toBe('CI deployer');
  });

  it('reports a part that fails with what to do next, and does the others', async () => {
    g.sim.control.injectFault('inviteGroupServiceAccount', { sequence: [503] });
    const migrated = await migrate('ci-deployer-partial');
    expect(migrated.complete).toBe(false);
    const failed = migrated.parts.filter((p) => p.outcome !== 'DONE');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ kind: 'PROJECT_ASSIGNMENT', outcome: 'NOT_DONE', nextStep: expect.stringContaining('assignServiceAccountToProject') });
    expect(migrated.parts.filter((p) => p.outcome === 'DONE').map((p) => p.kind)).toEqual(['PROJECT_ASSIGNMENT', 'ACCESS_LIST']);
    expect(migrated.serviceAccount.projectAssignments).toHaveLength(1);
  });

  it('leaves nothing behind when the answer of the create is lost, and the key as it was', async () => {
    g.sim.control.injectFault('createOrgServiceAccount', { sequence: ['reset-after-apply'] });
    const migrated = await migrate('ci-deployer-lost');
    expect(migrated).toMatchObject({ __typename: 'UpstreamUnavailableError', message: expect.stringContaining('deleted again') });
    const accounts = await g.atlas.listServiceAccounts(acme, { itemsPerPage: 500 });
    expect(accounts.results.filter((a) => a.name === 'ci-deployer-lost')).toEqual([]);
    expect((await g.atlas.getApiKey(acme, KEY)).desc).toBe('CI deployer');
  });

  it('records the migration with the key and the account it made, and who asked', async () => {
    const migrated = await migrate('ci-deployer-audited');
    const records = await g.run<{ organization: { auditRecords: { edges: Array<{ node: { outcome: string; apiKeys: Array<{ atlasId: string }>; serviceAccounts: Array<{ clientId: string }>; caller: { kind: string } } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { auditRecords(first: 1, operation: "migrateApiKeyToServiceAccount") { edges { node { outcome apiKeys { atlasId } serviceAccounts { clientId } caller { kind } } } } } }',
      { id: acme },
    );
    expect(records.data!.organization.auditRecords.edges[0]!.node).toEqual({
      outcome: 'DONE',
      apiKeys: [{ atlasId: KEY }],
      serviceAccounts: [{ clientId: migrated.serviceAccount.clientId }],
      caller: { kind: 'ANONYMOUS' },
    });
  });

  it('tells a part partly done (entries added before a later one failed) from one not done', async () => {
    const { failedPart } = await import('../../src/graph/migration.js');
    const { UpstreamUnavailableError, afterChanges } = await import('../../src/graph/mutation-errors.js');
    const partly = await afterChanges(['192.0.2.1 was added to the access list of service account s.'], () => {
      throw new UpstreamUnavailableError('Adding 192.0.2.2 failed (503), and a read shows nothing was changed. Retrying is safe.');
    }).catch((error: unknown) => error);
    expect(failedPart(partly)).toEqual({ outcome: 'PARTLY_DONE', detail: expect.stringContaining('Made before this failed: 192.0.2.1 was added') });
    expect(failedPart(new UpstreamUnavailableError('Adding failed (503); nothing was changed. Retrying is safe.')).outcome).toBe('NOT_DONE');
  });

  it('fits a description Atlas would refuse as a service account name', async () => {
    const { accountText } = await import('../../src/graph/migration.js');
    expect(accountText('Deploys to prod/eu: "blue" & green!', 64, 'fallback')).toBe('Deploys to prod eu blue green');
    expect(accountText('///', 64, 'Replaces API key abcdefgh')).toBe('Replaces API key abcdefgh');
    expect(accountText('x'.repeat(80), 64, 'f')).toHaveLength(64);
  });
});
