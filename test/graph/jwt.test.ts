// Inbound JWT verification and per-organization scopes.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { type GraphHarness, startGraph } from './harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
let g: GraphHarness;
let gateway: ReturnType<typeof createGateway>;
let acme: string;
let globex: string;

const sign = (scope: string, options: { audience?: string; issuer?: string; expires?: string } = {}) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('console-user')
    .setIssuer(options.issuer ?? 'https://idp.example.com')
    .setAudience(options.audience ?? 'atlas-keys-gateway')
    .setExpirationTime(options.expires ?? '5m')
    .sign(new TextEncoder().encode(SECRET));

async function ask(query: string, token?: string) {
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions: Record<string, unknown> }> } };
}

beforeAll(async () => {
  g = await startGraph('demo');
  acme = g.sim.control.seeded.orgs[0]!.id;
  globex = g.sim.control.seeded.orgs[1]!.id;
  gateway = createGateway({ atlas: g.atlas, verifier: createVerifier({ secret: SECRET, issuer: 'https://idp.example.com', audience: 'atlas-keys-gateway' }) });
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

describe('inbound JWT', () => {
  it.each([
    ['no token', undefined],
    ['a token for another audience', () => sign('atlas:read', { audience: 'someone-else' })],
    ['a token from another issuer', () => sign('atlas:read', { issuer: 'https://evil.example.net' })],
    ['an expired token', () => sign('atlas:read', { expires: '-1m' })],
    ['a token signed with another secret', async () => (await sign('atlas:read')).slice(0, -4) + 'AAAA'],
    [
      'a token without exp (it would never expire)',
      () =>
        new SignJWT({ scope: 'atlas:read' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('console-user')
          .setIssuer('https://idp.example.com')
          .setAudience('atlas-keys-gateway')
          .setIssuedAt()
          .sign(new TextEncoder().encode(SECRET)),
    ],
  ])('refuses %s as UNAUTHENTICATED before any upstream call', async (_name, make) => {
    const { status, body } = await ask('{ organizations { totalCount } }', make ? await make() : undefined);
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(g.calls()).toEqual([]);
  });

  it('reads everything with atlas:read, and nothing it may not change', async () => {
    const token = await sign('atlas:read');
    expect((await ask('{ organizations { totalCount } }', token)).body.data).toEqual({ organizations: { totalCount: 2 } });
    const write = await ask(`mutation { createApiKey(input: { organizationId: "${acme}", description: "x", roles: [ORG_MEMBER] }) { __typename } }`, token);
    expect(write.body.data).toEqual({ createApiKey: { __typename: 'ForbiddenError' } });
    expect(g.calls()).not.toContain('createOrgApiKey');
  });

  it('refuses a project change to a token that may only read it as forbidden, and a project it may not see as not found', async () => {
    const project = g.sim.control.seeded.orgs[0]!.projects[0]!;
    const create = (token: string) =>
      ask(`mutation { createProjectApiKey(input: { projectId: "${project.id}", description: "x", roles: [GROUP_READ_ONLY] }) { __typename } }`, token);
    expect((await create(await sign('atlas:read'))).body.data).toEqual({ createProjectApiKey: { __typename: 'ForbiddenError' } });
    expect((await create(await sign(`atlas:read:${acme}`))).body.data).toEqual({ createProjectApiKey: { __typename: 'ForbiddenError' } });
    // Scoped elsewhere: whether the project exists is not told.
    expect((await create(await sign(`atlas:read:${globex} atlas:write:${globex}`))).body.data).toEqual({ createProjectApiKey: { __typename: 'NotFoundError' } });
    expect(g.calls()).not.toContain('createGroupApiKey');
  });

  it('limits per-organization scopes to their organization', async () => {
    const token = await sign(`atlas:write:${acme}`);
    expect((await ask(`{ organization(id: "${acme}") { name } }`, token)).body.data).toEqual({ organization: { name: 'Acme-Corp' } });
    g.resetCalls();
    const other = await ask(`{ organization(id: "${globex}") { name } }`, token);
    expect(other.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: `atlas:read:${globex}` });
    expect(g.calls()).toEqual([]);
    expect((await ask('{ organizations { totalCount } }', token)).body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const created = await ask(`mutation { createApiKey(input: { organizationId: "${acme}", description: "scoped", roles: [ORG_MEMBER] }) { __typename } }`, token);
    expect(created.body.data).toEqual({ createApiKey: { __typename: 'CreateApiKeyPayload' } });
    const elsewhere = await ask(`mutation { createApiKey(input: { organizationId: "${globex}", description: "no", roles: [ORG_MEMBER] }) { __typename } }`, token);
    expect(elsewhere.body.data).toEqual({ createApiKey: { __typename: 'ForbiddenError' } });
  });

  it('checks objects fetched by global id against their organization', async () => {
    const key = g.sim.control.seeded.orgs[1]!.apiKeys[0]!;
    const id = Buffer.from(`ApiKey:${globex}:${key.id}`).toString('base64');
    const { body } = await ask(`{ node(id: "${id}") { id } }`, await sign(`atlas:read:${acme}`));
    expect(body.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('verifies tokens against a JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const jwks = createGateway({ atlas: g.atlas, verifier: createVerifier({ jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` }) });
      const token = await new SignJWT({ scp: ['atlas:read'] }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setExpirationTime('5m').sign(privateKey);
      const response = await jwks.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { organizations: { totalCount: 2 } } });
    } finally {
      server.close();
    }
  });
});
