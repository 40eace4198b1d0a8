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
import { LRUCache } from 'lru-cache';

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
  /** RateLimit-Limit, or a 429's capacity: the most the bucket holds. */
  capacity?: number;
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
  /** Told when availability changes (Redis lost or back), with why it was lost. */
  onStatus(listener: (status: StoreStatus, reason?: string) => void): void;
  lookup(key: string, tags: readonly string[]): Promise<Lookup>;
  /** Keeps an entry for `keepMs` (its time to live plus the staleness it may be served with). */
  put(key: string, entry: CacheEntry, keepMs: number): Promise<void>;
  /** Makes every entry read under the current generation of these tags stale. Never throws. */
  bump(tags: readonly string[]): Promise<void>;
  /**
   * Takes a token from a bucket, unless Atlas said it is empty; with `reserveShare`, only while
   * more than that share of its capacity would be left for others (a background reader's way).
   */
  take(bucket: string, now: number, reserveShare?: number): Promise<BudgetDecision>;
  observe(bucket: string, observation: BudgetObservation, now: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A bucket as far as Atlas' answers tell, counted as Atlas counts it: `tokens` as of `countedAt`
 * (from RateLimit-Remaining, or 0 after a 429), less the calls sent since, plus `refillRate` per
 * `refillMs` up to `capacity`; `hardUntil` from a 429's Retry-After. Without a known refill, one
 * token per `PROBE_AFTER_MS` (a probe). What Atlas said is forgotten once it has said nothing for
 * `FORGET_AFTER_MS` and the bucket would have refilled: its answers may carry no headers at all,
 * and a limit learned once must not hold the gateway back for good.
 */
export interface BudgetState {
  hardUntil?: number;
  tokens?: number;
  countedAt?: number;
  capacity?: number;
  refillRate?: number;
  refillMs?: number;
  /** When Atlas last said something of this bucket (a 429, or RateLimit-Remaining). */
  learnedAt?: number;
}

/** Without a known refill interval: one token this long after the last was spent (a probe). */
export const PROBE_AFTER_MS = 1_000;
/** How long what Atlas said of a bucket is kept after it last said anything (at least until the bucket would be full). */
export const FORGET_AFTER_MS = 60_000;

const refused = (until: number, now: number): BudgetDecision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) });
const ALLOWED: BudgetDecision = { allowed: true, retryAfterSeconds: 0 };

/** The budget rule, shared by both stores (redis-store.ts runs the same steps in Lua). */
export function takeToken(state: BudgetState, now: number, reserveShare = 0): BudgetDecision {
  if ((state.hardUntil ?? 0) > now) return refused(state.hardUntil!, now);
  if (state.tokens === undefined) return ALLOWED;
  const rate = state.refillRate ?? 1;
  const interval = state.refillMs ?? PROBE_AFTER_MS;
  const forgetAfter = Math.max(FORGET_AFTER_MS, state.capacity === undefined ? 0 : Math.ceil(state.capacity / rate) * interval);
  if (now - (state.learnedAt ?? 0) > forgetAfter) {
    for (const field of Object.keys(state)) delete state[field as keyof BudgetState];
    return ALLOWED;
  }
  let countedAt = state.countedAt ?? now;
  let tokens = state.tokens;
  const periods = Math.floor((now - countedAt) / interval);
  if (periods > 0) {
    // Without a known refill or capacity, an empty bucket earns one probe, and a bucket with tokens no more.
    const ceiling = state.capacity ?? (state.refillMs === undefined ? Math.max(tokens, 1) : Number.POSITIVE_INFINITY);
    tokens = Math.max(tokens, Math.min(ceiling, tokens + periods * rate));
    countedAt += periods * interval;
  }
  state.countedAt = countedAt;
  // The tokens a background reader leaves to others; none while the capacity is unknown.
  const reserve = state.capacity === undefined ? 0 : Math.floor(state.capacity * reserveShare);
  if (tokens >= 1 + reserve) {
    state.tokens = tokens - 1;
    return ALLOWED;
  }
  state.tokens = tokens;
  return refused(countedAt + interval, now);
}

export function observeBudget(state: BudgetState, observation: BudgetObservation, now: number): void {
  if (observation.refillRate !== undefined && observation.refillRate > 0) state.refillRate = observation.refillRate;
  if (observation.refillSeconds !== undefined && observation.refillSeconds > 0) state.refillMs = observation.refillSeconds * 1000;
  if (observation.capacity !== undefined && observation.capacity > 0) state.capacity = observation.capacity;
  if (observation.status === 429) {
    state.tokens = 0;
    state.countedAt = now;
    state.learnedAt = now;
    state.hardUntil = now + (observation.retryAfterSeconds ?? observation.refillSeconds ?? 1) * 1000;
  } else if (observation.remaining !== undefined) {
    state.tokens = observation.remaining;
    state.countedAt = now;
    state.learnedAt = now;
  }
}

/** A generation no earlier one can equal, even after the store lost its data. */
export const newGeneration = (): string => randomBytes(8).toString('hex');

const DEFAULT_MAX_ENTRIES = 10_000;

/** Everything in this process: for one replica, and the fallback budget when Redis is away. */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, { entry: CacheEntry; expiresAt: number }>();
  /** Bounded: a tag forgotten gets a new random generation, which only makes its entries stale. */
  readonly #generations: LRUCache<string, string>;
  readonly #budgets = new Map<string, BudgetState>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#generations = new LRUCache({ max: Math.max(1_000, this.#maxEntries * 4) });
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

  async take(bucket: string, now: number, reserveShare = 0): Promise<BudgetDecision> {
    const state = this.#budgets.get(bucket) ?? {};
    this.#budgets.set(bucket, state);
    return takeToken(state, now, reserveShare);
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
