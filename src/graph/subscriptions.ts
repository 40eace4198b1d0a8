/**
 * Subscriptions: API key and service account changes as they happen, from the change feed (server/change-feed.ts),
 * which finds every change in Atlas's feed (whoever made it) and hears of the gateway's own writes
 * at once. Served over Server-Sent Events (Yoga's own) and WebSocket (graphql-ws).
 *
 * Everything a subscription is refused for (a bad id, a missing scope, an organization that does
 * not exist, the limit of subscriptions per caller) is refused when it starts, before the feed
 * watches anything. Scopes are those of the same queries; a subscription ends, with an
 * UNAUTHENTICATED error, when the caller's token expires.
 */
import { GraphQLError } from 'graphql';
import { Repeater, filter, map, pipe } from 'graphql-yoga';
import { isNotFound } from '../atlas/index.js';
import type { FeedEvent } from '../server/change-feed.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { API_KEY_EVENT, ApiKeyEventRef, ApiKeyEventTypeEnum } from './api-key-events.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { badUserInput, notFound } from './errors.js';
import { objectIdArg } from './ids.js';
import { type OrgServiceAccount, apiKeyRef, createLoaders } from './loaders.js';
import { ServiceAccountRef, accountRef } from './service-account.js';
import { SERVICE_ACCOUNT_EVENT, ServiceAccountEventRef, ServiceAccountEventTypeEnum } from './service-account-events.js';

builder.subscriptionType({
  description:
    "API key and service account changes as they happen, whoever made them: Atlas's feed is polled for every organization someone subscribes to (FEED_POLL_INTERVAL_SECONDS), and a change made through the gateway is heard of at once. Over Server-Sent Events (Accept: text/event-stream) or WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql.",
});

/**
 * Readies a context for a long-lived subscription: its Atlas view is freed of the request's
 * answer signal (an SSE answer starts before its events), and every event is resolved with fresh
 * loaders, so that nothing read for an earlier event is served for a later one.
 */
function forEvents(ctx: Context): () => void {
  ctx.atlas = ctx.atlas.withSignal(new AbortController().signal);
  const batching = ctx.loaders.batching;
  const fresh = () => {
    ctx.loaders = createLoaders(ctx.atlas, { batching });
  };
  fresh();
  return fresh;
}

