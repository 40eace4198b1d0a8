// The client's activity feed calls against the simulator: filters on the wire, a whole feed in the
// fewest pages, events of types the client has never heard of, and flavors without a feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AtlasApiError,
  AtlasClient,
  type AtlasEvent,
  type FlavorName,
  UnsupportedByFlavorError,
  fetchAllPages,
} from '../../src/atlas/index.js';
import { type Simulator, createSimulator } from '../../src/simulator/index.js';
import { FAST_RETRY, ORG, PROJECT, failure, mocked } from './helpers.js';

let sim: Simulator;
let atlas: AtlasClient;
let orgId: string;
let stagingId: string;

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
  const { clientId, clientSecret } = sim.control.admin;
  // A service account: no Digest challenges among the counted calls.
  atlas = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'serviceAccount', clientId, clientSecret }, retry: FAST_RETRY });
  orgId = sim.control.seeded.orgs[0]!.id;
  stagingId = sim.control.seeded.orgs[0]!.projects.find((p) => p.name === 'Staging')!.id;
});
afterAll(async () => {
  await atlas.close();
  await sim.close();
});

const callsTo = (operation: 'listOrgEvents' | 'getOrgEvent' | 'listGroupEvents'): number => sim.control.stats().operations[operation]?.total ?? 0;

