// Key history on the graph: Atlas's API key events on a key, an organization and a project, over
// the demo history, with keyset cursors, filters, refusals before any Atlas call, and the audit scope.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { KeyHistoryDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let acme: string;
let globex: string;
const keyIds = new Map<string, string>();

beforeAll(async () => {
  g = await startGraph('demo');
  acme = g.sim.control.seeded.orgs[0]!.id;
  globex = g.sim.control.seeded.orgs[1]!.id;
  const listed = await g.run<{ organization: { apiKeys: { edges: Array<{ node: { id: string; description: string } }> } } }, Record<string, unknown>>(
    `query($id: ID!) { organization(id: $id) { apiKeys(first: 50) { edges { node { id description } } } } }`,
    { id: acme },
  );
  for (const { node } of listed.data!.organization.apiKeys.edges) keyIds.set(node.description, node.id);
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

interface EventNode {
  atlasId: string;
  type: string;
  typeName: string;
  createdAt: string;
  accessListEntry: string | null;
  project: { name: string } | null;
  actor: { kind: string; username: string | null; publicKey: string | null; apiKey: { description: string } | null };
  target: { publicKey: string | null; apiKey: { description: string } | null };
}
interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: EventNode }>;
}

const ORG_EVENTS = `query($id: ID!, $first: Int, $after: String, $filter: ApiKeyEventFilter) { organization(id: $id) { apiKeyEvents(first: $first, after: $after, filter: $filter) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { atlasId type typeName createdAt accessListEntry project { name } actor { kind username publicKey apiKey { description } } target { publicKey apiKey { description } } } }
} } }`;

async function orgEvents(variables: Record<string, unknown>, org = acme): Promise<Page> {
  const result = await g.run<{ organization: { apiKeyEvents: Page } }, Record<string, unknown>>(ORG_EVENTS, { id: org, ...variables });
  return result.data!.organization.apiKeyEvents;
}
const newestFirst = (nodes: EventNode[]) => nodes.every((n, i) => i === 0 || Date.parse(nodes[i - 1]!.createdAt) >= Date.parse(n.createdAt));

describe('ApiKey.events', () => {
  it("reads a demo key's history newest first, with actor, target and project linked", async () => {
    const result = await g.run(KeyHistoryDocument, { id: keyIds.get('Data team ETL')! });
    // The key, one page of the feed, one listing of the keys (actors, targets), one of the projects.
    expect(g.calls().sort()).toEqual(['getOrgApiKey', 'getOrgGroups', 'listOrgApiKeys', 'listOrgEvents']);
    const key = result.data!.apiKey!;
    const events = key.events.edges.map((e) => e.node);
    expect(events.map((e) => e.type)).toEqual(['API_KEY_ROLES_CHANGED', 'API_KEY_ADDED_TO_GROUP', 'API_KEY_ADDED_TO_GROUP', 'API_KEY_CREATED']);
    expect(newestFirst(events as never)).toBe(true);
    // Terraform made it from its CI runner: a key of the organization, linked.
    for (const event of events) {
      expect(event.actor).toMatchObject({ kind: 'API_KEY', apiKey: { description: 'Terraform automation' } });
      expect(event.target).toEqual({ publicKey: key.publicKey, apiKey: { id: keyIds.get('Data team ETL') } });
    }
    expect(events[0]!.project?.name).toBe('Staging');
    expect(events.filter((e) => e.type === 'API_KEY_ADDED_TO_GROUP').map((e) => e.project?.name).sort()).toEqual(['Analytics', 'Staging']);
    expect(events.at(-1)!.project).toBeNull();

    const deployer = await g.run(KeyHistoryDocument, { id: keyIds.get('CI deployer')! });
    const byUser = deployer.data!.apiKey!.events.edges.map((e) => e.node);
    expect(byUser[0]).toMatchObject({ type: 'API_KEY_DESCRIPTION_CHANGED', actor: { kind: 'USER', username: 'alice.nguyen@acme.example', apiKey: null } });
    expect(byUser.filter((e) => e.accessListEntry === '203.0.113.11').map((e) => e.type).sort()).toEqual(['API_KEY_ACCESS_LIST_ENTRY_ADDED', 'API_KEY_ACCESS_LIST_ENTRY_DELETED']);
  });
});

