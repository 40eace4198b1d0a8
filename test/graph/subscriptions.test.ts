// Subscriptions over Server-Sent Events, against the simulator, with the change feed in this
// process: a change through the gateway arrives at once, one made directly on Atlas within the
// poll interval; bad input is refused before anything is polled; a client that goes away, a
// token that expires and a shutdown each end the subscription and leave nothing running.
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, subscribe } from 'graphql';
import { createContext } from '../../src/graph/context.js';
import { schema } from '../../src/graph/index.js';
import { ChangeFeed } from '../../src/server/change-feed.js';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { type SseMessage, subscribeSse } from '../support/sse.js';
import { type GraphHarness, startGraph } from './harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const ISSUER = 'https://idp.example.com';
const URL = 'http://gateway.test/graphql';

let g: GraphHarness;
let globex: string;
const feeds: ChangeFeed[] = [];

const sign = (scope: string, expiresIn = '5m') =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice@example.com')
    .setIssuer(ISSUER)
    .setAudience('atlas-keys-gateway')
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));

async function gatewayWithFeed(intervalMs: number, options: { verifier?: boolean } = {}) {
  const feed = await ChangeFeed.create({ atlas: g.atlas, intervalMs, readInterestMs: 1_000 });
  feeds.push(feed);
  const gateway = createGateway({
    atlas: g.atlas,
    feed,
    ...(options.verifier ? { verifier: createVerifier({ secret: SECRET, issuer: ISSUER, audience: 'atlas-keys-gateway' }) } : {}),
  });
  return { feed, gateway };
}

const EVENTS = `subscription($org: ID!, $types: [ApiKeyEventType!]) { apiKeyEvents(organizationId: $org, types: $types) {
  type target { publicKey } actor { kind } requestedBy { caller { kind } record { operation } }
} }`;

const nextPayload = async (sub: { next(ms?: number): Promise<SseMessage | undefined> }, ms = 5_000) => {
  const message = await sub.next(ms);
  expect(message?.event, JSON.stringify(message)).toBe('next');
  return message!.data as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
};

/** Waits until `check` holds (the feed's bookkeeping is asynchronous). */
async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  g = await startGraph('demo');
  globex = g.sim.control.seeded.orgs[1]!.id;
});
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
});
afterAll(() => g.close());

