// What Atlas clients written by others rely on: version negotiation, request media types, 204
// media types, rate limits by endpoint set and scope with their inspection endpoints,
// getProjectByName, ObjectIds that carry their creation time, and faults after a change is made.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ATLAS_ENDPOINT_SETS, createSimulator } from '../../src/simulator/index.js';
import { type Harness, V2_MEDIA_TYPE, demoOrg, fetchToken, startHarness } from './helpers.js';

const dated = (date: string) => `application/vnd.atlas.${date}+json`;
const idTime = (id: string): number => Number.parseInt(id.slice(0, 8), 16) * 1000;

let h: Harness;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  h = await startHarness();
  orgId = demoOrg(h.sim).org.id;
  otherOrgId = h.sim.control.seeded.orgs[1]!.id;
});
afterEach(() => {
  h.sim.control.clearFaults();
  h.sim.control.setRateLimit(false);
});
afterAll(() => h.sim.close());

describe('version negotiation', () => {
  it('serves the latest resource version dated on or before the requested date, and names it', async () => {
    for (const date of ['2023-01-01', '2024-08-05', '2025-03-12', '2030-01-01']) {
      const reply = await h.call('GET', `/orgs/${orgId}/apiKeys`, { headers: { accept: dated(date) } });
      expect(reply.status, date).toBe(200);
      expect(reply.headers.get('content-type')).toContain(V2_MEDIA_TYPE);
      expect(reply.json.results.length).toBeGreaterThan(0);
    }
  });

  it('takes the best of several media types, and refuses dates before the first version', async () => {
    const several = await h.call('GET', '/orgs', { headers: { accept: `${dated('2022-06-01')}, ${dated('2025-03-12')}` } });
    expect(several.status).toBe(200);
    expect((await h.call('GET', '/orgs', { headers: { accept: dated('2022-06-01') } })).json).toMatchObject({ error: 406, errorCode: 'INVALID_VERSION_DATE' });
  });

  it('serves the rate-limit inspection only from its own first version, 2025-03-12', async () => {
    expect((await h.call('GET', '/rateLimits', { headers: { accept: V2_MEDIA_TYPE } })).status).toBe(406);
    const reply = await h.call('GET', '/rateLimits', { headers: { accept: dated('2025-06-01') } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain(dated('2025-03-12'));
  });
});

describe('media types', () => {
  it('accepts a request body sent as application/json with a versioned Accept', async () => {
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, {
      body: { desc: 'plain json body', roles: ['ORG_MEMBER'] },
      headers: { accept: dated('2025-03-12'), 'content-type': 'application/json' },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ desc: 'plain json body' });
    const deleted = await h.call('DELETE', `/orgs/${orgId}/apiKeys/${created.json.id}`);
    expect(deleted.status).toBe(204);
    // The OpenAPI document declares the versioned media type on 204 answers.
    expect(deleted.headers.get('content-type')).toContain(V2_MEDIA_TYPE);
    expect(deleted.text).toBe('');
  });

  it('keeps plain JSON on a v1.0 204', async () => {
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, { flavor: 'atlas-v1', body: { desc: 'v1 key', roles: ['ORG_MEMBER'] } });
    const deleted = await h.call('DELETE', `/orgs/${orgId}/apiKeys/${created.json.id}`, { flavor: 'atlas-v1' });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('content-type') ?? '').not.toContain('vnd.atlas');
  });
});

