// Request ids, one log line per request with secrets redacted, and Prometheus metrics.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';

let sim: Simulator;
let atlas: AtlasClient;
let gateway: ReturnType<typeof createGateway>;
const lines: string[] = [];

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
  const metrics = createMetrics();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  atlas = AtlasClient.create({
    baseUrl: sim.url,
    credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey },
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    observer: metrics.observeUpstream,
  });
  gateway = createGateway({ atlas, logger: createLogger({ destination }), metrics });
});
afterAll(async () => {
  await atlas.close();
  await sim.close();
});

const post = (query: string, headers: Record<string, string> = {}) =>
  gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

describe('observability', () => {
  it('keeps a sane request id and returns it, or makes one', async () => {
    expect((await post('{ organizations { totalCount } }', { 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
    expect((await post('{ organizations { totalCount } }', { 'x-request-id': 'no spaces <allowed>' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per request, without the Authorization header or a private key', async () => {
    const canary = 'Bearer canary-secret-7f3a';
    const orgId = sim.control.seeded.orgs[0]!.id;
    const created = await post(`mutation Make { createApiKey(input: { organizationId: "${orgId}", description: "logged", roles: [ORG_MEMBER] }) { ... on CreateApiKeyPayload { privateKey } } }`, {
      authorization: canary,
      'x-request-id': 'req-make',
    });
    const privateKey = ((await created.json()) as { data: { createApiKey: { privateKey: string } } }).data.createApiKey.privateKey;
    await post(`query Missing { organization(id: "0123456789abcdef01234567") { name } }`, { 'x-request-id': 'req-missing' });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((e) => e.requestId === 'req-make')).toMatchObject({ operation: 'Make', status: 200, errorCodes: [] });
    expect(entries.find((e) => e.requestId === 'req-missing')).toMatchObject({ operation: 'Missing', errorCodes: ['NOT_FOUND'] });
    const metrics = await (await gateway.fetch('http://gateway.test/metrics')).text();
    for (const text of [lines.join('\n'), metrics]) {
      expect(text).not.toContain('canary-secret-7f3a');
      expect(text).not.toContain(privateKey);
    }
  });

  it('exposes operations, upstream calls and retries at /metrics', async () => {
    sim.control.injectFault('getOrg', { sequence: [503] });
    await post(`query Dashboard { organization(id: "${sim.control.seeded.orgs[0]!.id}") { name } }`);
    const response = await gateway.fetch('http://gateway.test/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('graphql_operations_total{operation="Dashboard",outcome="ok"} 1');
    expect(text).toMatch(/atlas_upstream_requests_total\{operation="getOrg",outcome="503"\} 1/);
    expect(text).toMatch(/atlas_upstream_retries_total\{operation="getOrg"\} 1/);
    expect(text).toContain('graphql_request_duration_seconds_bucket');
    expect(text).toMatch(/graphql_loader_loads_total\{loader="organization"\} \d+/);
    expect(text).toMatch(/graphql_loader_misses_total\{loader="organization"\} \d+/);
  });

  it('records the outcome and codes of a request refused at any stage, with the operation named where it is known', async () => {
    const send = (id: string, init: RequestInit, url = 'http://gateway.test/graphql') =>
      gateway.fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-request-id': id } });
    const json = { 'content-type': 'application/json' };
    const answers = {
      // Refused while the request is read: a GET without a CSRF header.
      csrf: await send('req-csrf', { method: 'GET' }, `http://gateway.test/graphql?${new URLSearchParams({ query: 'query Csrf { __typename }', operationName: 'Csrf' })}`),
      // Refused by the parser: only the operationName sent names it.
      syntax: await send('req-syntax', { method: 'POST', headers: json, body: JSON.stringify({ query: 'query Broken {', operationName: 'Broken' }) }),
      // Refused by validation: the document names it.
      invalid: await send('req-invalid', { method: 'POST', headers: json, body: JSON.stringify({ query: 'query Invalid { noSuchField }' }) }),
      // Refused before execution by a limit (aliases).
      deep: await send('req-deep', { method: 'POST', headers: json, body: JSON.stringify({ query: `query Deep { ${Array.from({ length: 40 }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ')} }` }) }),
      // Refused before the body is read, and refused for its media type: no GraphQL result at all.
      large: await send('req-large', { method: 'POST', headers: { ...json, 'content-length': '200000' }, body: ' '.repeat(200_000) }),
      media: await send('req-media', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' }),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([name, response]) => [name, response.status]));
    expect(statuses).toEqual({ csrf: 403, syntax: 200, invalid: 200, deep: 200, large: 413, media: 415 });
    const codeOf = async (response: Response) => ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;
    const expected = {
      'req-csrf': { operation: 'Csrf', code: await codeOf(answers.csrf) },
      'req-syntax': { operation: 'Broken', code: await codeOf(answers.syntax) },
      'req-invalid': { operation: 'Invalid', code: await codeOf(answers.invalid) },
      'req-deep': { operation: 'Deep', code: await codeOf(answers.deep) },
      'req-large': { operation: 'anonymous', code: await codeOf(answers.large) },
      'req-media': { operation: 'anonymous', code: await codeOf(answers.media) },
    };
    expect(Object.values(expected).map((e) => e.code)).toEqual(['CSRF_HEADER_REQUIRED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED', 'REQUEST_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const metrics = await (await gateway.fetch('http://gateway.test/metrics')).text();
    for (const [requestId, { operation, code }] of Object.entries(expected)) {
      expect(entries.find((e) => e.requestId === requestId), requestId).toMatchObject({ operation, errorCodes: [code] });
      if (operation !== 'anonymous') expect(metrics).toContain(`graphql_operations_total{operation="${operation}",outcome="${code}"} 1`);
    }
    expect(metrics).toContain('graphql_operations_total{operation="anonymous",outcome="REQUEST_TOO_LARGE"} 1');
    expect(metrics).toContain('graphql_operations_total{operation="anonymous",outcome="UNSUPPORTED_MEDIA_TYPE"} 1');
    expect(metrics).not.toMatch(/graphql_operations_total\{operation="(Csrf|Broken|Invalid|Deep)",outcome="ok"\}/);
  });
});
