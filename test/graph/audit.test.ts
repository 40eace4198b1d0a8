// The gateway's audit records: every mutation leaves exactly one, before its answer, naming who
// asked (not only the gateway's credential, which is all Atlas records), what, and what came of it.
import { Writable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { SignJWT } from 'jose';
import { type ExecutionResult, buildSchema, graphql, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { auditMutations } from '../../src/graph/audit.js';
import { createContext } from '../../src/graph/context.js';
import { type AuditLog, type AuditRecord, auditRecordId, createMemoryAuditLog, redactSecrets } from '../../src/server/audit-store.js';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/server/logger.js';
import { fetchToken } from '../simulator/helpers.js';
import {
  AddAccessListEntriesDocument,
  ApiKeyAuditRecordsDocument,
  AssignApiKeyToProjectDocument,
  CreateApiKeyDocument,
  CreateProjectApiKeyDocument,
  DeleteApiKeyDocument,
  OrganizationAuditRecordsDocument,
  RemoveAccessListEntryDocument,
  RotateApiKeyDocument,
  SetProjectApiKeyRolesDocument,
  UnassignApiKeyFromProjectDocument,
  UpdateApiKeyDocument,
} from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const ISSUER = 'https://idp.example.com';

let g: GraphHarness;
let gateway: ReturnType<typeof createGateway>;
let memory: AuditLog;
/** Every record the gateway hands its audit log, in order. */
const recorded: AuditRecord[] = [];
/** The log, one parsed JSON line each. */
const lines: Array<Record<string, unknown>> = [];
let acme: string;
let globex: string;
let project: string;

const sign = (scope: string, subject = 'alice@example.com') =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience('atlas-keys-gateway')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));

async function ask<R, V>(target: ReturnType<typeof createGateway>, document: TypedDocumentNode<R, V> | string, variables: V, token?: string) {
  const response = await target.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  return { body: (await response.json()) as ExecutionResult<R>, requestId: response.headers.get('x-request-id') };
}

beforeAll(async () => {
  g = await startGraph('demo');
  acme = g.sim.control.seeded.orgs[0]!.id;
  globex = g.sim.control.seeded.orgs[1]!.id;
  project = g.sim.control.seeded.orgs[0]!.projects[0]!.id;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ destination });
  memory = createMemoryAuditLog({ logger });
  const audit: AuditLog = {
    ...memory,
    record: async (record) => {
      recorded.push(record);
      await memory.record(record);
    },
  };
  gateway = createGateway({ atlas: g.atlas, audit, logger, verifier: createVerifier({ secret: SECRET, issuer: ISSUER, audience: 'atlas-keys-gateway' }) });
});
afterAll(() => g.close());

