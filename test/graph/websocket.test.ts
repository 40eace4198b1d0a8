// Subscriptions over WebSocket (graphql-ws, as Apollo Client and urql speak it), on the gateway's
// HTTP server: the token from connectionParams, the same scopes and errors as over HTTP, the limit
// per connection, and a shutdown that completes every subscription before the sockets close.
import { type Client, createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../src/server/change-feed.js';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { type HttpServer, createHttpServer } from '../../src/server/http-server.js';
import { type WebSocketTransport, attachWebSocket } from '../../src/server/websocket.js';
import { type GraphHarness, startGraph } from './harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const ISSUER = 'https://idp.example.com';

let g: GraphHarness;
let globex: string;
let feed: ChangeFeed;
let http: HttpServer;
let websocket: WebSocketTransport;
let url: string;
const clients: Client[] = [];

const sign = (scope: string) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice@example.com')
    .setIssuer(ISSUER)
    .setAudience('atlas-keys-gateway')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));

function connect(token: string): Client {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true });
  clients.push(client);
  return client;
}

interface Sink<T> {
  results: T[];
  errors: unknown[];
  completed: boolean;
  stop: () => void;
}

function collect<T>(client: Client, query: string, variables: Record<string, unknown>): Sink<T> {
  const sink: Sink<T> = { results: [], errors: [], completed: false, stop: () => undefined };
  sink.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => void sink.results.push(value as T),
      error: (error) => void sink.errors.push(error),
      complete: () => void (sink.completed = true),
    },
  );
  return sink;
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const EVENTS = `subscription($org: ID!) { apiKeyEvents(organizationId: $org) { type target { publicKey } } }`;

beforeAll(async () => {
  g = await startGraph('demo');
  globex = g.sim.control.seeded.orgs[1]!.id;
  feed = await ChangeFeed.create({ atlas: g.atlas, intervalMs: 100, readInterestMs: 1_000 });
  const gateway = createGateway({ atlas: g.atlas, feed, verifier: createVerifier({ secret: SECRET, issuer: ISSUER, audience: 'atlas-keys-gateway' }) });
  http = createHttpServer(gateway, { drainTimeoutMs: 2_000 });
  const origin = await http.listen(0, '127.0.0.1');
  websocket = attachWebSocket(http.server, gateway, { path: '/graphql', maxSubscriptionsPerConnection: 2 });
  url = `${origin.replace('http', 'ws')}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await feed.close();
  await websocket.close();
  await http.shutdown();
  await g.close();
});

describe('subscriptions over WebSocket', () => {
  it('delivers the events of a change, with the bearer token from connectionParams', async () => {
    const client = connect(await sign('atlas:audit'));
    const sink = collect<{ data: { apiKeyEvents: { type: string; target: { publicKey: string } } } }>(client, EVENTS, { org: globex });
    await until(() => feed.subscriptions === 1);
    const key = await g.atlas.createApiKey(globex, { description: 'over a socket', roles: ['ORG_MEMBER'] });
    await until(() => sink.results.length > 0);
    expect(sink.results[0]).toEqual({ data: { apiKeyEvents: { type: 'API_KEY_CREATED', target: { publicKey: key.publicKey } } } });
    sink.stop();
    await until(() => feed.subscriptions === 0);
  });

  it('refuses a missing scope with FORBIDDEN and an unknown organization with NOT_FOUND, as over HTTP', async () => {
    const reader = connect(await sign('atlas:read'));
    const refused = collect<{ errors?: Array<{ extensions: Record<string, unknown> }> }>(reader, EVENTS, { org: globex });
    await until(() => refused.results.length > 0 || refused.errors.length > 0);
    expect(refused.results[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: `atlas:audit:${globex}` });
    const auditor = connect(await sign('atlas:audit'));
    const missing = collect<{ errors?: Array<{ extensions: Record<string, unknown> }> }>(auditor, EVENTS, { org: '0123456789abcdef01234567' });
    await until(() => missing.results.length > 0);
    expect(missing.results[0]?.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(feed.subscriptions).toBe(0);
  });

  it('holds a connection to its limit of operations at once', async () => {
    const client = connect(await sign('atlas:audit'));
    const open = [collect(client, EVENTS, { org: globex }), collect(client, EVENTS, { org: globex })];
    await until(() => feed.subscriptions === 2);
    const third = collect<unknown>(client, EVENTS, { org: globex });
    await until(() => third.errors.length > 0);
    expect(JSON.stringify(third.errors[0])).toContain('QUERY_LIMIT_EXCEEDED');
    for (const sink of open) sink.stop();
    await until(() => feed.subscriptions === 0);
  });

  it('completes every subscription when the feed closes, before the sockets are closed', async () => {
    const separate = await ChangeFeed.create({ atlas: g.atlas, intervalMs: 100, readInterestMs: 1_000 });
    const gateway = createGateway({ atlas: g.atlas, feed: separate });
    const server = createHttpServer(gateway, { drainTimeoutMs: 2_000 });
    const origin = await server.listen(0, '127.0.0.1');
    const transport = attachWebSocket(server.server, gateway, { path: '/graphql' });
    const client = createClient({ url: `${origin.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    const sinks = [collect(client, EVENTS, { org: globex }), collect(client, EVENTS, { org: globex })];
    await until(() => separate.subscriptions === 2);
    const closed = new Promise<void>((resolve) => client.on('closed', () => resolve()));
    await separate.close();
    await until(() => sinks.every((sink) => sink.completed));
    expect(sinks.every((sink) => sink.errors.length === 0)).toBe(true);
    await transport.close();
    await closed;
    expect(transport.connections).toBe(0);
    await server.shutdown();
  });
});
