import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, V2_MEDIA_TYPE, demoOrg, startHarness } from './helpers.js';

const MASKED = /^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ERROR_FIELDS = ['detail', 'error', 'errorCode', 'parameters', 'reason'];

let h: Harness;
let orgId: string;
let otherOrgId: string;
let staging: string;
let production: string;

beforeAll(async () => {
  h = await startHarness();
  const demo = demoOrg(h.sim);
  orgId = demo.org.id;
  otherOrgId = h.sim.control.seeded.orgs[1]!.id;
  staging = demo.project('Staging').id;
  production = demo.project('Production').id;
});
afterAll(() => h.sim.close());

function expectError(reply: { status: number; json: Record<string, unknown> }, status: number, errorCode: string) {
  expect(reply.status).toBe(status);
  expect(Object.keys(reply.json)).toEqual(expect.arrayContaining(ERROR_FIELDS));
  expect(reply.json).toMatchObject({ error: status, errorCode });
}

async function createKey(desc = 'test key', roles = ['ORG_MEMBER']) {
  const reply = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc, roles } });
  expect(reply.status).toBe(200);
  return reply.json as { id: string; publicKey: string; privateKey: string; roles: Array<Record<string, string>> };
}

async function keyCount(org = orgId): Promise<number> {
  return (await h.call('GET', `/orgs/${org}/apiKeys`)).json.totalCount;
}

describe('organizations and projects', () => {
  it('lists the organizations the caller can see, filtered by name prefix', async () => {
    const all = await h.call('GET', '/orgs');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain(V2_MEDIA_TYPE);
    expect(all.json.totalCount).toBe(2);
    expect(all.json.results[0]).toEqual({
      id: orgId,
      isDeleted: false,
      name: 'Acme-Corp',
      links: [{ rel: 'self', href: `${h.sim.url}/api/atlas/v2/orgs/${orgId}` }],
    });
    const filtered = await h.call('GET', '/orgs?name=acme');
    expect(filtered.json.results.map((o: { name: string }) => o.name)).toEqual(['Acme-Corp']);
  });

  it('gets one organization, 404 for an unknown one, 400 for a malformed id', async () => {
    expect((await h.call('GET', `/orgs/${orgId}`)).json.name).toBe('Acme-Corp');
    expectError(await h.call('GET', '/orgs/0123456789abcdef01234567'), 404, 'RESOURCE_NOT_FOUND');
    const malformed = await h.call('GET', '/orgs/ACME');
    expectError(malformed, 400, 'PATH_PARAM_PARSE_ERROR');
    expect(malformed.json.parameters).toEqual(['orgId', 'ACME']);
  });

  it("lists an organization's projects and every visible project", async () => {
    const projects = await h.call('GET', `/orgs/${orgId}/groups`);
    expect(projects.json.results.map((p: { name: string }) => p.name)).toEqual(['Production', 'Staging', 'Analytics']);
    expect(projects.json.results[1]).toMatchObject({ id: staging, orgId, clusterCount: 2, created: '2023-03-15T09:30:00Z' });
    expect((await h.call('GET', `/orgs/${orgId}/groups?name=STAG`)).json.results).toHaveLength(1);
    expect((await h.call('GET', '/groups')).json.totalCount).toBe(5);
    expectError(await h.call('GET', '/orgs/0123456789abcdef01234567/groups'), 404, 'RESOURCE_NOT_FOUND');
  });

  it('gets one project, 404 for an unknown one', async () => {
    expect((await h.call('GET', `/groups/${production}`)).json).toMatchObject({ name: 'Production', orgId, clusterCount: 4 });
    expectError(await h.call('GET', '/groups/0123456789abcdef01234567'), 404, 'GROUP_NOT_FOUND');
    expectError(await h.call('GET', '/groups/x'), 400, 'PATH_PARAM_PARSE_ERROR');
  });
});

