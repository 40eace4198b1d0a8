/**
 * Shared reads: what the gateway's requests share in front of Atlas, between the client's typed
 * methods and the HTTP transport.
 *
 * - Identical GETs in flight at the same time for the same credential identity are sent once.
 * - 2xx GET answers are reused for `ttlSeconds`, per credential identity: the gateway's own
 *   credentials, or a hash of the caller's bearer token (never the token). A read that a change
 *   feed makes stale whoever changes what it shows (`followChanges`) is reused for
 *   `watchedTtlSeconds` instead, while the feed vouches for it.
 * - Every write makes what it may change stale (read-tags.ts) before it returns, whatever its
 *   outcome, for every identity and, through a shared store, on every replica. A read is valid
 *   only under the tag generations it was sent under, so a write that completes while a read is in
 *   flight voids that read too.
 * - The rate-limit budget: what Atlas' answers say of each bucket (RateLimit-Remaining,
 *   Retry-After, a 429's refill numbers). While a bucket is empty nothing is sent to it: a read is
 *   served from the cache past its time to live, up to `maxStaleSeconds`, and the request is told
 *   the data's age; otherwise the call fails with `AtlasBudgetError` (a 429) without being sent.
 * - While the store is unavailable (Redis away), reads go to Atlas directly (no cache, no
 *   coalescing, a budget of this process's own) until it is back.
 * - Cached data never outlives Atlas' acceptance of the credential that read it by more than
 *   `credentialCheckSeconds`: past that, a credential's cached reads wait for one of its reads to
 *   reach Atlas (the proof), and are served only if Atlas accepted it. A credential Atlas refuses
 *   (401, or 403 for an address not on its access list) evicts everything read with it, on every
 *   replica; a bearer token that is a JWT is never served cached data past its `exp`. While a
 *   bucket is empty no proof can be sent, so nothing past that bound is served.
 * - Calls that settle whether a write happened (`settlingCalls`) take precedence over the budget:
 *   they are few, and they decide whether a person retries a write.
 *
 * Nothing that holds a private key is cached: only GETs are, Atlas masks keys in every GET, and an
 * answer that shows an unmasked `privateKey` anyway is not kept.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Credentials } from './auth.js';
import { AtlasApiError, AtlasCallCancelledError, parseErrorBody } from './errors.js';
import type { HttpMethod, UpstreamResponse } from './http.js';
import { budgetBucket, readTags, writeTags } from './read-tags.js';
import { type BudgetDecision, type CacheEntry, MemoryStore, type SharedStore, type StoreStatus } from './shared-store.js';

export interface SharedReadsOptions {
  store: SharedStore;
  /** How long a read is reused; 0 reuses nothing (identical reads in flight are still sent once). */
  ttlSeconds: number;
  /** How long a read a change feed follows is reused (at most the staleness allowed); `ttlSeconds` by default. */
  watchedTtlSeconds?: number;
  /** While Atlas says a bucket is empty, data up to this old is served instead of RATE_LIMITED. */
  maxStaleSeconds: number;
  /** How long Atlas' acceptance of a credential vouches for what was read with it; 5 s by default. */
  credentialCheckSeconds?: number;
  /** How long a read is kept for readers that accept older data (ReadPolicy.maxAgeMs); the TTL and the staleness allowed otherwise. */
  retainSeconds?: number;
  observer?: SharedReadsObserver;
  /** Milliseconds since the epoch; `Date.now` by default (tests move time on by hand). */
  clock?: () => number;
}

/** Counts per Atlas operation, for metrics. */
export interface SharedReadsObserver {
  hit(operation: string): void;
  miss(operation: string): void;
  coalesced(operation: string): void;
  stale(operation: string): void;
  refused(operation: string): void;
}

/** A read served past its time to live because Atlas' bucket was empty. */
export interface StaleRead {
  operation: string;
  ageSeconds: number;
  retryAfterSeconds: number;
}

/**
 * How a background reader (a scan over every key of an organization) reads: it accepts older
 * cached data, leaves a share of each rate-limit bucket to interactive reads, and may ask for the
 * cache alone. What it reads is cached for every reader, each judging its age by its own policy.
 */
