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
});
