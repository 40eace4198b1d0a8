/**
 * The change feed: one stream of the API key and service account events of each organization
 * someone watches, pushed to subscribers on every replica, and making the shared reads of what
 * changed stale.
 *
 * Atlas records every key and service account change as an event, whoever made it (the Atlas UI, the CLI, Terraform,
 * this gateway), so polling an organization's feed finds them all. One replica polls each
 * organization for the whole fleet: the holder of its lease, taken or renewed on every interval,
 * and taken over by another replica once it lapses (LEASE_INTERVALS intervals after its holder
 * stopped renewing it). An organization is polled while someone anywhere subscribes to it, or
 * for `readInterestMs` after it was last read from Atlas (at least the shared reads' keep time,
 * so that every cached read of it is made stale by a change made elsewhere within about one
 * interval). A write through the gateway pokes the holder, which polls at once: subscribers hear of
 * it one Atlas call later, not an interval later.
 *
 * Where polling stopped, the checkpoint (the newest event's time, and the ids of the events of the
 * LOOKBACK_MS before it), is kept beside the lease: the next poll, by whichever replica, asks for
 * events from LOOKBACK_MS before it and skips those it names, so an event is neither repeated nor
 * missed at a second's boundary, at a page's, or when Atlas records an event a moment late. An
 * organization first watched starts from where its feed stands then (one call): what is there is
 * not news, everything recorded after is.
 *
 * While it follows an organization (its feed read to the end lately, by whichever replica), the
 * feed vouches for the shared reads of the organization's key listings and keys read since
 * it started following: every change to them, wherever made, makes them stale within about an
 * interval, so they are reused for the longer watched time to live (`SharedReads.followChanges`).
 *
 * In Redis when `redisUrl` is set (the leases, checkpoints and interests; events and pokes over
 * pub/sub, Yoga's Redis event target); in this process otherwise, for this replica alone.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Repeater, createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { API_KEY_EVENT_TYPES, type AtlasClient, SERVICE_ACCOUNT_EVENT_TYPES, type AtlasEvent, PAGE_SIZE_MAX, ReadSession, type SharedReads, type UpstreamEvent, eventTags } from '../atlas/index.js';
import type { Logger } from './logger.js';

/** An event of an organization's feed, with the organization. */
export type FeedEvent = AtlasEvent & { feedOrgId: string };

/** Where polling an organization stopped. */
export interface Checkpoint {
  /** The newest event's time (ISO). */
  created: string;
  /** The events of the LOOKBACK_MS up to it: id and time (ms). */
  seen: Array<[id: string, createdMs: number]>;
  /** Since when (ms) every change is news: when the feed was first read. */
  since?: number;
  /** When (ms) a poll last read the feed to its end. */
  polledAt?: number;
}

/** What the feed follows: every change to a key or a service account, in one call per poll. */
const FEED_EVENT_TYPES: string[] = [...API_KEY_EVENT_TYPES, ...SERVICE_ACCOUNT_EVENT_TYPES];

/** How far back each poll looks again, for events Atlas records a moment late or in the same second. */
export const LOOKBACK_MS = 5_000;
/** A lease lapses this many intervals after its holder last renewed it. */
export const LEASE_INTERVALS = 3;
/** Pages of 500 one poll reads at most; past that it goes on from there at the next. */
const MAX_PAGES = 10;

export interface ChangeFeedOptions {
  /** The gateway's own client: the feed reads Atlas's events with its credentials. */
  atlas: AtlasClient;
  /** Made stale by each change found. */
  sharedReads?: SharedReads;
  /** redis:// or rediss://; none keeps everything in this process. */
  redisUrl?: string;
  /** Prepended to every Redis key and channel; default `atlas-keys-gateway:feed:`. */
  keyPrefix?: string;
  /** How often each watched organization's feed is polled (FEED_POLL_INTERVAL_SECONDS). */
  intervalMs: number;
  /** How long a read from Atlas keeps its organization watched. */
  readInterestMs: number;
  logger?: Logger;
  /** Subscriptions one caller may hold on this replica; 100 by default. */
  maxSubscriptionsPerCaller?: number;
  /** Each Atlas call the feed makes (its metrics). */
  onPoll?: (orgId: string, calls: number, published: number) => void;
}

