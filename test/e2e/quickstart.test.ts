// The README's quick start: `npm start` with no Atlas credentials serves the demo data, and says
// so wherever the upstream is reported; in production it does so only when asked for.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { spawnGateway } from '../support/gateway-process.js';

describe('quick start', () => {
  it('starts the gateway on the embedded simulator, answers a query, and stops on SIGTERM', async () => {
    const gateway = spawnGateway({ env: { PORT: '0', HOST: '127.0.0.1' } });
    try {
      const url = await gateway.waitFor(/GraphiQL: (http:\/\/\S+)/);
      expect(gateway.output()).toMatch(/^Upstream: simulator\. Using the embedded Atlas simulator at http:\/\/\S+ with demo data, not Atlas/m);
      await expectSimulatorReported(url);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations(first: 5) { totalCount edges { node { name } } } }' }),
      });
      expect(await response.json()).toEqual({
        data: { organizations: { totalCount: 2, edges: [{ node: { name: 'Acme-Corp' } }, { node: { name: 'Globex-Research' } }] } },
      });
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('Atlas Keys Gateway');
    } finally {
      gateway.child.kill('SIGTERM');
    }
    expect(await gateway.exited).toBe(0);
  });

  it('finishes a request in flight when told to stop', async () => {
    const sim = await createSimulator({ seed: 'demo', latencyMs: 600 });
    const gateway = spawnGateway({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        MONGODB_ATLAS_BASE_URL: sim.url,
        MONGODB_ATLAS_PUBLIC_API_KEY: sim.control.admin.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: sim.control.admin.privateKey,
      },
    });
    try {
      const url = await gateway.waitFor(/GraphiQL: (http:\/\/\S+)/);
      expect(gateway.output()).toContain(`Upstream: atlas. Using atlas-v2 at ${sim.url} with the configured credentials.`);
      const inFlight = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the query is waiting on Atlas
      gateway.child.kill('SIGTERM');
      const response = await inFlight;
      expect(await response.json()).toEqual({ data: { organizations: { totalCount: 2 } } });
      expect(await gateway.exited).toBe(0);
    } finally {
      gateway.child.kill('SIGKILL');
      await sim.close();
    }
  });

  it('refuses to start with a bad configuration, naming every problem', async () => {
    const gateway = spawnGateway({ env: { PORT: 'x', MONGODB_ATLAS_FLAVOR: 'nope' } });
    expect(await gateway.exited).toBe(1);
    expect(gateway.stderr()).toContain('PORT');
    expect(gateway.stderr()).toContain('MONGODB_ATLAS_FLAVOR');
  });

  it('refuses to start in production without Atlas credentials, in one line naming the settings to set', async () => {
    const gateway = spawnGateway({ env: { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' } });
    expect(await gateway.exited).toBe(1);
    const lines = gateway.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    for (const setting of ['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_SECRET', 'ATLAS_UPSTREAM=simulator']) {
      expect(lines[0]).toContain(setting);
    }
    expect(gateway.output()).not.toContain('GraphiQL:');
  });

  it('runs the simulator in production when asked for, and says so', async () => {
    const gateway = spawnGateway({ env: { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', ATLAS_UPSTREAM: 'simulator', LOG_LEVEL: 'silent' } });
    try {
      const url = await gateway.waitFor(/GraphiQL: (http:\/\/\S+)/);
      expect(gateway.output()).toContain('Upstream: simulator.');
      await expectSimulatorReported(url);
    } finally {
      gateway.child.kill('SIGTERM');
    }
    expect(await gateway.exited).toBe(0);
  });
});

/** /readyz and /metrics of the gateway at `graphqlUrl` say it serves the simulator. */
async function expectSimulatorReported(graphqlUrl: string): Promise<void> {
  const readyz = await fetch(new URL('/readyz', graphqlUrl));
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toMatchObject({ ready: true, upstream: { kind: 'simulator', flavor: 'atlas-v2' } });
  const metrics = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  expect(metrics).toContain('atlas_upstream_info{kind="simulator",flavor="atlas-v2"} 1');
}