describe('Organization.apiKeyEvents', () => {
  it("keeps a deleted key's events readable: target.publicKey set, target.apiKey null", async () => {
    const key = await g.atlas.createApiKey(globex, { description: 'short-lived', roles: ['ORG_MEMBER'] });
    await g.atlas.deleteApiKey(globex, key.id);
    const events = (await orgEvents({ first: 5 }, globex)).edges.map((e) => e.node).filter((e) => e.target.publicKey === key.publicKey);
    expect(events.map((e) => e.type)).toEqual(['API_KEY_DELETED', 'API_KEY_CREATED']);
    for (const event of events) expect(event.target.apiKey).toBeNull();
  });

  it('reads an API key event type the gateway does not know as UNKNOWN, with its name', async () => {
    g.sim.control.recordEvent({ eventTypeName: 'API_KEY_EXPIRED', orgId: globex, targetPublicKey: 'abcdefgh' });
    const [newest] = (await orgEvents({ first: 1 }, globex)).edges;
    expect(newest!.node).toMatchObject({ type: 'UNKNOWN', typeName: 'API_KEY_EXPIRED', target: { publicKey: 'abcdefgh', apiKey: null }, actor: { kind: 'UNKNOWN' } });
  });

  it('filters by type and time (in Atlas), by key and actor (in the gateway)', async () => {
    const all = (await orgEvents({ first: 500 })).edges.map((e) => e.node);
    const roles = (await orgEvents({ first: 500, filter: { types: ['API_KEY_ROLES_CHANGED'] } })).edges.map((e) => e.node);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles).toEqual(all.filter((e) => e.type === 'API_KEY_ROLES_CHANGED'));
    const window = { from: '2024-03-01T00:00:00Z', to: '2024-09-01T00:00:00Z' };
    const inWindow = (await orgEvents({ first: 500, filter: window })).edges.map((e) => e.node);
    expect(inWindow).toEqual(all.filter((e) => e.createdAt >= window.from && e.createdAt <= window.to));
    expect(inWindow.length).toBeGreaterThan(0);
    const ofKey = (await orgEvents({ first: 500, filter: { apiKeyId: keyIds.get('CI deployer') } })).edges.map((e) => e.node);
    expect(ofKey.length).toBeGreaterThan(0);
    expect(ofKey).toEqual(all.filter((e) => e.target.apiKey?.description === 'CI deployer'));
    const byKey = (await orgEvents({ first: 500, filter: { actorPublicKey: all.find((e) => e.actor.kind === 'API_KEY')!.actor.publicKey } })).edges.map((e) => e.node);
    expect(byKey.map((e) => e.target.apiKey?.description)).toEqual(['Data team ETL', 'Data team ETL', 'Data team ETL', 'Data team ETL']);
    const byUser = (await orgEvents({ first: 500, filter: { actorUsername: 'alice.nguyen@acme.example' } })).edges.map((e) => e.node);
    expect(byUser).toEqual(all.filter((e) => e.actor.username === 'alice.nguyen@acme.example'));
    expect(byUser.length + byKey.length).toBe(all.length);
  });

  it('refuses a bad filter or window before any Atlas call', async () => {
    for (const variables of [
      { filter: { from: '2024-09-01T00:00:00Z', to: '2024-03-01T00:00:00Z' } },
      { filter: { types: ['API_KEY_NOT_A_TYPE'] } },
      { filter: { types: ['UNKNOWN'] } },
      { first: 501 },
      { after: 'bm90IGEgY3Vyc29y' },
      { filter: { apiKeyId: acme } },
    ]) {
      g.resetCalls();
      const result = await g.run(ORG_EVENTS, { id: acme, ...variables } as Record<string, unknown>, { expectErrors: true });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(g.calls(), JSON.stringify(variables)).toEqual([]);
    }
  });
});

