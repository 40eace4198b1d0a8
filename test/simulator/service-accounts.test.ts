// The simulator's service accounts (v2, 2024-08-05): accounts of an organization and of its
// projects, their secrets (shown once, capped by the org's setting, rotated with a seven-day
// overlap, two at most), their access lists (enforced on every call with their tokens, usage
// recorded), the token endpoint, permissions, errors, events, versions and the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallOptions, type Harness, type Reply, SERVICE_ACCOUNT_VERSION, demoOrg, fetchToken, startHarness } from './helpers.js';

const SA_MEDIA_TYPE = `application/vnd.atlas.${SERVICE_ACCOUNT_VERSION}+json`;
const CLIENT_ID = /^mdb_sa_id_[a-f0-9]{24}$/;
const SECRET = /^mdb_sa_sk_[a-f0-9]{32}$/;
const MASKED = /^mdb_sa_sk_\*{28}[a-f0-9]{4}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: Harness;
let orgId: string;
let globexId: string;
let staging: string;
let production: string;

beforeAll(async () => {
  // Behind a "proxy", so that a test can name the caller's address.
  h = await startHarness({ trustProxy: true });
  const demo = demoOrg(h.sim);
  orgId = demo.org.id;
  globexId = h.sim.control.seeded.orgs[1]!.id;
  staging = demo.project('Staging').id;
  production = demo.project('Production').id;
});
afterAll(() => h.sim.close());

/** A v2 call of a service-account resource, as the admin unless told otherwise. */
const sa = (method: string, path: string, options: CallOptions = {}): Promise<Reply> => h.call(method, path, { version: SERVICE_ACCOUNT_VERSION, ...options });

const from = (address: string): Record<string, string> => ({ 'x-forwarded-for': address });

function expectError(reply: Reply, status: number, errorCode: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.json).toMatchObject({ error: status, errorCode });
  expect(reply.headers.get('content-type')).toContain('application/json');
}

interface Account {
  clientId: string;
  name: string;
  description: string;
  createdAt: string;
  roles: string[];
  secrets: Array<{ id: string; createdAt: string; expiresAt: string; lastUsedAt?: string; maskedSecretValue: string; secret?: string }>;
}

