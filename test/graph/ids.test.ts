// One rule for ids: every argument that names an object takes its `id` (the global id a query
// returned), and an organization's or a project's `atlasId` too; the Atlas forms documents
// already send keep working. A value of the wrong kind is refused before any Atlas call, with a
// message that names the field to pass.
import { type GraphQLSchema, getNamedType, isInputObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../../src/graph/index.js';
import { AssignApiKeyToProjectDocument, CreateApiKeyDocument, UpdateApiKeyDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
const acme = () => g.sim.control.seeded.orgs[0]!;
const globalId = (text: string) => Buffer.from(text).toString('base64');
const orgGid = () => globalId(`Organization:${acme().id}`);
const projectGid = () => globalId(`Project:${acme().projects[0]!.id}`);
const keyOf = () => acme().apiKeys.find((k) => k.desc === 'CI deployer')!;
const keyGid = () => globalId(`ApiKey:${acme().id}:${keyOf().id}`);

beforeAll(async () => {
  g = await startGraph('demo');
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

describe('an argument that names an object takes its id', () => {
  it('reads an organization, a project and a key by the id a query returned', async () => {
    const { data } = await g.run<{ organization: { id: string; projects: { edges: Array<{ node: { id: string } }> }; apiKeys: { edges: Array<{ node: { id: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { id projects(first: 1) { edges { node { id } } } apiKeys(first: 1) { edges { node { id } } } } }',
      { id: acme().id },
    );
    const org = data!.organization;
    const again = await g.run<{ organization: { atlasId: string } }, { id: string }>('query($id: ID!) { organization(id: $id) { atlasId } }', { id: org.id });
    expect(again.data).toEqual({ organization: { atlasId: acme().id } });
    const project = await g.run<{ project: { id: string } }, { id: string }>('query($id: ID!) { project(id: $id) { id } }', { id: org.projects.edges[0]!.node.id });
    expect(project.data).toEqual({ project: { id: org.projects.edges[0]!.node.id } });
    const key = org.apiKeys.edges[0]!.node.id;
    const byId = await g.run<{ apiKey: { id: string } }, { id: string }>('query($id: ID!) { apiKey(id: $id) { id } }', { id: key });
    expect(byId.data).toEqual({ apiKey: { id: key } });
  });

  it('keeps the Atlas forms: organization and project by atlasId, a key by its organization and atlasId', async () => {
    const { data } = await g.run<{ organization: { name: string }; project: { name: string }; a: { description: string }; b: { description: string } }, Record<string, string>>(
      `query($org: ID!, $orgGid: ID!, $project: ID!, $key: ID!) {
        organization(id: $org) { name }
        project(id: $project) { name }
        a: apiKey(organizationId: $org, id: $key) { description }
        b: apiKey(organizationId: $orgGid, id: $key) { description }
      }`,
      { org: acme().id, orgGid: orgGid(), project: acme().projects[0]!.id, key: keyOf().id },
    );
    expect(data).toEqual({ organization: { name: 'Acme-Corp' }, project: { name: 'Production' }, a: { description: 'CI deployer' }, b: { description: 'CI deployer' } });
  });

  it('takes global ids in mutation inputs, as it takes Atlas ids', async () => {
    const created = await g.run(CreateApiKeyDocument, { input: { organizationId: orgGid(), description: 'by global id', roles: ['ORG_READ_ONLY'] } });
    expect(created.data!.createApiKey).toMatchObject({ __typename: 'CreateApiKeyPayload', apiKey: { description: 'by global id' } });
    const key = (created.data!.createApiKey as { apiKey: { id: string } }).apiKey.id;
    const assigned = await g.run(AssignApiKeyToProjectDocument, { input: { projectId: projectGid(), apiKeyId: key, roles: ['GROUP_READ_ONLY'] } });
    expect(assigned.data!.assignApiKeyToProject).toMatchObject({
      __typename: 'ProjectApiKeyPayload',
      apiKey: { id: key, projectAssignments: [{ project: { atlasId: acme().projects[0]!.id }, roles: [{ role: 'GROUP_READ_ONLY' }] }] },
    });
  });
});

describe('an id of the wrong kind is refused with the field to pass, before any Atlas call', () => {
  it.each([
    ['a key id as an organization id', () => `{ organization(id: "${keyGid()}") { name } }`, 'organization', 'id', 'id takes Organization.id (or Organization.atlasId); this is the id of an ApiKey.'],
    ['an organization id as a project id', () => `{ project(id: "${orgGid()}") { name } }`, 'project', 'id', 'id takes Project.id (or Project.atlasId); this is the id of an Organization.'],
    ['a project id as a key id', () => `{ apiKey(id: "${projectGid()}") { description } }`, 'apiKey', 'id', 'id takes ApiKey.id (or ApiKey.atlasId with organizationId); this is the id of a Project.'],
    ['a key id as the organization of a key', () => `{ apiKey(organizationId: "${keyGid()}", id: "${keyOf().id}") { description } }`, 'apiKey', 'organizationId', 'organizationId takes Organization.id (or Organization.atlasId); this is the id of an ApiKey.'],
    [
      'a key atlasId without its organization',
      () => `{ apiKey(id: "${keyOf().id}") { description } }`,
      'apiKey',
      'id',
      "id takes ApiKey.id (or ApiKey.atlasId with organizationId); an Atlas id alone does not say the key's organization.",
    ],
    ['a public key', () => `{ apiKey(organizationId: "${acme().id}", id: "${keyOf().publicKey}") { description } }`, 'apiKey', 'id', 'id takes ApiKey.id (or ApiKey.atlasId with organizationId); this looks like a public key (ApiKey.publicKey).'],
    [
      'an atlasId to node',
      () => `{ node(id: "${acme().id}") { id } }`,
      'node',
      'id',
      'id takes the id of an object (Organization.id, Project.id, ApiKey.id, AccessListEntry.id or ServiceAccount.id); an Atlas id does not say what it names: pass the object\'s id, or use organization, project or apiKey.',
    ],
    ['neither', () => '{ organization(id: "acme") { name } }', 'organization', 'id', 'id takes Organization.id (or Organization.atlasId); this is neither a global id nor a 24-character hexadecimal Atlas id.'],
  ])('%s', async (_name, query, path, field, message) => {
    const result = await g.run(query(), undefined, { expectErrors: true });
    expect(result.errors).toEqual([{ message, path: [path], locations: [{ line: 1, column: 3 }], extensions: { code: 'BAD_USER_INPUT', field } }]);
    expect(g.calls()).toEqual([]);
  });

  it('a key id from another organization than organizationId', async () => {
    const other = g.sim.control.seeded.orgs[1]!.id;
    const result = await g.run(`{ apiKey(organizationId: "${other}", id: "${keyGid()}") { description } }`, undefined, { expectErrors: true });
    expect(result.errors![0]).toMatchObject({ message: `id is the id of a key of organization ${acme().id}, not of organizationId (${other}).`, path: ['apiKey'] });
    expect(g.calls()).toEqual([]);
  });

  it.each([
    ['a key id as the organization of a new key', CreateApiKeyDocument, () => ({ input: { organizationId: keyGid(), description: 'x', roles: ['ORG_MEMBER'] } }), 'input.organizationId', 'input.organizationId takes Organization.id (or Organization.atlasId); this is the id of an ApiKey.'],
    ['a key atlasId alone', UpdateApiKeyDocument, () => ({ input: { id: keyOf().id, description: 'x' } }), 'input.id', "input.id takes ApiKey.id; an Atlas id alone does not say the key's organization."],
    [
      'a key id as a project id',
      AssignApiKeyToProjectDocument,
      () => ({ input: { projectId: keyGid(), apiKeyId: keyGid(), roles: ['GROUP_READ_ONLY'] } }),
      'input.projectId',
      'input.projectId takes Project.id (or Project.atlasId); this is the id of an ApiKey.',
    ],
    [
      'an organization id as a key id',
      AssignApiKeyToProjectDocument,
      () => ({ input: { projectId: projectGid(), apiKeyId: orgGid(), roles: ['GROUP_READ_ONLY'] } }),
      'input.apiKeyId',
      'input.apiKeyId takes ApiKey.id; this is the id of an Organization.',
    ],
  ] as const)('in a mutation: %s, as a ValidationError', async (_name, document, variables, field, message) => {
    const { data } = await g.run(document as typeof CreateApiKeyDocument, variables() as never);
    expect(Object.values(data!)[0]).toMatchObject({ __typename: 'ValidationError', field, message });
    expect(g.calls()).toEqual([]);
  });
});

/** Every argument and input field of type ID, with its description. */
function idArguments(s: GraphQLSchema): Array<{ name: string; description: string }> {
  const found: Array<{ name: string; description: string }> = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === 'ID') found.push({ name: `${type.name}.${field.name}`, description: field.description ?? '' });
      }
    } else if ('getFields' in type) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of 'args' in field ? field.args : []) {
          if (getNamedType(arg.type).name === 'ID') found.push({ name: `${type.name}.${field.name}(${arg.name})`, description: arg.description ?? '' });
        }
      }
    }
  }
  return found;
}

describe('the rule is written in the schema', () => {
  it('says of every id argument that it takes an id field', () => {
    const args = idArguments(schema);
    expect(args.length).toBeGreaterThanOrEqual(12);
    for (const { name, description } of args) expect(description, name).toMatch(/\b(Organization|Project|ApiKey|ServiceAccount)\.id\b|the `id` of an object/i);
  });
});