describe('keyset paging', () => {
  it('pages through 1000 events in ceil(1000/500) Atlas calls, with stable cursors as new events arrive', async () => {
    const sim = g.sim.control;
    sim.reset('demo');
    const org = sim.seeded.orgs[1]!.id;
    const start = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
    for (let i = 0; i < 1000; i++) sim.recordEvent({ eventTypeName: 'API_KEY_ROLES_CHANGED', orgId: org, targetPublicKey: `k${i}`, created: new Date(start + i * 1000) });
    const filter = { types: ['API_KEY_ROLES_CHANGED'], from: new Date(start).toISOString() };
    g.resetCalls();
    const first = await orgEvents({ first: 500, filter }, org);
    expect(first.edges.map((e) => e.node.target.publicKey)).toEqual(Array.from({ length: 500 }, (_, i) => `k${999 - i}`));
    expect(first.pageInfo.hasNextPage).toBe(true);

    // A new event between the pages: an offset from the newest would shift by one; the cursor counts from its anchor.
    sim.recordEvent({ eventTypeName: 'API_KEY_ROLES_CHANGED', orgId: org, targetPublicKey: 'newer' });
    const second = await orgEvents({ first: 500, after: first.pageInfo.endCursor, filter }, org);
    expect(second.edges.map((e) => e.node.target.publicKey)).toEqual(Array.from({ length: 500 }, (_, i) => `k${499 - i}`));
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(g.calls().filter((c) => c === 'listOrgEvents')).toHaveLength(Math.ceil(1000 / 500));
    sim.reset('demo');
  });

  it('goes on from a cursor inside an Atlas page with one call, and finds it by its time when events of its second arrived since', async () => {
    const sim = g.sim.control;
    sim.reset('demo');
    const org = sim.seeded.orgs[1]!.id;
    // Ten events a second: pages end inside a second.
    const start = Math.floor((Date.now() - 600_000) / 1000) * 1000;
    for (let i = 0; i < 100; i++) sim.recordEvent({ eventTypeName: 'API_KEY_ROLES_CHANGED', orgId: org, targetPublicKey: `k${i}`, created: new Date(start + Math.floor(i / 10) * 1000) });
    const filter = { types: ['API_KEY_ROLES_CHANGED'], from: new Date(start).toISOString() };
    const whole = (await orgEvents({ first: 100, filter }, org)).edges.map((e) => e.node.target.publicKey);
    expect(whole).toHaveLength(100);

    g.resetCalls();
    const seen: Array<string | null> = [];
    let after: string | null = null;
    do {
      const page: Page = await orgEvents({ first: 15, after, filter }, org);
      seen.push(...page.edges.map((e) => e.node.target.publicKey));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toEqual(whole);
    expect(g.calls().filter((c) => c === 'listOrgEvents')).toHaveLength(Math.ceil(100 / 15));

    // Events recorded since, in the second of the newest: the list the cursor counts in has grown, so it is found by its time.
    const page = await orgEvents({ first: 15, filter }, org);
    for (let i = 0; i < 3; i++) sim.recordEvent({ eventTypeName: 'API_KEY_ROLES_CHANGED', orgId: org, targetPublicKey: `late${i}`, created: new Date(start + 9_000) });
    g.resetCalls();
    const next = await orgEvents({ first: 15, after: page.pageInfo.endCursor, filter }, org);
    expect(next.edges.map((e) => e.node.target.publicKey)).toEqual(whole.slice(15, 30));
    expect(g.calls().filter((c) => c === 'listOrgEvents')).toHaveLength(2);
    sim.reset('demo');
  });

  it('ends a filtered page early at the page bound, with hasNextPage and a cursor that goes on', async () => {
    const sim = g.sim.control;
    sim.reset('demo');
    const org = sim.seeded.orgs[1]!.id;
    const start = Date.now() - 7_200_000;
    for (let i = 0; i < 5200; i++) sim.recordEvent({ eventTypeName: 'API_KEY_ROLES_CHANGED', orgId: org, targetPublicKey: 'noise', created: new Date(start + i * 1000) });
    g.resetCalls();
    const page = await orgEvents({ first: 10, filter: { actorUsername: 'bob.okafor@globex.example' } }, org);
    expect(g.calls().filter((c) => c === 'listOrgEvents')).toHaveLength(10);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await orgEvents({ first: 10, after: page.pageInfo.endCursor, filter: { actorUsername: 'bob.okafor@globex.example' } }, org);
    expect(next.edges.length).toBeGreaterThan(0);
    expect(next.edges.every((e) => e.node.actor.username === 'bob.okafor@globex.example')).toBe(true);
    sim.reset('demo');
  });
});

describe('Project.apiKeyEvents', () => {
  it("reads a project's key events", async () => {
    const projects = g.sim.control.seeded.orgs[0]!.projects;
    const staging = projects.find((p) => p.name === 'Staging')!.id;
    const result = await g.run<{ project: { apiKeyEvents: Page } }, Record<string, unknown>>(
      `query($id: ID!) { project(id: $id) { apiKeyEvents(first: 50) { pageInfo { hasNextPage endCursor } edges { cursor node { type project { name } target { apiKey { description } } } } } } }`,
      { id: staging },
    );
    const events = result.data!.project.apiKeyEvents.edges.map((e) => e.node);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.project?.name === 'Staging')).toBe(true);
    expect(events.filter((e) => e.type === 'API_KEY_ROLES_CHANGED')).toEqual([{ type: 'API_KEY_ROLES_CHANGED', project: { name: 'Staging' }, target: { apiKey: { description: 'Data team ETL' } } }]);
  });
});

