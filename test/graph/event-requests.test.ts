// ApiKeyEvent.requestedBy: Atlas records every change through the gateway as made by the gateway's
// own key; the gateway's audit records name the person who asked. An event is matched to the
// record behind it, said to be ambiguous when two could be, and left unmatched when none is.
import { SignJWT } from 'jose';
import { type ExecutionResult, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasEvent } from '../../src/atlas/index.js';
import { atlasEventSchema } from '../../src/atlas/types.js';
import { MATCH_CLOCK_SKEW_MS, recordsBehind } from '../../src/graph/audit-records.js';
import { type AuditRecord, auditRecordId, createMemoryAuditLog } from '../../src/server/audit-store.js';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { AddAccessListEntriesDocument, CreateApiKeyDocument, DeleteApiKeyDocument, UpdateApiKeyDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const ISSUER = 'https://idp.example.com';

let g: GraphHarness;
let gateway: ReturnType<typeof createGateway>;
let globex: string;
let alice: string;
let bob: string;

const sign = (subject: string) =>
  new SignJWT({ scope: 'atlas:write atlas:audit' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience('atlas-keys-gateway')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));

async function ask<R, V>(document: TypedDocumentNode<R, V> | string, variables: V, token: string): Promise<ExecutionResult<R>> {
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  return (await response.json()) as ExecutionResult<R>;
}

async function mutate<R, V>(document: TypedDocumentNode<R, V>, variables: V, token: string): Promise<Record<string, unknown>> {
  const body = await ask(document, variables, token);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data as Record<string, Record<string, unknown>>)[0]!;
}

interface Matched {
  type: string;
  target: { publicKey: string };
  requestedBy: {
    ambiguous: boolean;
    record: { operation: string; outcome: string; caller: { subject: string } } | null;
    caller: { subject: string } | null;
    candidates: Array<{ operation: string; caller: { subject: string } }>;
  } | null;
}

const EVENTS = `query($id: ID!) { organization(id: $id) { apiKeyEvents(first: 100) { edges { node {
  type target { publicKey }
  requestedBy { ambiguous record { operation outcome caller { subject } } caller { subject } candidates { operation caller { subject } } }
} } } } }`;

/** The organization's newest events acting on a key, newest first. */
async function eventsOf(publicKey: string): Promise<Matched[]> {
  const body = await ask<{ organization: { apiKeyEvents: { edges: Array<{ node: Matched }> } } }, { id: string }>(EVENTS, { id: globex }, alice);
  expect(body.errors).toBeUndefined();
  return body.data!.organization.apiKeyEvents.edges.map((e) => e.node).filter((e) => e.target.publicKey === publicKey);
}

beforeAll(async () => {
  g = await startGraph('demo');
  globex = g.sim.control.seeded.orgs[1]!.id;
  gateway = createGateway({
    atlas: g.atlas,
    audit: createMemoryAuditLog(),
    verifier: createVerifier({ secret: SECRET, issuer: ISSUER, audience: 'atlas-keys-gateway' }),
  });
  alice = await sign('alice@example.com');
  bob = await sign('bob@example.com');
});
afterAll(() => g.close());

describe('ApiKeyEvent.requestedBy', () => {
  it('names the person behind each change the gateway made, a deleted key included', async () => {
    const created = await mutate(CreateApiKeyDocument, { input: { organizationId: globex, description: 'asked for by alice', roles: ['ORG_MEMBER'] } }, alice);
    const key = created.apiKey as { id: string; publicKey: string };
    await mutate(AddAccessListEntriesDocument, { input: { apiKeyId: key.id, entries: ['198.51.100.7'] } }, alice);
    await mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'renamed by alice' } }, alice);
    const deleted = await mutate(DeleteApiKeyDocument, { input: { id: key.id } }, bob);
    expect(deleted.deletedPublicKey).toBe(key.publicKey);

    g.resetCalls();
    const events = await eventsOf(key.publicKey);
    // The records are the gateway's: matching them costs no Atlas call beyond the page of events.
    expect(g.calls()).toEqual(['getOrg', 'listOrgEvents']);
    expect(events.map((e) => [e.type, e.requestedBy?.record?.operation, e.requestedBy?.caller?.subject, e.requestedBy?.ambiguous])).toEqual([
      ['API_KEY_DELETED', 'deleteApiKey', 'bob@example.com', false],
      ['API_KEY_DESCRIPTION_CHANGED', 'updateApiKey', 'alice@example.com', false],
      ['API_KEY_ACCESS_LIST_ENTRY_ADDED', 'addAccessListEntries', 'alice@example.com', false],
      ['API_KEY_CREATED', 'createApiKey', 'alice@example.com', false],
    ]);
  });

  it("leaves a change made with the gateway's own key outside the gateway unmatched", async () => {
    const key = await g.atlas.createApiKey(globex, { description: 'made around the gateway', roles: ['ORG_MEMBER'] });
    const [event] = await eventsOf(key.publicKey);
    expect(event).toMatchObject({ type: 'API_KEY_CREATED', requestedBy: null });
  });

  it('is ambiguous when two people change the same key at the same time, and names every candidate', async () => {
    const created = await mutate(CreateApiKeyDocument, { input: { organizationId: globex, description: 'contended', roles: ['ORG_MEMBER'] } }, alice);
    const key = created.apiKey as { id: string; publicKey: string };
    await Promise.all([
      mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'by alice' } }, alice),
      mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'by bob' } }, bob),
    ]);
    const changes = (await eventsOf(key.publicKey)).filter((e) => e.type === 'API_KEY_DESCRIPTION_CHANGED');
    expect(changes).toHaveLength(2);
    for (const change of changes) {
      expect(change.requestedBy).toMatchObject({ ambiguous: true, record: null, caller: null });
      expect(change.requestedBy!.candidates.map((c) => c.caller.subject).sort()).toEqual(['alice@example.com', 'bob@example.com']);
    }
    // Its creation is not: only alice's createApiKey leaves API_KEY_CREATED.
    expect((await eventsOf(key.publicKey)).find((e) => e.type === 'API_KEY_CREATED')!.requestedBy).toMatchObject({ ambiguous: false, caller: { subject: 'alice@example.com' } });
  });

  it('names the caller when every candidate is the same person', async () => {
    const created = await mutate(CreateApiKeyDocument, { input: { organizationId: globex, description: 'twice', roles: ['ORG_MEMBER'] } }, alice);
    const key = created.apiKey as { id: string; publicKey: string };
    await mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'once' } }, alice);
    await mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'twice over' } }, alice);
    const changes = (await eventsOf(key.publicKey)).filter((e) => e.type === 'API_KEY_DESCRIPTION_CHANGED');
    expect(changes).toHaveLength(2);
    for (const change of changes) expect(change.requestedBy).toMatchObject({ ambiguous: true, record: null, caller: { subject: 'alice@example.com' } });
  });
});

