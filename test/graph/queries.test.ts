import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyDetailDocument, OrganizationDashboardDocument, ProjectApiKeysDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
const acme = () => g.sim.control.seeded.orgs[0]!;

beforeAll(async () => {
  g = await startGraph('demo');
});
beforeEach(() => {
  g.sim.control.clearFaults();
  g.resetCalls();
});
afterAll(() => g.close());

describe('documents in schema/operations', () => {
  it('OrganizationDashboard: projects and keys with their roles, in three upstream calls', async () => {
    const { data } = await g.run(OrganizationDashboardDocument, { id: acme().id });
    const org = data!.organization!;
    expect(org.name).toBe('Acme-Corp');
    expect(org.projects.edges.map((e) => e.node.name)).toEqual(['Production', 'Staging', 'Analytics']);
    expect(org.apiKeys.totalCount).toBe(12);
    const deployer = org.apiKeys.edges.find((e) => e.node.description === 'CI deployer')!.node;
    expect(deployer.maskedPrivateKey).toMatch(/^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/);
    expect(deployer.organizationRoles).toEqual([{ role: 'ORG_MEMBER', roleName: 'ORG_MEMBER' }]);
    expect(deployer.projectAssignments.map((a) => [a.project.name, a.roles.map((r) => r.role)])).toEqual([
      ['Production', ['GROUP_READ_ONLY']],
      ['Staging', ['GROUP_OWNER']],
    ]);
    expect(g.calls().sort()).toEqual(['getOrg', 'getOrgGroups', 'listOrgApiKeys']);
  });

  it('ApiKeyDetail: roles, projects and access list', async () => {
    const key = acme().apiKeys.find((k) => k.desc === 'CI deployer')!;
    const { data } = await g.run(ApiKeyDetailDocument, { organizationId: acme().id, id: key.id });
    const detail = data!.apiKey!;
    expect(detail).toMatchObject({ atlasId: key.id, publicKey: key.publicKey, description: 'CI deployer', organization: { name: 'Acme-Corp' } });
    expect(detail.accessList.totalCount).toBe(2);
    expect(detail.accessList.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ ipAddress: '203.0.113.10', cidrBlock: '203.0.113.10/32', count: 1482, lastUsed: '2026-11-20T17:04:51Z', lastUsedAddress: '203.0.113.10' }),
      expect.objectContaining({ ipAddress: null, cidrBlock: '198.51.100.0/24', count: 0, lastUsed: null }),
    ]);
    expect(detail.projectAssignments.map((a) => a.project.name)).toEqual(['Production', 'Staging']);
    // The key, its org, its access list, and one listing for its two projects.
    expect(g.calls().sort()).toEqual(['getOrg', 'getOrgApiKey', 'getOrgGroups', 'listOrgApiKeyAccessListEntries']);
  });

  it("ProjectApiKeys: the project's keys with their roles there", async () => {
    const staging = acme().projects.find((p) => p.name === 'Staging')!;
    const { data } = await g.run(ProjectApiKeysDocument, { id: staging.id });
    const project = data!.project!;
    expect(project.organization.name).toBe('Acme-Corp');
    expect(project.apiKeys.edges.map((e) => [e.node.description, e.roles.map((r) => r.role)])).toEqual([
      ['CI deployer', ['GROUP_OWNER']],
      ['Data team ETL', ['GROUP_DATA_ACCESS_READ_ONLY']],
      ['Migration helper', ['GROUP_OWNER']],
      ['Release pipeline', ['GROUP_OWNER']],
    ]);
    expect(g.calls().sort()).toEqual(['getGroup', 'getOrg', 'listGroupApiKeys']);
  });
});

