// The HTTP server: shutdown with a deadline under keep-alive connections, JSON answers from
// Node's parser, what start-up says with introspection off, and why /readyz is not ready.
import { once } from 'node:events';
import { type Socket, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { type HttpServer, createHttpServer } from '../../src/server/http-server.js';
import { spawnGateway } from '../support/gateway-process.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let orgId: string;

beforeAll(async () => {
  // Upstream calls give up soon, so a stalled one does not outlive the test.
  g = await startGraph('demo', { headersTimeoutMs: 1_000 });
  orgId = g.sim.control.seeded.orgs[0]!.id;
});
afterAll(() => g.close());

/** A raw keep-alive connection, to see exactly what the server does with it. */
class Connection {
  readonly socket: Socket;
  received = '';
  readonly closed: Promise<unknown>;

  constructor(origin: string) {
    const { hostname, port } = new URL(origin);
    this.socket = connect(Number(port), hostname);
    this.socket.on('data', (chunk: Buffer) => (this.received += chunk.toString()));
    this.socket.on('error', () => undefined);
    this.closed = once(this.socket, 'close');
  }

  send(query: string, extraHeaders = ''): void {
    const body = JSON.stringify({ query });
    this.socket.write(
      `POST /graphql HTTP/1.1\r\nhost: gateway.test\r\ncontent-type: application/json\r\nconnection: keep-alive\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`,
    );
  }

  /** Resolves once `count` complete responses (headers and content-length bytes) have arrived. */
  async responses(count: number): Promise<string[]> {
    for (;;) {
      const parsed = parseResponses(this.received);
      if (parsed.length >= count) return parsed;
      await Promise.race([once(this.socket, 'data'), this.closed]);
      if (this.socket.destroyed && parseResponses(this.received).length < count) return parseResponses(this.received);
    }
  }
}

function parseResponses(text: string): string[] {
  const responses: string[] = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return responses;
    const length = Number(/content-length: (\d+)/i.exec(rest.slice(0, end))?.[1] ?? 0);
    if (rest.length < end + 4 + length) return responses;
    responses.push(rest.slice(0, end + 4 + length));
    rest = rest.slice(end + 4 + length);
  }
}

describe('shutdown', () => {
  let http: HttpServer;
  let origin: string;

  beforeEach(async () => {
    g.sim.control.clearFaults();
    g.resetCalls();
    http = createHttpServer(createGateway({ atlas: g.atlas }), { drainTimeoutMs: 5_000 });
    origin = await http.listen(0, '127.0.0.1');
  });
  afterEach(async () => {
    g.sim.control.setLatency(0);
    g.sim.control.clearFaults();
    if (http.server.listening) await http.shutdown();
  });

  it('closes an idle keep-alive connection at once', async () => {
    const connection = new Connection(origin);
    connection.send('{ __typename }');
    const [first] = await connection.responses(1);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toMatch(/connection: keep-alive/i);
    expect(await http.shutdown()).toBe('drained');
    await connection.closed;
  });

  it('finishes the request in flight, answers it with Connection: close, and serves nothing more on that connection', async () => {
    g.sim.control.setLatency(300);
    const connection = new Connection(origin);
    const received = once(http.server, 'request');
    connection.send(`{ organization(id: "${orgId}") { name } }`);
    await received;
    const stopping = http.shutdown();
    // A second request on the same connection, after shutdown began.
    connection.send(`{ organization(id: "${orgId}") { atlasId } }`);
    const responses = await connection.responses(2);
    await connection.closed;
    expect(await stopping).toBe('drained');
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[0]).toMatch(/connection: close/i);
    expect(responses[0]).toContain('"name":"Acme-Corp"');
    // The second one was not served: refused with SHUTTING_DOWN, or never read.
    expect(responses.slice(1).every((response) => response.startsWith('HTTP/1.1 503') && response.includes('SHUTTING_DOWN'))).toBe(true);
    expect(g.calls()).toEqual(['getOrg']);
  });

  it('cuts what is still in flight when the drain timeout ends', async () => {
    const quick = createHttpServer(createGateway({ atlas: g.atlas }), { drainTimeoutMs: 100 });
    const quickOrigin = await quick.listen(0, '127.0.0.1');
    g.sim.control.injectFault('getOrg', { sequence: ['stall', 'stall'] });
    const connection = new Connection(quickOrigin);
    const received = once(quick.server, 'request');
    connection.send(`{ organization(id: "${orgId}") { name } }`);
    await received;
    expect(await quick.shutdown()).toBe('deadline');
    await connection.closed;
    expect(parseResponses(connection.received)).toEqual([]);
    expect(quick.server.listening).toBe(false);
  });

  it('answers headers too large with 431 and a JSON body with a code', async () => {
    const connection = new Connection(origin);
    connection.send('{ __typename }', `x-padding: ${'a'.repeat(20_000)}\r\n`);
    const [response] = await connection.responses(1);
    expect(response).toMatch(/^HTTP\/1\.1 431/);
    const body = JSON.parse(response!.slice(response!.indexOf('\r\n\r\n') + 4)) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('REQUEST_HEADERS_TOO_LARGE');
    await connection.closed;
  });
});

describe('readiness', () => {
  it('answers 503 with a JSON body saying why', async () => {
    const refused = AtlasClient.create({ baseUrl: g.sim.url, credentials: { kind: 'digest', publicKey: 'nobody00', privateKey: 'not-a-key' }, retry: { maxAttempts: 1 } });
    try {
      const response = await createGateway({ atlas: refused }).fetch('http://gateway.test/readyz');
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as { ready: boolean; reason: string };
      expect(body.ready).toBe(false);
      expect(body.reason).toMatch(/refused the configured credentials \(401/);
      expect(JSON.stringify(body)).not.toContain('not-a-key');
    } finally {
      await refused.close();
    }
    expect((await g.gateway.fetch('http://gateway.test/readyz')).status).toBe(200);
  });
});

describe('start-up', () => {
  it('does not advertise GraphiQL with introspection off, and exits on SIGTERM with a keep-alive connection open', async () => {
    const gateway = spawnGateway({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', GRAPHQL_INTROSPECTION: 'false' } });
    const child = gateway.child;
    try {
      const url = await gateway.waitFor(/GraphQL endpoint: (http:\/\/\S+)/);
      const output = gateway.output();
      expect(output).not.toContain('GraphiQL:');
      expect(output).toContain('introspection and GraphiQL are off');
      const connection = new Connection(new URL(url).origin);
      connection.send('{ __typename }');
      expect((await connection.responses(1))[0]).toMatch(/^HTTP\/1\.1 200/);
      child.kill('SIGTERM');
      await connection.closed;
      expect(await gateway.exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
