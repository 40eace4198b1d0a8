// Subscriptions through Hive Gateway: a client subscribes on the router over Server-Sent Events;
// the router subscribes on this subgraph over SSE (its default) or WebSocket (graphql-ws), passing
// the caller's token on; each event is completed with fields of another subgraph; scopes refuse
// through the router as they do directly; a client that goes away leaves nothing running here.
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { type ExecutionResult, parse } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/server/auth.js';
import { ChangeFeed } from '../../src/server/change-feed.js';
import { createGateway } from '../../src/server/gateway.js';
import { type HttpServer, createHttpServer } from '../../src/server/http-server.js';
import { type WebSocketTransport, attachWebSocket } from '../../src/server/websocket.js';
import { type LocalServer, listen } from '../atlas/helpers.js';
import { type GraphHarness, startGraph } from '../graph/harness.js';
import { type SseMessage, subscribeSse } from '../support/sse.js';
import { teamsSubgraph } from './teams-subgraph.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const ISSUER = 'https://idp.example.com';
const ROUTER = 'http://router.test/graphql';

let g: GraphHarness;
let feed: ChangeFeed;
let http: HttpServer;
let websocket: WebSocketTransport;
let teams: LocalServer;
let atlasUrl: string;
let supergraph: string;
let org: { id: string; projects: Array<{ id: string }>; apiKeys: Array<{ id: string }> };

const sign = (scope: string) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice@example.com')
    .setIssuer(ISSUER)
    .setAudience('atlas-keys-gateway')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));

type Runtime = ReturnType<typeof createGatewayRuntime>;

/**
 * Hive Gateway over the composed supergraph, passing the client's Authorization on to the
 * subgraphs. Its SSE subscriptions are GETs by default, which the gateway's CSRF rule refuses
 * without a header: `method: 'POST'` sends them as JSON POSTs (what docs/subscriptions.md says).
 */
function router(subscriptions: 'sse' | 'ws'): Runtime {
  return createGatewayRuntime({
    supergraph,
    logging: false,
    propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }) },
    transportEntries: {
      atlas: {
        options:
          subscriptions === 'sse'
            ? { method: 'POST' }
            : { subscriptions: { kind: 'ws', location: '/graphql', options: { connectionParams: { authorization: '{context.headers.authorization}' } } } },
      },
    },
  });
}

