/**
 * The gateway's audit records: one per mutation field executed, saying who asked (Atlas records
 * every change through the gateway as made by the gateway's own credential, so the person behind
 * it is known only here), through which credential, what was asked and what came of it.
 *
 * In Redis when `REDIS_URL` is set: a sorted set per organization, one per key and service account and a global one,
 * each member a record (JSON, its id first), scored by its time; records older than the retention
 * are dropped on every write, and a set nobody writes to expires after the retention. In this
 * process otherwise: the newest `localMax` records, lost on restart and seen by this replica only.
 *
 * Recording never fails a mutation: when Redis refuses a write, the record is kept in this process
 * (and read from there with the rest) and the failure is logged at error level. Every record also
 * goes to the log as one line, `msg: "audit"`.
 */
import { randomBytes } from 'node:crypto';
import type { ActingAs } from '../atlas/index.js';
import type { Logger } from './logger.js';

export type AuditOutcome = 'DONE' | 'PARTLY_DONE' | 'NOT_DONE' | 'OUTCOME_UNKNOWN';

/**
 * Who asked. `jwt`: the inbound JWT's subject and issuer. `atlasToken`: a pass-through caller,
 * by the subject of its Atlas token (a service account's client id), or when the token names none,
 * by a hash prefix of it (never the token). `anonymous`: no inbound authentication is configured.
 */
export type AuditCaller =
  | { kind: 'jwt'; subject: string | null; issuer: string | null }
  | { kind: 'atlasToken'; subject: string | null; tokenHash: string | null }
  | { kind: 'anonymous' };

/** An Atlas key a record touched; its public key when the answer showed it (Atlas' events name keys by it). */
export interface AuditedKey {
  apiKeyId: string;
  publicKey: string | null;
}

/** A service account a record touched, by its client id (Atlas' own id for it). */
export interface AuditedServiceAccount {
  clientId: string;
}

export interface AuditRecord {
  /** Sortable: later records have greater ids (by time, then by order within this process). */
  id: string;
  /** ISO time the mutation answered. */
  at: string;
  /** ISO time the mutation started (absent in records written before it was kept): the change Atlas recorded falls between the two. */
  startedAt?: string;
  /** The request's id, as in its log line and `x-request-id`. */
  requestId: string | null;
  caller: AuditCaller;
  /** The credential the gateway called Atlas with (never a secret). */
  actingAs: ActingAs;
  /** The mutation field, e.g. `createApiKey`. */
  operation: string;
  /** Its arguments, secrets redacted. */
  input: unknown;
  outcome: AuditOutcome;
  /** The result's GraphQL type (`ApiKeyPayload`, `ValidationError`, ...), or `Error` when it threw. */
  resultType: string;
  orgId: string | null;
  projectId: string | null;
  apiKeys: AuditedKey[];
  /** The service accounts it touched (absent in records written before they were kept). */
  serviceAccounts?: AuditedServiceAccount[];
}

export interface AuditQuery {
  orgId: string;
  /** Only the records that touched this key. */
  apiKeyId?: string;
  /** Only the records that touched this service account (by client id). */
  clientId?: string;
  first: number;
  /** Only records older than this record id (a cursor). */
  before?: string;
  /** Only records that answered in this window (ms since the epoch, inclusive). */
  answeredFrom?: number;
  answeredTo?: number;
  operation?: string;
  outcome?: AuditOutcome;
}

export interface AuditLog {
  readonly kind: 'memory' | 'redis';
  /** Keeps the record; never rejects. */
  record(record: AuditRecord): Promise<void>;
  /** Newest first; `hasMore` when older records match too. */
  list(query: AuditQuery): Promise<{ records: AuditRecord[]; hasMore: boolean }>;
  /** Resolves once the store is usable (for tests); never rejects. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface AuditLogOptions {
  /** redis:// or rediss:// URL; none keeps records in this process. */
  redisUrl?: string;
  /** Prepended to every Redis key; default `atlas-keys-gateway:audit:`. */
  keyPrefix?: string;
  /** Records older than this many days are dropped (AUDIT_RETENTION_DAYS); default 90. */
  retentionDays?: number;
  /** Records kept in this process, newest kept; default 10 000. */
  localMax?: number;
  logger?: Logger;
  /** The clock retention is measured by (tests). */
  now?: () => number;
}

