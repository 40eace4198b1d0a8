// Key hygiene in the simulator: usage recorded on access-list entries by every key call, the
// organization settings (apiAccessListRequired enforced), "who am I", and seeds with every case a
// hygiene review looks for.
import { request as urllibRequest } from 'urllib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectIdTime } from '../../src/simulator/ids.js';
import { createSimulator } from '../../src/simulator/index.js';
import { type Harness, type Reply, V2_MEDIA_TYPE, demoOrg, fetchToken, startHarness } from './helpers.js';

let h: Harness;
let orgId: string;
let globexId: string;

beforeAll(async () => {
  h = await startHarness();
  orgId = demoOrg(h.sim).org.id;
  globexId = h.sim.control.seeded.orgs[1]!.id;
});
afterAll(() => h.sim.close());

interface Key {
  id: string;
  publicKey: string;
  privateKey: string;
}

/** A request signed with Digest (urllib's own implementation) as `key`, from `forwardedFor` behind a trusting simulator. */
async function asKey(key: Key, method: string, path: string, options: { body?: unknown; harness?: Harness; forwardedFor?: string; base?: string } = {}): Promise<Reply> {
  const harness = options.harness ?? h;
  const base = options.base ?? '/api/atlas/v2';
  const accept = base === '/api/atlas/v2' ? V2_MEDIA_TYPE : 'application/json';
  const response = await urllibRequest(`${harness.sim.url}${base}${path}`, {
    method: method as 'GET',
    digestAuth: `${key.publicKey}:${key.privateKey}`,
    headers: {
      accept,
      ...(options.body !== undefined ? { 'content-type': accept } : {}),
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    content: options.body === undefined ? undefined : JSON.stringify(options.body),
    dataType: 'text',
  });
  const text = response.data as string;
  return { status: response.status, headers: new Headers(), text, json: text ? JSON.parse(text) : undefined };
}

async function newKey(org: string, roles: string[], entries: Array<{ ipAddress: string } | { cidrBlock: string }> = [], harness = h): Promise<Key> {
  const created = await harness.call('POST', `/orgs/${org}/apiKeys`, { body: { desc: 'hygiene', roles } });
  expect(created.status).toBe(200);
  if (entries.length > 0) expect((await harness.call('POST', `/orgs/${org}/apiKeys/${created.json.id}/accessList`, { body: entries })).status).toBe(200);
  return created.json as Key;
}

async function entriesOf(org: string, keyId: string, harness = h): Promise<Array<Record<string, unknown>>> {
  return (await harness.call('GET', `/orgs/${org}/apiKeys/${keyId}/accessList`)).json.results;
}

const byBlock = (entries: Array<Record<string, unknown>>, cidrBlock: string) => entries.find((e) => e.cidrBlock === cidrBlock)!;

describe('usage of a key', () => {
  it('counts every call on the entry that matches the caller, with the time and the address', async () => {
    const key = await newKey(orgId, ['ORG_MEMBER'], [{ ipAddress: '127.0.0.1' }, { ipAddress: '192.0.2.1' }]);
    const before = Date.now();
    expect((await asKey(key, 'GET', '/orgs')).status).toBe(200);
    expect((await asKey(key, 'GET', `/orgs/${orgId}`)).status).toBe(200);
    // A call the key's roles do not allow is still a call made with it.
    expect((await asKey(key, 'POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'x', roles: ['ORG_MEMBER'] } })).status).toBe(401);
    const entries = await entriesOf(orgId, key.id);
    const listed = byBlock(entries, '127.0.0.1/32');
    expect(listed).toMatchObject({ count: 3, lastUsedAddress: '127.0.0.1' });
    expect(listed.lastUsed).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(listed.lastUsed as string)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(byBlock(entries, '192.0.2.1/32')).toMatchObject({ count: 0 });
    expect(byBlock(entries, '192.0.2.1/32')).not.toHaveProperty('lastUsed');
  });

  it('credits the most specific matching entry, whatever the order they were added in', async () => {
    const proxied = await startHarness({ trustProxy: true });
    try {
      const org = demoOrg(proxied.sim).org.id;
      const key = await newKey(org, ['ORG_MEMBER'], [{ cidrBlock: '10.0.0.0/8' }, { cidrBlock: '0.0.0.0/0' }, { cidrBlock: '10.1.2.0/24' }, { cidrBlock: '10.1.0.0/16' }], proxied);
      expect((await asKey(key, 'GET', '/orgs', { harness: proxied, forwardedFor: '10.1.2.3' })).status).toBe(200);
      expect((await asKey(key, 'GET', '/orgs', { harness: proxied, forwardedFor: '10.9.9.9' })).status).toBe(200);
      expect((await asKey(key, 'GET', '/orgs', { harness: proxied, forwardedFor: '10.9.9.10' })).status).toBe(200);
      expect((await asKey(key, 'GET', '/orgs', { harness: proxied, forwardedFor: '203.0.113.5' })).status).toBe(200);
      const entries = await entriesOf(org, key.id, proxied);
      expect(byBlock(entries, '10.1.2.0/24')).toMatchObject({ count: 1, lastUsedAddress: '10.1.2.3' });
      expect(byBlock(entries, '10.1.0.0/16')).toMatchObject({ count: 0 });
      expect(byBlock(entries, '10.0.0.0/8')).toMatchObject({ count: 2, lastUsedAddress: '10.9.9.10' });
      expect(byBlock(entries, '0.0.0.0/0')).toMatchObject({ count: 1, lastUsedAddress: '203.0.113.5' });
    } finally {
      await proxied.sim.close();
    }
  });

  it('records nothing for a key with an empty access list, and lets it call', async () => {
    const key = await newKey(orgId, ['ORG_MEMBER']);
    expect((await asKey(key, 'GET', '/orgs')).status).toBe(200);
    expect((await asKey(key, 'GET', `/orgs/${orgId}`)).status).toBe(200);
    // The entry added now starts from nothing: the calls before it left no trace anywhere.
    await h.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ cidrBlock: '127.0.0.0/8' }] });
    expect(await entriesOf(orgId, key.id)).toEqual([expect.objectContaining({ cidrBlock: '127.0.0.0/8', count: 0 })]);
    expect((await entriesOf(orgId, key.id))[0]).not.toHaveProperty('lastUsed');
  });

  it('records calls on Atlas v1.0 and Ops Manager too', async () => {
    const key = await newKey(orgId, ['ORG_MEMBER'], [{ ipAddress: '127.0.0.1' }]);
    expect((await asKey(key, 'GET', `/orgs/${orgId}`, { base: '/api/atlas/v1.0' })).status).toBe(200);
    expect((await asKey(key, 'GET', `/orgs/${orgId}`, { base: '/api/public/v1.0' })).status).toBe(200);
    expect(byBlock(await entriesOf(orgId, key.id), '127.0.0.1/32')).toMatchObject({ count: 2 });
  });
});

