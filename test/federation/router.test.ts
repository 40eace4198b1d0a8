// Behind a federation router: with trusted documents on, the router (it sends the shared secret)
// still gets through, for `_service`, `_entities` and the root fields of its query plans, while
// anyone else may run only the manifest's operations; and a router asking for inline traces gets them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { type ExecutionResult, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadTrustedDocuments, parseTrustedDocuments } from '../../src/server/config.js';
import { type ApqStore, createApqStore } from '../../src/server/apq-store.js';
import { createGateway } from '../../src/server/gateway.js';
import { ROUTER_SECRET_HEADER } from '../../src/server/use-federation-router.js';
import { type GraphHarness, startGraph } from '../graph/harness.js';
import { type LocalServer, listen } from '../atlas/helpers.js';
import { teamsSubgraph } from './teams-subgraph.js';

const SECRET = 'router-secret-0123456789abcdef0123456789';
let g: GraphHarness;
let dir: string;
let trustedDocuments: Record<string, string>;
let manifestIds: Record<string, string>;
const servers: LocalServer[] = [];
let atlasUrl: string;
let teamsUrl: string;
let orgId: string;
let apolloRouter: ApolloServer;

/** A GraphQL server on 127.0.0.1, closed after the suite; its /graphql URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = await listen(handler);
  servers.push(server);
  return `${server.url}/graphql`;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await response.json()) as ExecutionResult & { errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

beforeAll(async () => {
  g = await startGraph('demo');
  orgId = g.sim.control.seeded.orgs[0]!.id;
  // The consoles' operations as an Apollo persisted query manifest (what `generate-persisted-query-manifest` writes).
  const codegen = JSON.parse(await readFile(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
  const operations = Object.entries(codegen).map(([id, body]) => ({ id, name: /(?:query|mutation) (\w+)/.exec(body)?.[1] ?? id, type: body.startsWith('mutation') ? 'mutation' : 'query', body }));
  manifestIds = Object.fromEntries(operations.map((op) => [op.name, op.id]));
  dir = await mkdtemp(join(tmpdir(), 'trusted-'));
  const file = join(dir, 'persisted-query-manifest.json');
  await writeFile(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
  trustedDocuments = await loadTrustedDocuments(file);

  const org = g.sim.control.seeded.orgs[0]!;
  atlasUrl = await serve(createGateway({ atlas: g.atlas, trustedDocuments, routerSecret: SECRET, inlineTraces: true }));
  teamsUrl = await serve(
    teamsSubgraph(
      org.projects.map((p) => ({ id: p.id, team: 'platform' })),
      org.apiKeys.map((k) => ({ orgId: org.id, id: k.id, team: 'platform' })),
    ),
  );
  // Apollo Gateway composes from each subgraph's `_service`, sending the secret with every subgraph request.
  apolloRouter = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'atlas', url: atlasUrl }, { name: 'teams', url: teamsUrl }] }),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest({ request }) {
            request.http?.headers.set(ROUTER_SECRET_HEADER, SECRET);
          },
        }),
    }),
  });
  await apolloRouter.start();
});

afterAll(async () => {
  await apolloRouter?.stop();
  await Promise.all(servers.map((server) => server.close()));
  await g?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const CROSS = () => `{ organization(id: "${orgId}") { name projects(first: 5) { edges { node { name owningTeam { name } } } } } }`;

async function hiveRouter(secret: string | undefined) {
  const sdl = (url: string) => post(url, { query: '{ _service { sdl } }' }, { [ROUTER_SECRET_HEADER]: SECRET }).then((r) => (r.data as { _service: { sdl: string } })._service.sdl);
  const composed = composeServices([
    { name: 'atlas', typeDefs: parse(await sdl(atlasUrl)), url: atlasUrl },
    { name: 'teams', typeDefs: parse(await sdl(teamsUrl)), url: teamsUrl },
  ]);
  if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return createGatewayRuntime({
    supergraph: composed.supergraphSdl!,
    logging: false,
    ...(secret ? { propagateHeaders: { fromClientToSubgraphs: () => ({ [ROUTER_SECRET_HEADER]: secret }) } } : {}),
  });
}

describe('trusted documents behind a router', () => {
  it('reads an Apollo persisted query manifest, and runs its operations by id', async () => {
    expect(Object.keys(trustedDocuments).length).toBeGreaterThanOrEqual(3);
    const result = await post(atlasUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: manifestIds.OrganizationDashboard } }, variables: { id: orgId } });
    expect(result.errors).toBeUndefined();
    expect((result.data as { organization: { name: string } }).organization.name).toBe('Acme-Corp');
  });

  it('refuses arbitrary operations, _service and _entities from anyone without the router secret', async () => {
    g.resetCalls();
    const representations = [{ __typename: 'Organization', atlasId: orgId }];
    const attempts: Array<Record<string, string>> = [{}, { [ROUTER_SECRET_HEADER]: 'not-the-secret' }, { [ROUTER_SECRET_HEADER]: '' }];
    for (const headers of attempts) {
      for (const body of [
        { query: '{ organizations { totalCount } }' },
        { query: '{ _service { sdl } }' },
        { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { apiKeys { totalCount } } } }', variables: { r: representations } },
      ]) {
        const result = await post(atlasUrl, body, headers);
        expect(result.errors?.[0]?.extensions?.code, JSON.stringify({ body, headers })).toBe('TRUSTED_DOCUMENTS_ONLY');
      }
    }
    expect(g.calls()).toEqual([]);
  });

  it('serves Apollo Gateway, which composed from _service and sends the secret, a cross-subgraph query', async () => {
    const response = await apolloRouter.executeOperation({ query: CROSS() });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { errors, data } = response.body.singleResult;
    expect(errors).toBeUndefined();
    const edges = (data as { organization: { projects: { edges: Array<{ node: { owningTeam: { name: string } } }> } } }).organization.projects.edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.node.owningTeam.name === 'platform')).toBe(true);
  });

  it('serves Hive Gateway with the secret, and locks it out without', async () => {
    const ask = async (runtime: Awaited<ReturnType<typeof hiveRouter>>) => {
      const response = await runtime.fetch('http://router.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CROSS() }) });
      return (await response.json()) as ExecutionResult;
    };
    const withSecret = await hiveRouter(SECRET);
    const without = await hiveRouter(undefined);
    try {
      const ok = await ask(withSecret);
      expect(ok.errors).toBeUndefined();
      expect((ok.data as { organization: { name: string } }).organization.name).toBe('Acme-Corp');
      const refused = await ask(without);
      expect(refused.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(refused.errors)).toContain('TRUSTED_DOCUMENTS_ONLY');
    } finally {
      await withSecret.dispose();
      await without.dispose();
    }
  });
});

describe('automatic persisted queries from Apollo Gateway', () => {
  it('runs a router with apq: true against a subgraph with trusted documents: a miss is resent with the document, then the hash alone runs', async () => {
    const store = await createApqStore();
    const lookups: Array<'hit' | 'miss'> = [];
    const counted: ApqStore = { ...store, get: async (hash) => { const document = await store.get(hash); lookups.push(document === null ? 'miss' : 'hit'); return document; } };
    const subgraph = await serve(createGateway({ atlas: g.atlas, trustedDocuments, routerSecret: SECRET, apq: counted }));
    const router = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'atlas', url: subgraph }, { name: 'teams', url: teamsUrl }] }),
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource({
            url,
            apq: url === subgraph,
            willSendRequest({ request }) {
              request.http?.headers.set(ROUTER_SECRET_HEADER, SECRET);
            },
          }),
      }),
    });
    await router.start();
    try {
      for (let run = 0; run < 2; run++) {
        const response = await router.executeOperation({ query: CROSS() });
        if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
        expect(response.body.singleResult.errors, `run ${run}`).toBeUndefined();
        expect((response.body.singleResult.data as { organization: { name: string } }).organization.name).toBe('Acme-Corp');
      }
      // The first run missed and registered, the second found its document by hash.
      expect(lookups.filter((l) => l === 'miss').length).toBeGreaterThan(0);
      expect(lookups.at(-1)).toBe('hit');
    } finally {
      await router.stop();
      await store.close();
    }
  });
});

describe('federated inline tracing', () => {
  const traced = (url: string, headers: Record<string, string>) =>
    post(url, { query: `{ organization(id: "${orgId}") { name projects(first: 2) { totalCount } } }` }, { 'apollo-federation-include-trace': 'ftv1', ...headers });
  const decode = (ftv1: unknown) => Trace.decode(Buffer.from(String(ftv1), 'base64'));

  it('answers a router asking with apollo-federation-include-trace: ftv1 with extensions.ftv1', async () => {
    const result = await traced(atlasUrl, { [ROUTER_SECRET_HEADER]: SECRET });
    expect(result.errors).toBeUndefined();
    const trace = decode(result.extensions?.ftv1);
    const root = trace.root!.child!.map((node) => node.responseName);
    expect(root).toEqual(['organization']);
    expect(trace.root!.child![0]!.child!.map((node) => node.responseName).sort()).toEqual(['name', 'projects']);
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
  });

  it('reports errors in the trace masked as in the response: NOT_FOUND and BAD_USER_INPUT keep their code and message', async () => {
    // An org id that names no organization (NOT_FOUND from Atlas), and a node id that is no global id (BAD_USER_INPUT).
    const query = '{ organization(id: "0123456789abcdef01234567") { name } node(id: "not-a-global-id") { id } }';
    const result = await post(atlasUrl, { query }, { 'apollo-federation-include-trace': 'ftv1', [ROUTER_SECRET_HEADER]: SECRET });
    const codes = result.errors?.map((error) => error.extensions?.code).sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'NOT_FOUND']);
    const trace = decode(result.extensions?.ftv1);
    const traced = trace.root!.child!.flatMap((node) => (node.error ?? []).map((error) => JSON.parse(error.json!) as { message: string; extensions?: { code?: string } }));
    const asIn = (errors: Array<{ message: string; extensions?: { code?: string } }>) => errors.map((error) => `${error.extensions?.code}: ${error.message}`).sort();
    expect(asIn(traced)).toEqual(asIn(result.errors!));
  });

  it('gives no trace to a request that does not ask, nor, when a router secret is configured, to anyone but the router', async () => {
    const unasked = await post(atlasUrl, { query: `{ __typename }` }, { [ROUTER_SECRET_HEADER]: SECRET });
    expect(unasked.extensions?.ftv1).toBeUndefined();
    const open = await serve(createGateway({ atlas: g.atlas, inlineTraces: true }));
    expect(decode((await traced(open, {})).extensions?.ftv1).root!.child![0]!.responseName).toBe('organization');
    const closed = await serve(createGateway({ atlas: g.atlas, routerSecret: SECRET, inlineTraces: true }));
    expect((await traced(closed, {})).extensions?.ftv1).toBeUndefined();
  });

  it('gives no trace unless inline traces are turned on, even to the router', async () => {
    const off = await serve(createGateway({ atlas: g.atlas, routerSecret: SECRET }));
    const result = await traced(off, { [ROUTER_SECRET_HEADER]: SECRET });
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeDefined();
    expect(result.extensions?.ftv1).toBeUndefined();
  });
});

describe('router settings', () => {
  const problemsOf = (action: () => unknown): string[] => {
    try {
      action();
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('reads FEDERATION_ROUTER_SECRET, FEDERATION_NODE_FIELDS and FEDERATION_INLINE_TRACES, and refuses bad values', () => {
    expect(loadConfig({}).federation).toEqual({ nodeFields: 'omit', routerSecret: undefined, inlineTraces: false });
    expect(loadConfig({ FEDERATION_ROUTER_SECRET: SECRET, FEDERATION_NODE_FIELDS: 'publish', FEDERATION_INLINE_TRACES: 'on' }).federation).toEqual({
      nodeFields: 'publish',
      routerSecret: SECRET,
      inlineTraces: true,
    });
    expect(problemsOf(() => loadConfig({ FEDERATION_ROUTER_SECRET: 'short', FEDERATION_NODE_FIELDS: 'inaccessible', FEDERATION_INLINE_TRACES: 'yes' }))).toEqual([
      'FEDERATION_NODE_FIELDS: must be omit or publish',
      'FEDERATION_INLINE_TRACES: must be on or off',
      'FEDERATION_ROUTER_SECRET: must be at least 32 characters',
    ]);
  });

  it('refuses a manifest of neither format', () => {
    const refused = (manifest: unknown) => problemsOf(() => parseTrustedDocuments(JSON.stringify(manifest), 'm.json'));
    expect(refused({ format: 'apollo-persisted-query-manifest', version: 2, operations: [{ id: 'a', body: '{ __typename }' }] })).toHaveLength(1);
    expect(refused({ format: 'apollo-persisted-query-manifest', version: 1, operations: [] })).toHaveLength(1);
    expect(refused({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ name: 'NoId', body: '{ __typename }' }] })).toHaveLength(1);
    expect(refused(['{ __typename }'])).toHaveLength(1);
    expect(refused({ abc: 42 })).toHaveLength(1);
    expect(problemsOf(() => parseTrustedDocuments('not json', 'm.json'))[0]).toMatch(/^TRUSTED_DOCUMENTS_FILE: cannot read m.json as JSON/);
    expect(parseTrustedDocuments(JSON.stringify({ abc: '{ __typename }' }), 'm.json')).toEqual({ abc: '{ __typename }' });
  });
});
