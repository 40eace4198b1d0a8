// What the client tells about a write that failed: whether Atlas may have applied it.
import { afterEach, describe, expect, it } from 'vitest';
import {
  AtlasApiError,
  AtlasCallCancelledError,
  AtlasNetworkError,
  AtlasResponseError,
  AtlasTimeoutError,
  mayHaveBeenApplied,
  objectIdTime,
} from '../../src/atlas/index.js';
import { atlasAddressForm } from '../../src/atlas/client.js';
import { presentedAddress } from '../../src/graph/inputs.js';
import { KEY, type Mocked, ORG, failure, mocked } from './helpers.js';

const KEY_PATH = `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}`;
let mock: Mocked | undefined;
afterEach(async () => {
  await mock?.agent.close();
  mock = undefined;
});

describe('ObjectId times', () => {
  it('reads the creation time in the first four bytes, to the second', () => {
    expect(objectIdTime('692b5b80aa00bb11cc22dd33')?.toISOString()).toBe('2025-11-29T20:45:52.000Z');
    expect(objectIdTime('00000000aa00bb11cc22dd33')?.getTime()).toBe(0);
    expect(objectIdTime('not an object id')).toBeUndefined();
  });
});

describe('whether a failed write may have been applied', () => {
  const api = (status: number, operation = 'createOrgApiKey') => new AtlasApiError({ status, body: { errorCode: 'X' }, operation, path: '/p' });
  it.each([
    ['a 5xx answer', api(500), true],
    ['a 503 answer', api(503), true],
    ['a timeout after the request was written', new AtlasTimeoutError('createOrgApiKey', '/p', 'headers'), true],
    ['a connection reset', new AtlasNetworkError('createOrgApiKey', '/p', 'UND_ERR_SOCKET'), true],
    ['a 2xx whose body cannot be read', new AtlasResponseError('createOrgApiKey', '/p', 'the body is not JSON'), true],
    ['a refusal (4xx)', api(409), false],
    ['a rate limit', api(429), false],
    ['a failed token request (the write was never sent)', api(503, 'createOAuthToken'), false],
    ['a connect timeout', new AtlasTimeoutError('createOrgApiKey', '/p', 'connect'), false],
    ['a refused connection', new AtlasNetworkError('createOrgApiKey', '/p', 'ECONNREFUSED'), false],
    ['a call not started', new AtlasCallCancelledError('createOrgApiKey', '/p'), false],
  ])('%s: %s', (_name, error, expected) => {
    expect(mayHaveBeenApplied(error)).toBe(expected);
  });

  it('takes a 2xx with a body cut short as unreadable, even for an operation without a result', async () => {
    mock = mocked();
    mock.pool.intercept({ path: KEY_PATH, method: 'DELETE' }).reply(200, '{"results": [{"id": ');
    expect(await failure(mock.client.deleteApiKey(ORG, KEY))).toMatchObject({ name: 'AtlasResponseError', operation: 'deleteOrgApiKey' });
    mock.pool.intercept({ path: KEY_PATH, method: 'DELETE' }).reply(204, '');
    await expect(mock.client.deleteApiKey(ORG, KEY)).resolves.toBeUndefined();
    mock.pool.intercept({ path: KEY_PATH, method: 'DELETE' }).reply(202, '{}');
    await expect(mock.client.deleteApiKey(ORG, KEY)).resolves.toBeUndefined();
  });
});

describe('addresses', () => {
  it('sends IPv6 to Atlas as eight groups, and presents it in RFC 5952 form', () => {
    expect(atlasAddressForm('2001:DB8::7')).toBe('2001:db8:0:0:0:0:0:7');
    expect(atlasAddressForm('::/0')).toBe('0:0:0:0:0:0:0:0/0');
    expect(atlasAddressForm('203.0.113.7/32')).toBe('203.0.113.7/32');
    expect(presentedAddress('2001:db8:0:0:0:0:0:7')).toBe('2001:db8::7');
    expect(presentedAddress('0:0:0:0:0:0:0:0/0')).toBe('::/0');
    expect(presentedAddress('2001:db8:0:0:1:0:0:0/80')).toBe('2001:db8:0:0:1::/80');
    expect(presentedAddress('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1');
    expect(presentedAddress('10.0.0.1/24')).toBe('10.0.0.1/24');
  });

  it('sends IPv6 entries in bodies as eight groups, the only IPv6 form Atlas admits for ipAddress', async () => {
    mock = mocked();
    let sent = '';
    mock.pool
      .intercept({ path: `${KEY_PATH}/accessList`, method: 'POST', body: (body) => ((sent = body), true) })
      .reply(200, { results: [], totalCount: 0 });
    await mock.client.addAccessListEntries(ORG, KEY, [{ ipAddress: '2001:db8::7' }, { cidrBlock: '2001:db8::/32' }, { ipAddress: '203.0.113.7' }]);
    expect(JSON.parse(sent)).toEqual([{ ipAddress: '2001:db8:0:0:0:0:0:7' }, { cidrBlock: '2001:db8:0:0:0:0:0:0/32' }, { ipAddress: '203.0.113.7' }]);
  });

  it('addresses an IPv6 entry in a path as Atlas stores it', async () => {
    mock = mocked();
    mock.pool.intercept({ path: `${KEY_PATH}/accessList/2001:db8:0:0:0:0:0:0%2F32`, method: 'DELETE' }).reply(204, '');
    await expect(mock.client.deleteAccessListEntry(ORG, KEY, '2001:db8::/32')).resolves.toBeUndefined();
  });
});
