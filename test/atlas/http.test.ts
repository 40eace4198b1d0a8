// Transport behaviour: retries and their limits, writes that must not repeat, timeouts, the
// concurrency cap, keep-alive, and typed errors. Faults come from MockAgent or small local servers.
import { inspect } from 'node:util';
import { Agent, errors as undiciErrors } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AtlasApiError,
  AtlasClient,
  type AtlasClientOptions,
  AtlasNetworkError,
  AtlasResponseError,
  AtlasTimeoutError,
  type UpstreamEvent,
  isNotFound,
  isRateLimited,
  MemoryStore,
  SharedReads,
  settlingCalls,
} from '../../src/atlas/index.js';
import { FAST_RETRY, KEY, type LocalServer, type Mocked, ORG, everythingShown, failure, listen, mocked } from './helpers.js';

const ORG_PATH = `/api/atlas/v2/orgs/${ORG}`;
const org = { id: ORG, name: 'Acme' };
const apiKey = { id: KEY, desc: 'k', publicKey: 'abcdefgh', roles: [] };

let mock: Mocked | undefined;
let servers: LocalServer[] = [];
let clients: AtlasClient[] = [];
afterEach(async () => {
  await mock?.agent.close();
  mock = undefined;
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  clients = [];
  servers = [];
});

function track(client: AtlasClient): AtlasClient {
  clients.push(client);
  return client;
}

const outcomes = (events: UpstreamEvent[]) => events.map((e) => e.outcome);

describe('retries of reads', () => {
  it('retries a GET on 429, 500, 502, 503 and 504 until it succeeds', async () => {
    mock = mocked({ retry: { ...FAST_RETRY, maxAttempts: 6 } });
    for (const status of [429, 500, 502, 503, 504]) {
      mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(status, { error: status, errorCode: 'X' }, { headers: { 'retry-after': '0' } });
    }
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(200, org);
    expect(await mock.client.getOrganization(ORG)).toEqual(org);
    expect(outcomes(mock.events)).toEqual([429, 500, 502, 503, 504, 200]);
    expect(mock.events.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not retry other statuses', async () => {
    mock = mocked();
    for (const status of [400, 401, 403, 404, 409, 501]) {
      mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(status, { error: status, errorCode: `E_${status}` });
      const error = await failure(mock.client.getOrganization(ORG));
      expect(error).toMatchObject({ status, errorCode: `E_${status}` });
    }
    expect(mock.events).toHaveLength(6);
  });

  it('retries a GET on network errors and timeouts', async () => {
    mock = mocked();
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).replyWithError(new undiciErrors.SocketError('other side closed'));
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).replyWithError(new undiciErrors.HeadersTimeoutError());
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(200, org);
    expect(await mock.client.getOrganization(ORG)).toEqual(org);
    expect(outcomes(mock.events)).toEqual(['UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'ECONNRESET', 200]);
  });

  it('does not retry a failure another try cannot fix', async () => {
    mock = mocked();
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).replyWithError(new undiciErrors.InvalidArgumentError('invalid header'));
    expect(await failure(mock.client.getOrganization(ORG))).toMatchObject({ name: 'AtlasNetworkError', code: 'UND_ERR_INVALID_ARG' });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).replyWithError(new Error('no code at all'));
    expect(await failure(mock.client.getOrganization(ORG))).toMatchObject({ name: 'AtlasNetworkError', code: 'UNKNOWN' });
    expect(mock.events).toHaveLength(2);
  });

  it('waits at least as long as Retry-After says', async () => {
    mock = mocked();
    const stamps: number[] = [];
    mock.client = track(
      AtlasClient.create({ baseUrl: 'https://atlas.test', dispatcher: mock.agent, retry: FAST_RETRY, observer: (e) => stamps.push(performance.now() - (e.outcome === 200 ? e.durationMs : 0)) }),
    );
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(429, { error: 429, errorCode: 'RATE_LIMITED' }, { headers: { 'retry-after': '1' } });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(200, org);
    await mock.client.getOrganization(ORG);
    expect(stamps).toHaveLength(2);
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(995);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    mock = mocked();
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(503, '', { headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() } });
    const error = await failure(mock.client.getOrganization(ORG));
    // 60 s is past the 5 s deadline: no retry, and the hint is kept for the caller.
    expect(error).toMatchObject({ status: 503, errorCode: 'HTTP_503' });
    expect((error as AtlasApiError).retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(mock.events).toHaveLength(1);
  });

  it('stops when Retry-After would pass the deadline', async () => {
    mock = mocked({ retry: { ...FAST_RETRY, deadlineMs: 500 } });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(429, { error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET' }, { headers: { 'retry-after': '30' } });
    const error = await failure(mock.client.getOrganization(ORG));
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 30 });
    expect(isRateLimited(error)).toBe(true);
    expect(mock.events).toHaveLength(1);
  });

  it('stops after the last attempt with the last answer', async () => {
    mock = mocked({ retry: { ...FAST_RETRY, maxAttempts: 2 } });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(503, { error: 503, errorCode: 'SERVICE_UNAVAILABLE' }).times(3);
    const error = await failure(mock.client.getOrganization(ORG));
    expect(error).toMatchObject({ status: 503, errorCode: 'SERVICE_UNAVAILABLE', operation: 'getOrg' });
    expect(mock.events).toHaveLength(2);
  });

  it('keeps retrying network failures only until the deadline', async () => {
    mock = mocked({ retry: { maxAttempts: 10_000, baseDelayMs: 10, maxDelayMs: 10, deadlineMs: 150 } });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).persist();
    const error = await failure(mock.client.getOrganization(ORG));
    expect(error).toMatchObject({ name: 'AtlasNetworkError', code: 'ECONNRESET' });
    expect(mock.events.length).toBeGreaterThan(1);
    expect(mock.events.length).toBeLessThan(10_000);
  });
});