describe('every mutation', () => {
  let token: string;
  beforeAll(async () => {
    token = await sign('atlas:write atlas:audit');
  });

  /** Runs a mutation and returns its payload, the one record it left, and the request id. */
  async function mutate<R, V>(document: TypedDocumentNode<R, V> | string, variables: V, as = token) {
    const before = recorded.length;
    const { body, requestId } = await ask(gateway, document, variables, as);
    expect(body.errors).toBeUndefined();
    expect(recorded.length - before).toBe(1);
    const record = recorded.at(-1)!;
    expect(record.requestId).toBe(requestId);
    return { payload: Object.values(body.data as Record<string, Record<string, unknown>>)[0]!, record };
  }

  it('leaves exactly one record each, with the JWT caller, the outcome, and the keys touched by public key', async () => {
    const jwtCaller = { kind: 'jwt', subject: 'alice@example.com', issuer: ISSUER };
    const credential = { kind: 'apiKey', publicKey: g.sim.control.admin.publicKey };

    const created = await mutate(CreateApiKeyDocument, { input: { organizationId: acme, description: 'audited', roles: ['ORG_MEMBER'] } });
    const key = created.payload.apiKey as { id: string; atlasId: string; publicKey: string };
    expect(created.record).toMatchObject({
      operation: 'createApiKey',
      caller: jwtCaller,
      actingAs: credential,
      outcome: 'DONE',
      resultType: 'CreateApiKeyPayload',
      orgId: acme,
      apiKeys: [{ apiKeyId: key.atlasId, publicKey: key.publicKey }],
      input: { input: { organizationId: acme, description: 'audited', roles: ['ORG_MEMBER'] } },
    });
    // The private key is in the answer only: not in the record, nor in its log line.
    const privateKey = created.payload.privateKey as string;
    expect(JSON.stringify(created.record)).not.toContain(privateKey);
    expect(JSON.stringify(lines)).not.toContain(privateKey);

    const steps: Array<[string, () => Promise<{ payload: Record<string, unknown>; record: AuditRecord }>, string, Partial<AuditRecord>?]> = [
      ['updateApiKey', () => mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'audited again' } }), 'ApiKeyPayload'],
      ['addAccessListEntries', () => mutate(AddAccessListEntriesDocument, { input: { apiKeyId: key.id, entries: ['198.51.100.7'] } }), 'AddAccessListEntriesPayload'],
      ['removeAccessListEntry', () => mutate(RemoveAccessListEntryDocument, { input: { apiKeyId: key.id, entry: '198.51.100.7' } }), 'RemoveAccessListEntryPayload'],
      ['assignApiKeyToProject', () => mutate(AssignApiKeyToProjectDocument, { input: { projectId: project, apiKeyId: key.id, roles: ['GROUP_READ_ONLY'] } }), 'ProjectApiKeyPayload', { projectId: project }],
      ['setProjectApiKeyRoles', () => mutate(SetProjectApiKeyRolesDocument, { input: { projectId: project, apiKeyId: key.id, roles: ['GROUP_DATA_ACCESS_READ_ONLY'] } }), 'ProjectApiKeyPayload', { projectId: project }],
      ['unassignApiKeyFromProject', () => mutate(UnassignApiKeyFromProjectDocument, { input: { projectId: project, apiKeyId: key.id } }), 'ProjectApiKeyPayload', { projectId: project }],
    ];
    for (const [operation, run, resultType, extra] of steps) {
      const { record } = await run();
      expect(record, operation).toMatchObject({ operation, caller: jwtCaller, actingAs: credential, outcome: 'DONE', resultType, orgId: acme, ...extra });
      expect(record.apiKeys, operation).toEqual([{ apiKeyId: key.atlasId, publicKey: key.publicKey }]);
    }

    // The organization comes from the project: the input names none.
    const projectKey = await mutate(CreateProjectApiKeyDocument, { input: { projectId: project, description: 'audited project key', roles: ['GROUP_READ_ONLY'] } });
    const newProjectKey = projectKey.payload.apiKey as { id: string; atlasId: string; publicKey: string };
    expect(projectKey.record).toMatchObject({ operation: 'createProjectApiKey', outcome: 'DONE', resultType: 'CreateProjectApiKeyPayload', orgId: acme, projectId: project });
    expect(projectKey.record.apiKeys).toEqual([{ apiKeyId: newProjectKey.atlasId, publicKey: newProjectKey.publicKey }]);

    // Both keys of a rotation, the old one by public key too though it is deleted.
    const rotated = await mutate(RotateApiKeyDocument, { input: { id: key.id, oldKey: 'DELETE_NOW' } });
    const newKey = rotated.payload.newApiKey as { atlasId: string; publicKey: string };
    expect(rotated.record).toMatchObject({ operation: 'rotateApiKey', outcome: 'DONE', resultType: 'RotateApiKeyPayload', orgId: acme });
    expect(rotated.record.apiKeys).toEqual(
      expect.arrayContaining([
        { apiKeyId: key.atlasId, publicKey: key.publicKey },
        { apiKeyId: newKey.atlasId, publicKey: newKey.publicKey },
      ]),
    );
    expect(rotated.record.apiKeys).toHaveLength(2);
    expect(JSON.stringify(rotated.record)).not.toContain(rotated.payload.privateKey as string);

    const deleted = await mutate(DeleteApiKeyDocument, { input: { id: newProjectKey.id } });
    expect(deleted.record).toMatchObject({ operation: 'deleteApiKey', outcome: 'DONE', resultType: 'DeleteApiKeyPayload', orgId: acme, apiKeys: [{ apiKeyId: newProjectKey.atlasId }] });

    const settings = await mutate(
      `mutation { updateOrganizationSettings(input: { organizationId: "${acme}", apiAccessListRequired: false }) { __typename } }`,
      {},
    );
    expect(settings.record).toMatchObject({ operation: 'updateOrganizationSettings', outcome: 'DONE', resultType: 'UpdateOrganizationSettingsPayload', orgId: acme, apiKeys: [] });

    // Not done: refused input, and a token that may not change the organization.
    const refused = await mutate(UpdateApiKeyDocument, { input: { id: (rotated.payload.newApiKey as { id: string }).id } });
    expect(refused.record).toMatchObject({ operation: 'updateApiKey', outcome: 'NOT_DONE', resultType: 'ValidationError', orgId: acme, apiKeys: [{ apiKeyId: newKey.atlasId }] });
    const forbidden = await mutate(CreateApiKeyDocument, { input: { organizationId: acme, description: 'no', roles: ['ORG_MEMBER'] } }, await sign('atlas:read', 'bob@example.com'));
    expect(forbidden.record).toMatchObject({ operation: 'createApiKey', outcome: 'NOT_DONE', resultType: 'ForbiddenError', caller: { kind: 'jwt', subject: 'bob@example.com', issuer: ISSUER } });

    // Read back through the graph: newest first, the same records.
    const { body } = await ask(gateway, OrganizationAuditRecordsDocument, { id: acme, first: 100 }, token);
    const operations = body.data!.organization!.auditRecords.edges.map((e) => e.node.operation);
    expect(operations).toEqual([
      'createApiKey',
      'updateApiKey',
      'updateOrganizationSettings',
      'deleteApiKey',
      'rotateApiKey',
      'createProjectApiKey',
      'unassignApiKeyFromProject',
      'setProjectApiKeyRoles',
      'assignApiKeyToProject',
      'removeAccessListEntry',
      'addAccessListEntries',
      'updateApiKey',
      'createApiKey',
    ]);
    const newest = body.data!.organization!.auditRecords.edges[0]!.node;
    expect(newest).toMatchObject({ outcome: 'NOT_DONE', resultType: 'ForbiddenError', caller: { kind: 'JWT', subject: 'bob@example.com', issuer: ISSUER, tokenHashPrefix: null }, credential: { kind: 'API_KEY', publicKey: g.sim.control.admin.publicKey } });

    // The key's own records: those that touched it, its public key matching the events' targetPublicKey.
    const keyRecords = await ask(gateway, ApiKeyAuditRecordsDocument, { organizationId: acme, id: newKey.atlasId }, token);
    expect(keyRecords.body.data!.apiKey!.auditRecords.edges.map((e) => e.node.operation)).toEqual(['updateApiKey', 'rotateApiKey']);
    expect(keyRecords.body.data!.apiKey!.auditRecords.edges[1]!.node.apiKeys).toContainEqual({ atlasId: newKey.atlasId, publicKey: keyRecords.body.data!.apiKey!.publicKey });
  });

  it('records a write whose answer was lost and could not be settled as OUTCOME_UNKNOWN, with the key concerned', async () => {
    const created = await mutate(CreateApiKeyDocument, { input: { organizationId: acme, description: 'to be lost', roles: ['ORG_MEMBER'] } });
    const key = created.payload.apiKey as { id: string; atlasId: string };
    g.sim.control.injectFault('updateOrgApiKey', { sequence: ['500-after-apply'] });
    g.sim.control.injectFault('getOrgApiKey', { sequence: [503, 503, 503, 503, 503, 503] });
    try {
      const lost = await mutate(UpdateApiKeyDocument, { input: { id: key.id, description: 'maybe changed' } });
      expect(lost.payload.__typename).toBe('OutcomeUnknownError');
      expect(lost.record).toMatchObject({ operation: 'updateApiKey', outcome: 'OUTCOME_UNKNOWN', resultType: 'OutcomeUnknownError', orgId: acme, apiKeys: [{ apiKeyId: key.atlasId }] });
    } finally {
      g.sim.control.clearFaults();
    }
  });

  it('writes one log line per record, msg "audit", with the request id', async () => {
    const { record } = await mutate(CreateApiKeyDocument, { input: { organizationId: acme, description: 'logged', roles: ['ORG_MEMBER'] } });
    const logged = lines.filter((line) => line.msg === 'audit' && (line.audit as AuditRecord).id === record.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, audit: { requestId: record.requestId, operation: 'createApiKey', outcome: 'DONE', caller: { subject: 'alice@example.com' } } });
    // The same id as the request's own log line.
    expect(lines.filter((line) => line.msg === 'request' && line.requestId === record.requestId)).toHaveLength(1);
  });
});