describe('organization API keys', () => {
  it('lists keys with masked private keys and org and project roles', async () => {
    const list = await h.call('GET', `/orgs/${orgId}/apiKeys`);
    expect(list.json.totalCount).toBe(12);
    for (const key of list.json.results) {
      expect(key.privateKey).toMatch(MASKED);
      expect(key.publicKey).toMatch(/^[a-z]{8}$/);
      expect(key.id).toMatch(/^[a-f0-9]{24}$/);
    }
    const deployer = list.json.results.find((k: { desc: string }) => k.desc === 'CI deployer');
    expect(deployer.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { groupId: production, roleName: 'GROUP_READ_ONLY' },
      { groupId: staging, roleName: 'GROUP_OWNER' },
    ]);
  });

  it('creates a key, shows its private key once, and masks it afterwards', async () => {
    const created = await createKey('reporting', ['ORG_READ_ONLY', 'ORG_BILLING_READ_ONLY']);
    expect(created.privateKey).toMatch(UUID);
    expect(created.publicKey).toMatch(/^[a-z]{8}$/);
    expect(created.roles).toEqual([
      { orgId, roleName: 'ORG_READ_ONLY' },
      { orgId, roleName: 'ORG_BILLING_READ_ONLY' },
    ]);
    const fetched = await h.call('GET', `/orgs/${orgId}/apiKeys/${created.id}`);
    expect(fetched.json.privateKey).toBe(`********-****-****-${created.privateKey.slice(-12)}`);
    expect(fetched.json.desc).toBe('reporting');
    const listed = (await h.call('GET', `/orgs/${orgId}/apiKeys`)).json.results.find((k: { id: string }) => k.id === created.id);
    expect(listed.privateKey).toMatch(MASKED);
  });

  it.each([
    ['no description', { roles: ['ORG_MEMBER'] }, 'API_KEY_REQUIRES_DESCRIPTION'],
    ['an empty description', { desc: '', roles: ['ORG_MEMBER'] }, 'API_KEY_REQUIRES_DESCRIPTION'],
    ['a description over 250 characters', { desc: 'x'.repeat(251), roles: ['ORG_MEMBER'] }, 'INVALID_ATTRIBUTE'],
    ['no roles', { desc: 'k' }, 'INVALID_ATTRIBUTE'],
    ['empty roles', { desc: 'k', roles: [] }, 'INVALID_ATTRIBUTE'],
    ['a project role', { desc: 'k', roles: ['GROUP_OWNER'] }, 'INVALID_ATTRIBUTE'],
    ['an unknown role', { desc: 'k', roles: ['ORG_MEMBER', 'ORG_GOD'] }, 'INVALID_ATTRIBUTE'],
    ['an array body', [{ desc: 'k', roles: ['ORG_MEMBER'] }], 'VALIDATION_ERROR'],
  ])('rejects a key with %s and creates nothing', async (_name, body, code) => {
    const before = await keyCount();
    expectError(await h.call('POST', `/orgs/${orgId}/apiKeys`, { body }), 400, code);
    expect(await keyCount()).toBe(before);
  });

  it('names the offending role in the error', async () => {
    const reply = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'k', roles: ['ORG_MEMBER', 'ORG_GOD'] } });
    expect(reply.json.badRequestDetail.fields).toEqual([{ field: 'roles[1]', description: expect.stringContaining('ORG_GOD') }]);
  });

  it('accepts exactly 250 characters of description', async () => {
    const created = await createKey('d'.repeat(250));
    expect(created.id).toMatch(/^[a-f0-9]{24}$/);
  });

  it('rejects malformed JSON and the wrong media type', async () => {
    expectError(await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: '{"desc": ' }), 400, 'VALIDATION_ERROR');
    const text = await h.call('POST', `/orgs/${orgId}/apiKeys`, {
      body: { desc: 'k', roles: ['ORG_MEMBER'] },
      headers: { 'content-type': 'text/plain' },
    });
    expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const plainOnV1 = await h.call('POST', `/orgs/${orgId}/apiKeys`, {
      flavor: 'atlas-v1',
      body: { desc: 'k', roles: ['ORG_MEMBER'] },
      headers: { 'content-type': V2_MEDIA_TYPE },
    });
    expectError(plainOnV1, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 for a key of another org and 400 for a public key used as id', async () => {
    const other = h.sim.control.seeded.orgs[1]!.apiKeys[0]!;
    expectError(await h.call('GET', `/orgs/${orgId}/apiKeys/${other.id}`), 404, 'API_KEY_NOT_FOUND');
    expectError(await h.call('GET', `/orgs/${orgId}/apiKeys/${other.publicKey}`), 400, 'PATH_PARAM_PARSE_ERROR');
    expectError(await h.call('GET', `/orgs/0123456789abcdef01234567/apiKeys/${other.id}`), 404, 'RESOURCE_NOT_FOUND');
  });

  it('updates the description and replaces org roles, keeping project assignments', async () => {
    const key = await createKey('before', ['ORG_MEMBER']);
    expect((await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] })).status).toBe(204);
    const updated = await h.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: 'after', roles: ['ORG_READ_ONLY'] } });
    expect(updated.status).toBe(200);
    expect(updated.json.desc).toBe('after');
    expect(updated.json.privateKey).toMatch(MASKED);
    expect(updated.json.roles).toEqual([
      { orgId, roleName: 'ORG_READ_ONLY' },
      { groupId: staging, roleName: 'GROUP_READ_ONLY' },
    ]);
    const descOnly = await h.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: 'only desc' } });
    expect(descOnly.json.roles).toHaveLength(2);
  });

  it('rejects an empty update, empty roles and a bad description without changing the key', async () => {
    const key = await createKey('stable', ['ORG_MEMBER']);
    expectError(await h.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: {} }), 400, 'VALIDATION_ERROR');
    expectError(await h.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { roles: [] } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await h.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: '' } }), 400, 'API_KEY_REQUIRES_DESCRIPTION');
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}`)).json).toMatchObject({ desc: 'stable', roles: [{ roleName: 'ORG_MEMBER' }] });
    expectError(await h.call('PATCH', `/orgs/${orgId}/apiKeys/0123456789abcdef01234567`, { body: { desc: 'x' } }), 404, 'API_KEY_NOT_FOUND');
  });

  it('deletes a key from the org and from every project it was assigned to', async () => {
    const key = await createKey('short-lived');
    await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
    await h.call('POST', `/groups/${production}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_OWNER'] }] });
    const deleted = await h.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectError(await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}`), 404, 'API_KEY_NOT_FOUND');
    for (const project of [staging, production]) {
      const ids = (await h.call('GET', `/groups/${project}/apiKeys`)).json.results.map((k: { id: string }) => k.id);
      expect(ids).not.toContain(key.id);
    }
    expectError(await h.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`), 404, 'API_KEY_NOT_FOUND');
  });
});

