// Service-account inputs refused before any Atlas call, with a stable answer: a ValidationError
// naming the field for every mutation, BAD_USER_INPUT for a query; a secret lifetime over the
// organization's cap refused after reading only its settings; and, on Atlas v1.0 and Ops Manager,
// every service-account field answering a stable code (queries) or a typed error (mutations),
// nothing written, and the rest of the page as usual.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtlasClient, type FlavorName } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { type Simulator, createSimulator } from '../../src/simulator/index.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let acme: string;
let production: string;
/** Acme's "Terraform Cloud": its client id and global id. */
let clientId: string;
let accountId: string;
/** An API key of Acme's, by its global id (what migrateApiKeyToServiceAccount takes). */
let apiKeyId: string;

const globalId = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  g = await startGraph('demo');
  const org = g.sim.control.seeded.orgs[0]!;
  acme = org.id;
  production = org.projects.find((p) => p.name === 'Production')!.id;
  clientId = org.serviceAccounts.find((a) => a.name === 'Terraform Cloud')!.clientId;
  accountId = globalId(`ServiceAccount:${acme}:${clientId}`);
  apiKeyId = globalId(`ApiKey:${acme}:${org.apiKeys[0]!.id}`);
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

interface Answer {
  __typename: string;
  message?: string;
  field?: string;
  atlasErrorCode?: string | null;
  changesMade?: string[];
}

/** One mutation of `input`, its typed answer selected. */
const document = (mutation: string, inputType: string) => `mutation($input: ${inputType}!) { r: ${mutation}(input: $input) {
  __typename
  ... on MutationError { message atlasErrorCode changesMade }
  ... on ValidationError { field }
} }`;

const MIGRATE = document('migrateApiKeyToServiceAccount', 'MigrateApiKeyToServiceAccountInput');

interface AccountMutation {
  name: string;
  inputType: string;
  /** The input field that names the account. */
  idField: 'id' | 'serviceAccountId';
  /** The rest of a valid input. */
  rest: () => Record<string, unknown>;
}

const ACCOUNT_MUTATIONS: AccountMutation[] = [
  { name: 'updateServiceAccount', inputType: 'UpdateServiceAccountInput', idField: 'id', rest: () => ({ name: 'renamed' }) },
  { name: 'deleteServiceAccount', inputType: 'ServiceAccountIdInput', idField: 'id', rest: () => ({}) },
  { name: 'addServiceAccountSecret', inputType: 'AddServiceAccountSecretInput', idField: 'serviceAccountId', rest: () => ({ expiresAfterHours: 24 }) },
  { name: 'deleteServiceAccountSecret', inputType: 'DeleteServiceAccountSecretInput', idField: 'serviceAccountId', rest: () => ({ secretId: 'a'.repeat(24) }) },
  { name: 'rotateServiceAccountSecret', inputType: 'RotateServiceAccountSecretInput', idField: 'serviceAccountId', rest: () => ({ expiresAfterHours: 24 }) },
  { name: 'addServiceAccountAccessListEntries', inputType: 'AddServiceAccountAccessListEntriesInput', idField: 'serviceAccountId', rest: () => ({ entries: ['192.0.2.1'] }) },
  { name: 'removeServiceAccountAccessListEntry', inputType: 'RemoveServiceAccountAccessListEntryInput', idField: 'serviceAccountId', rest: () => ({ entry: '192.0.2.1' }) },
  { name: 'assignServiceAccountToProject', inputType: 'ServiceAccountProjectRolesInput', idField: 'serviceAccountId', rest: () => ({ projectId: production, roles: ['GROUP_READ_ONLY'] }) },
  { name: 'setServiceAccountProjectRoles', inputType: 'ServiceAccountProjectRolesInput', idField: 'serviceAccountId', rest: () => ({ projectId: production, roles: ['GROUP_READ_ONLY'] }) },
  { name: 'unassignServiceAccountFromProject', inputType: 'UnassignServiceAccountFromProjectInput', idField: 'serviceAccountId', rest: () => ({ projectId: production }) },
];

const byName = (name: string) => ACCOUNT_MUTATIONS.find((m) => m.name === name)!;

async function mutate(mutation: AccountMutation, change: Record<string, unknown>, id = accountId): Promise<Answer> {
  const result = await g.run<{ r: Answer }, Record<string, unknown>>(document(mutation.name, mutation.inputType), { input: { [mutation.idField]: id, ...mutation.rest(), ...change } });
  return result.data!.r;
}

