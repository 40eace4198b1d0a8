// Pass-through: the gateway has no Atlas credentials of its own and calls Atlas with each
// caller's bearer token (a service-account token, say), and only with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { fetchToken } from '../simulator/helpers.js';

let sim: Simulator;
let atlas: AtlasClient;
let gateway: ReturnType<typeof createGateway>;

beforeAll(async () => {
  sim = await createSimulator({ seed: 'demo' });
  atlas = AtlasClient.create({ baseUrl: sim.url });
  gateway = createGateway({ atlas, authMode: 'passthrough' });
});
afterAll(async () => {
  await atlas.close();
  await sim.close();
});

const ask = (authorization?: string) =>
  gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: '{ organizations(first: 5) { edges { node { name } } } }' }),
  });

describe('caller-token pass-through', () => {
  it("calls Atlas with the caller's token, and sees what that token may see", async () => {
    const org = sim.control.seeded.orgs[1]!;
    const account = sim.control.createServiceAccount([{ orgId: org.id, roleName: 'ORG_READ_ONLY' }]);
    const token = await fetchToken(sim.url, account.clientId, account.clientSecret);
    sim.control.resetStats();
    const response = await ask(`Bearer ${token}`);
    expect(await response.json()).toEqual({ data: { organizations: { edges: [{ node: { name: 'Globex-Research' } }] } } });
    expect(sim.control.requests().map((r) => [r.operation, r.auth, r.authorizationHeaders])).toEqual([['listOrgs', 'bearer', 1]]);
  });

  it('refuses a request without a bearer token before any upstream call', async () => {
    sim.control.resetStats();
    const response = await ask();
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(sim.control.stats().requests).toBe(0);
  });

  it("reports Atlas' refusal of a token as UNAUTHENTICATED", async () => {
    const body = (await (await ask('Bearer not-a-token')).json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('is ready when Atlas answers, even without credentials of its own', async () => {
    expect((await gateway.fetch('http://gateway.test/readyz')).status).toBe(200);
  });
});
