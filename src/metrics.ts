/**
 * Prometheus metrics of one gateway (a registry of its own, not a global one): GraphQL operations
 * and their latency, upstream calls by operation and outcome, and retries. Labels carry operation
 * names and outcomes only, never ids, tokens or keys.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamEvent } from './atlas/index.js';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by operation name and outcome (ok, or the first error code).',
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
    observeOperation(operation: string, outcome: string, seconds: number): void {
      operations.inc({ operation, outcome });
      duration.observe({ operation }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
