// Errors a client can act on: graphql-js' variable errors keep their message, malformed global
// ids are refused per id before any Atlas call, every error has a code, and every INTERNAL one
// is logged with its cause.
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AtlasClient } from '../../src/atlas/index.js';
import { maskError } from '../../src/graph/errors.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { type GraphHarness, startGraph } from './harness.js';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions: Record<string, unknown> }>;
}

let g: GraphHarness;
let orgId: string;
let keyId: string;
const globalId = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  g = await startGraph('demo');
  orgId = g.sim.control.seeded.orgs[0]!.id;
  keyId = g.sim.control.seeded.orgs[0]!.apiKeys[0]!.id;
});
beforeEach(() => {
  g.sim.control.clearFaults();
  g.resetCalls();
});
afterAll(() => g.close());

async function send(gateway: ReturnType<typeof createGateway>, init: RequestInit & { path?: string }): Promise<{ status: number; body: Body }> {
  const response = await gateway.fetch(`http://gateway.test${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  expect(text, `HTTP ${response.status} answered an empty body`).not.toBe('');
  return { status: response.status, body: JSON.parse(text) as Body };
}

const post = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  send(g.gateway, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });

describe('variable errors', () => {
  it.each([
    [
      'an unknown enum value in a list',
      'mutation($r: [OrganizationRole!]!) { createApiKey(input: { organizationId: "__ORG__", description: "x", roles: $r }) { __typename } }',
      { r: ['ORG_SUPERUSER'] },
      /"ORG_SUPERUSER" does not exist in "OrganizationRole" enum\. Did you mean the enum value "ORG_[A-Z_]+"/,
    ],
    ['a string for an Int', 'query($n: Int) { organizations(first: $n) { totalCount } }', { n: 'abc' }, /Int cannot represent non-integer value: "abc"/],
    [
      'an input object without a required field',
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename } }',
      { input: { organizationId: '__ORG__', roles: ['ORG_MEMBER'] } },
      /Field "description" of required type "String!" was not provided/,
    ],
    ['null for a non-null variable', 'query($n: Int!) { organizations(first: $n) { totalCount } }', { n: null }, /of non-null type "Int!" must not be null/],
  ])('%s keeps graphql-js message, with BAD_USER_INPUT, before any Atlas call', async (_name, query, variables, message) => {
    const { body } = await post(query.replace('__ORG__', orgId), JSON.parse(JSON.stringify(variables).replace('__ORG__', orgId)) as Record<string, unknown>);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toMatch(message);
    expect(body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(g.calls()).toEqual([]);
  });
});

describe('global ids', () => {
  const malformed = [
    ['not base64 of anything', 'garbage'],
    ['an unknown type', globalId(`Cluster:${'a'.repeat(24)}`)],
    ['an Organization with a short id', globalId('Organization:abc')],
    ['an ApiKey with an extra part', globalId(`ApiKey:${'a'.repeat(24)}:${'b'.repeat(24)}:x`)],
    ['an ApiKey without its organization', globalId(`ApiKey:${'b'.repeat(24)}`)],
    ['an AccessListEntry whose address is a dot-segment', globalId(`AccessListEntry:${'a'.repeat(24)}:${'b'.repeat(24)}:..`)],
    ['an AccessListEntry whose address is a path', globalId(`AccessListEntry:${'a'.repeat(24)}:${'b'.repeat(24)}:1.2.3.4/../../x`)],
    ['an AccessListEntry with a prefix out of range', globalId(`AccessListEntry:${'a'.repeat(24)}:${'b'.repeat(24)}:10.0.0.0/33`)],
  ];

  it.each(malformed)('node() refuses %s as BAD_USER_INPUT before any Atlas call', async (_name, id) => {
    const { body } = await post('query($id: ID!) { node(id: $id) { id } }', { id: id! });
    expect(body.data).toEqual({ node: null });
    expect(body.errors![0]!).toMatchObject({ path: ['node'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    expect(g.calls()).toEqual([]);
  });

  it('nodes() answers null only at a malformed id, with its error at that index', async () => {
    const org = globalId(`Organization:${orgId}`);
    const key = globalId(`ApiKey:${orgId}:${keyId}`);
    const { body } = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids: [org, 'garbage', key] });
    expect(body.data).toEqual({ nodes: [{ id: org, __typename: 'Organization' }, null, { id: key, __typename: 'ApiKey' }] });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!).toMatchObject({ path: ['nodes', 1], extensions: { code: 'BAD_USER_INPUT', field: 'ids[1]' } });
  });

  it('nodes() keeps its length when the last id fails while the others are still loading', async () => {
    const org = globalId(`Organization:${orgId}`);
    const key = globalId(`ApiKey:${orgId}:${keyId}`);
    const { body } = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [org, key, 'garbage'] });
    expect(body.data).toEqual({ nodes: [{ id: org }, { id: key }, null] });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!).toMatchObject({ path: ['nodes', 2], extensions: { code: 'BAD_USER_INPUT', field: 'ids[2]' } });
  });

  it('nodes() answers null with NOT_FOUND only where an id names nothing', async () => {
    const org = globalId(`Organization:${orgId}`);
    const missing = globalId(`Organization:${'0'.repeat(24)}`);
    const { body } = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [missing, org] });
    expect(body.data).toEqual({ nodes: [null, { id: org }] });
    expect(body.errors![0]!).toMatchObject({ path: ['nodes', 0], extensions: { code: 'NOT_FOUND' } });
  });

  it('loads an access list entry by its global id, IPv6 and CIDR included', async () => {
    const { data } = await g.run(`{ apiKey(organizationId: "${orgId}", id: "${keyId}") { accessList { edges { node { id ipAddress cidrBlock } } } } }`);
    const entries = (data as { apiKey: { accessList: { edges: Array<{ node: { id: string } }> } } }).apiKey.accessList.edges.map((e) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    const { body } = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on AccessListEntry { ipAddress cidrBlock } } }', { ids: entries.map((e) => e.id) });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ nodes: entries });
  });
});

describe('every error has a code', () => {
  it.each([
    ['a syntax error', { 'content-type': 'application/json' }, JSON.stringify({ query: '{ organizations { ' }), 'GRAPHQL_PARSE_FAILED'],
    [
      'a syntax error, asked as graphql-response+json',
      { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      JSON.stringify({ query: '{ organizations { ' }),
      'GRAPHQL_PARSE_FAILED',
    ],
    ['a validation error', { 'content-type': 'application/json' }, JSON.stringify({ query: '{ organizationz }' }), 'GRAPHQL_VALIDATION_FAILED'],
    ['a body that is not JSON', { 'content-type': 'application/json' }, '{bad', 'BAD_REQUEST'],
    ['a request without a query', { 'content-type': 'application/json' }, '{}', 'BAD_REQUEST'],
    ['an unsupported content type (415)', { 'content-type': 'text/xml' }, '<query/>', 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form-encoded POST without a CSRF header', { 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7B__typename%7D', 'CSRF_HEADER_REQUIRED'],
  ])('%s', async (_name, headers, body, code) => {
    const answer = await send(g.gateway, { method: 'POST', headers, body });
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.body.errors!.map((e) => e.extensions.code)).toEqual([code]);
    expect(g.calls()).toEqual([]);
  });

  it('a GET without a CSRF header', async () => {
    const { status, body } = await send(g.gateway, { path: `/graphql?query=${encodeURIComponent('{ __typename }')}`, headers: { accept: 'application/json' } });
    expect(status).toBe(403);
    expect(body.errors![0]!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
  });

  it('a method GraphQL does not serve', async () => {
    const { status, body } = await send(g.gateway, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(body.errors![0]!.extensions.code).toEqual(expect.any(String));
  });
});

describe('unreadable Atlas answers', () => {
  it.each(['malformed-json', 'truncated-after-apply'] as const)('a read answered with %s is UPSTREAM_UNAVAILABLE, not INTERNAL', async (fault) => {
    g.sim.control.injectFault('getOrg', { sequence: [fault] });
    const { body } = await post(`{ organization(id: "${orgId}") { name } }`);
    expect(body.errors![0]!).toMatchObject({ path: ['organization'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(body.errors![0]!.message).toMatch(/could not be read/);
  });
});

describe('INTERNAL errors', () => {
  it('are logged at error level with cause, stack and request id, secrets redacted', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    // A bug of the gateway's own: a client method that throws.
    const broken = (client: AtlasClient, depth: number): AtlasClient =>
      new Proxy(client, {
        get(target, property) {
          if (property === 'getOrganization' && depth === 0) return () => Promise.reject(new TypeError('getOrg: cannot read properties of undefined'));
          const value: unknown = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          if (property === 'withSignal' || property === 'withReadSession') return (arg: never) => broken((value as (a: never) => AtlasClient).call(target, arg), depth - 1);
          return (value as (...args: unknown[]) => unknown).bind(target);
        },
      });
    const gateway = createGateway({ atlas: broken(g.atlas, 2), logger: createLogger({ destination }) });
    const { body } = await send(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-internal', authorization: 'Bearer canary-7f3a9' },
      body: JSON.stringify({ query: `query Broken { organization(id: "${orgId}") { name } }` }),
    });
    expect(body.errors![0]!).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL' } });
    expect(JSON.stringify(body)).not.toMatch(/stack|getOrg/);
    const logged = lines.find((line) => line.msg === 'internal error');
    expect(logged).toMatchObject({ level: 50, requestId: 'req-internal', operation: 'Broken', path: ['organization'] });
    const err = logged!.err as { type: string; message: string; stack: string };
    expect(err.message).toContain('getOrg');
    expect(err.stack).toContain('at ');
    expect(JSON.stringify(lines)).not.toContain('canary-7f3a9');
  });
});

describe('masking a copy of an error', () => {
  // What the inline-trace plugin hands its rewriteError: own enumerable properties on the same prototype.
  const copy = (error: GraphQLError): GraphQLError => Object.assign(Object.create(Object.getPrototypeOf(error) as object) as GraphQLError, error);
  const shown = (error: GraphQLError) => ({ message: error.message, code: error.extensions.code });

  it.each([
    ['NOT_FOUND', new GraphQLError('No organization with ID x exists.', { path: ['organization'], extensions: { code: 'NOT_FOUND' } })],
    ['BAD_USER_INPUT', new GraphQLError('id is not a global id.', { path: ['node'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } })],
    ['a resolver failure', new GraphQLError('connect ECONNREFUSED 10.0.0.7 password=hunter2', { path: ['organization'], originalError: new Error('connect ECONNREFUSED 10.0.0.7 password=hunter2') })],
  ])('gives %s the same message and code as the masked original', (_name, error) => {
    const masked = maskError(error);
    expect(shown(maskError(copy(masked)))).toEqual(shown(masked));
  });

  it('shows nothing of an unmasked copy that carries no code (its cause was lost with the copy)', () => {
    const unmasked = new GraphQLError('connect ECONNREFUSED 10.0.0.7 password=hunter2', { path: ['organization'], originalError: new Error('password=hunter2') });
    expect(shown(maskError(copy(unmasked)))).toEqual({ message: 'Unexpected error.', code: 'INTERNAL' });
  });
});
