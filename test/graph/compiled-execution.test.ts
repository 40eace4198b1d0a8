// Operations run compiled (graphql-jit). Each document here is run through the gateway and
// through graphql-js' own execute over the same schema, and both answers must be the same: data,
// and each error's message, code, path and location.
import { readFileSync, readdirSync } from 'node:fs';
import { type ExecutionResult, execute, getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/graph/context.js';
import { maskError } from '../../src/graph/errors.js';
import { subgraphSchemas } from '../../src/graph/index.js';
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

async function viaGateway(query: string, variables: Record<string, unknown>): Promise<Comparable> {
  const response = await g.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as ExecutionResult & { errors?: Array<{ message: string; path?: unknown; locations?: unknown; extensions: { code: unknown } }> };
  return {
    data: body.data ?? null,
    errors: (body.errors ?? [])
      .map((error) => ({ message: error.message, code: error.extensions.code, path: error.path, locations: error.locations }))
      .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path))),
  };
}

async function viaGraphqlJs(query: string, variables: Record<string, unknown>): Promise<Comparable> {
  const result = await execute({ schema: subgraphSchemas.omit, document: parse(query), variableValues: variables, contextValue: createContext(g.atlas) });
  return comparable(result);
}

async function expectSameAnswer(query: string, variables: Record<string, unknown> = {}): Promise<Comparable> {
  const compiled = await viaGateway(query, variables);
  const interpreted = await viaGraphqlJs(query, variables);
  expect(compiled).toEqual(interpreted);
  return compiled;
}

describe('compiled execution answers as graphql-js does', () => {
  const operations = new URL('../../schema/operations/', import.meta.url);
  const variablesOf: Record<string, () => Record<string, unknown>> = {
    'organization-dashboard.graphql': () => ({ id: orgId, first: 5 }),
    'api-key-detail.graphql': () => ({ organizationId: orgId, id: keyId }),
    'project-api-keys.graphql': () => ({ id: projectId }),
  };
  it('has variables for every query document', () => {
    expect(readdirSync(operations).filter((name) => !name.includes('mutation')).sort()).toEqual(Object.keys(variablesOf).sort());
  });
  for (const [file, variables] of Object.entries(variablesOf)) {
    it(`runs ${file}`, async () => {
      const answer = await expectSameAnswer(readFileSync(new URL(file, operations), 'utf8'), variables());
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
    g.sim.control.injectFault('listOrgApiKeyAccessListEntries', { sequence: ['malformed-json'] });
    const compiled = await viaGateway(query, { id: orgId });
    g.sim.control.injectFault('listOrgApiKeyAccessListEntries', { sequence: ['malformed-json'] });
    const interpreted = await viaGraphqlJs(query, { id: orgId });
    expect(compiled).toEqual(interpreted);
    expect(compiled.errors.map((error) => error.code)).toEqual(['INTERNAL']);
  });

  it('introspection', async () => {
    await expectSameAnswer(getIntrospectionQuery());
  });
});