export interface ReadPolicy {
  /** Cached data up to this old is served as fresh (up to the store's retention). */
  maxAgeMs: number;
  /** A read is sent only while more than this share (0..1) of its bucket's capacity stays for others. */
  reserveShare: number;
  /** Served from the cache, or AtlasNotCachedError: nothing is sent. */
  cacheOnly?: boolean;
}

/** A cache-only read found nothing it may serve; nothing was sent. */
export class AtlasNotCachedError extends AtlasApiError {
  constructor(operation: string, path: string) {
    super({ status: 504, body: { error: 504, errorCode: 'NOT_CACHED', detail: 'Not in the cache, and the read asked for the cache only.', reason: 'Gateway Timeout' }, operation, path });
  }
}

/** What one GraphQL request asks of shared reads, and what it is told back. */
export class ReadSession {
  readonly #stale: StaleRead[] = [];
  #oldestReadAt: number | undefined;
  #sent = 0;

  /** `refresh`: read from Atlas, not from the cache (`Cache-Control: no-cache`), and refresh the cache. */
  constructor(readonly refresh = false) {}

  noteStale(read: StaleRead): void {
    this.#stale.push(read);
  }

  get staleReads(): readonly StaleRead[] {
    return this.#stale;
  }

  /** A read was served that Atlas answered at `at` (ms since the epoch): now, or when it was cached. */
  noteRead(at: number): void {
    if (this.#oldestReadAt === undefined || at < this.#oldestReadAt) this.#oldestReadAt = at;
  }

  /** A read of this session went to Atlas (not to the cache, nor joined to another's). */
  noteSent(): void {
    this.#sent += 1;
  }

  /** Atlas calls this session's reads sent. */
  get sent(): number {
    return this.#sent;
  }

  /** When Atlas answered the oldest of the reads served to this session. */
  get oldestReadAt(): number | undefined {
    return this.#oldestReadAt;
  }
}

/** How one client view calls: whose reads these are, and for which request. */
export interface ReadView {
  identity: string;
  /** When the credential itself expires (a bearer JWT's `exp`, ms since the epoch): nothing cached is served past it. */
  expiresAt?: number;
  signal?: AbortSignal;
  session?: ReadSession;
  /** A background reader's policy; interactive reads have none. */
  policy?: ReadPolicy;
}

export interface SharedCall {
  operation: string;
  method: HttpMethod;
  /** Relative to the flavor's base path, with its query: what tags and buckets are read from. */
  path: string;
  /** The path as sent, and the media type: what makes two reads the same. */
  fullPath: string;
  mediaType: string;
  /**
   * Sends the call; `signal` is aborted once no caller waits for the answer any more. A 429 is
   * answered at once unless `retryRateLimited` (then it is retried after Retry-After).
   */
  send(signal: AbortSignal | undefined, options?: { retryRateLimited: boolean }): Promise<UpstreamResponse>;
}

/** A call not sent because Atlas said its rate-limit bucket is empty; a 429, as Atlas would answer. */
export class AtlasBudgetError extends AtlasApiError {
  constructor(operation: string, path: string, retryAfterSeconds: number) {
    super({
      status: 429,
      body: {
        error: 429,
        errorCode: 'RATE_LIMITED',
        detail: `Atlas' rate limit for this call is used up; the gateway did not send it. Retry after ${retryAfterSeconds} seconds.`,
        reason: 'Too Many Requests',
      },
      operation,
      path,
      retryAfterSeconds,
    });
  }
}

/** The gateway's own credentials as an identity: a hash of who they are (never of the secret). */
export function credentialsIdentity(origin: string, credentials: Credentials | undefined): string {
  const who = credentials === undefined ? 'none' : credentials.kind === 'digest' ? `digest:${credentials.publicKey}` : `sa:${credentials.clientId}`;
  return `own-${hash(`${origin}\u0000${who}`).slice(0, 32)}`;
}

/** A pass-through caller's identity: a hash of its token, which itself is kept nowhere. */
export function bearerIdentity(origin: string, token: string): string {
  return `bearer-${hash(`${origin}\u0000${token}`)}`;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The default of `credentialCheckSeconds`. */
export const CREDENTIAL_CHECK_SECONDS = 5;

const settling = new AsyncLocalStorage<true>();

/**
 * Runs calls that settle whether a write happened (reads, and the deletion of a key whose private
 * key was lost): they read from Atlas, never from the cache, and are sent even when the budget
 * says a bucket is empty (a 429 from Atlas is then retried after its Retry-After).
 */
export function settlingCalls<T>(calls: () => Promise<T>): Promise<T> {
  return settling.run(true, calls);
}

/** The tag every read made with a credential carries: bumped when Atlas refuses that credential. */
const credentialTag = (identity: string): string => `credential:${identity}`;

/** Whether an answer says Atlas refused the credential itself (not just this call). */
function refusesCredential(response: UpstreamResponse): boolean {
  if (response.status === 401) return true;
  return response.status === 403 && parseErrorBody(response.body)?.errorCode === 'IP_ADDRESS_NOT_ON_ACCESS_LIST';
}

/** Whether an answer shows Atlas authenticated the credential: any answer about the request itself. */
const acceptsCredential = (response: UpstreamResponse): boolean =>
  response.status < 500 && response.status !== 401 && response.status !== 403 && response.status !== 429;

/** An Atlas answer that shows a private key in clear (only create answers should): never kept. */
const UNMASKED_PRIVATE_KEY = /"privateKey"\s*:\s*"(?!\*{8}-\*{4}-\*{4}-)|"secret"\s*:\s*"mdb_sa_sk_/;

const header = (response: UpstreamResponse, name: string): number | undefined => {
  const value = response.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  const number = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(number) ? number : undefined;
};

/** One GET on the wire, shared by every caller that asked for it meanwhile. */
class Flight {
  readonly #controller = new AbortController();
  #waiting = 0;
  #unbounded = false;
  /** The callers' abort listeners, removed once the answer is in: a request's signal outlives its reads. */
  readonly #listeners: Array<{ signal: AbortSignal; listener: () => void }> = [];
  #settled = false;
  promise: Promise<UpstreamResponse> | undefined;

  /** A caller waits for the answer; once every caller's signal is aborted, nothing more of it is sent. */
  join(signal: AbortSignal | undefined): void {
    if (!signal) {
      this.#unbounded = true;
      return;
    }
    if (signal.aborted || this.#settled) return;
    this.#waiting += 1;
    const listener = () => {
      this.#waiting -= 1;
      if (this.#waiting === 0 && !this.#unbounded) this.#controller.abort();
    };
    signal.addEventListener('abort', listener, { once: true });
    this.#listeners.push({ signal, listener });
  }

  /** The answer is in: no caller's abort matters any more. */
  settled(): void {
    this.#settled = true;
    for (const { signal, listener } of this.#listeners.splice(0)) signal.removeEventListener('abort', listener);
  }

  /** False once every caller gave up on it: a new caller starts a flight of its own. */
  get open(): boolean {
    return !this.#controller.signal.aborted;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }
}

export class SharedReads {
  readonly #store: SharedStore;
  /** The budget of this process alone, for while the store is unavailable. */
  readonly #localBudget = new MemoryStore({ maxEntries: 0 });
  readonly #flights = new Map<string, Flight>();
  readonly #ttlMs: number;
  readonly #watchedTtlMs: number;
  /** Whether a change feed will make the read of `path` stored at `storedAt` stale on any change to what it shows. */
  #followed: (path: string, storedAt: number) => boolean = () => false;
  readonly #maxStaleMs: number;
  /** How long an entry is kept: the staleness allowed, or what background readers accept if longer. */
  readonly #keepMs: number;
  readonly #observer: SharedReadsObserver | undefined;
  readonly #now: () => number;
  readonly #credentialCheckMs: number;
  /** Per identity: when Atlas last accepted the credential (this process's knowledge). */
  readonly #accepted = new LRUCache<string, number>({ max: 10_000 });
  /** Per identity: the read in flight whose answer says whether Atlas still accepts the credential. */
  readonly #proofs = new Map<string, Promise<boolean>>();

  constructor(options: SharedReadsOptions) {
    this.#now = options.clock ?? Date.now;
    this.#credentialCheckMs = (options.credentialCheckSeconds ?? CREDENTIAL_CHECK_SECONDS) * 1000;
    this.#store = options.store;
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#maxStaleMs = Math.max(options.maxStaleSeconds * 1000, this.#ttlMs);
    this.#keepMs = Math.max(this.#maxStaleMs, (options.retainSeconds ?? 0) * 1000);
    this.#watchedTtlMs = Math.min(Math.max((options.watchedTtlSeconds ?? options.ttlSeconds) * 1000, this.#ttlMs), this.#keepMs);
    this.#observer = options.observer;
  }

  get storeKind(): SharedStore['kind'] {
    return this.#store.kind;
  }

  /** Whether the store can be used now (a Redis store can be away). */
  storeAvailable(): boolean {
    return this.#store.available();
  }

  onStoreStatus(listener: (status: StoreStatus, reason?: string) => void): void {
    this.#store.onStatus(listener);
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  /**
   * A change feed vouches for reads: `followed(path, storedAt)` says whether every change to what
   * the read of `path` stored at `storedAt` shows will make it stale (through `invalidate`) within
   * about the feed's interval. Such reads are reused for `watchedTtlSeconds`.
   */
  followChanges(followed: (path: string, storedAt: number) => boolean): void {
    this.#followed = followed;
  }

  /** Makes every read carrying one of `tags` stale, on every replica sharing the store (a change found in Atlas's feed). */
  invalidate(tags: readonly string[]): Promise<void> {
    return this.#store.bump(tags);
  }

  send(view: ReadView, call: SharedCall): Promise<UpstreamResponse> {
    return call.method === 'GET' ? this.#read(view, call) : this.#write(view, call);
  }

  async #write(view: ReadView, call: SharedCall): Promise<UpstreamResponse> {
    const bucket = budgetBucket(call.path, view.identity);
    const settle = settling.getStore() === true;
    try {
      await this.#spend(call, bucket, settle);
      const response = await call.send(view.signal, { retryRateLimited: settle });
      await this.#observe(view, bucket, response);
      return response;
    } finally {
      // Done, refused or lost on the way: what it may have changed is stale before the caller hears of it.
      await this.#store.bump(writeTags(call.path));
    }
  }

  async #read(view: ReadView, call: SharedCall): Promise<UpstreamResponse> {
    // The request this read served has been answered: nothing more starts for it.
    if (view.signal?.aborted) throw new AtlasCallCancelledError(call.operation, call.fullPath);
    const bucket = budgetBucket(call.path, view.identity);
    const settle = settling.getStore() === true;
    const refresh = settle || (view.session?.refresh ?? false);
    const key = `${view.identity}|${call.fullPath}|${call.mediaType}`;
    const sentAt = this.#now();
    let lookup;
    try {
      lookup = this.#store.available() ? await this.#store.lookup(key, [...readTags(call.path), credentialTag(view.identity)]) : undefined;
    } catch {
      lookup = undefined;
    }
    if (!lookup) {
      if (view.policy?.cacheOnly) throw new AtlasNotCachedError(call.operation, call.fullPath);
      // No store: straight to Atlas, under this process's own budget.
      await this.#spend(call, bucket, settle, view.policy?.reserveShare);
      view.session?.noteSent();
      const response = await call.send(view.signal, { retryRateLimited: settle });
      await this.#observe(view, bucket, response);
      view.session?.noteRead(sentAt);
      return response;
    }
    const { generations } = lookup;
    // An entry read under other generations is stale for good: a write happened since, or Atlas refused the credential.
    const entry = lookup.entry?.generations === generations ? lookup.entry : undefined;
    const age = entry ? sentAt - entry.storedAt : Number.POSITIVE_INFINITY;
    const freshFor = view.policy
      ? Math.min(view.policy.maxAgeMs, this.#keepMs)
      : entry && this.#watchedTtlMs > this.#ttlMs && age >= this.#ttlMs && this.#followed(call.path, entry.storedAt)
        ? this.#watchedTtlMs
        : this.#ttlMs;
    if (entry && !refresh && this.#ttlMs > 0 && age < freshFor) {
      // Served only while Atlas' acceptance of the credential is recent; else after a proof, or read afresh.
      let vouched = this.#vouched(view);
      if (!vouched) {
        const proof = this.#proofs.get(view.identity);
        vouched = proof !== undefined && (await whileWanted(proof, view.signal, call)) && this.#vouched(view);
      }
      if (vouched) {
        this.#observer?.hit(call.operation);
        view.session?.noteRead(entry.storedAt);
        return answerOf(entry);
      }
    }
    if (view.policy?.cacheOnly) throw new AtlasNotCachedError(call.operation, call.fullPath);
    // Joined or registered before anything else is awaited, so identical reads that follow find it.
    const flightKey = `${key}|${generations}`;
    const running = refresh ? undefined : this.#flights.get(flightKey);
    let flight: Flight;
    if (running?.promise && running.open) {
      this.#observer?.coalesced(call.operation);
      flight = running;
      flight.join(view.signal);
    } else {
      flight = new Flight();
      flight.join(view.signal);
      flight.promise = this.#fetch(view, call, bucket, flight, key, generations, sentAt, settle);
      const settled = () => flight.settled();
      flight.promise.then(settled, settled);
      // Not a settling read: it may wait out a Retry-After, which cached reads should not.
      if (!settle && !this.#vouched(view) && !this.#proofs.has(view.identity)) {
        // This read's answer is what the identity's cached reads wait for.
        const proof = flight.promise.then(() => this.#vouched(view), () => false);
        this.#proofs.set(view.identity, proof);
        void proof.then(() => this.#proofs.get(view.identity) === proof && this.#proofs.delete(view.identity));
      }
      if (!this.#flights.get(flightKey)?.open) {
        this.#flights.set(flightKey, flight);
        const done = () => this.#flights.get(flightKey) === flight && this.#flights.delete(flightKey);
        flight.promise.then(done, done);
      }
    }
    let response: UpstreamResponse;
    try {
      response = await flight.promise!;
    } catch (error) {
      if (error instanceof AtlasBudgetError) return this.#whenEmpty(view, call, entry, age, error.retryAfterSeconds ?? 1, refresh);
      throw error;
    }
    if (response.status === 429) {
      return this.#whenEmpty(view, call, entry, age, response.retryAfterSeconds ?? 1, refresh, response);
    }
    view.session?.noteRead(sentAt);
    return response;
  }

  /** Sends a read the budget allows, and keeps its answer when it may be reused. */
  async #fetch(
    view: ReadView,
    call: SharedCall,
    bucket: string,
    flight: Flight,
    key: string,
    generations: string,
    sentAt: number,
    settle: boolean,
  ): Promise<UpstreamResponse> {
    const decision = await this.#take(bucket, settle ? 0 : (view.policy?.reserveShare ?? 0));
    if (!decision.allowed && !settle) throw new AtlasBudgetError(call.operation, call.fullPath, decision.retryAfterSeconds);
    this.#observer?.miss(call.operation);
    view.session?.noteSent();
    const response = await call.send(flight.signal, { retryRateLimited: settle });
    await this.#observe(view, bucket, response);
    if (this.#ttlMs > 0 && response.status >= 200 && response.status < 300 && !UNMASKED_PRIVATE_KEY.test(response.body)) {
      const entry: CacheEntry = { status: response.status, body: response.body, storedAt: sentAt, generations };
      await this.#store.put(key, entry, this.#keepMs).catch(() => undefined);
    }
    return response;
  }

  /** The bucket is empty: cached data within the staleness allowed, told as such, or a 429. */
  #whenEmpty(
    view: ReadView,
    call: SharedCall,
    entry: CacheEntry | undefined,
    age: number,
    retryAfterSeconds: number,
    refresh: boolean,
    atlasAnswer?: UpstreamResponse,
  ): UpstreamResponse {
    if (entry && !refresh && age <= this.#maxStaleMs && this.#vouched(view)) {
      this.#observer?.stale(call.operation);
      view.session?.noteRead(entry.storedAt);
      view.session?.noteStale({ operation: call.operation, ageSeconds: Math.floor(age / 1000), retryAfterSeconds });
      return answerOf(entry);
    }
    if (atlasAnswer) return atlasAnswer;
    this.#observer?.refused(call.operation);
    throw new AtlasBudgetError(call.operation, call.fullPath, retryAfterSeconds);
  }

  /** Takes a token for a call that must be sent, or fails with AtlasBudgetError (a settling call is sent anyway). */
  async #spend(call: SharedCall, bucket: string, settle: boolean, reserveShare = 0): Promise<void> {
    const decision = await this.#take(bucket, settle ? 0 : reserveShare);
    if (decision.allowed || settle) return;
    this.#observer?.refused(call.operation);
    throw new AtlasBudgetError(call.operation, call.fullPath, decision.retryAfterSeconds);
  }

  async #take(bucket: string, reserveShare = 0): Promise<BudgetDecision> {
    const now = this.#now();
    if (this.#store.available()) {
      try {
        return await this.#store.take(bucket, now, reserveShare);
      } catch {
        // The store went away meanwhile: this process's own budget decides.
      }
    }
    return this.#localBudget.take(bucket, now, reserveShare);
  }

  /** Whether Atlas accepted this view's credential recently enough to vouch for what it cached. */
  #vouched(view: ReadView): boolean {
    const now = this.#now();
    if (view.expiresAt !== undefined && now >= view.expiresAt) return false;
    const acceptedAt = this.#accepted.get(view.identity);
    return acceptedAt !== undefined && now - acceptedAt <= this.#credentialCheckMs;
  }

  /** Learns from an answer what it says of the credential and of the rate-limit bucket. */
  async #observe(view: ReadView, bucket: string, response: UpstreamResponse): Promise<void> {
    if (acceptsCredential(response)) {
      this.#accepted.set(view.identity, this.#now());
    } else if (refusesCredential(response)) {
      // Everything read with it goes, on every replica: the store's bump never throws.
      this.#accepted.delete(view.identity);
      await this.#store.bump([credentialTag(view.identity)]);
    }
    const remaining = header(response, 'ratelimit-remaining');
    if (response.status !== 429 && remaining === undefined) return;
    const capacity = header(response, 'ratelimit-limit');
    const observation = { status: response.status, remaining, retryAfterSeconds: response.retryAfterSeconds, ...(capacity !== undefined ? { capacity } : {}), ...refillOf(response) };
    const now = this.#now();
    await this.#localBudget.observe(bucket, observation, now);
    if (this.#store.available()) await this.#store.observe(bucket, observation, now).catch(() => undefined);
  }
}

/** A 429's parameters, as Atlas writes them: [path, retryAfterSeconds, capacity, refillRate, refillSeconds]. */
function refillOf(response: UpstreamResponse): { capacity?: number; refillRate?: number; refillSeconds?: number } {
  if (response.status !== 429) return {};
  const parameters = parseErrorBody(response.body)?.parameters;
  const [, , capacity, refillRate, refillSeconds] = parameters ?? [];
  return {
    ...(typeof capacity === 'number' ? { capacity } : {}),
    ...(typeof refillRate === 'number' ? { refillRate } : {}),
    ...(typeof refillSeconds === 'number' ? { refillSeconds } : {}),
  };
}

/** A wait that ends when the request that waits is answered: nothing more is done for it. */
function whileWanted<T>(promise: Promise<T>, signal: AbortSignal | undefined, call: SharedCall): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AtlasCallCancelledError(call.operation, call.fullPath));
  return new Promise<T>((resolve, reject) => {
    const cancel = () => reject(new AtlasCallCancelledError(call.operation, call.fullPath));
    signal.addEventListener('abort', cancel, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancel));
  });
}

const answerOf = (entry: CacheEntry): UpstreamResponse => ({ status: entry.status, headers: {}, body: entry.body, retryAfterSeconds: undefined });