describe('rate limits by endpoint set and scope', () => {
  it('drains one endpoint set of one organization while other sets and other organizations still answer', async () => {
    h.sim.control.setRateLimit({ capacity: 3, refillPerSecond: 0.01 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await h.call('GET', `/orgs/${orgId}/apiKeys`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(reply.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await h.call('GET', `/orgs/${orgId}/apiKeys/${demoOrg(h.sim).key('CI deployer').id}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(99);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.json).toMatchObject({ error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET', reason: 'Too Many Requests' });
    expect(limited.json.parameters[0]).toBe(`api/atlas/v2/orgs/${orgId}/apiKeys/${demoOrg(h.sim).key('CI deployer').id}`);

    // Another endpoint set of the same organization, and the same set of another organization.
    expect((await h.call('GET', `/orgs/${orgId}`)).status).toBe(200);
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${demoOrg(h.sim).key('CI deployer').id}/accessList`)).status).toBe(200);
    expect((await h.call('GET', `/orgs/${otherOrgId}/apiKeys`)).status).toBe(200);
    // v1.0 and Ops Manager calls are not rate-limited, as on Atlas.
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys`, { flavor: 'atlas-v1' })).status).toBe(200);
  });

  it('limits user-scoped sets per caller, and words the 429 as Atlas does with the atlas profile', async () => {
    h.sim.control.setRateLimit('atlas');
    for (let i = 0; i < 10; i++) expect((await h.call('GET', '/orgs')).status).toBe(200);
    const limited = await h.call('GET', '/orgs?pageNum=1');
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(59);
    expect(wait).toBeLessThanOrEqual(60);
    expect(limited.json).toEqual({
      detail: `Rate limit exceeded for api/atlas/v2/orgs. Please retry after ${wait} seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.`,
      error: 429,
      errorCode: 'RATE_LIMITED_TOKEN_BUCKET',
      parameters: ['api/atlas/v2/orgs', wait, 10, 5, 60],
      reason: 'Too Many Requests',
    });
    // Another user has a bucket of its own.
    const account = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }]);
    const token = await fetchToken(h.sim.url, account.clientId, account.clientSecret);
    expect((await h.call('GET', '/orgs', { token })).status).toBe(200);
  });

  it('describes the endpoint sets, filtered by scope, name and endpoint path', async () => {
    const accept = { accept: dated('2025-03-12') };
    const all = await h.call('GET', '/rateLimits', { headers: accept });
    expect(all.json.totalCount).toBe(ATLAS_ENDPOINT_SETS.length);
    const orgKeys = all.json.results.find((s: { endpointSetId: string }) => s.endpointSetId === 'organizationApiKeys_organization');
    expect(orgKeys).toMatchObject({ scope: 'ORGANIZATION', capacity: { value: 100 }, refillRate: { value: 100 }, refillDurationSeconds: { value: 60 } });
    expect(orgKeys.endpoints).toContainEqual({ method: 'DELETE', path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}' });
    expect(all.json.results.find((s: { endpointSetId: string }) => s.endpointSetId === 'organizations_user')).toMatchObject({
      scope: 'USER',
      capacity: { value: 10 },
      refillRate: { value: 5 },
      refillDurationSeconds: { value: 60 },
    });

    const byOrg = await h.call('GET', `/rateLimits?orgId=${orgId}`, { headers: accept });
    expect(new Set(byOrg.json.results.map((s: { scope: string }) => s.scope))).toEqual(new Set(['ORGANIZATION']));
    const byPath = await h.call('GET', `/rateLimits?endpointPath=${encodeURIComponent('/api/atlas/v2/groups/byName/{groupName}')}`, { headers: accept });
    expect(byPath.json.results.map((s: { endpointSetId: string }) => s.endpointSetId)).toEqual(['projects_user']);
    const byName = await h.call('GET', '/rateLimits?name=Project%20API%20Keys&name=Organizations', { headers: accept });
    expect(byName.json.results.map((s: { endpointSetId: string }) => s.endpointSetId).sort()).toEqual(['organizations_user', 'projectApiKeys_group']);

    const one = await h.call('GET', '/rateLimits/projectApiKeys_group', { headers: accept });
    expect(one.json).toMatchObject({ endpointSetId: 'projectApiKeys_group', scope: 'GROUP' });
    expect((await h.call('GET', '/rateLimits/nope_group', { headers: accept })).json).toMatchObject({ error: 404, errorCode: 'RESOURCE_NOT_FOUND' });

    // A caller may ask only about what it may see: its own organization, its own user id.
    const account = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_READ_ONLY' }]);
    const token = await fetchToken(h.sim.url, account.clientId, account.clientSecret);
    expect((await h.call('GET', `/rateLimits?orgId=${orgId}`, { headers: accept, token })).status).toBe(200);
    expect((await h.call('GET', `/rateLimits?orgId=${otherOrgId}`, { headers: accept, token })).status).toBe(401);
    expect((await h.call('GET', `/rateLimits?userId=${account.clientId}`, { headers: accept, token })).status).toBe(200);
    expect((await h.call('GET', '/rateLimits?userId=someone-else', { headers: accept, token })).status).toBe(401);
  });

  it('reports the configured numbers of a custom profile', async () => {
    h.sim.control.setRateLimit({
      endpointSets: [{ ...ATLAS_ENDPOINT_SETS.find((s) => s.endpointSetId === 'project_group')!, limit: { capacity: 1, refillRate: 1, refillDurationSeconds: 30 } }],
    });
    const groupId = demoOrg(h.sim).project('Production').id;
    expect((await h.call('GET', `/groups/${groupId}`)).status).toBe(200);
    const limited = await h.call('GET', `/groups/${groupId}`);
    expect(limited.json.parameters.slice(2)).toEqual([1, 1, 30]);
    // Operations in no configured set are not limited.
    expect((await h.call('GET', '/orgs')).status).toBe(200);
    expect(() => h.sim.control.setRateLimit({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
  });
});

describe('getProjectByName', () => {
  it('finds a project by its exact name, within what the caller may see', async () => {
    const production = demoOrg(h.sim).project('Production');
    const found = await h.call('GET', '/groups/byName/Production');
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ id: production.id, name: 'Production', orgId });
    expect((await h.call('GET', '/groups/byName/Production', { flavor: 'ops-manager' })).json.id).toBe(production.id);
    expect((await h.call('GET', '/groups/byName/production')).json).toMatchObject({ error: 404, errorCode: 'GROUP_NAME_NOT_FOUND' });
    expect((await h.call('GET', `/groups/byName/${'x'.repeat(65)}`)).json).toMatchObject({ error: 400, errorCode: 'PATH_PARAM_PARSE_ERROR' });
    const outsider = h.sim.control.createServiceAccount([{ orgId: otherOrgId, roleName: 'ORG_MEMBER' }]);
    const token = await fetchToken(h.sim.url, outsider.clientId, outsider.clientSecret);
    expect((await h.call('GET', '/groups/byName/Production', { token })).status).toBe(401);
  });
});

describe('ObjectIds', () => {
  it('gives created resources ids that carry their creation time', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'timed', roles: ['ORG_MEMBER'] } });
    const after = Date.now();
    expect(idTime(created.json.id)).toBeGreaterThanOrEqual(before);
    expect(idTime(created.json.id)).toBeLessThanOrEqual(after);
    const second = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'timed 2', roles: ['ORG_MEMBER'] } });
    expect(second.json.id).not.toBe(created.json.id);
    // Same process part, counter one higher (ids sort in creation order within a second).
    expect(second.json.id.slice(8, 18)).toBe(created.json.id.slice(8, 18));
  });

  it('gives seeded resources their seeded creation dates, deterministically', async () => {
    const project = (await h.call('GET', `/groups/${demoOrg(h.sim).project('Analytics').id}`)).json;
    expect(idTime(project.id)).toBe(Date.parse(project.created));
    expect(new Date(idTime(demoOrg(h.sim).key('Terraform automation').id)).toISOString()).toBe('2024-02-20T09:30:00.000Z');
    const again = await createSimulator({ seed: 'demo' });
    try {
      expect(again.control.seeded).toEqual(h.sim.control.seeded);
    } finally {
      await again.close();
    }
  });
});

describe('faults after the change is made', () => {
  it('resets the connection after deleting a key', async () => {
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'doomed', roles: ['ORG_MEMBER'] } });
    h.sim.control.injectFault('deleteOrgApiKey', { sequence: ['reset-after-apply'] });
    await expect(h.call('DELETE', `/orgs/${orgId}/apiKeys/${created.json.id}`)).rejects.toThrow();
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${created.json.id}`)).status).toBe(404);
    expect(h.sim.control.requests().filter((r) => r.operation === 'deleteOrgApiKey').at(-1)?.status).toBe('reset');
  });

  it('answers 500 after creating a key, which exists', async () => {
    h.sim.control.injectFault('createOrgApiKey', { sequence: ['500-after-apply'] });
    const failed = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'created despite 500', roles: ['ORG_MEMBER'] } });
    expect(failed.json).toMatchObject({ error: 500, errorCode: 'UNEXPECTED_ERROR' });
    const keys = (await h.call('GET', `/orgs/${orgId}/apiKeys`)).json.results as Array<{ desc: string }>;
    expect(keys.filter((k) => k.desc === 'created despite 500')).toHaveLength(1);
  });

  it('truncates the answer after adding access list entries, which are listed', async () => {
    const keyId = demoOrg(h.sim).key('Billing export').id;
    h.sim.control.injectFault('createOrgApiKeyAccessListEntry', { probability: 1, kind: 'truncated-after-apply' });
    const reply = await h.call('POST', `/orgs/${orgId}/apiKeys/${keyId}/accessList`, { body: [{ ipAddress: '2001:db8::7' }] });
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
    h.sim.control.clearFaults();
    // IPv6 is stored and returned in the full eight-group form the response pattern admits.
    const listed = await h.call('GET', `/orgs/${orgId}/apiKeys/${keyId}/accessList`);
    expect(listed.json.results).toContainEqual(expect.objectContaining({ ipAddress: '2001:db8:0:0:0:0:0:7', cidrBlock: '2001:db8:0:0:0:0:0:7/128' }));
  });

  it('stalls after unassigning a key from a project, which is unassigned', async () => {
    const { key, project } = demoOrg(h.sim);
    const keyId = key('Data team ETL').id;
    const groupId = project('Analytics').id;
    h.sim.control.injectFault('removeGroupApiKey', { sequence: ['stall-after-apply'] });
    const stalled = fetch(`${h.sim.url}/api/atlas/v2/groups/${groupId}/apiKeys/${keyId}`, {
      method: 'DELETE',
      headers: { accept: V2_MEDIA_TYPE, authorization: `Bearer ${h.adminToken}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(stalled).rejects.toThrow(/abort|timeout/i);
    const roles = (await h.call('GET', `/orgs/${orgId}/apiKeys/${keyId}`)).json.roles as Array<{ groupId?: string }>;
    expect(roles.some((r) => r.groupId === groupId)).toBe(false);
  });

  it('leaves the change undone with the same fault before it', async () => {
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'survivor', roles: ['ORG_MEMBER'] } });
    h.sim.control.injectFault('deleteOrgApiKey', { sequence: ['reset'] });
    await expect(h.call('DELETE', `/orgs/${orgId}/apiKeys/${created.json.id}`)).rejects.toThrow();
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${created.json.id}`)).status).toBe(200);
  });
});