describe('access lists', () => {
  let keyId: string;
  const path = () => `/orgs/${orgId}/apiKeys/${keyId}/accessList`;

  beforeAll(async () => {
    keyId = (await createKey('access list owner')).id;
  });

  it('adds addresses and CIDR blocks in one call and returns the whole list', async () => {
    const reply = await h.call('POST', path(), {
      body: [{ ipAddress: '203.0.113.7' }, { cidrBlock: '10.1.0.0/16' }, { ipAddress: '2001:db8::1' }, { cidrBlock: '198.51.100.9/32' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.json.totalCount).toBe(4);
    const [ip, cidr, v6, slash32] = reply.json.results;
    expect(ip).toMatchObject({ ipAddress: '203.0.113.7', cidrBlock: '203.0.113.7/32', count: 0 });
    expect(ip.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(ip).not.toHaveProperty('lastUsed');
    expect(ip.links[0].href).toBe(`${h.sim.url}/api/atlas/v2${path()}/203.0.113.7`);
    expect(cidr).not.toHaveProperty('ipAddress');
    expect(cidr.cidrBlock).toBe('10.1.0.0/16');
    expect(cidr.links[0].href).toBe(`${h.sim.url}/api/atlas/v2${path()}/10.1.0.0%2F16`);
    expect(v6).toMatchObject({ ipAddress: '2001:db8:0:0:0:0:0:1', cidrBlock: '2001:db8:0:0:0:0:0:1/128' });
    expect(slash32).toMatchObject({ ipAddress: '198.51.100.9', cidrBlock: '198.51.100.9/32' });
  });

  it('gets entries by address, by percent-encoded CIDR, and by either IPv6 spelling', async () => {
    expect((await h.call('GET', `${path()}/203.0.113.7`)).json.ipAddress).toBe('203.0.113.7');
    expect((await h.call('GET', `${path()}/10.1.0.0%2F16`)).json.cidrBlock).toBe('10.1.0.0/16');
    expect((await h.call('GET', `${path()}/2001:db8::1`)).json.ipAddress).toBe('2001:db8:0:0:0:0:0:1');
    expect((await h.call('GET', `${path()}/198.51.100.9%2F32`)).json.ipAddress).toBe('198.51.100.9');
    expect((await h.call('GET', path())).json.results).toHaveLength(4);
  });

  it('looks entries up exactly: an address inside a CIDR entry is not found', async () => {
    expectError(await h.call('GET', `${path()}/10.1.2.3`), 404, 'API_KEY_ACCESS_LIST_NOT_FOUND');
    expectError(await h.call('GET', `${path()}/10.1.0.1%2F16`), 404, 'API_KEY_ACCESS_LIST_NOT_FOUND');
    expectError(await h.call('GET', `${path()}/not-an-ip`), 400, 'PATH_PARAM_PARSE_ERROR');
    expectError(await h.call('GET', `${path()}/10.0.0.0%2F40`), 400, 'PATH_PARAM_PARSE_ERROR');
  });

  it('refuses a duplicate with 409 and adds nothing from that request', async () => {
    const reply = await h.call('POST', path(), { body: [{ ipAddress: '192.0.2.200' }, { ipAddress: '203.0.113.7' }] });
    expectError(reply, 409, 'ADDRESS_ALREADY_IN_ACCESS_LIST');
    expect(reply.json.parameters[0]).toBe('203.0.113.7');
    expectError(await h.call('GET', `${path()}/192.0.2.200`), 404, 'API_KEY_ACCESS_LIST_NOT_FOUND');
    expectError(await h.call('POST', path(), { body: [{ ipAddress: '192.0.2.201' }, { cidrBlock: '192.0.2.201/32' }] }), 409, 'ADDRESS_ALREADY_IN_ACCESS_LIST');
  });

  it.each([
    ['an invalid address', [{ ipAddress: '300.1.1.1' }], 'INVALID_ATTRIBUTE', '[0].ipAddress'],
    ['a CIDR given as ipAddress', [{ ipAddress: '10.0.0.0/8' }], 'INVALID_ATTRIBUTE', '[0].ipAddress'],
    ['an address given as cidrBlock', [{ cidrBlock: '10.0.0.1' }], 'INVALID_ATTRIBUTE', '[0].cidrBlock'],
    ['a prefix too long', [{ ipAddress: '192.0.2.1' }, { cidrBlock: '10.0.0.0/33' }], 'INVALID_ATTRIBUTE', '[1].cidrBlock'],
    ['both fields', [{ ipAddress: '192.0.2.1', cidrBlock: '192.0.2.0/24' }], 'INVALID_ATTRIBUTE', '[0]'],
    ['neither field', [{}], 'INVALID_ATTRIBUTE', '[0]'],
  ])('rejects %s naming the entry', async (_name, body, code, field) => {
    const reply = await h.call('POST', path(), { body });
    expectError(reply, 400, code);
    expect(reply.json.badRequestDetail.fields[0].field).toBe(field);
    expectError(await h.call('GET', `${path()}/192.0.2.1`), 404, 'API_KEY_ACCESS_LIST_NOT_FOUND');
  });

  it('rejects an empty or non-array body', async () => {
    expectError(await h.call('POST', path(), { body: [] }), 400, 'VALIDATION_ERROR');
    expectError(await h.call('POST', path(), { body: { ipAddress: '192.0.2.1' } }), 400, 'VALIDATION_ERROR');
  });

  it('deletes entries by address and by CIDR', async () => {
    expect((await h.call('DELETE', `${path()}/10.1.0.0%2F16`)).status).toBe(204);
    expect((await h.call('DELETE', `${path()}/203.0.113.7`)).status).toBe(204);
    expectError(await h.call('DELETE', `${path()}/203.0.113.7`), 404, 'API_KEY_ACCESS_LIST_NOT_FOUND');
    expect((await h.call('GET', path())).json.totalCount).toBe(2);
  });

  it('answers 404 for the access list of an unknown key', async () => {
    expectError(await h.call('GET', `/orgs/${orgId}/apiKeys/0123456789abcdef01234567/accessList`), 404, 'API_KEY_NOT_FOUND');
  });
});

describe('API keys on projects', () => {
  it('lists the keys of a project with their roles there and their org roles', async () => {
    const reply = await h.call('GET', `/groups/${staging}/apiKeys`);
    const deployer = reply.json.results.find((k: { desc: string }) => k.desc === 'CI deployer');
    expect(deployer.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { groupId: staging, roleName: 'GROUP_OWNER' },
    ]);
    expect(deployer.privateKey).toMatch(MASKED);
    expectError(await h.call('GET', '/groups/0123456789abcdef01234567/apiKeys'), 404, 'GROUP_NOT_FOUND');
  });

  it('creates an org key assigned to the project in one call', async () => {
    const reply = await h.call('POST', `/groups/${production}/apiKeys`, { body: { desc: 'project key', roles: ['GROUP_CLUSTER_MANAGER'] } });
    expect(reply.status).toBe(200);
    expect(reply.json.privateKey).toMatch(UUID);
    expect(reply.json.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { groupId: production, roleName: 'GROUP_CLUSTER_MANAGER' },
    ]);
    const inOrg = await h.call('GET', `/orgs/${orgId}/apiKeys/${reply.json.id}`);
    expect(inOrg.json.privateKey).toMatch(MASKED);
    expectError(await h.call('POST', `/groups/${production}/apiKeys`, { body: { desc: 'x', roles: ['ORG_OWNER'] } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await h.call('POST', `/groups/${production}/apiKeys`, { body: { roles: ['GROUP_OWNER'] } }), 400, 'API_KEY_REQUIRES_DESCRIPTION');
  });

  it('assigns an existing key with an array body, and refuses to assign it twice', async () => {
    const key = await createKey('to assign');
    const assigned = await h.call('POST', `/groups/${production}/apiKeys/${key.id}`, {
      body: [{ roles: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] }],
    });
    expect(assigned.status).toBe(204);
    expect(assigned.text).toBe('');
    const roles = (await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}`)).json.roles;
    expect(roles).toContainEqual({ groupId: production, roleName: 'GROUP_DATA_ACCESS_READ_ONLY' });
    expectError(await h.call('POST', `/groups/${production}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_OWNER'] }] }), 409, 'API_KEY_ALREADY_IN_GROUP');
    expectError(await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: [{ roles: [] }] }), 400, 'INVALID_ATTRIBUTE');
    expectError(await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: { roles: ['GROUP_OWNER'] } }), 400, 'VALIDATION_ERROR');
  });

  it('does not assign a key of another organization', async () => {
    const foreign = h.sim.control.seeded.orgs[1]!.apiKeys[0]!.id;
    expectError(await h.call('POST', `/groups/${staging}/apiKeys/${foreign}`, { body: [{ roles: ['GROUP_OWNER'] }] }), 404, 'API_KEY_NOT_FOUND');
    expect(otherOrgId).not.toBe(orgId);
  });

  it("replaces a key's roles in one project with PATCH and leaves other projects alone", async () => {
    const key = await createKey('patched');
    await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
    await h.call('POST', `/groups/${production}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
    const patched = await h.call('PATCH', `/groups/${staging}/apiKeys/${key.id}`, { body: { roles: ['GROUP_OWNER', 'GROUP_CLUSTER_MANAGER'] } });
    expect(patched.status).toBe(200);
    expect(patched.json.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { groupId: staging, roleName: 'GROUP_OWNER' },
      { groupId: staging, roleName: 'GROUP_CLUSTER_MANAGER' },
    ]);
    const all = (await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}`)).json.roles;
    expect(all).toContainEqual({ groupId: production, roleName: 'GROUP_READ_ONLY' });
    expectError(await h.call('PATCH', `/groups/${staging}/apiKeys/${key.id}`, { body: { roles: [] } }), 400, 'INVALID_ATTRIBUTE');
  });

  it('answers 404 to PATCH for a key the project does not have (Atlas assigns with POST)', async () => {
    const key = await createKey('unassigned');
    expectError(await h.call('PATCH', `/groups/${staging}/apiKeys/${key.id}`, { body: { roles: ['GROUP_OWNER'] } }), 404, 'API_KEY_NOT_FOUND');
  });

  it('unassigns a key and keeps it in the organization', async () => {
    const key = await createKey('unassign me');
    await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
    const removed = await h.call('DELETE', `/groups/${staging}/apiKeys/${key.id}`);
    expect(removed.status).toBe(204);
    const stillThere = await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}`);
    expect(stillThere.json.roles).toEqual([{ orgId, roleName: 'ORG_MEMBER' }]);
    expectError(await h.call('DELETE', `/groups/${staging}/apiKeys/${key.id}`), 404, 'API_KEY_NOT_FOUND');
  });
});

describe('Atlas v1.0 and Ops Manager', () => {
  it('serves Atlas v1.0 with plain JSON', async () => {
    const reply = await h.call('GET', `/orgs/${orgId}/apiKeys`, { flavor: 'atlas-v1' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.json.results[0].links[0].href).toContain('/api/atlas/v1.0/orgs/');
    const key = await h.call('POST', `/orgs/${orgId}/apiKeys`, { flavor: 'atlas-v1', body: { desc: 'v1 key', roles: ['ORG_MEMBER'] } });
    expect(key.json.privateKey).toMatch(UUID);
    expect((await h.call('POST', `/groups/${staging}/apiKeys/${key.json.id}`, { flavor: 'atlas-v1', body: [{ roles: ['GROUP_READ_ONLY'] }] })).status).toBe(204);
  });

  it('answers 400 API_KEY_NOT_FOUND for an unknown key on Ops Manager', async () => {
    expectError(await h.call('GET', `/orgs/${orgId}/apiKeys/0123456789abcdef01234567`, { flavor: 'ops-manager' }), 400, 'API_KEY_NOT_FOUND');
  });

  it('assigns with PATCH on Ops Manager, where POST assignment does not exist', async () => {
    const key = await createKey('om key');
    const post = await h.call('POST', `/groups/${staging}/apiKeys/${key.id}`, { flavor: 'ops-manager', body: [{ roles: ['GROUP_OWNER'] }] });
    expect(post.status).toBe(404);
    const patch = await h.call('PATCH', `/groups/${staging}/apiKeys/${key.id}`, { flavor: 'ops-manager', body: { roles: ['GROUP_AUTOMATION_ADMIN'] } });
    expect(patch.status).toBe(200);
    expect(patch.json.roles).toContainEqual({ groupId: staging, roleName: 'GROUP_AUTOMATION_ADMIN' });
    // Ops Manager's role set is not Atlas's.
    expectError(await h.call('PATCH', `/groups/${staging}/apiKeys/${key.id}`, { body: { roles: ['GROUP_AUTOMATION_ADMIN'] } }), 400, 'INVALID_ATTRIBUTE');
  });

  it('serves the access list under /whitelist as well as /accessList', async () => {
    const key = await createKey('whitelisted');
    const added = await h.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/whitelist`, { flavor: 'ops-manager', body: [{ ipAddress: '192.0.2.9' }] });
    expect(added.status).toBe(200);
    expect(added.json.results[0].links[0].href).toBe(`${h.sim.url}/api/public/v1.0/orgs/${orgId}/apiKeys/${key.id}/whitelist/192.0.2.9`);
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}/accessList/192.0.2.9`, { flavor: 'ops-manager' })).status).toBe(200);
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${key.id}/whitelist`, { flavor: 'atlas-v2' })).status).toBe(404);
  });
});

