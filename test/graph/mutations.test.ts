import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtlasClient, type FlavorName } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import {
  AddAccessListEntriesDocument,
  ApiKeyDetailDocument,
  AssignApiKeyToProjectDocument,
  CreateApiKeyDocument,
  CreateProjectApiKeyDocument,
  DeleteApiKeyDocument,
  RemoveAccessListEntryDocument,
  SetProjectApiKeyRolesDocument,
  UnassignApiKeyFromProjectDocument,
  UpdateApiKeyDocument,
} from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MASKED = /^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/;

describe.each<FlavorName>(['atlas-v2', 'atlas-v1', 'ops-manager'])('mutations on %s', (flavor) => {
  let g: GraphHarness;
  let orgId: string;
  let staging: string;
  let production: string;

  beforeAll(async () => {
    g = await startGraph('demo', { flavor });
    const org = g.sim.control.seeded.orgs[0]!;
    orgId = org.id;
    staging = org.projects.find((p) => p.name === 'Staging')!.id;
    production = org.projects.find((p) => p.name === 'Production')!.id;
  });
  afterAll(() => g.close());

  async function createKey(description = 'ci deployer') {
    const { data } = await g.run(CreateApiKeyDocument, { input: { organizationId: orgId, description, roles: ['ORG_MEMBER'] } });
    if (data?.createApiKey.__typename !== 'CreateApiKeyPayload' || !data.createApiKey.apiKey) throw new Error(JSON.stringify(data));
    return { ...data.createApiKey, apiKey: data.createApiKey.apiKey };
  }

  it('creates a key, shows its private key once and masked afterwards', async () => {
    const created = await createKey();
    expect(created.privateKey).toMatch(UUID);
    expect(created.apiKey.maskedPrivateKey).toBe(`********-****-****-${created.privateKey.slice(-12)}`);
    expect(created.apiKey.organizationRoles).toEqual([{ role: 'ORG_MEMBER' }]);
    const { data } = await g.run(ApiKeyDetailDocument, { organizationId: orgId, id: created.apiKey.atlasId });
    expect(data!.apiKey!.maskedPrivateKey).toMatch(MASKED);
  });

  it('updates the description and organization roles', async () => {
    const { apiKey } = await createKey('before');
    const { data } = await g.run(UpdateApiKeyDocument, { input: { id: apiKey.id, description: 'after', roles: ['ORG_READ_ONLY', 'ORG_READ_ONLY'] } });
    expect(data!.updateApiKey).toMatchObject({ __typename: 'ApiKeyPayload', apiKey: { description: 'after', organizationRoles: [{ role: 'ORG_READ_ONLY' }] } });
  });

  it('adds canonical entries in one call, reports duplicates per entry, and removes one', async () => {
    const { apiKey } = await createKey('listed');
    g.resetCalls();
    const first = await g.run(AddAccessListEntriesDocument, {
      input: { apiKeyId: apiKey.id, entries: ['203.0.113.7', '198.51.100.17/24', '2001:DB8::1', '192.0.2.5/32'] },
    });
    expect(first.data!.addAccessListEntries).toMatchObject({
      __typename: 'AddAccessListEntriesPayload',
      added: ['203.0.113.7', '198.51.100.0/24', '2001:db8::1', '192.0.2.5'],
      duplicates: [],
    });
    expect(g.calls().filter((c) => c === 'createOrgApiKeyAccessListEntry')).toHaveLength(1);
    const again = await g.run(AddAccessListEntriesDocument, { input: { apiKeyId: apiKey.id, entries: ['203.0.113.7', '192.0.2.99', '192.0.2.99'] } });
    expect(again.data!.addAccessListEntries).toMatchObject({ added: ['192.0.2.99'], duplicates: ['203.0.113.7', '192.0.2.99'] });
    const removed = await g.run(RemoveAccessListEntryDocument, { input: { apiKeyId: apiKey.id, entry: '198.51.100.0/24' } });
    expect(removed.data!.removeAccessListEntry).toMatchObject({ removed: '198.51.100.0/24', apiKey: { accessList: { totalCount: 4 } } });
  });

  it('creates a project key, assigns, changes roles and unassigns', async () => {
    const made = await g.run(CreateProjectApiKeyDocument, { input: { projectId: staging, description: 'project key', roles: ['GROUP_READ_ONLY'] } });
    if (made.data!.createProjectApiKey.__typename !== 'CreateProjectApiKeyPayload') throw new Error(JSON.stringify(made.data));
    expect(made.data!.createProjectApiKey.privateKey).toMatch(UUID);
    const id = made.data!.createProjectApiKey.apiKey!.id;
    const assigned = await g.run(AssignApiKeyToProjectDocument, { input: { projectId: production, apiKeyId: id, roles: ['GROUP_READ_ONLY'] } });
    expect(assigned.data!.assignApiKeyToProject).toMatchObject({ __typename: 'ProjectApiKeyPayload' });
    const set = await g.run(SetProjectApiKeyRolesDocument, { input: { projectId: production, apiKeyId: id, roles: ['GROUP_OWNER'] } });
    const roles = (set.data!.setProjectApiKeyRoles as { apiKey: { projectAssignments: Array<{ project: { atlasId: string }; roles: Array<{ role: string }> }> } }).apiKey.projectAssignments;
    expect(roles).toEqual([
      { project: { atlasId: staging }, roles: [{ role: 'GROUP_READ_ONLY' }] },
      { project: { atlasId: production }, roles: [{ role: 'GROUP_OWNER' }] },
    ]);
    const unassigned = await g.run(UnassignApiKeyFromProjectDocument, { input: { projectId: production, apiKeyId: id } });
    expect((unassigned.data!.unassignApiKeyFromProject as { apiKey: { projectAssignments: unknown[] } }).apiKey.projectAssignments).toHaveLength(1);
  });

  it('deletes a key, and later reads of it are NOT_FOUND', async () => {
    const { apiKey } = await createKey('doomed');
    const { data } = await g.run(DeleteApiKeyDocument, { input: { id: apiKey.id } });
    expect(data!.deleteApiKey).toMatchObject({ __typename: 'DeleteApiKeyPayload', deletedApiKeyId: apiKey.atlasId });
    const gone = await g.run(ApiKeyDetailDocument, { organizationId: orgId, id: apiKey.atlasId }, { expectErrors: true });
    expect(gone.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const again = await g.run(DeleteApiKeyDocument, { input: { id: apiKey.id } });
    expect(again.data!.deleteApiKey).toMatchObject({ __typename: 'NotFoundError', atlasErrorCode: 'API_KEY_NOT_FOUND' });
  });
});

describe('mutation failures', () => {
  let g: GraphHarness;
  let orgId: string;
  let staging: string;
  let otherOrgProject: string;

  beforeAll(async () => {
    g = await startGraph('demo');
    orgId = g.sim.control.seeded.orgs[0]!.id;
    staging = g.sim.control.seeded.orgs[0]!.projects.find((p) => p.name === 'Staging')!.id;
    otherOrgProject = g.sim.control.seeded.orgs[1]!.projects[0]!.id;
  });
  beforeEach(() => {
    g.sim.control.clearFaults();
    g.resetCalls();
  });
  afterAll(() => g.close());

  const keyId = (atlasId: string, org = orgId) => Buffer.from(`ApiKey:${org}:${atlasId}`).toString('base64');

  it.each([
    ['an empty description', CreateApiKeyDocument, () => ({ input: { organizationId: orgId, description: ' ', roles: ['ORG_MEMBER'] } }), 'input.description'],
    ['no roles', CreateApiKeyDocument, () => ({ input: { organizationId: orgId, description: 'x', roles: [] } }), 'input.roles'],
    ['the UNKNOWN role', CreateApiKeyDocument, () => ({ input: { organizationId: orgId, description: 'x', roles: ['UNKNOWN'] } }), 'input.roles[0]'],
    ['a bad organization id', CreateApiKeyDocument, () => ({ input: { organizationId: 'acme', description: 'x', roles: ['ORG_MEMBER'] } }), 'input.organizationId'],
    ['a description over 250 characters', CreateApiKeyDocument, () => ({ input: { organizationId: orgId, description: 'x'.repeat(251), roles: ['ORG_MEMBER'] } }), 'input.description'],
    ['an id that is not an ApiKey global id', UpdateApiKeyDocument, () => ({ input: { id: orgId, description: 'x' } }), 'input.id'],
    ['nothing to update', UpdateApiKeyDocument, () => ({ input: { id: keyId('0123456789abcdef01234567') } }), 'input'],
    ['an invalid entry', AddAccessListEntriesDocument, () => ({ input: { apiKeyId: keyId('0123456789abcdef01234567'), entries: ['10.0.0.1', '10.0.0.300'] } }), 'input.entries[1]'],
    ['no entries', AddAccessListEntriesDocument, () => ({ input: { apiKeyId: keyId('0123456789abcdef01234567'), entries: [] } }), 'input.entries'],
  ] as const)('reports %s as a ValidationError before any upstream call', async (_name, document, variables, field) => {
    const { data } = await g.run(document as typeof CreateApiKeyDocument, variables() as never);
    expect(Object.values(data!)[0]).toMatchObject({ __typename: 'ValidationError', field });
    expect(g.calls()).toEqual([]);
  });

  it('refuses to assign a key to a project of another organization', async () => {
    const key = g.sim.control.seeded.orgs[0]!.apiKeys[0]!;
    const { data } = await g.run(AssignApiKeyToProjectDocument, { input: { projectId: otherOrgProject, apiKeyId: keyId(key.id), roles: ['GROUP_READ_ONLY'] } });
    expect(data!.assignApiKeyToProject).toMatchObject({ __typename: 'ValidationError', field: 'input.apiKeyId' });
    expect(g.calls()).not.toContain('addGroupApiKey');
  });

  it('reports Atlas refusals as typed errors', async () => {
    const deployer = g.sim.control.seeded.orgs[0]!.apiKeys.find((k) => k.desc === 'CI deployer')!;
    const conflict = await g.run(AssignApiKeyToProjectDocument, { input: { projectId: staging, apiKeyId: keyId(deployer.id), roles: ['GROUP_READ_ONLY'] } });
    expect(conflict.data!.assignApiKeyToProject).toMatchObject({ __typename: 'ConflictError', atlasErrorCode: 'API_KEY_ALREADY_IN_GROUP' });
    const missing = await g.run(UpdateApiKeyDocument, { input: { id: keyId('0123456789abcdef01234567'), description: 'x' } });
    expect(missing.data!.updateApiKey).toMatchObject({ __typename: 'NotFoundError', atlasErrorCode: 'API_KEY_NOT_FOUND' });
    g.sim.control.injectFault('createOrgApiKey', { sequence: [429] });
    const limited = await g.run(CreateApiKeyDocument, { input: { organizationId: orgId, description: 'x', roles: ['ORG_MEMBER'] } });
    expect(limited.data!.createApiKey).toMatchObject({ __typename: 'RateLimitedError', retryAfterSeconds: 1 });
  });

  it('reports a caller without the role as ForbiddenError', async () => {
    const created = await g.run(CreateApiKeyDocument, { input: { organizationId: orgId, description: 'reader', roles: ['ORG_READ_ONLY'] } });
    const { apiKey, privateKey } = created.data!.createApiKey as { apiKey: { publicKey: string }; privateKey: string };
    const atlas = AtlasClient.create({ baseUrl: g.sim.url, credentials: { kind: 'digest', publicKey: apiKey.publicKey, privateKey } });
    try {
      const response = await createGateway({ atlas }).fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { createApiKey(input: { organizationId: "${orgId}", description: "no", roles: [ORG_MEMBER] }) { __typename ... on ForbiddenError { atlasErrorCode } } }` }),
      });
      expect(await response.json()).toEqual({ data: { createApiKey: { __typename: 'ForbiddenError', atlasErrorCode: 'USER_UNAUTHORIZED' } } });
    } finally {
      await atlas.close();
    }
  });

  it('does not repeat a write that failed upstream, and says so', async () => {
    g.sim.control.injectFault('createOrgApiKey', { sequence: [500] });
    const before = (await g.atlas.listApiKeys(orgId)).totalCount;
    const failed = await g.run(CreateApiKeyDocument, { input: { organizationId: orgId, description: 'x', roles: ['ORG_MEMBER'] } });
    expect(failed.data!.createApiKey).toMatchObject({ __typename: 'UpstreamUnavailableError', atlasErrorCode: 'UNEXPECTED_ERROR' });
    expect((failed.data!.createApiKey as { message: string }).message).toContain('a read shows no key was created');
    expect((await g.atlas.listApiKeys(orgId)).totalCount).toBe(before);
    expect(g.calls().filter((c) => c === 'createOrgApiKey')).toHaveLength(1);
  });

  it('keeps later selections of the same request fresh', async () => {
    const key = g.sim.control.seeded.orgs[0]!.apiKeys.find((k) => k.desc === 'Billing export')!;
    const result = await g.run<Record<string, { apiKey?: { accessList: { totalCount: number } }; organization?: { apiKeys: { totalCount: number } } }>, Record<string, never>>(
      `mutation {
        before: addAccessListEntries(input: { apiKeyId: "${keyId(key.id)}", entries: ["192.0.2.1"] }) { ... on AddAccessListEntriesPayload { apiKey { accessList { totalCount } } } }
        after: addAccessListEntries(input: { apiKeyId: "${keyId(key.id)}", entries: ["192.0.2.2"] }) { ... on AddAccessListEntriesPayload { apiKey { accessList { totalCount } } } }
      }`,
    );
    expect(result.data!.before!.apiKey!.accessList.totalCount).toBe(1);
    expect(result.data!.after!.apiKey!.accessList.totalCount).toBe(2);
  });
});
