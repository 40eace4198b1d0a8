// `_entities` as a router calls it: every representation resolves or fails on its own, project
// references are batched with GET /groups (counted by the simulator), and no Atlas call starts
// once an operation has been answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient, type UpstreamEvent } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { DEFAULT_LIMITS } from '../../src/server/use-limits.js';
import { type GraphHarness, startGraph } from '../graph/harness.js';

/** 4 organizations of 300 projects: GET /groups serves them in 3 pages of 500. */
let g: GraphHarness;
let orgs: GraphHarness['sim']['control']['seeded']['orgs'];
const NO_SUCH_PROJECT = 'a0a0a0a0a0a0a0a0a0a0a0a0';

beforeAll(async () => {
  g = await startGraph('4x300x2x0');
  orgs = g.sim.control.seeded.orgs;
});
afterAll(() => g?.close());

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Project { atlasId name }
    ... on Organization { atlasId name }
    ... on ApiKey { atlasId description }
  }
}`;

interface EntitiesResult {
  data?: { _entities: Array<{ __typename: string; atlasId: string } | null> } | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions: { code: string } }>;
}

async function entities(representations: unknown[], gateway = g.gateway): Promise<EntitiesResult> {
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ENTITIES, variables: { representations } }),
  });
  return (await response.json()) as EntitiesResult;
}

/** Upstream requests the simulator served, by operation. */
function served(): Record<string, number> {
  return Object.fromEntries(Object.entries(g.sim.control.stats().operations).map(([operation, { total }]) => [operation, total]));
}

const errorAt = (result: EntitiesResult, index: number) => result.errors?.find((e) => e.path?.[0] === '_entities' && e.path[1] === index);

describe('_entities: one bad representation fails alone', () => {
  it('answers valid references beside malformed and key-less ones, each error at its own index', async () => {
    const [org] = orgs;
    const projects = org!.projects;
    const key = org!.apiKeys[0]!;
    const representations = [
      { __typename: 'Project', atlasId: projects[0]!.id },
      { __typename: 'Project', atlasId: 'xyz' }, // malformed id
      { __typename: 'Project', atlasId: projects[1]!.id },
      { __typename: 'Project' }, // no key field at all
      { __typename: 'ApiKey', atlasId: key.id }, // half of a compound key
      { __typename: 'NoSuchType', atlasId: projects[2]!.id },
      'not an object',
      { __typename: 'Project', atlasId: 42 },
      { __typename: 'Organization', atlasId: org!.id },
      { __typename: 'ApiKey', organizationAtlasId: org!.id, atlasId: key.id },
    ];
    const result = await entities(representations);
    const items = result.data!._entities;
    expect(items.map((item) => item?.atlasId ?? null)).toEqual([projects[0]!.id, null, projects[1]!.id, null, null, null, null, null, org!.id, key.id]);
    for (const index of [1, 3, 4, 5, 6, 7]) {
      expect(errorAt(result, index)?.extensions.code, `representation ${index}`).toBe('BAD_USER_INPUT');
    }
    expect(result.errors).toHaveLength(6);
  });

  it('resolves 49 valid references beside one malformed one, and sends nothing to Atlas after answering', async () => {
    const ids = orgs.flatMap((org) => org.projects.map((p) => p.id)).filter((_, i) => i % 24 === 0).slice(0, 49);
    g.sim.control.resetStats();
    const result = await entities([...ids.map((atlasId) => ({ __typename: 'Project', atlasId })), { __typename: 'Project', atlasId: 'xyz' }]);
    expect(result.data!._entities.slice(0, 49).map((p) => p!.atlasId)).toEqual(ids);
    expect(result.data!._entities[49]).toBeNull();
    expect(errorAt(result, 49)?.extensions.code).toBe('BAD_USER_INPUT');
    const atAnswer = served();
    // Two calls in sequence after the answer: anything the operation had left would be served by then.
    await g.atlas.getOrganization(orgs[0]!.id);
    await g.atlas.getOrganization(orgs[0]!.id);
    expect(served()).toEqual({ ...atAnswer, getOrg: (atAnswer.getOrg ?? 0) + 2 });
  });
});

describe('_entities: project references are batched with GET /groups', () => {
  it('resolves 50 references across 4 organizations with the 3 pages of GET /groups, and one get for an unlisted id', async () => {
    const ids = orgs.flatMap((org) => org.projects.map((p) => p.id)).filter((_, i) => i % 24 === 0);
    expect(ids).toHaveLength(50);
    g.sim.control.resetStats();
    const result = await entities([...ids, NO_SUCH_PROJECT].map((atlasId) => ({ __typename: 'Project', atlasId })));
    expect(result.data!._entities.slice(0, 50).map((p) => p!.atlasId)).toEqual(ids);
    expect(result.data!._entities[50]).toBeNull();
    expect(errorAt(result, 50)?.extensions.code).toBe('NOT_FOUND');
    expect(served()).toEqual({ listGroups: 3, getGroup: 1 });
  });

  it('costs one page of GET /groups when every reference is on the first page', async () => {
    const ids = orgs[0]!.projects.slice(0, 50).map((p) => p.id);
    g.sim.control.resetStats();
    const result = await entities(ids.map((atlasId) => ({ __typename: 'Project', atlasId })));
    expect(result.errors).toBeUndefined();
    expect(served()).toEqual({ listGroups: 1 });
  });

  it('answers FORBIDDEN for the projects the credentials may not see, and NOT_FOUND for none, per item', async () => {
    const [mine, other] = orgs;
    const account = g.sim.control.createServiceAccount([{ orgId: mine!.id, roleName: 'ORG_READ_ONLY' }]);
    const narrow = AtlasClient.create({ baseUrl: g.sim.url, credentials: { kind: 'serviceAccount', ...account } });
    try {
      const gateway = createGateway({ atlas: narrow });
      const ids = [mine!.projects[0]!.id, other!.projects[0]!.id, mine!.projects[1]!.id, other!.projects[1]!.id, NO_SUCH_PROJECT];
      g.sim.control.resetStats();
      const result = await entities(
        ids.map((atlasId) => ({ __typename: 'Project', atlasId })),
        gateway,
      );
      expect(result.data!._entities.map((p) => p?.atlasId ?? null)).toEqual([ids[0], null, ids[2], null, null]);
      expect([1, 3, 4].map((i) => errorAt(result, i)?.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND']);
      const { listGroups, getGroup } = served();
      expect({ listGroups, getGroup }).toEqual({ listGroups: 1, getGroup: 3 });
    } finally {
      await narrow.close();
    }
  });
});

describe('no Atlas call after the answer', () => {
  it('starts no call for an operation the deadline has answered', async () => {
    const project = orgs[0]!.projects[0]!;
    const events: UpstreamEvent[] = [];
    let projectServed!: () => void;
    const projectRead = new Promise<void>((resolve) => (projectServed = resolve));
    const observed = AtlasClient.create({
      baseUrl: g.sim.url,
      credentials: { kind: 'digest', publicKey: g.sim.control.admin.publicKey, privateKey: g.sim.control.admin.privateKey },
      observer: (event) => {
        events.push(event);
        if (event.operation === 'getGroup' && event.outcome === 200) projectServed();
      },
    });
    try {
      await observed.listOrganizations({ itemsPerPage: 1 }); // the Digest challenge, before the clock matters
      const gateway = createGateway({ atlas: observed, limits: { ...DEFAULT_LIMITS, deadlineMs: 50 } });
      g.sim.control.setLatency(300);
      events.length = 0;
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // The organization is read only after the project: by then the deadline has answered.
        body: JSON.stringify({ query: `{ project(id: "${project.id}") { name organization { name } } }` }),
      });
      const body = (await response.json()) as EntitiesResult;
      expect(body.errors?.[0]?.extensions.code).toBe('DEADLINE_EXCEEDED');
      await projectRead;
      // Two calls in sequence after the project's answer came back: a call the operation started would be served by then.
      await g.atlas.getOrganization(orgs[1]!.id);
      await g.atlas.getOrganization(orgs[1]!.id);
      expect(events.map((e) => e.operation)).toEqual(['getGroup']);
      expect(g.sim.control.requests().filter((r) => r.operation === 'getOrg' && r.url.includes(orgs[0]!.id))).toEqual([]);
    } finally {
      g.sim.control.setLatency(0);
      await observed.close();
    }
  });
});
