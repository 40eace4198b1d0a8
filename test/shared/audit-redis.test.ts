// Audit records in a real Redis: kept across a restart of the gateway (a new store on the same
// Redis), dropped past the retention, and, while Redis refuses writes, kept in this process
// and logged at error level without holding up the answer.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLog, type AuditRecord, auditRecordId, createAuditLog } from '../../src/server/audit-store.js';
import { createLogger } from '../../src/server/logger.js';
import { type RedisServer, startRedis } from './redis-server.js';

const ORG = '63ff1b1866829a72d9af8ca1';
const KEY = '6b1310d9f8f2735b919dfe61';
const DAY = 86_400_000;

let redis: RedisServer;
const stores: AuditLog[] = [];
const store = async (options: Parameters<typeof createAuditLog>[0]) => {
  const created = await createAuditLog({ redisUrl: redis.url, ...options });
  stores.push(created);
  await created.ready();
  return created;
};

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
});

function auditRecord(at: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: auditRecordId(at),
    at: new Date(at).toISOString(),
    requestId: randomUUID(),
    caller: { kind: 'jwt', subject: 'alice@example.com', issuer: 'https://idp.example.com' },
    actingAs: { kind: 'apiKey', publicKey: 'gatewayk' },
    operation: 'updateApiKey',
    input: { input: { description: 'x' } },
    outcome: 'DONE',
    resultType: 'ApiKeyPayload',
    orgId: ORG,
    projectId: null,
    apiKeys: [{ apiKeyId: KEY, publicKey: 'abcdefgh' }],
    ...overrides,
  };
}

describe('audit records in Redis', () => {
  it('are kept across a restart: a new store on the same Redis reads them, newest first, by organization and by key', async () => {
    const keyPrefix = `audit-test-${randomUUID()}:`;
    const before = await store({ keyPrefix });
    expect(before.kind).toBe('redis');
    const now = Date.now();
    const older = auditRecord(now - 2_000, { operation: 'createApiKey' });
    const other = auditRecord(now - 1_000, { apiKeys: [{ apiKeyId: '6b1310d9f8f2735b919dfe62', publicKey: null }] });
    const newer = auditRecord(now, { outcome: 'OUTCOME_UNKNOWN', resultType: 'OutcomeUnknownError' });
    for (const record of [older, other, newer]) await before.record(record);
    await before.close();

    const after = await store({ keyPrefix });
    expect((await after.list({ orgId: ORG, first: 10 })).records).toEqual([newer, other, older]);
    expect((await after.list({ orgId: ORG, apiKeyId: KEY, first: 10 })).records.map((r) => r.id)).toEqual([newer.id, older.id]);
    const page = await after.list({ orgId: ORG, first: 1 });
    expect(page).toEqual({ records: [newer], hasMore: true });
    expect((await after.list({ orgId: ORG, first: 10, before: newer.id })).records.map((r) => r.id)).toEqual([other.id, older.id]);
    expect((await after.list({ orgId: ORG, first: 10, outcome: 'OUTCOME_UNKNOWN' })).records).toEqual([newer]);
    expect((await after.list({ orgId: ORG, first: 10, operation: 'createApiKey' })).records).toEqual([older]);
    // A window of answer times, bounds included (how an Atlas event finds the record behind it).
    expect((await after.list({ orgId: ORG, first: 10, answeredFrom: now - 1_000, answeredTo: now - 1_000 })).records).toEqual([other]);
    expect((await after.list({ orgId: ORG, first: 10, answeredFrom: now - 1_500 })).records).toEqual([newer, other]);
    expect((await after.list({ orgId: ORG, first: 10, answeredTo: now - 1_500 })).records).toEqual([older]);
  });

  it("are read by service account from that account's own set, and records written before accounts were kept still read", async () => {
    const keyPrefix = `audit-test-${randomUUID()}:`;
    const audit = await store({ keyPrefix });
    const now = Date.now();
    const clientId = 'mdb_sa_id_6b1310d9f8f2735b919dfe63';
    const { apiKeys: _none, ...withoutKeys } = auditRecord(now - 2_000);
    const created = { ...withoutKeys, apiKeys: [], serviceAccounts: [{ clientId }], operation: 'createServiceAccount', resultType: 'CreateServiceAccountPayload' };
    const rotated = auditRecord(now - 1_000, { apiKeys: [], serviceAccounts: [{ clientId }], operation: 'rotateServiceAccountSecret', outcome: 'PARTLY_DONE', resultType: 'UpstreamUnavailableError' });
    const unrelated = auditRecord(now, { serviceAccounts: [{ clientId: 'mdb_sa_id_6b1310d9f8f2735b919dfe64' }] });
    const legacy = auditRecord(now - 500);
    delete (legacy as { serviceAccounts?: unknown }).serviceAccounts;
    for (const record of [created, rotated, unrelated, legacy]) await audit.record(record);
    expect((await audit.list({ orgId: ORG, clientId, first: 10 })).records).toEqual([rotated, created]);
    expect((await audit.list({ orgId: ORG, clientId, first: 10, outcome: 'PARTLY_DONE' })).records).toEqual([rotated]);
    expect((await audit.list({ orgId: ORG, first: 10 })).records.map((r) => r.id)).toEqual([unrelated.id, legacy.id, rotated.id, created.id]);
    // Read from the account's own set: it holds its two records and nothing else.
    const { Redis } = await import('ioredis');
    const direct = new Redis(redis.url, { keyPrefix });
    try {
      expect((await direct.zrange(`sa:${ORG}:${clientId}`, 0, -1)).map((member) => (JSON.parse(member) as AuditRecord).id)).toEqual([created.id, rotated.id]);
    } finally {
      direct.disconnect();
    }
    await audit.close();
  });

  it('drops records older than the retention on write', async () => {
    const keyPrefix = `audit-test-${randomUUID()}:`;
    let now = Date.now();
    const audit = await store({ keyPrefix, retentionDays: 1, now: () => now });
    const old = auditRecord(now);
    await audit.record(old);
    now += 2 * DAY;
    const fresh = auditRecord(now);
    await audit.record(fresh);
    expect((await audit.list({ orgId: ORG, first: 10 })).records).toEqual([fresh]);
    // Gone from Redis itself, not only hidden on read.
    const { Redis } = await import('ioredis');
    const raw = new Redis(redis.url);
    try {
      const members = await raw.zrange(`${keyPrefix}org:${ORG}`, 0, -1);
      expect(members.map((m) => (JSON.parse(m) as AuditRecord).id)).toEqual([fresh.id]);
      expect(await raw.pttl(`${keyPrefix}org:${ORG}`)).toBeGreaterThan(0);
    } finally {
      raw.disconnect();
    }
  });

  it('keeps a record in this process, logged at error level, when Redis is away; the write does not fail', async () => {
    const keyPrefix = `audit-test-${randomUUID()}:`;
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const audit = await store({ keyPrefix, logger: createLogger({ destination }) });
    await redis.stop();
    const record = auditRecord(Date.now());
    await expect(audit.record(record)).resolves.toBeUndefined();
    expect(lines.filter((l) => l.msg === 'audit')).toHaveLength(1);
    expect(lines.find((l) => l.level === 50)).toMatchObject({ auditId: record.id, requestId: record.requestId });
    await redis.start();
    await audit.ready();
    // Read back from this process beside what Redis holds (nothing, here).
    await until(async () => (await audit.list({ orgId: ORG, first: 10 }).catch(() => ({ records: [] }))).records.length === 1);
    expect((await audit.list({ orgId: ORG, first: 10 })).records).toEqual([record]);
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