async function createOrgAccount(fields: Record<string, unknown> = {}, org = orgId, options: CallOptions = {}): Promise<Account> {
  const reply = await sa('POST', `/orgs/${org}/serviceAccounts`, {
    body: { name: 'Test account', description: 'Made by a test', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24, ...fields },
    ...options,
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.json;
}

async function createProjectAccount(groupId: string, fields: Record<string, unknown> = {}, options: CallOptions = {}): Promise<Account> {
  const reply = await sa('POST', `/groups/${groupId}/serviceAccounts`, {
    body: { name: 'Project account', description: 'Made in a project', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24, ...fields },
    ...options,
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.json;
}

/** The token endpoint's raw answer for client credentials. */
async function requestToken(clientId: string, secret: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A token of a new organization account with `roles` (org roles of the demo org). */
async function accountWithRoles(roles: string[]): Promise<{ account: Account; token: string }> {
  const account = await createOrgAccount({ roles });
  return { account, token: await fetchToken(h.sim.url, account.clientId, account.secrets[0]!.secret!) };
}

const getOrgAccount = async (clientId: string, org = orgId): Promise<Account> => (await sa('GET', `/orgs/${org}/serviceAccounts/${clientId}`)).json;

describe('organization service accounts', () => {
  it('creates an account with its first secret, shown in that answer only, and masked everywhere else', async () => {
    const before = Date.now();
    const created = await createOrgAccount({ name: "Nightly export, O'Brien's team", description: 'Exports data-2024_v1.2', roles: ['ORG_READ_ONLY', 'ORG_BILLING_READ_ONLY', 'ORG_READ_ONLY'], secretExpiresAfterHours: 48 });
    expect(created).toEqual({
      clientId: expect.stringMatching(CLIENT_ID),
      createdAt: expect.stringMatching(ISO),
      description: 'Exports data-2024_v1.2',
      name: "Nightly export, O'Brien's team",
      roles: ['ORG_READ_ONLY', 'ORG_BILLING_READ_ONLY'],
      secrets: [
        {
          createdAt: expect.stringMatching(ISO),
          expiresAt: expect.stringMatching(ISO),
          id: expect.stringMatching(/^[a-f0-9]{24}$/),
          maskedSecretValue: expect.stringMatching(MASKED),
          secret: expect.stringMatching(SECRET),
        },
      ],
    });
    // The client id carries the creation time, as an ObjectId does.
    expect(Number.parseInt(created.clientId.slice(10, 18), 16) * 1000).toBe(Date.parse(created.createdAt));
    expect(Math.abs(Date.parse(created.createdAt) - before)).toBeLessThan(5_000);
    const secret = created.secrets[0]!;
    expect(Date.parse(secret.expiresAt) - Date.parse(secret.createdAt)).toBe(48 * HOUR);
    expect(secret.maskedSecretValue).toBe(`mdb_sa_sk_${'*'.repeat(28)}${secret.secret!.slice(-4)}`);

    const fetched = await sa('GET', `/orgs/${orgId}/serviceAccounts/${created.clientId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toContain(SA_MEDIA_TYPE);
    const { secret: _shownOnce, ...masked } = secret;
    expect(fetched.json).toEqual({ ...created, secrets: [masked] });
    expect(fetched.text).not.toContain(secret.secret);
    const listed = await sa('GET', `/orgs/${orgId}/serviceAccounts?itemsPerPage=500`);
    expect(listed.json.results.find((a: Account) => a.clientId === created.clientId)).toEqual(fetched.json);
    expect(listed.text).not.toContain(secret.secret);
  });

  it('changes name, description and org roles, recording only what changed', async () => {
    const created = await createOrgAccount();
    const path = `/orgs/${orgId}/serviceAccounts/${created.clientId}`;
    const renamed = await sa('PATCH', path, { body: { name: 'Renamed', description: null } });
    expect(renamed.json).toMatchObject({ name: 'Renamed', description: 'Made by a test', roles: ['ORG_MEMBER'] });
    const roles = await sa('PATCH', path, { body: { roles: ['ORG_GROUP_CREATOR', 'ORG_READ_ONLY'] } });
    expect(roles.json.roles).toEqual(['ORG_GROUP_CREATOR', 'ORG_READ_ONLY']);
    expect((await sa('PATCH', path, { body: {} })).json).toEqual(roles.json);
  });

  it('deletes an account: it leaves the lists and its tokens stop working', async () => {
    const { account, token } = await accountWithRoles(['ORG_READ_ONLY']);
    expect((await h.call('GET', `/orgs/${orgId}`, { token })).status).toBe(200);
    expect((await sa('DELETE', `/orgs/${orgId}/serviceAccounts/${account.clientId}`)).status).toBe(204);
    expectError(await sa('GET', `/orgs/${orgId}/serviceAccounts/${account.clientId}`), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    const refused = await h.call('GET', `/orgs/${orgId}`, { token });
    expectError(refused, 401, 'USER_UNAUTHORIZED');
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await requestToken(account.clientId, account.secrets[0]!.secret!)).status).toBe(401);
  });

  it('pages the account lists without includeCount, and the access lists with it', async () => {
    const created = await createOrgAccount();
    const first = await sa('GET', `/orgs/${orgId}/serviceAccounts?itemsPerPage=2&pageNum=1&includeCount=false`);
    expect(first.json.results).toHaveLength(2);
    // The account lists take no includeCount: it is ignored, as any unknown parameter.
    expect(first.json.totalCount).toBeGreaterThan(2);
    expect(first.json.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'next']);
    const paths = `/orgs/${orgId}/serviceAccounts/${created.clientId}`;
    await sa('POST', `${paths}/accessList`, { body: [{ ipAddress: '192.0.2.1' }, { ipAddress: '192.0.2.2' }, { ipAddress: '192.0.2.3' }] });
    const entries = await sa('GET', `${paths}/accessList?itemsPerPage=2&pageNum=2&includeCount=false`);
    expect(entries.json.results.map((e: { ipAddress: string }) => e.ipAddress)).toEqual(['192.0.2.3']);
    expect(entries.json).not.toHaveProperty('totalCount');
    expectError(await sa('GET', `/orgs/${orgId}/serviceAccounts?itemsPerPage=501`), 400, 'VALIDATION_ERROR');
    expectError(await sa('GET', `/orgs/${orgId}/serviceAccounts?includeSystemManaged=maybe`), 400, 'VALIDATION_ERROR');
  });
});

describe('project service accounts', () => {
  it('creates a new account of the org in the project: an org member with the project roles', async () => {
    const created = await createProjectAccount(staging, { roles: ['GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY'] });
    expect(created.roles).toEqual(['GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY']);
    expect(created.secrets[0]!.secret).toMatch(SECRET);
    const inOrg = await getOrgAccount(created.clientId);
    expect(inOrg.roles).toEqual(['ORG_MEMBER']);
    expect(inOrg.secrets[0]).not.toHaveProperty('secret');
    const groups = await sa('GET', `/orgs/${orgId}/serviceAccounts/${created.clientId}/groups`);
    expect(groups.json).toMatchObject({ results: [{ groupId: staging, roles: ['GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY'] }], totalCount: 1 });
    const listed = await sa('GET', `/groups/${staging}/serviceAccounts`);
    expect(listed.json.results.find((a: Account) => a.clientId === created.clientId).roles).toEqual(['GROUP_CLUSTER_MANAGER', 'GROUP_READ_ONLY']);
    expect((await sa('GET', `/groups/${production}/serviceAccounts`)).json.results.map((a: Account) => a.clientId)).not.toContain(created.clientId);
  });

  it('assigns an existing account with an object body, changes its project roles, and unassigns it only', async () => {
    const { account, token } = await accountWithRoles(['ORG_READ_ONLY']);
    const invite = `/groups/${production}/serviceAccounts/${account.clientId}:invite`;
    const invited = await sa('POST', invite, { body: { roles: ['GROUP_OBSERVABILITY_VIEWER'] } });
    expect(invited.status).toBe(200);
    expect(invited.json).toMatchObject({ clientId: account.clientId, roles: ['GROUP_OBSERVABILITY_VIEWER'] });
    expect(invited.json.secrets[0]).not.toHaveProperty('secret');
    expectError(await sa('POST', invite, { body: { roles: ['GROUP_READ_ONLY'] } }), 409, 'SERVICE_ACCOUNT_ALREADY_IN_GROUP');

    const path = `/groups/${production}/serviceAccounts/${account.clientId}`;
    const patched = await sa('PATCH', path, { body: { description: 'Now reads Production', roles: ['GROUP_READ_ONLY', 'GROUP_BACKUP_MANAGER'] } });
    expect(patched.json).toMatchObject({ description: 'Now reads Production', roles: ['GROUP_READ_ONLY', 'GROUP_BACKUP_MANAGER'] });
    // The project roles replace the project's, and leave the org roles as they were.
    expect((await getOrgAccount(account.clientId)).roles).toEqual(['ORG_READ_ONLY']);

    expect((await sa('DELETE', path)).status).toBe(204);
    expectError(await sa('GET', path), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    expect((await sa('GET', `/orgs/${orgId}/serviceAccounts/${account.clientId}/groups`)).json.results).toEqual([]);
    // Still in the org, its token still working.
    expect((await getOrgAccount(account.clientId)).clientId).toBe(account.clientId);
    expect((await h.call('GET', `/orgs/${orgId}`, { token })).status).toBe(200);
  });

  it('manages a project account’s secrets and access list from the project', async () => {
    const created = await createProjectAccount(staging);
    const path = `/groups/${staging}/serviceAccounts/${created.clientId}`;
    const secret = await sa('POST', `${path}/secrets`, { body: { secretExpiresAfterHours: 12 } });
    expect(secret.status).toBe(201);
    expect(secret.json.secret).toMatch(SECRET);
    const page = await sa('POST', `${path}/accessList`, { body: [{ cidrBlock: '203.0.113.0/24' }, { ipAddress: '2001:db8::1' }] });
    expect(page.status).toBe(200);
    expect(page.json.results).toEqual([
      { cidrBlock: '203.0.113.0/24', createdAt: expect.stringMatching(ISO), requestCount: 0 },
      { cidrBlock: '2001:db8:0:0:0:0:0:1/128', createdAt: expect.stringMatching(ISO), ipAddress: '2001:db8:0:0:0:0:0:1', requestCount: 0 },
    ]);
    expect((await sa('DELETE', `${path}/accessList/203.0.113.0%2F24`)).status).toBe(204);
    expect((await sa('GET', `${path}/accessList`)).json.totalCount).toBe(1);
    expect((await sa('DELETE', `${path}/secrets/${secret.json.id}`)).status).toBe(204);
    expect((await getOrgAccount(created.clientId)).secrets.map((s) => s.id)).toEqual([created.secrets[0]!.id]);
  });
});

describe('secrets', () => {
  it('caps a new secret at the organization’s maxServiceAccountSecretValidityInHours', async () => {
    const account = await createOrgAccount();
    await sa('DELETE', `/orgs/${orgId}/serviceAccounts/${account.clientId}/secrets/${account.secrets[0]!.id}`);
    await h.call('PATCH', `/orgs/${orgId}/settings`, { body: { maxServiceAccountSecretValidityInHours: 24 } });
    try {
      const over = await sa('POST', `/orgs/${orgId}/serviceAccounts/${account.clientId}/secrets`, { body: { secretExpiresAfterHours: 25 } });
      expectError(over, 400, 'INVALID_ATTRIBUTE');
      expect(over.json.parameters).toEqual(['secretExpiresAfterHours']);
      expect(over.json.detail).toContain('24');
      expectError(await sa('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: 'n', description: 'd', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 25 } }), 400, 'INVALID_ATTRIBUTE');
      expectError(await sa('POST', `/groups/${staging}/serviceAccounts`, { body: { name: 'n', description: 'd', roles: ['GROUP_OWNER'], secretExpiresAfterHours: 25 } }), 400, 'INVALID_ATTRIBUTE');
      expect((await sa('POST', `/orgs/${orgId}/serviceAccounts/${account.clientId}/secrets`, { body: { secretExpiresAfterHours: 24 } })).status).toBe(201);
    } finally {
      await h.call('PATCH', `/orgs/${orgId}/settings`, { body: { maxServiceAccountSecretValidityInHours: 8760 } });
    }
  });

  it('leaves each older secret at most seven days when a new one is made', async () => {
    const account = await createOrgAccount({ secretExpiresAfterHours: 24 * 90 });
    const path = `/orgs/${orgId}/serviceAccounts/${account.clientId}`;
    const first = account.secrets[0]!;
    const second = (await sa('POST', `${path}/secrets`, { body: { secretExpiresAfterHours: 24 * 30 } })).json;
    const secrets = (await getOrgAccount(account.clientId)).secrets;
    const older = secrets.find((s) => s.id === first.id)!;
    expect(Date.parse(older.expiresAt)).toBe(Date.parse(second.createdAt) + 7 * DAY);
    expect(Date.parse(secrets.find((s) => s.id === second.id)!.expiresAt)).toBe(Date.parse(second.createdAt) + 30 * DAY);

    // A secret with less than seven days left keeps its own expiry.
    const short = await createOrgAccount({ secretExpiresAfterHours: 10 });
    await sa('POST', `/orgs/${orgId}/serviceAccounts/${short.clientId}/secrets`, { body: { secretExpiresAfterHours: 24 } });
    expect((await getOrgAccount(short.clientId)).secrets[0]!.expiresAt).toBe(short.secrets[0]!.expiresAt);
  });

  it('allows two secrets per account: a third is refused until one is deleted', async () => {
    const account = await createOrgAccount();
    const path = `/orgs/${orgId}/serviceAccounts/${account.clientId}/secrets`;
    expect((await sa('POST', path, { body: { secretExpiresAfterHours: 8 } })).status).toBe(201);
    const third = await sa('POST', path, { body: { secretExpiresAfterHours: 8 } });
    expectError(third, 400, 'SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED');
    expect(third.json.parameters).toEqual([account.clientId, 2]);
    expect((await getOrgAccount(account.clientId)).secrets).toHaveLength(2);
    expect((await sa('DELETE', `${path}/${account.secrets[0]!.id}`)).status).toBe(204);
    expect((await sa('POST', path, { body: { secretExpiresAfterHours: 8 } })).status).toBe(201);
  });

  it('answers 404 for an unknown secret', async () => {
    const account = await createOrgAccount();
    for (const secretId of ['0123456789abcdef01234567', 'not-an-id']) {
      const reply = await sa('DELETE', `/orgs/${orgId}/serviceAccounts/${account.clientId}/secrets/${secretId}`);
      expectError(reply, 404, 'SERVICE_ACCOUNT_SECRET_NOT_FOUND');
      expect(reply.json.parameters).toEqual([secretId, account.clientId]);
    }
  });
});

describe('tokens', () => {
  it('issues a token for any live secret of the account and records the secret’s use', async () => {
    const account = await createOrgAccount({ roles: ['ORG_READ_ONLY'] });
    const path = `/orgs/${orgId}/serviceAccounts/${account.clientId}`;
    const second = (await sa('POST', `${path}/secrets`, { body: { secretExpiresAfterHours: 8 } })).json;
    expect((await getOrgAccount(account.clientId)).secrets.every((s) => s.lastUsedAt === undefined)).toBe(true);

    const issued = await requestToken(account.clientId, second.secret);
    expect(issued).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    const secrets = (await getOrgAccount(account.clientId)).secrets;
    expect(secrets.find((s) => s.id === second.id)!.lastUsedAt).toMatch(ISO);
    expect(secrets.find((s) => s.id === account.secrets[0]!.id)).not.toHaveProperty('lastUsedAt');
    const token = issued.body.access_token as string;
    expect((await h.call('GET', '/orgs', { token })).json.results.map((o: { id: string }) => o.id)).toEqual([orgId]);
    expect((await requestToken(account.clientId, account.secrets[0]!.secret!)).status).toBe(200);
  });

  it('refuses an expired secret as an unknown one, and accepts the account’s other secret', async () => {
    const account = await createOrgAccount();
    const second = (await sa('POST', `/orgs/${orgId}/serviceAccounts/${account.clientId}/secrets`, { body: { secretExpiresAfterHours: 8 } })).json;
    h.sim.control.expireServiceAccountSecret(account.clientId, account.secrets[0]!.id);
    const expired = await requestToken(account.clientId, account.secrets[0]!.secret!);
    expect(expired).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } });
    expect(await requestToken(account.clientId, 'mdb_sa_sk_not-a-secret')).toEqual(expired);
    expect((await requestToken(account.clientId, second.secret)).status).toBe(200);
    expect(() => h.sim.control.expireServiceAccountSecret(account.clientId, '0123456789abcdef01234567')).toThrow(RangeError);
  });

  it('keeps the admin’s and the control’s accounts as they were: no expiry, no access list, not in any org', async () => {
    const { clientId, clientSecret } = h.sim.control.admin;
    expect((await requestToken(clientId, clientSecret)).status).toBe(200);
    const own = h.sim.control.createServiceAccount([{ orgId: globexId, roleName: 'ORG_MEMBER' }]);
    // Globex requires API access lists; the simulator's own accounts have none to be held to.
    const token = await fetchToken(h.sim.url, own.clientId, own.clientSecret);
    expect((await h.call('GET', `/orgs/${globexId}`, { token })).status).toBe(200);
    expectError(await sa('GET', `/orgs/${globexId}/serviceAccounts/${own.clientId}`), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
  });
});

describe('access lists on tokens', () => {
  it('lets a token call only from a listed address and records each call on the narrowest entry', async () => {
    const { account, token } = await accountWithRoles(['ORG_READ_ONLY']);
    const path = `/orgs/${orgId}/serviceAccounts/${account.clientId}/accessList`;
    // Without a list, in an org that does not require one: any address, no trace.
    expect((await h.call('GET', `/orgs/${orgId}`, { token, headers: from('192.0.2.200') })).status).toBe(200);
    await sa('POST', path, { body: [{ cidrBlock: '198.51.100.0/24' }, { ipAddress: '198.51.100.7' }, { ipAddress: '203.0.113.9' }] });

    for (let i = 0; i < 3; i++) expect((await h.call('GET', `/orgs/${orgId}`, { token, headers: from('198.51.100.7') })).status).toBe(200);
    expect((await h.call('GET', `/orgs/${orgId}`, { token, headers: from('198.51.100.99') })).status).toBe(200);
    const refused = await h.call('GET', `/orgs/${orgId}`, { token, headers: from('192.0.2.200') });
    expectError(refused, 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
    expect(refused.json.parameters).toEqual(['192.0.2.200']);

    const entries = (await sa('GET', path)).json.results;
    expect(entries).toEqual([
      { cidrBlock: '198.51.100.0/24', createdAt: expect.stringMatching(ISO), lastUsedAddress: '198.51.100.99', lastUsedAt: expect.stringMatching(ISO), requestCount: 1 },
      { cidrBlock: '198.51.100.7/32', createdAt: expect.stringMatching(ISO), ipAddress: '198.51.100.7', lastUsedAddress: '198.51.100.7', lastUsedAt: expect.stringMatching(ISO), requestCount: 3 },
      { cidrBlock: '203.0.113.9/32', createdAt: expect.stringMatching(ISO), ipAddress: '203.0.113.9', requestCount: 0 },
    ]);
  });

  it('refuses an account without a list in an org that requires one', async () => {
    const account = await createOrgAccount({ roles: ['ORG_MEMBER'] }, globexId);
    const token = await fetchToken(h.sim.url, account.clientId, account.secrets[0]!.secret!);
    expectError(await h.call('GET', `/orgs/${globexId}`, { token }), 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
    await sa('POST', `/orgs/${globexId}/serviceAccounts/${account.clientId}/accessList`, { body: [{ ipAddress: '127.0.0.1' }] });
    expect((await h.call('GET', `/orgs/${globexId}`, { token })).status).toBe(200);
  });

  it('refuses an account removing the entry its own address matches, as for keys', async () => {
    const { account, token } = await accountWithRoles(['ORG_OWNER']);
    const path = `/orgs/${orgId}/serviceAccounts/${account.clientId}/accessList`;
    await sa('POST', path, { body: [{ cidrBlock: '198.51.100.0/24' }, { ipAddress: '192.0.2.5' }] });
    const own = await sa('DELETE', `${path}/198.51.100.0%2F24`, { token, headers: from('198.51.100.20') });
    expectError(own, 400, 'SERVICE_ACCOUNT_ACCESS_LIST_ACCESS_DENIED');
    expect((await sa('DELETE', `${path}/192.0.2.5`, { token, headers: from('198.51.100.20') })).status).toBe(204);
    // Another caller may remove it.
    expect((await sa('DELETE', `${path}/198.51.100.0%2F24`)).status).toBe(204);
  });

  it('adds entries all or none, 409 for a duplicate, and at most 200 in one request', async () => {
    const account = await createOrgAccount();
    const path = `/orgs/${orgId}/serviceAccounts/${account.clientId}/accessList`;
    await sa('POST', path, { body: [{ ipAddress: '192.0.2.1' }] });
    const duplicate = await sa('POST', path, { body: [{ ipAddress: '192.0.2.2' }, { ipAddress: '192.0.2.1' }] });
    expectError(duplicate, 409, 'ADDRESS_ALREADY_IN_ACCESS_LIST');
    expect(duplicate.json.parameters).toEqual(['192.0.2.1', account.clientId]);
    expectError(await sa('POST', path, { body: [{ ipAddress: '192.0.2.3' }, { ipAddress: '192.0.2.3' }] }), 409, 'ADDRESS_ALREADY_IN_ACCESS_LIST');
    expect((await sa('GET', path)).json.totalCount).toBe(1);
    const many = Array.from({ length: 201 }, (_, i) => ({ ipAddress: `10.1.${i >> 8}.${i & 255}` }));
    expectError(await sa('POST', path, { body: many }), 400, 'VALIDATION_ERROR');
    expect((await sa('POST', path, { body: many.slice(0, 200) })).json.totalCount).toBe(201);
    expectError(await sa('POST', path, { body: [{ ipAddress: '192.0.2.9', cidrBlock: '192.0.2.0/24' }] }), 400, 'INVALID_ATTRIBUTE');
    expectError(await sa('POST', path, { body: { ipAddress: '192.0.2.9' } }), 400, 'VALIDATION_ERROR');
    const missing = await sa('DELETE', `${path}/192.0.2.99`);
    expectError(missing, 404, 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_NOT_FOUND');
    expect(missing.json.parameters).toEqual(['192.0.2.99', account.clientId]);
    expectError(await sa('DELETE', `${path}/not-an-address`), 400, 'PATH_PARAM_PARSE_ERROR');
  });
});

describe('validation', () => {
  const valid = { name: 'Valid', description: 'Valid', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 };
  it.each([
    ['no name', { ...valid, name: undefined }, 'MISSING_ATTRIBUTE', 'name'],
    ['an empty name', { ...valid, name: '' }, 'INVALID_ATTRIBUTE', 'name'],
    ['a name over 64 characters', { ...valid, name: 'n'.repeat(65) }, 'INVALID_ATTRIBUTE', 'name'],
    ['a name with a character outside letters, digits, space and -_.,\'', { ...valid, name: 'ci/cd' }, 'INVALID_ATTRIBUTE', 'name'],
    ['a name that is not a string', { ...valid, name: 7 }, 'INVALID_ATTRIBUTE', 'name'],
    ['no description', { ...valid, description: undefined }, 'MISSING_ATTRIBUTE', 'description'],
    ['a description over 250 characters', { ...valid, description: 'd'.repeat(251) }, 'INVALID_ATTRIBUTE', 'description'],
    ['a description with a character outside the allowed', { ...valid, description: 'costs $5' }, 'INVALID_ATTRIBUTE', 'description'],
    ['no roles', { ...valid, roles: undefined }, 'MISSING_ATTRIBUTE', 'roles'],
    ['empty roles', { ...valid, roles: [] }, 'INVALID_ATTRIBUTE', 'roles'],
    ['a project role', { ...valid, roles: ['GROUP_OWNER'] }, 'INVALID_ATTRIBUTE', 'roles[0]'],
    ['an unknown role', { ...valid, roles: ['ORG_MEMBER', 'ORG_GOD'] }, 'INVALID_ATTRIBUTE', 'roles[1]'],
    ['no secret lifetime', { ...valid, secretExpiresAfterHours: undefined }, 'MISSING_ATTRIBUTE', 'secretExpiresAfterHours'],
    ['a secret lifetime of zero', { ...valid, secretExpiresAfterHours: 0 }, 'INVALID_ATTRIBUTE', 'secretExpiresAfterHours'],
    ['a secret lifetime that is not whole', { ...valid, secretExpiresAfterHours: 1.5 }, 'INVALID_ATTRIBUTE', 'secretExpiresAfterHours'],
    ['a secret lifetime past the org cap', { ...valid, secretExpiresAfterHours: 8761 }, 'INVALID_ATTRIBUTE', 'secretExpiresAfterHours'],
  ])('refuses an org account with %s', async (_case, body, errorCode, field) => {
    const reply = await sa('POST', `/orgs/${orgId}/serviceAccounts`, { body });
    expectError(reply, 400, errorCode);
    expect(reply.json.badRequestDetail.fields[0].field).toBe(field);
  });

  it('refuses a project account with org roles, a body that is no object, and a bad update', async () => {
    expectError(await sa('POST', `/groups/${staging}/serviceAccounts`, { body: { ...valid, roles: ['ORG_MEMBER'] } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await sa('POST', `/groups/${staging}/serviceAccounts`, { body: [valid] }), 400, 'VALIDATION_ERROR');
    const account = await createProjectAccount(staging);
    const path = `/groups/${staging}/serviceAccounts/${account.clientId}`;
    expectError(await sa('PATCH', path, { body: { roles: [] } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await sa('PATCH', path, { body: { name: 'semi;colon' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await sa('PATCH', `/orgs/${orgId}/serviceAccounts/${account.clientId}`, { body: { roles: ['GROUP_OWNER'] } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await sa('POST', `${path}/secrets`, { body: {} }), 400, 'MISSING_ATTRIBUTE');
  });

  it('takes the invitation as an object of roles, not the array keys are assigned with', async () => {
    const account = await createOrgAccount();
    const invite = `/groups/${staging}/serviceAccounts/${account.clientId}:invite`;
    expectError(await sa('POST', invite, { body: [{ roles: ['GROUP_READ_ONLY'] }] }), 400, 'VALIDATION_ERROR');
    expectError(await sa('POST', invite, { body: {} }), 400, 'MISSING_ATTRIBUTE');
    expectError(await sa('POST', invite, { body: { roles: [] } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await sa('POST', invite, { body: { roles: ['ORG_OWNER'] } }), 400, 'INVALID_ATTRIBUTE');
    expect((await sa('POST', invite, { body: { roles: ['GROUP_READ_ONLY', 'GROUP_READ_ONLY'] } })).json.roles).toEqual(['GROUP_READ_ONLY']);
  });

  it('answers 400 for malformed path ids and 404 for unknown ones', async () => {
    expectError(await sa('GET', `/orgs/${orgId}/serviceAccounts/mdb_sa_id_123`), 400, 'PATH_PARAM_PARSE_ERROR');
    expectError(await sa('GET', '/orgs/acme/serviceAccounts'), 400, 'PATH_PARAM_PARSE_ERROR');
    expectError(await sa('GET', '/orgs/0123456789abcdef01234567/serviceAccounts'), 404, 'RESOURCE_NOT_FOUND');
    expectError(await sa('GET', '/groups/0123456789abcdef01234567/serviceAccounts'), 404, 'GROUP_NOT_FOUND');
    const unknown = await sa('GET', `/orgs/${orgId}/serviceAccounts/mdb_sa_id_0123456789abcdef01234567`);
    expectError(unknown, 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    expect(unknown.json.parameters).toEqual(['mdb_sa_id_0123456789abcdef01234567']);
    // An account of another org is unknown here.
    const globexAccount = await createOrgAccount({}, globexId);
    expectError(await sa('GET', `/orgs/${orgId}/serviceAccounts/${globexAccount.clientId}`), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    expectError(await sa('POST', `/groups/${staging}/serviceAccounts/${globexAccount.clientId}:invite`, { body: { roles: ['GROUP_READ_ONLY'] } }), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
  });
});

describe('permissions', () => {
  it('lets any org member read accounts and only an Organization Owner write them', async () => {
    const target = await createOrgAccount();
    const path = `/orgs/${orgId}/serviceAccounts/${target.clientId}`;
    const { token: reader } = await accountWithRoles(['ORG_BILLING_READ_ONLY']);
    for (const read of [`/orgs/${orgId}/serviceAccounts`, path, `${path}/accessList`, `${path}/groups`]) {
      expect((await sa('GET', read, { token: reader })).status, read).toBe(200);
    }
    const writes: Array<[string, string, unknown?]> = [
      ['POST', `/orgs/${orgId}/serviceAccounts`, { name: 'n', description: 'd', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 }],
      ['PATCH', path, { name: 'n' }],
      ['DELETE', path],
      ['POST', `${path}/secrets`, { secretExpiresAfterHours: 8 }],
      ['DELETE', `${path}/secrets/${target.secrets[0]!.id}`],
      ['POST', `${path}/accessList`, [{ ipAddress: '192.0.2.1' }]],
      ['DELETE', `${path}/accessList/192.0.2.1`],
      ['POST', `/groups/${staging}/serviceAccounts/${target.clientId}:invite`, { roles: ['GROUP_READ_ONLY'] }],
    ];
    for (const [method, write, body] of writes) expectError(await sa(method, write, { token: reader, body }), 401, 'USER_UNAUTHORIZED');
    const { token: owner } = await accountWithRoles(['ORG_OWNER']);
    expect((await sa('PATCH', path, { token: owner, body: { name: 'By an owner' } })).status).toBe(200);
    expect((await sa('POST', `/groups/${staging}/serviceAccounts/${target.clientId}:invite`, { token: owner, body: { roles: ['GROUP_READ_ONLY'] } })).status).toBe(200);
  });

  it('keeps a caller out of another organization’s accounts', async () => {
    const { token } = await accountWithRoles(['ORG_OWNER']);
    expectError(await sa('GET', `/orgs/${globexId}/serviceAccounts`, { token }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('POST', `/orgs/${globexId}/serviceAccounts`, { token, body: {} }), 401, 'USER_UNAUTHORIZED');
  });

  it('needs Project Read Only to read a project’s accounts and Project Owner to write them', async () => {
    const target = await createProjectAccount(staging);
    const path = `/groups/${staging}/serviceAccounts/${target.clientId}`;
    const reader = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_READ_ONLY' }]);
    const token = await fetchToken(h.sim.url, reader.clientId, reader.clientSecret);
    for (const read of [`/groups/${staging}/serviceAccounts`, path, `${path}/accessList`]) expect((await sa('GET', read, { token })).status, read).toBe(200);
    expectError(await sa('GET', `/groups/${production}/serviceAccounts`, { token }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('POST', `/groups/${staging}/serviceAccounts`, { token, body: { name: 'n', description: 'd', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 8 } }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('PATCH', path, { token, body: { name: 'n' } }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('POST', `${path}/secrets`, { token, body: { secretExpiresAfterHours: 8 } }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('POST', `${path}/accessList`, { token, body: [{ ipAddress: '192.0.2.1' }] }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('DELETE', path, { token }), 401, 'USER_UNAUTHORIZED');

    const projectOwner = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_OWNER' }]);
    const ownerToken = await fetchToken(h.sim.url, projectOwner.clientId, projectOwner.clientSecret);
    const made = await createProjectAccount(staging, {}, { token: ownerToken });
    expect((await sa('POST', `/groups/${staging}/serviceAccounts/${made.clientId}/secrets`, { token: ownerToken, body: { secretExpiresAfterHours: 8 } })).status).toBe(201);
    expect((await sa('PATCH', `/groups/${staging}/serviceAccounts/${made.clientId}`, { token: ownerToken, body: { roles: ['GROUP_OWNER'] } })).status).toBe(200);
    // Assigning an existing account is the Organization Owner's.
    expectError(await sa('POST', `/groups/${staging}/serviceAccounts/${target.clientId}:invite`, { token: ownerToken, body: { roles: ['GROUP_READ_ONLY'] } }), 401, 'USER_UNAUTHORIZED');
    expect((await sa('DELETE', `/groups/${staging}/serviceAccounts/${made.clientId}`, { token: ownerToken })).status).toBe(204);
  });

  it('lets a Project Access Manager change a project account’s access list, and nothing more', async () => {
    const target = await createProjectAccount(staging);
    const path = `/groups/${staging}/serviceAccounts/${target.clientId}`;
    const manager = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_ACCESS_MANAGER' }]);
    const token = await fetchToken(h.sim.url, manager.clientId, manager.clientSecret);
    expect((await sa('POST', `${path}/accessList`, { token, body: [{ ipAddress: '192.0.2.44' }] })).status).toBe(200);
    expect((await sa('DELETE', `${path}/accessList/192.0.2.44`, { token })).status).toBe(204);
    expectError(await sa('POST', `${path}/secrets`, { token, body: { secretExpiresAfterHours: 8 } }), 401, 'USER_UNAUTHORIZED');
    expectError(await sa('PATCH', path, { token, body: { name: 'n' } }), 401, 'USER_UNAUTHORIZED');
  });

  it('needs an Organization Owner to manage, from a project, an account that reaches beyond it', async () => {
    const projectOwner = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_OWNER' }]);
    const token = await fetchToken(h.sim.url, projectOwner.clientId, projectOwner.clientSecret);
    const wide = await createOrgAccount({ roles: ['ORG_READ_ONLY'] });
    await sa('POST', `/groups/${staging}/serviceAccounts/${wide.clientId}:invite`, { body: { roles: ['GROUP_READ_ONLY'] } });
    const twoProjects = await createProjectAccount(staging);
    await sa('POST', `/groups/${production}/serviceAccounts/${twoProjects.clientId}:invite`, { body: { roles: ['GROUP_READ_ONLY'] } });
    for (const account of [wide, twoProjects]) {
      const path = `/groups/${staging}/serviceAccounts/${account.clientId}`;
      expect((await sa('GET', path, { token })).status).toBe(200);
      expectError(await sa('PATCH', path, { token, body: { name: 'n' } }), 401, 'USER_UNAUTHORIZED');
      expectError(await sa('POST', `${path}/secrets`, { token, body: { secretExpiresAfterHours: 8 } }), 401, 'USER_UNAUTHORIZED');
      expectError(await sa('POST', `${path}/accessList`, { token, body: [{ ipAddress: '192.0.2.1' }] }), 401, 'USER_UNAUTHORIZED');
      // Taking it out of the project is the project's own business.
      expect((await sa('DELETE', path, { token })).status).toBe(204);
    }
  });

  it('refuses a request without credentials', async () => {
    expectError(await sa('GET', `/orgs/${orgId}/serviceAccounts`, { token: null }), 401, 'USER_UNAUTHORIZED');
  });
});

describe('events', () => {
  interface Event {
    eventTypeName: string;
    orgId: string;
    groupId?: string;
    delegatePrincipal?: { id: string };
    apiKeyId?: string;
    remoteAddress?: string;
  }
  const feed = async (path: string): Promise<{ totalCount: number; results: Event[] }> => (await h.call('GET', path)).json;

  /** The events `write` added to the org feed, newest first. */
  async function eventsOf(write: () => Promise<Reply>): Promise<Event[]> {
    const before = (await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).totalCount;
    const reply = await write();
    expect(reply.status, reply.text).toBeLessThan(300);
    const after = await feed(`/orgs/${orgId}/events?itemsPerPage=50`);
    return after.results.slice(0, after.totalCount - before);
  }

  it('records one SERVICE_ACCOUNT_* event per change, with the caller and its address, and no field naming the account', async () => {
    const { account: caller, token } = await accountWithRoles(['ORG_OWNER']);
    const as = (method: string, path: string, body?: unknown) => () => sa(method, path, { token, body, headers: from('198.51.100.70') });
    const byCaller = { orgId, delegatePrincipal: { id: caller.clientId, name: caller.clientId }, remoteAddress: '198.51.100.70' };
    const types = async (write: () => Promise<Reply>) => (await eventsOf(write)).map((e) => [e.eventTypeName, e.groupId]);

    let target!: Account;
    const created = await eventsOf(async () => {
      const reply = await as('POST', `/orgs/${orgId}/serviceAccounts`, { name: 'Audited', description: 'Audited', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 })();
      target = reply.json;
      return reply;
    });
    expect(created).toEqual([expect.objectContaining({ eventTypeName: 'SERVICE_ACCOUNT_CREATED', ...byCaller })]);
    expect(created[0]).not.toHaveProperty('groupId');
    const named = JSON.stringify(created[0]);
    expect(named).not.toContain(target.clientId);
    for (const field of ['targetPublicKey', 'whitelistEntry', 'apiKeyId', 'userId', 'clientId']) expect(created[0]).not.toHaveProperty(field);

    const org = `/orgs/${orgId}/serviceAccounts/${target.clientId}`;
    const project = `/groups/${staging}/serviceAccounts/${target.clientId}`;
    expect(await types(as('PATCH', org, { name: 'Audited 2', description: 'Audited 2' }))).toEqual([['SERVICE_ACCOUNT_DETAILS_CHANGED', undefined]]);
    expect(await types(as('PATCH', org, { name: 'Audited 2', roles: ['ORG_MEMBER'] }))).toEqual([]);
    expect(await types(as('PATCH', org, { roles: ['ORG_READ_ONLY'] }))).toEqual([['SERVICE_ACCOUNT_ROLES_CHANGED', undefined]]);
    let secretId = '';
    expect(await types(async () => {
      const reply = await as('POST', `${org}/secrets`, { secretExpiresAfterHours: 8 })();
      secretId = reply.json.id;
      return reply;
    })).toEqual([['SERVICE_ACCOUNT_SECRET_ADDED', undefined]]);
    expect(await types(as('DELETE', `${org}/secrets/${secretId}`))).toEqual([['SERVICE_ACCOUNT_SECRET_DELETED', undefined]]);
    expect(await types(as('POST', `${org}/accessList`, [{ ipAddress: '192.0.2.1' }, { ipAddress: '192.0.2.2' }]))).toEqual([
      ['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED', undefined],
      ['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED', undefined],
    ]);
    expect(await types(as('DELETE', `${org}/accessList/192.0.2.1`))).toEqual([['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED', undefined]]);
    expect(await types(as('POST', `${project}:invite`, { roles: ['GROUP_READ_ONLY'] }))).toEqual([['SERVICE_ACCOUNT_ADDED_TO_GROUP', staging]]);
    expect(await types(as('PATCH', project, { roles: ['GROUP_OWNER'] }))).toEqual([['SERVICE_ACCOUNT_ROLES_CHANGED', staging]]);
    expect(await types(as('POST', `${project}/accessList`, [{ ipAddress: '192.0.2.3' }]))).toEqual([['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED', staging]]);
    expect(await types(as('DELETE', project))).toEqual([['SERVICE_ACCOUNT_REMOVED_FROM_GROUP', staging]]);
    expect(await types(as('DELETE', org))).toEqual([['SERVICE_ACCOUNT_DELETED', undefined]]);
    // A refused write records nothing.
    const before = (await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).totalCount;
    expect((await as('POST', `/orgs/${orgId}/serviceAccounts`, { name: 'x' })()).status).toBe(400);
    expect((await feed(`/orgs/${orgId}/events?itemsPerPage=1`)).totalCount).toBe(before);
  });

  it('records a project account as created in the project and added to it, in both feeds', async () => {
    const events = await eventsOf(() => sa('POST', `/groups/${production}/serviceAccounts`, { body: { name: 'p', description: 'p', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 8 } }));
    expect(events.map((e) => [e.eventTypeName, e.groupId])).toEqual([
      ['SERVICE_ACCOUNT_ADDED_TO_GROUP', production],
      ['SERVICE_ACCOUNT_CREATED', production],
    ]);
    const projectFeed = await feed(`/groups/${production}/events?itemsPerPage=2`);
    expect(projectFeed.results.map((e) => e.eventTypeName)).toEqual(['SERVICE_ACCOUNT_ADDED_TO_GROUP', 'SERVICE_ACCOUNT_CREATED']);
    const filtered = await feed(`/orgs/${orgId}/events?eventType=SERVICE_ACCOUNT_CREATED&itemsPerPage=500`);
    expect(filtered.results.every((e) => e.eventTypeName === 'SERVICE_ACCOUNT_CREATED')).toBe(true);
    expect(filtered.totalCount).toBeGreaterThan(0);
  });
});

describe('versions and flavors', () => {
  it('serves 2024-08-05 and later dates, and refuses 2023-01-01 with 406', async () => {
    const refused = await sa('GET', `/orgs/${orgId}/serviceAccounts`, { version: '2023-01-01' });
    expectError(refused, 406, 'INVALID_VERSION_DATE');
    expect(refused.json.detail).toContain(SA_MEDIA_TYPE);
    const later = await sa('GET', `/orgs/${orgId}/serviceAccounts`, { version: '2025-03-12' });
    expect(later.status).toBe(200);
    expect(later.headers.get('content-type')).toContain(SA_MEDIA_TYPE);
    const account = await createOrgAccount();
    const deleted = await sa('DELETE', `/orgs/${orgId}/serviceAccounts/${account.clientId}`);
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('content-type')).toContain(SA_MEDIA_TYPE);
  });

  it.each(['atlas-v1', 'ops-manager'] as const)('has no service accounts on %s: 404 as any unknown path', async (flavor) => {
    for (const path of [`/orgs/${orgId}/serviceAccounts`, `/groups/${staging}/serviceAccounts`]) {
      expectError(await h.call('GET', path, { flavor }), 404, 'RESOURCE_NOT_FOUND');
    }
    expectError(await h.call('POST', `/orgs/${orgId}/serviceAccounts`, { flavor, body: {} }), 404, 'RESOURCE_NOT_FOUND');
  });

  it('puts the operations in an organization and a project endpoint set, with the spec’s paths', async () => {
    const sets = (await h.call('GET', '/rateLimits?itemsPerPage=500', { version: '2025-03-12' })).json.results as Array<{
      endpointSetId: string;
      scope: string;
      endpoints: Array<{ method: string; path: string }>;
    }>;
    const orgSet = sets.find((s) => s.endpointSetId === 'organizationServiceAccounts_organization')!;
    const projectSet = sets.find((s) => s.endpointSetId === 'projectServiceAccounts_group')!;
    expect(orgSet.scope).toBe('ORGANIZATION');
    expect(projectSet.scope).toBe('GROUP');
    expect(orgSet.endpoints).toHaveLength(11);
    expect(projectSet.endpoints).toHaveLength(11);
    expect(orgSet.endpoints).toContainEqual({ method: 'DELETE', path: '/api/atlas/v2/orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}' });
    expect(projectSet.endpoints).toContainEqual({ method: 'POST', path: '/api/atlas/v2/groups/{groupId}/serviceAccounts/{clientId}:invite' });
  });
});

describe('the demo data', () => {
  it('has accounts at org and project level in both orgs, a system-managed one listed only when asked', async () => {
    const [acme, globex] = h.sim.control.seeded.orgs;
    expect(acme!.serviceAccounts.map((a) => [a.name, a.systemManaged])).toEqual([
      ['Terraform Cloud', false],
      ['Metrics collector', false],
      ['Quarterly billing report', false],
      ['Staging deployer', false],
      ['Atlas MCP server', true],
    ]);
    expect(globex!.serviceAccounts.map((a) => a.name)).toEqual(['Training scheduler', 'Globex provisioning']);
    const demoIds = new Set(acme!.serviceAccounts.map((a) => a.clientId));
    const listed = async (query: string) =>
      ((await sa('GET', `/orgs/${orgId}/serviceAccounts?itemsPerPage=500${query}`)).json.results as Account[]).filter((a) => demoIds.has(a.clientId)).map((a) => a.name);
    expect(await listed('')).toEqual(['Terraform Cloud', 'Metrics collector', 'Quarterly billing report', 'Staging deployer']);
    expect(await listed('&includeSystemManaged=true')).toHaveLength(5);
    const staged = (await sa('GET', `/groups/${staging}/serviceAccounts?itemsPerPage=500`)).json.results as Account[];
    expect(staged.find((a) => a.name === 'Staging deployer')!.roles).toEqual(['GROUP_OWNER']);
    const byName = (name: string) => acme!.serviceAccounts.find((a) => a.name === name)!.clientId;
    expect((await sa('GET', `/orgs/${orgId}/serviceAccounts/${byName('Metrics collector')}/groups`)).json.results).toEqual([
      { groupId: production, roles: ['GROUP_OBSERVABILITY_VIEWER'] },
    ]);
  });

  it('dates the secrets from the start: one about to expire, one expired, one rotation half done', async () => {
    const [acme] = h.sim.control.seeded.orgs;
    const account = async (name: string) => getOrgAccount(acme!.serviceAccounts.find((a) => a.name === name)!.clientId);
    const now = Date.now();
    const [nearExpiry] = (await account('Terraform Cloud')).secrets;
    expect(Date.parse(nearExpiry!.expiresAt) - now).toBeGreaterThan(2.9 * DAY);
    expect(Date.parse(nearExpiry!.expiresAt) - now).toBeLessThan(3.1 * DAY);
    expect(nearExpiry!.maskedSecretValue).toMatch(MASKED);
    expect(nearExpiry).not.toHaveProperty('secret');
    const [expired] = (await account('Quarterly billing report')).secrets;
    expect(Date.parse(expired!.expiresAt)).toBeLessThan(now - 11 * DAY);
    const [old, fresh] = (await account('Metrics collector')).secrets;
    expect(Date.parse(old!.expiresAt)).toBe(Date.parse(fresh!.createdAt) + 7 * DAY);
    expect(Date.parse(fresh!.lastUsedAt!)).toBeGreaterThan(Date.parse(old!.lastUsedAt!));
    const entries = (await sa('GET', `/orgs/${orgId}/serviceAccounts/${acme!.serviceAccounts[0]!.clientId}/accessList`)).json.results;
    expect(entries).toEqual([{ cidrBlock: '192.0.2.0/24', createdAt: '2025-03-10T09:30:00Z', lastUsedAddress: '192.0.2.14', lastUsedAt: expect.stringMatching(ISO), requestCount: 4120 }]);
  });

  it('records the demo accounts’ creation, assignments and entries in the feeds', async () => {
    const history = (await h.call('GET', `/orgs/${orgId}/events?eventType=SERVICE_ACCOUNT_CREATED&eventType=SERVICE_ACCOUNT_ADDED_TO_GROUP&maxDate=2026-06-01T00:00:00Z&itemsPerPage=500`)).json
      .results as Array<{ eventTypeName: string; created: string; groupId?: string; username?: string }>;
    expect(history.find((e) => e.created === '2025-03-10T09:30:00Z')).toMatchObject({ eventTypeName: 'SERVICE_ACCOUNT_CREATED', username: 'alice.nguyen@acme.example' });
    expect(history.filter((e) => e.created === '2026-01-12T09:30:00Z').map((e) => [e.eventTypeName, e.groupId])).toEqual([
      ['SERVICE_ACCOUNT_ADDED_TO_GROUP', staging],
      ['SERVICE_ACCOUNT_CREATED', staging],
    ]);
  });
});
