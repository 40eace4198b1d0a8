/**
 * The shared reads of one gateway process, from its configuration: in this process, or in Redis
 * when `REDIS_URL` is set. Losing and regaining Redis is logged and shows in the metrics.
 */
import { MemoryStore, SharedReads, type SharedStore } from '../atlas/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface SharedReadsDeps {
  logger?: Logger;
  metrics?: Metrics;
  /** Prefix of every Redis key (tests and benchmarks keep runs apart with it). */
  redisKeyPrefix?: string;
  /** How long a Redis command may take before the store is set aside and Atlas asked directly; 250 ms by default. */
  redisCommandTimeoutMs?: number;
  /** For tests that move time on by hand. */
  clock?: () => number;
}

export async function createSharedReads(config: Config['sharedReads'], deps: SharedReadsDeps = {}): Promise<SharedReads> {
  // The Redis client is loaded only when Redis is configured: the embedded default needs none of it.
  const store: SharedStore = config.redisUrl
    ? new (await import('../atlas/redis-store.js')).RedisStore({
        url: config.redisUrl,
        ...(deps.redisKeyPrefix ? { keyPrefix: deps.redisKeyPrefix } : {}),
        ...(deps.redisCommandTimeoutMs ? { commandTimeoutMs: deps.redisCommandTimeoutMs } : {}),
      })
    : new MemoryStore();
  const shared = new SharedReads({
    store,
    ttlSeconds: config.cacheTtlSeconds,
    watchedTtlSeconds: config.cacheWatchedTtlSeconds,
    maxStaleSeconds: config.cacheMaxStaleSeconds,
    credentialCheckSeconds: config.credentialCheckSeconds,
    ...(config.retainSeconds !== undefined ? { retainSeconds: config.retainSeconds } : {}),
    ...(deps.metrics ? { observer: deps.metrics.sharedReads } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  if (store.kind === 'redis') {
    // The URL may hold a password: it is never logged.
    deps.metrics?.sharedReads.storeStatus('down');
    shared.onStoreStatus((status, reason) => {
      deps.metrics?.sharedReads.storeStatus(status);
      if (status === 'up') deps.logger?.info({ sharedStore: 'redis' }, 'shared store connected: reads are cached and shared with the other replicas');
      else deps.logger?.warn({ sharedStore: 'redis', ...(reason ? { reason } : {}) }, 'shared store unavailable: reads go to Atlas directly, uncached, until Redis answers again');
    });
  }
  return shared;
}
