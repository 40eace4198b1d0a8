// Service-account writes whose answer is lost after Atlas applied them, and whose read-back fails:
// each answer judged against what Atlas really has, read with admin credentials. A secret shown once
// is never lost: a lost one is deleted again (not done) or named (outcome unknown), and one Atlas
// answered with stays in the payload, working, however the reads after it fail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AtlasClientOptions } from '../../src/atlas/index.js';
import type { FaultKind, OperationId } from '../../src/simulator/index.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let acme: string;
let globex: string;
let globexProject: string;
/** "CI deployer" of the first organization: ORG_MEMBER, in two projects, with two access-list entries. */
const KEY = '659bc09866829a72d9af8ca5';
/** Post-apply faults that cost no timeout; 'stall-after-apply' runs below, with a short client timeout. */
const QUICK_POST_APPLY = ['500-after-apply', 'reset-after-apply', 'truncated-after-apply'] as const;
/** More failures than the harness's attempts of any read, for every read that may come. */
const FAILING = Array.from({ length: 12 }, () => 500 as const);
/** A stall costs the client's headers timeout (undici's timer is coarse): short, as in write-outcomes. */
const SHORT_TIMEOUTS: Partial<AtlasClientOptions> = { headersTimeoutMs: 300, bodyTimeoutMs: 300 };

beforeAll(async () => {
  g = await startGraph('demo');
  acme = g.sim.control.seeded.orgs[0]!.id;
  globex = g.sim.control.seeded.orgs[1]!.id;
  globexProject = g.sim.control.seeded.orgs[1]!.projects[0]!.id;
});
beforeEach(() => {
  g.sim.control.clearFaults();
  g.resetCalls();
});
afterAll(() => g.close());

interface Answer {
  __typename: string;
  message?: string;
  changesMade?: string[];
  mayHaveHappened?: string;
  check?: string;
  serviceAccountIds?: string[];
  secret?: { atlasId: string; value: string } | null;
  serviceAccount?: { clientId?: string; name?: string } | null;
  warning?: string | null;
  [field: string]: unknown;
}

const ERROR_FIELDS = '... on MutationError { message changesMade } ... on OutcomeUnknownError { mayHaveHappened check serviceAccountIds }';

const doc = (input: string, field: string, payload: string) =>
  `mutation($input: ${input}!) { r: ${field}(input: $input) { __typename ${payload} ${ERROR_FIELDS} } }`;

const CREATE = doc('CreateServiceAccountInput', 'createServiceAccount', '... on CreateServiceAccountPayload { serviceAccount { clientId name } secret { atlasId value } }');
const ADD_SECRET = doc('AddServiceAccountSecretInput', 'addServiceAccountSecret', '... on AddServiceAccountSecretPayload { secret { atlasId value } serviceAccount { clientId } warning }');
const ROTATE = doc(
  'RotateServiceAccountSecretInput',
  'rotateServiceAccountSecret',
  '... on RotateServiceAccountSecretPayload { secret { atlasId value } previousSecrets { atlasId } serviceAccount { clientId } warning }',
);
const UPDATE = doc('UpdateServiceAccountInput', 'updateServiceAccount', '... on ServiceAccountPayload { serviceAccount { name } warning }');
const DELETE_ACCOUNT = doc('ServiceAccountIdInput', 'deleteServiceAccount', '... on DeleteServiceAccountPayload { deletedServiceAccountId }');
const DELETE_SECRET = doc('DeleteServiceAccountSecretInput', 'deleteServiceAccountSecret', '... on ServiceAccountPayload { serviceAccount { secrets { atlasId } } warning }');
const ADD_ENTRIES = doc('AddServiceAccountAccessListEntriesInput', 'addServiceAccountAccessListEntries', '... on AddServiceAccountAccessListEntriesPayload { added duplicates warning }');
const REMOVE_ENTRY = doc('RemoveServiceAccountAccessListEntryInput', 'removeServiceAccountAccessListEntry', '... on RemoveServiceAccountAccessListEntryPayload { removed warning }');
const ASSIGNMENT = '... on ServiceAccountProjectPayload { serviceAccount { projectAssignments { project { atlasId } roles { role } } } warning }';
const ASSIGN = doc('ServiceAccountProjectRolesInput', 'assignServiceAccountToProject', ASSIGNMENT);
const SET_ROLES = doc('ServiceAccountProjectRolesInput', 'setServiceAccountProjectRoles', ASSIGNMENT);
const UNASSIGN = doc('UnassignServiceAccountFromProjectInput', 'unassignServiceAccountFromProject', ASSIGNMENT);
const MIGRATE = doc(
  'MigrateApiKeyToServiceAccountInput',
  'migrateApiKeyToServiceAccount',
  '... on MigrateApiKeyToServiceAccountPayload { complete warning secret { atlasId value clientId } serviceAccount { clientId } parts { kind outcome project { atlasId } detail nextStep } }',
);

