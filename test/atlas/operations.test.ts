// Every operation in every flavor on MockAgent: method, path, media types, body and parsed result.
import type { MockInterceptor } from 'undici/types/mock-interceptor.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pathSegment } from '../../src/atlas/client.js';
import type { AccessListSegment, AtlasClient, FlavorName } from '../../src/atlas/index.js';
import { KEY, type Mocked, ORG, PROJECT, V2, mocked } from './helpers.js';

const BASE: Record<FlavorName, string> = { 'atlas-v2': '/api/atlas/v2', 'atlas-v1': '/api/atlas/v1.0', 'ops-manager': '/api/public/v1.0' };

const organization = { id: ORG, name: 'Acme-Corp', isDeleted: false, links: [{ rel: 'self', href: 'x' }], somethingNew: 1 };
const project = { id: PROJECT, name: 'Staging', orgId: ORG, clusterCount: 2, created: '2024-01-01T00:00:00Z', tags: [] };
const key = { id: KEY, desc: 'ci', publicKey: 'qwertyui', privateKey: '********-****-****-3f2a9b1c0d4e', roles: [{ orgId: ORG, roleName: 'ORG_MEMBER' }] };
const entry = { cidrBlock: '203.0.113.10/32', ipAddress: '203.0.113.10', count: 0, created: '2024-01-01T00:00:00Z' };
const page = <T>(results: T[], totalCount = results.length) => ({ results, totalCount, links: [{ rel: 'self', href: 'x' }] });

interface Case {
  name: string;
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** After the base path. */
  path: string;
  body?: unknown;
  status?: number;
  reply?: unknown;
  call(client: AtlasClient): Promise<unknown>;
  result?: unknown;
}