/** Malformed account ids, each with what the refusal says of it. */
const malformedIds = (): Array<[string, string, string]> => [
  ['the global id of an ApiKey', apiKeyId, 'this is the id of an ApiKey'],
  ['the global id of an Organization', globalId(`Organization:${acme}`), 'this is the id of an Organization'],
  ['the global id of a Project', globalId(`Project:${production}`), 'this is the id of a Project'],
  ['garbage that is no base64', '%%% no base64 %%%', 'this is not a global id'],
  ['base64 of no global id', globalId('just some text'), 'this is not a global id'],
  ['base64 of an unknown type', globalId(`Cluster:${acme}:${clientId}`), 'this is not a global id'],
  ['an empty string', '', 'this is not a global id'],
  ['an Atlas id alone', acme, 'an Atlas id does not say what it names'],
  ['a client id alone', clientId, "a client id alone does not say the service account's organization"],
  ['a client id not in hex', globalId(`ServiceAccount:${acme}:mdb_sa_id_not-hex-at-all-xxxxxxxxx`), 'this global id of a ServiceAccount is malformed'],
  ['a client id of 23 hex digits', globalId(`ServiceAccount:${acme}:mdb_sa_id_${'a'.repeat(23)}`), 'is malformed'],
  ['a client id in upper-case hex', globalId(`ServiceAccount:${acme}:mdb_sa_id_${'A'.repeat(24)}`), 'is malformed'],
  ['a client id without its prefix', globalId(`ServiceAccount:${acme}:${'a'.repeat(24)}`), 'is malformed'],
  ['a client id with a path after it', globalId(`ServiceAccount:${acme}:${clientId}/../../orgs`), 'is malformed'],
  ['an organization that is no Atlas id', globalId(`ServiceAccount:acme:${clientId}`), 'is malformed'],
  ['no organization', globalId(`ServiceAccount:${clientId}`), 'is malformed'],
  ['an extra part', globalId(`ServiceAccount:${acme}:${clientId}:x`), 'is malformed'],
];

describe('a malformed serviceAccountId', () => {
  it.each(ACCOUNT_MUTATIONS.map((m) => [m.name, m] as const))('is refused by %s as a ValidationError naming the field, before any Atlas call', async (_name, mutation) => {
    for (const [what, id, says] of malformedIds()) {
      const answer = await mutate(mutation, {}, id);
      expect(answer, what).toEqual({ __typename: 'ValidationError', field: `input.${mutation.idField}`, message: expect.stringContaining(says), atlasErrorCode: null, changesMade: [] });
      // Never echoed: it may be a secret sent by mistake.
      if (id.length > 0) expect(answer.message, what).not.toContain(id);
    }
    expect(g.calls()).toEqual([]);
  });

  it('is refused by serviceAccount, and by node where it is no id of anything, as BAD_USER_INPUT, with null and nothing asked of Atlas', async () => {
    for (const [what, id, says] of malformedIds()) {
      // node takes the ids of other types; serviceAccount none of them.
      const otherType = says.startsWith('this is the id of');
      const result = await g.run(`query($id: ID!) { ${otherType ? '' : 'node(id: $id) { id }'} serviceAccount(id: $id) { name } }`, { id }, { expectErrors: true });
      expect(result.data, what).toEqual(otherType ? { serviceAccount: null } : { node: null, serviceAccount: null });
      const errors = (result.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.field]).sort();
      expect(errors, what).toEqual([...(otherType ? [] : [['node', 'BAD_USER_INPUT', 'id']]), ['serviceAccount', 'BAD_USER_INPUT', 'id']]);
      expect(result.errors!.find((e) => e.path?.[0] === 'serviceAccount')!.message, what).toContain(says);
    }
    expect(g.calls()).toEqual([]);
  });
});

