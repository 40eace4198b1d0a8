import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { request as urllibRequest } from 'urllib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, V2_MEDIA_TYPE, demoOrg, fetchToken, startHarness } from './helpers.js';

const run = promisify(execFile);
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

let h: Harness;
let orgId: string;
let staging: string;
let production: string;

beforeAll(async () => {
  h = await startHarness();
  const demo = demoOrg(h.sim);
  orgId = demo.org.id;
  staging = demo.project('Staging').id;
  production = demo.project('Production').id;
});
afterAll(() => h.sim.close());

/** A request signed with Digest by urllib, an HTTP client with its own Digest implementation. */
async function asKey(publicKey: string, privateKey: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await urllibRequest(`${h.sim.url}/api/atlas/v2${path}`, {
    method: method as 'GET',
    digestAuth: `${publicKey}:${privateKey}`,
    headers: { accept: V2_MEDIA_TYPE, ...(body !== undefined ? { 'content-type': V2_MEDIA_TYPE } : {}), ...headers },
    content: body === undefined ? undefined : JSON.stringify(body),
    dataType: 'text',
  });
  const text = response.data as string;
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function newKey(roles: Array<{ orgId?: string; groupId?: string; roleName: string }>) {
  const orgRoles = roles.filter((r) => r.orgId).map((r) => r.roleName);
  const created = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'caller', roles: orgRoles } })).json;
  for (const role of roles.filter((r) => r.groupId)) {
    await h.call('POST', `/groups/${role.groupId}/apiKeys/${created.id}`, { body: [{ roles: [role.roleName] }] });
  }
  return created as { id: string; publicKey: string; privateKey: string };
}

function challengeOf(header: string | null) {
  expect(header).toMatch(/^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=(true|false)$/);
  return { nonce: /nonce="([^"]+)"/.exec(header!)![1]!, stale: header!.endsWith('stale=true') };
}

