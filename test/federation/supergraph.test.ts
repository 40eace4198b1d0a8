// The gateway as a subgraph of a company supergraph, beside a typical Relay-style subgraph that
// has its own `interface Node`, `PageInfo` and `Query.node` (teams that own projects and rely on
// API keys): composed with both Apollo's and The Guild's composition, served by both Apollo
// Gateway and Hive Gateway, and queried across both subgraphs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { composeServices as apolloCompose } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices as guildCompose } from '@theguild/federation-composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type ExecutionResult, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { type LocalServer, listen } from '../atlas/helpers.js';
import { teamsSubgraph } from './teams-subgraph.js';

let sim: Simulator;
let atlas: AtlasClient;
const servers: LocalServer[] = [];
let orgId: string;
let atlasUrl: string;
let teamsUrl: string;
let atlasSdl: string;
let teamsSdl: string;
const routers: Array<{ name: string; run: (query: string) => Promise<ExecutionResult>; stop: () => Promise<void> }> = [];

/** A GraphQL server on 127.0.0.1, closed after the suite; its /graphql URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = await listen(handler);
  servers.push(server);
  return `${server.url}/graphql`;
}

const sdlOf = async (url: string): Promise<string> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  return ((await response.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
};

const services = () => [
  { name: 'atlas', typeDefs: parse(atlasSdl), url: atlasUrl },
  { name: 'teams', typeDefs: parse(teamsSdl), url: teamsUrl },
];

function composeWithApollo(): string {
  const result = apolloCompose(services());
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

function composeWithGuild(): string {
  const result = guildCompose(services());
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl!;
}

async function apolloRouter(name: string, supergraphSdl: string) {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  await server.start();
  routers.push({
    name,
    run: async (query) => {
      const response = await server.executeOperation({ query });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult as ExecutionResult;
    },
    stop: () => server.stop(),
  });
}

function hiveRouter(name: string, supergraph: string) {
  const runtime = createGatewayRuntime({ supergraph, logging: false });
  routers.push({
    name,
    run: async (query) => {
      const response = await runtime.fetch('http://router.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as ExecutionResult;
    },
    stop: async () => {
      await runtime.dispose();
    },
  });
}

beforeAll(async () => {
  sim = await createSimulator({ seed: '1x6x30x1' });
  const org = sim.control.seeded.orgs[0]!;
  orgId = org.id;
  atlas = AtlasClient.create({
    baseUrl: sim.url,
    credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey },
  });
  atlasUrl = await serve(createGateway({ atlas }));
  teamsUrl = await serve(
    teamsSubgraph(
      org.projects.map((p, i) => ({ id: p.id, team: i % 2 === 0 ? 'payments' : 'search' })),
      org.apiKeys.map((k, i) => ({ orgId: org.id, id: k.id, team: i % 2 === 0 ? 'payments' : 'search' })),
    ),
  );
  // What a router composes: each subgraph's SDL as it serves it.
  atlasSdl = await sdlOf(atlasUrl);
  teamsSdl = await sdlOf(teamsUrl);
  await apolloRouter('Apollo Gateway over Apollo composition', composeWithApollo());
  await apolloRouter('Apollo Gateway over Guild composition', composeWithGuild());
  hiveRouter('Hive Gateway over Apollo composition', composeWithApollo());
  hiveRouter('Hive Gateway over Guild composition', composeWithGuild());
  await atlas.listOrganizations({ itemsPerPage: 1 }); // the Digest challenge, out of the counts
});

afterAll(async () => {
  for (const router of routers) await router.stop();
  await Promise.all(servers.map((server) => server.close()));
  await atlas?.close();
  await sim?.close();
});

/** Runs on a router and returns the Atlas operations the simulator served for it. */
async function routed(router: (typeof routers)[number], query: string) {
  sim.control.resetStats();
  const result = await router.run(query);
  const operations = Object.entries(sim.control.stats().operations).flatMap(([operation, { total }]) => Array<string>(total).fill(operation));
  return { result, operations: operations.sort() };
}