describe('other malformed input, refused before any Atlas call', () => {
  it('a secretId that is no 24-hexadecimal Atlas id (a secret value sent by mistake among them, never echoed)', async () => {
    for (const secretId of ['', 'abc', 'A'.repeat(24), 'a'.repeat(25), `${'a'.repeat(24)}/../..`, `mdb_sa_sk_${'x'.repeat(40)}`, clientId]) {
      const answer = await mutate(byName('deleteServiceAccountSecret'), { secretId });
      expect(answer, secretId).toMatchObject({ __typename: 'ValidationError', field: 'input.secretId', message: expect.stringContaining('24 hexadecimal characters') });
      if (secretId.length > 0) expect(answer.message).not.toContain(secretId);
    }
    expect(g.calls()).toEqual([]);
  });

  it('access-list entries that are no address or CIDR block, or too few or too many, naming the entry', async () => {
    const add = byName('addServiceAccountAccessListEntries');
    const cases: Array<[string[], string]> = [
      [[], 'input.entries'],
      [Array.from({ length: 101 }, (_, i) => `192.0.2.${i}`), 'input.entries'],
      [['not-an-address'], 'input.entries[0]'],
      [['192.0.2.1', '300.1.1.1'], 'input.entries[1]'],
      [['10.0.0.0/33'], 'input.entries[0]'],
      [['2001:db8::/129'], 'input.entries[0]'],
      [['192.0.2.1/24/8'], 'input.entries[0]'],
      [['192.0.2.1', '198.51.100.7', '1.2.3.4/../../x'], 'input.entries[2]'],
      [['fe80::1%eth0'], 'input.entries[0]'],
      [[''], 'input.entries[0]'],
    ];
    for (const [entries, field] of cases) {
      expect(await mutate(add, { entries }), JSON.stringify(entries).slice(0, 80)).toMatchObject({ __typename: 'ValidationError', field });
    }
    const remove = byName('removeServiceAccountAccessListEntry');
    for (const entry of ['', 'not-an-address', '10.0.0.0/33', '192.0.2.1/../../x']) {
      expect(await mutate(remove, { entry }), entry).toMatchObject({ __typename: 'ValidationError', field: 'input.entry' });
    }
    expect(g.calls()).toEqual([]);
  });

  it('roles: none, UNKNOWN, or a value of no role at all', async () => {
    const update = byName('updateServiceAccount');
    expect(await mutate(update, { roles: [] })).toMatchObject({ __typename: 'ValidationError', field: 'input.roles' });
    expect(await mutate(update, { name: null, roles: ['ORG_MEMBER', 'UNKNOWN'] })).toMatchObject({ __typename: 'ValidationError', field: 'input.roles[1]' });
    expect(await mutate(update, { name: null })).toMatchObject({ __typename: 'ValidationError', field: 'input' });
    expect(await mutate(update, { name: 'bad/name' })).toMatchObject({ __typename: 'ValidationError', field: 'input.name' });
    for (const mutation of [byName('assignServiceAccountToProject'), byName('setServiceAccountProjectRoles')]) {
      expect(await mutate(mutation, { roles: [] }), mutation.name).toMatchObject({ __typename: 'ValidationError', field: 'input.roles' });
      expect(await mutate(mutation, { roles: ['UNKNOWN'] }), mutation.name).toMatchObject({ __typename: 'ValidationError', field: 'input.roles[0]' });
      expect(await mutate(mutation, { projectId: 'not-a-project' }), mutation.name).toMatchObject({ __typename: 'ValidationError', field: 'input.projectId' });
      expect(await mutate(mutation, { projectId: accountId }), mutation.name).toMatchObject({ __typename: 'ValidationError', field: 'input.projectId', message: expect.stringContaining('id of a ServiceAccount') });
    }
    // An organization role in a project, or no role at all: graphql-js refuses the variables.
    for (const [mutation, roles] of [
      [byName('assignServiceAccountToProject'), ['ORG_OWNER']],
      [byName('updateServiceAccount'), ['GROUP_OWNER']],
      [byName('setServiceAccountProjectRoles'), ['GROUP_SUPERUSER']],
    ] as const) {
      const result = await g.run(document(mutation.name, mutation.inputType), { input: { [mutation.idField]: accountId, ...mutation.rest(), roles } }, { expectErrors: true });
      expect(result.data, mutation.name).toBeUndefined();
      expect(result.errors?.map((e) => e.extensions?.code), mutation.name).toEqual(['BAD_USER_INPUT']);
    }
    expect(g.calls()).toEqual([]);
  });

  it('an apiKeyId to migrate that is no ApiKey global id', async () => {
    const cases: Array<[string, string]> = [
      [accountId, 'this is the id of a ServiceAccount'],
      [apiKeyId.slice(0, -4), 'is malformed'],
      ['abcdefgh', 'this looks like a public key'],
    ];
    for (const [key, says] of cases) {
      const migrated = await g.run<{ r: Answer }, Record<string, unknown>>(MIGRATE, { input: { apiKeyId: key, secretExpiresAfterHours: 24 } });
      expect(migrated.data!.r, key).toMatchObject({ __typename: 'ValidationError', field: 'input.apiKeyId', message: expect.stringContaining(says) });
    }
    expect(g.calls()).toEqual([]);
  });

  it('a secret lifetime outside 8 to 8760 hours, for a new secret, a rotation and a migration', async () => {
    for (const hours of [7, 0, -24, 8_761, 87_600]) {
      for (const mutation of [byName('addServiceAccountSecret'), byName('rotateServiceAccountSecret')]) {
        expect(await mutate(mutation, { expiresAfterHours: hours }), `${mutation.name} ${hours}`).toMatchObject({
          __typename: 'ValidationError',
          field: 'input.expiresAfterHours',
          message: expect.stringContaining('8 to 8760 hours'),
        });
      }
      const migrated = await g.run<{ r: Answer }, Record<string, unknown>>(MIGRATE, { input: { apiKeyId, secretExpiresAfterHours: hours } });
      expect(migrated.data!.r, `migrate ${hours}`).toMatchObject({ __typename: 'ValidationError', field: 'input.secretExpiresAfterHours', message: expect.stringContaining('8 to 8760 hours') });
    }
    // Past what an Int holds: graphql-js refuses the variables.
    const huge = await g.run(document('addServiceAccountSecret', 'AddServiceAccountSecretInput'), { input: { serviceAccountId: accountId, expiresAfterHours: 2 ** 31 } }, { expectErrors: true });
    expect(huge.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(g.calls()).toEqual([]);
  });
});

describe("a lifetime over the organization's cap", () => {
  it('is refused for a new secret, a rotation and a migration after reading only the settings', async () => {
    const before = (await g.atlas.getOrganizationSettings(acme)).maxServiceAccountSecretValidityInHours;
    await g.atlas.updateOrganizationSettings(acme, { maxServiceAccountSecretValidityInHours: 48 });
    try {
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['addServiceAccountSecret', 'AddServiceAccountSecretInput', { serviceAccountId: accountId, expiresAfterHours: 49 }, 'input.expiresAfterHours'],
        ['rotateServiceAccountSecret', 'RotateServiceAccountSecretInput', { serviceAccountId: accountId, expiresAfterHours: 72 }, 'input.expiresAfterHours'],
        ['migrateApiKeyToServiceAccount', 'MigrateApiKeyToServiceAccountInput', { apiKeyId, secretExpiresAfterHours: 8_760 }, 'input.secretExpiresAfterHours'],
      ];
      for (const [mutation, inputType, input, field] of cases) {
        g.resetCalls();
        const result = await g.run<{ r: Answer }, Record<string, unknown>>(document(mutation, inputType), { input });
        expect(result.data!.r, mutation).toEqual({
          __typename: 'ValidationError',
          field,
          message: expect.stringContaining(`Organization ${acme} allows secrets of at most 48 hours`),
          atlasErrorCode: null,
          changesMade: [],
        });
        expect(g.calls(), mutation).toEqual(['getOrgSettings']);
      }
      // Nothing made: the account has the secrets it had.
      expect((await g.atlas.getServiceAccount(acme, clientId)).secrets).toHaveLength(1);
    } finally {
      await g.atlas.updateOrganizationSettings(acme, { maxServiceAccountSecretValidityInHours: before ?? 8_760 });
    }
  });
});