/** The last payload of a subscription whose token expired: its resolver answers it as an error. */
class TokenExpired extends GraphQLError {
  constructor() {
    super('The token has expired: subscribe again with a new one.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

/**
 * A re-read after a change that failed (Atlas unavailable, out of budget): its payload is answered
 * as that error, and the subscription goes on; the next change reads again, and what was last sent
 * stays what a later state is told apart from.
 */
class Unread {
  constructor(readonly error: unknown) {}
}

/** A payload's value, or the error it stands for. */
function payload<T>(value: T | TokenExpired | Unread): T {
  if (value instanceof TokenExpired) throw value;
  if (value instanceof Unread) throw value.error;
  return value;
}

/** `states`, whose ending (even before its first pull, when its executor never ran) ends `events` too: the caller's place is given back. */
function endingWith<T>(states: Repeater<T>, events: AsyncIterator<unknown>): Repeater<T> {
  const end = states.return.bind(states);
  states.return = (value?: unknown) => {
    void events.return?.();
    return end(value as never);
  };
  return states;
}

/** The feed's events for `orgId`, counted against the caller's limit first, ended again when `first` (the state it starts from) fails. */
async function watching<T>(ctx: Context, orgId: string, first: () => Promise<T | undefined>, missing: () => GraphQLError) {
  const events = feedOf(ctx).subscribe(orgId, callerKey(ctx));
  try {
    const state = await first();
    if (state === undefined) throw missing();
    return { events, first: state };
  } catch (error) {
    await events.return?.();
    throw error;
  }
}

/** Ends `source` when the caller's token expires, with a last payload its resolver answers as an UNAUTHENTICATED error. */
function untilExpiry<T>(ctx: Context, source: AsyncIterableIterator<T>): AsyncIterableIterator<T | TokenExpired> {
  const expiresAt = ctx.caller?.expiresAt;
  if (expiresAt === undefined) return source;
  const expiring = new Repeater<T | TokenExpired>(async (push, stop) => {
    const timer = setTimeout(
      () => {
        void push(new TokenExpired()).then(() => stop());
      },
      Math.max(0, expiresAt - Date.now()),
    );
    void (async () => {
      for await (const item of source) await push(item);
      stop();
    })().catch((error: unknown) => stop(error));
    await stop;
    clearTimeout(timer);
    await source.return?.();
  });
  return endingWith(expiring, source);
}

/** The feed, or why there is none. */
function feedOf(ctx: Context) {
  if (!ctx.feed) {
    throw new GraphQLError('Subscriptions need the gateway to read Atlas with credentials of its own: in pass-through mode there is no change feed.', {
      extensions: { code: 'SUBSCRIPTIONS_UNAVAILABLE' },
    });
  }
  return ctx.feed;
}

builder.subscriptionFields((t) => ({
  apiKeyEvents: t.field({
    type: ApiKeyEventRef,
    description:
      "The organization's API key events (its projects' included) from now on, as Atlas records them: a change made through the gateway within one Atlas call, one made elsewhere within the poll interval. Each event is as in Organization.apiKeyEvents, with requestedBy. Needs the atlas:audit scope (or atlas:audit:<orgId>).",
    args: {
      organizationId: t.arg.id({ required: true, description: 'The organization: its Organization.id (or its Organization.atlasId).' }),
      types: t.arg({ type: [ApiKeyEventTypeEnum], required: false, description: 'Only these types (all API key events when absent; UNKNOWN is not accepted).' }),
    },
    authScopes: (_root, args) => ({ audit: objectIdArg(args.organizationId, 'Organization', 'organizationId').parts[0] ?? '' }),
    subscribe: async (_root, args, ctx) => {
      const [orgId = ''] = objectIdArg(args.organizationId, 'Organization', 'organizationId').parts;
      if (args.types?.includes('UNKNOWN')) throw badUserInput('UNKNOWN is not a type Atlas can filter by.', 'types');
      const feed = feedOf(ctx);
      await organizationExists(ctx, orgId);
      return eventsOf(ctx, feed, orgId, args.types, API_KEY_EVENT);
    },
    resolve: (event: FeedEvent | TokenExpired) => payload(event),
  }),
  serviceAccountEvents: t.field({
    type: ServiceAccountEventRef,
    description:
      "The organization's service account events (its projects' included) from now on, as Atlas records them: a change made through the gateway within one Atlas call, one made elsewhere within the poll interval. Atlas does not say which account an event is about (see ServiceAccountEvent). Needs the atlas:audit scope (or atlas:audit:<orgId>).",
    args: {
      organizationId: t.arg.id({ required: true, description: 'The organization: its Organization.id (or its Organization.atlasId).' }),
      types: t.arg({ type: [ServiceAccountEventTypeEnum], required: false, description: 'Only these types (all service account events when absent; UNKNOWN is not accepted).' }),
    },
    authScopes: (_root, args) => ({ audit: objectIdArg(args.organizationId, 'Organization', 'organizationId').parts[0] ?? '' }),
    subscribe: async (_root, args, ctx) => {
      const [orgId = ''] = objectIdArg(args.organizationId, 'Organization', 'organizationId').parts;
      if (args.types?.includes('UNKNOWN')) throw badUserInput('UNKNOWN is not a type Atlas can filter by.', 'types');
      const feed = feedOf(ctx);
      await organizationExists(ctx, orgId);
      return eventsOf(ctx, feed, orgId, args.types, SERVICE_ACCOUNT_EVENT);
    },
    resolve: (event: FeedEvent | TokenExpired) => payload(event),
  }),
  apiKey: t.field({
    type: ApiKeyRef,
    nullable: true,
    description:
      'The key now, and again each time it changes (its description, roles, access list or projects), whoever changed it; null once, when it is deleted, and then the subscription ends. When the key cannot be read again after a change (Atlas unavailable, its budget spent), that payload is the error, and the subscription goes on. Needs the atlas:read scope (or atlas:read:<orgId>).',
    args: {
      id: t.arg.id({ required: true, description: 'The key: its ApiKey.id.' }),
    },
    authScopes: (_root, args) => ({ read: objectIdArg(args.id, 'ApiKey', 'id').parts[0] ?? '' }),
    subscribe: async (_root, args, ctx) => {
      const [orgId = '', keyId = ''] = objectIdArg(args.id, 'ApiKey', 'id').parts;
      const { events, first } = await watching(ctx, orgId, () => keyNow(ctx, orgId, keyId), () => notFound(`No API key ${keyId} in organization ${orgId}.`));
      const fresh = forEvents(ctx);
      const states = new Repeater<ApiKeyModel | null | Unread>(async (push, stop) => {
        stop.then(() => events.return?.());
        await push(first);
        for await (const event of events) {
          if (event.targetPublicKey !== first.publicKey) continue;
          fresh();
          const now = await keyNow(ctx, orgId, keyId).catch((error: unknown) => new Unread(error));
          await push(now ?? null);
          if (!now) break;
        }
        stop();
      });
      return untilExpiry(ctx, endingWith(states, events));
    },
    resolve: (key: ApiKeyModel | null | Unread | TokenExpired) => payload(key),
  }),
  serviceAccount: t.field({
    type: ServiceAccountRef,
    nullable: true,
    description:
      'The service account now, and again each time it changes (its name, description, roles, secrets, projects or access list), whoever changed it; null once, when it is deleted, and then the subscription ends. When the account cannot be read again after a change (Atlas unavailable, its budget spent), that payload is the error, and the subscription goes on. Atlas\'s events do not say which account changed, so each service account event of the organization has the account read again (shared by every subscriber), and it is sent only when it differs. Needs the atlas:read scope (or atlas:read:<orgId>).',
    args: {
      id: t.arg.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    },
    authScopes: (_root, args) => ({ read: objectIdArg(args.id, 'ServiceAccount', 'id').parts[0] ?? '' }),
    subscribe: async (_root, args, ctx) => {
      const [orgId = '', clientId = ''] = objectIdArg(args.id, 'ServiceAccount', 'id').parts;
      const { events, first } = await watching(ctx, orgId, () => accountNow(ctx, orgId, clientId), () => notFound(`No service account ${clientId} in organization ${orgId}.`));
      const fresh = forEvents(ctx);
      const states = new Repeater<OrgServiceAccount | null | Unread>(async (push, stop) => {
        stop.then(() => events.return?.());
        await push(first.account);
        let last = first.fingerprint;
        for await (const event of events) {
          if (!SERVICE_ACCOUNT_EVENT.test(event.eventTypeName)) continue;
          fresh();
          const now = await accountNow(ctx, orgId, clientId).catch((error: unknown) => new Unread(error));
          if (now instanceof Unread) {
            await push(now);
            continue;
          }
          if (now?.fingerprint === last) continue;
          await push(now?.account ?? null);
          if (!now) break;
          last = now.fingerprint;
        }
        stop();
      });
      return untilExpiry(ctx, endingWith(states, events));
    },
    resolve: (account: OrgServiceAccount | null | Unread | TokenExpired) => payload(account),
  }),
}));

/** An organization's events of one family (`family` matches their names), narrowed to `types` when given. */
function eventsOf(ctx: Context, feed: ReturnType<typeof feedOf>, orgId: string, types: readonly string[] | null | undefined, family: RegExp) {
  const wanted = types?.length ? new Set<string>(types) : undefined;
  const fresh = forEvents(ctx);
  return untilExpiry(
    ctx,
    pipe(
      feed.subscribe(orgId, callerKey(ctx)),
      filter((event: FeedEvent) => (wanted ? wanted.has(event.eventTypeName) : family.test(event.eventTypeName))),
      map((event: FeedEvent) => {
        fresh();
        return event;
      }),
    ),
  );
}

/**
 * The account as Atlas has it now (the feed made cached reads of the organization's accounts stale
 * before telling), with what tells one state from another: everything a change can touch, not the
 * use fields (a secret's lastUsedAt, an entry's requestCount), which change with every token and
 * no event says so. Undefined once it is deleted.
 */
async function accountNow(ctx: Context, orgId: string, clientId: string): Promise<{ account: OrgServiceAccount; fingerprint: string } | undefined> {
  const ref = accountRef(orgId, clientId);
  try {
    const [account, projects, accessList] = await Promise.all([
      ctx.loaders.serviceAccount.load(ref),
      ctx.loaders.serviceAccountProjects.load(ref),
      ctx.loaders.wholeServiceAccountAccessList.load(ref),
    ]);
    const fingerprint = JSON.stringify([
      account.name,
      account.description,
      [...account.roles].sort(),
      account.secrets.map((secret) => [secret.id, secret.expiresAt]).sort(),
      projects.map((project) => [project.groupId, [...project.roles].sort()]).sort(),
      accessList.map((entry) => entry.cidrBlock ?? entry.ipAddress).sort(),
    ]);
    return { account, fingerprint };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Who a subscription counts against (the limit per caller). */
const callerKey = (ctx: Context): string => (ctx.caller?.subject ? `jwt:${ctx.caller.issuer ?? ''}:${ctx.caller.subject}` : 'anonymous');

/** Refuses a subscription to an organization that does not exist, before the feed watches it. */
async function organizationExists(ctx: Context, orgId: string): Promise<void> {
  try {
    await ctx.loaders.organization.load(orgId);
  } catch (error) {
    if (isNotFound(error)) throw notFound(`No organization ${orgId}.`);
    throw error;
  }
}

/** The key as Atlas has it now (the feed made cached reads of it stale before telling), or undefined once deleted. */
async function keyNow(ctx: Context, orgId: string, keyId: string): Promise<ApiKeyModel | undefined> {
  try {
    return await ctx.loaders.apiKey.load(apiKeyRef(orgId, keyId));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
