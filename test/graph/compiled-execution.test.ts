// Operations run compiled (graphql-jit) from their second run on. Each document here is run
// through the gateway twice (interpreted, then compiled) and through graphql-js' own execute over
// the same schema, and the answers must be the same: data, and each error's message, code, path
// and location.
import { readFileSync, readdirSync } from 'node:fs';
import { type ExecutionResult, execute, getIntrospectionQuery, parse } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/graph/context.js';
import { maskError } from '../../src/graph/errors.js';
import { subgraphSchemas } from '../../src/graph/index.js';
import { useCompiledExecution } from '../../src/server/use-compiled-execution.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let orgId: string;
let keyId: string;
let projectId: string;

beforeAll(async () => {
  g = await startGraph('demo');
  const org = g.sim.control.seeded.orgs[0]!;
  orgId = org.id;
  keyId = org.apiKeys[0]!.id;
  projectId = org.projects[0]!.id;
});
afterAll(() => g?.close());

const globalId = (value: string) => Buffer.from(value).toString('base64');

interface Comparable {
  data: unknown;
  errors: Array<{ message: string; code: unknown; path: unknown; locations: unknown }>;
}

const comparable = (result: ExecutionResult): Comparable => ({
  data: JSON.parse(JSON.stringify(result.data ?? null)),
  errors: (result.errors ?? [])
    .map((error) => {
      const masked = maskError(error);
      return { message: masked.message, code: masked.extensions.code, path: masked.path, locations: masked.locations ?? error.locations };
    })
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path))),
});

async function viaGateway(query: string, variables: Record<string, unknown>, operationName?: string): Promise<Comparable> {
  const response = await g.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await response.json()) as ExecutionResult & { errors?: Array<{ message: string; path?: unknown; locations?: unknown; extensions: { code: unknown } }> };
  return {
    data: body.data ?? null,
    errors: (body.errors ?? [])
      .map((error) => ({ message: error.message, code: error.extensions.code, path: error.path, locations: error.locations }))
      .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path))),
  };
}

async function viaGraphqlJs(query: string, variables: Record<string, unknown>, operationName?: string): Promise<Comparable> {
  const result = await execute({ schema: subgraphSchemas.omit, document: parse(query), variableValues: variables, operationName, contextValue: createContext(g.atlas) });
  return comparable(result);
}