describe('organization settings', () => {
  const settings = (org: string) => `/orgs/${org}/settings`;

  it('shows every setting to any member of the org, and to no one else', async () => {
    const reader = await newKey(orgId, ['ORG_READ_ONLY']);
    const reply = await asKey(reader, 'GET', settings(orgId));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      apiAccessListRequired: false,
      genAIFeaturesEnabled: true,
      maxServiceAccountSecretValidityInHours: 8760,
      multiFactorAuthRequired: false,
      restrictEmployeeAccess: false,
      streamsCrossGroupEnabled: false,
    });
    const outsider = await newKey(globexId, ['ORG_OWNER'], [{ ipAddress: '127.0.0.1' }]);
    expect(await asKey(outsider, 'GET', settings(orgId))).toMatchObject({ status: 401, json: { errorCode: 'USER_UNAUTHORIZED' } });
    expect((await h.call('GET', settings('0123456789abcdef01234567'))).status).toBe(404);
    expect(await h.call('GET', settings('acme'))).toMatchObject({ status: 400, json: { errorCode: 'PATH_PARAM_PARSE_ERROR' } });
  });

  it('lets only an Organization Owner change them, and changes only the fields sent', async () => {
    const member = await newKey(orgId, ['ORG_MEMBER']);
    const owner = await newKey(orgId, ['ORG_OWNER']);
    expect(await asKey(member, 'PATCH', settings(orgId), { body: { multiFactorAuthRequired: true } })).toMatchObject({ status: 401, json: { errorCode: 'USER_UNAUTHORIZED' } });

    const first = await asKey(owner, 'PATCH', settings(orgId), {
      body: { multiFactorAuthRequired: true, securityContact: 'security@acme.test', operationsContact: 'ops@acme.test', customSessionTimeouts: { absoluteSessionTimeoutInSeconds: 7200, idleSessionTimeoutInSeconds: 900 } },
    });
    expect(first.status).toBe(200);
    const second = await asKey(owner, 'PATCH', settings(orgId), { body: { maxServiceAccountSecretValidityInHours: 48 } });
    expect(second.json).toMatchObject({
      multiFactorAuthRequired: true,
      maxServiceAccountSecretValidityInHours: 48,
      securityContact: 'security@acme.test',
      operationsContact: 'ops@acme.test',
      customSessionTimeouts: { absoluteSessionTimeoutInSeconds: 7200, idleSessionTimeoutInSeconds: 900 },
      apiAccessListRequired: false,
    });
    expect((await h.call('GET', settings(orgId))).json).toEqual(second.json);

    // "" clears the security contact; null clears the operations contact and the timeouts.
    const cleared = await asKey(owner, 'PATCH', settings(orgId), { body: { securityContact: '', operationsContact: null, customSessionTimeouts: null, multiFactorAuthRequired: false } });
    expect(cleared.status).toBe(200);
    for (const field of ['securityContact', 'operationsContact', 'customSessionTimeouts']) expect(cleared.json).not.toHaveProperty(field);
    expect(cleared.json).toMatchObject({ multiFactorAuthRequired: false, maxServiceAccountSecretValidityInHours: 48 });
    await h.call('PATCH', settings(orgId), { body: { maxServiceAccountSecretValidityInHours: 8760 } });
  });

  it.each([
    ['an empty body', '', 'VALIDATION_ERROR'],
    ['null', 'null', 'VALIDATION_ERROR'],
    ['an array', [], 'VALIDATION_ERROR'],
    ['a validity under 8 hours', { maxServiceAccountSecretValidityInHours: 7 }, 'INVALID_ATTRIBUTE'],
    ['a validity over 8760 hours', { maxServiceAccountSecretValidityInHours: 8761 }, 'INVALID_ATTRIBUTE'],
    ['a validity that is not whole', { maxServiceAccountSecretValidityInHours: 12.5 }, 'INVALID_ATTRIBUTE'],
    ['an empty operations contact', { operationsContact: '' }, 'INVALID_ATTRIBUTE'],
    ['a security contact that is no address', { securityContact: 'security' }, 'INVALID_ATTRIBUTE'],
    ['a flag that is not a boolean', { apiAccessListRequired: 'yes' }, 'INVALID_ATTRIBUTE'],
    ['an absolute timeout under an hour', { customSessionTimeouts: { absoluteSessionTimeoutInSeconds: 3599 } }, 'INVALID_ATTRIBUTE'],
    ['an absolute timeout over 12 hours', { customSessionTimeouts: { absoluteSessionTimeoutInSeconds: 43_201 } }, 'INVALID_ATTRIBUTE'],
    ['an idle timeout under 5 minutes', { customSessionTimeouts: { idleSessionTimeoutInSeconds: 299 } }, 'INVALID_ATTRIBUTE'],
    ['an idle timeout over the absolute one', { customSessionTimeouts: { absoluteSessionTimeoutInSeconds: 3600, idleSessionTimeoutInSeconds: 3601 } }, 'INVALID_ATTRIBUTE'],
  ])('refuses %s with 400 and changes nothing', async (_name, body, errorCode) => {
    const before = (await h.call('GET', settings(orgId))).json;
    const reply = await h.call('PATCH', settings(orgId), { body });
    expect(reply).toMatchObject({ status: 400, json: { error: 400, errorCode } });
    expect((await h.call('GET', settings(orgId))).json).toEqual(before);
  });

  it('refuses a key calling from outside its list once the org requires one, until the address is added', async () => {
    const org = (await h.call('GET', '/orgs?name=Globex')).json.results[0].id as string;
    expect((await h.call('GET', settings(org))).json.apiAccessListRequired).toBe(true);
    await h.call('PATCH', settings(org), { body: { apiAccessListRequired: false } });
    const key = await newKey(org, ['ORG_MEMBER']);
    const elsewhere = await newKey(org, ['ORG_MEMBER'], [{ ipAddress: '192.0.2.1' }]);
    expect((await asKey(key, 'GET', `/orgs/${org}`)).status).toBe(200);

    expect((await h.call('PATCH', settings(org), { body: { apiAccessListRequired: true } })).json.apiAccessListRequired).toBe(true);
    const refused = await asKey(key, 'GET', `/orgs/${org}`);
    expect(refused).toMatchObject({ status: 403, json: { error: 403, errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST', parameters: ['127.0.0.1'] } });
    expect((await asKey(elsewhere, 'GET', `/orgs/${org}`)).json.errorCode).toBe('IP_ADDRESS_NOT_ON_ACCESS_LIST');
    // Service accounts have no API access list in the simulator: the admin's token is let through.
    expect((await h.call('GET', `/orgs/${org}`)).status).toBe(200);

    await h.call('POST', `/orgs/${org}/apiKeys/${key.id}/accessList`, { body: [{ ipAddress: '127.0.0.1' }] });
    expect((await asKey(key, 'GET', `/orgs/${org}`)).status).toBe(200);
    expect(byBlock(await entriesOf(org, key.id), '127.0.0.1/32')).toMatchObject({ count: 1, lastUsedAddress: '127.0.0.1' });
  });

  it('exists on Atlas v2 only: v1.0 and Ops Manager answer 404 as for any unknown path', async () => {
    for (const flavor of ['atlas-v1', 'ops-manager'] as const) {
      for (const method of ['GET', 'PATCH']) {
        const reply = await h.call(method, settings(orgId), { flavor, ...(method === 'PATCH' ? { body: { multiFactorAuthRequired: true } } : {}) });
        expect(reply, `${flavor} ${method}`).toMatchObject({ status: 404, json: { errorCode: 'RESOURCE_NOT_FOUND' } });
      }
      expect((await h.call('GET', '', { flavor })).status).toBe(404);
    }
    expect((await h.call('GET', settings(orgId))).json.multiFactorAuthRequired).toBe(false);
  });
});

describe('system status (who am I)', () => {
  it("shows a key's id, public key, roles and access list, without usage", async () => {
    const key = await newKey(orgId, ['ORG_MEMBER'], [{ ipAddress: '127.0.0.1' }, { cidrBlock: '198.51.100.0/24' }]);
    const staging = demoOrg(h.sim).project('Staging').id;
    await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
    const reply = await asKey(key, 'GET', '');
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ appName: 'MongoDB Atlas', throttling: false });
    expect(reply.json.build).toMatch(/^[0-9a-f]{40}$/);
    expect(reply.json.apiKey).toEqual({
      id: key.id,
      publicKey: key.publicKey,
      roles: [{ orgId, roleName: 'ORG_MEMBER' }, { groupId: staging, roleName: 'GROUP_READ_ONLY' }],
      accessList: [
        { cidrBlock: '127.0.0.1/32', ipAddress: '127.0.0.1' },
        { cidrBlock: '198.51.100.0/24', ipAddress: null },
      ],
    });
    // The call itself was made with the key: it counts.
    expect(byBlock(await entriesOf(orgId, key.id), '127.0.0.1/32')).toMatchObject({ count: 1 });
  });

  it('answers a service account with apiKey null, and the admin key as an owner of every org', async () => {
    const account = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_READ_ONLY' }]);
    const token = await fetchToken(h.sim.url, account.clientId, account.clientSecret);
    const asAccount = await h.call('GET', '', { token });
    expect(asAccount.status).toBe(200);
    expect(asAccount.json).toMatchObject({ appName: 'MongoDB Atlas', apiKey: null });
    expect((await h.call('GET', '')).json.apiKey).toBeNull();

    const admin = { id: '', ...h.sim.control.admin };
    const asAdmin = (await asKey(admin, 'GET', '')).json;
    expect(asAdmin.apiKey).toMatchObject({ publicKey: admin.publicKey, accessList: [] });
    expect(asAdmin.apiKey.id).toMatch(/^[a-f0-9]{24}$/);
    expect(asAdmin.apiKey.roles).toEqual(h.sim.control.seeded.orgs.map((o) => ({ orgId: o.id, roleName: 'ORG_OWNER' })));
  });

  it('needs a valid credential, and nothing more', async () => {
    expect(await h.call('GET', '', { token: null })).toMatchObject({ status: 401, json: { errorCode: 'USER_UNAUTHORIZED' } });
    expect((await h.call('GET', '', { token: 'not-a-token' })).status).toBe(401);
    const billing = await newKey(orgId, ['ORG_BILLING_READ_ONLY']);
    expect((await asKey(billing, 'GET', '')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('puts settings in the Organization set and who-am-I in a per-user set', async () => {
    const inspect = (id: string) =>
      h.call('GET', `/rateLimits/${id}`, { headers: { accept: 'application/vnd.atlas.2025-03-12+json' } });
    const organization = (await inspect('organization_organization')).json;
    expect(organization.scope).toBe('ORGANIZATION');
    expect(organization.endpoints).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/api/atlas/v2/orgs/{orgId}/settings' },
        { method: 'PATCH', path: '/api/atlas/v2/orgs/{orgId}/settings' },
      ]),
    );
    expect((await inspect('root_user')).json).toMatchObject({ scope: 'USER', endpoints: [{ method: 'GET', path: '/api/atlas/v2' }] });
  });

  it("spends the organization's bucket on settings calls", async () => {
    const limited = await startHarness({ rateLimit: { capacity: 2, refillPerSecond: 0.001 } });
    try {
      const org = demoOrg(limited.sim).org.id;
      expect((await limited.call('GET', `/orgs/${org}`)).status).toBe(200);
      expect((await limited.call('GET', `/orgs/${org}/settings`)).status).toBe(200);
      expect((await limited.call('PATCH', `/orgs/${org}/settings`, { body: { multiFactorAuthRequired: true } })).json.errorCode).toBe('RATE_LIMITED_TOKEN_BUCKET');
      expect((await limited.call('GET', '')).status).toBe(200);
    } finally {
      await limited.sim.close();
    }
  });
});

