/**
 * Where automatic persisted queries (APQ) are kept: documents registered by their SHA-256 hash
 * (Apollo's `persistedQuery` extension). In this process by default; in Redis when `REDIS_URL` is
 * set, so that a document registered with one replica is found by the others (a router spreads
 * its requests over them; unshared, each replica would answer PersistedQueryNotFound once per
 * document).
 *
 * A hash names one document for ever, so a document found in Redis is also kept in a small LRU
 * here: a router sends every operation by hash, and most are then answered without Redis.
 *
 * The store never fails a request: while Redis is away a lookup answers "not found" at once (no
 * offline queue), the router then sends the document, and that request runs; a lost write costs
 * one more round trip later.
 */
import { LRUCache } from 'lru-cache';

/** What Yoga's APQ plugin asks of a store. */
export interface ApqStore {
  readonly kind: 'memory' | 'redis';
  get(hash: string): Promise<string | null>;
  set(hash: string, document: string): Promise<void>;
  /** Resolves once the store is usable (for tests); never rejects. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface ApqStoreOptions {
  /** redis:// or rediss:// URL; none keeps documents in this process. */
  redisUrl?: string;
  /** Prepended to every Redis key; default `atlas-keys-gateway:apq:`. */
  keyPrefix?: string;
  /** How long Redis keeps a document after it was last registered; default a day. */
  ttlSeconds?: number;
  /** How long a Redis command may take before it counts as failed; default half a second. */
  commandTimeoutMs?: number;
}

export const APQ_DEFAULTS = { keyPrefix: 'atlas-keys-gateway:apq:', ttlSeconds: 86_400, commandTimeoutMs: 500 } as const;

/** Documents kept in this process: by count, and by size (a document may be up to the body limit). */
const LOCAL_MAX = { entries: 1_000, chars: 10_000_000 };

/** A SHA-256 hash in hex: anything else names no document, and never becomes a Redis key. */
const SHA256 = /^[0-9a-f]{64}$/;

const localCache = (ttlSeconds: number) =>
  new LRUCache<string, string>({ max: LOCAL_MAX.entries, maxSize: LOCAL_MAX.chars, sizeCalculation: (document) => Math.max(1, document.length), ttl: ttlSeconds * 1000 });

export async function createApqStore(options: ApqStoreOptions = {}): Promise<ApqStore> {
  const ttlSeconds = options.ttlSeconds ?? APQ_DEFAULTS.ttlSeconds;
  const local = localCache(ttlSeconds);
  if (!options.redisUrl) {
    return {
      kind: 'memory',
      get: async (hash) => local.get(hash) ?? null,
      set: async (hash, document) => void local.set(hash, document),
      ready: async () => undefined,
      close: async () => local.clear(),
    };
  }
  // Loaded only when Redis is configured, as the shared reads' client is.
  const { Redis } = await import('ioredis');
  const redis = new Redis(options.redisUrl, {
    keyPrefix: options.keyPrefix ?? APQ_DEFAULTS.keyPrefix,
    // Fail at once while disconnected: the router resends the document instead of waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? APQ_DEFAULTS.commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  // Connection failures arrive as 'error' events; each command's own failure is what counts.
  redis.on('error', () => undefined);
  return {
    kind: 'redis',
    async get(hash) {
      if (!SHA256.test(hash)) return null;
      const kept = local.get(hash);
      if (kept !== undefined) return kept;
      const document = await redis.get(hash).catch(() => null);
      if (document !== null) local.set(hash, document);
      return document;
    },
    async set(hash, document) {
      if (!SHA256.test(hash)) return;
      local.set(hash, document);
      await redis.set(hash, document, 'EX', ttlSeconds).catch(() => undefined);
    },
    ready: () => (redis.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => redis.once('ready', () => resolve()))),
    async close() {
      local.clear();
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
