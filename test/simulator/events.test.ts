// The simulator's activity feed: the event each write records (type, actor, address, target,
// entry, project), the feeds' filters and paging, single events, retention, permissions and the
// demo's history.
import { request as urllibRequest } from 'urllib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { type Harness, type Reply, V2_MEDIA_TYPE, demoOrg, startHarness } from './helpers.js';

const CALLER_ADDRESS = '198.51.100.7';

let h: Harness;
let orgId: string;
let staging: string;
let production: string;
/** An Organization Owner key of the demo org, calling with Digest from CALLER_ADDRESS. */
let owner: { id: string; publicKey: string; privateKey: string };

beforeAll(async () => {
  // Behind a "proxy", so the caller's address is the one the test names.
  h = await startHarness({ trustProxy: true });
  const demo = demoOrg(h.sim);
  orgId = demo.org.id;
  staging = demo.project('Staging').id;
  production = demo.project('Production').id;
  owner = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'events owner', roles: ['ORG_OWNER'] } })).json;
});
afterAll(() => h.sim.close());

/** A Digest request as `key`, from `address`, on any flavor's base path. */
async function asKey(key: { publicKey: string; privateKey: string }, method: string, path: string, body?: unknown, base = '/api/atlas/v2'): Promise<Reply> {
  const mediaType = base === '/api/atlas/v2' ? V2_MEDIA_TYPE : 'application/json';
  const response = await urllibRequest(`${h.sim.url}${base}${path}`, {
    method: method as 'GET',
    digestAuth: `${key.publicKey}:${key.privateKey}`,
    headers: { accept: mediaType, 'x-forwarded-for': CALLER_ADDRESS, ...(body !== undefined ? { 'content-type': mediaType } : {}) },
    content: body === undefined ? undefined : JSON.stringify(body),
    dataType: 'text',
  });
  const text = response.data as string;
  return { status: response.status, headers: new Headers(), text, json: text ? JSON.parse(text) : undefined };
}

interface Event {
  id: string;
  created: string;
  eventTypeName: string;
  orgId: string;
  groupId?: string;
  apiKeyId?: string;
  publicKey?: string;
  userId?: string;
  username?: string;
  delegatePrincipal?: { id: string; name: string };
  remoteAddress?: string;
  targetPublicKey?: string;
  whitelistEntry?: string;
  links: Array<{ rel: string; href: string }>;
  raw?: Record<string, unknown>;
}

const feed = async (path: string): Promise<{ totalCount: number; results: Event[] }> => {
  const reply = await h.call('GET', path);
  expect(reply.status, reply.text).toBe(200);
  return reply.json;
};

/** The events `write` added to the org feed, newest first. */
async function eventsOf(write: () => Promise<Reply>): Promise<Event[]> {
  const before = (await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).totalCount;
  const reply = await write();
  expect(reply.status, reply.text).toBeLessThan(300);
  const after = await feed(`/orgs/${orgId}/events?itemsPerPage=50`);
  return after.results.slice(0, after.totalCount - before);
}

