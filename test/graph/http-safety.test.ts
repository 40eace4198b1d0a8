// CSRF prevention, CORS by configuration, and the introspection switch.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/gateway.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;

beforeAll(async () => {
  g = await startGraph('demo');
});
afterAll(() => g.close());

describe('HTTP safety', () => {
  it('refuses a GraphQL GET without a CSRF header, and serves it with one', async () => {
    const gateway = createGateway({ atlas: g.atlas });
    const url = `http://gateway.test/graphql?query=${encodeURIComponent('{ organizations { totalCount } }')}`;
    g.resetCalls();
    const refused = await gateway.fetch(url, { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(403);
    expect(g.calls()).toEqual([]);
    const served = await gateway.fetch(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(await served.json()).toEqual({ data: { organizations: { totalCount: 2 } } });
  });

  it('answers cross-origin requests only from configured origins', async () => {
    const gateway = createGateway({ atlas: g.atlas, corsOrigins: ['https://console.example.com'] });
    const preflight = (origin: string) =>
      gateway.fetch('http://gateway.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://console.example.com')).headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
    const closed = createGateway({ atlas: g.atlas });
    const response = await closed.fetch('http://gateway.test/graphql', { method: 'POST', headers: { origin: 'https://console.example.com', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('can turn introspection (and GraphiQL) off', async () => {
    const gateway = createGateway({ atlas: g.atlas, introspection: false });
    const response = await gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery() }) });
    const body = (await response.json()) as { errors?: Array<{ message: string }> };
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    const page = await gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('Atlas Keys Gateway');
  });
});