function cases(flavor: FlavorName, segment: AccessListSegment): Case[] {
  const keyPath = `/orgs/${ORG}/apiKeys/${KEY}`;
  const accessList = `${keyPath}/${segment}`;
  return [
    {
      name: 'listOrganizations',
      operation: 'listOrgs',
      method: 'GET',
      path: '/orgs?pageNum=2&itemsPerPage=1&includeCount=true&name=Ac',
      reply: { ...page([organization], 3), links: [{ rel: 'next', href: 'x' }] },
      call: (c) => c.listOrganizations({ pageNum: 2, itemsPerPage: 1, includeCount: true, name: 'Ac' }),
      result: { results: [{ id: ORG, name: 'Acme-Corp', isDeleted: false }], totalCount: 3, hasNext: true, linked: true },
    },
    { name: 'getOrganization', operation: 'getOrg', method: 'GET', path: `/orgs/${ORG}`, reply: organization, call: (c) => c.getOrganization(ORG) },
    {
      name: 'listOrganizationProjects',
      operation: 'getOrgGroups',
      method: 'GET',
      path: `/orgs/${ORG}/groups?itemsPerPage=500`,
      reply: page([project]),
      call: (c) => c.listOrganizationProjects(ORG, { itemsPerPage: 500 }),
      result: { results: [project], totalCount: 1, hasNext: false, linked: true },
    },
    {
      name: 'listProjects',
      operation: 'listGroups',
      method: 'GET',
      path: '/groups?includeCount=false',
      reply: { results: [project] },
      call: (c) => c.listProjects({ includeCount: false }),
      result: { results: [project], hasNext: false },
    },
    { name: 'getProject', operation: 'getGroup', method: 'GET', path: `/groups/${PROJECT}`, reply: project, call: (c) => c.getProject(PROJECT), result: project },
    { name: 'listApiKeys', operation: 'listOrgApiKeys', method: 'GET', path: `/orgs/${ORG}/apiKeys`, reply: page([key]), call: (c) => c.listApiKeys(ORG) },
    {
      name: 'createApiKey',
      operation: 'createOrgApiKey',
      method: 'POST',
      path: `/orgs/${ORG}/apiKeys`,
      body: { desc: 'ci', roles: ['ORG_MEMBER'] },
      reply: { ...key, privateKey: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' },
      call: (c) => c.createApiKey(ORG, { description: 'ci', roles: ['ORG_MEMBER'] }),
      result: { ...key, privateKey: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' },
    },
    { name: 'getApiKey', operation: 'getOrgApiKey', method: 'GET', path: keyPath, reply: key, call: (c) => c.getApiKey(ORG, KEY), result: key },
    {
      name: 'updateApiKey',
      operation: 'updateOrgApiKey',
      method: 'PATCH',
      path: keyPath,
      body: { desc: 'renamed' },
      reply: { ...key, desc: 'renamed' },
      call: (c) => c.updateApiKey(ORG, KEY, { description: 'renamed' }),
    },
    {
      name: 'updateApiKey (roles)',
      operation: 'updateOrgApiKey',
      method: 'PATCH',
      path: keyPath,
      body: { desc: 'd', roles: ['ORG_READ_ONLY'] },
      reply: key,
      call: (c) => c.updateApiKey(ORG, KEY, { description: 'd', roles: ['ORG_READ_ONLY'] }),
    },
    { name: 'deleteApiKey', operation: 'deleteOrgApiKey', method: 'DELETE', path: keyPath, status: 204, call: (c) => c.deleteApiKey(ORG, KEY), result: undefined },
    {
      name: 'listAccessListEntries',
      operation: 'listOrgApiKeyAccessListEntries',
      method: 'GET',
      path: accessList,
      reply: page([entry]),
      call: (c) => c.listAccessListEntries(ORG, KEY),
      result: { results: [entry], totalCount: 1, hasNext: false, linked: true },
    },
    {
      name: 'addAccessListEntries',
      operation: 'createOrgApiKeyAccessListEntry',
      method: 'POST',
      path: `${accessList}?itemsPerPage=10`,
      body: [{ ipAddress: '203.0.113.10' }, { cidrBlock: '198.51.100.0/24' }],
      reply: page([entry, { cidrBlock: '198.51.100.0/24', count: 0 }]),
      call: (c) => c.addAccessListEntries(ORG, KEY, [{ ipAddress: '203.0.113.10' }, { cidrBlock: '198.51.100.0/24' }], { itemsPerPage: 10 }),
      result: { results: [entry, { cidrBlock: '198.51.100.0/24', count: 0 }], totalCount: 2, hasNext: false, linked: true },
    },
    {
      name: 'getAccessListEntry (CIDR)',
      operation: 'getOrgApiKeyAccessListEntry',
      method: 'GET',
      path: `${accessList}/198.51.100.0%2F24`,
      reply: { cidrBlock: '198.51.100.0/24', count: 3, lastUsed: '2024-02-01T00:00:00Z', lastUsedAddress: '198.51.100.7' },
      call: (c) => c.getAccessListEntry(ORG, KEY, '198.51.100.0/24'),
    },
    {
      name: 'getAccessListEntry (IPv6)',
      operation: 'getOrgApiKeyAccessListEntry',
      method: 'GET',
      // Atlas' path pattern admits IPv6 as eight groups: the client writes it so, whatever form it is given.
      path: `${accessList}/2001:db8:0:0:0:0:0:1`,
      reply: { cidrBlock: '2001:db8::1/128', ipAddress: '2001:db8::1' },
      call: (c) => c.getAccessListEntry(ORG, KEY, '2001:db8::1'),
    },
    {
      name: 'deleteAccessListEntry (CIDR)',
      operation: 'deleteOrgApiKeyAccessListEntry',
      method: 'DELETE',
      path: `${accessList}/2001:db8:0:0:0:0:0:0%2F32`,
      status: 204,
      call: (c) => c.deleteAccessListEntry(ORG, KEY, '2001:db8::/32'),
    },
    {
      name: 'deleteAccessListEntry (IP)',
      operation: 'deleteOrgApiKeyAccessListEntry',
      method: 'DELETE',
      path: `${accessList}/203.0.113.10`,
      status: 204,
      call: (c) => c.deleteAccessListEntry(ORG, KEY, '203.0.113.10'),
    },
    { name: 'listProjectApiKeys', operation: 'listGroupApiKeys', method: 'GET', path: `/groups/${PROJECT}/apiKeys`, reply: page([key]), call: (c) => c.listProjectApiKeys(PROJECT) },
    {
      name: 'createProjectApiKey',
      operation: 'createGroupApiKey',
      method: 'POST',
      path: `/groups/${PROJECT}/apiKeys`,
      body: { desc: 'p', roles: ['GROUP_READ_ONLY'] },
      reply: key,
      call: (c) => c.createProjectApiKey(PROJECT, { description: 'p', roles: ['GROUP_READ_ONLY'] }),
    },
    flavor === 'ops-manager'
      ? {
          name: 'assignApiKeyToProject',
          operation: 'updateGroupApiKeyRoles',
          method: 'PATCH',
          path: `/groups/${PROJECT}/apiKeys/${KEY}`,
          body: { roles: ['GROUP_READ_ONLY'] },
          reply: key,
          call: (c) => c.assignApiKeyToProject(PROJECT, KEY, ['GROUP_READ_ONLY']),
          result: undefined,
        }
      : {
          name: 'assignApiKeyToProject',
          operation: 'addGroupApiKey',
          method: 'POST',
          path: `/groups/${PROJECT}/apiKeys/${KEY}`,
          body: [{ roles: ['GROUP_READ_ONLY'] }],
          status: 204,
          call: (c) => c.assignApiKeyToProject(PROJECT, KEY, ['GROUP_READ_ONLY']),
          result: undefined,
        },
    {
      name: 'updateProjectApiKeyRoles',
      operation: 'updateGroupApiKeyRoles',
      method: 'PATCH',
      path: `/groups/${PROJECT}/apiKeys/${KEY}`,
      body: { roles: ['GROUP_OWNER'], desc: 'renamed' },
      reply: { ...key, roles: [{ groupId: PROJECT, roleName: 'GROUP_OWNER' }] },
      call: (c) => c.updateProjectApiKeyRoles(PROJECT, KEY, ['GROUP_OWNER'], 'renamed'),
    },
    {
      name: 'unassignApiKeyFromProject',
      operation: 'removeGroupApiKey',
      method: 'DELETE',
      path: `/groups/${PROJECT}/apiKeys/${KEY}`,
      status: 204,
      call: (c) => c.unassignApiKeyFromProject(PROJECT, KEY),
      result: undefined,
    },
  ];
}

const targets: Array<[FlavorName, AccessListSegment]> = [
  ['atlas-v2', 'accessList'],
  ['atlas-v1', 'accessList'],
  ['ops-manager', 'accessList'],
  ['ops-manager', 'whitelist'],
];

let mock: Mocked | undefined;
afterEach(async () => {
  await mock?.agent.close();
  mock = undefined;
});

describe.each(targets)('%s with /%s', (flavor, segment) => {
  const mediaType = flavor === 'atlas-v2' ? V2 : 'application/json';

  it.each(cases(flavor, segment).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    mock = mocked({ flavor, accessListSegment: segment, credentials: { kind: 'serviceAccount', clientId: 'id', clientSecret: 'secret' } });
    mock.pool.intercept({ path: '/api/oauth/token', method: 'POST' }).reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 3600 });
    let seen: { headers: Record<string, string>; body: unknown } | undefined;
    mock.pool.intercept({ path: `${BASE[flavor]}${c.path}`, method: c.method }).reply(c.status ?? 200, (options: MockInterceptor.MockResponseCallbackOptions) => {
      seen = { headers: options.headers as Record<string, string>, body: options.body === undefined || options.body === null ? undefined : JSON.parse(String(options.body)) };
      return c.reply === undefined ? '' : JSON.stringify(c.reply);
    });

    const result = await c.call(mock.client);

    expect(seen).toBeDefined();
    expect(seen!.headers.accept).toBe(mediaType);
    expect(seen!.headers.authorization).toBe('Bearer tok');
    if (c.body === undefined) {
      expect(seen!.body).toBeUndefined();
      expect(seen!.headers['content-type']).toBeUndefined();
    } else {
      expect(seen!.body).toEqual(c.body);
      expect(seen!.headers['content-type']).toBe(mediaType);
    }
    expect(mock.events.at(-1)).toMatchObject({ operation: c.operation, method: c.method, path: `${BASE[flavor]}${c.path}`, outcome: c.status ?? 200 });
    if ('result' in c) expect(result).toEqual(c.result);
  });
});