describe('recordsBehind', () => {
  const T = Date.parse('2026-06-01T12:00:00.000Z');
  const GATEWAY_KEY = 'gatewaykey';
  const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
    id: auditRecordId(T + 1_000),
    startedAt: new Date(T - 1_000).toISOString(),
    at: new Date(T + 1_000).toISOString(),
    requestId: 'r1',
    caller: { kind: 'jwt', subject: 'alice@example.com', issuer: ISSUER },
    actingAs: { kind: 'apiKey', publicKey: GATEWAY_KEY },
    operation: 'updateApiKey',
    input: {},
    outcome: 'DONE',
    resultType: 'ApiKeyPayload',
    orgId: 'org',
    projectId: null,
    apiKeys: [{ apiKeyId: 'key1', publicKey: 'targetkey' }],
    ...overrides,
  });
  // As the client reads Atlas's answer.
  const event = (overrides: Partial<AtlasEvent> = {}): AtlasEvent =>
    atlasEventSchema.parse({
      id: 'e1',
      created: new Date(T).toISOString(),
      eventTypeName: 'API_KEY_DESCRIPTION_CHANGED',
      publicKey: GATEWAY_KEY,
      targetPublicKey: 'targetkey',
      ...overrides,
    });

  it('matches by actor, type, target and the time the mutation ran, with the clock skew either side', () => {
    expect(recordsBehind(event(), [record()])).toHaveLength(1);
    const answered = T + 1_000;
    expect(recordsBehind(event({ created: new Date(answered + MATCH_CLOCK_SKEW_MS).toISOString() }), [record()])).toHaveLength(1);
    expect(recordsBehind(event({ created: new Date(answered + MATCH_CLOCK_SKEW_MS + 1).toISOString() }), [record()])).toHaveLength(0);
    expect(recordsBehind(event({ created: new Date(T - 1_000 - MATCH_CLOCK_SKEW_MS - 1).toISOString() }), [record()])).toHaveLength(0);
    expect(recordsBehind(event({ publicKey: 'someoneelse' }), [record()])).toHaveLength(0);
    expect(recordsBehind(event({ publicKey: undefined, username: 'carol@example.com' }), [record()])).toHaveLength(0);
    expect(recordsBehind(event({ eventTypeName: 'API_KEY_DELETED' }), [record()])).toHaveLength(0);
    expect(recordsBehind(event({ targetPublicKey: 'otherkey' }), [record()])).toHaveLength(0);
  });

  it('leaves out what changed nothing, and keeps what may have changed something', () => {
    expect(recordsBehind(event(), [record({ outcome: 'NOT_DONE', resultType: 'ValidationError' })])).toHaveLength(0);
    expect(recordsBehind(event(), [record({ outcome: 'OUTCOME_UNKNOWN', resultType: 'OutcomeUnknownError' })])).toHaveLength(1);
  });

  it("matches a record that lacks the target's public key by the key's id, when it is known", () => {
    const byId = record({ apiKeys: [{ apiKeyId: 'key1', publicKey: null }] });
    expect(recordsBehind(event(), [byId])).toHaveLength(0);
    expect(recordsBehind(event(), [byId], 'key1')).toHaveLength(1);
    expect(recordsBehind(event(), [byId], 'key2')).toHaveLength(0);
  });

  it("matches a service account's change by its client id in delegatePrincipal", () => {
    const account = record({ actingAs: { kind: 'serviceAccount', clientId: 'mdb_sa_id_1' } });
    expect(recordsBehind(event({ publicKey: undefined, delegatePrincipal: { id: 'mdb_sa_id_1' } }), [account])).toHaveLength(1);
    expect(recordsBehind(event({ publicKey: undefined, delegatePrincipal: { id: 'mdb_sa_id_2' } }), [account])).toHaveLength(0);
    const passThrough = record({ actingAs: { kind: 'callerToken' }, caller: { kind: 'atlasToken', subject: 'mdb_sa_id_3', tokenHash: null } });
    expect(recordsBehind(event({ publicKey: undefined, delegatePrincipal: { id: 'mdb_sa_id_3' } }), [passThrough])).toHaveLength(1);
  });
});
