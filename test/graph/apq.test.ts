// Automatic persisted queries: a client sends the hash; on PersistedQueryNotFound it sends hash
// and document once; afterwards the hash alone runs it, on every replica that shares the store.
// With trusted documents configured, only the router may use APQ.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApqStore, createApqStore } from '../../src/server/apq-store.js';
import { createGateway } from '../../src/server/gateway.js';
import { type RedisServer, startRedis } from '../shared/redis-server.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
const stores: ApqStore[] = [];

beforeAll(async () => {
  g = await startGraph('demo');
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await g.close();
});

interface Body {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

type Gateway = ReturnType<typeof createGateway>;

const send = (gateway: Gateway, body: unknown, headers: Record<string, string> = {}) =>
  gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const post = async (gateway: Gateway, body: unknown, headers?: Record<string, string>) => (await (await send(gateway, body, headers)).json()) as Body;

const QUERY = 'query Count { organizations(first: 5) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hashOnly = (query: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
const withDocument = (query: string) => ({ query, ...hashOnly(query) });

async function memoryStore() {
  const store = await createApqStore();
  stores.push(store);
  return store;
}

describe('automatic persisted queries', () => {
  it('answers an unknown hash PersistedQueryNotFound with 200 to application/json, then runs it once registered, without upstream calls for the miss', async () => {
    const gateway = createGateway({ atlas: g.atlas, apq: await memoryStore() });
    g.resetCalls();
    const miss = await send(gateway, hashOnly(QUERY), { accept: 'application/json' });
    expect(miss.status).toBe(200);
    const missBody = (await miss.json()) as Body;
    // Apollo's clients and Apollo Gateway resend the document on exactly this message.
    expect(missBody.errors![0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(g.calls()).toEqual([]);

    const registered = await post(gateway, withDocument(QUERY));
    expect(registered.data).toEqual({ organizations: { totalCount: 2 } });
    const byHash = await post(gateway, hashOnly(QUERY));
    expect(byHash).toEqual({ data: { organizations: { totalCount: 2 } } });
  });

  it('answers the miss 404 to application/graphql-response+json', async () => {
    const gateway = createGateway({ atlas: g.atlas, apq: await memoryStore() });
    const miss = await send(gateway, hashOnly(QUERY), { accept: 'application/graphql-response+json' });
    expect(miss.status).toBe(404);
  });

  it('refuses a hash that is not the document\'s, and an unsupported version, and registers neither', async () => {
    const store = await memoryStore();
    const gateway = createGateway({ atlas: g.atlas, apq: store });
    const wrongHash = { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ organizations { totalCount } }') } } };
    const mismatch = await post(gateway, wrongHash);
    expect(mismatch.errors![0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_MISMATCH' });
    expect(await store.get(sha256('{ organizations { totalCount } }'))).toBeNull();
    const version2 = await post(gateway, { query: QUERY, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(QUERY) } } });
    expect(version2.errors![0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_SUPPORTED' });
  });

  it('keeps only documents that validated: a made-up document sent with its hash is not stored', async () => {
    const store = await memoryStore();
    const gateway = createGateway({ atlas: g.atlas, apq: store });
    const invalid = '{ noSuchField }';
    const answer = await post(gateway, withDocument(invalid));
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(await store.get(sha256(invalid))).toBeNull();
    const garbage = 'this is not GraphQL';
    await post(gateway, withDocument(garbage));
    expect(await store.get(sha256(garbage))).toBeNull();
  });

  it('with APQ off, a hash-only request is not answered PersistedQueryNotFound (clients would loop)', async () => {
    const gateway = createGateway({ atlas: g.atlas });
    const answer = await post(gateway, hashOnly(QUERY));
    expect(answer.errors![0]!.extensions?.code).not.toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  describe('with trusted documents, APQ is the router\'s only', () => {
    const secret = 'r'.repeat(40);
    let manifest: Record<string, string>;
    let store: ApqStore;
    let gateway: Gateway;
    beforeAll(async () => {
      manifest = JSON.parse(await readFile(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
      store = await memoryStore();
      gateway = createGateway({ atlas: g.atlas, apq: store, trustedDocuments: manifest, routerSecret: secret });
    });

    it('refuses a client registering a document outside the manifest, and stores nothing', async () => {
      const answer = await post(gateway, withDocument(QUERY));
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'TRUSTED_DOCUMENTS_ONLY' });
      expect(await store.get(sha256(QUERY))).toBeNull();
    });

    it('lets the router register and run by hash, while a client sending the same hash is refused', async () => {
      const router = { 'x-router-secret': secret };
      expect((await post(gateway, hashOnly(QUERY), router)).errors![0]!.message).toBe('PersistedQueryNotFound');
      expect((await post(gateway, withDocument(QUERY), router)).data).toEqual({ organizations: { totalCount: 2 } });
      expect(await post(gateway, hashOnly(QUERY), router)).toEqual({ data: { organizations: { totalCount: 2 } } });
      const client = await post(gateway, hashOnly(QUERY));
      expect(client.errors![0]!.extensions).toMatchObject({ code: 'TRUSTED_DOCUMENT_NOT_FOUND' });
      expect(client.data).toBeUndefined();
    });

    it('still runs a manifest operation sent by hash, for the router and for clients', async () => {
      const [hash] = Object.entries(manifest).find(([, document]) => document.includes('query OrganizationDashboard('))!;
      const orgId = g.sim.control.seeded.orgs[0]!.id;
      const body = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { id: orgId } };
      for (const headers of [{}, { 'x-router-secret': secret }] as Array<Record<string, string>>) {
        const answer = await post(gateway, body, headers);
        expect((answer.data!.organization as { name: string }).name).toBe('Acme-Corp');
      }
    });
  });

  describe('shared by replicas through Redis', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(() => redis.stop());

    it('a document registered through one replica runs by hash on another', async () => {
      const [a, b] = await Promise.all([createApqStore({ redisUrl: redis.url }), createApqStore({ redisUrl: redis.url })]);
      stores.push(a, b);
      await Promise.all([a.ready(), b.ready()]);
      const replicaA = createGateway({ atlas: g.atlas, apq: a });
      const replicaB = createGateway({ atlas: g.atlas, apq: b });
      expect((await post(replicaA, withDocument(QUERY))).data).toEqual({ organizations: { totalCount: 2 } });
      // Registration does not hold up the answer; wait until Redis has it.
      await expect.poll(() => b.get(sha256(QUERY))).toBe(QUERY);
      expect(await post(replicaB, hashOnly(QUERY))).toEqual({ data: { organizations: { totalCount: 2 } } });
    });
  });
});