describe('errors and partial data', () => {
  it('returns what it can, with NOT_FOUND and the Atlas errorCode for what is missing', async () => {
    const result = await g.run(
      `query { found: organization(id: "${acme().id}") { name } missing: organization(id: "0123456789abcdef01234567") { name } }`,
      undefined,
      { expectErrors: true },
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ found: { name: 'Acme-Corp' }, missing: null });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['missing'], extensions: expect.objectContaining({ code: 'NOT_FOUND', atlas: expect.objectContaining({ status: 404, errorCode: 'RESOURCE_NOT_FOUND' }) }) }),
    ]);
  });

  it('maps an upstream outage to UPSTREAM_UNAVAILABLE and rate limiting to RATE_LIMITED, never copying the status', async () => {
    g.sim.control.injectFault('getOrg', { sequence: [503, 503] });
    const outage = await g.run(`query { organization(id: "${acme().id}") { name } }`, undefined, { expectErrors: true });
    expect(outage.status).toBe(200);
    expect(outage.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', atlas: { status: 503 } });
    g.sim.control.injectFault('getGroup', { sequence: [429, 429] });
    const staging = acme().projects[1]!.id;
    const limited = await g.run(`query { project(id: "${staging}") { name } }`, undefined, { expectErrors: true });
    expect(limited.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
  });

  it("locates an unreadable Atlas answer at its field, as Atlas' failure (retryable)", async () => {
    g.sim.control.injectFault('listOrgApiKeys', { sequence: ['malformed-json'] });
    const result = await g.run(`query {\r\n  organization(id: "${acme().id}") {\n    name\n      apiKeys(first: 5) { totalCount }\n  }\n}`, undefined, { expectErrors: true });
    expect(result.data).toEqual({ organization: null });
    // Located where the field is in the document (line breaks as graphql-js counts them).
    expect(result.errors).toEqual([
      { message: "Atlas' answer could not be read; retry later.", path: ['organization', 'apiKeys'], locations: [{ line: 4, column: 7 }], extensions: { code: 'UPSTREAM_UNAVAILABLE' } },
    ]);
  });
});

describe('bad input is refused before any upstream call', () => {
  it.each([
    ['an id that is not 24-hex', `{ organization(id: "acme") { name } }`, 'id'],
    ['a public key as a key id', `{ apiKey(organizationId: "0123456789abcdef01234567", id: "abcdefgh") { description } }`, 'id'],
    ['first above 500', `{ organizations(first: 501) { totalCount } }`, 'first'],
    ['a negative first', `{ organizations(first: -1) { totalCount } }`, 'first'],
    ['first and last together', `{ organizations(first: 1, last: 1) { totalCount } }`, 'last'],
    ['a cursor from elsewhere', `{ organizations(after: "not-a-cursor") { totalCount } }`, 'after'],
  ])('%s', async (_name, query, field) => {
    const result = await g.run(query, undefined, { expectErrors: true });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(g.calls()).toEqual([]);
  });

  it('explains a public key passed as an id', async () => {
    const result = await g.run(`{ apiKey(organizationId: "${acme().id}", id: "abcdefgh") { description } }`, undefined, { expectErrors: true });
    expect(result.errors![0]!.message).toContain('public key');
  });
});

describe('nodes and global ids', () => {
  it('fetches every type by global id', async () => {
    const { data } = await g.run<{ organization: { id: string; apiKeys: { edges: Array<{ node: { id: string; accessList: { edges: Array<{ node: { id: string } }> } } }> }; projects: { edges: Array<{ node: { id: string } }> } } }, Record<string, never>>(
      `{ organization(id: "${acme().id}") { id apiKeys(first: 1) { edges { node { id accessList(first: 1) { edges { node { id } } } } } } projects(first: 1) { edges { node { id } } } } }`,
    );
    const org = data!.organization;
    const ids = [org.id, org.projects.edges[0]!.node.id, org.apiKeys.edges[0]!.node.id, org.apiKeys.edges[0]!.node.accessList.edges[0]!.node.id];
    const nodes = await g.run(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Organization { name } ... on Project { name } ... on ApiKey { description } ... on AccessListEntry { ipAddress } } }`,
      { ids },
    );
    expect(nodes.data).toEqual({
      nodes: [
        { __typename: 'Organization', name: 'Acme-Corp' },
        { __typename: 'Project', name: 'Production' },
        { __typename: 'ApiKey', description: 'CI deployer' },
        { __typename: 'AccessListEntry', ipAddress: '203.0.113.10' },
      ],
    });
  });

  it('keeps loaders per request: nothing is cached across requests', async () => {
    await g.run(`{ organization(id: "${acme().id}") { name } }`);
    await g.run(`{ organization(id: "${acme().id}") { name } }`);
    expect(g.calls()).toEqual(['getOrg', 'getOrg']);
  });

  it('dedupes identical calls within a request', async () => {
    await g.run(`{ a: organization(id: "${acme().id}") { name } b: organization(id: "${acme().id}") { isDeleted } organizations(first: 5) { totalCount } }`);
    expect(g.calls().sort()).toEqual(['getOrg', 'listOrgs']);
  });
});

describe('health', () => {
  it('answers /healthz, and /readyz by asking Atlas', async () => {
    expect((await g.gateway.fetch('http://gateway.test/healthz')).status).toBe(200);
    expect((await g.gateway.fetch('http://gateway.test/readyz')).status).toBe(200);
    g.sim.control.injectFault('listOrgs', { sequence: [500, 500] });
    expect((await g.gateway.fetch('http://gateway.test/readyz')).status).toBe(503);
  });
});
