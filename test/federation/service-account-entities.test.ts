// ServiceAccount references from another subgraph, resolved through Apollo Gateway: the router
// sends them all in one `_entities` fetch and the subgraph reads them in batches (one listing of
// an organization with many, a get each for one with few); an account that no longer exists, or
// never did, is null with NOT_FOUND; one of an organization the caller's token does not cover is
// FORBIDDEN, with nothing asked of Atlas about it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type ExecutionResult, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { type LocalServer, listen } from '../atlas/helpers.js';
import { type GraphHarness, startGraph } from '../graph/harness.js';

const JWT_SECRET = 'a-shared-secret-of-at-least-32-characters';
const NO_SUCH_ACCOUNT = 'mdb_sa_id_0123456789abcdef01234567';

interface Workload {
  name: string;
  account: { organizationAtlasId: string; clientId: string };
}

let g: GraphHarness;
let acme: string;
let globex: string;
let workloads: Workload[];
let deletedClientId: string;
const servers: LocalServer[] = [];
/** What the routers sent the Atlas subgraph: `_entities`, `_service`, or `other`, a request each. */
const subgraphRequests: string[] = [];
let open: { run: (query: string) => Promise<ExecutionResult>; stop: () => Promise<void> };
let scoped: { run: (query: string, token: string) => Promise<ExecutionResult>; stop: () => Promise<void> };

