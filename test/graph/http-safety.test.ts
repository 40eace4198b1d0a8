// CSRF prevention, CORS by configuration, the introspection switch, what a refused media type
// says, and the status lines of the HTTP server.
import { request } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/gateway.js';
import { createHttpServer } from '../../src/server/http-server.js';
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

  it('says which content types a request may have, and each one it names is served', async () => {
    const post = (contentType: string) =>
      g.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const refused = await post('application/graphql-response+json');
    expect(refused.status).toBe(415);
    const { errors } = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(errors).toEqual([
      {
        message: 'Send GraphQL as a POST with content-type application/json, or as a GET with query parameters. application/graphql-response+json is a type of answer: ask for it in Accept.',
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      },
    ]);
    const named = [...errors[0]!.message.matchAll(/content-type ([\w/+.-]+)/g)].map((m) => m[1]!);
    expect(named).toEqual(['application/json']);
    for (const type of named) expect((await post(type)).status, type).toBe(200);
    const other = await post('text/xml');
    expect(((await other.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toBe(
      'Send GraphQL as a POST with content-type application/json, or as a GET with query parameters.',
    );
  });

  it('writes the standard reason phrase in every status line', async () => {
    const http = createHttpServer(createGateway({ atlas: g.atlas, limits: { deadlineMs: 30_000, maxBodyBytes: 1_000, maxTokens: 3_000, maxDepth: 12, maxAliases: 30, maxCost: 250 } }), {
      drainTimeoutMs: 1_000,
    });
    const origin = new URL(await http.listen(0, '127.0.0.1'));
    const statusLine = (headers: Record<string, string>, body: string) =>
      new Promise<string>((resolve, reject) => {
        const sent = request({ host: origin.hostname, port: origin.port, path: '/graphql', method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
          response.resume();
          resolve(`${response.statusCode} ${response.statusMessage}`);
        });
        sent.on('error', reject);
        sent.end(body);
      });
    try {
      const query = JSON.stringify({ query: '{ __typename }' });
      expect(await statusLine({ 'content-type': 'application/json' }, query)).toBe('200 OK');
      expect(await statusLine({ 'content-type': 'text/xml' }, '<query/>')).toBe('415 Unsupported Media Type');
      expect(await statusLine({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2_000) } }))).toBe('413 Payload Too Large');
      expect(await statusLine({ 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7B__typename%7D')).toBe('403 Forbidden');
      expect(await statusLine({ 'content-type': 'application/json' }, '{bad')).toBe('400 Bad Request');
    } finally {
      await http.shutdown();
    }
  });
});