describe('flavor settings', () => {
  it('sends a per-operation API version on Atlas v2', async () => {
    mock = mocked({ apiVersions: { getOrg: '2025-03-12' } });
    mock.pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}`, method: 'GET', headers: { accept: 'application/vnd.atlas.2025-03-12+json' } }).reply(200, organization);
    mock.pool.intercept({ path: '/api/atlas/v2/orgs', method: 'GET', headers: { accept: V2 } }).reply(200, page([organization]));
    await mock.client.getOrganization(ORG);
    await mock.client.listOrganizations();
    expect(mock.events.map((e) => e.outcome)).toEqual([200, 200]);
  });

  it('refuses settings that cannot work', () => {
    expect(() => mocked({ apiVersions: { getOrg: 'latest' } })).toThrow(/must look like 2023-01-01/);
    expect(() => mocked({ flavor: 'atlas-v2', accessListSegment: 'whitelist' })).toThrow(/only on Ops Manager/);
    expect(() => mocked({ baseUrl: 'cloud.mongodb.com?key=hunter2' })).toThrow(/^baseUrl must be an absolute http\(s\) URL/);
    expect(() => mocked({ baseUrl: 'ftp://cloud.mongodb.com' })).toThrow(/^baseUrl must be an http\(s\) URL$/);
  });

  it('uses only the origin of the base URL', async () => {
    mock = mocked({ baseUrl: 'https://atlas.test/api/atlas/v2/' });
    mock.pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}`, method: 'GET' }).reply(200, organization);
    expect(await mock.client.getOrganization(ORG)).toMatchObject({ id: ORG });
  });

  it('encodes a path segment exactly once', () => {
    expect(pathSegment('192.0.2.0/24')).toBe('192.0.2.0%2F24');
    expect(pathSegment('fe80::1')).toBe('fe80::1');
    // A pre-encoded value is taken literally: its % is encoded, never decoded and re-sent as /.
    expect(pathSegment('192.0.2.0%2F24')).toBe('192.0.2.0%252F24');
    expect(pathSegment('a?b#c')).toBe('a%3Fb%23c');
  });
});

describe('lenient reading', () => {
  it('accepts unused entries, later roles and unknown fields, and drops the unknown fields', async () => {
    mock = mocked();
    mock.pool
      .intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}`, method: 'GET' })
      .reply(200, { ...key, roles: [{ orgId: ORG, roleName: 'ORG_NEW_ROLE_2030' }], futureField: { a: 1 } });
    mock.pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}/accessList/10.0.0.0%2F8`, method: 'GET' }).reply(200, { cidrBlock: '10.0.0.0/8', count: 0, links: [] });
    mock.pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys`, method: 'GET' }).reply(200, { results: [{ id: KEY, publicKey: 'abcdefgh' }] });
    expect(await mock.client.getApiKey(ORG, KEY)).toEqual({ ...key, roles: [{ orgId: ORG, roleName: 'ORG_NEW_ROLE_2030' }] });
    expect(await mock.client.getAccessListEntry(ORG, KEY, '10.0.0.0/8')).toEqual({ cidrBlock: '10.0.0.0/8', count: 0 });
    // No roles, no description, no totalCount: still a page of keys.
    expect(await mock.client.listApiKeys(ORG)).toEqual({ results: [{ id: KEY, publicKey: 'abcdefgh', roles: [] }], hasNext: false });
  });
});