export const AUDIT_DEFAULTS = { keyPrefix: 'atlas-keys-gateway:audit:', retentionDays: 90, localMax: 10_000, commandTimeoutMs: 1_000 } as const;

const DAY_MS = 86_400_000;
let sequence = 0;

/** A record id: time (ms, base 36), a sequence of this process and a random part, all fixed width, so ids sort as records do. */
export function auditRecordId(at: number): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `${at.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}

/** The time an id was made at. */
export const auditIdTime = (id: string): number => parseInt(id.slice(0, 9), 36);

const SECRET_NAME = /secret|private|password|token/i;
/** Names that match SECRET_NAME but hold none: which secret, and how long one lives. */
const NOT_SECRET_NAME = /^secretId$|Hours$/;

/** `value` with every field whose name looks like a secret replaced by "[redacted]", at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) ? '[redacted]' : redactSecrets(field)]));
}

const matches = (record: AuditRecord, query: AuditQuery): boolean =>
  record.orgId === query.orgId &&
  (query.apiKeyId === undefined || record.apiKeys.some((key) => key.apiKeyId === query.apiKeyId)) &&
  (query.clientId === undefined || (record.serviceAccounts ?? []).some((account) => account.clientId === query.clientId)) &&
  (query.before === undefined || record.id < query.before) &&
  (query.answeredFrom === undefined || Date.parse(record.at) >= query.answeredFrom) &&
  (query.answeredTo === undefined || Date.parse(record.at) <= query.answeredTo) &&
  (query.operation === undefined || record.operation === query.operation) &&
  (query.outcome === undefined || record.outcome === query.outcome);

/** Records in this process, oldest first, the newest `max` within the retention kept. */
function localRecords(max: number, retentionMs: number, now: () => number) {
  let records: AuditRecord[] = [];
  const expire = () => {
    const oldest = now() - retentionMs;
    const from = records.findIndex((record) => Date.parse(record.at) >= oldest);
    records = from < 0 ? [] : from > 0 ? records.slice(from) : records;
  };
  return {
    add(record: AuditRecord) {
      records.push(record);
      // Ids from this process grow, unless the clock went back.
      if (records.length > 1 && records[records.length - 2]!.id > record.id) records.sort((a, b) => (a.id < b.id ? -1 : 1));
      if (records.length > max) records = records.slice(records.length - max);
      expire();
    },
    list(query: AuditQuery): AuditRecord[] {
      expire();
      const found: AuditRecord[] = [];
      for (let i = records.length - 1; i >= 0 && found.length <= query.first; i--) {
        // Oldest first, by the time they answered: nothing earlier can be in the window.
        if (query.answeredFrom !== undefined && auditIdTime(records[i]!.id) < query.answeredFrom) break;
        if (matches(records[i]!, query)) found.push(records[i]!);
      }
      return found;
    },
    clear: () => void (records = []),
  };
}

/** Records kept in this process only. */
export function createMemoryAuditLog(options: Omit<AuditLogOptions, 'redisUrl' | 'keyPrefix'> = {}): AuditLog {
  const local = localRecords(options.localMax ?? AUDIT_DEFAULTS.localMax, (options.retentionDays ?? AUDIT_DEFAULTS.retentionDays) * DAY_MS, options.now ?? Date.now);
  return {
    kind: 'memory',
    async record(record) {
      options.logger?.info({ audit: record }, 'audit');
      local.add(record);
    },
    async list(query) {
      const found = local.list(query);
      return { records: found.slice(0, query.first), hasMore: found.length > query.first };
    },
    ready: async () => undefined,
    close: async () => local.clear(),
  };
}

/** The sets a record belongs to: every record's, its organization's, and each key's and service account's it touched. */
function setsOf(record: AuditRecord): string[] {
  const sets = ['all'];
  if (record.orgId) {
    sets.push(`org:${record.orgId}`);
    for (const key of record.apiKeys) sets.push(`key:${record.orgId}:${key.apiKeyId}`);
    for (const account of record.serviceAccounts ?? []) sets.push(`sa:${record.orgId}:${account.clientId}`);
  }
  return sets;
}

/** The one set that holds every record a query can match. */
const setOf = (query: AuditQuery): string =>
  query.apiKeyId !== undefined ? `key:${query.orgId}:${query.apiKeyId}` : query.clientId !== undefined ? `sa:${query.orgId}:${query.clientId}` : `org:${query.orgId}`;

/** How many members one Redis read takes while looking for matches. */
const SCAN_BATCH = 200;

export async function createAuditLog(options: AuditLogOptions = {}): Promise<AuditLog> {
  if (!options.redisUrl) return createMemoryAuditLog(options);
  const now = options.now ?? Date.now;
  const retentionMs = (options.retentionDays ?? AUDIT_DEFAULTS.retentionDays) * DAY_MS;
  const { logger } = options;
  // What Redis refused to keep, read back with what it holds.
  const fallback = localRecords(options.localMax ?? AUDIT_DEFAULTS.localMax, retentionMs, now);
  // Loaded only when Redis is configured, as the shared reads' client is.
  const { Redis } = await import('ioredis');
  const redis = new Redis(options.redisUrl, {
    keyPrefix: options.keyPrefix ?? AUDIT_DEFAULTS.keyPrefix,
    // Fail at once while disconnected: the record is then kept here, and the answer is not held up.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: AUDIT_DEFAULTS.commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  // Connection failures arrive as 'error' events; each command's own failure is what counts.
  redis.on('error', () => undefined);

  async function fromRedis(query: AuditQuery): Promise<AuditRecord[]> {
    const set = setOf(query);
    const max = String(Math.min(query.before === undefined ? Infinity : auditIdTime(query.before), query.answeredTo ?? Infinity)).replace('Infinity', '+inf');
    const min = String(Math.max(now() - retentionMs, query.answeredFrom ?? -Infinity));
    const found: AuditRecord[] = [];
    // Equal scores come in reverse order of member, and every member starts with its id: newest first throughout.
    for (let offset = 0; found.length <= query.first; offset += SCAN_BATCH) {
      const members = await redis.zrevrangebyscore(set, max, min, 'LIMIT', offset, SCAN_BATCH);
      for (const member of members) {
        const record = JSON.parse(member) as AuditRecord;
        if (matches(record, query)) found.push(record);
        if (found.length > query.first) break;
      }
      if (members.length < SCAN_BATCH) break;
    }
    return found;
  }

  return {
    kind: 'redis',
    async record(record) {
      logger?.info({ audit: record }, 'audit');
      // The id first: members of equal score then sort by id.
      const { id, ...rest } = record;
      const member = JSON.stringify({ id, ...rest });
      const score = Date.parse(record.at);
      const oldest = now() - retentionMs;
      const multi = redis.multi();
      for (const set of setsOf(record)) {
        multi.zadd(set, score, member).zremrangebyscore(set, '-inf', `(${oldest}`).pexpire(set, retentionMs);
      }
      try {
        const results = await multi.exec();
        const failed = results?.find(([error]) => error)?.[0];
        if (!results || failed) throw failed ?? new Error('the transaction was discarded');
      } catch (error) {
        fallback.add(record);
        logger?.error({ err: error, auditId: record.id, requestId: record.requestId }, 'audit record not written to Redis: kept in this process only');
      }
    },
    async list(query) {
      const found = [...(await fromRedis(query)), ...fallback.list(query)];
      // A record kept here after a failed write may also have reached Redis (a timeout after it was applied).
      const unique = [...new Map(found.map((record) => [record.id, record])).values()].sort((a, b) => (a.id < b.id ? 1 : -1));
      return { records: unique.slice(0, query.first), hasMore: unique.length > query.first };
    },
    ready: () => (redis.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => redis.once('ready', () => resolve()))),
    async close() {
      fallback.clear();
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