describe('reading the records', () => {
  const query = (org: string) => `{ organization(id: "${org}") { auditRecords(first: 5) { edges { node { operation } } } } }`;

  it('needs atlas:audit, or atlas:audit for the organization: write does not imply it', async () => {
    for (const scope of ['atlas:write', 'atlas:read atlas:write', `atlas:read atlas:audit:${globex}`]) {
      const { body } = await ask(gateway, query(acme), {}, await sign(scope));
      expect(body.errors?.[0], scope).toMatchObject({ extensions: { code: 'FORBIDDEN', requiredScope: `atlas:audit:${acme}` } });
    }
    for (const scope of ['atlas:read atlas:audit', `atlas:read atlas:audit:${acme}`]) {
      const { body } = await ask<{ organization: { auditRecords: { edges: unknown[] } } }, object>(gateway, query(acme), {}, await sign(scope));
      expect(body.errors, scope).toBeUndefined();
      expect(body.data!.organization.auditRecords.edges.length, scope).toBeGreaterThan(0);
    }
  });

  it('pages newest first with after, and filters by operation and outcome', async () => {
    const token = await sign('atlas:read atlas:audit');
    const first = await ask(gateway, OrganizationAuditRecordsDocument, { id: acme, first: 2 }, token);
    const page = first.body.data!.organization!.auditRecords;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await ask(gateway, OrganizationAuditRecordsDocument, { id: acme, first: 2, after: page.pageInfo.endCursor }, token);
    const ids = [...page.edges, ...next.body.data!.organization!.auditRecords.edges].map((e) => e.node.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(4);
    const all = await ask(gateway, OrganizationAuditRecordsDocument, { id: acme, first: 4 }, token);
    expect(all.body.data!.organization!.auditRecords.edges.map((e) => e.node.id)).toEqual(ids);

    const filtered = await ask(gateway, OrganizationAuditRecordsDocument, { id: acme, first: 100, operation: 'updateApiKey', outcome: 'NOT_DONE' }, token);
    const nodes = filtered.body.data!.organization!.auditRecords.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.operation === 'updateApiKey' && n.outcome === 'NOT_DONE')).toBe(true);
  });
});