export const FEED_DEFAULTS = { keyPrefix: 'atlas-keys-gateway:feed:', maxSubscriptionsPerCaller: 100 } as const;

/** Leases, checkpoints and interests: in Redis for a fleet, in this process for one replica. */
interface FeedStore {
  /** Takes the lease, or renews it when `holder` has it; false when another replica holds it. */
  claim(orgId: string, holder: string, ttlMs: number): Promise<boolean>;
  release(orgId: string, holder: string): Promise<void>;
  checkpoint(orgId: string): Promise<Checkpoint | undefined>;
  /** Sets the checkpoint unless there is one. */
  startCheckpoint(orgId: string, checkpoint: Checkpoint): Promise<void>;
  saveCheckpoint(orgId: string, checkpoint: Checkpoint): Promise<void>;
  /** Keeps these organizations watched until `untilMs`. */
  declare(orgIds: readonly string[], untilMs: number): Promise<void>;
  /** The organizations someone watches at `nowMs`. */
  watched(nowMs: number): Promise<string[]>;
  close(): Promise<void>;
}

function memoryStore(): FeedStore {
  const leases = new Map<string, { holder: string; until: number }>();
  const checkpoints = new Map<string, Checkpoint>();
  const interests = new Map<string, number>();
  return {
    async claim(orgId, holder, ttlMs) {
      const lease = leases.get(orgId);
      if (lease && lease.holder !== holder && lease.until > Date.now()) return false;
      leases.set(orgId, { holder, until: Date.now() + ttlMs });
      return true;
    },
    async release(orgId, holder) {
      if (leases.get(orgId)?.holder === holder) leases.delete(orgId);
    },
    checkpoint: async (orgId) => checkpoints.get(orgId),
    startCheckpoint: async (orgId, checkpoint) => void (checkpoints.has(orgId) || checkpoints.set(orgId, checkpoint)),
    saveCheckpoint: async (orgId, checkpoint) => void checkpoints.set(orgId, checkpoint),
    async declare(orgIds, untilMs) {
      for (const orgId of orgIds) interests.set(orgId, Math.max(untilMs, interests.get(orgId) ?? 0));
    },
    async watched(nowMs) {
      for (const [orgId, until] of interests) if (until <= nowMs) interests.delete(orgId);
      return [...interests.keys()];
    },
    close: async () => undefined,
  };
}

/** Takes the lease when free, renews it when held by ARGV[1]. */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Checkpoints outlive a quiet week: a replica resumes from them after a restart. */
const CHECKPOINT_TTL_MS = 7 * 86_400_000;

function redisStore(redis: Redis): FeedStore {
  return {
    async claim(orgId, holder, ttlMs) {
      return (await redis.eval(CLAIM, 1, `lease:${orgId}`, holder, String(ttlMs))) === 1;
    },
    async release(orgId, holder) {
      await redis.eval(RELEASE, 1, `lease:${orgId}`, holder);
    },
    async checkpoint(orgId) {
      const value = await redis.get(`checkpoint:${orgId}`);
      return value ? (JSON.parse(value) as Checkpoint) : undefined;
    },
    async startCheckpoint(orgId, checkpoint) {
      await redis.set(`checkpoint:${orgId}`, JSON.stringify(checkpoint), 'PX', CHECKPOINT_TTL_MS, 'NX');
    },
    async saveCheckpoint(orgId, checkpoint) {
      await redis.set(`checkpoint:${orgId}`, JSON.stringify(checkpoint), 'PX', CHECKPOINT_TTL_MS);
    },
    async declare(orgIds, untilMs) {
      if (orgIds.length === 0) return;
      await redis.zadd('watched', 'GT', ...orgIds.flatMap((orgId) => [untilMs, orgId]));
    },
    async watched(nowMs) {
      await redis.zremrangebyscore('watched', '-inf', nowMs);
      return redis.zrange('watched', 0, -1);
    },
    close: async () => undefined,
  };
}

type Topics = { 'feed:events': [orgId: string, event: FeedEvent]; 'feed:poke': [orgId: string] };

