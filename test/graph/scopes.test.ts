// Who may see and do what, field by field: every root field declares its rule (scopes.ts) or is
// on the short list of those that check per object; every field that declares one refuses a token
// without its scope, with the code and message the gateway has always given (FORBIDDEN with
// `requiredScope`, or a mutation's typed ForbiddenError), and without calling Atlas.
import { type GraphQLField, isObjectType } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graph/index.js';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { subscribeSse } from '../support/sse.js';
import { type GraphHarness, startGraph } from './harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const URL = 'http://gateway.test/graphql';

/** Root fields whose rule is each object's own, applied where the object is loaded. */
const CHECKED_PER_OBJECT: Record<string, string> = {
  'Query.node': "each id is loaded by its type's loader, which requires read in the object's organization",
  'Query.nodes': 'as node, id by id: each fails on its own',
  'Query.project': "a project's organization is known once it is found; one outside the token's organizations is NOT_FOUND, as for a project that does not exist",
};

let g: GraphHarness;
let gateway: ReturnType<typeof createGateway>;
let acme: string;
let project: string;
let key: { id: string; atlasId: string };
/** A service account of the organization: its global id. */
let account: string;

const sign = (scope: string) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('console-user')
    .setIssuer('https://idp.example.com')
    .setAudience('atlas-keys-gateway')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: string[]; extensions: Record<string, unknown> }> };

async function ask(query: string, variables: Record<string, unknown>, scope: string): Promise<Body> {
  const response = await gateway.fetch(URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(scope)}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

const rulesOf = (field: GraphQLField<unknown, unknown>) => (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;

/** Every field of the schema that declares a rule, and every root field, as `Type.field`. */
function fields(): { ruled: string[]; root: string[] } {
  const ruled: string[] = [];
  const root: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      if (rulesOf(field)) ruled.push(name);
      if (['Query', 'Mutation', 'Subscription'].includes(type.name)) root.push(name);
    }
  }
  return { ruled, root };
}

type Refusal = { kind: 'forbidden'; requiredScope: string } | { kind: 'typed'; message: string };

interface Case {
  query: string;
  variables: () => Record<string, unknown>;
  /** What the token carries: everything but what the rule asks for. */
  scope: () => string;
  refusal: () => Refusal;
  /** A project's organization is found before the rule can be applied: one lookup. */
  lookups?: number;
}

const forbidden = (requiredScope: () => string) => () => ({ kind: 'forbidden' as const, requiredScope: requiredScope() });
const writeRefused = () => ({ kind: 'typed' as const, message: `The token's scopes do not allow changing organization ${acme} (needs atlas:write or atlas:write:${acme}).` });
const mutation = (field: string, input: () => Record<string, unknown>, lookups?: number): Case => ({
  query: `mutation($input: ${INPUTS[field]}!) { ${field}(input: $input) { __typename ... on MutationError { message } } }`,
  variables: () => ({ input: input() }),
  scope: () => 'atlas:read atlas:audit',
  refusal: writeRefused,
  ...(lookups ? { lookups } : {}),
});
const INPUTS: Record<string, string> = {
  createApiKey: 'CreateApiKeyInput',
  updateApiKey: 'UpdateApiKeyInput',
  deleteApiKey: 'DeleteApiKeyInput',
  createProjectApiKey: 'CreateProjectApiKeyInput',
  assignApiKeyToProject: 'ProjectApiKeyRolesInput',
  setProjectApiKeyRoles: 'ProjectApiKeyRolesInput',
  unassignApiKeyFromProject: 'UnassignApiKeyFromProjectInput',
  addAccessListEntries: 'AddAccessListEntriesInput',
  removeAccessListEntry: 'RemoveAccessListEntryInput',
  rotateApiKey: 'RotateApiKeyInput',
  updateOrganizationSettings: 'UpdateOrganizationSettingsInput',
  createServiceAccount: 'CreateServiceAccountInput',
  createProjectServiceAccount: 'CreateProjectServiceAccountInput',
  updateServiceAccount: 'UpdateServiceAccountInput',
  deleteServiceAccount: 'ServiceAccountIdInput',
  addServiceAccountSecret: 'AddServiceAccountSecretInput',
  deleteServiceAccountSecret: 'DeleteServiceAccountSecretInput',
  addServiceAccountAccessListEntries: 'AddServiceAccountAccessListEntriesInput',
  removeServiceAccountAccessListEntry: 'RemoveServiceAccountAccessListEntryInput',
  assignServiceAccountToProject: 'ServiceAccountProjectRolesInput',
  setServiceAccountProjectRoles: 'ServiceAccountProjectRolesInput',
  unassignServiceAccountFromProject: 'UnassignServiceAccountFromProjectInput',
  rotateServiceAccountSecret: 'RotateServiceAccountSecretInput',
  migrateApiKeyToServiceAccount: 'MigrateApiKeyToServiceAccountInput',
};
const otherOrgRead = () => `atlas:read:${g.sim.control.seeded.orgs[1]!.id} atlas:audit:${g.sim.control.seeded.orgs[1]!.id}`;
const readOnly = () => 'atlas:read';