function sign(method: string, uri: string, nonce: string, nc: number, user = h.sim.control.admin.publicKey, password = h.sim.control.admin.privateKey) {
  const ncHex = nc.toString(16).padStart(8, '0');
  const cnonce = 'deadbeefcafe';
  const ha1 = md5(`${user}:MMS Public API:${password}`);
  const response = md5(`${ha1}:${nonce}:${ncHex}:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
  return `Digest username="${user}", realm="MMS Public API", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${ncHex}, cnonce="${cnonce}", response="${response}"`;
}

const getOrgs = (authorization?: string) =>
  fetch(`${h.sim.url}/api/atlas/v2/orgs`, { headers: { accept: V2_MEDIA_TYPE, ...(authorization ? { authorization } : {}) } });

describe('HTTP Digest', () => {
  it('serves curl --digest with the admin key', async () => {
    const { publicKey, privateKey } = h.sim.control.admin;
    const { stdout } = await run('curl', [
      '-sS', '--digest', '-u', `${publicKey}:${privateKey}`, '-H', `Accept: ${V2_MEDIA_TYPE}`, '-w', '\n%{http_code}', `${h.sim.url}/api/atlas/v2/orgs/${orgId}`,
    ]);
    const [body, status] = stdout.split('\n');
    expect(status).toBe('200');
    expect(JSON.parse(body!).name).toBe('Acme-Corp');
  });

  it('lets curl --digest send a body', async () => {
    const { publicKey, privateKey } = h.sim.control.admin;
    const { stdout } = await run('curl', [
      '-sS', '--digest', '-u', `${publicKey}:${privateKey}`, '-X', 'POST',
      '-H', `Accept: ${V2_MEDIA_TYPE}`, '-H', `Content-Type: ${V2_MEDIA_TYPE}`,
      '--data', JSON.stringify({ desc: 'made by curl', roles: ['ORG_MEMBER'] }),
      '-w', '\n%{http_code}', `${h.sim.url}/api/atlas/v2/orgs/${orgId}/apiKeys`,
    ]);
    const [body, status] = stdout.split('\n');
    expect(status).toBe('200');
    expect(JSON.parse(body!).desc).toBe('made by curl');
  });

  it('rejects curl with a wrong private key', async () => {
    const { stdout } = await run('curl', [
      '-sS', '--digest', '-u', `${h.sim.control.admin.publicKey}:wrong`, '-H', `Accept: ${V2_MEDIA_TYPE}`, '-w', '\n%{http_code}', `${h.sim.url}/api/atlas/v2/orgs`,
    ]);
    const [body, status] = stdout.split('\n');
    expect(status).toBe('401');
    expect(JSON.parse(body!)).toMatchObject({ error: 401, errorCode: 'USER_UNAUTHORIZED' });
  });

  it('challenges an unauthenticated request with an Atlas-shaped 401', async () => {
    const response = await getOrgs();
    expect(response.status).toBe(401);
    expect(challengeOf(response.headers.get('www-authenticate')).stale).toBe(false);
    expect(await response.json()).toMatchObject({ error: 401, errorCode: 'USER_UNAUTHORIZED', reason: 'Unauthorized' });
  });

  it('accepts a reused nonce with increasing nonce counts, and refuses a replayed count', async () => {
    h.sim.control.resetStats();
    const { nonce } = challengeOf((await getOrgs()).headers.get('www-authenticate'));
    for (let nc = 1; nc <= 5; nc++) expect((await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, nc))).status).toBe(200);
    expect(h.sim.control.stats().challenges).toBe(1);
    const replay = await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, 3));
    expect(replay.status).toBe(401);
    expect(challengeOf(replay.headers.get('www-authenticate')).stale).toBe(true);
  });

  it('refuses a nonce count of zero and a signature for another URI', async () => {
    const { nonce } = challengeOf((await getOrgs()).headers.get('www-authenticate'));
    const zero = await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, 0));
    expect(zero.status).toBe(401);
    expect(challengeOf(zero.headers.get('www-authenticate')).stale).toBe(false);
    expect((await getOrgs(sign('GET', '/api/atlas/v2/groups', nonce, 1))).status).toBe(401);
    expect((await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, 2, 'simadmin', 'not-the-key'))).status).toBe(401);
  });

  it('answers stale=true for an expired nonce with correct credentials, and false for wrong ones', async () => {
    const { nonce } = challengeOf((await getOrgs()).headers.get('www-authenticate'));
    expect((await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, 1))).status).toBe(200);
    h.sim.control.expireNonces();
    const stale = await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, 2));
    expect(stale.status).toBe(401);
    const fresh = challengeOf(stale.headers.get('www-authenticate'));
    expect(fresh.stale).toBe(true);
    expect(fresh.nonce).not.toBe(nonce);
    expect((await getOrgs(sign('GET', '/api/atlas/v2/orgs', fresh.nonce, 1))).status).toBe(200);
    const wrong = await getOrgs(sign('GET', '/api/atlas/v2/orgs', nonce, 3, 'simadmin', 'nope'));
    expect(challengeOf(wrong.headers.get('www-authenticate')).stale).toBe(false);
  });

  it('lets a key created through the API call the API (urllib digest)', async () => {
    const key = await newKey([{ orgId, roleName: 'ORG_READ_ONLY' }]);
    const orgs = await asKey(key.publicKey, key.privateKey, 'GET', '/orgs');
    expect(orgs.status).toBe(200);
    expect(orgs.json.results.map((o: { id: string }) => o.id)).toEqual([orgId]);
  });

  it('refuses two Authorization headers', async () => {
    const response = await fetch(`${h.sim.url}/api/atlas/v2/orgs`, {
      headers: [
        ['accept', V2_MEDIA_TYPE],
        ['authorization', `Bearer ${h.adminToken}`],
        ['authorization', `Bearer ${h.adminToken}`],
      ],
    });
    expect(response.status).toBe(401);
  });
});

describe('service accounts and bearer tokens', () => {
  it('issues a one-hour bearer token for client credentials', async () => {
    const { clientId, clientSecret } = h.sim.control.admin;
    const response = await fetch(`${h.sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json()) as { access_token: string };
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect((await h.call('GET', '/orgs', { token: body.access_token })).status).toBe(200);
  });

  it.each([
    ['a wrong secret', 'wrong', 'grant_type=client_credentials', 'application/x-www-form-urlencoded', 401, 'invalid_client'],
    ['another grant type', undefined, 'grant_type=password', 'application/x-www-form-urlencoded', 400, 'unsupported_grant_type'],
    ['a JSON body', undefined, '{"grant_type":"client_credentials"}', 'application/json', 400, 'invalid_request'],
  ])('refuses a token request with %s', async (_name, secret, body, type, status, error) => {
    const { clientId, clientSecret } = h.sim.control.admin;
    const response = await fetch(`${h.sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret ?? clientSecret}`).toString('base64')}`, 'content-type': type },
      body,
    });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBe(error);
  });

  it('refuses unknown and expired tokens', async () => {
    const token = await fetchToken(h.sim.url, h.sim.control.admin.clientId, h.sim.control.admin.clientSecret);
    expect((await h.call('GET', '/orgs', { token: 'not-a-token' })).status).toBe(401);
    h.sim.control.expireTokens();
    const expired = await h.call('GET', '/orgs', { token });
    expect(expired.status).toBe(401);
    expect(expired.json.errorCode).toBe('USER_UNAUTHORIZED');
    h.adminToken = await fetchToken(h.sim.url, h.sim.control.admin.clientId, h.sim.control.admin.clientSecret);
  });

  it('expires tokens after their lifetime', async () => {
    const short = await startHarness({ tokenTtlSeconds: 1 });
    try {
      expect((await short.call('GET', '/orgs')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await short.call('GET', '/orgs')).status).toBe(401);
    } finally {
      await short.sim.close();
    }
  });

  it('limits a service account to its roles', async () => {
    const account = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_READ_ONLY' }]);
    const token = await fetchToken(h.sim.url, account.clientId, account.clientSecret);
    expect((await h.call('GET', '/groups', { token })).json.results.map((p: { id: string }) => p.id)).toEqual([staging]);
    expect((await h.call('GET', `/groups/${production}`, { token })).status).toBe(401);
    const write = await h.call('POST', `/orgs/${orgId}/apiKeys`, { token, body: { desc: 'no', roles: ['ORG_MEMBER'] } });
    expect(write.status).toBe(401);
    expect(write.json.errorCode).toBe('USER_UNAUTHORIZED');
  });
});

describe('authorization by role', () => {
  it('lets any org member read keys but only an Organization Owner write them', async () => {
    const reader = await newKey([{ orgId, roleName: 'ORG_MEMBER' }]);
    expect((await asKey(reader.publicKey, reader.privateKey, 'GET', `/orgs/${orgId}/apiKeys`)).status).toBe(200);
    const denied = await asKey(reader.publicKey, reader.privateKey, 'POST', `/orgs/${orgId}/apiKeys`, { desc: 'x', roles: ['ORG_MEMBER'] });
    expect(denied).toMatchObject({ status: 401, json: { errorCode: 'USER_UNAUTHORIZED' } });
    expect((await asKey(reader.publicKey, reader.privateKey, 'DELETE', `/orgs/${orgId}/apiKeys/${reader.id}`)).status).toBe(401);

    const owner = await newKey([{ orgId, roleName: 'ORG_OWNER' }]);
    const made = await asKey(owner.publicKey, owner.privateKey, 'POST', `/orgs/${orgId}/apiKeys`, { desc: 'by owner', roles: ['ORG_MEMBER'] });
    expect(made.status).toBe(200);
    expect((await asKey(owner.publicKey, owner.privateKey, 'PATCH', `/orgs/${orgId}/apiKeys/${made.json.id}`, { desc: 'renamed' })).status).toBe(200);
    expect((await asKey(owner.publicKey, owner.privateKey, 'DELETE', `/orgs/${orgId}/apiKeys/${made.json.id}`)).status).toBe(204);
  });

  it('keeps a key out of other organizations', async () => {
    const owner = await newKey([{ orgId, roleName: 'ORG_OWNER' }]);
    const other = h.sim.control.seeded.orgs[1]!.id;
    expect((await asKey(owner.publicKey, owner.privateKey, 'GET', `/orgs/${other}`)).status).toBe(401);
    expect((await asKey(owner.publicKey, owner.privateKey, 'GET', `/orgs/${other}/apiKeys`)).status).toBe(401);
  });

  it('needs Project Owner for project key writes and any project role to read', async () => {
    const key = await newKey([{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_OWNER' }, { groupId: production, roleName: 'GROUP_READ_ONLY' }]);
    const target = await newKey([{ orgId, roleName: 'ORG_MEMBER' }]);
    expect((await asKey(key.publicKey, key.privateKey, 'GET', `/groups/${production}/apiKeys`)).status).toBe(200);
    expect((await asKey(key.publicKey, key.privateKey, 'POST', `/groups/${staging}/apiKeys/${target.id}`, [{ roles: ['GROUP_READ_ONLY'] }])).status).toBe(204);
    expect((await asKey(key.publicKey, key.privateKey, 'POST', `/groups/${production}/apiKeys/${target.id}`, [{ roles: ['GROUP_READ_ONLY'] }])).status).toBe(401);
    expect((await asKey(key.publicKey, key.privateKey, 'POST', `/groups/${staging}/apiKeys`, { desc: 'p', roles: ['GROUP_READ_ONLY'] })).status).toBe(200);
    expect((await asKey(key.publicKey, key.privateKey, 'DELETE', `/groups/${production}/apiKeys/${target.id}`)).status).toBe(401);
    const analytics = demoOrg(h.sim).project('Analytics').id;
    expect((await asKey(key.publicKey, key.privateKey, 'GET', `/groups/${analytics}`)).status).toBe(401);
  });

  it('gives an Organization Owner every project and Organization Read Only read access to them', async () => {
    const reader = await newKey([{ orgId, roleName: 'ORG_READ_ONLY' }]);
    expect((await asKey(reader.publicKey, reader.privateKey, 'GET', '/groups')).json.totalCount).toBe(3);
    const target = await newKey([{ orgId, roleName: 'ORG_MEMBER' }]);
    expect((await asKey(reader.publicKey, reader.privateKey, 'POST', `/groups/${staging}/apiKeys/${target.id}`, [{ roles: ['GROUP_READ_ONLY'] }])).status).toBe(401);
    const owner = await newKey([{ orgId, roleName: 'ORG_OWNER' }]);
    expect((await asKey(owner.publicKey, owner.privateKey, 'POST', `/groups/${staging}/apiKeys/${target.id}`, [{ roles: ['GROUP_READ_ONLY'] }])).status).toBe(204);
  });

  it('lets Organization User Admin write keys on Ops Manager only', async () => {
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, { flavor: 'ops-manager', body: { desc: 'om admin', roles: ['ORG_USER_ADMIN'] } });
    expect(created.status).toBe(200);
    const { publicKey, privateKey } = created.json;
    const om = await urllibRequest(`${h.sim.url}/api/public/v1.0/orgs/${orgId}/apiKeys`, {
      method: 'POST',
      digestAuth: `${publicKey}:${privateKey}`,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      content: JSON.stringify({ desc: 'made on OM', roles: ['ORG_MEMBER'] }),
    });
    expect(om.status).toBe(200);
    expect((await asKey(publicKey, privateKey, 'POST', `/orgs/${orgId}/apiKeys`, { desc: 'x', roles: ['ORG_MEMBER'] })).status).toBe(401);
  });
});

describe('API access lists', () => {
  it("lets a key manage its own access list, records its use, and refuses removing the caller's address", async () => {
    const key = await newKey([{ orgId, roleName: 'ORG_MEMBER' }]);
    const other = await newKey([{ orgId, roleName: 'ORG_MEMBER' }]);
    const path = `/orgs/${orgId}/apiKeys/${key.id}/accessList`;
    expect((await asKey(key.publicKey, key.privateKey, 'POST', path, [{ ipAddress: '127.0.0.1' }, { ipAddress: '192.0.2.1' }])).status).toBe(200);
    expect((await asKey(key.publicKey, key.privateKey, 'POST', `/orgs/${orgId}/apiKeys/${other.id}/accessList`, [{ ipAddress: '127.0.0.1' }])).status).toBe(401);
    await asKey(key.publicKey, key.privateKey, 'GET', '/orgs');
    const entry = (await h.call('GET', `${path}/127.0.0.1`)).json;
    expect(entry.count).toBe(2); // the two calls made after 127.0.0.1 was listed
    expect(entry.lastUsedAddress).toBe('127.0.0.1');
    expect(entry.lastUsed).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect((await h.call('GET', `${path}/192.0.2.1`)).json.count).toBe(0);
    const denied = await asKey(key.publicKey, key.privateKey, 'DELETE', `${path}/127.0.0.1`);
    expect(denied).toMatchObject({ status: 400, json: { errorCode: 'API_KEY_ACCESS_LIST_ACCESS_DENIED' } });
    expect((await asKey(key.publicKey, key.privateKey, 'DELETE', `${path}/192.0.2.1`)).status).toBe(204);
  });

  it('refuses a key with an access list from an address not on it', async () => {
    const key = await newKey([{ orgId, roleName: 'ORG_MEMBER' }]);
    await h.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ cidrBlock: '203.0.113.0/24' }] });
    const refused = await asKey(key.publicKey, key.privateKey, 'GET', '/orgs');
    expect(refused).toMatchObject({ status: 403, json: { errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST' } });
  });

  it('matches CIDR blocks against the caller address behind a proxy', async () => {
    const proxied = await startHarness({ trustProxy: true });
    try {
      const created = (await proxied.call('POST', `/orgs/${demoOrg(proxied.sim).org.id}/apiKeys`, { body: { desc: 'proxied', roles: ['ORG_MEMBER'] } })).json;
      await proxied.call('POST', `/orgs/${demoOrg(proxied.sim).org.id}/apiKeys/${created.id}/accessList`, { body: [{ cidrBlock: '198.51.100.0/24' }] });
      const call = (address: string) =>
        urllibRequest(`${proxied.sim.url}/api/atlas/v2/orgs`, {
          digestAuth: `${created.publicKey}:${created.privateKey}`,
          headers: { accept: V2_MEDIA_TYPE, 'x-forwarded-for': address },
        });
      expect((await call('198.51.100.77')).status).toBe(200);
      expect((await call('198.51.101.1')).status).toBe(403);
      const entry = (await proxied.call('GET', `/orgs/${demoOrg(proxied.sim).org.id}/apiKeys/${created.id}/accessList/198.51.100.0%2F24`)).json;
      expect(entry).toMatchObject({ count: 1, lastUsedAddress: '198.51.100.77' });
    } finally {
      await proxied.sim.close();
    }
  });
});
