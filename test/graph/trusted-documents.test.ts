// Trusted documents: only the operations of the manifest codegen writes are accepted.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/gateway.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let gateway: ReturnType<typeof createGateway>;
let manifest: Record<string, string>;

beforeAll(async () => {
  g = await startGraph('demo');
  manifest = JSON.parse(await readFile(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
  gateway = createGateway({ atlas: g.atlas, trustedDocuments: manifest });
});
afterAll(() => g.close());

interface Body {
  data?: Record<string, { name?: string } | null>;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const send = (body: unknown, accept?: string) =>
  gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify(body) });

const post = async (body: unknown) => (await (await send(body)).json()) as Body;

describe('trusted documents', () => {
  const hashOf = (name: string) => Object.entries(manifest).find(([, document]) => document.includes(`query ${name}(`))![0];

  it('runs a manifest operation sent by documentId or by Apollo persistedQuery hash', async () => {
    const orgId = g.sim.control.seeded.orgs[0]!.id;
    const byId = await post({ documentId: hashOf('OrganizationDashboard'), variables: { id: orgId } });
    expect(byId.data!.organization!.name).toBe('Acme-Corp');
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('OrganizationDashboard') } }, variables: { id: orgId } });
    expect(byHash.data!.organization!.name).toBe('Acme-Corp');
  });

  it('refuses any other operation before any upstream call', async () => {
    g.resetCalls();
    const arbitrary = await post({ query: '{ organizations { totalCount } }' });
    expect(arbitrary.errors![0]!.extensions).toMatchObject({ code: 'TRUSTED_DOCUMENTS_ONLY' });
    const unknown = await post({ documentId: 'not-in-the-manifest' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'TRUSTED_DOCUMENT_NOT_FOUND' });
    expect(g.calls()).toEqual([]);
  });

  // GraphQL over HTTP: without data, application/graphql-response+json is 4xx; application/json keeps 200.
  it.each([
    ['an arbitrary document', 403, { query: '{ organizations { totalCount } }' }, 'TRUSTED_DOCUMENTS_ONLY'],
    ['an unknown documentId', 404, { documentId: 'not-in-the-manifest' }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
    ['an unknown persistedQuery hash', 404, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
  ])('refuses %s with %i to application/graphql-response+json and 200 to application/json', async (_name, status, body, code) => {
    const strict = await send(body, 'application/graphql-response+json');
    expect(strict.status).toBe(status);
    expect(((await strict.json()) as Body).errors![0]!.extensions).toMatchObject({ code });
    const legacy = await send(body, 'application/json');
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as Body).errors![0]!.extensions).toMatchObject({ code });
  });
});
