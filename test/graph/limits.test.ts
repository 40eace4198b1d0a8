// Over-limit requests are refused with stable codes before any upstream call.
import { Readable } from 'node:stream';
import { type FragmentDefinitionNode, type OperationDefinitionNode, getIntrospectionQuery, Kind, parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/gateway.js';
import { createHttpServer } from '../../src/server/http-server.js';
import { DEFAULT_LIMITS, measureOperation } from '../../src/server/use-limits.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let gateway: ReturnType<typeof createGateway>;
let orgId: string;

beforeAll(async () => {
  g = await startGraph('demo');
  orgId = g.sim.control.seeded.orgs[0]!.id;
  gateway = createGateway({ atlas: g.atlas, limits: { deadlineMs: 30_000, maxBodyBytes: 4_000, maxTokens: 100, maxDepth: 8, maxAliases: 5, maxCost: 100 } });
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  const response = await gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }, body: text });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions: Record<string, unknown> }> } };
}

describe('limits', () => {
  it.each([
    ['depth', `{ organization(id: "ORG") { apiKeys { edges { node { organization { apiKeys { edges { node { publicKey } } } } } } } } }`],
    ['aliases', `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: organizations { totalCount }`).join(' ')} }`],
    ['cost', `{ organizations(first: 100) { edges { node { apiKeys(first: 100) { edges { node { publicKey } } } } } } }`],
    ['tokens', `{ organizations { totalCount ${Array.from({ length: 150 }, () => '__typename').join(' ')} } }`],
  ])('refuses an operation over the %s limit', async (limit, query) => {
    const { status, body } = await post({ query: query.replace('ORG', orgId) });
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit });
    expect(g.calls()).toEqual([]);
  });

  it('weighs lists by the first given in variables', async () => {
    const query = 'query($n: Int) { organizations(first: $n) { edges { node { apiKeys(first: $n) { edges { node { publicKey } } } } } } }';
    expect((await post({ query, variables: { n: 5 } })).body.errors).toBeUndefined();
    expect((await post({ query, variables: { n: 200 } })).body.errors![0]!.extensions).toMatchObject({ limit: 'cost' });
  });

  it('refuses a body over the size limit with 413', async () => {
    const { status, body } = await post({ query: '{ organizations { totalCount } }', variables: { padding: 'x'.repeat(5_000) } });
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE' });
  });

  /** A request whose body is a stream of `chunk`-byte parts: sent without a length, unless `headers` declare one. */
  const streamed = (padding: number, chunk: number, headers: Record<string, string> = {}) => {
    const bytes = new TextEncoder().encode(JSON.stringify({ query: '{ organizations { totalCount } }', variables: { padding: 'x'.repeat(padding) } }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.slice(at, at + chunk));
        controller.close();
      },
    });
    return gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
  };

  it('refuses a body over the size limit sent without a length (chunked) with 413', async () => {
    const response = await streamed(5_000, 1_000);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0]!.extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE' });
    expect(g.calls()).toEqual([]);
  });

  it('reads a body sent without a length (chunked) that stays within the limit', async () => {
    const response = await streamed(3_000, 500);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ organizations: { totalCount: g.sim.control.seeded.orgs.length } });
  });

  it('counts the body of an in-process request, whatever length it declares', async () => {
    const response = await streamed(5_000, 10_000, { 'content-length': '100' });
    expect(response.status).toBe(413);
    expect(g.calls()).toEqual([]);
  });

  it('holds chunked bodies to the limit over HTTP too, and reads those within it', async () => {
    const http = createHttpServer(gateway, { drainTimeoutMs: 1_000 });
    const origin = await http.listen(0, '127.0.0.1');
    try {
      const send = async (padding: number) => {
        const text = JSON.stringify({ query: '{ organizations { totalCount } }', variables: { padding: 'x'.repeat(padding) } });
        // An iterable body has no length: undici sends it chunked.
        const parts = function* () {
          for (let at = 0; at < text.length; at += 700) yield text.slice(at, at + 700);
        };
        const response = await request(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Readable.from(parts()) });
        return { status: response.statusCode, body: (await response.body.json()) as { data?: unknown; errors?: Array<{ extensions: Record<string, unknown> }> } };
      };
      const over = await send(5_000);
      expect(over.status).toBe(413);
      expect(over.body.errors![0]!.extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', max: 4_000 });
      expect(g.calls()).toEqual([]);
      expect((await send(3_000)).body.data).toEqual({ organizations: { totalCount: g.sim.control.seeded.orgs.length } });
    } finally {
      await http.shutdown();
    }
  });

  it('does not limit introspection (GraphiQL and codegen need it)', async () => {
    const open = createGateway({ atlas: g.atlas });
    const response = await open.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery() }) });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('answers DEADLINE_EXCEEDED when an operation runs past its deadline', async () => {
    const quick = createGateway({ atlas: g.atlas, limits: { ...DEFAULT_LIMITS, deadlineMs: 150 } });
    g.sim.control.setLatency(400);
    try {
      const started = performance.now();
      const response = await quick.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ organization(id: "${orgId}") { name } }` }) });
      const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'DEADLINE_EXCEEDED', deadlineMs: 150 });
      expect(body.errors[0]!.message).toBe('The operation did not finish within 150 ms.');
      expect(performance.now() - started).toBeLessThan(400);
      expect(response.status).toBe(200);
      const strict = await quick.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: `{ organization(id: "${orgId}") { name } }` }) });
      expect(strict.status).toBe(504);
      const strictBody = (await strict.json()) as { data?: unknown; errors: Array<{ extensions: Record<string, unknown> }> };
      expect(strictBody.data).toBeUndefined();
      expect(strictBody.errors[0]!.extensions).toEqual({ code: 'DEADLINE_EXCEEDED', deadlineMs: 150 });
    } finally {
      g.sim.control.setLatency(0);
    }
  });

  it('lets a mutation past the deadline answer with its outcome: a created key and its private key are never dropped', async () => {
    const quick = createGateway({ atlas: g.atlas, limits: { ...DEFAULT_LIMITS, deadlineMs: 150 } });
    g.sim.control.setLatency(400);
    try {
      const query = `mutation { createApiKey(input: { organizationId: "${orgId}", description: "slow create", roles: [ORG_MEMBER] }) {
        __typename ... on CreateApiKeyPayload { privateKey apiKey { atlasId } } } }`;
      const response = await quick.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: unknown; data: { createApiKey: { __typename: string; privateKey: string; apiKey: { atlasId: string } } } };
      expect(body.errors).toBeUndefined();
      expect(body.data.createApiKey.__typename).toBe('CreateApiKeyPayload');
      expect(body.data.createApiKey.privateKey).toMatch(/^[0-9a-f-]{36}$/);
      const listed = await g.atlas.getApiKey(orgId, body.data.createApiKey.apiKey.atlasId);
      expect(listed.desc).toBe('slow create');
    } finally {
      g.sim.control.setLatency(0);
    }
  });

  it('refuses batched operations', async () => {
    const { status } = await post([{ query: '{ organizations { totalCount } }' }, { query: '{ organizations { totalCount } }' }]);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(g.calls()).toEqual([]);
  });
});