interface SeededKey {
  desc: string;
  roles: Array<{ orgId?: string; groupId?: string; roleName: string }>;
  blocks: string[];
  entries: Array<Record<string, unknown>>;
  latest: number | undefined;
  created: number;
}

describe('seeds', () => {
  const AS_OF = Date.parse('2026-12-01T00:00:00Z');
  const DAY = 86_400_000;

  it("keeps the first demo entities' ids, which other code relies on", () => {
    const [acme, globex] = h.sim.control.seeded.orgs;
    expect([acme!.id, ...acme!.projects.map((p) => p.id)]).toEqual(['63ff1b1866829a72d9af8ca1', '64103e9866829a72d9af8ca2', '6411901866829a72d9af8ca3', '665c3b9866829a72d9af8ca4']);
    expect(acme!.apiKeys.slice(0, 5).map((k) => `${k.id} ${k.publicKey} ${k.desc}`)).toEqual([
      '659bc09866829a72d9af8ca5 utomavig CI deployer',
      '65d4711866829a72d9af8ca6 hutlbjjk Terraform automation',
      '66320b9866829a72d9af8ca7 dfvudjwc Monitoring exporter',
      '6694ec1866829a72d9af8ca8 caegorrz Billing export',
      '66d6d71866829a72d9af8ca9 enzwltfc Data team ETL',
    ]);
    expect([globex!.id, ...globex!.projects.map((p) => p.id), ...globex!.apiKeys.slice(0, 2).map((k) => k.id)]).toEqual([
      '677ba29866829a72d9af8caa',
      '6780e89866829a72d9af8cab',
      '6807619866829a72d9af8cac',
      '67823a1866829a72d9af8cad',
      '677ba29866829a72d9af8cae',
    ]);
  });

  it('has a key of every kind a hygiene review looks for, with usage over months', async () => {
    const sim = await createSimulator({ seed: 'demo' });
    try {
      const token = await fetchToken(sim.url, sim.control.admin.clientId, sim.control.admin.clientSecret);
      const get = async (path: string) => {
        const response = await fetch(`${sim.url}/api/atlas/v2${path}`, { headers: { accept: V2_MEDIA_TYPE, authorization: `Bearer ${token}` } });
        return (await response.json()) as Record<string, unknown> & { results: Array<Record<string, unknown>> };
      };
      const [acme, globex] = sim.control.seeded.orgs;
      expect((await get(`/orgs/${acme!.id}/settings`)).apiAccessListRequired).toBe(false);
      expect((await get(`/orgs/${globex!.id}/settings`)).apiAccessListRequired).toBe(true);

      const keys: SeededKey[] = [];
      for (const org of [acme!, globex!]) {
        for (const key of (await get(`/orgs/${org.id}/apiKeys`)).results) {
          const entries = (await get(`/orgs/${org.id}/apiKeys/${key.id}/accessList`)).results;
          const lastUsed = entries.map((e) => e.lastUsed as string | undefined).filter((d) => d !== undefined).map(Date.parse);
          keys.push({
            desc: key.desc as string,
            roles: key.roles as Array<{ orgId?: string; groupId?: string; roleName: string }>,
            blocks: entries.map((e) => e.cidrBlock as string),
            entries,
            latest: lastUsed.length > 0 ? Math.max(...lastUsed) : undefined,
            created: objectIdTime(key.id as string).getTime(),
          });
        }
      }
      const some = (why: string, test: (k: SeededKey) => boolean) => expect(keys.filter(test).map((k) => k.desc), why).not.toEqual([]);
      some('usable from anywhere', (k) => k.blocks.includes('0.0.0.0/0') && k.blocks.some((b) => b.endsWith('/0') && b.includes(':')));
      some('a wide range', (k) => k.blocks.some((b) => /^\d+\.\d+\.\d+\.\d+\/([1-9]|1[0-6])$/.test(b)));
      some('an Organization Owner', (k) => k.roles.some((r) => r.roleName === 'ORG_OWNER'));
      some('unused for months', (k) => k.latest !== undefined && AS_OF - k.latest > 150 * DAY && AS_OF - k.latest < 220 * DAY);
      some('never used, made long ago', (k) => k.entries.length > 0 && k.entries.every((e) => e.count === 0 && e.lastUsed === undefined) && AS_OF - k.created > 90 * DAY);
      some('a leftover', (k) => k.roles.every((r) => r.orgId !== undefined && ['ORG_MEMBER', 'ORG_READ_ONLY'].includes(r.roleName)));
      some('usage unknown', (k) => k.entries.length === 0);
      expect(keys.filter((k) => k.latest !== undefined && AS_OF - k.latest < 14 * DAY).length, 'recently used').toBeGreaterThanOrEqual(3);
      // Usage is spread over months, not all on one day.
      const months = new Set(keys.flatMap((k) => k.entries.map((e) => (e.lastUsed as string | undefined)?.slice(0, 7))).filter(Boolean));
      expect(months.size).toBeGreaterThanOrEqual(5);
    } finally {
      await sim.close();
    }
  });

  it('gives a generated organization of 1000 keys usage spread over recent, old and none, the same on every start', async () => {
    const sizes = '1x10x1000x3';
    const [a, b] = await Promise.all([createSimulator({ seed: sizes }), createSimulator({ seed: sizes })]);
    try {
      const read = async (sim: typeof a) => {
        const token = await fetchToken(sim.url, sim.control.admin.clientId, sim.control.admin.clientSecret);
        const org = sim.control.seeded.orgs[0]!;
        const latest: Array<number | undefined> = [];
        for (const key of org.apiKeys) {
          const response = await fetch(`${sim.url}/api/atlas/v2/orgs/${org.id}/apiKeys/${key.id}/accessList`, { headers: { accept: V2_MEDIA_TYPE, authorization: `Bearer ${token}` } });
          const entries = ((await response.json()) as { results: Array<{ lastUsed?: string; count: number; created: string }> }).results;
          for (const e of entries) if (e.lastUsed) expect(Date.parse(e.lastUsed)).toBeGreaterThanOrEqual(Date.parse(e.created));
          const used = entries.flatMap((e) => (e.lastUsed ? [Date.parse(e.lastUsed)] : []));
          latest.push(used.length > 0 ? Math.max(...used) : undefined);
        }
        return latest;
      };
      const latest = await read(a);
      expect(latest).toHaveLength(1000);
      const share = (test: (t: number | undefined) => boolean) => latest.filter(test).length / latest.length;
      expect(share((t) => t === undefined)).toBeGreaterThan(0.1);
      expect(share((t) => t !== undefined && AS_OF - t <= 30 * DAY)).toBeGreaterThan(0.2);
      expect(share((t) => t !== undefined && AS_OF - t > 30 * DAY && AS_OF - t <= 180 * DAY)).toBeGreaterThan(0.1);
      expect(share((t) => t !== undefined && AS_OF - t > 180 * DAY)).toBeGreaterThan(0.1);
      expect(await read(b)).toEqual(latest);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