describe('writes', () => {
  const create = (m: Mocked) => m.client.createApiKey(ORG, { description: 'k', roles: ['ORG_MEMBER'] });
  const KEYS_PATH = `${ORG_PATH}/apiKeys`;

  it('never retries a write that got an answer, whatever the status', async () => {
    mock = mocked();
    for (const status of [429, 500, 503]) {
      mock.pool.intercept({ path: KEYS_PATH, method: 'POST' }).reply(status, { error: status, errorCode: 'X' }, { headers: { 'retry-after': '0' } });
      expect(await failure(create(mock))).toMatchObject({ status });
    }
    expect(outcomes(mock.events)).toEqual([429, 500, 503]);
  });

  it('retries a 429 on a write only where it settles an earlier write (a 429 applied nothing)', async () => {
    mock = mocked({ sharedReads: new SharedReads({ store: new MemoryStore(), ttlSeconds: 30, maxStaleSeconds: 300 }) });
    const path = `${KEYS_PATH}/${KEY}`;
    const limited = () => mock!.pool.intercept({ path, method: 'DELETE' }).reply(429, { error: 429, errorCode: 'RATE_LIMITED' }, { headers: { 'retry-after': '0' } });
    limited();
    expect(await failure(mock.client.deleteApiKey(ORG, KEY))).toMatchObject({ status: 429 });
    limited();
    mock.pool.intercept({ path, method: 'DELETE' }).reply(204, '');
    await settlingCalls(() => mock!.client.deleteApiKey(ORG, KEY));
    expect(outcomes(mock.events)).toEqual([429, 429, 204]);
  });

  it('never retries a write that failed after its connection was made', async () => {
    mock = mocked();
    const failures = [
      new undiciErrors.SocketError('other side closed'),
      new undiciErrors.HeadersTimeoutError(),
      Object.assign(new Error('reset'), { code: 'ECONNRESET', syscall: 'read' }),
      // Unreachable on an open connection is not proof that nothing was sent.
      Object.assign(new Error('unreachable'), { code: 'EHOSTUNREACH', syscall: 'write' }),
    ];
    for (const error of failures) mock.pool.intercept({ path: `${KEYS_PATH}/${KEY}`, method: 'DELETE' }).replyWithError(error);
    const thrown = [];
    for (let i = 0; i < failures.length; i++) thrown.push(await failure(mock.client.deleteApiKey(ORG, KEY)));
    expect(thrown.map((e) => e.name)).toEqual(['AtlasNetworkError', 'AtlasTimeoutError', 'AtlasNetworkError', 'AtlasNetworkError']);
    expect(thrown[1]).toMatchObject({ phase: 'headers' });
    expect(outcomes(mock.events)).toEqual(['UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'ECONNRESET', 'EHOSTUNREACH']);
  });

  it('retries a write whose connection could not be made', async () => {
    mock = mocked();
    mock.pool.intercept({ path: KEYS_PATH, method: 'POST' }).replyWithError(new undiciErrors.ConnectTimeoutError());
    mock.pool.intercept({ path: KEYS_PATH, method: 'POST' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED', syscall: 'connect' }));
    mock.pool.intercept({ path: KEYS_PATH, method: 'POST' }).replyWithError(Object.assign(new Error('no such host'), { code: 'ENOTFOUND', syscall: 'getaddrinfo' }));
    mock.pool.intercept({ path: KEYS_PATH, method: 'POST' }).reply(200, apiKey);
    expect(await create(mock)).toMatchObject({ id: KEY });
    expect(outcomes(mock.events)).toEqual(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'ENOTFOUND', 200]);
  });

  it('retries a write on a refused connection, for real, and reports the last failure', async () => {
    const closed = await listen(() => undefined);
    await closed.close();
    const events: UpstreamEvent[] = [];
    const atlas = track(AtlasClient.create({ baseUrl: closed.url, retry: { ...FAST_RETRY, maxAttempts: 3 }, observer: (e) => events.push(e) }));
    const error = await failure(atlas.createApiKey(ORG, { description: 'k', roles: ['ORG_MEMBER'] }));
    expect(error).toBeInstanceOf(AtlasNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', operation: 'createOrgApiKey' });
    expect(events.map((e) => [e.attempt, e.outcome])).toEqual([
      [1, 'ECONNREFUSED'],
      [2, 'ECONNREFUSED'],
      [3, 'ECONNREFUSED'],
    ]);
  });
});

describe('timeouts', () => {
  /** A server that answers `/stall` with nothing, `/slow-body` with headers and half a body, and counts. */
  async function stallingServer() {
    const hits: string[] = [];
    const server = await listen((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url!.includes('slow-body')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id": "');
      }
    });
    servers.push(server);
    return { ...server, hits };
  }

  const client = (url: string, options: Partial<AtlasClientOptions>) => track(AtlasClient.create({ baseUrl: url, retry: FAST_RETRY, ...options }));

  it('times out waiting for headers, retrying a read', async () => {
    const server = await stallingServer();
    const atlas = client(server.url, { headersTimeoutMs: 100, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const error = await failure(atlas.getOrganization('stall'));
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error).toMatchObject({ phase: 'headers', operation: 'getOrg', path: '/api/atlas/v2/orgs/stall' });
    expect(server.hits).toHaveLength(2);
  });

  it('times out waiting for the body', async () => {
    const server = await stallingServer();
    const atlas = client(server.url, { bodyTimeoutMs: 100, retry: { ...FAST_RETRY, maxAttempts: 1 } });
    expect(await failure(atlas.getOrganization('slow-body'))).toMatchObject({ name: 'AtlasTimeoutError', phase: 'body' });
  });

  it('times out a write once, without sending it again', async () => {
    const server = await stallingServer();
    const atlas = client(server.url, { headersTimeoutMs: 100 });
    expect(await failure(atlas.updateApiKey('stall', KEY, { description: 'x' }))).toMatchObject({ name: 'AtlasTimeoutError', phase: 'headers' });
    expect(server.hits).toEqual([`PATCH /api/atlas/v2/orgs/stall/apiKeys/${KEY}`]);
  });
});

describe('connections', () => {
  /** A server that holds each answer for a while and records the most requests it had at once. */
  async function countingServer() {
    const stats = { inFlight: 0, most: 0, connections: 0 };
    const server = await listen((_req, res) => {
      stats.inFlight += 1;
      stats.most = Math.max(stats.most, stats.inFlight);
      setTimeout(() => {
        stats.inFlight -= 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(org));
      }, 15);
    });
    server.server.on('connection', () => (stats.connections += 1));
    servers.push(server);
    return { ...server, stats };
  }

  it('caps requests in flight', async () => {
    const server = await countingServer();
    const atlas = track(AtlasClient.create({ baseUrl: server.url, maxConcurrency: 3 }));
    await Promise.all(Array.from({ length: 20 }, () => atlas.getOrganization(ORG)));
    expect(server.stats.most).toBe(3);
  });

  it('caps requests in flight with an injected dispatcher too', async () => {
    const server = await countingServer();
    const agent = new Agent({ connections: 50 });
    try {
      const atlas = track(AtlasClient.create({ baseUrl: server.url, dispatcher: agent, maxConcurrency: 2 }));
      await Promise.all(Array.from({ length: 12 }, () => atlas.getOrganization(ORG)));
      expect(server.stats.most).toBe(2);
    } finally {
      await agent.close();
    }
  });

  it('keeps one connection alive for sequential calls', async () => {
    const server = await countingServer();
    const atlas = track(AtlasClient.create({ baseUrl: server.url }));
    for (let i = 0; i < 10; i++) await atlas.getOrganization(ORG);
    expect(server.stats.connections).toBe(1);
  });
});

describe('responses and errors', () => {
  it('keeps every field of an Atlas error', async () => {
    mock = mocked();
    const body = {
      error: 400,
      errorCode: 'INVALID_ATTRIBUTE',
      detail: 'Invalid attribute desc specified.',
      reason: 'Bad Request',
      parameters: ['desc'],
      badRequestDetail: { fields: [{ field: 'desc', description: 'too long' }] },
    };
    mock.pool.intercept({ path: `${ORG_PATH}/apiKeys`, method: 'POST' }).reply(400, body);
    const error = await failure(mock.client.createApiKey(ORG, { description: 'x'.repeat(300), roles: ['ORG_MEMBER'] }));
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: 'INVALID_ATTRIBUTE',
      detail: body.detail,
      reason: 'Bad Request',
      parameters: ['desc'],
      badRequestDetail: body.badRequestDetail,
      operation: 'createOrgApiKey',
      path: `${ORG_PATH}/apiKeys`,
    });
    expect(error.message).toBe(`createOrgApiKey (${ORG_PATH}/apiKeys) failed: 400 INVALID_ATTRIBUTE: Invalid attribute desc specified.`);
    expect(isNotFound(error)).toBe(false);
  });

  it('reads an error body that is not JSON', async () => {
    mock = mocked({ retry: { ...FAST_RETRY, maxAttempts: 1 } });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(502, '<html>Bad Gateway</html>', { headers: { 'content-type': 'text/html' } });
    expect(await failure(mock.client.getOrganization(ORG))).toMatchObject({ status: 502, errorCode: 'HTTP_502', detail: undefined });
  });

  it('treats 404 and a 400 *_NOT_FOUND as not found', async () => {
    mock = mocked();
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(404, { error: 404, errorCode: 'RESOURCE_NOT_FOUND' });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(400, { error: 400, errorCode: 'API_KEY_NOT_FOUND' });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(400, { error: 400, errorCode: 'PATH_PARAM_PARSE_ERROR' });
    const found = [];
    for (let i = 0; i < 3; i++) found.push(isNotFound(await failure(mock.client.getOrganization(ORG))));
    expect(found).toEqual([true, true, false]);
    expect(isNotFound(new Error('404'))).toBe(false);
  });

  it('refuses a success body that is not JSON, or not the shape, without quoting it', async () => {
    mock = mocked();
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(200, '{"id": "abc", "name": ');
    expect(await failure(mock.client.getOrganization(ORG))).toMatchObject({ name: 'AtlasResponseError', operation: 'getOrg', problem: 'the body is not JSON' });

    mock.pool.intercept({ path: `${ORG_PATH}/apiKeys/${KEY}`, method: 'GET' }).reply(200, { id: KEY, publicKey: 12345678, privateKey: 'f00dfeed-0000-4000-8000-123456789abc' });
    const error = await failure(mock.client.getApiKey(ORG, KEY));
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect((error as AtlasResponseError).problem).toMatch(/^publicKey: /);
    expect(everythingShown(error)).not.toContain('12345678');
    expect(everythingShown(error)).not.toContain('123456789abc');
  });

  it('sends exactly one Authorization header with a bearer view, and none without credentials', async () => {
    mock = mocked({ credentials: { kind: 'digest', publicKey: 'pub', privateKey: 'priv' } });
    const seen: Array<Record<string, string>> = [];
    mock.pool
      .intercept({ path: ORG_PATH, method: 'GET' })
      .reply(200, (options) => (seen.push(options.headers as Record<string, string>), org))
      .times(2);
    await mock.client.withBearer('caller-token.abc').getOrganization(ORG);
    const anonymous = track(AtlasClient.create({ baseUrl: 'https://atlas.test', dispatcher: mock.agent }));
    await anonymous.getOrganization(ORG);
    const authorization = (headers: Record<string, string>) => Object.entries(headers).filter(([name]) => name.toLowerCase() === 'authorization');
    expect(authorization(seen[0]!)).toEqual([['authorization', 'Bearer caller-token.abc']]);
    expect(authorization(seen[1]!)).toEqual([]);
  });

  it('refuses a bearer token that could not be a header, without quoting it', () => {
    mock = mocked();
    let error: unknown;
    try {
      mock.client.withBearer('abc\r\nx-injected: yes');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain('x-injected');
  });

  it('shows no secret when the client is inspected or serialized', () => {
    const secrets = ['priv-4b5a-4968-8776-a5b4c3d2e1f0', 'mdb_sa_sk_client-secret', 'caller-bearer-token'];
    const digest = track(AtlasClient.create({ baseUrl: 'https://atlas.test', credentials: { kind: 'digest', publicKey: 'pub', privateKey: secrets[0]! } }));
    const account = track(
      AtlasClient.create({ baseUrl: 'https://atlas.test', credentials: { kind: 'serviceAccount', clientId: 'id', clientSecret: secrets[1]! } }),
    );
    const shown = [digest, account, digest.withBearer(secrets[2]!)].map((c) => `${inspect(c, { depth: 20, showHidden: true })}${JSON.stringify(c)}`).join('\n');
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });

  it('answers even when the observer throws', async () => {
    mock = mocked({
      observer: () => {
        throw new Error('observer bug');
      },
    });
    mock.pool.intercept({ path: ORG_PATH, method: 'GET' }).reply(200, org);
    expect(await mock.client.getOrganization(ORG)).toEqual(org);
  });
});

describe('error text', () => {
  it('names the operation and path, and nothing of the request', () => {
    const error = new AtlasApiError({ status: 401, body: { errorCode: 'USER_UNAUTHORIZED' }, operation: 'listOrgs', path: '/api/atlas/v2/orgs' });
    expect(everythingShown(error)).not.toMatch(/authorization|digest|bearer/i);
    expect(error.message).toBe('listOrgs (/api/atlas/v2/orgs) failed: 401 USER_UNAUTHORIZED');
  });
});