describe('the subgraph SDL', () => {
  it('is what schema/subgraph.graphql holds, with the entity keys and a shareable PageInfo, and without node/nodes', async () => {
    const committed = await readFile(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');
    expect(atlasSdl.trim()).toBe(committed.trim());
    expect(committed).toContain('type Organization implements Node');
    expect(committed).toMatch(/type ApiKey implements Node\s+@key\(fields: "organizationAtlasId atlasId"\)\s+@key\(fields: "id"\)/);
    expect(committed).toMatch(/type Project implements Node\s+@key\(fields: "atlasId"\)/);
    expect(committed).toMatch(/type PageInfo\s+@shareable/);
    expect(committed).not.toMatch(/^\s+nodes?\(/m);
  });

  it('publishes node and nodes when configured to, and then cannot compose beside another node', async () => {
    const url = await serve(createGateway({ atlas, nodeFields: 'publish' }));
    const sdl = await sdlOf(url);
    expect(sdl).toMatch(/^\s+node\(/m);
    expect(sdl).toMatch(/^\s+nodes\(/m);
    const withNode = [
      { name: 'atlas', typeDefs: parse(sdl), url },
      { name: 'teams', typeDefs: parse(teamsSdl), url: teamsUrl },
    ];
    expect(apolloCompose(withNode).errors?.map((e) => e.extensions.code)).toContain('INVALID_FIELD_SHARING');
    expect(guildCompose(withNode).errors?.length).toBeGreaterThan(0);
  });
});

describe.each(['Apollo Gateway over Apollo composition', 'Apollo Gateway over Guild composition', 'Hive Gateway over Apollo composition', 'Hive Gateway over Guild composition'])(
  '%s',
  (name) => {
    const router = () => routers.find((r) => r.name === name)!;

    it('answers a query that crosses both subgraphs', async () => {
      const { result } = await routed(router(), `{ organization(id: "${orgId}") { name projects(first: 10) { pageInfo { hasNextPage } edges { node { name owningTeam { name } } } } } }`);
      expect(result.errors).toBeUndefined();
      const org = (result.data as { organization: { projects: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { owningTeam: { name: string } } }> } } }).organization;
      expect(org.projects.pageInfo.hasNextPage).toBe(false);
      expect(org.projects.edges.map((e) => e.node.owningTeam.name)).toEqual(['payments', 'search', 'payments', 'search', 'payments', 'search']);
    });

    it("serves the other subgraph's node and PageInfo, and resolves its Project references with one listing of GET /groups", async () => {
      const { result, operations } = await routed(
        router(),
        `{ node(id: "team-search") { id ... on Team { name } } teams { pageInfo { endCursor } edges { node { name projects { name clusterCount organization { name } } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const data = result.data as { node: { name: string }; teams: { pageInfo: { endCursor: string }; edges: Array<{ node: { projects: Array<{ organization: { name: string } }> } }> } };
      expect(data.node.name).toBe('search');
      expect(data.teams.pageInfo.endCursor).toBe('search');
      expect(data.teams.edges.flatMap((e) => e.node.projects)).toHaveLength(6);
      expect(data.teams.edges[0]!.node.projects[0]!.organization.name).toBe('org-1');
      // Six project references: one page of GET /groups, and the organization they share.
      expect(operations).toEqual(['getOrg', 'listGroups']);
    });

    it('resolves 15 ApiKey references per team with one listing of their organization', async () => {
      const { result, operations } = await routed(router(), `{ teams { edges { node { name criticalApiKeys { description publicKey organization { name } } } } } }`);
      expect(result.errors).toBeUndefined();
      const teams = (result.data as { teams: { edges: Array<{ node: { name: string; criticalApiKeys: unknown[] } }> } }).teams.edges.map((e) => e.node);
      expect(teams.map((t) => [t.name, t.criticalApiKeys.length])).toEqual([
        ['payments', 15],
        ['search', 15],
      ]);
      expect(operations).toEqual(['getOrg', 'listOrgApiKeys']);
    });
  },
);

// Where another subgraph owns Query.node (this one omits it, the default): the router sends every
// `node` to that subgraph. It knows nothing of this subgraph's ids unless it answers them with an
// entity reference (the type name is the part of the decoded id before the first colon, and every
// entity here has @key(fields: "id")); the router then fetches their fields from this subgraph.
describe('Query.node owned by another subgraph', () => {
  const globalId = (text: string) => Buffer.from(text).toString('base64');

  /** A subgraph that owns `node`: its own Team, and this subgraph's entities answered as references by their id. */
  function nodeOwner(referencesAtlasIds: boolean) {
    const typeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      interface Node { id: ID! }
      type Team implements Node @key(fields: "id") { id: ID! name: String! }
      ${referencesAtlasIds ? 'type ApiKey implements Node @key(fields: "id", resolvable: false) { id: ID! }' : ''}
      type Query { node(id: ID!): Node }
    `);
    const typename = (id: string) => Buffer.from(id, 'base64').toString().split(':')[0];
    const schema = buildSubgraphSchema({
      typeDefs,
      resolvers: {
        Node: { __resolveType: (node: { __typename: string }) => node.__typename },
        Query: {
          node: (_root: unknown, { id }: { id: string }) => {
            if (id === 'team-search') return { __typename: 'Team', id, name: 'search' };
            return referencesAtlasIds && typename(id) === 'ApiKey' ? { __typename: 'ApiKey', id } : null;
          },
        },
      } as never,
    });
    return createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
  }

  async function routerWith(referencesAtlasIds: boolean) {
    const url = await serve(nodeOwner(referencesAtlasIds));
    const composed = apolloCompose([
      { name: 'atlas', typeDefs: parse(atlasSdl), url: atlasUrl },
      { name: 'owner', typeDefs: parse(await sdlOf(url)), url },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
    await server.start();
    return {
      run: async (query: string) => {
        sim.control.resetStats();
        const response = await server.executeOperation({ query });
        if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
        return { result: response.body.singleResult as ExecutionResult, calls: Object.values(sim.control.stats().operations).reduce((sum, { total }) => sum + total, 0) };
      },
      stop: () => server.stop(),
    };
  }

  const keyId = () => {
    const org = sim.control.seeded.orgs[0]!;
    return globalId(`ApiKey:${org.id}:${org.apiKeys[0]!.id}`);
  };

  it("answers this subgraph's ids with null, without asking it, when the owner does not know them", async () => {
    const router = await routerWith(false);
    try {
      const { result, calls } = await router.run(`{ team: node(id: "team-search") { id } key: node(id: "${keyId()}") { id } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ team: { id: 'team-search' }, key: null });
      expect(calls).toBe(0);
    } finally {
      await router.stop();
    }
  });

  it('resolves them through this subgraph when the owner answers them with an entity reference', async () => {
    const router = await routerWith(true);
    try {
      const { result, calls } = await router.run(`{ node(id: "${keyId()}") { id ... on ApiKey { atlasId organization { name } } } }`);
      expect(result.errors).toBeUndefined();
      const org = sim.control.seeded.orgs[0]!;
      expect(result.data).toEqual({ node: { id: keyId(), atlasId: org.apiKeys[0]!.id, organization: { name: 'org-1' } } });
      expect(calls).toBeGreaterThan(0);
    } finally {
      await router.stop();
    }
  });
});
