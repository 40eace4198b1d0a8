/**
 * Prometheus metrics of one gateway (a registry of its own, not a global one): GraphQL operations
 * and their latency, upstream calls by operation and outcome, and retries. Labels carry operation
 * names and outcomes only, never ids, tokens or keys, and the operation label has a bounded set
 * of values: a client chooses operation names, so they must not create series without end.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SharedReadsObserver, StoreStatus, UpstreamEvent } from '../atlas/index.js';

export interface MetricsOptions {
  /**
   * The operation names that get a label of their own (those of the trusted documents, when
   * only they run); any other name is counted as `other`. Without it, the first
   * `maxOperationNames` names seen get one.
   */
  operationNames?: Iterable<string>;
  /** How many distinct names get a label of their own when `operationNames` is not given. */
  maxOperationNames?: number;
  /** What the gateway calls, shown as `atlas_upstream_info`: the simulator must not pass for Atlas on a dashboard. */
  upstream?: { kind: 'atlas' | 'simulator'; flavor: string };
}

export const DEFAULT_MAX_OPERATION_NAMES = 100;
/** The label value of every operation name beyond the bounded set. */
export const OTHER_OPERATIONS = 'other';
const MAX_NAME_LENGTH = 64;

/** Maps an operation name to its label value, keeping the set of values bounded. */
export function operationLabeler(options: MetricsOptions = {}): (name: string) => string {
  const fixed = options.operationNames ? new Set(options.operationNames) : undefined;
  const seen = new Set<string>();
  const max = options.maxOperationNames ?? DEFAULT_MAX_OPERATION_NAMES;
  return (name) => {
    if (name === 'anonymous') return name;
    if (fixed) return fixed.has(name) ? name : OTHER_OPERATIONS;
    if (seen.has(name)) return name;
    if (seen.size >= max || name.length > MAX_NAME_LENGTH || name === OTHER_OPERATIONS) return OTHER_OPERATIONS;
    seen.add(name);
    return name;
  };
}

export function createMetrics(options: MetricsOptions = {}) {
  const operationLabel = operationLabeler(options);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by operation name (a bounded set; the rest as "other") and outcome (ok, or the first error code).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstream = new Counter({
    name: 'atlas_upstream_requests_total',
    help: 'Requests to the Atlas Admin API by operation and outcome (HTTP status or error code).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'atlas_upstream_request_duration_seconds',
    help: 'Duration of requests to the Atlas Admin API.',
    labelNames: ['operation'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'atlas_upstream_retries_total',
    help: 'Retried requests to the Atlas Admin API, by operation.',
    labelNames: ['operation'],
    registers: [registry],
  });

  if (options.upstream) {
    new Gauge({
      name: 'atlas_upstream_info',
      help: 'What the gateway calls: kind "atlas" (the Admin API of Atlas, Cloud or Ops Manager) or "simulator" (the embedded simulator with demo data), and the API flavor. Always 1.',
      labelNames: ['kind', 'flavor'],
      registers: [registry],
    }).set({ kind: options.upstream.kind, flavor: options.upstream.flavor }, 1);
  }

  const loaderLoads = new Counter({
    name: 'graphql_loader_loads_total',
    help: 'Loads asked of the per-request loaders, by loader (hits are loads minus misses).',
    labelNames: ['loader'],
    registers: [registry],
  });
  const loaderMisses = new Counter({
    name: 'graphql_loader_misses_total',
    help: 'Loads that had to go upstream (not deduplicated or cached), by loader.',
    labelNames: ['loader'],
    registers: [registry],
  });

  return {
    registry,
    /** For the shared reads' `observer` option, and their store's status. */
    sharedReads: sharedReadsMetrics(registry),
    /** For the loaders' `observe` option. */
    loaders: {
      load: (loader: string) => loaderLoads.inc({ loader }),
      miss: (loader: string, keys: number) => loaderMisses.inc({ loader }, keys),
    },
    /** For `AtlasClient`'s `observer` option. */
    observeUpstream(event: UpstreamEvent): void {
      upstream.inc({ operation: event.operation, outcome: String(event.outcome) });
      upstreamDuration.observe({ operation: event.operation }, event.durationMs / 1000);
      if (event.attempt > 1) retries.inc({ operation: event.operation });
    },
    observeOperation(name: string, outcome: string, seconds: number): void {
      const operation = operationLabel(name);
      operations.inc({ operation, outcome });
      duration.observe({ operation }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Shared reads per Atlas operation (a fixed set of values), and whether their shared store is up. */
function sharedReadsMetrics(registry: Registry): SharedReadsObserver & { storeStatus(status: StoreStatus): void } {
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['operation'], registers: [registry] });
  const hits = counter('atlas_cache_hits_total', 'Atlas reads answered from the shared cache, by Atlas operation.');
  const misses = counter('atlas_cache_misses_total', 'Atlas reads sent to Atlas (not cached, expired, made stale by a write, or refreshed), by Atlas operation.');
  const coalesced = counter('atlas_coalesced_calls_total', 'Atlas reads that joined an identical read already in flight instead of being sent, by Atlas operation.');
  const stale = counter('atlas_stale_answers_total', "Atlas reads answered from the cache past their time to live because Atlas' rate-limit bucket was empty, by Atlas operation.");
  const refused = counter('atlas_budget_refusals_total', "Atlas calls not sent because Atlas' rate-limit bucket was empty, and answered RATE_LIMITED, by Atlas operation.");
  const storeUp = new Gauge({
    name: 'atlas_shared_store_up',
    help: 'Whether the shared store of reads (Redis when REDIS_URL is set, else this process) can be used; 0 while reads go to Atlas directly.',
    registers: [registry],
  });
  storeUp.set(1);
  return {
    hit: (operation) => hits.inc({ operation }),
    miss: (operation) => misses.inc({ operation }),
    coalesced: (operation) => coalesced.inc({ operation }),
    stale: (operation) => stale.inc({ operation }),
    refused: (operation) => refused.inc({ operation }),
    storeStatus: (status) => storeUp.set(status === 'up' ? 1 : 0),
  };
}