/**
 * The organization whose key events change what a read of this path (relative to the base path)
 * shows: its key listings and keys. Not access lists: their usage fields change with every call a
 * key makes, and no event says so. Not service accounts either: their secrets' lastUsedAt and
 * their access lists' usage change with every token obtained, and no event says so.
 */
const FOLLOWED_READ = /^\/orgs\/([0-9a-f]{24})\/apiKeys(?:\/[0-9a-f]{24})?(?:\?|$)/;

/** An organization's id in a path of the Admin API (any flavor's base path), unless the path is its feed. */
const ORG_READ = /\/orgs\/([0-9a-f]{24})(?:\/(?!events)|$|\?)/;

export class ChangeFeed {
  readonly kind: 'memory' | 'redis';
  readonly #options: ChangeFeedOptions;
  readonly #store: FeedStore;
  readonly #pubsub: ReturnType<typeof createPubSub<Topics>>;
  readonly #clients: Redis[];
  readonly #replica = randomUUID();
  readonly #atlas: AtlasClient;
  /** Subscribers of this replica, per organization. */
  readonly #subscribers = new Map<string, number>();
  /** Organizations read from Atlas by this replica, until when. */
  readonly #read = new Map<string, number>();
  /** Organizations whose feed is followed, as far as this replica knows: since when, and when it was last read to its end. */
  readonly #following = new Map<string, { since: number; polledAt: number }>();
  /** Organizations whose lease this replica held at its last claim. */
  readonly #held = new Set<string>();
  /** Polls in flight, and whether another was asked for meanwhile. */
  readonly #polls = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Subscriptions being ended. */
  readonly #ending = new Set<Promise<void>>();
  /** Checkpoints being made, per organization. */
  readonly #starting = new Map<string, Promise<void>>();
  /** Subscriptions per caller on this replica. */
  readonly #perCaller = new Map<string, number>();
  /** Ends every subscription of this replica. */
  readonly #stoppers = new Set<() => void>();
  readonly #timer: NodeJS.Timeout;
  #ticking: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(options: ChangeFeedOptions, store: FeedStore, eventTarget: Parameters<typeof createPubSub<Topics>>[0], clients: Redis[]) {
    this.#options = options;
    this.kind = clients.length > 0 ? 'redis' : 'memory';
    this.#store = store;
    this.#clients = clients;
    this.#pubsub = createPubSub<Topics>(eventTarget);
    // Fresh from Atlas every time: the feed's reads are never answered from the cache.
    this.#atlas = options.atlas.withReadSession(new ReadSession(true));
    void this.#listenForPokes().catch((error: unknown) => this.#options.logger?.warn({ err: error }, 'change feed: pokes are no longer heard; polling goes on at the interval'));
    this.#timer = setInterval(() => void this.tick(), options.intervalMs);
    this.#timer.unref();
    options.sharedReads?.followChanges((path, storedAt) => this.follows(path, storedAt));
  }

  static async create(options: ChangeFeedOptions): Promise<ChangeFeed> {
    if (!options.redisUrl) return new ChangeFeed(options, memoryStore(), undefined, []);
    // Loaded only when Redis is configured, as the shared reads' client is.
    const { Redis } = await import('ioredis');
    const { createRedisEventTarget } = await import('@graphql-yoga/redis-event-target');
    const prefix = options.keyPrefix ?? FEED_DEFAULTS.keyPrefix;
    const connect = () => new Redis(options.redisUrl!, { keyPrefix: prefix, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(100 * times, 2_000) });
    const commands = connect();
    // Pub/sub channels are not prefixed by ioredis: the serializer keeps fleets on one Redis apart by prefix in the event target's channel names.
    const publishClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
    const subscribeClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
    for (const client of [commands, publishClient, subscribeClient]) client.on('error', () => undefined);
    const target = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
    const feed = new ChangeFeed(options, redisStore(commands), { eventTarget: prefixed(target, prefix) }, [commands, publishClient, subscribeClient]);
    return feed;
  }

  /**
   * The organization's API key events from now on, as they are found. Ends when the consumer
   * returns, or when the feed closes (shutdown). `caller` counts against the limit per caller,
   * refused at once (QUERY_LIMIT_EXCEEDED).
   */
  subscribe(orgId: string, caller = 'anonymous'): AsyncIterableIterator<FeedEvent> {
    const limit = this.#options.maxSubscriptionsPerCaller ?? FEED_DEFAULTS.maxSubscriptionsPerCaller;
    const held = this.#perCaller.get(caller) ?? 0;
    if (held >= limit) {
      throw new GraphQLError(`A caller may hold at most ${limit} subscriptions on a replica: end one first.`, { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit } });
    }
    this.#perCaller.set(caller, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.#perCaller.get(caller) ?? 1) - 1;
      if (left > 0) this.#perCaller.set(caller, left);
      else this.#perCaller.delete(caller);
    };
    const events = new Repeater<FeedEvent>(async (push, stop) => {
      if (this.#closed) {
        stop();
        release();
        return;
      }
      this.#subscribers.set(orgId, (this.#subscribers.get(orgId) ?? 0) + 1);
      const source = this.#pubsub.subscribe('feed:events', orgId);
      // Watched across the fleet at once, not at the next interval, and from now on: a change made
      // before the first poll is news to it.
      try {
        await this.#started(orgId);
        await this.#store.declare([orgId], Date.now() + LEASE_INTERVALS * this.#options.intervalMs);
      } catch (error) {
        this.#options.logger?.warn({ err: error, orgId }, 'change feed: where the feed stands could not be read; the subscription is served from the next round');
      }
      // Open from here on: every event recorded from now is news to it.
      this.#stoppers.add(stop);
      if (this.#closed) stop();
      // A round now: the organization's lease is taken (here or elsewhere) without waiting for the interval.
      else void this.tick();
      void (async () => {
        for await (const event of source) await push(event);
      })().catch((error: unknown) => stop(error));
      await stop;
      // Ending: its Redis channel is left before the feed's clients close.
      const ended = (async () => {
        this.#stoppers.delete(stop);
        const left = (this.#subscribers.get(orgId) ?? 1) - 1;
        if (left > 0) this.#subscribers.set(orgId, left);
        else this.#subscribers.delete(orgId);
        release();
        await source.return?.();
      })();
      this.#ending.add(ended);
      await ended.finally(() => this.#ending.delete(ended));
    });
    // A subscription ended before anything read from it never runs the executor above.
    const end = events.return.bind(events);
    events.return = (value?: unknown) => {
      release();
      return end(value as never);
    };
    return events;
  }

  /** Subscriptions this caller holds on this replica. */
  subscriptionsOf(caller: string): number {
    return this.#perCaller.get(caller) ?? 0;
  }

  /** Subscriptions open on this replica. */
  get subscriptions(): number {
    return this.#stoppers.size;
  }

  /**
   * Whether a change to what the read of `path` (relative to the base path) stored at `storedAt`
   * shows will make it stale within about an interval: its organization's feed has been followed
   * since before the read, and was read to its end within the time a lease takes to lapse (plus
   * one interval), so a replica that stopped polling is replaced before the vouching stops.
   */
  follows(path: string, storedAt: number): boolean {
    const orgId = FOLLOWED_READ.exec(path)?.[1];
    const following = orgId ? this.#following.get(orgId) : undefined;
    return following !== undefined && !this.#closed && storedAt >= following.since && Date.now() - following.polledAt <= (LEASE_INTERVALS + 1) * this.#options.intervalMs;
  }

  #learn(orgId: string, checkpoint: Checkpoint | undefined): void {
    if (checkpoint?.since !== undefined && checkpoint.polledAt !== undefined) this.#following.set(orgId, { since: checkpoint.since, polledAt: checkpoint.polledAt });
  }

  /** A call to Atlas was made: a read of an organization keeps it watched for a while. */
  noticeCall = (event: Pick<UpstreamEvent, 'method' | 'path'>): void => {
    if (event.method !== 'GET') return;
    const orgId = ORG_READ.exec(event.path)?.[1];
    if (orgId) this.#read.set(orgId, Date.now() + this.#options.readInterestMs);
  };

  /** A write through the gateway touched the organization: its lease holder polls at once. */
  async poke(orgId: string): Promise<void> {
    if (this.#closed) return;
    this.#pubsub.publish('feed:poke', orgId);
  }

  /** One round: declare what this replica watches, claim the leases of what the fleet watches, poll those held. */
  tick(): Promise<void> {
    // Rounds run one at a time; one asked for while another waits to start is that one.
    if (this.#queued) return this.#queued;
    const round = this.#ticking
      .then(() => {
        this.#queued = undefined;
        return this.#round();
      })
      .catch((error: unknown) => {
        this.#options.logger?.warn({ err: error }, 'change feed: a polling round failed; the next goes on');
      });
    this.#queued = round;
    this.#ticking = round;
    return round;
  }

  #queued: Promise<void> | undefined;

  async #round(): Promise<void> {
    if (this.#closed) return;
    const now = Date.now();
    const ttl = LEASE_INTERVALS * this.#options.intervalMs;
    for (const [orgId, until] of this.#read) if (until <= now) this.#read.delete(orgId);
    await this.#store.declare([...new Set([...this.#subscribers.keys(), ...this.#read.keys()])], now + ttl);
    const watched = await this.#store.watched(now);
    for (const orgId of [...this.#held]) if (!watched.includes(orgId)) this.#held.delete(orgId);
    for (const orgId of [...this.#following.keys()]) if (!watched.includes(orgId)) this.#following.delete(orgId);
    await Promise.all(
      watched.map(async (orgId) => {
        if (await this.#store.claim(orgId, this.#replica, ttl)) {
          this.#held.add(orgId);
          await this.poll(orgId);
        } else {
          this.#held.delete(orgId);
          // Polled by another replica: how far it got.
          this.#learn(orgId, await this.#store.checkpoint(orgId));
        }
      }),
    );
  }

  /** Polls an organization's feed now (one poll at a time per organization; one more when asked meanwhile). */
  poll(orgId: string): Promise<void> {
    const running = this.#polls.get(orgId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.#pollOnce(orgId);
        } while (state.again && !this.#closed);
      } catch (error) {
        this.#options.logger?.warn({ err: error, orgId }, 'change feed: polling an organization failed; the next interval tries again');
      } finally {
        this.#polls.delete(orgId);
      }
    })();
    this.#polls.set(orgId, state);
    return state.done;
  }

  /**
   * Where an organization's feed stands now: the events of the last LOOKBACK_MS, as seen. From
   * there on, every event is news (one Atlas call, when an organization is first watched).
   */
  async #head(orgId: string): Promise<Checkpoint> {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const page = await this.#atlas.listOrganizationEvents(orgId, { eventTypes: FEED_EVENT_TYPES, minDate: new Date(now - LOOKBACK_MS) }, { pageNum: 1, itemsPerPage: PAGE_SIZE_MAX, includeCount: false });
    const seen = page.results.map((event): [string, number] => [event.id, Date.parse(event.created)]);
    this.#options.onPoll?.(orgId, 1, 0);
    // Every change applied before the answer is in what reads sent from now on show.
    const answeredAt = Date.now();
    return { created: new Date(Math.max(now, ...seen.map(([, at]) => at))).toISOString(), seen, since: answeredAt, polledAt: answeredAt };
  }

  /** Makes sure the organization has a checkpoint (where its feed stands, read once per replica however many subscribe at once). */
  #started(orgId: string): Promise<void> {
    let starting = this.#starting.get(orgId);
    if (!starting) {
      starting = (async () => {
        if (!(await this.#store.checkpoint(orgId))) await this.#store.startCheckpoint(orgId, await this.#head(orgId));
        this.#learn(orgId, await this.#store.checkpoint(orgId));
      })().finally(() => this.#starting.delete(orgId));
      this.#starting.set(orgId, starting);
    }
    return starting;
  }

  async #pollOnce(orgId: string): Promise<void> {
    const checkpoint = await this.#store.checkpoint(orgId);
    if (!checkpoint) {
      // An organization nobody watched before: what is there now is not news.
      await this.#started(orgId);
      return;
    }
    const since = new Date(Date.parse(checkpoint.created) - LOOKBACK_MS);
    const sentAt = Date.now();
    const read: AtlasEvent[] = [];
    let calls = 0;
    let toTheEnd = false;
    for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
      const page = await this.#atlas.listOrganizationEvents(orgId, { eventTypes: FEED_EVENT_TYPES, minDate: since }, { pageNum, itemsPerPage: PAGE_SIZE_MAX, includeCount: false });
      calls++;
      read.push(...page.results);
      const more = page.linked === true ? page.hasNext : page.results.length === PAGE_SIZE_MAX;
      if (!more) {
        toTheEnd = true;
        break;
      }
    }
    const seen = new Set(checkpoint.seen.map(([id]) => id));
    // Oldest first, as they happened.
    const fresh = read.filter((event) => !seen.has(event.id)).reverse();
    const newest = Math.max(Date.parse(checkpoint.created), ...read.map((event) => Date.parse(event.created)));
    const window = [...checkpoint.seen, ...read.map((event): [string, number] => [event.id, Date.parse(event.created)])];
    const next: Checkpoint = {
      created: new Date(newest).toISOString(),
      seen: [...new Map(window.filter(([, at]) => at >= newest - LOOKBACK_MS)).entries()],
      // A checkpoint from before these were kept: changes are news from this poll on.
      since: checkpoint.since ?? sentAt,
      // Caught up only when the feed was read to its end (not when MAX_PAGES stopped it).
      ...(toTheEnd ? { polledAt: sentAt } : checkpoint.polledAt !== undefined ? { polledAt: checkpoint.polledAt } : {}),
    };
    if (fresh.length > 0) {
      // Stale first, then told: a subscriber that reads again on hearing of a change reads it.
      const tags = new Set(fresh.flatMap((event) => eventTags(orgId, event.eventTypeName)));
      await this.#options.sharedReads?.invalidate([...tags]);
      for (const event of fresh) this.#pubsub.publish('feed:events', orgId, { ...event, feedOrgId: orgId });
    }
    await this.#store.saveCheckpoint(orgId, next);
    this.#learn(orgId, next);
    this.#options.onPoll?.(orgId, calls, fresh.length);
  }

  async #listenForPokes(): Promise<void> {
    const pokes = this.#pubsub.subscribe('feed:poke');
    this.#stopPokes = () => void pokes.return?.();
    for await (const orgId of pokes) {
      if (this.#held.has(orgId)) void this.poll(orgId);
    }
  }

  #stopPokes: () => void = () => undefined;

  /** Ends every subscription (each with a complete message), gives up its leases and stops polling. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    for (const stop of [...this.#stoppers]) stop();
    this.#stopPokes();
    await this.#ticking;
    await Promise.all([...this.#polls.values()].map((poll) => poll.done));
    await Promise.all([...this.#held].map((orgId) => this.#store.release(orgId, this.#replica).catch(() => undefined)));
    await this.#store.close();
    await this.#disconnect();
  }

  /** Stops without giving up its leases, as a replica that is killed does (tests). */
  async abandon(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    for (const stop of [...this.#stoppers]) stop();
    this.#stopPokes();
    await this.#ticking;
    await Promise.all([...this.#polls.values()].map((poll) => poll.done));
    await this.#disconnect();
  }

  async #disconnect(): Promise<void> {
    // The subscriptions just stopped leave their channels first.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(this.#ending);
    // QUIT waits for the replies of what was sent (a publish in flight), so that nothing is left to fail.
    await Promise.all(this.#clients.map((client) => client.quit().catch(() => client.disconnect())));
  }
}

/** An event target whose event names carry `prefix`, so fleets sharing one Redis keep their channels apart. */
function prefixed(target: ReturnType<typeof createRedisEventTarget<CustomEvent>>, prefix: string): ReturnType<typeof createRedisEventTarget<CustomEvent>> {
  return {
    addEventListener: (type, listener, options) => target.addEventListener(`${prefix}${type}`, listener, options),
    removeEventListener: (type, listener, options) => target.removeEventListener(`${prefix}${type}`, listener, options),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(`${prefix}${event.type}`, { detail: event.detail })),
  } as ReturnType<typeof createRedisEventTarget<CustomEvent>>;
}