async function expectSameAnswer(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<Comparable> {
  const expected = await viaGraphqlJs(query, variables, operationName);
  expect(await viaGateway(query, variables, operationName), 'first run').toEqual(expected);
  const compiled = await viaGateway(query, variables, operationName);
  expect(compiled, 'compiled run').toEqual(expected);
  return compiled;
}

describe('compiled execution answers as graphql-js does', () => {
  const operations = new URL('../../schema/operations/', import.meta.url);
  const variablesOf: Record<string, () => Record<string, unknown>> = {
    'organization-dashboard.graphql': () => ({ id: orgId, first: 5 }),
    'api-key-detail.graphql': () => ({ organizationId: orgId, id: keyId }),
    'project-api-keys.graphql': () => ({ id: projectId }),
    'key-hygiene.graphql': () => ({ id: orgId, unusedForDays: 30 }),
    'key-history.graphql': () => ({ id: globalId(`ApiKey:${orgId}:${keyId}`) }),
    'viewer.graphql': () => ({}),
    'service-accounts.graphql': () => ({ id: orgId }),
    'service-account-hygiene.graphql': () => ({ id: orgId, expiringWithinDays: 30 }),
    'service-account-history.graphql': () => ({ id: orgId, first: 20 }),
    // None: graphql-js runs with a context of its own, whose audit log is empty.
    'audit-records.graphql': () => ({ id: orgId, first: 0 }),
    'api-key-audit-records.graphql': () => ({ organizationId: orgId, id: keyId, first: 0 }),
  };
  it('has variables for every query document', () => {
    expect(readdirSync(operations).filter((name) => !name.includes('mutation')).sort()).toEqual(Object.keys(variablesOf).sort());
  });
  // When each run read Atlas: the same in both answers only by chance.
  const withoutReadTimes = (query: string) => query.replace(/^\s*oldestReadAt\s*$/m, '');
  for (const [file, variables] of Object.entries(variablesOf)) {
    it(`runs ${file}`, async () => {
      const answer = await expectSameAnswer(withoutReadTimes(readFileSync(new URL(file, operations), 'utf8')), variables());
      expect(answer.errors).toEqual([]);
    });
  }

  it('@include and @skip, with variables', async () => {
    const query = `query($with: Boolean!) { organizations(first: 2) { edges { node { name @include(if: $with) atlasId @skip(if: $with) } } } }`;
    await expectSameAnswer(query, { with: true });
    await expectSameAnswer(query, { with: false });
  });

  it('fragments, on a type and on an interface, with aliases and __typename', async () => {
    await expectSameAnswer(`
      fragment Key on ApiKey { description publicKey }
      query($id: ID!) {
        __typename
        org: organization(id: $id) {
          __typename
          few: apiKeys(first: 2) { edges { node { ...Key ... on Node { id __typename } } } }
          more: apiKeys(first: 4) { totalCount edges { cursor node { atlasId } } pageInfo { hasNextPage endCursor } }
        }
      }`, { id: orgId });
  });

  it('nodes() with ids of every kind, a malformed one and a missing one', async () => {
    const ids = [
      globalId(`Organization:${orgId}`),
      globalId(`ApiKey:${orgId}:${keyId}`),
      globalId(`Organization:${'0'.repeat(24)}`),
      globalId(`Project:${projectId}`),
      'garbage',
    ];
    const answer = await expectSameAnswer(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Organization { name } ... on ApiKey { description } ... on Project { name } } }`,
      { ids },
    );
    expect(answer.errors.map((error) => error.code)).toEqual(['NOT_FOUND', 'BAD_USER_INPUT']);
  });

  it('an upstream failure inside a list: the error at its path, null up to the nearest nullable field', async () => {
    const query = `query($id: ID!) { organization(id: $id) { name apiKeys(first: 3) { edges { node { description accessList { edges { node { ipAddress } } } } } } } }`;
    const faulted = async <T>(run: () => Promise<T>): Promise<T> => {
      g.sim.control.injectFault('listOrgApiKeyAccessListEntries', { sequence: ['malformed-json'] });
      return run();
    };
    const expected = await faulted(() => viaGraphqlJs(query, { id: orgId }));
    expect(await faulted(() => viaGateway(query, { id: orgId })), 'first run').toEqual(expected);
    const compiled = await faulted(() => viaGateway(query, { id: orgId }));
    expect(compiled, 'compiled run').toEqual(expected);
    expect(compiled.errors.map((error) => error.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
  });

  it('runs the operation a request names, of a document with several, queries and mutations alike', async () => {
    const document = `query Count { organizations(first: 1) { totalCount } } query Name { __typename } mutation Touch { __typename }`;
    for (let round = 0; round < 3; round++) {
      expect((await expectSameAnswer(document, {}, 'Name')).data).toEqual({ __typename: 'Query' });
      expect((await expectSameAnswer(document, {}, 'Count')).data).toEqual({ organizations: { totalCount: expect.any(Number) } });
      expect((await expectSameAnswer(document, {}, 'Touch')).data).toEqual({ __typename: 'Mutation' });
    }
  });

  it("weighs the operation a request names, not one compiled before from the same document", async () => {
    const document = `query Deep($n: Int) { organizations(first: $n) { edges { node { apiKeys(first: $n) { edges { node { accessList(first: $n) { totalCount } } } } } } } } query Plain { __typename }`;
    await expectSameAnswer(document, { n: 1 }, 'Deep');
    const refused = await viaGateway(document, { n: 100 }, 'Deep');
    expect(refused.errors.map((error) => error.code)).toEqual(['QUERY_LIMIT_EXCEEDED']);
    expect((await expectSameAnswer(document, { n: 100 }, 'Plain')).data).toEqual({ __typename: 'Query' });
  });

  it('gives a variable left out its default, non-null ones too', async () => {
    const answer = await expectSameAnswer(`query($first: Int! = 1, $with: Boolean! = true) { organizations(first: $first) { edges { node { name @include(if: $with) } } } }`);
    expect(answer.errors).toEqual([]);
  });

  it('introspection', async () => {
    await expectSameAnswer(getIntrospectionQuery());
  });
});

describe('what stays interpreted', () => {
  // A type resolver that throws once an async field has been resolved: graphql-jit would call it
  // in a promise callback, never finish the execution, and leave a rejected promise unhandled.
  const schema = createSchema({
    typeDefs: `interface Thing { id: ID } type Widget implements Thing { id: ID } type Gadget { id: ID }
      type Query { slow: String thing: Thing things: [Thing] gadget: Gadget }
      type Mutation { slow: String thing: Thing }`,
    resolvers: {
      Thing: {
        __resolveType: () => {
          throw new Error('the type resolver failed');
        },
      },
      Gadget: {
        __isTypeOf: () => {
          throw new Error('the type resolver failed');
        },
      },
      Query: { slow: async () => 'ok', thing: async () => ({ id: '1' }), things: async () => [{ id: '1' }, { id: '2' }], gadget: async () => ({ id: '1' }) },
      Mutation: { slow: async () => 'ok', thing: async () => ({ id: '1' }) },
    },
  });
  const yoga = createYoga({ schema, plugins: [useCompiledExecution()], logging: false, maskedErrors: false });

  it.each([
    ['a field of an interface type', 'query { slow thing { id } }', { slow: 'ok', thing: null }],
    ['a list of an interface type', 'query { slow things { id } }', { slow: 'ok', things: [null, null] }],
    ['a mutation', 'mutation { slow thing { id } }', { slow: 'ok', thing: null }],
    ['a field of an interface type in a fragment', 'query { ...Outer } fragment Outer on Query { slow ...Inner } fragment Inner on Query { thing { id } }', { slow: 'ok', thing: null }],
    ['a field of an object type with isTypeOf', 'query { slow gadget { id } }', { slow: 'ok', gadget: null }],
  ])('answers %s every time when its type resolver throws', async (_what, query, data) => {
    for (let run = 0; run < 3; run++) {
      const response = await yoga.fetch('http://yoga.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { data: unknown; errors: Array<{ message: string }> };
      expect(body.data).toEqual(data);
      expect(new Set(body.errors.map((error) => error.message))).toEqual(new Set(['the type resolver failed']));
    }
  });
});