/**
 * A document whose fragments F0…F{levels-1} each spread the next twice, the last selecting
 * `leaf`: small, but the selections it stands for double at every level.
 */
const doublingSpreads = (levels: number, type: string, around: (spreads: string) => string, leaf: string, root: string) =>
  [
    `query { ${root.replace('SPREAD', '...F0')} }`,
    ...Array.from({ length: levels }, (_, i) => `fragment F${i} on ${type} { ${i === levels - 1 ? leaf : around(`...F${i + 1} ...F${i + 1}`)} }`),
  ].join('\n');

describe('documents whose fragments spread the next twice', () => {
  it(
    'answers one of 24 levels within the token limit, and refuses it for aliases when the last selects one',
    async () => {
      const open = createGateway({ atlas: g.atlas });
      const send = async (leaf: string) => {
        const query = doublingSpreads(24, 'OrganizationConnection', (spreads) => spreads, leaf, 'organizations { SPREAD }');
        const response = await open.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        return (await response.json()) as { data?: unknown; errors?: Array<{ extensions: Record<string, unknown> }> };
      };
      expect(await send('totalCount')).toEqual({ data: { organizations: { totalCount: g.sim.control.seeded.orgs.length } } });
      g.resetCalls();
      // F23 is spread 2^23 times, each with its alias.
      expect((await send('n: totalCount')).errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases', actual: 2 ** 23 });
      expect(g.calls()).toEqual([]);
    },
    5_000,
  );

  it(
    'measures each fragment once: depth and aliases of 30 levels, each fragment read once',
    () => {
      const levels = 30;
      const document = parse(
        doublingSpreads(levels, 'Organization', (spreads) => `a: apiKeys { edges { node { organization { ${spreads} } } } }`, 'name', 'organization(id: "x") { SPREAD }'),
      );
      // Each fragment's selections counted as they are read: more reads than fragments is a re-walk, stopped at once.
      let reads = 0;
      const definitions = document.definitions.map((definition) => {
        if (definition.kind !== Kind.FRAGMENT_DEFINITION) return definition;
        return Object.defineProperty({ ...definition }, 'selectionSet', {
          get: () => {
            reads += 1;
            if (reads > levels) throw new Error('a fragment was measured again');
            return definition.selectionSet;
          },
        }) as FragmentDefinitionNode;
      });
      const operation = definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
      // organization, then 4 fields a level, then name; Fi is spread 2^i times, each with one alias.
      expect(measureOperation({ ...document, definitions }, operation)).toEqual({ depth: 1 + 4 * (levels - 1) + 1, aliases: 2 ** (levels - 1) - 1 });
      expect(reads).toBe(levels);
    },
    5_000,
  );
});

// GraphQL over HTTP: a response without data is 4xx for application/graphql-response+json, while
// application/json keeps 200 for a well-formed request (clients that predate the new media type
// read the errors from the body).
describe('status codes of refusals before execution', () => {
  const LIMITED = {
    depth: `{ organization(id: "ORG") { apiKeys { edges { node { organization { apiKeys { edges { node { publicKey } } } } } } } } }`,
    aliases: `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: organizations { totalCount }`).join(' ')} }`,
    cost: `{ organizations(first: 100) { edges { node { apiKeys(first: 100) { edges { node { publicKey } } } } } } }`,
    tokens: `{ organizations { totalCount ${Array.from({ length: 150 }, () => '__typename').join(' ')} } }`,
  };
  it.each<[string, { query: string; variables?: Record<string, unknown> }, string]>([
    ['a syntax error', { query: '{ organizations {' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', { query: '{ organizationz { totalCount } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable of the wrong type', { query: 'query($n: Int) { organizations(first: $n) { totalCount } }', variables: { n: 'ten' } }, 'BAD_USER_INPUT'],
    ['a window out of range', { query: '{ organizations(first: 501) { totalCount } }' }, 'BAD_USER_INPUT'],
    ...Object.entries(LIMITED).map(([limit, query]): [string, { query: string }, string] => [`the ${limit} limit`, { query }, 'QUERY_LIMIT_EXCEEDED']),
  ])('answers %s 400 to application/graphql-response+json and 200 to application/json', async (_name, body, code) => {
    const request = { ...body, query: body.query.replace('ORG', orgId) };
    const strict = await post(request, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
    expect(strict.body.data).toBeUndefined();
    expect(strict.body.errors![0]!.extensions).toMatchObject({ code });
    const legacy = await post(request, { accept: 'application/json' });
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors![0]!.extensions).toMatchObject({ code });
    expect(g.calls()).toEqual([]);
  });
});