describe('the audit scope', () => {
  const SECRET = 'a-shared-secret-of-at-least-32-characters';
  const sign = (scope: string) =>
    new SignJWT({ scope }).setProtectedHeader({ alg: 'HS256' }).setSubject('auditor').setIssuer('https://idp.example.com').setAudience('atlas-keys-gateway').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
  async function ask(token: string, org: string) {
    const gateway = createGateway({ atlas: g.atlas, verifier: createVerifier({ secret: SECRET, issuer: 'https://idp.example.com', audience: 'atlas-keys-gateway' }) });
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query($id: ID!) { organization(id: $id) { name apiKeyEvents(first: 1) { edges { node { type } } } } }`, variables: { id: org } }),
    });
    return (await response.json()) as { data?: { organization: { apiKeyEvents: Page | null } | null } | null; errors?: Array<{ extensions: Record<string, unknown> }> };
  }

  it('needs atlas:audit or atlas:audit:<orgId>; read and write do not imply it', async () => {
    for (const scope of ['atlas:read', 'atlas:write', `atlas:read atlas:audit:${globex}`]) {
      const body = await ask(await sign(scope), acme);
      expect(body.errors?.[0]?.extensions, scope).toMatchObject({ code: 'FORBIDDEN', requiredScope: `atlas:audit:${acme}` });
    }
    for (const scope of ['atlas:read atlas:audit', `atlas:read:${acme} atlas:audit:${acme}`]) {
      const body = await ask(await sign(scope), acme);
      expect(body.errors, scope).toBeUndefined();
      expect(body.data?.organization?.apiKeyEvents?.edges).toHaveLength(1);
    }
  });

  it("starts a key's history beside the key's own read only for a caller who may read it", async () => {
    const gateway = createGateway({ atlas: g.atlas, verifier: createVerifier({ secret: SECRET, issuer: 'https://idp.example.com', audience: 'atlas-keys-gateway' }) });
    const history = async (scope: string) => {
      g.resetCalls();
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(scope)}` },
        body: JSON.stringify({ query: `query($id: ID!) { apiKey(id: $id) { description events(first: 5) { edges { node { type } } } } }`, variables: { id: keyIds.get('Data team ETL') } }),
      });
      return (await response.json()) as { data?: { apiKey: { events: Page | null } | null }; errors?: Array<{ extensions: Record<string, unknown> }> };
    };
    const refused = await history('atlas:read');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    // Nothing read for a field the caller may not see.
    expect(g.calls()).toEqual(['getOrgApiKey']);
    const allowed = await history('atlas:read atlas:audit');
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.apiKey?.events?.edges.length).toBeGreaterThan(0);
    // The feed's first page once, though started before the key was read.
    expect(g.calls().filter((call) => call === 'listOrgEvents')).toEqual(['listOrgEvents']);
  });
});