describe('versioning, envelope and pretty', () => {
  it('answers 406 without a versioned media type, for a malformed one or a date before the first version, and 410 for a retired version', async () => {
    expectError(await h.call('GET', '/orgs', { headers: { accept: 'application/json' } }), 406, 'INVALID_VERSION_DATE');
    expectError(await h.call('GET', '/orgs', { headers: { accept: 'application/vnd.atlas.2022-12-31+json' } }), 406, 'INVALID_VERSION_DATE');
    expectError(await h.call('GET', '/orgs', { headers: { accept: 'application/vnd.atlas.2024-13-45+json' } }), 406, 'INVALID_VERSION_DATE');
    expectError(await h.call('GET', '/orgs', { headers: { accept: 'application/vnd.atlas.latest+json' } }), 406, 'INVALID_VERSION_DATE');
    const several = await h.call('GET', '/orgs', { headers: { accept: `application/json, ${V2_MEDIA_TYPE}` } });
    expect(several.status).toBe(200);
    const retired = await startHarness({ retiredVersions: ['2022-01-01'] });
    try {
      const gone = await retired.call('GET', '/orgs', { headers: { accept: 'application/vnd.atlas.2022-01-01+json' } });
      expectError(gone, 410, 'VERSION_GONE');
    } finally {
      await retired.sim.close();
    }
  });

  it('wraps responses in an envelope with status 200 when asked', async () => {
    const missing = await h.call('GET', '/orgs/0123456789abcdef01234567?envelope=true');
    expect(missing.status).toBe(200);
    expect(missing.json).toMatchObject({ status: 404, content: { errorCode: 'RESOURCE_NOT_FOUND' } });
    const list = await h.call('GET', '/orgs?envelope=true');
    expect(list.json).toMatchObject({ status: 200, totalCount: 2 });
    const one = await h.call('GET', `/orgs/${orgId}?envelope=true`);
    expect(one.json).toMatchObject({ status: 200, content: { id: orgId } });
  });

  it('pretty-prints when asked', async () => {
    const reply = await h.call('GET', `/orgs/${orgId}?pretty=true`);
    expect(reply.text).toContain('\n  "id": ');
    expect((await h.call('GET', `/orgs/${orgId}`)).text).not.toContain('\n');
  });

  it('answers unknown paths with an Atlas-shaped 404', async () => {
    expectError(await h.call('GET', '/clusters'), 404, 'RESOURCE_NOT_FOUND');
  });
});
