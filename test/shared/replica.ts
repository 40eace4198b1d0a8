/** A gateway replica as main.ts builds one, with its own client, pool and shared reads, called in-process. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import { AtlasClient, type SharedReads, type UpstreamEvent } from '../../src/atlas/index.js';
import { ChangeFeed } from '../../src/server/change-feed.js';
import { createSharedReads } from '../../src/server/create-shared-reads.js';
import { createGateway } from '../../src/server/gateway.js';
import type { HygienePolicy } from '../../src/graph/risks.js';
import type { Logger } from '../../src/server/logger.js';
import { type Metrics, createMetrics } from '../../src/server/metrics.js';

export interface ReplicaOptions {
  /** Where Atlas is (the simulator, or a proxy in front of it). */
  baseUrl: string;
  /** The simulator's admin key; none for pass-through. */
  credentials?: { publicKey: string; privateKey: string };
  redis?: { url: string; keyPrefix: string; commandTimeoutMs?: number };
  ttlSeconds?: number;
  /** How long reads the change feed follows are reused (ATLAS_CACHE_WATCHED_TTL_SECONDS); `ttlSeconds` by default. */
  watchedTtlSeconds?: number;
  maxStaleSeconds?: number;
  /** How long Atlas' acceptance of the credential vouches for cached reads; 5 s by default. */
  credentialCheckSeconds?: number;
  clock?: () => number;
  logger?: Logger;
  /** How long reads are kept for key-hygiene scans (HYGIENE_MAX_AGE_SECONDS), and the policy they run under. */
  hygiene?: HygienePolicy;
  /** A change feed polling every `intervalMs` (in Redis, under the same prefix, with `redis`). */
  feed?: { intervalMs: number; readInterestMs?: number; maxSubscriptionsPerCaller?: number; onPoll?: (orgId: string, calls: number, published: number) => void };
}

export type Result<R> = ExecutionResult<R, { staleData?: { ageSeconds: number; retryAfterSeconds: number; operations: string[] } }>;

export interface Replica {
  atlas: AtlasClient;
  shared: SharedReads;
  metrics: Metrics;
  feed: ChangeFeed | undefined;
  gateway: ReturnType<typeof createGateway>;
  run<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V> | string, variables?: V, headers?: Record<string, string>): Promise<Result<R>>;
  /** The value of one series of a counter, e.g. `metric('atlas_cache_hits_total', 'getOrg')`. */
  metric(name: string, operation?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const metrics = createMetrics();
  const shared = await createSharedReads(
    {
      cacheTtlSeconds: options.ttlSeconds ?? 30,
      cacheWatchedTtlSeconds: options.watchedTtlSeconds ?? options.ttlSeconds ?? 30,
      cacheMaxStaleSeconds: options.maxStaleSeconds ?? 300,
      credentialCheckSeconds: options.credentialCheckSeconds ?? 5,
      ...(options.hygiene ? { retainSeconds: options.hygiene.scan.maxAgeSeconds } : {}),
      redisUrl: options.redis?.url,
    },
    {
      metrics,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.redis ? { redisKeyPrefix: options.redis.keyPrefix, ...(options.redis.commandTimeoutMs ? { redisCommandTimeoutMs: options.redis.commandTimeoutMs } : {}) } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  const observers: Array<(event: UpstreamEvent) => void> = [metrics.observeUpstream];
  const atlas = AtlasClient.create({
    baseUrl: options.baseUrl,
    ...(options.credentials ? { credentials: { kind: 'digest' as const, ...options.credentials } } : {}),
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 },
    observer: (event) => {
      for (const observe of observers) observe(event);
    },
    sharedReads: shared,
  });
  const feed = options.feed
    ? await ChangeFeed.create({
        atlas,
        sharedReads: shared,
        ...(options.redis ? { redisUrl: options.redis.url, keyPrefix: `${options.redis.keyPrefix}feed:` } : {}),
        intervalMs: options.feed.intervalMs,
        readInterestMs: options.feed.readInterestMs ?? (options.ttlSeconds ?? 30) * 1000,
        ...(options.feed.onPoll ? { onPoll: options.feed.onPoll } : {}),
        ...(options.feed.maxSubscriptionsPerCaller ? { maxSubscriptionsPerCaller: options.feed.maxSubscriptionsPerCaller } : {}),
      })
    : undefined;
  if (feed) observers.push(feed.noticeCall);
  const gateway = createGateway({
    atlas,
    metrics,
    sharedReads: shared,
    authMode: options.credentials ? 'credentials' : 'passthrough',
    ...(options.hygiene ? { hygiene: options.hygiene } : {}),
    ...(feed ? { feed } : {}),
  });
  return {
    atlas,
    shared,
    metrics,
    feed,
    gateway,
    async run(document, variables, headers = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Result<never>;
    },
    async metric(name, operation) {
      const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
      const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string> }>;
      return values.filter((v) => operation === undefined || v.labels.operation === operation).reduce((sum, v) => sum + v.value, 0);
    },
    async close() {
      await feed?.close();
      await atlas.close();
      await shared.close();
    },
  };
}

/** Waits for a condition that other work makes true (no deadline of its own: the test's timeout bounds it). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
