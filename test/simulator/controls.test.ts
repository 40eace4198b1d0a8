import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { type Harness, V2_MEDIA_TYPE, demoOrg, fetchToken, startHarness } from './helpers.js';

let h: Harness;
let orgId: string;

beforeAll(async () => {
  h = await startHarness();
  orgId = demoOrg(h.sim).org.id;
});
afterEach(() => {
  h.sim.control.clearFaults();
  h.sim.control.setRateLimit(false);
  h.sim.control.setLatency(0);
});
afterAll(() => h.sim.close());

describe('fault injection', () => {
  it('plays a scripted sequence of statuses, then answers normally', async () => {
    h.sim.control.injectFault('getOrg', { sequence: [429, 500, 503, 'ok', 500] });
    const limited = await h.call('GET', `/orgs/${orgId}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json).toMatchObject({ error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET' });
    expect((await h.call('GET', `/orgs/${orgId}`)).json).toMatchObject({ error: 500, errorCode: 'UNEXPECTED_ERROR' });
    const unavailable = await h.call('GET', `/orgs/${orgId}`);
    expect(unavailable.json).toMatchObject({ error: 503, errorCode: 'SERVICE_UNAVAILABLE' });
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect((await h.call('GET', `/orgs/${orgId}`)).status).toBe(200);
    expect((await h.call('GET', `/orgs/${orgId}`)).status).toBe(500);
    expect((await h.call('GET', `/orgs/${orgId}`)).status).toBe(200);
    // Other operations are untouched.
    expect((await h.call('GET', '/orgs')).status).toBe(200);
  });

  it('does not spend a step of the sequence on unauthenticated requests', async () => {
    h.sim.control.injectFault('listOrgs', { sequence: [503] });
    expect((await h.call('GET', '/orgs', { token: null })).status).toBe(401);
    expect((await h.call('GET', '/orgs')).status).toBe(503);
  });

  it('resets the connection', async () => {
    h.sim.control.resetStats();
    h.sim.control.injectFault('listOrgs', { sequence: ['reset'] });
    await expect(h.call('GET', '/orgs')).rejects.toThrow();
    expect(h.sim.control.stats().operations.listOrgs?.byStatus).toEqual({ reset: 1 });
    expect((await h.call('GET', '/orgs')).status).toBe(200);
  });

  it('stalls without answering until the client gives up', async () => {
    h.sim.control.injectFault('listOrgs', { sequence: ['stall'] });
    const started = fetch(`${h.sim.url}/api/atlas/v2/orgs`, {
      headers: { accept: V2_MEDIA_TYPE, authorization: `Bearer ${h.adminToken}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(started).rejects.toThrow(/abort|timeout/i);
    expect(h.sim.control.requests().at(-1)).toMatchObject({ operation: 'listOrgs', status: 'stall' });
  });

  it('sends malformed JSON with a success status', async () => {
    h.sim.control.injectFault('listOrgApiKeys', { sequence: ['malformed-json'] });
    const reply = await h.call('GET', `/orgs/${orgId}/apiKeys`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain(V2_MEDIA_TYPE);
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  it('applies a fault with a probability, to one operation or to all', async () => {
    h.sim.control.injectFault('*', { probability: 1, kind: 503 });
    expect((await h.call('GET', '/groups')).status).toBe(503);
    expect((await h.call('GET', `/orgs/${orgId}`)).status).toBe(503);
    h.sim.control.injectFault('*', { probability: 0, kind: 503 });
    expect((await h.call('GET', '/groups')).status).toBe(200);
    expect(() => h.sim.control.injectFault('getOrg', { probability: 2, kind: 500 })).toThrow(RangeError);
  });
});

describe('latency, rate limits and counters', () => {
  it('adds a fixed latency to every request', async () => {
    h.sim.control.setLatency(120);
    const started = performance.now();
    await h.call('GET', `/orgs/${orgId}`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('limits each caller with its own token bucket', async () => {
    h.sim.control.setRateLimit({ capacity: 2, refillPerSecond: 0.5 });
    const first = await h.call('GET', '/orgs');
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await h.call('GET', '/orgs')).headers.get('ratelimit-remaining')).toBe('0');
    const limited = await h.call('GET', '/orgs');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.json).toMatchObject({ errorCode: 'RATE_LIMITED_TOKEN_BUCKET', parameters: ['api/atlas/v2/orgs', 2, 2, 0.5, 1] });
    expect(limited.json.detail).toBe('Rate limit exceeded for api/atlas/v2/orgs. Please retry after 2 seconds. Request capacity: 2. Refill rate: 0.5 per 1 seconds.');
    const account = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }]);
    const token = await fetchToken(h.sim.url, account.clientId, account.clientSecret);
    expect((await h.call('GET', '/orgs', { token })).status).toBe(200);
    h.sim.control.setRateLimit(false);
    expect((await h.call('GET', '/orgs')).status).toBe(200);
  });

  it('counts requests per operation and status, and logs how each was authenticated', async () => {
    h.sim.control.resetStats();
    await h.call('GET', '/orgs');
    await h.call('GET', '/orgs', { token: null });
    await h.call('GET', '/orgs/0123456789abcdef01234567');
    const stats = h.sim.control.stats();
    expect(stats.requests).toBe(3);
    expect(stats.challenges).toBe(1);
    expect(stats.operations.listOrgs).toEqual({ total: 2, byStatus: { '200': 1, '401': 1 } });
    expect(stats.operations.getOrg).toEqual({ total: 1, byStatus: { '404': 1 } });
    expect(h.sim.control.requests().map((r) => [r.operation, r.auth, r.authorizationHeaders])).toEqual([
      ['listOrgs', 'bearer', 1],
      ['listOrgs', 'none', 0],
      ['getOrg', 'bearer', 1],
    ]);
    h.sim.control.resetStats();
    expect(h.sim.control.stats()).toMatchObject({ requests: 0, operations: {} });
  });
});

describe('state and robustness', () => {
  it('resets to the same seed with the same ids', async () => {
    const before = h.sim.control.seeded;
    const created = await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'temporary', roles: ['ORG_MEMBER'] } });
    h.sim.control.reset();
    expect(h.sim.control.seeded).toEqual(before);
    expect((await h.call('GET', `/orgs/${orgId}/apiKeys/${created.json.id}`)).status).toBe(404);
    h.sim.control.reset('empty');
    expect((await h.call('GET', '/orgs')).json.totalCount).toBe(0);
    h.sim.control.reset('demo');
  });

  it('generates seeds of the requested sizes, the same on every start', async () => {
    const a = await createSimulator({ seed: '2x3x4x5' });
    const b = await createSimulator({ seed: { orgs: 2, projectsPerOrg: 3, keysPerOrg: 4, entriesPerKey: 5 } });
    try {
      expect(a.control.seeded).toEqual(b.control.seeded);
      expect(a.control.seeded.orgs).toHaveLength(2);
      expect(a.control.seeded.orgs[1]!.projects).toHaveLength(3);
      expect(a.control.seeded.orgs[1]!.apiKeys).toHaveLength(4);
      const token = await fetchToken(a.url, a.control.admin.clientId, a.control.admin.clientSecret);
      const org = a.control.seeded.orgs[1]!;
      const entries = await fetch(`${a.url}/api/atlas/v2/orgs/${org.id}/apiKeys/${org.apiKeys[3]!.id}/accessList`, {
        headers: { accept: V2_MEDIA_TYPE, authorization: `Bearer ${token}` },
      });
      expect(((await entries.json()) as { totalCount: number }).totalCount).toBe(5);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    await expect(createSimulator({ seed: '2x3' })).rejects.toThrow(/Unknown seed/);
  });

  it('answers garbage with Atlas-shaped errors and keeps serving', async () => {
    const bad = [
      await h.call('GET', '/orgs/%E0%A4%A/apiKeys'),
      await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: 'x'.repeat(2 * 1024 * 1024) }),
      await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: 'null' }),
      await h.call('POST', `/orgs/${orgId}/apiKeys/0123456789abcdef01234567/accessList`, { body: '[1, 2]' }),
      await h.call('PATCH', `/orgs/${orgId}/apiKeys`, { body: {} }),
    ];
    for (const reply of bad) {
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.json).toMatchObject({ error: reply.status, errorCode: expect.any(String) });
    }
    expect((await h.call('GET', `/orgs/${orgId}`)).status).toBe(200);
  });
});

describe('command line', () => {
  it('starts with the given seed and latency, prints its URL and ids, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--port', '0', '--seed', '1x2x3x1', '--latency', '5'], {
      cwd: new URL('../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output.includes('project ') && resolve());
        child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${output}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      expect(output).toMatch(/org [a-f0-9]{24} {2}org-1 {2}\(2 projects, 3 API keys\)/);
      expect(output).toContain('--user simadmin:');
      const response = await fetch(`${url}/api/atlas/v2/orgs`, { headers: { accept: V2_MEDIA_TYPE } });
      expect(response.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    }
  });

  it('refuses an invalid option with a message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--latency', 'soon'], {
      cwd: new URL('../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(errors).toContain('--latency must be a number');
  });
});

describe('token endpoint faults', () => {
  it('applies faults to token requests with valid client credentials', async () => {
    const { clientId, clientSecret } = h.sim.control.admin;
    h.sim.control.injectFault('createOAuthToken', { sequence: [503] });
    await expect(fetchToken(h.sim.url, clientId, clientSecret)).rejects.toThrow(/503/);
    expect(await fetchToken(h.sim.url, clientId, clientSecret)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{20,}$/);
  });
});
