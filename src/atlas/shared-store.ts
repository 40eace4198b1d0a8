/**
 * Where shared reads keep what outlives a request: cached Atlas answers, the generation of every
 * tag (bumped by writes), and the rate-limit budget per bucket. `MemoryStore` keeps them in this
 * process; `RedisStore` (redis-store.ts) shares them between replicas.
 *
 * An entry is valid only under the generations it was read under: the generations are read
 * before the call is sent, so a write that completes while a read is in flight makes that read's
 * entry stale too.
 */
import { randomBytes } from 'node:crypto';

/** A cached 2xx answer. */
export interface CacheEntry {
  status: number;
  body: string;
  /** When it was read from Atlas (ms since the epoch). */
  storedAt: number;
  /** The generations of its tags when the read was sent, joined. */
  generations: string;
}

export interface Lookup {
  entry: CacheEntry | undefined;
  /** The current generations of the tags asked about, joined in their order. */
  generations: string;
}

/** What an Atlas answer said about its bucket. */
export interface BudgetObservation {
  status: number;
  /** RateLimit-Remaining. */
  remaining?: number;
  /** Retry-After, in seconds. */
  retryAfterSeconds?: number;
  /** From a 429's parameters: tokens added per refill, and the refill interval. */
  refillRate?: number;
  refillSeconds?: number;
}

export interface BudgetDecision {
  allowed: boolean;
  /** When refused: seconds until the bucket is expected to have a token again. */
  retryAfterSeconds: number;
}

export type StoreStatus = 'up' | 'down';

export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  /** False while the store cannot be used: shared reads then go to Atlas directly. */
  available(): boolean;
  /** Told when availability changes (Redis lost or back). */
  onStatus(listener: (status: StoreStatus) => void): void;
  lookup(key: string, tags: readonly string[]): Promise<Lookup>;
  /** Keeps an entry for `keepMs` (its time to live plus the staleness it may be served with). */
  put(key: string, entry: CacheEntry, keepMs: number): Promise<void>;
  /** Makes every entry read under the current generation of these tags stale. Never throws. */
  bump(tags: readonly string[]): Promise<void>;
  /** Takes a token from a bucket, unless Atlas said it is empty. */
  take(bucket: string, now: number): Promise<BudgetDecision>;
  observe(bucket: string, observation: BudgetObservation, now: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A bucket as far as Atlas' answers tell: `hardUntil` from a 429's Retry-After; `tokens` from
 * RateLimit-Remaining, less the calls sent since; `softUntil`, when the tokens ran out, the
 * expected refill (one refill interval if a 429 told it, else a short pause before one probe).
 */
export interface BudgetState {
  hardUntil?: number;
  softUntil?: number;
  tokens?: number;
  refillRate?: number;
  refillMs?: number;
}

/** Without a known refill interval: wait this long after the last token, then let one call probe. */
export const PROBE_AFTER_MS = 1_000;

/** The budget rule, shared by both stores (redis-store.ts runs the same steps in Lua). */
export function takeToken(state: BudgetState, now: number): BudgetDecision {
  const until = Math.max(state.hardUntil ?? 0, state.softUntil ?? 0);
  if (until > now) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
  if (state.tokens === undefined) return { allowed: true, retryAfterSeconds: 0 };
  // An empty bucket past its expected refill: assume one refill's worth.
  let tokens = state.tokens <= 0 ? (state.refillRate ?? 1) : state.tokens;
  tokens -= 1;
  state.tokens = tokens;
  if (tokens <= 0) state.softUntil = now + (state.refillMs ?? PROBE_AFTER_MS);
  return { allowed: true, retryAfterSeconds: 0 };
}

export function observeBudget(state: BudgetState, observation: BudgetObservation, now: number): void {
  if (observation.refillRate !== undefined && observation.refillRate > 0) state.refillRate = observation.refillRate;
  if (observation.refillSeconds !== undefined && observation.refillSeconds > 0) state.refillMs = observation.refillSeconds * 1000;
  if (observation.status === 429) {
    state.tokens = 0;
    state.hardUntil = now + (observation.retryAfterSeconds ?? observation.refillSeconds ?? 1) * 1000;
  } else if (observation.remaining !== undefined) {
    state.tokens = observation.remaining;
    state.softUntil = observation.remaining <= 0 ? now + (state.refillMs ?? PROBE_AFTER_MS) : 0;
  }
}

/** A generation no earlier one can equal, even after the store lost its data. */
export const newGeneration = (): string => randomBytes(8).toString('hex');

const DEFAULT_MAX_ENTRIES = 10_000;

/** Everything in this process: for one replica, and the fallback budget when Redis is away. */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, { entry: CacheEntry; expiresAt: number }>();
  readonly #generations = new Map<string, string>();
  readonly #budgets = new Map<string, BudgetState>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  available(): boolean {
    return true;
  }

  onStatus(): void {
    // Always up.
  }

  async lookup(key: string, tags: readonly string[]): Promise<Lookup> {
    const found = this.#entries.get(key);
    let entry = found?.entry;
    if (found && found.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      entry = undefined;
    }
    return { entry, generations: this.generationsOf(tags) };
  }

  generationsOf(tags: readonly string[]): string {
    return tags
      .map((tag) => {
        let generation = this.#generations.get(tag);
        if (generation === undefined) this.#generations.set(tag, (generation = newGeneration()));
        return generation;
      })
      .join(',');
  }

  async put(key: string, entry: CacheEntry, keepMs: number): Promise<void> {
    // Re-inserted at the end: the first key in the map is the least recently written.
    this.#entries.delete(key);
    this.#entries.set(key, { entry, expiresAt: Date.now() + keepMs });
    while (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  async bump(tags: readonly string[]): Promise<void> {
    for (const tag of tags) this.#generations.set(tag, newGeneration());
  }

  async take(bucket: string, now: number): Promise<BudgetDecision> {
    const state = this.#budgets.get(bucket) ?? {};
    this.#budgets.set(bucket, state);
    return takeToken(state, now);
  }

  async observe(bucket: string, observation: BudgetObservation, now: number): Promise<void> {
    const state = this.#budgets.get(bucket) ?? {};
    this.#budgets.set(bucket, state);
    observeBudget(state, observation, now);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