describe('what each write records', () => {
  it('records one event per change, with the key caller, its address, the key acted on, the entry and the project', async () => {
    const byOwner = { apiKeyId: owner.id, publicKey: owner.publicKey, remoteAddress: CALLER_ADDRESS, orgId };
    let key!: { id: string; publicKey: string };

    const created = await eventsOf(async () => {
      const reply = await asKey(owner, 'POST', `/orgs/${orgId}/apiKeys`, { desc: 'audited', roles: ['ORG_MEMBER'] });
      key = reply.json;
      return reply;
    });
    const target = { ...byOwner, targetPublicKey: key.publicKey };
    expect(created).toEqual([expect.objectContaining({ eventTypeName: 'API_KEY_CREATED', ...target })]);
    expect(created[0]).not.toHaveProperty('groupId');
    expect(created[0]).not.toHaveProperty('userId');
    expect(created[0]!.id).toMatch(/^[a-f0-9]{24}$/);
    // The id carries the creation time, as Atlas's ObjectIds do.
    expect(Number.parseInt(created[0]!.id.slice(0, 8), 16) * 1000).toBe(Date.parse(created[0]!.created));
    expect(Math.abs(Date.parse(created[0]!.created) - Date.now())).toBeLessThan(5_000);
    expect(created[0]!.links).toEqual([{ rel: 'self', href: `${h.sim.url}/api/atlas/v2/orgs/${orgId}/events/${created[0]!.id}` }]);

    const keyPath = `/orgs/${orgId}/apiKeys/${key.id}`;
    const steps: Array<[string, () => Promise<Reply>, Array<Record<string, unknown>>]> = [
      ['description', () => asKey(owner, 'PATCH', keyPath, { desc: 'audited, renamed' }), [{ eventTypeName: 'API_KEY_DESCRIPTION_CHANGED', ...target }]],
      ['org roles', () => asKey(owner, 'PATCH', keyPath, { roles: ['ORG_READ_ONLY'] }), [{ eventTypeName: 'API_KEY_ROLES_CHANGED', ...target }]],
      [
        'two access list entries',
        () => asKey(owner, 'POST', `${keyPath}/accessList`, [{ ipAddress: '192.0.2.10' }, { cidrBlock: '198.51.100.0/24' }]),
        [
          { eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', ...target, whitelistEntry: '198.51.100.0/24' },
          { eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', ...target, whitelistEntry: '192.0.2.10' },
        ],
      ],
      [
        'an entry deleted',
        () => asKey(owner, 'DELETE', `${keyPath}/accessList/198.51.100.0%2F24`),
        [{ eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_DELETED', ...target, whitelistEntry: '198.51.100.0/24' }],
      ],
      [
        'assigned to a project',
        () => asKey(owner, 'POST', `/groups/${staging}/apiKeys/${key.id}`, [{ roles: ['GROUP_READ_ONLY'] }]),
        [{ eventTypeName: 'API_KEY_ADDED_TO_GROUP', ...target, groupId: staging }],
      ],
      [
        'project roles',
        () => asKey(owner, 'PATCH', `/groups/${staging}/apiKeys/${key.id}`, { roles: ['GROUP_OWNER'] }),
        [{ eventTypeName: 'API_KEY_ROLES_CHANGED', ...target, groupId: staging }],
      ],
      ['unassigned', () => asKey(owner, 'DELETE', `/groups/${staging}/apiKeys/${key.id}`), [{ eventTypeName: 'API_KEY_REMOVED_FROM_GROUP', ...target, groupId: staging }]],
      ['deleted', () => asKey(owner, 'DELETE', keyPath), [{ eventTypeName: 'API_KEY_DELETED', ...target }]],
    ];
    for (const [step, write, expected] of steps) {
      expect(await eventsOf(write), step).toEqual(expected.map((e) => expect.objectContaining(e)));
    }
  });

  it('records a project key as created and added to the project, in both feeds', async () => {
    let key!: { publicKey: string };
    const events = await eventsOf(async () => {
      const reply = await asKey(owner, 'POST', `/groups/${production}/apiKeys`, { desc: 'project made', roles: ['GROUP_READ_ONLY'] });
      key = reply.json;
      return reply;
    });
    const target = { orgId, groupId: production, targetPublicKey: key.publicKey, apiKeyId: owner.id, remoteAddress: CALLER_ADDRESS };
    expect(events).toEqual([
      expect.objectContaining({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', ...target }),
      expect.objectContaining({ eventTypeName: 'API_KEY_CREATED', ...target }),
    ]);
    const projectFeed = await feed(`/groups/${production}/events?itemsPerPage=2`);
    expect(projectFeed.results.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(projectFeed.results[0]!.links[0]!.href).toBe(`${h.sim.url}/api/atlas/v2/groups/${production}/events/${events[0]!.id}`);
  });

  it('records nothing for a change that changes nothing, and for a refused write', async () => {
    const key = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'same', roles: ['ORG_MEMBER'] } })).json;
    expect(await eventsOf(() => asKey(owner, 'PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { desc: 'same', roles: ['ORG_MEMBER'] }))).toEqual([]);
    const before = (await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).totalCount;
    expect((await asKey(owner, 'POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, [{ ipAddress: 'nope' }])).status).toBe(400);
    expect((await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).totalCount).toBe(before);
  });

  it('names a service-account caller as the delegate principal, and records writes through v1.0 and Ops Manager', async () => {
    const [event] = await eventsOf(() => h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'by the service account', roles: ['ORG_MEMBER'] } }));
    expect(event).toMatchObject({ eventTypeName: 'API_KEY_CREATED', delegatePrincipal: { id: h.sim.control.admin.clientId } });
    expect(event).not.toHaveProperty('apiKeyId');
    expect(event).not.toHaveProperty('userId');

    const key = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'om', roles: ['ORG_MEMBER'] } })).json;
    // Ops Manager assigns with PATCH: the key joins the project.
    const assigned = await eventsOf(() => asKey(owner, 'PATCH', `/groups/${staging}/apiKeys/${key.id}`, { roles: ['GROUP_READ_ONLY'] }, '/api/public/v1.0'));
    expect(assigned).toEqual([expect.objectContaining({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', groupId: staging, apiKeyId: owner.id })]);
    const deleted = await eventsOf(() => asKey(owner, 'DELETE', `/orgs/${orgId}/apiKeys/${key.id}`, undefined, '/api/atlas/v1.0'));
    expect(deleted).toEqual([expect.objectContaining({ eventTypeName: 'API_KEY_DELETED', targetPublicKey: key.publicKey })]);
  });
});

describe('the feeds', () => {
  it('lists newest first, and keeps the events of a deleted key', async () => {
    const all = (await feed(`/orgs/${orgId}/events?itemsPerPage=500`)).results;
    const times = all.map((e) => Date.parse(e.created));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The demo's retired key, deleted in 2024: both its events are there, and one can be read by id.
    const retired = all.filter((e) => e.eventTypeName === 'API_KEY_DELETED' && e.created === '2024-05-02T09:30:00Z');
    expect(retired).toHaveLength(1);
    const history = all.filter((e) => e.targetPublicKey === retired[0]!.targetPublicKey).map((e) => e.eventTypeName);
    expect(history).toEqual(['API_KEY_DELETED', 'API_KEY_ACCESS_LIST_ENTRY_ADDED', 'API_KEY_CREATED']);
    const created = all.find((e) => e.targetPublicKey === retired[0]!.targetPublicKey && e.eventTypeName === 'API_KEY_CREATED')!;
    expect((await h.call('GET', `/orgs/${orgId}/events/${created.id}`)).json).toEqual(created);
  });

  it('filters by event types (repeated), excluded types and an inclusive date range', async () => {
    const day = '/orgs/{org}/events?minDate=2024-08-19T09:30:00Z&maxDate=2024-08-19T23:59:59Z'.replace('{org}', orgId);
    expect((await feed(day)).results.map((e) => e.eventTypeName)).toEqual(['API_KEY_DESCRIPTION_CHANGED', 'API_KEY_ACCESS_LIST_ENTRY_DELETED']);
    expect((await feed(`${day}&eventType=API_KEY_ACCESS_LIST_ENTRY_DELETED`)).results.map((e) => e.whitelistEntry)).toEqual(['203.0.113.11']);
    // Just past the events' second: nothing.
    expect((await feed(`/orgs/${orgId}/events?minDate=2024-08-19T09:30:01Z&maxDate=2024-08-19T23:59:59Z`)).totalCount).toBe(0);

    const typed = await feed(`/orgs/${orgId}/events?eventType=API_KEY_DELETED&eventType=API_KEY_ROLES_CHANGED&maxDate=2025-01-01&itemsPerPage=500`);
    expect(new Set(typed.results.map((e) => e.eventTypeName))).toEqual(new Set(['API_KEY_DELETED', 'API_KEY_ROLES_CHANGED']));
    expect(typed.totalCount).toBe(2);

    const stagingAll = await feed(`/groups/${staging}/events?maxDate=2025-12-31T00:00:00Z&itemsPerPage=500`);
    expect(stagingAll.results.every((e) => e.groupId === staging)).toBe(true);
    const withoutAdds = await feed(`/groups/${staging}/events?maxDate=2025-12-31T00:00:00Z&excludedEventType=API_KEY_ADDED_TO_GROUP&itemsPerPage=500`);
    expect(withoutAdds.results.map((e) => e.eventTypeName)).toEqual(['API_KEY_ROLES_CHANGED']);
    expect(stagingAll.totalCount).toBeGreaterThan(withoutAdds.totalCount);
    // ISO 8601 with an offset and a fraction, and a bare date, are dates too.
    expect((await feed(`/orgs/${orgId}/events?minDate=2024-08-19T11:30:00.000%2B02:00&maxDate=2024-08-19T09:30:00Z`)).totalCount).toBe(2);
    expect((await feed(`/orgs/${orgId}/events?minDate=2024-08-19&maxDate=2024-08-20`)).totalCount).toBe(2);
  });

  it('answers 400 to an event type the feed does not know and to a date that is not one', async () => {
    const invalidType = await h.call('GET', `/orgs/${orgId}/events?eventType=API_KEY_CREATED&eventType=API_KEY_EXPLODED`);
    expect(invalidType.status).toBe(400);
    expect(invalidType.json).toMatchObject({ error: 400, errorCode: 'INVALID_ENUM_VALUE', parameters: ['API_KEY_EXPLODED'], reason: 'Bad Request' });
    // A project-feed name is not an org-feed name, and the other way round.
    expect((await h.call('GET', `/orgs/${orgId}/events?eventType=CLUSTER_CREATED`)).status).toBe(400);
    expect((await h.call('GET', `/groups/${staging}/events?eventType=ORG_PUBLIC_API_ACCESS_LIST_REQUIRED`)).status).toBe(400);
    expect((await h.call('GET', `/groups/${staging}/events?excludedEventType=NOPE`)).status).toBe(400);
    expect((await h.call('GET', `/groups/${staging}/events?eventType=CLUSTER_CREATED`)).status).toBe(200);
    for (const bad of ['yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-01T25:00:00Z', '2024-01-01T10:00:00+2', '1700000000']) {
      for (const name of ['minDate', 'maxDate']) {
        const reply = await h.call('GET', `/orgs/${orgId}/events?${name}=${encodeURIComponent(bad)}`);
        expect(reply.status, `${name}=${bad}`).toBe(400);
        expect(reply.json).toMatchObject({ errorCode: 'VALIDATION_ERROR', badRequestDetail: { fields: [{ field: name }] } });
      }
    }
    expect((await h.call('GET', `/orgs/${orgId}/events?itemsPerPage=501`)).status).toBe(400);
    expect((await h.call('GET', `/orgs/${orgId}/events?includeRaw=yes`)).status).toBe(400);
  });

  it('pages 1000 events 500 at a time, with links and an optional count', async () => {
    const own = await startHarness();
    try {
      const org = own.sim.control.seeded.orgs[1]!.id;
      const start = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 1000; i++) own.sim.control.recordEvent({ eventTypeName: 'API_KEY_DESCRIPTION_CHANGED', orgId: org, created: new Date(start + i * 1000) });
      const get = async (query: string) => (await own.call('GET', `/orgs/${org}/events?minDate=2026-01-01T00:00:00Z&${query}`)).json;
      const first = await get('itemsPerPage=500');
      expect(first.totalCount).toBe(1000);
      expect(first.results).toHaveLength(500);
      expect(first.results[0].created).toBe('2026-01-01T00:16:39Z');
      expect(first.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'next']);
      const second = await get('itemsPerPage=500&pageNum=2&includeCount=false');
      expect(second.results).toHaveLength(500);
      expect(second.results.at(-1).created).toBe('2026-01-01T00:00:00Z');
      expect(second).not.toHaveProperty('totalCount');
      expect(second.links.map((l: { rel: string }) => l.rel)).toEqual(['previous', 'self']);
      expect(new Set([...first.results, ...second.results].map((e: Event) => e.id)).size).toBe(1000);
      expect((await get('')).results).toHaveLength(100);
    } finally {
      await own.sim.close();
    }
  });

  it('serves one event from the org feed, and from the feed of its project only', async () => {
    const [event] = (await feed(`/groups/${staging}/events?itemsPerPage=1`)).results;
    const fromOrg = await h.call('GET', `/orgs/${orgId}/events/${event!.id}?includeRaw=true`);
    expect(fromOrg.json).toMatchObject({ id: event!.id, groupId: staging, raw: { id: event!.id, cid: staging, gn: 'Staging', orgName: 'Acme-Corp', et: event!.eventTypeName } });
    expect((await h.call('GET', `/orgs/${orgId}/events/${event!.id}`)).json).not.toHaveProperty('raw');
    expect((await h.call('GET', `/groups/${staging}/events/${event!.id}`)).json).toEqual(event);
    expect((await h.call('GET', `/groups/${production}/events/${event!.id}`)).json).toMatchObject({ error: 404, errorCode: 'RESOURCE_NOT_FOUND' });
    const otherOrg = h.sim.control.seeded.orgs[1]!.id;
    expect((await h.call('GET', `/orgs/${otherOrg}/events/${event!.id}`)).status).toBe(404);
    expect((await h.call('GET', `/orgs/${orgId}/events/0123456789abcdef01234567`)).status).toBe(404);
    expect((await h.call('GET', `/orgs/${orgId}/events/nope`)).json).toMatchObject({ error: 400, errorCode: 'PATH_PARAM_PARSE_ERROR', parameters: ['eventId', 'nope'] });
  });

  it('lists the event types, and serves the feeds on v2 only', async () => {
    const types = await h.call('GET', '/eventTypes?itemsPerPage=500');
    expect(types.json.totalCount).toBeGreaterThan(700);
    const rest = await h.call('GET', '/eventTypes?itemsPerPage=500&pageNum=2');
    const names = [...types.json.results, ...rest.json.results].map((t: { eventType: string }) => t.eventType);
    expect(names).toHaveLength(types.json.totalCount);
    expect(names).toEqual(expect.arrayContaining(['API_KEY_CREATED', 'API_KEY_REMOVED_FROM_GROUP', 'ORG_PUBLIC_API_ACCESS_LIST_REQUIRED']));
    expect(types.json.results.find((t: { eventType: string }) => t.eventType === 'API_KEY_CREATED')).toEqual({ eventType: 'API_KEY_CREATED', description: 'API key created' });
    expect((await h.call('GET', `/orgs/${orgId}/events`, { flavor: 'atlas-v1' })).status).toBe(404);
    expect((await h.call('GET', `/groups/${staging}/events`, { flavor: 'ops-manager' })).status).toBe(404);
  });
});

describe('who may read the feeds', () => {
  it('refuses a key without Organization Member, and a project feed to a key without Project Read Only', async () => {
    const globexId = h.sim.control.seeded.orgs[1]!.id;
    const globexKey = (await h.call('POST', `/orgs/${globexId}/apiKeys`, { body: { desc: 'outsider', roles: ['ORG_OWNER'] } })).json;
    // Globex requires an API access list: the key calls from the test's address.
    await h.call('POST', `/orgs/${globexId}/apiKeys/${globexKey.id}/accessList`, { body: [{ ipAddress: CALLER_ADDRESS }] });
    const [anEvent] = (await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).results;
    for (const path of [`/orgs/${orgId}/events`, `/orgs/${orgId}/events/${anEvent!.id}`, `/groups/${staging}/events`]) {
      expect(await asKey(globexKey, 'GET', path), path).toMatchObject({ status: 401, json: { errorCode: 'USER_UNAUTHORIZED' } });
    }
    // Any role anywhere may list the event types.
    expect((await asKey(globexKey, 'GET', '/eventTypes')).status).toBe(200);

    const member = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'member', roles: ['ORG_MEMBER'] } })).json;
    expect((await asKey(member, 'GET', `/orgs/${orgId}/events`)).status).toBe(200);
    expect((await asKey(member, 'GET', `/groups/${staging}/events`)).status).toBe(401);
    await h.call('POST', `/groups/${staging}/apiKeys/${member.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
    expect((await asKey(member, 'GET', `/groups/${staging}/events`)).status).toBe(200);
  });

  it('puts the feeds in endpoint sets of their own scope', async () => {
    const sets = (await h.call('GET', '/rateLimits?itemsPerPage=100', { headers: { accept: 'application/vnd.atlas.2025-03-12+json' } })).json.results as Array<{
      endpointSetId: string;
      scope: string;
      endpoints: Array<{ method: string; path: string }>;
    }>;
    const setOf = (path: string) => sets.find((s) => s.endpoints.some((e) => e.path === path));
    expect(setOf('/api/atlas/v2/orgs/{orgId}/events')).toMatchObject({ scope: 'ORGANIZATION' });
    expect(setOf('/api/atlas/v2/orgs/{orgId}/events/{eventId}')?.endpointSetId).toBe(setOf('/api/atlas/v2/orgs/{orgId}/events')?.endpointSetId);
    expect(setOf('/api/atlas/v2/groups/{groupId}/events')).toMatchObject({ scope: 'GROUP' });
    expect(setOf('/api/atlas/v2/eventTypes')).toMatchObject({ scope: 'USER' });
  });
});

describe('retention and the demo history', () => {
  it('drops events older than the window, keeping newer ones', async () => {
    const sim = await createSimulator({ eventRetentionDays: 30 });
    try {
      const org = sim.control.seeded.orgs[0]!.id;
      const day = 86_400_000;
      const old = sim.control.recordEvent({ eventTypeName: 'API_KEY_CREATED', orgId: org, created: new Date(Date.now() - 31 * day) });
      const recent = sim.control.recordEvent({ eventTypeName: 'API_KEY_CREATED', orgId: org, created: new Date(Date.now() - 29 * day) });
      const { fetchToken } = await import('./helpers.js');
      const token = await fetchToken(sim.url, sim.control.admin.clientId, sim.control.admin.clientSecret);
      const get = (path: string) => fetch(`${sim.url}/api/atlas/v2${path}`, { headers: { accept: V2_MEDIA_TYPE, authorization: `Bearer ${token}` } });
      // The demo's history (2023 to 2025) is past the window: only the recent event is left.
      const listed = (await (await get(`/orgs/${org}/events`)).json()) as { totalCount: number; results: Event[] };
      expect(listed.results.map((e) => e.id)).toEqual([recent]);
      expect((await get(`/orgs/${org}/events/${old}`)).status).toBe(404);
      expect((await get(`/orgs/${org}/events/${recent}`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('keeps every event by default, and seeds the demo keys’ history at their creation dates', async () => {
    const keys = demoOrg(h.sim).org.apiKeys.filter((k) => k.desc !== 'events owner');
    const all = (await feed(`/orgs/${orgId}/events?maxDate=2026-01-01T00:00:00Z&itemsPerPage=500`)).results;
    expect(all.at(-1)!.created).toBe('2023-06-01T09:30:00Z');
    for (const key of keys.filter((k) => ['CI deployer', 'Terraform automation', 'Monitoring exporter', 'Billing export', 'Data team ETL'].includes(k.desc))) {
      const created = all.filter((e) => e.targetPublicKey === key.publicKey && e.eventTypeName === 'API_KEY_CREATED');
      expect(created, key.desc).toHaveLength(1);
      expect(Date.parse(created[0]!.created), key.desc).toBe(Number.parseInt(key.id.slice(0, 8), 16) * 1000);
    }
    const deployer = keys.find((k) => k.desc === 'CI deployer')!;
    expect(all.filter((e) => e.targetPublicKey === deployer.publicKey && e.eventTypeName === 'API_KEY_CREATED')[0]).toMatchObject({
      username: 'alice.nguyen@acme.example',
      userId: expect.stringMatching(/^[a-f0-9]{24}$/),
      remoteAddress: '198.51.100.23',
    });
    const entries = all.filter((e) => e.targetPublicKey === deployer.publicKey && e.eventTypeName === 'API_KEY_ACCESS_LIST_ENTRY_ADDED').map((e) => e.whitelistEntry);
    expect(entries.sort()).toEqual(['198.51.100.0/24', '203.0.113.10', '203.0.113.11']);
    // Monitoring exporter joined Analytics when the project was made, after the key.
    const monitoring = keys.find((k) => k.desc === 'Monitoring exporter')!;
    const analytics = demoOrg(h.sim).project('Analytics').id;
    expect(all.find((e) => e.targetPublicKey === monitoring.publicKey && e.groupId === analytics)).toMatchObject({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', created: '2024-06-02T09:30:00Z' });
    // The ETL key was made by the Terraform key.
    const etl = keys.find((k) => k.desc === 'Data team ETL')!;
    const terraform = keys.find((k) => k.desc === 'Terraform automation')!;
    expect(all.find((e) => e.targetPublicKey === etl.publicKey && e.eventTypeName === 'API_KEY_CREATED')).toMatchObject({ apiKeyId: terraform.id, publicKey: terraform.publicKey });

    // The same demo, the same ids: the entities' (the org's as the README shows it) and the history's.
    expect(orgId).toBe('63ff1b1866829a72d9af8ca1');
    const again = await startHarness();
    try {
      expect(again.sim.control.seeded).toEqual(h.sim.control.seeded);
      const history = (await again.call('GET', `/orgs/${orgId}/events?maxDate=2026-01-01T00:00:00Z&itemsPerPage=500`)).json.results as Event[];
      expect(history).toEqual(all.map((e) => ({ ...e, links: [{ rel: 'self', href: e.links[0]!.href.replace(h.sim.url, again.sim.url) }] })));
    } finally {
      await again.sim.close();
    }
  });
});
