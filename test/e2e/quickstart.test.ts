// The README's quick start: `npm start` with no Atlas credentials serves the demo data.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { spawnGateway } from '../support/gateway-process.js';

describe('quick start', () => {
  it('starts the gateway on the embedded simulator, answers a query, and stops on SIGTERM', async () => {
    const gateway = spawnGateway({ env: { PORT: '0', HOST: '127.0.0.1' } });
    try {
      const url = await gateway.waitFor(/GraphiQL: (http:\/\/\S+)/);
      expect(gateway.output()).toContain('embedded Atlas simulator');
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
      expect(gateway.output()).toContain(`Using atlas-v2 at ${sim.url} with the configured credentials.`);
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
});