const CASES: Record<string, Case> = {
  'Query.organizations': { query: '{ organizations { totalCount } }', variables: () => ({}), scope: otherOrgRead, refusal: forbidden(() => 'atlas:read') },
  'Query.organization': { query: 'query($id: ID!) { organization(id: $id) { name } }', variables: () => ({ id: acme }), scope: otherOrgRead, refusal: forbidden(() => `atlas:read:${acme}`) },
  'Query.apiKey': { query: 'query($id: ID!) { apiKey(id: $id) { description } }', variables: () => ({ id: key.id }), scope: otherOrgRead, refusal: forbidden(() => `atlas:read:${acme}`) },
  'Query.serviceAccount': {
    query: 'query($org: ID!) { serviceAccount(organizationId: $org, id: "mdb_sa_id_0123456789abcdef01234567") { name } }',
    variables: () => ({ org: acme }),
    scope: otherOrgRead,
    refusal: forbidden(() => `atlas:read:${acme}`),
  },
  'Query.viewer': { query: '{ viewer { clientId } }', variables: () => ({}), scope: otherOrgRead, refusal: forbidden(() => 'atlas:read') },
  'Organization.apiKeyEvents': {
    query: 'query($id: ID!) { organization(id: $id) { apiKeyEvents(first: 1) { edges { node { type } } } } }',
    variables: () => ({ id: acme }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'Organization.serviceAccountEvents': {
    query: 'query($id: ID!) { organization(id: $id) { serviceAccountEvents(first: 1) { edges { node { type } } } } }',
    variables: () => ({ id: acme }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'Project.serviceAccountEvents': {
    query: 'query($id: ID!) { project(id: $id) { serviceAccountEvents(first: 1) { edges { node { type } } } } }',
    variables: () => ({ id: project }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'Organization.auditRecords': {
    query: 'query($id: ID!) { organization(id: $id) { auditRecords(first: 1) { edges { node { id } } } } }',
    variables: () => ({ id: acme }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'Project.apiKeyEvents': {
    query: 'query($id: ID!) { project(id: $id) { apiKeyEvents(first: 1) { edges { node { type } } } } }',
    variables: () => ({ id: project }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'ApiKey.events': {
    query: 'query($id: ID!) { apiKey(id: $id) { events(first: 1) { edges { node { type } } } } }',
    variables: () => ({ id: key.id }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'ApiKey.auditRecords': {
    query: 'query($id: ID!) { apiKey(id: $id) { auditRecords(first: 1) { edges { node { id } } } } }',
    variables: () => ({ id: key.id }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'ServiceAccount.auditRecords': {
    query: 'query($id: ID!) { node(id: $id) { ... on ServiceAccount { auditRecords(first: 1) { edges { node { id } } } } } }',
    variables: () => ({ id: account }),
    scope: readOnly,
    refusal: forbidden(() => `atlas:audit:${acme}`),
  },
  'Mutation.createApiKey': mutation('createApiKey', () => ({ organizationId: acme, description: 'refused', roles: ['ORG_MEMBER'] })),
  'Mutation.updateApiKey': mutation('updateApiKey', () => ({ id: key.id, description: 'refused' })),
  'Mutation.deleteApiKey': mutation('deleteApiKey', () => ({ id: key.id })),
  // The project is looked for first: its organization is what the rule names.
  'Mutation.createProjectApiKey': mutation('createProjectApiKey', () => ({ projectId: project, description: 'refused', roles: ['GROUP_READ_ONLY'] }), 1),
  'Mutation.assignApiKeyToProject': mutation('assignApiKeyToProject', () => ({ apiKeyId: key.id, projectId: project, roles: ['GROUP_READ_ONLY'] })),
  'Mutation.setProjectApiKeyRoles': mutation('setProjectApiKeyRoles', () => ({ apiKeyId: key.id, projectId: project, roles: ['GROUP_READ_ONLY'] })),
  'Mutation.unassignApiKeyFromProject': mutation('unassignApiKeyFromProject', () => ({ apiKeyId: key.id, projectId: project })),
  'Mutation.addAccessListEntries': mutation('addAccessListEntries', () => ({ apiKeyId: key.id, entries: ['198.51.100.7'] })),
  'Mutation.removeAccessListEntry': mutation('removeAccessListEntry', () => ({ apiKeyId: key.id, entry: '198.51.100.7' })),
  'Mutation.rotateApiKey': mutation('rotateApiKey', () => ({ id: key.id, oldKey: 'KEEP' })),
  'Mutation.updateOrganizationSettings': mutation('updateOrganizationSettings', () => ({ organizationId: acme, apiAccessListRequired: true })),
  'Mutation.createServiceAccount': mutation('createServiceAccount', () => ({ organizationId: acme, name: 'refused', description: 'Refused', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 })),
  'Mutation.createProjectServiceAccount': mutation(
    'createProjectServiceAccount',
    () => ({ projectId: project, name: 'refused', description: 'Refused', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 }),
    1,
  ),
  'Mutation.updateServiceAccount': mutation('updateServiceAccount', () => ({ id: account, name: 'refused' })),
  'Mutation.deleteServiceAccount': mutation('deleteServiceAccount', () => ({ id: account })),
  'Mutation.addServiceAccountSecret': mutation('addServiceAccountSecret', () => ({ serviceAccountId: account, expiresAfterHours: 24 })),
  'Mutation.deleteServiceAccountSecret': mutation('deleteServiceAccountSecret', () => ({ serviceAccountId: account, secretId: '0123456789abcdef01234567' })),
  'Mutation.addServiceAccountAccessListEntries': mutation('addServiceAccountAccessListEntries', () => ({ serviceAccountId: account, entries: ['198.51.100.7'] })),
  'Mutation.removeServiceAccountAccessListEntry': mutation('removeServiceAccountAccessListEntry', () => ({ serviceAccountId: account, entry: '198.51.100.7' })),
  'Mutation.assignServiceAccountToProject': mutation('assignServiceAccountToProject', () => ({ serviceAccountId: account, projectId: project, roles: ['GROUP_READ_ONLY'] })),
  'Mutation.setServiceAccountProjectRoles': mutation('setServiceAccountProjectRoles', () => ({ serviceAccountId: account, projectId: project, roles: ['GROUP_READ_ONLY'] })),
  'Mutation.unassignServiceAccountFromProject': mutation('unassignServiceAccountFromProject', () => ({ serviceAccountId: account, projectId: project })),
  'Mutation.rotateServiceAccountSecret': mutation('rotateServiceAccountSecret', () => ({ serviceAccountId: account, expiresAfterHours: 24 })),
  'Mutation.migrateApiKeyToServiceAccount': mutation('migrateApiKeyToServiceAccount', () => ({ apiKeyId: key.id, secretExpiresAfterHours: 24 })),
};

/** Subscriptions, refused when they start (over SSE: the first and only result, then complete). */
const SUBSCRIPTIONS: Record<string, { query: string; variables: () => Record<string, unknown>; scope: () => string; requiredScope: () => string }> = {
  'Subscription.apiKeyEvents': {
    query: 'subscription($org: ID!) { apiKeyEvents(organizationId: $org) { type } }',
    variables: () => ({ org: acme }),
    scope: readOnly,
    requiredScope: () => `atlas:audit:${acme}`,
  },
  'Subscription.apiKey': { query: 'subscription($id: ID!) { apiKey(id: $id) { description } }', variables: () => ({ id: key.id }), scope: otherOrgRead, requiredScope: () => `atlas:read:${acme}` },
  'Subscription.serviceAccountEvents': {
    query: 'subscription($org: ID!) { serviceAccountEvents(organizationId: $org) { type } }',
    variables: () => ({ org: acme }),
    scope: readOnly,
    requiredScope: () => `atlas:audit:${acme}`,
  },
  'Subscription.serviceAccount': { query: 'subscription($id: ID!) { serviceAccount(id: $id) { name } }', variables: () => ({ id: account }), scope: otherOrgRead, requiredScope: () => `atlas:read:${acme}` },
};

beforeAll(async () => {
  g = await startGraph('demo');
  gateway = createGateway({ atlas: g.atlas, verifier: createVerifier({ secret: SECRET, issuer: 'https://idp.example.com', audience: 'atlas-keys-gateway' }) });
  const org = g.sim.control.seeded.orgs[0]!;
  acme = org.id;
  project = org.projects[0]!.id;
  const found = await ask('query($id: ID!) { organization(id: $id) { apiKeys(first: 1) { edges { node { id atlasId } } } } }', { id: acme }, 'atlas:read');
  key = (found.data as { organization: { apiKeys: { edges: Array<{ node: { id: string; atlasId: string } }> } } }).organization.apiKeys.edges[0]!.node;
  const accounts = await ask('query($id: ID!) { organization(id: $id) { serviceAccounts(first: 1) { edges { node { id } } } } }', { id: acme }, 'atlas:read');
  account = (accounts.data as { organization: { serviceAccounts: { edges: Array<{ node: { id: string } }> } } }).organization.serviceAccounts.edges[0]!.node.id;
});
afterAll(() => g.close());

describe('rules on fields', () => {
  it('has a rule on every root field but those that check per object, and a refusal test for every rule', () => {
    const { ruled, root } = fields();
    expect(root.filter((name) => !ruled.includes(name) && !(name in CHECKED_PER_OBJECT))).toEqual([]);
    expect(Object.keys(CHECKED_PER_OBJECT).filter((name) => ruled.includes(name) || !root.includes(name))).toEqual([]);
    expect([...ruled].sort()).toEqual([...Object.keys(CASES), ...Object.keys(SUBSCRIPTIONS)].sort());
  });

  it.each(Object.keys(CASES))('%s refuses a token without its scope, as it always has, before calling Atlas', async (name) => {
    const rule = CASES[name]!;
    g.resetCalls();
    const body = await ask(rule.query, rule.variables(), rule.scope());
    const refusal = rule.refusal();
    const field = name.split('.')[1]!;
    if (refusal.kind === 'forbidden') {
      const error = body.errors?.find((e) => e.path?.at(-1) === field);
      expect(error?.extensions, JSON.stringify(body)).toEqual({ code: 'FORBIDDEN', requiredScope: refusal.requiredScope });
      expect(error?.message).toMatch(/^The token's scopes do not allow /);
    } else {
      expect(body.errors, JSON.stringify(body)).toBeUndefined();
      expect(body.data?.[field]).toEqual({ __typename: 'ForbiddenError', message: refusal.message });
    }
    // Nothing beyond what it took to reach the field (its parent's read) and to apply the rule.
    const parentReads = name.startsWith('Query.') || name.startsWith('Mutation.') ? 0 : 1;
    expect(g.calls().length, g.calls().join()).toBeLessThanOrEqual(parentReads + (rule.lookups ?? 0));
  });

  it.each(Object.keys(SUBSCRIPTIONS))('%s refuses a token without its scope when it starts', async (name) => {
    const rule = SUBSCRIPTIONS[name]!;
    g.resetCalls();
    const sub = await subscribeSse(gateway.fetch, URL, rule.query, rule.variables(), { authorization: `Bearer ${await sign(rule.scope())}` });
    const first = await sub.next(5_000);
    expect(first?.event).toBe('next');
    const payload = first!.data as Body;
    expect(payload.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: rule.requiredScope() });
    expect(await sub.next(5_000)).toMatchObject({ event: 'complete' });
    expect(g.calls()).toEqual([]);
  });

  it('lets the same fields through with the scope they ask for', async () => {
    const body = await ask(
      'query($org: ID!, $key: ID!) { organization(id: $org) { apiKeyEvents(first: 1) { edges { node { type } } } auditRecords(first: 1) { edges { node { id } } } } apiKey(id: $key) { events(first: 1) { edges { node { type } } } } }',
      { org: acme, key: key.id },
      `atlas:read:${acme} atlas:audit:${acme}`,
    );
    expect(body.errors).toBeUndefined();
    const written = await ask(
      `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { __typename } }`,
      { input: { id: key.id, description: 'allowed by atlas:write:<org>' } },
      `atlas:write:${acme}`,
    );
    expect(written.data).toEqual({ updateApiKey: { __typename: 'ApiKeyPayload' } });
  });
});

describe('a token that names organizations', () => {
  it('learns nothing of a project of another organization when it assigns a service account there', async () => {
    const globex = g.sim.control.seeded.orgs[1]!;
    g.resetCalls();
    const body = await ask(
      'mutation($input: ServiceAccountProjectRolesInput!) { assignServiceAccountToProject(input: $input) { __typename ... on MutationError { message } } }',
      { input: { serviceAccountId: account, projectId: globex.projects[0]!.id, roles: ['GROUP_READ_ONLY'] } },
      `atlas:write:${acme}`,
    );
    expect(body.data!.assignServiceAccountToProject).toMatchObject({ __typename: 'NotFoundError' });
    // Only the token's own organization's projects were listed; Globex's project was never asked about.
    expect(g.calls().filter((c) => c === 'getGroup')).toEqual([]);
  });
});
