// Cost in Atlas calls: declared on the schema's fields, an upper bound of the calls a document
// makes, a default that admits a console page of 100 keys with their access lists, and windows
// out of range refused before any Atlas call.
import { type DocumentNode, parse, print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subgraphSchema } from '../../src/graph/index.js';
import { DEFAULT_LIMITS, atlasCalls } from '../../src/server/use-limits.js';
import { ApiKeyDetailDocument, OrganizationDashboardDocument, ProjectApiKeysDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let orgId: string;

beforeAll(async () => {
  g = await startGraph('1x20x200x3');
  orgId = g.sim.control.seeded.orgs[0]!.id;
});
beforeEach(() => {
  g.resetCalls();
});
afterAll(() => g.close());

const cost = (document: DocumentNode | string, variables: Record<string, unknown> = {}) =>
  atlasCalls(subgraphSchema, typeof document === 'string' ? parse(document) : document, variables, undefined, {});

const CONSOLE_PAGE = `query ConsolePage($id: ID!) {
  organization(id: $id) {
    name
    apiKeys(first: 100) {
      totalCount
      edges { node { id description publicKey organizationRoles { role } projectAssignments { project { name } roles { role } }
        accessList(first: 100) { totalCount edges { node { ipAddress cidrBlock lastUsed } } } } }
    }
  }
}`;

describe('cost in Atlas calls', () => {
  it('admits a console page of 100 keys with their access lists by default, and makes no more calls than it measured', async () => {
    const measured = cost(CONSOLE_PAGE, { id: orgId });
    // The organization, a page of keys, one listing of its projects, and 100 access lists.
    expect(measured).toBe(103);
    expect(measured).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
    const { data } = await g.run(CONSOLE_PAGE, { id: orgId });
    expect((data as { organization: { apiKeys: { edges: unknown[] } } }).organization.apiKeys.edges).toHaveLength(100);
    expect(g.calls().length).toBeLessThanOrEqual(measured!);
  });

  it.each([
    ['OrganizationDashboard', OrganizationDashboardDocument, () => ({ id: orgId })],
    ['ApiKeyDetail', ApiKeyDetailDocument, () => ({ organizationId: orgId, id: g.sim.control.seeded.orgs[0]!.apiKeys[3]!.id })],
    ['ProjectApiKeys', ProjectApiKeysDocument, () => ({ id: g.sim.control.seeded.orgs[0]!.projects[0]!.id, first: 50 })],
  ])('%s makes at most the calls it measures', async (_name, document, variables) => {
    const measured = cost(document as DocumentNode, variables());
    await g.run(print(document as DocumentNode), variables());
    expect(g.calls().length).toBeGreaterThan(0);
    expect(g.calls().length).toBeLessThanOrEqual(measured!);
  });

  it('multiplies only where each item costs a call', () => {
    // Fields of the keys themselves, their organization and their projects cost nothing per key.
    const flat = cost(`{ organization(id: "${orgId}") { apiKeys(first: 100) { edges { node { publicKey organization { name } projectAssignments { project { name } } } } } } }`);
    expect(flat).toBe(3);
    // Each key's access list is one call per key.
    const nested = cost(`{ organization(id: "${orgId}") { apiKeys(first: 100) { edges { node { accessList(first: 5) { totalCount } } } } } }`);
    expect(nested).toBe(103);
  });

  it('refuses an operation over the limit in Atlas calls, before any call', async () => {
    const query = '{ organizations(first: 100) { edges { node { apiKeys(first: 100) { edges { node { accessList(first: 100) { totalCount } } } } } } } }';
    const result = await g.run(query, undefined, { expectErrors: true });
    expect(result.errors![0]!.message).toBe(
      `The operation may need up to 10201 Atlas calls; the limit is ${DEFAULT_LIMITS.maxCost}. Ask for fewer items (first/last) or fewer nested lists.`,
    );
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', max: DEFAULT_LIMITS.maxCost, actual: 10201 });
    expect(g.calls()).toEqual([]);
  });

  it.each([
    ['first over 500 under a root that would load first', `{ organization(id: "ORG") { name apiKeys(first: 1000) { totalCount } } }`, {}, 'first'],
    ['a negative last in a variable', `query($n: Int) { organization(id: "ORG") { apiKeys(first: 2) { edges { node { accessList(last: $n) { totalCount } } } } } }`, { n: -1 }, 'last'],
    ['a cursor that is not one', `{ organization(id: "ORG") { projects(after: "not-a-cursor") { totalCount } } }`, {}, 'after'],
  ])('refuses %s with BAD_USER_INPUT before any Atlas call', async (_name, query, variables, field) => {
    const result = await g.run(query.replace('ORG', orgId), variables, { expectErrors: true });
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(g.calls()).toEqual([]);
  });

  it('says where a window out of range is: the path and location of its field, however deep', async () => {
    const query = `query Keys($n: Int) {
  organizations(first: 2) {
    edges { node { ...Keys } }
  }
}
fragment Keys on Organization {
  name
  keys: apiKeys(first: 5) {
    edges { node { accessList(first: $n) { totalCount } } }
  }
}`;
    const result = await g.run(query, { n: 501 }, { expectErrors: true });
    expect(result.data ?? null).toBeNull();
    // List positions are left out: nothing was read, and the argument is the same at each.
    expect(result.errors).toEqual([
      {
        message: 'first must be between 0 and 500.',
        path: ['organizations', 'edges', 'node', 'keys', 'edges', 'node', 'accessList'],
        locations: [{ line: 9, column: 20 }],
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      },
    ]);
    expect(g.calls()).toEqual([]);
  });

  it('reports each bad window of a document, each at its own field', async () => {
    const result = await g.run(`{ organizations(first: 600) { totalCount } organization(id: "${orgId}") { projects(after: "x") { totalCount } } }`, undefined, { expectErrors: true });
    expect(result.errors!.map((e) => [e.path, e.locations, e.extensions!.field])).toEqual([
      [['organizations'], [{ line: 1, column: 3 }], 'first'],
      [['organization', 'projects'], [{ line: 1, column: 91 }], 'after'],
    ]);
    expect(g.calls()).toEqual([]);
  });
});
