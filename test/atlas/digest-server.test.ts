// The client against a Digest server that is not ours: the http-auth package's.
import { createHash } from 'node:crypto';
import auth from 'http-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasApiError, AtlasClient, type AtlasClientOptions } from '../../src/atlas/index.js';
import { FAST_RETRY, KEY, type LocalServer, ORG, everythingShown, failure, listen, readBody } from './helpers.js';

const REALM = 'MMS Public API';
const PUBLIC_KEY = 'qwertyui';
const PRIVATE_KEY = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

interface DigestServer extends LocalServer {
  /** Every request that reached the server, challenged or not. */
  requests: Array<{ method: string; url: string; signed: boolean; authorized: boolean; body: string }>;
}

let servers: DigestServer[] = [];
let clients: AtlasClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  clients = [];
  servers = [];
});

async function digestServer(algorithm: 'MD5' | 'MD5-sess' = 'MD5'): Promise<DigestServer> {
  const ha1 = createHash('md5').update(`${PUBLIC_KEY}:${REALM}:${PRIVATE_KEY}`).digest('hex');
  const checker = auth.digest({ realm: REALM, file: () => `${PUBLIC_KEY}:${REALM}:${ha1}`, algorithm });
  const requests: DigestServer['requests'] = [];
  const protectedHandler = checker.check(async (req, res) => {
    const body = await readBody(req);
    requests.at(-1)!.authorized = true;
    requests.at(-1)!.body = body;
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST') {
      const { desc, roles } = JSON.parse(body) as { desc: string; roles: string[] };
      res.end(JSON.stringify({ id: KEY, desc, publicKey: 'abcdefgh', privateKey: 'x', roles: roles.map((roleName) => ({ orgId: ORG, roleName })) }));
    } else {
      res.end(JSON.stringify({ id: ORG, name: `hello ${req.user}`, isDeleted: false }));
    }
  });
  const local = await listen((req, res) => {
    requests.push({ method: req.method!, url: req.url!, signed: req.headers.authorization !== undefined, authorized: false, body: '' });
    protectedHandler(req, res);
  });
  const server = { ...local, requests };
  servers.push(server);
  return server;
}

function client(server: LocalServer, options: Partial<AtlasClientOptions> = {}): AtlasClient {
  const created = AtlasClient.create({
    baseUrl: server.url,
    credentials: { kind: 'digest', publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY },
    retry: FAST_RETRY,
    ...options,
  });
  clients.push(created);
  return created;
}

describe.each(['MD5', 'MD5-sess'] as const)('http-auth Digest (%s)', (algorithm) => {
  it('accepts the client, and N sequential calls cost N + 1 requests', async () => {
    const server = await digestServer(algorithm);
    const atlas = client(server, { maxConcurrency: 1 });
    const N = 10;
    for (let i = 0; i < N; i++) expect((await atlas.getOrganization(ORG)).name).toBe(`hello ${PUBLIC_KEY}`);
    expect(server.requests).toHaveLength(N + 1);
    expect(server.requests.filter((r) => !r.authorized)).toHaveLength(1);
  });

  it('sends the body again after the challenge', async () => {
    const server = await digestServer(algorithm);
    const created = await client(server).createApiKey(ORG, { description: 'deployer', roles: ['ORG_MEMBER'] });
    expect(created).toMatchObject({ desc: 'deployer', roles: [{ orgId: ORG, roleName: 'ORG_MEMBER' }] });
    expect(server.requests.map((r) => [r.method, r.authorized])).toEqual([
      ['POST', false],
      ['POST', true],
    ]);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ desc: 'deployer', roles: ['ORG_MEMBER'] });
  });
});

describe('http-auth Digest under load and with wrong keys', () => {
  it('serves concurrent calls on one handshake', async () => {
    const server = await digestServer();
    const atlas = client(server, { maxConcurrency: 4 });
    const names = await Promise.all(Array.from({ length: 24 }, () => atlas.getOrganization(ORG).then((o) => o.name)));
    expect(new Set(names)).toEqual(new Set([`hello ${PUBLIC_KEY}`]));
    // One unsigned request fetched the challenge for everyone. http-auth wants nonce counts in
    // arrival order; a request that overtook another is answered stale and signed again.
    expect(server.requests.filter((r) => !r.signed)).toHaveLength(1);
    expect(server.requests.filter((r) => r.authorized)).toHaveLength(24);
  });

  it('fails with 401 for a wrong private key after one more try, and keeps the key out of the error', async () => {
    const server = await digestServer();
    const atlas = client(server, { credentials: { kind: 'digest', publicKey: PUBLIC_KEY, privateKey: 'not-the-private-key-1234' } });
    const error = await failure(atlas.getOrganization(ORG));
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status: 401, operation: 'getOrg' });
    expect(server.requests).toHaveLength(2);
    expect(everythingShown(error)).not.toContain('not-the-private-key-1234');
  });
});