describe('the activity feed through the client', () => {
  it('walks a feed of 1000 events in two calls of 500', async () => {
    const globex = sim.control.seeded.orgs[1]!.id;
    const start = Date.UTC(2026, 5, 1);
    for (let i = 0; i < 1000; i++) sim.control.recordEvent({ eventTypeName: 'API_KEY_ROLES_CHANGED', orgId: globex, created: new Date(start + i * 1000) });
    sim.control.resetStats();
    const filter = { eventTypes: ['API_KEY_ROLES_CHANGED'], minDate: new Date(start) };
    const events = await fetchAllPages((page) => atlas.listOrganizationEvents(globex, filter, page));
    expect(events).toHaveLength(1000);
    expect(new Set(events.map((e) => e.id)).size).toBe(1000);
    expect(callsTo('listOrgEvents')).toBe(2);
    // The filter and the pages went on the wire as Atlas spells them.
    const urls = sim.control.requests().filter((r) => r.operation === 'listOrgEvents').map((r) => new URL(r.url, sim.url).searchParams);
    expect(urls.map((q) => [q.getAll('eventType'), q.get('minDate'), q.get('pageNum'), q.get('itemsPerPage')])).toEqual([
      [['API_KEY_ROLES_CHANGED'], '2026-06-01T00:00:00.000Z', '1', '500'],
      [['API_KEY_ROLES_CHANGED'], '2026-06-01T00:00:00.000Z', '2', '500'],
    ]);
  });

  it('filters by repeated types, dates, exclusions and asks for raw documents', async () => {
    const page = await atlas.listOrganizationEvents(orgId, {
      eventTypes: ['API_KEY_ACCESS_LIST_ENTRY_DELETED', 'API_KEY_DESCRIPTION_CHANGED'],
      minDate: '2024-08-19T00:00:00Z',
      maxDate: new Date(Date.UTC(2024, 7, 20)),
      includeRaw: true,
    });
    expect(page.results.map((e) => [e.eventTypeName, e.created])).toEqual([
      ['API_KEY_DESCRIPTION_CHANGED', '2024-08-19T09:30:00Z'],
      ['API_KEY_ACCESS_LIST_ENTRY_DELETED', '2024-08-19T09:30:00Z'],
    ]);
    expect(page).toMatchObject({ totalCount: 2, hasNext: false });
    expect(page.results[1]).toMatchObject({ whitelistEntry: '203.0.113.11', username: 'alice.nguyen@acme.example', raw: { orgName: 'Acme-Corp' } });

    const project = await atlas.listProjectEvents(stagingId, { excludedEventTypes: ['API_KEY_ADDED_TO_GROUP'], maxDate: '2026-01-01T00:00:00Z' });
    expect(project.results.map((e) => e.eventTypeName)).toEqual(['API_KEY_ROLES_CHANGED']);
    expect(project.results[0]).toMatchObject({ groupId: stagingId, apiKeyId: expect.stringMatching(/^[a-f0-9]{24}$/), publicKey: expect.any(String) });
  });

  it('reads an event of a type it does not know, keeping its fields, without refusing mistyped or null ones', async () => {
    const id = sim.control.recordEvent({
      eventTypeName: 'API_KEY_TELEPORTED',
      orgId,
      groupId: stagingId,
      actor: { kind: 'serviceAccount', clientId: 'mdb_sa_id_65f0c0ffee0000000000abcd' },
      remoteAddress: '::ffff:192.0.2.5',
      fields: { destination: { planet: 'Mars' }, targetPublicKey: 42, whitelistEntry: null, isGlobalAdmin: 'no' },
    });
    const event: AtlasEvent = await atlas.getOrganizationEvent(orgId, id);
    expect(event).toMatchObject({
      id,
      eventTypeName: 'API_KEY_TELEPORTED',
      orgId,
      groupId: stagingId,
      remoteAddress: '192.0.2.5',
      delegatePrincipal: { id: 'mdb_sa_id_65f0c0ffee0000000000abcd' },
      destination: { planet: 'Mars' },
    });
    expect(event.targetPublicKey).toBeUndefined();
    expect(event.whitelistEntry).toBeUndefined();
    expect(event.isGlobalAdmin).toBeUndefined();
    // In the listings too, the project's included.
    expect((await atlas.listOrganizationEvents(orgId, {}, { itemsPerPage: 500 })).results.find((e) => e.id === id)?.eventTypeName).toBe('API_KEY_TELEPORTED');
    expect((await atlas.listProjectEvents(stagingId)).results.map((e) => e.id)).toContain(id);
  });

  it('reads the events of a deleted key', async () => {
    const key = await atlas.createApiKey(orgId, { description: 'short-lived', roles: ['ORG_MEMBER'] });
    await atlas.deleteApiKey(orgId, key.id);
    const feed = (await atlas.listOrganizationEvents(orgId, { eventTypes: ['API_KEY_CREATED', 'API_KEY_DELETED'] }, { itemsPerPage: 10 })).results;
    expect(feed.filter((e) => e.targetPublicKey === key.publicKey).map((e) => e.eventTypeName)).toEqual(['API_KEY_DELETED', 'API_KEY_CREATED']);
  });

  it("passes Atlas' refusals on as AtlasApiError", async () => {
    const invalid = await failure(atlas.listOrganizationEvents(orgId, { eventTypes: ['NOT_AN_EVENT'] }));
    expect(invalid).toBeInstanceOf(AtlasApiError);
    expect(invalid).toMatchObject({ status: 400, errorCode: 'INVALID_ENUM_VALUE', parameters: ['NOT_AN_EVENT'] });
    expect(await failure(atlas.listProjectEvents(stagingId, { minDate: 'last tuesday' }))).toMatchObject({ status: 400, errorCode: 'VALIDATION_ERROR' });
    expect(await failure(atlas.getOrganizationEvent(orgId, '0123456789abcdef01234567'))).toMatchObject({ status: 404 });
  });

  it.each<FlavorName>(['atlas-v1', 'ops-manager'])('refuses the feed on %s before any request', async (flavor) => {
    const { client, events, agent } = mocked({ flavor, credentials: { kind: 'digest', publicKey: 'abcdefgh', privateKey: 'secret' } });
    try {
      for (const call of [
        () => client.listOrganizationEvents(ORG),
        () => client.getOrganizationEvent(ORG, ORG),
        () => client.listProjectEvents(PROJECT, { excludedEventTypes: ['API_KEY_CREATED'] }),
      ]) {
        const error = await failure(call());
        expect(error).toBeInstanceOf(UnsupportedByFlavorError);
        expect(error).toMatchObject({ flavor, name: 'UnsupportedByFlavorError' });
      }
      expect(events).toEqual([]);
    } finally {
      await agent.close();
    }
  });
});