async function mutate(h: GraphHarness, document: string, input: Record<string, unknown>): Promise<Answer> {
  const result = await h.run<{ r: Answer }, { input: Record<string, unknown> }>(document, { input });
  return result.data!.r;
}

const accountId = (orgId: string, clientId: string): string => Buffer.from(`ServiceAccount:${orgId}:${clientId}`).toString('base64');
const keyId = (orgId: string): string => Buffer.from(`ApiKey:${orgId}:${KEY}`).toString('base64');

/** Whether Atlas's token endpoint gives a token for this client id and secret. */
async function obtainsToken(h: GraphHarness, clientId: string, secret: string): Promise<boolean> {
  const response = await fetch(`${h.sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  return response.status === 200;
}

/** An account made straight at Atlas (not through the gateway), with its first secret's id and value. */
async function account(h: GraphHarness, orgId: string, name: string): Promise<{ clientId: string; id: string; secretId: string; secret: string }> {
  const made = await h.atlas.createServiceAccount(orgId, { name, description: 'Made for a fault test', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 720 });
  const first = made.secrets.find((s) => s.secret)!;
  return { clientId: made.clientId, id: accountId(orgId, made.clientId), secretId: first.id, secret: first.secret! };
}

/** The organization's accounts named `name`, as Atlas has them. */
async function named(h: GraphHarness, orgId: string, name: string) {
  return (await h.atlas.listServiceAccounts(orgId, { itemsPerPage: 500 })).results.filter((a) => a.name === name);
}

/**
 * What is true of any answer to a write: a payload only for a change Atlas has, "not done" only
 * for one it does not, and an unknown outcome that names the account or says what to look for.
 */
function expectTruthful(answer: Answer, applied: boolean, what: string): void {
  if (answer.__typename.endsWith('Payload')) expect(applied, `${what}: a payload for a change Atlas does not have`).toBe(true);
  else if (answer.__typename === 'OutcomeUnknownError') expect((answer.serviceAccountIds ?? []).length > 0 || /Look for/.test(answer.check ?? ''), what).toBe(true);
  else expect({ what, answer, applied }).toMatchObject({ answer: { __typename: expect.stringMatching(/^(UpstreamUnavailableError|RateLimitedError)$/) }, applied: false });
}

// --- 1. a rotation whose new secret's answer is lost ---------------------------------------------

/** A rotation whose new secret's answer (its value with it) is lost after Atlas made it. */
async function expectLostRotation(h: GraphHarness, fault: FaultKind): Promise<void> {
  const orgId = h.sim.control.seeded.orgs[1]!.id;
  const made = await account(h, orgId, `rotation lost ${fault}`);
  h.sim.control.injectFault('createOrgServiceAccountSecret', { sequence: [fault] });
  const answer = await mutate(h, ROTATE, { serviceAccountId: made.id, expiresAfterHours: 24 });
  h.sim.control.clearFaults();
  const secrets = (await h.atlas.getServiceAccount(orgId, made.clientId)).secrets.map((s) => s.id);
  const newOnes = secrets.filter((id) => id !== made.secretId);

  if (answer.__typename === 'RotateServiceAccountSecretPayload') {
    // Never a payload without the value: it must be there, and work.
    expect(answer.secret?.value).toMatch(/^mdb_sa_sk_/);
    expect(await obtainsToken(h, made.clientId, answer.secret!.value)).toBe(true);
  } else if (answer.__typename === 'OutcomeUnknownError') {
    // Named: the account whose secret may have been made, and what to do.
    expect(answer.serviceAccountIds).toContain(made.id);
    expect(answer.check).toEqual(expect.any(String));
  } else {
    // Not done: the secret Atlas made was deleted again, and nothing new is left.
    expect(answer).toMatchObject({ __typename: 'UpstreamUnavailableError', message: expect.stringContaining('deleted again') });
    expect(newOnes).toEqual([]);
  }
  // Settled by a read (reads work here): not left unknown.
  expect(answer.__typename).toBe('UpstreamUnavailableError');
  expect(secrets).toContain(made.secretId);
  expect(await obtainsToken(h, made.clientId, made.secret)).toBe(true);
}

describe('rotateServiceAccountSecret, the new secret answered and lost', () => {
  it.each(QUICK_POST_APPLY)('%s: deletes the new secret again or names it, and the old secret still obtains a token', (fault) => expectLostRotation(g, fault));
});

// --- 2. migration parts whose answer is lost -----------------------------------------------------

/** A migration whose first write of `operation` (a part after the account) meets `fault` after Atlas applied it. */
async function expectMigrationPart(h: GraphHarness, operation: OperationId, fault: FaultKind): Promise<void> {
  const orgId = h.sim.control.seeded.orgs[0]!.id;
  const name = `migrated ${operation} ${fault}`.slice(0, 64);
  const key = await h.atlas.getApiKey(orgId, KEY);
  const keyEntries = (await h.atlas.listAccessListEntries(orgId, KEY)).results.map((e) => e.cidrBlock ?? e.ipAddress).sort();
  const wanted = new Map<string, string[]>();
  for (const role of key.roles) if (role.groupId) wanted.set(role.groupId, [...(wanted.get(role.groupId) ?? []), role.roleName]);

  h.sim.control.injectFault(operation, { sequence: [fault] });
  const answer = await mutate(h, MIGRATE, { apiKeyId: keyId(orgId), name, secretExpiresAfterHours: 720 });
  h.sim.control.clearFaults();
  expect(answer.__typename, JSON.stringify(answer)).toBe('MigrateApiKeyToServiceAccountPayload');
  const clientId = answer.serviceAccount!.clientId!;
  expect(await obtainsToken(h, clientId, answer.secret!.value)).toBe(true);

  // What Atlas has, part by part, against what each part says.
  const assigned = (await h.atlas.listServiceAccountProjects(orgId, clientId)).results;
  const entries = (await h.atlas.listServiceAccountAccessList(orgId, clientId)).results.map((e) => e.cidrBlock ?? e.ipAddress).sort();
  const parts = answer.parts as Array<{ kind: string; outcome: string; project: { atlasId: string } | null; detail: string; nextStep: string | null }>;
  expect(parts).toHaveLength(wanted.size + 1);
  for (const part of parts) {
    let applied: boolean;
    if (part.kind === 'PROJECT_ASSIGNMENT') {
      const roles = assigned.find((a) => a.groupId === part.project?.atlasId)?.roles ?? [];
      applied = roles.length > 0 && [...roles].sort().join() === [...(wanted.get(part.project!.atlasId) ?? [])].sort().join();
    } else {
      applied = entries.join() === keyEntries.join();
    }
    const said = `${part.kind} ${part.project?.atlasId ?? ''}: ${part.outcome} (${part.detail}) while Atlas ${applied ? 'has' : 'lacks'} it`;
    if (applied) expect(['DONE', 'OUTCOME_UNKNOWN'], said).toContain(part.outcome);
    else expect(['NOT_DONE', 'PARTLY_DONE', 'OUTCOME_UNKNOWN'], said).toContain(part.outcome);
  }
  // Reads work here, so each lost answer is settled: everything done, as Atlas has it.
  expect(parts.map((p) => p.outcome)).toEqual(parts.map(() => 'DONE'));
  expect(answer.complete).toBe(true);
  expect(assigned.map((a) => [a.groupId, [...a.roles].sort()]).sort()).toEqual([...wanted].map(([id, roles]) => [id, [...roles].sort()]).sort());
  expect(entries).toEqual(keyEntries);
}

describe('migrateApiKeyToServiceAccount, a part answered and lost', () => {
  describe.each(['inviteGroupServiceAccount', 'createOrgServiceAccountAccessList'] as const)('%s', (operation) => {
    it.each(QUICK_POST_APPLY)("%s: the part is not NOT_DONE when Atlas applied it, and says what Atlas has", (fault) => expectMigrationPart(g, operation, fault));
  });
});

// --- 1 and 2 with stalls: each on its own gateway with a short timeout, concurrently -------------

describe.concurrent('stall-after-apply, past a short client timeout', () => {
  const own = async (check: (h: GraphHarness) => Promise<void>) => {
    const h = await startGraph('demo', SHORT_TIMEOUTS);
    try {
      await check(h);
    } finally {
      await h.close();
    }
  };
  it('rotateServiceAccountSecret: the new secret deleted again, the old one working', () => own((h) => expectLostRotation(h, 'stall-after-apply')));
  it('migrateApiKeyToServiceAccount, project assignment: DONE as Atlas has it', () => own((h) => expectMigrationPart(h, 'inviteGroupServiceAccount', 'stall-after-apply')));
  it('migrateApiKeyToServiceAccount, access list: DONE as Atlas has it', () => own((h) => expectMigrationPart(h, 'createOrgServiceAccountAccessList', 'stall-after-apply')));
});

// --- 3. a 2xx with a truncated body, after Atlas applied the write -------------------------------

interface TruncatedCase {
  operation: OperationId;
  /** The answer a read settles the lost one as. */
  settledAs: string;
  /** Makes what the write needs; gives the mutation and a read of whether Atlas has its change. */
  prepare(): Promise<{ document: string; input: Record<string, unknown>; applied: () => Promise<boolean>; after?: (answer: Answer) => Promise<void> }>;
}

const TRUNCATED: TruncatedCase[] = [
  {
    operation: 'createOrgServiceAccount',
    settledAs: 'UpstreamUnavailableError',
    prepare: async () => ({
      document: CREATE,
      input: { organizationId: globex, name: 'truncated create', description: 'Truncated', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 },
      applied: async () => (await named(g, globex, 'truncated create')).length > 0,
      after: async (answer) => expect(answer.message).toContain('deleted again'),
    }),
  },
  {
    operation: 'createOrgServiceAccountSecret',
    settledAs: 'UpstreamUnavailableError',
    prepare: async () => {
      const made = await account(g, globex, 'truncated secret');
      return {
        document: ADD_SECRET,
        input: { serviceAccountId: made.id, expiresAfterHours: 24 },
        applied: async () => (await g.atlas.getServiceAccount(globex, made.clientId)).secrets.length > 1,
        after: async (answer) => {
          expect(answer.message).toContain('deleted again');
          expect(await obtainsToken(g, made.clientId, made.secret)).toBe(true);
        },
      };
    },
  },
  {
    operation: 'updateOrgServiceAccount',
    settledAs: 'ServiceAccountPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated update');
      return {
        document: UPDATE,
        input: { id: made.id, name: 'truncated update done' },
        applied: async () => (await g.atlas.getServiceAccount(globex, made.clientId)).name === 'truncated update done',
        after: async (answer) => expect(answer.serviceAccount).toEqual({ name: 'truncated update done' }),
      };
    },
  },
  {
    operation: 'deleteOrgServiceAccount',
    settledAs: 'DeleteServiceAccountPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated delete');
      return {
        document: DELETE_ACCOUNT,
        input: { id: made.id },
        applied: async () => (await named(g, globex, 'truncated delete')).length === 0,
        after: async () => expect(await obtainsToken(g, made.clientId, made.secret)).toBe(false),
      };
    },
  },
  {
    operation: 'deleteOrgServiceAccountSecret',
    settledAs: 'ServiceAccountPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated secret deletion');
      const second = await g.atlas.createServiceAccountSecret(globex, made.clientId, 24);
      return {
        document: DELETE_SECRET,
        input: { serviceAccountId: made.id, secretId: second.id },
        applied: async () => !(await g.atlas.getServiceAccount(globex, made.clientId)).secrets.some((s) => s.id === second.id),
        after: async () => {
          expect(await obtainsToken(g, made.clientId, second.secret!)).toBe(false);
          expect(await obtainsToken(g, made.clientId, made.secret)).toBe(true);
        },
      };
    },
  },
  {
    operation: 'createOrgServiceAccountAccessList',
    settledAs: 'AddServiceAccountAccessListEntriesPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated entries');
      return {
        document: ADD_ENTRIES,
        input: { serviceAccountId: made.id, entries: ['192.0.2.61', '198.51.100.0/24'] },
        applied: async () => (await g.atlas.listServiceAccountAccessList(globex, made.clientId)).results.length === 2,
        after: async (answer) => expect(answer).toMatchObject({ added: ['192.0.2.61', '198.51.100.0/24'], duplicates: [] }),
      };
    },
  },
  {
    operation: 'deleteOrgServiceAccountAccessListEntry',
    settledAs: 'RemoveServiceAccountAccessListEntryPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated entry removal');
      await g.atlas.addServiceAccountAccessListEntries(globex, made.clientId, [{ ipAddress: '192.0.2.62' }]);
      return {
        document: REMOVE_ENTRY,
        input: { serviceAccountId: made.id, entry: '192.0.2.62' },
        applied: async () => (await g.atlas.listServiceAccountAccessList(globex, made.clientId)).results.length === 0,
      };
    },
  },
  {
    operation: 'inviteGroupServiceAccount',
    settledAs: 'ServiceAccountProjectPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated assignment');
      return {
        document: ASSIGN,
        input: { serviceAccountId: made.id, projectId: globexProject, roles: ['GROUP_READ_ONLY'] },
        applied: async () => (await g.atlas.listServiceAccountProjects(globex, made.clientId)).results.some((a) => a.groupId === globexProject && a.roles.join() === 'GROUP_READ_ONLY'),
      };
    },
  },
  {
    operation: 'updateGroupServiceAccount',
    settledAs: 'ServiceAccountProjectPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated project roles');
      await g.atlas.assignServiceAccountToProject(globexProject, made.clientId, ['GROUP_READ_ONLY']);
      return {
        document: SET_ROLES,
        input: { serviceAccountId: made.id, projectId: globexProject, roles: ['GROUP_OWNER'] },
        applied: async () => (await g.atlas.listServiceAccountProjects(globex, made.clientId)).results.some((a) => a.groupId === globexProject && a.roles.join() === 'GROUP_OWNER'),
      };
    },
  },
  {
    operation: 'deleteGroupServiceAccount',
    settledAs: 'ServiceAccountProjectPayload',
    prepare: async () => {
      const made = await account(g, globex, 'truncated unassignment');
      await g.atlas.assignServiceAccountToProject(globexProject, made.clientId, ['GROUP_READ_ONLY']);
      return {
        document: UNASSIGN,
        input: { serviceAccountId: made.id, projectId: globexProject },
        applied: async () => (await g.atlas.listServiceAccountProjects(globex, made.clientId)).results.length === 0,
        // Unassigned only: still in its organization, its secret working.
        after: async () => expect(await obtainsToken(g, made.clientId, made.secret)).toBe(true),
      };
    },
  },
];

/** Requests of `operation` the simulator answered, Digest challenges left out. */
function sent(h: GraphHarness, operation: OperationId): number {
  const stats = h.sim.control.stats().operations[operation];
  return (stats?.total ?? 0) - (stats?.byStatus['401'] ?? 0);
}

describe("'truncated-after-apply': a 2xx whose body cannot be read, the write made", () => {
  it.each(TRUNCATED.map((c) => [c.operation, c] as const))('%s: the answer is what Atlas has', async (operation, c) => {
    const { document, input, applied, after } = await c.prepare();
    const before = sent(g, operation);
    g.sim.control.injectFault(operation, { sequence: ['truncated-after-apply'] });
    const answer = await mutate(g, document, input);
    g.sim.control.clearFaults();
    expect(sent(g, operation) - before, `${operation} sent once`).toBe(1);
    expectTruthful(answer, await applied(), operation);
    expect(answer.__typename, JSON.stringify(answer)).toBe(c.settledAs);
    if (answer.__typename === 'CreateServiceAccountPayload') expect(answer.secret?.value).toMatch(/^mdb_sa_sk_/);
    await after?.(answer);
  });
});

// --- 4. outcome unknown ------------------------------------------------------------------------

describe('OutcomeUnknownError for a service account', () => {
  it('says what to look for when the create is lost and listing the accounts fails, and the account is where it says', async () => {
    const name = 'unknown create';
    g.sim.control.injectFault('createOrgServiceAccount', { sequence: ['500-after-apply'] });
    g.sim.control.injectFault('listOrgServiceAccounts', { sequence: FAILING });
    const answer = await mutate(g, CREATE, { organizationId: globex, name, description: 'Unknown', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    g.sim.control.clearFaults();
    expect(answer).toMatchObject({ __typename: 'OutcomeUnknownError', mayHaveHappened: expect.stringContaining('may have been created') });
    expect(answer.check).toContain(globex);
    expect(answer.check).toContain(`named "${name}"`);
    // The account exists, as the answer allows, and the check's "created at or after" finds it.
    const [left, ...more] = await named(g, globex, name);
    expect(more).toEqual([]);
    const since = Date.parse(/created at or after (\S+Z)/.exec(answer.check!)![1]!);
    expect(Number.parseInt(left!.clientId.replace('mdb_sa_id_', '').slice(0, 8), 16) * 1000).toBeGreaterThanOrEqual(since);
    // Whatever serviceAccountIds holds names only accounts of that description.
    for (const id of answer.serviceAccountIds ?? []) expect(id).toBe(accountId(globex, left!.clientId));
  });

  it('names the account made when its deletion again fails', async () => {
    const name = 'undeletable create';
    g.sim.control.injectFault('createOrgServiceAccount', { sequence: ['500-after-apply'] });
    g.sim.control.injectFault('deleteOrgServiceAccount', { sequence: [500] });
    const answer = await mutate(g, CREATE, { organizationId: globex, name, description: 'Undeletable', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    g.sim.control.clearFaults();
    const left = await named(g, globex, name);
    expect(left).toHaveLength(1);
    expect(answer).toMatchObject({ __typename: 'OutcomeUnknownError', serviceAccountIds: [accountId(globex, left[0]!.clientId)], check: expect.stringContaining(left[0]!.clientId) });
  });

  it.each([
    ['addServiceAccountSecret', ADD_SECRET],
    ['rotateServiceAccountSecret', ROTATE],
  ] as const)('%s: names the account when the new secret is lost and reading its secrets fails', async (field, document) => {
    const made = await account(g, globex, `unknown secret ${field}`);
    g.sim.control.injectFault('createOrgServiceAccountSecret', { sequence: ['500-after-apply'] });
    // The read before the write goes through; every read after it fails.
    g.sim.control.injectFault('getOrgServiceAccount', { sequence: ['ok', ...FAILING] });
    const answer = await mutate(g, document, { serviceAccountId: made.id, expiresAfterHours: 24 });
    g.sim.control.clearFaults();
    // The secret was made: outcome unknown is the truth, and the check says where to look.
    expect((await g.atlas.getServiceAccount(globex, made.clientId)).secrets).toHaveLength(2);
    expect(answer).toMatchObject({ __typename: 'OutcomeUnknownError', check: expect.stringContaining(`on service account ${made.clientId}`) });
    // The account it is about is known for sure: named as every other service-account outcome names it.
    expect(answer.serviceAccountIds).toEqual([made.id]);
  });
});

// --- 5. the secret stays in the payload when reading back fails ----------------------------------

describe('a secret Atlas answered with, when every read of the account afterwards fails', () => {
  const readsFail = (first: Array<'ok'> = []) => {
    g.sim.control.injectFault('getOrgServiceAccount', { sequence: [...first, ...FAILING] });
    g.sim.control.injectFault('listOrgServiceAccounts', { sequence: FAILING });
  };

  it('createServiceAccount: the payload carries the secret, which obtains a token', async () => {
    readsFail();
    const answer = await mutate(g, CREATE, { organizationId: globex, name: 'read back fails', description: 'Read back fails', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    g.sim.control.clearFaults();
    expect(answer.__typename, JSON.stringify(answer)).toBe('CreateServiceAccountPayload');
    const [made] = await named(g, globex, 'read back fails');
    expect(answer.serviceAccount?.clientId ?? made!.clientId).toBe(made!.clientId);
    expect(await obtainsToken(g, made!.clientId, answer.secret!.value)).toBe(true);
  });

  it.each([
    ['addServiceAccountSecret', ADD_SECRET],
    ['rotateServiceAccountSecret', ROTATE],
  ] as const)('%s: the payload carries the secret, which obtains a token, and warns that the read failed', async (field, document) => {
    const made = await account(g, globex, `read back fails ${field}`);
    readsFail(['ok']);
    const answer = await mutate(g, document, { serviceAccountId: made.id, expiresAfterHours: 24 });
    g.sim.control.clearFaults();
    expect(answer, JSON.stringify(answer)).toMatchObject({ serviceAccount: null, warning: expect.stringContaining('The change was made'), secret: { value: expect.stringMatching(/^mdb_sa_sk_/) } });
    expect(answer.__typename).toMatch(/Payload$/);
    expect((await g.atlas.getServiceAccount(globex, made.clientId)).secrets.map((s) => s.id)).toContain(answer.secret!.atlasId);
    expect(await obtainsToken(g, made.clientId, answer.secret!.value)).toBe(true);
    expect(await obtainsToken(g, made.clientId, made.secret)).toBe(true);
  });

  it('migrateApiKeyToServiceAccount: the payload carries the secret, which obtains a token, and warns that the read failed', async () => {
    const name = 'migrated read back fails';
    readsFail();
    const answer = await mutate(g, MIGRATE, { apiKeyId: keyId(acme), name, secretExpiresAfterHours: 720 });
    g.sim.control.clearFaults();
    expect(answer, JSON.stringify(answer)).toMatchObject({
      __typename: 'MigrateApiKeyToServiceAccountPayload',
      serviceAccount: null,
      warning: expect.any(String),
      secret: { value: expect.stringMatching(/^mdb_sa_sk_/) },
    });
    const made = await named(g, acme, name);
    expect(made).toHaveLength(1);
    // The secret says which account it belongs to, though the account could not be read.
    expect((answer.secret as { clientId?: string }).clientId).toBe(made[0]!.clientId);
    expect(await obtainsToken(g, made[0]!.clientId, answer.secret!.value)).toBe(true);
  });
});