describe('the caller', () => {
  it('in pass-through mode is the subject of the Atlas token, never the token', async () => {
    const atlas = AtlasClient.create({ baseUrl: g.sim.url });
    const audit = createMemoryAuditLog();
    const passthrough = createGateway({ atlas, authMode: 'passthrough', audit });
    try {
      const account = g.sim.control.createServiceAccount([{ orgId: acme, roleName: 'ORG_OWNER' }]);
      const token = await fetchToken(g.sim.url, account.clientId, account.clientSecret);
      const { body } = await ask(passthrough, CreateApiKeyDocument, { input: { organizationId: acme, description: 'by a service account', roles: ['ORG_MEMBER'] } }, token);
      expect(body.data!.createApiKey.__typename).toBe('CreateApiKeyPayload');
      const { records } = await audit.list({ orgId: acme, first: 10 });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ caller: { kind: 'atlasToken', subject: account.clientId, tokenHash: null }, actingAs: { kind: 'callerToken' } });
      expect(JSON.stringify(records[0])).not.toContain(token);

      // A token that is no JWT: named by a hash prefix.
      await ask(passthrough, CreateApiKeyDocument, { input: { organizationId: acme, description: 'opaque', roles: ['ORG_MEMBER'] } }, 'opaque-token-value');
      const opaque = (await audit.list({ orgId: acme, first: 1 })).records[0]!;
      expect(opaque.caller).toEqual({ kind: 'atlasToken', subject: null, tokenHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
      expect(JSON.stringify(opaque)).not.toContain('opaque-token-value');
    } finally {
      await atlas.close();
    }
  });

  it('without inbound authentication is anonymous, and anyone may read the records', async () => {
    const audit = createMemoryAuditLog();
    const open = createGateway({ atlas: g.atlas, audit });
    const { body } = await ask(open, CreateApiKeyDocument, { input: { organizationId: acme, description: '', roles: ['ORG_MEMBER'] } });
    expect(body.data!.createApiKey.__typename).toBe('ValidationError');
    const read = await ask(open, OrganizationAuditRecordsDocument, { id: acme }, undefined);
    expect(read.body.data!.organization!.auditRecords.edges.map((e) => e.node)).toMatchObject([{ operation: 'createApiKey', outcome: 'NOT_DONE', caller: { kind: 'ANONYMOUS', subject: null } }]);
  });
});

