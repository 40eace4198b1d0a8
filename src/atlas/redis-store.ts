/**
 * The shared store in Redis, for replicas that share the cache, the invalidations and the budget.
 *
 * Keys (under the prefix): `e:<identity>|<path>|<media type>` a cached answer (JSON), `g:<tag>` a
 * tag's generation (random, so one that Redis lost and made again never equals an old one), `b:<bucket>`
 * a rate-limit bucket (a hash; the budget rule of shared-store.ts, run atomically in Lua). No key
 * or value holds a token, a credential or a private key: identities are hashes, and only masked
 * GET answers are kept.
 *
 * When Redis goes away (commands fail at once: no offline queue), the store says it is unavailable
 * and shared reads go to Atlas directly; ioredis reconnects by itself. Invalidations that could not
 * be written meanwhile are kept and written first when Redis is back, before the store is used again.
 */
import { Redis } from 'ioredis';
import {
  type BudgetDecision,
  type BudgetObservation,
  type CacheEntry,
  FORGET_AFTER_MS,
  type Lookup,
  PROBE_AFTER_MS,
  type SharedStore,
  type StoreStatus,
  newGeneration,
} from './shared-store.js';

export interface RedisStoreOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** Prepended to every key; default `atlas-keys-gateway:`. */
  keyPrefix?: string;
  /** How long a generation is kept; it must outlive the entries read under it. Default one hour. */
  generationTtlMs?: number;
  /**
   * How long a Redis command may take. One that takes longer (a frozen or overloaded Redis) makes
   * the store unavailable at once, for every request, until a background check gets an answer.
   */
  commandTimeoutMs?: number;
}

const BUDGET_TTL_MS = 10 * 60_000;
/** Redis beside the gateway answers in well under a millisecond; a quarter second is a Redis in trouble. */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

/** takeToken() of shared-store.ts. ARGV: now, probeMs, keepMs, forgetMs, reserveShare. Returns 0 when allowed, else when the bucket is expected to have a token (ms). */
const TAKE = `
local s = redis.call('HMGET', KEYS[1], 'hardUntil', 'tokens', 'countedAt', 'capacity', 'refillRate', 'refillMs', 'learnedAt')
local now = tonumber(ARGV[1])
local hardUntil = tonumber(s[1]) or 0
if hardUntil > now then return hardUntil end
local tokens = tonumber(s[2])
if tokens == nil then return 0 end
local capacity = tonumber(s[4])
local rate = tonumber(s[5]) or 1
local refillMs = tonumber(s[6])
local interval = refillMs or tonumber(ARGV[2])
local forgetAfter = tonumber(ARGV[4])
if capacity then forgetAfter = math.max(forgetAfter, math.ceil(capacity / rate) * interval) end
if now - (tonumber(s[7]) or 0) > forgetAfter then
  redis.call('DEL', KEYS[1])
  return 0
end
local countedAt = tonumber(s[3]) or now
local periods = math.floor((now - countedAt) / interval)
if periods > 0 then
  local ceiling = capacity
  if ceiling == nil then
    if refillMs == nil then ceiling = math.max(tokens, 1) else ceiling = tokens + periods * rate end
  end
  tokens = math.max(tokens, math.min(ceiling, tokens + periods * rate))
  countedAt = countedAt + periods * interval
end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[3]), forgetAfter))
local reserve = 0
if capacity then reserve = math.floor(capacity * tonumber(ARGV[5])) end
if tokens >= 1 + reserve then
  redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'countedAt', countedAt)
  return 0
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'countedAt', countedAt)
return countedAt + interval
`;

/**
 * observeBudget() of shared-store.ts. ARGV: now, status, remaining, retryAfterSeconds, refillRate,
 * refillSeconds, capacity ('' when unknown), keepMs, probeMs, forgetMs. The bucket is kept as long
 * as the rule could still use it: past its Retry-After and until what it learned is forgotten.
 */
