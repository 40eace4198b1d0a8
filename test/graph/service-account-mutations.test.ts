// Service-account mutations against the simulator: a secret shown once and working at Atlas's
// token endpoint; bad input refused before any write (a lifetime over the organization's cap among
// it); each write's answer lost after Atlas applied it, settled as done, or undone when it made a
// secret nobody can see again; other flavors refused with nothing sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let globex: string;

beforeAll(async () => {
  g = await startGraph('demo');
  globex = g.sim.control.seeded.orgs[1]!.id;
});
beforeEach(() => {
  g.sim.control.clearFaults();
  g.resetCalls();
});
afterAll(() => g.close());

/** Whether Atlas's token endpoint gives a token for this client id and secret. */
async function obtainsToken(clientId: string, secret: string): Promise<boolean> {
  const response = await fetch(`${g.sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  return response.status === 200;
}

type Result = Record<string, { __typename: string; message?: string; field?: string; [key: string]: unknown }>;

const CREATE = `mutation($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) {
  __typename
  ... on CreateServiceAccountPayload { serviceAccount { id clientId name organizationRoles { role } secrets { atlasId maskedValue } } secret { atlasId value expiresAt } }
  ... on MutationError { message }
  ... on ValidationError { field }
} }`;

interface Created {
  serviceAccount: { id: string; clientId: string; name: string; organizationRoles: Array<{ role: string }>; secrets: Array<{ atlasId: string; maskedValue: string }> };
  secret: { atlasId: string; value: string; expiresAt: string };
}

async function create(name: string, hours = 24): Promise<Created> {
  const result = await g.run<Result, Record<string, unknown>>(CREATE, { input: { organizationId: globex, name, description: 'Made in a test', roles: ['ORG_MEMBER'], secretExpiresAfterHours: hours } });
  expect(result.data!.createServiceAccount?.__typename, JSON.stringify(result.data)).toBe('CreateServiceAccountPayload');
  return result.data!.createServiceAccount as unknown as Created;
}

/** The outcome of the organization's latest audit record of `operation`, and the accounts it names. */
async function lastRecord(operation: string): Promise<{ outcome: string; serviceAccounts: Array<{ clientId: string }> }> {
  const records = await g.run<{ organization: { auditRecords: { edges: Array<{ node: { outcome: string; serviceAccounts: Array<{ clientId: string }> } }> } } }, Record<string, unknown>>(
    'query($id: ID!, $operation: String!) { organization(id: $id) { auditRecords(first: 1, operation: $operation) { edges { node { outcome serviceAccounts { clientId } } } } } }',
    { id: globex, operation },
  );
  return records.data!.organization.auditRecords.edges[0]!.node;
}

const ADD_SECRET = `mutation($input: AddServiceAccountSecretInput!) { addServiceAccountSecret(input: $input) {
  __typename
  ... on AddServiceAccountSecretPayload { secret { atlasId value expiresAt } serviceAccount { secrets { atlasId expiresAt } } }
  ... on MutationError { message }
} }`;

describe('createServiceAccount', () => {
  it('creates an account whose secret, shown once, obtains a token; the account shows it masked', async () => {
    const created = await create('graph created');
    expect(created.serviceAccount.organizationRoles).toEqual([{ role: 'ORG_MEMBER' }]);
    expect(created.secret.value).toMatch(/^mdb_sa_sk_/);
    expect(created.serviceAccount.secrets).toEqual([{ atlasId: created.secret.atlasId, maskedValue: expect.not.stringContaining(created.secret.value) }]);
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(true);
    // Read again, nowhere a value.
    const read = await g.run<{ serviceAccount: { secrets: Array<{ maskedValue: string }> } }, { id: string }>('query($id: ID!) { serviceAccount(id: $id) { secrets { maskedValue } } }', { id: created.serviceAccount.id });
    expect(JSON.stringify(read.data)).not.toContain(created.secret.value);
  });

  it('refuses bad input before any call, and a lifetime over the organization cap before any write', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'bad/name' }, 'input.name'],
      [{ name: 'x'.repeat(65) }, 'input.name'],
      [{ description: '' }, 'input.description'],
      [{ roles: [] }, 'input.roles'],
      [{ secretExpiresAfterHours: 7 }, 'input.secretExpiresAfterHours'],
      [{ secretExpiresAfterHours: 8_761 }, 'input.secretExpiresAfterHours'],
      [{ organizationId: 'not-an-id' }, 'input.organizationId'],
    ];
    for (const [change, field] of cases) {
      const input = { organizationId: globex, name: 'fine', description: 'Fine', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24, ...change };
      const result = await g.run<Result, Record<string, unknown>>(CREATE, { input });
      expect(result.data!.createServiceAccount, JSON.stringify(change)).toMatchObject({ __typename: 'ValidationError', field });
    }
    expect(g.calls()).toEqual([]);

    await g.atlas.updateOrganizationSettings(globex, { maxServiceAccountSecretValidityInHours: 48 });
    try {
      g.resetCalls();
      const over = await g.run<Result, Record<string, unknown>>(CREATE, { input: { organizationId: globex, name: 'too long', description: 'Too long', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 72 } });
      expect(over.data!.createServiceAccount).toMatchObject({ __typename: 'ValidationError', field: 'input.secretExpiresAfterHours', message: expect.stringContaining('at most 48 hours') });
      expect(g.calls()).toEqual(['getOrgSettings']);
    } finally {
      await g.atlas.updateOrganizationSettings(globex, { maxServiceAccountSecretValidityInHours: 8_760 });
    }
  });

  it.each(['500-after-apply', 'reset-after-apply'] as const)('deletes again an account made when the answer, with its secret, is lost (%s): not done', async (fault) => {
    g.sim.control.injectFault('createOrgServiceAccount', { sequence: [fault] });
    const result = await g.run<Result, Record<string, unknown>>(CREATE, { input: { organizationId: globex, name: `lost ${fault}`, description: 'Lost', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 } });
    expect(result.data!.createServiceAccount).toMatchObject({ __typename: 'UpstreamUnavailableError', message: expect.stringContaining('deleted again') });
    const left = (await g.atlas.listServiceAccounts(globex, { itemsPerPage: 500 })).results.filter((a) => a.name === `lost ${fault}`);
    expect(left).toEqual([]);
    // The record names the account that existed for a moment (Atlas's events of it have no name).
    const made = /service account (mdb_sa_id_\w+)/.exec(result.data!.createServiceAccount!.message!)?.[1];
    expect(made).toBeDefined();
    expect(await lastRecord('createServiceAccount')).toEqual({ outcome: 'NOT_DONE', serviceAccounts: [{ clientId: made }] });
  });
});

describe('createProjectServiceAccount', () => {
  const CREATE_IN_PROJECT = `mutation($input: CreateProjectServiceAccountInput!) { r: createProjectServiceAccount(input: $input) {
    __typename
    ... on CreateProjectServiceAccountPayload {
      project { atlasId }
      secret { value clientId }
      serviceAccount { clientId name organizationRoles { role } projectAssignments { project { atlasId } roles { roleName } } }
    }
    ... on MutationError { message }
    ... on ValidationError { field }
  } }`;
  const projectOf = () => g.sim.control.seeded.orgs[1]!.projects[0]!.id;

  it("makes an account in a project, a member of its organization, whose secret obtains a token; recorded with the project", async () => {
    const result = await g.run<Result, Record<string, unknown>>(CREATE_IN_PROJECT, {
      input: { projectId: projectOf(), name: 'project made', description: 'Made in a project', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 },
    });
    const made = result.data!.r as unknown as {
      __typename: string;
      project: { atlasId: string };
      secret: { value: string; clientId: string };
      serviceAccount: { clientId: string; organizationRoles: Array<{ role: string }>; projectAssignments: Array<{ project: { atlasId: string }; roles: Array<{ roleName: string }> }> };
    };
    expect(made.__typename, JSON.stringify(made)).toBe('CreateProjectServiceAccountPayload');
    expect(made.project.atlasId).toBe(projectOf());
    expect(made.secret.clientId).toBe(made.serviceAccount.clientId);
    expect(made.serviceAccount.organizationRoles).toEqual([{ role: 'ORG_MEMBER' }]);
    expect(made.serviceAccount.projectAssignments).toEqual([{ project: { atlasId: projectOf() }, roles: [{ roleName: 'GROUP_READ_ONLY' }] }]);
    expect(await obtainsToken(made.serviceAccount.clientId, made.secret.value)).toBe(true);
    expect(await lastRecord('createProjectServiceAccount')).toEqual({ outcome: 'DONE', serviceAccounts: [{ clientId: made.serviceAccount.clientId }] });
  });

  it.each(['500-after-apply', 'truncated-after-apply'] as const)('deletes again an account made when the answer, with its secret, is lost (%s): not done', async (fault) => {
    g.sim.control.injectFault('createGroupServiceAccount', { sequence: [fault] });
    const name = `project lost ${fault}`;
    const result = await g.run<Result, Record<string, unknown>>(CREATE_IN_PROJECT, { input: { projectId: projectOf(), name, description: 'Lost', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 } });
    expect(result.data!.r).toMatchObject({ __typename: 'UpstreamUnavailableError', message: expect.stringContaining('deleted again') });
    expect((await g.atlas.listServiceAccounts(globex, { itemsPerPage: 500 })).results.filter((a) => a.name === name)).toEqual([]);
  });

  it("keeps the secret in the answer when the account's organization view cannot be read", async () => {
    g.sim.control.injectFault('getOrgServiceAccount', { sequence: [503, 503, 503, 503] });
    const result = await g.run<Result, Record<string, unknown>>(
      CREATE_IN_PROJECT,
      { input: { projectId: projectOf(), name: 'project read fails', description: 'Read fails', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 } },
      { expectErrors: true },
    );
    g.sim.control.clearFaults();
    const made = result.data!.r as unknown as { __typename: string; serviceAccount: null; secret: { value: string; clientId: string } };
    expect(made).toMatchObject({ __typename: 'CreateProjectServiceAccountPayload', serviceAccount: null });
    expect(await obtainsToken(made.secret.clientId, made.secret.value)).toBe(true);
  });

  it('refuses bad input before any Atlas call, and a lifetime over the cap before any write', async () => {
    g.resetCalls();
    const refused = await g.run<Result, Record<string, unknown>>(CREATE_IN_PROJECT, { input: { projectId: projectOf(), name: 'bad', description: 'Bad', roles: [], secretExpiresAfterHours: 24 } });
    expect(refused.data!.r).toMatchObject({ __typename: 'ValidationError', field: 'input.roles' });
    const hours = await g.run<Result, Record<string, unknown>>(CREATE_IN_PROJECT, { input: { projectId: projectOf(), name: 'bad', description: 'Bad', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 7 } });
    expect(hours.data!.r).toMatchObject({ __typename: 'ValidationError', field: 'input.secretExpiresAfterHours' });
    expect(g.calls()).toEqual([]);
    await g.atlas.updateOrganizationSettings(globex, { maxServiceAccountSecretValidityInHours: 48 });
    try {
      const capped = await g.run<Result, Record<string, unknown>>(CREATE_IN_PROJECT, { input: { projectId: projectOf(), name: 'capped', description: 'Capped', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 72 } });
      expect(capped.data!.r).toMatchObject({ __typename: 'ValidationError', field: 'input.secretExpiresAfterHours' });
      expect(g.calls()).not.toContain('createGroupServiceAccount');
    } finally {
      await g.atlas.updateOrganizationSettings(globex, { maxServiceAccountSecretValidityInHours: 8_760 });
    }
  });
});

describe('secrets', () => {
  it("adds a secret that works at once, shortens the older one's life to 7 days, and deletes the old one", async () => {
    const created = await create('rotated by hand', 720);
    const added = await g.run<Result, Record<string, unknown>>(ADD_SECRET, { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 720 } });
    const payload = added.data!.addServiceAccountSecret as unknown as { secret: { atlasId: string; value: string }; serviceAccount: { secrets: Array<{ atlasId: string; expiresAt: string }> } };
    expect(await obtainsToken(created.serviceAccount.clientId, payload.secret.value)).toBe(true);
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(true);
    const old = payload.serviceAccount.secrets.find((s) => s.atlasId === created.secret.atlasId)!;
    expect(Date.parse(old.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

    const deleted = await g.run<Result, Record<string, unknown>>(
      'mutation($input: DeleteServiceAccountSecretInput!) { deleteServiceAccountSecret(input: $input) { __typename ... on ServiceAccountPayload { serviceAccount { secrets { atlasId } } } } }',
      { input: { serviceAccountId: created.serviceAccount.id, secretId: created.secret.atlasId } },
    );
    expect(deleted.data!.deleteServiceAccountSecret).toEqual({ __typename: 'ServiceAccountPayload', serviceAccount: { secrets: [{ atlasId: payload.secret.atlasId }] } });
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(false);
  });

  it('settles a deletion of a secret, and of an access-list entry, whose answer is lost', async () => {
    const created = await create('lost deletions', 720);
    const added = await g.run<{ addServiceAccountSecret: { secret: { atlasId: string } } }, Record<string, unknown>>(ADD_SECRET, {
      input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 },
    });
    g.sim.control.injectFault('deleteOrgServiceAccountSecret', { sequence: ['500-after-apply'] });
    const deleted = await g.run<Result, Record<string, unknown>>(
      'mutation($input: DeleteServiceAccountSecretInput!) { r: deleteServiceAccountSecret(input: $input) { __typename ... on ServiceAccountPayload { serviceAccount { secrets { atlasId } } } } }',
      { input: { serviceAccountId: created.serviceAccount.id, secretId: added.data!.addServiceAccountSecret.secret.atlasId } },
    );
    expect(deleted.data!.r).toEqual({ __typename: 'ServiceAccountPayload', serviceAccount: { secrets: [{ atlasId: created.secret.atlasId }] } });

    await g.atlas.addServiceAccountAccessListEntries(globex, created.serviceAccount.clientId, [{ ipAddress: '192.0.2.44' }]);
    g.sim.control.injectFault('deleteOrgServiceAccountAccessListEntry', { sequence: ['reset-after-apply'] });
    const removed = await g.run<Result, Record<string, unknown>>(
      'mutation($input: RemoveServiceAccountAccessListEntryInput!) { r: removeServiceAccountAccessListEntry(input: $input) { __typename ... on RemoveServiceAccountAccessListEntryPayload { removed } } }',
      { input: { serviceAccountId: created.serviceAccount.id, entry: '192.0.2.44' } },
    );
    expect(removed.data!.r).toEqual({ __typename: 'RemoveServiceAccountAccessListEntryPayload', removed: '192.0.2.44' });
    expect((await g.atlas.listServiceAccountAccessList(globex, created.serviceAccount.clientId)).results).toEqual([]);
  });

  it("says nothing was changed when the lost secret shortened no older secret's life (none had more than 7 days)", async () => {
    const created = await create('lost short secret', 24);
    g.sim.control.injectFault('createOrgServiceAccountSecret', { sequence: ['500-after-apply'] });
    const added = await g.run<Result, Record<string, unknown>>(ADD_SECRET.replace('... on MutationError { message }', '... on MutationError { message changesMade }'), {
      input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 },
    });
    expect(added.data!.addServiceAccountSecret).toMatchObject({ __typename: 'UpstreamUnavailableError', changesMade: [] });
    expect(added.data!.addServiceAccountSecret!.message).not.toContain('7 days');
    expect(await lastRecord('addServiceAccountSecret')).toEqual({ outcome: 'NOT_DONE', serviceAccounts: [{ clientId: created.serviceAccount.clientId }] });
  });

  it('deletes again a secret made when the answer with its value is lost, and says what that changed', async () => {
    const created = await create('lost secret', 720);
    g.sim.control.injectFault('createOrgServiceAccountSecret', { sequence: ['500-after-apply'] });
    const added = await g.run<Result, Record<string, unknown>>(ADD_SECRET.replace('... on MutationError { message }', '... on MutationError { message changesMade }'), {
      input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 },
    });
    expect(added.data!.addServiceAccountSecret).toMatchObject({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(/deleted again.*7 days/) });
    // Making the secret shortened the older one's life, and deleting it did not undo that.
    expect(added.data!.addServiceAccountSecret!.changesMade).toEqual([expect.stringContaining('7 days')]);
    const secrets = (await g.atlas.getServiceAccount(globex, created.serviceAccount.clientId)).secrets;
    expect(secrets.map((s) => s.id)).toEqual([created.secret.atlasId]);
    expect(Date.parse(secrets[0]!.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(await lastRecord('addServiceAccountSecret')).toEqual({ outcome: 'PARTLY_DONE', serviceAccounts: [{ clientId: created.serviceAccount.clientId }] });
  });
});

describe('updateServiceAccount and deleteServiceAccount', () => {
  it('changes an account, settling a lost answer by reading it', async () => {
    const created = await create('to change');
    g.sim.control.injectFault('updateOrgServiceAccount', { sequence: ['reset-after-apply'] });
    const result = await g.run<Result, Record<string, unknown>>(
      'mutation($input: UpdateServiceAccountInput!) { updateServiceAccount(input: $input) { __typename ... on ServiceAccountPayload { serviceAccount { name organizationRoles { role } } } } }',
      { input: { id: created.serviceAccount.id, name: 'changed', roles: ['ORG_READ_ONLY'] } },
    );
    expect(result.data!.updateServiceAccount).toEqual({ __typename: 'ServiceAccountPayload', serviceAccount: { name: 'changed', organizationRoles: [{ role: 'ORG_READ_ONLY' }] } });
  });

  it('deletes an account, settling a lost answer; its secret obtains no more tokens', async () => {
    const created = await create('to delete');
    g.sim.control.injectFault('deleteOrgServiceAccount', { sequence: ['500-after-apply'] });
    const result = await g.run<Result, Record<string, unknown>>(
      'mutation($input: ServiceAccountIdInput!) { deleteServiceAccount(input: $input) { __typename ... on DeleteServiceAccountPayload { deletedServiceAccountId clientId } } }',
      { input: { id: created.serviceAccount.id } },
    );
    expect(result.data!.deleteServiceAccount).toEqual({ __typename: 'DeleteServiceAccountPayload', deletedServiceAccountId: created.serviceAccount.id, clientId: created.serviceAccount.clientId });
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(false);
  });

  it('records who asked, with the organization', async () => {
    const created = await create('audited');
    const records = await g.run<{ organization: { auditRecords: { edges: Array<{ node: { operation: string; outcome: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { auditRecords(first: 5, operation: "createServiceAccount") { edges { node { operation outcome } } } } }',
      { id: globex },
    );
    expect(records.data!.organization.auditRecords.edges.map((e) => e.node)).toContainEqual({ operation: 'createServiceAccount', outcome: 'DONE' });
    expect(created.serviceAccount.name).toBe('audited');
  });

  it("names the account in every record of a change to it, read from the account's own auditRecords, also once it is deleted", async () => {
    const created = await create('named in records');
    const other = await create('another account');
    await g.run(ADD_SECRET, { input: { serviceAccountId: other.serviceAccount.id, expiresAfterHours: 24 } });
    await g.run(ADD_SECRET, { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 } });
    g.sim.control.injectFault('updateOrgServiceAccount', { sequence: ['reset-after-apply'] });
    await g.run('mutation($input: UpdateServiceAccountInput!) { updateServiceAccount(input: $input) { __typename } }', { input: { id: created.serviceAccount.id, name: 'renamed' } });
    const history = await g.run<{ node: { auditRecords: { edges: Array<{ node: { operation: string; outcome: string; serviceAccounts: Array<{ clientId: string }> } }> } } }, { id: string }>(
      'query($id: ID!) { node(id: $id) { ... on ServiceAccount { auditRecords(first: 10) { edges { node { operation outcome serviceAccounts { clientId } } } } } } }',
      { id: created.serviceAccount.id },
    );
    const mine = [{ clientId: created.serviceAccount.clientId }];
    expect(history.data!.node.auditRecords.edges.map((e) => e.node)).toEqual([
      { operation: 'updateServiceAccount', outcome: 'DONE', serviceAccounts: mine },
      { operation: 'addServiceAccountSecret', outcome: 'DONE', serviceAccounts: mine },
      { operation: 'createServiceAccount', outcome: 'DONE', serviceAccounts: mine },
    ]);

    await g.run('mutation($input: ServiceAccountIdInput!) { deleteServiceAccount(input: $input) { __typename } }', { input: { id: created.serviceAccount.id } });
    const deleted = await g.run<{ organization: { auditRecords: { edges: Array<{ node: { serviceAccounts: Array<{ clientId: string }> } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { auditRecords(first: 1, operation: "deleteServiceAccount") { edges { node { serviceAccounts { clientId } } } } } }',
      { id: globex },
    );
    expect(deleted.data!.organization.auditRecords.edges[0]!.node.serviceAccounts).toEqual(mine);
  });
});

const ROTATE = `mutation($input: RotateServiceAccountSecretInput!) { rotateServiceAccountSecret(input: $input) {
  __typename
  ... on RotateServiceAccountSecretPayload { secret { atlasId value } previousSecrets { atlasId expiresAt } previousSecretsWorkUntil removedExpiredSecretIds }
  ... on MutationError { message }
} }`;

interface Rotated {
  __typename: string;
  secret: { atlasId: string; value: string };
  previousSecrets: Array<{ atlasId: string; expiresAt: string }>;
  previousSecretsWorkUntil: string | null;
  removedExpiredSecretIds: string[];
  message?: string;
}

describe('rotateServiceAccountSecret', () => {
  it('makes a new secret first and keeps the old one working, saying until when; the old one stops only when deleted', async () => {
    const created = await create('rotating', 720);
    const result = await g.run<{ rotateServiceAccountSecret: Rotated }, Record<string, unknown>>(ROTATE, { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 720 } });
    const rotated = result.data!.rotateServiceAccountSecret;
    expect(rotated.__typename).toBe('RotateServiceAccountSecretPayload');
    expect(await obtainsToken(created.serviceAccount.clientId, rotated.secret.value)).toBe(true);
    // No workload locked out: the old secret works, until a date within 7 days, said in the answer.
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(true);
    expect(rotated.previousSecrets.map((p) => p.atlasId)).toEqual([created.secret.atlasId]);
    const until = Date.parse(rotated.previousSecretsWorkUntil!);
    expect(until).toBeGreaterThan(Date.now());
    expect(until - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(rotated.removedExpiredSecretIds).toEqual([]);

    await g.run('mutation($input: DeleteServiceAccountSecretInput!) { deleteServiceAccountSecret(input: $input) { __typename } }', {
      input: { serviceAccountId: created.serviceAccount.id, secretId: created.secret.atlasId },
    });
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(false);
    expect(await obtainsToken(created.serviceAccount.clientId, rotated.secret.value)).toBe(true);
  });

  it('deletes an expired secret to make room, and refuses when every secret still works, changing nothing', async () => {
    const created = await create('full', 720);
    const second = await g.run<{ addServiceAccountSecret: { secret: { atlasId: string; value: string } } }, Record<string, unknown>>(ADD_SECRET, {
      input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 720 },
    });
    g.resetCalls();
    const refused = await g.run<{ rotateServiceAccountSecret: Rotated }, Record<string, unknown>>(ROTATE, { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 } });
    expect(refused.data!.rotateServiceAccountSecret).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('2 working secrets') });
    expect(g.calls().filter((c) => c.startsWith('create') || c.startsWith('delete'))).toEqual([]);

    g.sim.control.expireServiceAccountSecret(created.serviceAccount.clientId, created.secret.atlasId);
    const rotated = (await g.run<{ rotateServiceAccountSecret: Rotated }, Record<string, unknown>>(ROTATE, { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 } })).data!
      .rotateServiceAccountSecret;
    expect(rotated.removedExpiredSecretIds).toEqual([created.secret.atlasId]);
    expect(rotated.previousSecrets.map((p) => p.atlasId)).toEqual([second.data!.addServiceAccountSecret.secret.atlasId]);
    expect(await obtainsToken(created.serviceAccount.clientId, rotated.secret.value)).toBe(true);
    expect(await obtainsToken(created.serviceAccount.clientId, second.data!.addServiceAccountSecret.secret.value)).toBe(true);
  });
});

describe('a later step failing after an earlier one was made', () => {
  it('says that the expired secret was deleted when the new secret then fails, and records PARTLY_DONE', async () => {
    const created = await create('partly rotated', 720);
    const second = await g.run<{ addServiceAccountSecret: { secret: { atlasId: string } } }, Record<string, unknown>>(ADD_SECRET, {
      input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 720 },
    });
    g.sim.control.expireServiceAccountSecret(created.serviceAccount.clientId, created.secret.atlasId);
    g.sim.control.injectFault('createOrgServiceAccountSecret', { sequence: [503] });
    const result = await g.run<{ r: Rotated & { changesMade: string[] } }, Record<string, unknown>>(
      'mutation($input: RotateServiceAccountSecretInput!) { r: rotateServiceAccountSecret(input: $input) { __typename ... on MutationError { message changesMade } } }',
      { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 } },
    );
    const failed = result.data!.r;
    expect(failed.__typename).toBe('UpstreamUnavailableError');
    expect(failed.changesMade).toEqual([expect.stringContaining(`Expired secret ${created.secret.atlasId}`)]);
    expect(failed.message).not.toMatch(/\bnothing was changed/i);
    expect(failed.message).toMatch(/no secret was created\. Retrying is safe\. Made before this failed: Expired secret/);
    // What it says is what Atlas has: the expired secret gone, the working one kept, no new one.
    const secrets = (await g.atlas.getServiceAccount(globex, created.serviceAccount.clientId)).secrets.map((s) => s.id);
    expect(secrets).toEqual([second.data!.addServiceAccountSecret.secret.atlasId]);

    const records = await g.run<{ organization: { auditRecords: { edges: Array<{ node: { outcome: string; resultType: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { auditRecords(first: 1, operation: "rotateServiceAccountSecret") { edges { node { outcome resultType } } } } }',
      { id: globex },
    );
    expect(records.data!.organization.auditRecords.edges[0]!.node).toEqual({ outcome: 'PARTLY_DONE', resultType: 'UpstreamUnavailableError' });

    // A retry does the rest.
    const retried = await g.run<{ rotateServiceAccountSecret: Rotated }, Record<string, unknown>>(ROTATE, { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 } });
    expect(retried.data!.rotateServiceAccountSecret).toMatchObject({ __typename: 'RotateServiceAccountSecretPayload', removedExpiredSecretIds: [] });
    expect(await obtainsToken(created.serviceAccount.clientId, retried.data!.rotateServiceAccountSecret.secret.value)).toBe(true);
  });

  it('names nothing as made when the failing step is the first', async () => {
    const created = await create('not rotated', 720);
    g.sim.control.injectFault('createOrgServiceAccountSecret', { sequence: [503] });
    const result = await g.run<{ r: { __typename: string; message: string; changesMade: string[] } }, Record<string, unknown>>(
      'mutation($input: RotateServiceAccountSecretInput!) { r: rotateServiceAccountSecret(input: $input) { __typename ... on MutationError { message changesMade } } }',
      { input: { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 } },
    );
    expect(result.data!.r).toMatchObject({ __typename: 'UpstreamUnavailableError', changesMade: [], message: expect.not.stringContaining('Made before') });
  });
});

describe('access lists and projects', () => {
  it('adds entries (duplicates reported, not sent), removes one, and says when an entry is not listed', async () => {
    const created = await create('listed');
    const add = `mutation($input: AddServiceAccountAccessListEntriesInput!) { addServiceAccountAccessListEntries(input: $input) {
      __typename ... on AddServiceAccountAccessListEntriesPayload { added duplicates serviceAccount { accessList(first: 10) { edges { node { cidrBlock } } } } } } }`;
    const first = await g.run<Result, Record<string, unknown>>(add, { input: { serviceAccountId: created.serviceAccount.id, entries: ['198.51.100.7', '203.0.113.0/24'] } });
    expect(first.data!.addServiceAccountAccessListEntries).toMatchObject({ added: ['198.51.100.7', '203.0.113.0/24'], duplicates: [] });
    g.sim.control.injectFault('createOrgServiceAccountAccessList', { sequence: ['reset-after-apply'] });
    const again = await g.run<Result, Record<string, unknown>>(add, { input: { serviceAccountId: created.serviceAccount.id, entries: ['198.51.100.7', '192.0.2.1'] } });
    expect(again.data!.addServiceAccountAccessListEntries).toMatchObject({ __typename: 'AddServiceAccountAccessListEntriesPayload', added: ['192.0.2.1'], duplicates: ['198.51.100.7'] });

    const remove = `mutation($input: RemoveServiceAccountAccessListEntryInput!) { removeServiceAccountAccessListEntry(input: $input) { __typename ... on MutationError { message } ... on RemoveServiceAccountAccessListEntryPayload { removed } } }`;
    const removed = await g.run<Result, Record<string, unknown>>(remove, { input: { serviceAccountId: created.serviceAccount.id, entry: '203.0.113.0/24' } });
    expect(removed.data!.removeServiceAccountAccessListEntry).toEqual({ __typename: 'RemoveServiceAccountAccessListEntryPayload', removed: '203.0.113.0/24' });
    const missing = await g.run<Result, Record<string, unknown>>(remove, { input: { serviceAccountId: created.serviceAccount.id, entry: '203.0.113.0/24' } });
    expect(missing.data!.removeServiceAccountAccessListEntry).toMatchObject({ __typename: 'NotFoundError', message: expect.stringContaining('is not on the access list') });
    const entries = (await g.atlas.listServiceAccountAccessList(globex, created.serviceAccount.clientId)).results.map((e) => e.ipAddress ?? e.cidrBlock);
    expect(entries.sort()).toEqual(['192.0.2.1', '198.51.100.7']);
  });

  it('assigns to a project, changes the roles there, and unassigns, each settled when its answer is lost', async () => {
    const created = await create('assigned');
    const project = g.sim.control.seeded.orgs[1]!.projects[0]!.id;
    const change = (field: string, type: string, roles?: string[]) =>
      g.run<Result, Record<string, unknown>>(
        `mutation($input: ${type}!) { r: ${field}(input: $input) { __typename ... on MutationError { message } ... on ServiceAccountProjectPayload { serviceAccount { projectAssignments { project { atlasId } roles { role } } } } } }`,
        { input: { serviceAccountId: created.serviceAccount.id, projectId: project, ...(roles ? { roles } : {}) } },
      );
    g.sim.control.injectFault('inviteGroupServiceAccount', { sequence: ['500-after-apply'] });
    expect((await change('assignServiceAccountToProject', 'ServiceAccountProjectRolesInput', ['GROUP_READ_ONLY'])).data!.r).toEqual({
      __typename: 'ServiceAccountProjectPayload',
      serviceAccount: { projectAssignments: [{ project: { atlasId: project }, roles: [{ role: 'GROUP_READ_ONLY' }] }] },
    });
    expect((await change('assignServiceAccountToProject', 'ServiceAccountProjectRolesInput', ['GROUP_READ_ONLY'])).data!.r).toMatchObject({ __typename: 'ConflictError' });
    g.sim.control.injectFault('updateGroupServiceAccount', { sequence: ['reset-after-apply'] });
    expect((await change('setServiceAccountProjectRoles', 'ServiceAccountProjectRolesInput', ['GROUP_OWNER'])).data!.r).toMatchObject({
      serviceAccount: { projectAssignments: [{ roles: [{ role: 'GROUP_OWNER' }] }] },
    });
    g.sim.control.injectFault('deleteGroupServiceAccount', { sequence: ['500-after-apply'] });
    expect((await change('unassignServiceAccountFromProject', 'UnassignServiceAccountFromProjectInput')).data!.r).toEqual({ __typename: 'ServiceAccountProjectPayload', serviceAccount: { projectAssignments: [] } });
    // Still in its organization, its secret still working.
    expect(await obtainsToken(created.serviceAccount.clientId, created.secret.value)).toBe(true);
  });
});

describe('other flavors', () => {
  it('answers a create on Atlas v1.0 with a typed error that says the flavor has none, sending no write', async () => {
    const sim = await createSimulator({ seed: 'demo' });
    const atlas = AtlasClient.create({ baseUrl: sim.url, flavor: 'atlas-v1', credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey } });
    try {
      const gateway = createGateway({ atlas });
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: CREATE, variables: { input: { organizationId: sim.control.seeded.orgs[0]!.id, name: 'v1', description: 'v1', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 } } }),
      });
      const body = (await response.json()) as { data: Result };
      expect(body.data.createServiceAccount).toMatchObject({ __typename: 'UnsupportedByUpstreamError', message: expect.stringContaining('Atlas Admin API v1.0') });
      expect(sim.control.stats().requests).toBe(0);
    } finally {
      await atlas.close();
      await sim.close();
    }
  });
});