describe('the transform', () => {
  it('records a resolver that throws an unexpected error as OUTCOME_UNKNOWN, before the error goes out', async () => {
    const schema = buildSchema('type Query { ok: Boolean } type Mutation { explode(input: String): Boolean }');
    const order: string[] = [];
    const records: AuditRecord[] = [];
    schema.getMutationType()!.getFields().explode!.resolve = () => {
      order.push('resolver');
      throw new Error('socket hang up after the write was sent');
    };
    auditMutations(schema);
    const audit: AuditLog = {
      ...createMemoryAuditLog(),
      record: async (record) => {
        order.push('record');
        records.push(record);
      },
    };
    const result = await graphql({ schema, source: 'mutation { explode(input: "x") }', contextValue: createContext(g.atlas, { audit }) });
    order.push('answer');
    expect(result.errors?.[0]?.message).toContain('socket hang up');
    expect(order).toEqual(['resolver', 'record', 'answer']);
    expect(records).toMatchObject([{ operation: 'explode', outcome: 'OUTCOME_UNKNOWN', resultType: 'Error', input: { input: 'x' }, caller: { kind: 'anonymous' } }]);
  });
});

describe('the in-process store', () => {
  const at = (ms: number, operation = 'updateApiKey'): AuditRecord => ({
    id: auditRecordId(ms),
    at: new Date(ms).toISOString(),
    requestId: null,
    caller: { kind: 'anonymous' },
    actingAs: { kind: 'none' },
    operation,
    input: {},
    outcome: 'DONE',
    resultType: 'ApiKeyPayload',
    orgId: acme,
    projectId: null,
    apiKeys: [],
  });

  it('keeps the newest records up to its bound, and none past the retention', async () => {
    let now = Date.now();
    const bounded = createMemoryAuditLog({ localMax: 3, retentionDays: 1, now: () => now });
    const records = [0, 1, 2, 3, 4].map((i) => at(now + i));
    for (const record of records) await bounded.record(record);
    expect((await bounded.list({ orgId: acme, first: 10 })).records).toEqual(records.slice(2).reverse());
    now += 2 * 86_400_000;
    const fresh = at(now);
    await bounded.record(fresh);
    expect((await bounded.list({ orgId: acme, first: 10 })).records).toEqual([fresh]);
  });

  it('reads a window of answer times, bounds included', async () => {
    const now = Date.now();
    const log = createMemoryAuditLog();
    const records = [0, 1_000, 2_000, 3_000].map((offset) => at(now + offset));
    for (const record of records) await log.record(record);
    expect((await log.list({ orgId: acme, first: 10, answeredFrom: now + 1_000, answeredTo: now + 2_000 })).records).toEqual([records[2], records[1]]);
    expect((await log.list({ orgId: acme, first: 10, answeredFrom: now + 2_500 })).records).toEqual([records[3]]);
    expect((await log.list({ orgId: acme, first: 10, answeredTo: now + 500 })).records).toEqual([records[0]]);
  });
});

describe('redaction', () => {
  it('replaces every field whose name looks like a secret, at any depth, and keeps the rest', () => {
    expect(
      redactSecrets({
        input: {
          description: 'x',
          clientSecret: 's3cr3t',
          nested: [{ privateKey: 'pk', password: 'pw', accessToken: 't', roles: ['ORG_MEMBER'] }],
          tokenName: 'also redacted: the name says token',
          count: 2,
        },
      }),
    ).toEqual({
      input: {
        description: 'x',
        clientSecret: '[redacted]',
        nested: [{ privateKey: '[redacted]', password: '[redacted]', accessToken: '[redacted]', roles: ['ORG_MEMBER'] }],
        tokenName: '[redacted]',
        count: 2,
      },
    });
  });
});