const OBSERVE = `
local now = tonumber(ARGV[1])
local rate = tonumber(ARGV[5])
if rate and rate > 0 then redis.call('HSET', KEYS[1], 'refillRate', rate) end
local refillSeconds = tonumber(ARGV[6])
if refillSeconds and refillSeconds > 0 then redis.call('HSET', KEYS[1], 'refillMs', refillSeconds * 1000) end
local capacity = tonumber(ARGV[7])
if capacity and capacity > 0 then redis.call('HSET', KEYS[1], 'capacity', capacity) end
if ARGV[2] == '429' then
  redis.call('HSET', KEYS[1], 'tokens', 0, 'countedAt', now, 'learnedAt', now, 'hardUntil', now + (tonumber(ARGV[4]) or refillSeconds or 1) * 1000)
else
  local remaining = tonumber(ARGV[3])
  if remaining then redis.call('HSET', KEYS[1], 'tokens', remaining, 'countedAt', now, 'learnedAt', now) end
end
local b = redis.call('HMGET', KEYS[1], 'hardUntil', 'capacity', 'refillRate', 'refillMs')
local interval = tonumber(b[4]) or tonumber(ARGV[9])
local forgetAfter = tonumber(ARGV[10])
if tonumber(b[2]) then forgetAfter = math.max(forgetAfter, math.ceil(tonumber(b[2]) / (tonumber(b[3]) or 1)) * interval) end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[8]), forgetAfter + math.max(0, (tonumber(b[1]) or 0) - now)))
return 0
`;

type BudgetRedis = Redis & {
  budgetTake(key: string, now: number, probeMs: number, keepMs: number, forgetMs: number, reserveShare: number): Promise<number>;
  budgetObserve(key: string, ...args: Array<string | number>): Promise<number>;
};

