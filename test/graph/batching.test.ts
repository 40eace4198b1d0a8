import { offsetToCursor } from '@pothos/plugin-relay';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/gateway.js';
import { OrganizationDashboardDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

// One org with 20 projects and 1203 keys (pages of 500 end with 203), two access list entries each.
let g: GraphHarness;
let orgId: string;

beforeAll(async () => {
  g = await startGraph('1x20x1203x2');
  orgId = g.sim.control.seeded.orgs[0]!.id;
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

const KEYS_PAGE = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  organization(id: $id) {
    apiKeys(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { atlasId } }
    }
  }
}`;
type KeysPage = {
  organization: {
    apiKeys: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
      edges: Array<{ cursor: string; node: { atlasId: string } }>;
    };
  };
};

async function keysPage(variables: Record<string, unknown>) {
  const { data } = await g.run<KeysPage, Record<string, unknown>>(KEYS_PAGE, { id: orgId, ...variables });
  return data!.organization.apiKeys;
}

describe('batching', () => {
  it('serves a dashboard of 50 keys and their projects in three upstream calls', async () => {
    const { data } = await g.run(OrganizationDashboardDocument, { id: orgId, first: 50 });
    const keys = data!.organization!.apiKeys.edges;
    expect(keys).toHaveLength(50);
    expect(keys.every((e) => e.node.projectAssignments.length > 0)).toBe(true);
    expect(g.calls().sort()).toEqual(['getOrg', 'getOrgGroups', 'listOrgApiKeys']);
  });

  it("loads the projects of 200 keys' assignments with one listing of the organization's projects", async () => {
    const { data } = await g.run<{ organization: { apiKeys: { edges: Array<{ node: { projectAssignments: Array<{ project: { name: string } }> } }> } } }, Record<string, unknown>>(
      `query($id: ID!) { organization(id: $id) { apiKeys(first: 200) { edges { node { projectAssignments { project { name } } } } } } }`,
      { id: orgId },
    );
    const names = new Set(data!.organization.apiKeys.edges.flatMap((e) => e.node.projectAssignments.map((a) => a.project.name)));
    expect(names.size).toBe(20);
    expect(g.calls().sort()).toEqual(['getOrg', 'getOrgGroups', 'listOrgApiKeys']);
  });

  it('fetches access lists of many keys in parallel, one call per key, each once', async () => {
    await g.run(`query($id: ID!) { organization(id: $id) { apiKeys(first: 10) { edges { node { accessList(first: 5) { totalCount } again: accessList(first: 5) { totalCount } } } } } }`, { id: orgId });
    expect(g.calls().filter((c) => c === 'listOrgApiKeyAccessListEntries')).toHaveLength(10);
  });

  it('loads many keys by global id with one listing of their organization', async () => {
    const page = await g.run<{ organization: { apiKeys: { edges: Array<{ node: { id: string } }> } } }, Record<string, unknown>>(
      `query($id: ID!) { organization(id: $id) { apiKeys(first: 30) { edges { node { id } } } } }`,
      { id: orgId },
    );
    const ids = page.data!.organization.apiKeys.edges.map((e) => e.node.id);
    g.resetCalls();
    const nodes = await g.run<{ nodes: Array<{ description: string }> }, Record<string, unknown>>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ApiKey { description } } }`,
      { ids },
    );
    expect(nodes.data!.nodes).toHaveLength(30);
    expect(g.calls()).toEqual(['listOrgApiKeys', 'listOrgApiKeys', 'listOrgApiKeys']); // 1203 keys: pages of 500
  });
});

describe('batching off (the benchmarks\' baseline)', () => {
  it('makes one upstream call per field', async () => {
    const naive = createGateway({ atlas: g.atlas, batching: false });
    const response = await naive.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ organization(id: "${orgId}") { apiKeys(first: 20) { edges { node { projectAssignments { project { name } } } } } } }` }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(g.calls().filter((c) => c === 'getGroup').length).toBeGreaterThan(20);
  });
});

describe('paging across Atlas page boundaries', () => {
  it('walks every key with first/after, one upstream call per page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await keysPage({ first: 300, after });
      seen.push(...page.edges.map((e) => e.node.atlasId));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(1203);
    expect(new Set(seen).size).toBe(1203);
    expect(pages).toBe(5);
    expect(g.calls().filter((c) => c === 'listOrgApiKeys')).toHaveLength(5);
  });

  it('serves a window that straddles Atlas pages with one call, matching the REST order', async () => {
    const pages = await Promise.all([1, 2].map((pageNum) => g.atlas.listApiKeys(orgId, { itemsPerPage: 500, pageNum })));
    const all = pages.flatMap((p) => p.results.map((k) => k.id));
    const first = await keysPage({ first: 495 });
    g.resetCalls();
    const window = await keysPage({ first: 10, after: first.pageInfo.endCursor });
    expect(window.edges.map((e) => e.node.atlasId)).toEqual(all.slice(495, 505));
    expect(g.calls().sort()).toEqual(['getOrg', 'listOrgApiKeys']);
    expect(window.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('pages backwards with last/before, and serves the last keys', async () => {
    const tail = await keysPage({ last: 3 });
    expect(tail.edges).toHaveLength(3);
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await keysPage({ last: 2, before: tail.edges[0]!.cursor });
    const straight = await keysPage({ first: 5, after: offsetToCursor(1197) });
    expect(straight.edges.map((e) => e.node.atlasId)).toEqual([...before.edges, ...tail.edges].map((e) => e.node.atlasId));
  });

  it('answers first: 0 with the count and no items', async () => {
    const empty = await keysPage({ first: 0 });
    expect(empty).toMatchObject({ totalCount: 1203, edges: [], pageInfo: { hasNextPage: true, startCursor: null } });
  });
});
