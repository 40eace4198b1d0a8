/**
 * Test and benchmark controls that change how requests are answered: fault plans per
 * operation and a token bucket per principal.
 */
import type { FaultKind, FaultSpec, OperationId, RateLimitOptions } from './types.js';

export class FaultPlans {
  private readonly plans = new Map<OperationId | '*', { spec: FaultSpec; step: number }>();

  set(operation: OperationId | '*', spec: FaultSpec): void {
    if ('probability' in spec && !(spec.probability >= 0 && spec.probability <= 1)) {
      throw new RangeError('fault probability must be between 0 and 1');
    }
    this.plans.set(operation, { spec, step: 0 });
  }

  clear(): void {
    this.plans.clear();
  }

  /** The fault for the next request to `operation`, if any; consumes a step of a sequence. */
  next(operation: OperationId): FaultKind | undefined {
    const plan = this.plans.get(operation) ?? this.plans.get('*');
    if (!plan) return undefined;
    if ('sequence' in plan.spec) {
      const step = plan.spec.sequence[plan.step];
      if (step === undefined) return undefined;
      plan.step += 1;
      return step === 'ok' ? undefined : step;
    }
    return Math.random() < plan.spec.probability ? plan.spec.kind : undefined;
  }
}

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until a token is available (when not allowed). */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private options: RateLimitOptions | false) {}

  configure(options: RateLimitOptions | false): void {
    if (options && !(options.capacity >= 1 && options.refillPerSecond > 0)) {
      throw new RangeError('rate limit needs capacity >= 1 and refillPerSecond > 0');
    }
    this.options = options;
    this.buckets.clear();
  }

  get settings(): RateLimitOptions | undefined {
    return this.options || undefined;
  }

  /** Takes a token from `principal`'s bucket; undefined when rate limiting is off. */
  take(principal: string, now = Date.now()): RateDecision | undefined {
    if (!this.options) return undefined;
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.buckets.get(principal) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * refillPerSecond);
    bucket.updatedAt = now;
    this.buckets.set(principal, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
  }
}