async function ask(runtime: Runtime, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await runtime.fetch(ROUTER, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as ExecutionResult<Record<string, never>> & { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

type Payload = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const nextPayload = async (sub: { next(ms?: number): Promise<SseMessage | undefined> }, ms = 5_000): Promise<Payload> => {
  const message = await sub.next(ms);
  expect(message?.event, JSON.stringify(message)).toBe('next');
  return message!.data as Payload;
};

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  g = await startGraph('demo');
  org = g.sim.control.seeded.orgs[0]!;
  feed = await ChangeFeed.create({ atlas: g.atlas, intervalMs: 100, readInterestMs: 1_000 });
  const gateway = createGateway({ atlas: g.atlas, feed, verifier: createVerifier({ secret: SECRET, issuer: ISSUER, audience: 'atlas-keys-gateway' }) });
  http = createHttpServer(gateway, { drainTimeoutMs: 2_000 });
  atlasUrl = `${await http.listen(0, '127.0.0.1')}/graphql`;
  websocket = attachWebSocket(http.server, gateway, { path: '/graphql', maxSubscriptionsPerConnection: 20 });
  teams = await listen(
    teamsSubgraph(
      org.projects.map((p) => ({ id: p.id, team: 'platform' })),
      org.apiKeys.map((k) => ({ orgId: org.id, id: k.id, team: 'platform' })),
    ),
  );
  const token = await sign('atlas:read');
  const sdl = async (url: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    return ((await response.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
  };
  const composed = composeServices([
    { name: 'atlas', typeDefs: parse(await sdl(atlasUrl)), url: atlasUrl },
    { name: 'teams', typeDefs: parse(await sdl(`${teams.url}/graphql`)), url: `${teams.url}/graphql` },
  ]);
  if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraph = composed.supergraphSdl!;
});

afterAll(async () => {
  await websocket?.close();
  await http?.shutdown();
  await feed?.close();
  await teams?.close();
  await g?.close();
});

const EVENTS = `subscription($org: ID!) { apiKeyEvents(organizationId: $org, types: [API_KEY_CREATED]) {
  type target { publicKey } requestedBy { caller { subject } record { operation } }
} }`;

describe.each(['sse', 'ws'] as const)('Subscription through Hive Gateway, router to subgraph over %s', (transport) => {
  it('delivers a key created through the router to a subscriber on the router, with who asked', async () => {
    const runtime = router(transport);
    try {
      const token = await sign('atlas:read atlas:write atlas:audit');
      const sub = await subscribeSse(runtime.fetch, ROUTER, EVENTS, { org: org.id }, { authorization: `Bearer ${token}` });
      expect(sub.status).toBe(200);
      await until(() => feed.subscriptions === 1);
      const created = await ask(
        runtime,
        token,
        `mutation($org: ID!) { createApiKey(input: { organizationId: $org, description: "via router ${transport}", roles: [ORG_MEMBER] }) { ... on CreateApiKeyPayload { apiKey { publicKey } } } }`,
        { org: org.id },
      );
      expect(created.errors).toBeUndefined();
      const publicKey = (created.data as unknown as { createApiKey: { apiKey: { publicKey: string } } }).createApiKey.apiKey.publicKey;
      const event = await nextPayload(sub);
      expect(event.errors).toBeUndefined();
      expect(event.data).toEqual({
        apiKeyEvents: { type: 'API_KEY_CREATED', target: { publicKey }, requestedBy: { caller: { subject: 'alice@example.com' }, record: { operation: 'createApiKey' } } },
      });
      sub.close();
      // The router ends its subscription on the subgraph: nothing is left watching here.
      await until(() => feed.subscriptions === 0);
    } finally {
      await runtime.dispose();
    }
  });

  it('yields a key changed outside the gateway, completed with another subgraph’s fields', async () => {
    const runtime = router(transport);
    try {
      const token = await sign('atlas:read');
      const key = await g.atlas.createApiKey(org.id, { description: `watched ${transport}`, roles: ['ORG_MEMBER'] });
      const project = org.projects[0]!.id;
      await g.atlas.assignApiKeyToProject(project, key.id, ['GROUP_READ_ONLY']);
      const found = await ask(runtime, token, `query($org: ID!) { organization(id: $org) { apiKeys(first: 500) { edges { node { id atlasId } } } } }`, { org: org.id });
      const id = (found.data as unknown as { organization: { apiKeys: { edges: Array<{ node: { id: string; atlasId: string } }> } } }).organization.apiKeys.edges.find((e) => e.node.atlasId === key.id)!.node.id;
      const sub = await subscribeSse(
        runtime.fetch,
        ROUTER,
        `subscription($id: ID!) { apiKey(id: $id) { description projectAssignments { project { atlasId owningTeam { name } } } } }`,
        { id },
        { authorization: `Bearer ${token}` },
      );
      const first = await nextPayload(sub);
      expect(first.errors).toBeUndefined();
      expect(first.data).toEqual({ apiKey: { description: `watched ${transport}`, projectAssignments: [{ project: { atlasId: project, owningTeam: { name: 'platform' } } }] } });
      await new Promise((resolve) => setTimeout(resolve, 250));
      await g.atlas.updateApiKey(org.id, key.id, { description: `renamed ${transport}` });
      // The key again for each event that names it: its assignment, made just before, may come first.
      let renamed = await nextPayload(sub);
      while ((renamed.data?.apiKey as { description?: string } | null)?.description === `watched ${transport}`) renamed = await nextPayload(sub);
      expect(renamed.data).toEqual({ apiKey: { description: `renamed ${transport}`, projectAssignments: [{ project: { atlasId: project, owningTeam: { name: 'platform' } } }] } });
      sub.close();
      await until(() => feed.subscriptions === 0);
    } finally {
      await runtime.dispose();
    }
  });

  it('refuses a caller without the audit scope through the router, as directly, before anything is polled', async () => {
    const runtime = router(transport);
    // An organization nothing in this suite reads, so that nothing else polls its feed.
    const other = g.sim.control.seeded.orgs[1]!.id;
    try {
      g.resetCalls();
      const sub = await subscribeSse(runtime.fetch, ROUTER, EVENTS, { org: other }, { authorization: `Bearer ${await sign('atlas:read')}` });
      const refused = await nextPayload(sub);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: `atlas:audit:${other}` });
      expect(await sub.next()).toMatchObject({ event: 'complete' });
      expect(g.exchanges().filter((call) => call.operation === 'listOrgEvents' && call.path.includes(other))).toEqual([]);
      expect(feed.subscriptions).toBe(0);
    } finally {
      await runtime.dispose();
    }
  });
});