describe.each(['atlas-v1', 'ops-manager'] as const)('on %s', (flavor: FlavorName) => {
  let sim: Simulator;
  let atlas: AtlasClient;
  let gateway: ReturnType<typeof createGateway>;
  let org: Simulator['control']['seeded']['orgs'][number];
  let id: string;

  beforeAll(async () => {
    sim = await createSimulator({ seed: 'demo' });
    atlas = AtlasClient.create({ baseUrl: sim.url, flavor, credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey } });
    gateway = createGateway({ atlas });
    org = sim.control.seeded.orgs[0]!;
    id = globalId(`ServiceAccount:${org.id}:${org.serviceAccounts[0]!.clientId}`);
  });
  beforeEach(() => sim.control.resetStats());
  afterAll(async () => {
    await atlas?.close();
    await sim?.close();
  });

  async function post<T>(query: string, variables: Record<string, unknown> = {}) {
    const response = await gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data: T; errors?: Array<{ path: string[]; message: string; extensions: { code: string; flavor?: string } }> };
  }

  /** What the simulator was asked: reads only, none of them of a service account. */
  function expectNothingWritten() {
    const requests = sim.control.requests();
    expect(requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.operation}`)).toEqual([]);
    expect(requests.filter((r) => /serviceAccounts/i.test(r.url)).map((r) => r.url)).toEqual([]);
  }

  it('answers every service-account query field null with UNSUPPORTED_BY_UPSTREAM, and the rest of the page', async () => {
    const project = org.projects[0]!;
    const body = await post<Record<string, unknown>>(
      `query($id: ID!, $org: ID!, $clientId: ID!, $project: ID!) {
        byId: serviceAccount(id: $id) { name }
        byClientId: serviceAccount(organizationId: $org, id: $clientId) { name }
        node(id: $id) { id }
        organization(id: $org) { name apiKeys(first: 2) { totalCount edges { node { description } } } serviceAccounts(first: 5) { edges { node { name } } } }
        project(id: $project) { name serviceAccounts { totalCount } }
      }`,
      { id, org: org.id, clientId: org.serviceAccounts[0]!.clientId, project: project.id },
    );
    expect(body.data).toEqual({
      byId: null,
      byClientId: null,
      node: null,
      organization: { name: org.name, apiKeys: { totalCount: org.apiKeys.length, edges: [expect.objectContaining({ node: { description: expect.any(String) } }), expect.anything()] }, serviceAccounts: null },
      project: { name: project.name, serviceAccounts: null },
    });
    expect(body.errors!.map((e) => [e.path.join('.'), e.extensions.code, e.extensions.flavor]).sort()).toEqual([
      ['byClientId', 'UNSUPPORTED_BY_UPSTREAM', flavor],
      ['byId', 'UNSUPPORTED_BY_UPSTREAM', flavor],
      ['node', 'UNSUPPORTED_BY_UPSTREAM', flavor],
      ['organization.serviceAccounts', 'UNSUPPORTED_BY_UPSTREAM', flavor],
      ['project.serviceAccounts', 'UNSUPPORTED_BY_UPSTREAM', flavor],
    ]);
    expect(body.errors!.every((e) => e.message.includes('only Atlas Admin API v2 serves it; nothing was sent'))).toBe(true);
    expectNothingWritten();
  });

  const mutations = (): Array<[string, string, Record<string, unknown>]> => [
    ['createServiceAccount', 'CreateServiceAccountInput', { organizationId: org.id, name: 'v1', description: 'v1', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 }],
    ['migrateApiKeyToServiceAccount', 'MigrateApiKeyToServiceAccountInput', { apiKeyId: globalId(`ApiKey:${org.id}:${org.apiKeys[0]!.id}`), secretExpiresAfterHours: 24 }],
    ['createProjectServiceAccount', 'CreateProjectServiceAccountInput', { projectId: org.projects[0]!.id, name: 'v1', description: 'v1', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 }],
    ...ACCOUNT_MUTATIONS.map((m): [string, string, Record<string, unknown>] => [
      m.name,
      m.inputType,
      { [m.idField]: id, ...m.rest(), ...('projectId' in m.rest() ? { projectId: org.projects[0]!.id } : {}) },
    ]),
  ];

  it.each(ACCOUNT_MUTATIONS.map((m) => m.name).concat('createServiceAccount', 'migrateApiKeyToServiceAccount', 'createProjectServiceAccount'))(
    'answers %s with an UnsupportedByUpstreamError naming the flavor, writing nothing',
    async (name) => {
      const [, inputType, input] = mutations().find(([mutation]) => mutation === name)!;
      const body = await post<{ r: Answer & { flavor?: string } }>(document(name, inputType).replace('... on ValidationError { field }', '... on ValidationError { field } ... on UnsupportedByUpstreamError { flavor }'), { input });
      expect(body.errors).toBeUndefined();
      expect(body.data.r).toEqual({
        __typename: 'UnsupportedByUpstreamError',
        flavor,
        message: expect.stringMatching(new RegExp(`^\\w+ \\(/api/[a-z]+/v1\\.0/[^)]+\\) is not available on ${flavor} \\([^)]+\\): only Atlas Admin API v2 serves it; nothing was sent\\.$`)),
        atlasErrorCode: null,
        changesMade: [],
      });
      expectNothingWritten();
      // Refused before anything is read: not even the key or the project.
      expect(sim.control.requests().map((r) => r.operation)).toEqual([]);
    },
  );
});