describe('Subscription.apiKeyEvents over SSE', () => {
  it('delivers a change made through the gateway at once (not at the poll interval), with who asked', async () => {
    // An interval far longer than the test: only the poke of the write can deliver it in time.
    const { gateway, feed } = await gatewayWithFeed(60_000);
    const sub = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex });
    expect(sub.status).toBe(200);
    await eventually(() => feed.subscriptions === 1);
    await feed.tick(); // the first round claims the lease
    const created = await gateway.fetch(URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($org: ID!) { createApiKey(input: { organizationId: $org, description: "live", roles: [ORG_MEMBER] }) { ... on CreateApiKeyPayload { apiKey { publicKey } } } }`, variables: { org: globex } }),
    });
    const publicKey = ((await created.json()) as { data: { createApiKey: { apiKey: { publicKey: string } } } }).data.createApiKey.apiKey.publicKey;
    const event = await nextPayload(sub, 2_000);
    expect(event.data!.apiKeyEvents).toEqual({
      type: 'API_KEY_CREATED',
      target: { publicKey },
      actor: { kind: 'API_KEY' },
      requestedBy: { caller: { kind: 'ANONYMOUS' }, record: { operation: 'createApiKey' } },
    });
    sub.close();
    await eventually(() => feed.subscriptions === 0);
  });

  it('delivers a change made outside the gateway within the poll interval, filtered by type', async () => {
    const { gateway } = await gatewayWithFeed(150);
    const sub = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex, types: ['API_KEY_DESCRIPTION_CHANGED'] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const key = await g.atlas.createApiKey(globex, { description: 'made elsewhere', roles: ['ORG_MEMBER'] });
    await g.atlas.updateApiKey(globex, key.id, { description: 'renamed elsewhere' });
    const event = await nextPayload(sub, 2_000);
    // The creation is filtered out; the rename arrives, made with the gateway's key outside it: no record behind it.
    expect(event.data!.apiKeyEvents).toEqual({ type: 'API_KEY_DESCRIPTION_CHANGED', target: { publicKey: key.publicKey }, actor: { kind: 'API_KEY' }, requestedBy: null });
    sub.close();
  });

  it('refuses bad input before anything is polled', async () => {
    const { gateway, feed } = await gatewayWithFeed(100, { verifier: true });
    const token = await sign('atlas:audit');
    g.resetCalls();
    const cases: Array<[Record<string, unknown>, string, string?]> = [
      [{ org: '0123456789abcdef01234567' }, 'NOT_FOUND'],
      [{ org: 'not-an-id' }, 'BAD_USER_INPUT'],
      [{ org: globex, types: ['UNKNOWN'] }, 'BAD_USER_INPUT'],
    ];
    for (const [variables, code] of cases) {
      const sub = await subscribeSse(gateway.fetch, URL, EVENTS, variables, { authorization: `Bearer ${token}` });
      const message = await nextPayload(sub);
      expect(message.errors?.[0]?.extensions.code, JSON.stringify(variables)).toBe(code);
      expect(await sub.next()).toMatchObject({ event: 'complete' });
    }
    const readOnly = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex }, { authorization: `Bearer ${await sign('atlas:read')}` });
    expect((await nextPayload(readOnly)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: `atlas:audit:${globex}` });
    await feed.tick();
    expect(g.calls().filter((call) => call === 'listOrgEvents')).toEqual([]);
    expect(feed.subscriptions).toBe(0);
  });

  it('ends with an UNAUTHENTICATED error when the token expires', async () => {
    const { gateway, feed } = await gatewayWithFeed(100, { verifier: true });
    const token = await sign('atlas:audit', '2s');
    const sub = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex }, { authorization: `Bearer ${token}` });
    await eventually(() => feed.subscriptions === 1);
    const message = await nextPayload(sub, 4_000);
    expect(message.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await sub.next()).toMatchObject({ event: 'complete' });
    await eventually(() => feed.subscriptions === 0);
  });

  it('ends every subscription with a complete message when the feed closes (shutdown)', async () => {
    const { gateway, feed } = await gatewayWithFeed(100);
    const subs = await Promise.all([1, 2, 3].map(() => subscribeSse(gateway.fetch, URL, EVENTS, { org: globex })));
    await eventually(() => feed.subscriptions === 3);
    await feed.close();
    for (const sub of subs) expect(await sub.next()).toMatchObject({ event: 'complete' });
    expect(feed.subscriptions).toBe(0);
  });

  it('holds a caller to its limit of subscriptions', async () => {
    const feed = await ChangeFeed.create({ atlas: g.atlas, intervalMs: 100, readInterestMs: 1_000, maxSubscriptionsPerCaller: 2 });
    feeds.push(feed);
    const gateway = createGateway({ atlas: g.atlas, feed });
    const subs = await Promise.all([1, 2].map(() => subscribeSse(gateway.fetch, URL, EVENTS, { org: globex })));
    await eventually(() => feed.subscriptions === 2);
    const third = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex });
    expect((await nextPayload(third)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED' });
    subs[0]!.close();
    await eventually(() => feed.subscriptionsOf('anonymous') === 1);
    const again = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex });
    await eventually(() => feed.subscriptions === 2);
    again.close();
    subs[1]!.close();
  });
});

describe('Subscription.apiKey over SSE', () => {
  it("yields the key now, again after each change made anywhere, and null once it is deleted", async () => {
    const { gateway } = await gatewayWithFeed(100);
    const key = await g.atlas.createApiKey(globex, { description: 'watched', roles: ['ORG_MEMBER'] });
    const keys = await g.run<{ organization: { apiKeys: { edges: Array<{ node: { id: string; publicKey: string } }> } } }, { id: string }>(
      `query($id: ID!) { organization(id: $id) { apiKeys(first: 100) { edges { node { id publicKey } } } } }`,
      { id: globex },
    );
    const id = keys.data!.organization.apiKeys.edges.find((e) => e.node.publicKey === key.publicKey)!.node.id;
    const sub = await subscribeSse(gateway.fetch, URL, `subscription($id: ID!) { apiKey(id: $id) { description accessList(first: 10) { edges { node { ipAddress } } } } }`, { id });
    expect((await nextPayload(sub)).data).toEqual({ apiKey: { description: 'watched', accessList: { edges: [] } } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await g.atlas.updateApiKey(globex, key.id, { description: 'watched, renamed' });
    expect((await nextPayload(sub)).data).toEqual({ apiKey: { description: 'watched, renamed', accessList: { edges: [] } } });
    await g.atlas.addAccessListEntries(globex, key.id, [{ ipAddress: '198.51.100.20' }]);
    expect((await nextPayload(sub)).data).toEqual({ apiKey: { description: 'watched, renamed', accessList: { edges: [{ node: { ipAddress: '198.51.100.20' } }] } } });
    await g.atlas.deleteApiKey(globex, key.id);
    expect((await nextPayload(sub)).data).toEqual({ apiKey: null });
    expect(await sub.next()).toMatchObject({ event: 'complete' });
  });
});

describe('Subscription.serviceAccount over SSE', () => {
  it('yields the account now, again only when it changes (not when another account does), and null once it is deleted', async () => {
    const { gateway } = await gatewayWithFeed(100);
    const account = await g.atlas.createServiceAccount(globex, { name: 'watched', description: 'Watched', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const other = await g.atlas.createServiceAccount(globex, { name: 'other', description: 'Other', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const found = await g.run<{ serviceAccount: { id: string } }, { org: string; id: string }>('query($org: ID!, $id: ID!) { serviceAccount(organizationId: $org, id: $id) { id } }', {
      org: globex,
      id: account.clientId,
    });
    const sub = await subscribeSse(
      gateway.fetch,
      URL,
      'subscription($id: ID!) { serviceAccount(id: $id) { name accessList(first: 10) { edges { node { cidrBlock } } } } }',
      { id: found.data!.serviceAccount.id },
    );
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: { name: 'watched', accessList: { edges: [] } } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Another account's change is an event of the organization too: read, found the same, not sent.
    await g.atlas.updateServiceAccount(globex, other.clientId, { name: 'other, renamed' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await g.atlas.updateServiceAccount(globex, account.clientId, { name: 'watched, renamed' });
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: { name: 'watched, renamed', accessList: { edges: [] } } });
    await g.atlas.addServiceAccountAccessListEntries(globex, account.clientId, [{ ipAddress: '198.51.100.21' }]);
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: { name: 'watched, renamed', accessList: { edges: [{ node: { cidrBlock: '198.51.100.21/32' } }] } } });
    await g.atlas.deleteServiceAccount(globex, account.clientId);
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: null });
    expect(await sub.next()).toMatchObject({ event: 'complete' });
  });

  it('sends a failed re-read as an error and goes on: the next change is sent, and the deletion still ends it', async () => {
    const { gateway } = await gatewayWithFeed(100);
    const account = await g.atlas.createServiceAccount(globex, { name: 'flaky', description: 'Flaky', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const id = Buffer.from(`ServiceAccount:${globex}:${account.clientId}`).toString('base64');
    const sub = await subscribeSse(gateway.fetch, URL, 'subscription($id: ID!) { serviceAccount(id: $id) { name } }', { id });
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: { name: 'flaky' } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Atlas fails every read of the account while the change is heard of.
    g.sim.control.injectFault('getOrgServiceAccount', { sequence: [503, 503, 503, 503, 503, 503] });
    await g.atlas.updateServiceAccount(globex, account.clientId, { name: 'flaky, renamed' });
    const failed = await nextPayload(sub);
    g.sim.control.clearFaults();
    expect(failed.errors?.[0]?.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    await g.atlas.updateServiceAccount(globex, account.clientId, { name: 'flaky, renamed again' });
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: { name: 'flaky, renamed again' } });
    await g.atlas.deleteServiceAccount(globex, account.clientId);
    expect((await nextPayload(sub)).data).toEqual({ serviceAccount: null });
    expect(await sub.next()).toMatchObject({ event: 'complete' });
  });

  it("holds the caller to its limit before reading the account: a refused subscription costs no Atlas call", async () => {
    const feed = await ChangeFeed.create({ atlas: g.atlas, intervalMs: 100, readInterestMs: 1_000, maxSubscriptionsPerCaller: 1 });
    feeds.push(feed);
    const gateway = createGateway({ atlas: g.atlas, feed });
    const account = await g.atlas.createServiceAccount(globex, { name: 'limited', description: 'Limited', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const held = await subscribeSse(gateway.fetch, URL, EVENTS, { org: globex });
    await eventually(() => feed.subscriptions === 1);
    const before = g.sim.control.requests().length;
    const id = Buffer.from(`ServiceAccount:${globex}:${account.clientId}`).toString('base64');
    const refused = await subscribeSse(gateway.fetch, URL, 'subscription($id: ID!) { serviceAccount(id: $id) { name } }', { id });
    expect((await nextPayload(refused)).errors?.[0]?.extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(g.sim.control.requests().slice(before).map((r) => r.operation)).not.toContain('getOrgServiceAccount');
    held.close();
    await eventually(() => feed.subscriptionsOf('anonymous') === 0);
    // A refused account (not found) gives its place back.
    const missing = await subscribeSse(gateway.fetch, URL, 'subscription($id: ID!) { serviceAccount(id: $id) { name } }', {
      id: Buffer.from(`ServiceAccount:${globex}:mdb_sa_id_0123456789abcdef01234567`).toString('base64'),
    });
    expect((await nextPayload(missing)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(feed.subscriptionsOf('anonymous')).toBe(0);
  });

  it("gives the caller's place back when a subscription ends before its first event is asked for", async () => {
    const feed = await ChangeFeed.create({ atlas: g.atlas, intervalMs: 100, readInterestMs: 1_000 });
    feeds.push(feed);
    const account = await g.atlas.createServiceAccount(globex, { name: 'never pulled', description: 'Never pulled', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const keys = await g.atlas.listApiKeys(globex, { itemsPerPage: 1 });
    for (const [query, id] of [
      ['subscription($id: ID!) { serviceAccount(id: $id) { name } }', Buffer.from(`ServiceAccount:${globex}:${account.clientId}`).toString('base64')],
      ['subscription($id: ID!) { apiKey(id: $id) { description } }', Buffer.from(`ApiKey:${globex}:${keys.results[0]!.id}`).toString('base64')],
    ] as const) {
      // A caller whose token expires, as a verified one's does: the stream is wrapped once more.
      const contextValue = { ...createContext(g.atlas, { feed }), caller: { subject: 'alice', scopes: new Set(['atlas:read']), expiresAt: Date.now() + 60_000 } } as never;
      const stream = await subscribe({ schema, document: parse(query), variableValues: { id }, contextValue });
      expect(Symbol.asyncIterator in (stream as object)).toBe(true);
      expect(feed.subscriptionsOf('jwt::alice')).toBe(1);
      await (stream as AsyncIterableIterator<unknown>).return?.();
      await eventually(() => feed.subscriptionsOf('jwt::alice') === 0);
    }
  });

  it('refuses an account that does not exist, and an id of another kind, before anything is polled', async () => {
    const { gateway, feed } = await gatewayWithFeed(100);
    const query = 'subscription($id: ID!) { serviceAccount(id: $id) { name } }';
    const missing = await subscribeSse(gateway.fetch, URL, query, { id: Buffer.from(`ServiceAccount:${globex}:mdb_sa_id_0123456789abcdef01234567`).toString('base64') });
    expect((await nextPayload(missing)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const wrongKind = await subscribeSse(gateway.fetch, URL, query, { id: globex });
    expect((await nextPayload(wrongKind)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(feed.subscriptions).toBe(0);
  });
});
