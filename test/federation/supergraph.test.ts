// The gateway as a subgraph of a company supergraph: composed with a second subgraph (teams that
// own projects and rely on API keys), served by a real federation gateway (Apollo Gateway), and
// queried across both.
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient, type UpstreamEvent } from '../../src/atlas/index.js';
import { createGateway } from '../../src/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';

let sim: Simulator;
let atlas: AtlasClient;
let events: UpstreamEvent[] = [];
const servers: Server[] = [];
let router: ApolloServer;
let apolloGateway: ApolloGateway;
let orgId: string;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** The second subgraph: teams own projects and depend on API keys they know by their Atlas ids. */
function teamsSubgraph(projects: Array<{ id: string; team: string }>, keys: Array<{ orgId: string; id: string; team: string }>) {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    type Team { name: String! projects: [Project!]! criticalApiKeys: [ApiKey!]! }
    type Project @key(fields: "atlasId") { atlasId: String! owningTeam: Team }
    type ApiKey @key(fields: "organizationAtlasId atlasId", resolvable: false) { organizationAtlasId: String! atlasId: String! }
    type Query { teams: [Team!]! }
  `);
  const team = (name: string) => ({
    name,
    projects: projects.filter((p) => p.team === name).map((p) => ({ atlasId: p.id })),
    criticalApiKeys: keys.filter((k) => k.team === name).map((k) => ({ organizationAtlasId: k.orgId, atlasId: k.id })),
  });
  const names = [...new Set(projects.map((p) => p.team))];
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { teams: () => names.map(team) },
      Project: {
        __resolveReference: (ref: { atlasId: string }) => ref,
        owningTeam: (project: { atlasId: string }) => {
          const owner = projects.find((p) => p.id === project.atlasId);
          return owner ? team(owner.team) : null;
        },
      },
    } as never,
  });
  return createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
}

beforeAll(async () => {
  sim = await createSimulator({ seed: '1x6x30x1' });
  const org = sim.control.seeded.orgs[0]!;
  orgId = org.id;
  atlas = AtlasClient.create({
    baseUrl: sim.url,
    credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey },
    observer: (event) => events.push(event),
  });
  const atlasUrl = await listen(createGateway({ atlas }));
  const teamsUrl = await listen(
    teamsSubgraph(
      org.projects.map((p, i) => ({ id: p.id, team: i % 2 === 0 ? 'payments' : 'search' })),
      org.apiKeys.map((k, i) => ({ orgId: org.id, id: k.id, team: i % 2 === 0 ? 'payments' : 'search' })),
    ),
  );
  const atlasSdl = await readFile(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');
  const teamsSdl = (await (await fetch(teamsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) })).json()) as { data: { _service: { sdl: string } } };
  const composed = composeServices([
    { name: 'atlas', typeDefs: parse(atlasSdl), url: atlasUrl },
    { name: 'teams', typeDefs: parse(teamsSdl.data._service.sdl), url: teamsUrl },
  ]);
  if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  apolloGateway = new ApolloGateway({ supergraphSdl: composed.supergraphSdl! });
  router = new ApolloServer({ gateway: apolloGateway });
  await router.start();
  await atlas.listOrganizations({ itemsPerPage: 1 }); // the Digest challenge, out of the counts
});

afterAll(async () => {
  await router?.stop();
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await atlas?.close();
  await sim?.close();
});

async function query(text: string) {
  events = [];
  const response = await router.executeOperation({ query: text });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult;
}

describe('federation', () => {
  it('publishes its subgraph SDL with the entity keys', async () => {
    const sdl = await readFile(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');
    expect(sdl).toContain('type Organization implements Node');
    expect(sdl).toMatch(/type ApiKey implements Node\s+@key\(fields: "organizationAtlasId atlasId"\)\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Project implements Node\s+@key\(fields: "atlasId"\)/);
  });

  it('answers a query that crosses both subgraphs', async () => {
    const result = await query(`{ organization(id: "${orgId}") { name projects(first: 10) { edges { node { name owningTeam { name } } } } } }`);
    expect(result.errors).toBeUndefined();
    const projects = (result.data as { organization: { projects: { edges: Array<{ node: { name: string; owningTeam: { name: string } } }> } } }).organization.projects.edges;
    expect(projects).toHaveLength(6);
    expect(projects.map((e) => e.node.owningTeam.name)).toEqual(['payments', 'search', 'payments', 'search', 'payments', 'search']);
  });

  it('resolves 15 ApiKey references from another subgraph with one listing of their organization', async () => {
    const result = await query(`{ teams { name criticalApiKeys { description publicKey organization { name } } } }`);
    expect(result.errors).toBeUndefined();
    const teams = (result.data as { teams: Array<{ name: string; criticalApiKeys: Array<{ description: string; organization: { name: string } }> }> }).teams;
    expect(teams.map((t) => [t.name, t.criticalApiKeys.length])).toEqual([
      ['payments', 15],
      ['search', 15],
    ]);
    expect(teams[0]!.criticalApiKeys[0]!.organization.name).toBe('org-1');
    // 30 keys referenced: one listing of the org's keys (a page of 500) and one read of the org.
    expect(events.map((e) => e.operation).sort()).toEqual(['getOrg', 'listOrgApiKeys']);
  });

  it('resolves Project references by Atlas id in one batch', async () => {
    const result = await query(`{ teams { projects { name clusterCount organization { name } } } }`);
    expect(result.errors).toBeUndefined();
    expect(events.map((e) => e.operation).sort()).toEqual(['getGroup', 'getGroup', 'getGroup', 'getGroup', 'getGroup', 'getGroup', 'getOrg'].sort());
  });
});
