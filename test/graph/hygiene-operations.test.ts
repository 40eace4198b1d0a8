// The key-hygiene operations of schema/operations, run as written over the demo data, with the
// Atlas calls each costs counted: the numbers docs/graphql-api.md gives for them.
import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { AssignApiKeyToProjectDocument, CreateApiKeyDocument, KeyHygieneDocument, ViewerDocument, type ViewerQuery } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
const seeded = () => g.sim.control.seeded.orgs;

beforeAll(async () => {
  g = await startGraph('demo');
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

const sorted = (calls: string[]) => [...calls].sort();

describe('KeyHygiene', () => {
  it.each([
    ['Acme-Corp', 0, 12],
    ['Globex-Research', 1, 3],
  ])('%s: the org, its settings, one page of keys, then one access-list call per key (3 + %i keys)', async (name, index, keys) => {
    const org = seeded()[index]!;
    const { data } = await g.run(KeyHygieneDocument, { id: org.id });
    const page = data!.organization!;
    expect(page.name).toBe(name);
    expect(page.apiKeys.edges).toHaveLength(keys);
    expect(sorted(g.calls())).toEqual(sorted(['getOrg', 'getOrgSettings', 'listOrgApiKeys', ...Array<string>(keys).fill('listOrgApiKeyAccessListEntries')]));
    expect(g.calls()).toHaveLength(3 + keys);
  });

  it('shows every risk kind on the demo data, and the setting it is judged against', async () => {
    const { data } = await g.run(KeyHygieneDocument, { id: seeded()[0]!.id });
    const page = data!.organization!;
    expect(page.settings).toEqual({ apiAccessListRequired: false });
    const kinds = new Set(page.apiKeys.edges.flatMap((e) => e.node.risks!.map((r) => r.kind)));
    expect([...kinds].sort()).toEqual(['LEFTOVER', 'NEVER_USED', 'ORGANIZATION_OWNER', 'UNUSED', 'USABLE_FROM_ANYWHERE', 'WIDE_ACCESS_LIST_RANGE']);
  });

  it('costs no more calls with unusedForDays', async () => {
    await g.run(KeyHygieneDocument, { id: seeded()[1]!.id, unusedForDays: 30 });
    expect(g.calls()).toHaveLength(3 + 3);
  });
});

describe('Viewer', () => {
  const viewerAs = async (credentials: { publicKey: string; privateKey: string }) => {
    const calls: string[] = [];
    const atlas = AtlasClient.create({ baseUrl: g.sim.url, credentials: { kind: 'digest', ...credentials }, observer: (e) => calls.push(e.operation) });
    try {
      await atlas.listOrganizations({ itemsPerPage: 1 }); // the Digest challenge, out of the counts
      calls.length = 0;
      const response = await createGateway({ atlas }).fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(ViewerDocument) }),
      });
      const body = (await response.json()) as { data: ViewerQuery; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return { viewer: body.data.viewer, calls };
    } finally {
      await atlas.close();
    }
  };

  it("as no organization's key (the simulator's admin): who am I, the key lookup, one call per organization it has a role in, the settings", async () => {
    const { data } = await g.run(ViewerDocument, {});
    expect(data!.viewer.apiKey).toBeNull();
    expect(data!.viewer.organizationRoles.map((r) => r.organization.name)).toEqual(['Acme-Corp', 'Globex-Research']);
    expect(data!.viewer.risks!.map((r) => r.kind)).toEqual(['USABLE_FROM_ANYWHERE', 'ORGANIZATION_OWNER']);
    expect(sorted(g.calls())).toEqual(['getOrg', 'getOrg', 'getOrgApiKey', 'getOrgSettings', 'getSystemStatus']);
  });

  it('as an organization key with roles in two projects: who am I, the key, its organization, one listing for its projects, its access list, the settings', async () => {
    const acme = seeded()[0]!;
    const created = (await g.run(CreateApiKeyDocument, { input: { organizationId: acme.id, description: 'Gateway', roles: ['ORG_MEMBER'] } })).data!.createApiKey;
    if (created.__typename !== 'CreateApiKeyPayload' || !created.apiKey) throw new Error(`createApiKey answered ${created.__typename}`);
    const key = created.apiKey;
    for (const project of acme.projects.slice(0, 2)) {
      const assigned = (await g.run(AssignApiKeyToProjectDocument, { input: { projectId: project.id, apiKeyId: key.id, roles: ['GROUP_READ_ONLY'] } })).data!.assignApiKeyToProject;
      expect(assigned.__typename).toBe('ProjectApiKeyPayload');
    }

    const { viewer, calls } = await viewerAs({ publicKey: key.publicKey, privateKey: created.privateKey });
    expect(viewer.apiKey).toMatchObject({ id: key.id, usage: { known: false, unknownReason: 'EMPTY_ACCESS_LIST' } });
    expect(viewer.projectRoles.map((r) => r.project.name).sort()).toEqual(acme.projects.slice(0, 2).map((p) => p.name).sort());
    expect(viewer.risks!.map((r) => r.kind)).toEqual(['USABLE_FROM_ANYWHERE']);
    // Both projects come from one listing of the projects the credential can see.
    expect(sorted(calls)).toEqual(['getOrg', 'getOrgApiKey', 'getOrgSettings', 'getSystemStatus', 'listGroups', 'listOrgApiKeyAccessListEntries']);
  });
});