export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  readonly #redis: BudgetRedis;
  readonly #generationTtlMs: number;
  readonly #listeners: Array<(status: StoreStatus, reason?: string) => void> = [];
  readonly #commandTimeoutMs: number;
  /** Tags bumped while Redis could not be written; written again before the store is used. */
  readonly #pending = new Set<string>();
  /** `connecting` until the first connection succeeds or fails, so the first failure is reported too. */
  #status: StoreStatus | 'connecting' = 'connecting';
  #replaying = false;
  #closed = false;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(options: RedisStoreOptions) {
    this.#generationTtlMs = options.generationTtlMs ?? 60 * 60_000;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS;
    this.#redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? 'atlas-keys-gateway:',
      // Fail at once while disconnected: Atlas is asked directly instead of waiting for Redis.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.#commandTimeoutMs,
      connectTimeout: 2_000,
      // Reconnect for ever, at most every two seconds.
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    }) as BudgetRedis;
    this.#redis.defineCommand('budgetTake', { numberOfKeys: 1, lua: TAKE });
    this.#redis.defineCommand('budgetObserve', { numberOfKeys: 1, lua: OBSERVE });
    this.#redis.on('ready', () => void this.#replay());
    // ioredis reports connection failures as 'error' events; the status change is what matters here.
    this.#redis.on('error', () => {
      this.#setStatus('down', 'the connection to Redis failed');
      this.#scheduleReplay();
    });
    this.#redis.on('close', () => this.#setStatus('down', 'the connection to Redis closed'));
  }

  available(): boolean {
    return this.#status === 'up';
  }

  onStatus(listener: (status: StoreStatus, reason?: string) => void): void {
    this.#listeners.push(listener);
  }

  /** Resolves once the store is usable (for start-up and tests); never rejects. */
  ready(): Promise<void> {
    if (this.available()) return Promise.resolve();
    return new Promise((resolve) => this.onStatus((status) => status === 'up' && resolve()));
  }

  async lookup(key: string, tags: readonly string[]): Promise<Lookup> {
    const generationKeys = tags.map((tag) => `g:${tag}`);
    const [raw, ...generations] = await this.#guard(this.#redis.mget(`e:${key}`, ...generationKeys));
    const missing = generationKeys.filter((_, i) => generations[i] === null);
    if (missing.length > 0) {
      // A tag never written (or lost): give it a generation, unless another replica just did.
      const pipeline = this.#redis.pipeline();
      for (const generationKey of missing) pipeline.set(generationKey, newGeneration(), 'PX', this.#generationTtlMs, 'NX');
      pipeline.mget(...generationKeys);
      const results = await this.#guard(pipeline.exec());
      const fresh = results?.at(-1);
      if (!fresh || fresh[0]) throw fresh?.[0] ?? new Error('redis pipeline failed');
      generations.splice(0, generations.length, ...(fresh[1] as Array<string | null>));
      if (generations.some((g) => g === null)) throw new Error('a generation vanished');
    }
    return { entry: raw ? (JSON.parse(raw) as CacheEntry) : undefined, generations: generations.join(',') };
  }

  async put(key: string, entry: CacheEntry, keepMs: number): Promise<void> {
    await this.#guard(this.#redis.set(`e:${key}`, JSON.stringify(entry), 'PX', Math.max(1, keepMs)));
  }

  async bump(tags: readonly string[]): Promise<void> {
    if (this.available()) {
      try {
        await this.#writeGenerations(tags);
        return;
      } catch {
        // Unwritten: kept below, and the store is not used until it is written.
      }
    }
    for (const tag of tags) this.#pending.add(tag);
    this.#setStatus('down', 'an invalidation could not be written');
    this.#scheduleReplay();
  }

  async take(bucket: string, now: number, reserveShare = 0): Promise<BudgetDecision> {
    const until = Number(await this.#guard(this.#redis.budgetTake(`b:${bucket}`, now, PROBE_AFTER_MS, BUDGET_TTL_MS, FORGET_AFTER_MS, reserveShare)));
    return until > now ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) } : { allowed: true, retryAfterSeconds: 0 };
  }

  async observe(bucket: string, observation: BudgetObservation, now: number): Promise<void> {
    const text = (value: number | undefined): string => (value === undefined ? '' : String(value));
    await this.#guard(this.#redis.budgetObserve(
      `b:${bucket}`,
      now,
      observation.status,
      text(observation.remaining),
      text(observation.retryAfterSeconds),
      text(observation.refillRate),
      text(observation.refillSeconds),
      text(observation.capacity),
      BUDGET_TTL_MS,
      PROBE_AFTER_MS,
      FORGET_AFTER_MS,
    ));
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#setStatus('down');
    if (this.#redis.status === 'ready') await this.#redis.quit().catch(() => this.#redis.disconnect());
    else this.#redis.disconnect();
  }

  async #writeGenerations(tags: Iterable<string>): Promise<void> {
    const pipeline = this.#redis.pipeline();
    for (const tag of tags) pipeline.set(`g:${tag}`, newGeneration(), 'PX', this.#generationTtlMs);
    const results = await this.#guard(pipeline.exec());
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('redis pipeline failed');
  }

  /** Connected again: write what was missed, then let the store be used. */
  async #replay(): Promise<void> {
    if (this.#replaying || this.#closed) return;
    this.#replaying = true;
    try {
      while (this.#pending.size > 0 && this.#redis.status === 'ready') {
        const tags = [...this.#pending];
        await this.#writeGenerations(tags);
        for (const tag of tags) this.#pending.delete(tag);
      }
      // A frozen Redis keeps its connection: only an answer says it is back. An invalidation
      // that arrived meanwhile is written first (the next round).
      if (this.#pending.size === 0 && this.#redis.status === 'ready' && (await this.#guard(this.#redis.ping())) === 'PONG') {
        if (this.#pending.size === 0) this.#setStatus('up');
        else this.#scheduleReplay();
      }
    } catch {
      this.#scheduleReplay();
    } finally {
      this.#replaying = false;
    }
  }

  /** Tries again soon: after a failed write on a connection that stays up, no 'ready' comes. */
  #scheduleReplay(): void {
    if (this.#retryTimer || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#redis.status === 'ready') void this.#replay();
    }, 1_000);
    this.#retryTimer.unref();
  }

  /**
   * A command that fails or takes longer than the command timeout makes the store unavailable at
   * once: the requests after it go to Atlas directly instead of waiting on Redis in turn, and a
   * check every second lets it back in once Redis answers.
   */
  async #guard<T>(command: Promise<T>): Promise<T> {
    try {
      return await command;
    } catch (error) {
      if (!this.#closed) {
        const timedOut = error instanceof Error && /timed? ?out/i.test(error.message);
        this.#setStatus('down', timedOut ? `a Redis command took longer than ${this.#commandTimeoutMs} ms` : 'a Redis command failed');
        this.#scheduleReplay();
      }
      throw error;
    }
  }

  #setStatus(status: StoreStatus, reason?: string): void {
    if (this.#closed && status === 'up') return;
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#listeners) listener(status, reason);
  }
}