/** A GraphQL server on 127.0.0.1, closed after the suite; its /graphql URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = await listen(handler);
  servers.push(server);
  return `${server.url}/graphql`;
}

/** Another team's subgraph: workloads, each run as a service account it knows by organization and client id. */
function workloadsSubgraph(items: () => Workload[]) {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    type Workload @key(fields: "name") { name: String! runsAs: ServiceAccount }
    type ServiceAccount @key(fields: "organizationAtlasId clientId", resolvable: false) { organizationAtlasId: String! clientId: String! }
    type Query { workloads: [Workload!]! }
  `);
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { workloads: () => items().map((w) => ({ name: w.name, runsAs: w.account })) },
      Workload: { __resolveReference: (ref: { name: string }) => items().find((w) => w.name === ref.name) },
    } as never,
  });
  return createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
}

const sdlOf = async (url: string): Promise<string> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  return ((await response.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
};

/** Apollo Gateway over the Atlas subgraph at `atlasUrl` and the workloads subgraph; the caller's token, if any, passed on. */
async function router(atlasSdl: string, atlasUrl: string, workloadsUrl: string) {
  const composed = composeServices([
    { name: 'atlas', typeDefs: parse(atlasSdl), url: atlasUrl },
    { name: 'workloads', typeDefs: parse(await sdlOf(workloadsUrl)), url: workloadsUrl },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const server = new ApolloServer<{ token?: string }>({
    gateway: new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<{ token?: string }>({
          url,
          willSendRequest({ request, context }) {
            if (url === atlasUrl) subgraphRequests.push(/\b(_entities|_service)\b/.exec(request.query ?? '')?.[1] ?? 'other');
            if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
          },
        }),
    }),
  });
  await server.start();
  return {
    run: async (query: string, token?: string) => {
      const response = await server.executeOperation({ query }, { contextValue: token ? { token } : {} });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult as ExecutionResult;
    },
    stop: () => server.stop(),
  };
}

const sign = (scope: string) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('workloads-console')
    .setIssuer('https://idp.example.com')
    .setAudience('atlas-keys-gateway')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));

beforeAll(async () => {
  g = await startGraph('demo');
  const [acmeOrg, globexOrg] = g.sim.control.seeded.orgs;
  acme = acmeOrg!.id;
  globex = globexOrg!.id;
  // An account made and deleted again: a reference another subgraph kept after the deletion.
  const made = await g.atlas.createServiceAccount(acme, { name: 'Deleted worker', description: 'Deleted since', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
  await g.atlas.deleteServiceAccount(acme, made.clientId);
  deletedClientId = made.clientId;
  // Every account of both organizations (the system-managed one too), then the two that do not exist.
  workloads = [
    ...acmeOrg!.serviceAccounts.map((a) => ({ name: `acme: ${a.name}`, account: { organizationAtlasId: acme, clientId: a.clientId } })),
    ...globexOrg!.serviceAccounts.map((a) => ({ name: `globex: ${a.name}`, account: { organizationAtlasId: globex, clientId: a.clientId } })),
    { name: 'acme: deleted', account: { organizationAtlasId: acme, clientId: deletedClientId } },
    { name: 'globex: never was', account: { organizationAtlasId: globex, clientId: NO_SUCH_ACCOUNT } },
  ];
  const workloadsUrl = await serve(workloadsSubgraph(() => workloads));
  const openUrl = await serve(createGateway({ atlas: g.atlas }));
  const scopedUrl = await serve(
    createGateway({ atlas: g.atlas, verifier: createVerifier({ secret: JWT_SECRET, issuer: 'https://idp.example.com', audience: 'atlas-keys-gateway' }) }),
  );
  const atlasSdl = await sdlOf(openUrl);
  open = await router(atlasSdl, openUrl, workloadsUrl);
  scoped = await router(atlasSdl, scopedUrl, workloadsUrl);
});

afterAll(async () => {
  await open?.stop();
  await scoped?.stop();
  await Promise.all(servers.map((server) => server.close()));
  await g?.close();
});

const QUERY = '{ workloads { name runsAs { clientId name organizationAtlasId organization { name } } } }';

interface Routed {
  workloads: Array<{ name: string; runsAs: { clientId: string; name: string; organizationAtlasId: string; organization: { name: string } } | null }>;
}

/** The Atlas calls made since the last reset, counted by operation and organization. */
function callsByOrganization(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of g.exchanges()) {
    const org = call.path.includes(acme) ? 'acme' : call.path.includes(globex) ? 'globex' : 'none';
    const key = `${call.operation} ${org}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const errorsOf = (result: ExecutionResult) =>
  (result.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('ServiceAccount references through Apollo Gateway', () => {
  it('resolves references of two organizations in one _entities fetch: one listing for the organization with many, a get each for the other', async () => {
    const [acmeOrg, globexOrg] = g.sim.control.seeded.orgs;
    expect(acmeOrg!.serviceAccounts.length).toBeGreaterThanOrEqual(5);
    expect(globexOrg!.serviceAccounts).toHaveLength(2);
    g.resetCalls();
    subgraphRequests.length = 0;
    const result = await open.run(QUERY);
    const routed = (result.data as unknown as Routed).workloads;
    expect(routed.map((w) => [w.name, w.runsAs?.clientId ?? null])).toEqual(workloads.map((w) => [w.name, w.name.endsWith('deleted') || w.name.endsWith('never was') ? null : w.account.clientId]));
    for (const w of routed.filter((w) => w.runsAs)) {
      expect(w.runsAs!.name).toBe(w.name.replace(/^\w+: /, ''));
      expect(w.runsAs!.organization.name).toBe(w.runsAs!.organizationAtlasId === acme ? acmeOrg!.name : globexOrg!.name);
    }
    // The deleted account and the one that never was: null, NOT_FOUND, each at its own workload.
    const deleted = workloads.findIndex((w) => w.account.clientId === deletedClientId);
    const never = workloads.findIndex((w) => w.account.clientId === NO_SUCH_ACCOUNT);
    expect(errorsOf(result)).toEqual([
      [`workloads.${deleted}.runsAs`, 'NOT_FOUND'],
      [`workloads.${never}.runsAs`, 'NOT_FOUND'],
    ]);
    // Every reference in one request to the Atlas subgraph.
    expect(subgraphRequests).toEqual(['_entities']);
    // Acme (6 references): one listing, with its system-managed accounts, and a get for the one it
    // lacks; Globex (3): a get each; each organization's name once.
    expect(callsByOrganization()).toEqual({
      'listOrgServiceAccounts acme': 1,
      'getOrgServiceAccount acme': 1,
      'getOrgServiceAccount globex': 3,
      'getOrg acme': 1,
      'getOrg globex': 1,
    });
    expect(g.exchanges().find((e) => e.operation === 'listOrgServiceAccounts')!.path).toContain('includeSystemManaged=true');
    expect(g.exchanges().filter((e) => e.operation === 'getOrgServiceAccount' && e.path.includes(acme)).map((e) => e.path)).toEqual([expect.stringContaining(deletedClientId)]);
  });

  it("refuses the references of an organization the caller's token does not cover as FORBIDDEN, asking Atlas nothing of it", async () => {
    g.resetCalls();
    subgraphRequests.length = 0;
    const result = await scoped.run(QUERY, await sign(`atlas:read:${acme}`));
    const routed = (result.data as unknown as Routed).workloads;
    const expected = workloads.map((w) => (w.account.organizationAtlasId === acme && w.account.clientId !== deletedClientId ? w.account.clientId : null));
    expect(routed.map((w) => w.runsAs?.clientId ?? null)).toEqual(expected);
    const errors = errorsOf(result);
    const indexes = (org: string) => workloads.flatMap((w, i) => (w.account.organizationAtlasId === org ? [i] : []));
    expect(errors.filter(([, code]) => code === 'FORBIDDEN').map(([path]) => path)).toEqual(indexes(globex).map((i) => `workloads.${i}.runsAs`));
    expect(errors.filter(([, code]) => code !== 'FORBIDDEN')).toEqual([[`workloads.${workloads.findIndex((w) => w.account.clientId === deletedClientId)}.runsAs`, 'NOT_FOUND']]);
    const forbidden = result.errors!.find((e) => e.extensions?.code === 'FORBIDDEN')!;
    expect(forbidden.extensions).toMatchObject({ requiredScope: `atlas:read:${globex}` });
    expect(subgraphRequests).toEqual(['_entities']);
    expect(callsByOrganization()).toEqual({ 'listOrgServiceAccounts acme': 1, 'getOrgServiceAccount acme': 1, 'getOrg acme': 1 });
  });
});
