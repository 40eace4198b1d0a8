/**
 * Event history: Atlas's activity feed of an organization or a project, read a page at a time and
 * narrowed to one family of events (API keys', service accounts'). Atlas filters by type and time
 * only; by key and actor the gateway filters what it reads.
 *
 * Cursors hold the event's time and id and its index in the list Atlas returns up to an anchor
 * (maxDate: the newest event the first page saw), so later events stay out of that list and the
 * next page asks for the Atlas page it starts in; where the list changed at the anchor's second,
 * the cursor is found again by its time (maxDate inclusive, those of its second up to its id
 * skipped). One field reads at most MAX_EVENT_PAGES pages of 500; past that its page ends early
 * with hasNextPage true, and endCursor is where reading stopped.
 */
import type { ObjectRef } from '@pothos/core';
import { AtlasApiError, type AtlasEvent, PAGE_SIZE_MAX, type Page } from '../atlas/index.js';
import { type SchemaTypes, builder } from './builder.js';
import type { Context } from './context.js';
import { DEFAULT_PAGE_SIZE } from './connections.js';
import { badUserInput } from './errors.js';
import { objectIdArg } from './ids.js';
import { apiKeyRef } from './loaders.js';

/** Pages of 500 one field may read. */
export const MAX_EVENT_PAGES = 10;

/** An event as read from an organization's or a project's feed (feedOrgId: the organization either belongs to). */
export type EventModel = AtlasEvent & { feedOrgId: string };

/** The project an event involves, while it exists. */
export async function eventProject(e: EventModel, _args: unknown, ctx: Context) {
  if (!e.groupId) return null;
  try {
    return await ctx.loaders.project.load({ id: e.groupId, orgId: e.feedOrgId });
  } catch (error) {
    if (error instanceof AtlasApiError && error.status === 404) return null;
    throw error;
  }
}

// --- arguments ----------------------------------------------------------------------------------

export interface EventFilter {
  types?: string[] | null;
  from?: Date | null;
  to?: Date | null;
  apiKeyId?: string | number | null;
  actorPublicKey?: string | null;
  actorUsername?: string | null;
}

export interface EventArgs {
  first?: number | null;
  after?: string | null;
  filter?: EventFilter | null;
}

/**
 * Where an event sits: its time and id (the keyset), and its index in the list Atlas returns for
 * the same filters up to `anchor` (maxDate), so that the next page can ask for the Atlas page it
 * starts in. Cursors made before anchors existed carry the keyset only.
 */
interface Cursor {
  created: string;
  id: string;
  anchor?: string;
  offset?: number;
}

const ISO = String.raw`\d{4}-\d{2}-\d{2}T[\d:.]+Z`;
const CURSOR = new RegExp(`^ApiKeyEvent:(${ISO}):([a-f0-9]{24})(?::(${ISO}):(\\d+))?$`);

const encodeCursor = (c: Cursor): string =>
  Buffer.from(`ApiKeyEvent:${c.created}:${c.id}${c.anchor !== undefined && c.offset !== undefined ? `:${c.anchor}:${c.offset}` : ''}`).toString('base64');

function decodeCursor(value: string): Cursor {
  const match = CURSOR.exec(Buffer.from(value, 'base64').toString());
  if (!match || Number.isNaN(Date.parse(match[1]!)) || (match[3] !== undefined && Number.isNaN(Date.parse(match[3])))) {
    throw badUserInput('after is not a cursor from this connection.', 'after');
  }
  return { created: match[1]!, id: match[2]!, ...(match[3] !== undefined ? { anchor: match[3], offset: Number(match[4]) } : {}) };
}

function firstOf(args: EventArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > PAGE_SIZE_MAX) throw badUserInput(`first must be between 0 and ${PAGE_SIZE_MAX}.`, 'first');
  return first;
}

/** Every check of the arguments, before any Atlas call. */
export function checkEventArgs(raw: Record<string, unknown>): void {
  const args = raw as EventArgs;
  firstOf(args);
  if (args.after) decodeCursor(args.after);
  const filter = args.filter;
  if (filter?.from && filter.to && filter.to.getTime() < filter.from.getTime()) throw badUserInput('filter.to is before filter.from.', 'filter.to');
  if (filter?.types?.includes('UNKNOWN')) throw badUserInput('UNKNOWN is not a type Atlas can filter by.', 'filter.types');
  if (filter?.apiKeyId != null) objectIdArg(filter.apiKeyId, 'ApiKey', 'filter.apiKeyId');
}

/** Whether the gateway filters what it reads (then it may read several pages). */
const filtersClientSide = (filter: EventFilter | null | undefined, byKey: boolean): boolean =>
  byKey || !filter?.types?.length || filter.apiKeyId != null || filter.actorPublicKey != null || filter.actorUsername != null;

/**
 * Pages of 500 a window may read: those `first` events span from where the cursor points (one
 * more, where it must be found again by its time), or MAX_EVENT_PAGES when the gateway filters.
 */
const pagesFor = (args: EventArgs, byKey: boolean): number =>
  filtersClientSide(args.filter, byKey) ? MAX_EVENT_PAGES : Math.min(MAX_EVENT_PAGES, Math.ceil((firstOf(args) + 1) / PAGE_SIZE_MAX) + 1);

/** Declared cost: the pages, one listing of the organization's keys and one of its projects (shared by every event), the key a filter names. */
export const eventsCost = (byKey: boolean) => (args: Record<string, unknown>) => {
  const a = args as EventArgs;
  return { field: pagesFor(a, byKey) + 2 + (a.filter?.apiKeyId != null ? 1 : 0), multiplier: firstOf(a) };
};

// --- reading ------------------------------------------------------------------------------------

export type Feed = { kind: 'org'; orgId: string } | { kind: 'project'; projectId: string; orgId: string };

export interface EventConnection {
  edges: Array<{ cursor: string; node: EventModel }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Where a page starts reading: the list up to `anchor` (maxDate; none for the newest), from index
 * `start`. `after`, when set, is the cursor to find again by its time: the events of its second up
 * to it are skipped.
 */
interface Start {
  anchor: string | undefined;
  start: number;
  /** A cursor whose place in the list is checked by the event before `start` (same id), or by the first one read (older than it). */
  check?: Cursor;
  /** A cursor found again by its time (maxDate = its time, events up to it skipped). */
  keyset?: Cursor;
}

/** The earlier of two ISO times (either may be absent). */
const earlier = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * A page of the feed's events of one family (`family` matches their type names), narrowed by the
 * filter; `targetKey` keeps only those acting on the key with that public key.
 */
export async function readEvents(ctx: Context, feed: Feed, args: EventArgs, family: RegExp, targetKey?: string): Promise<EventConnection> {
  const first = firstOf(args);
  const filter = args.filter ?? {};
  const after = args.after ? decodeCursor(args.after) : undefined;
  let target = targetKey;
  if (filter.apiKeyId != null) {
    const [orgId = '', keyId = ''] = objectIdArg(filter.apiKeyId, 'ApiKey', 'filter.apiKeyId').parts;
    target = (await ctx.loaders.apiKey.load(apiKeyRef(orgId, keyId))).publicKey;
  }
  const types = filter.types?.length ? filter.types : undefined;
  const to = filter.to?.toISOString();
  const keep = (e: AtlasEvent): boolean =>
    family.test(e.eventTypeName) &&
    (target === undefined || e.targetPublicKey === target) &&
    (filter.actorPublicKey == null || e.publicKey === filter.actorPublicKey) &&
    (filter.actorUsername == null || e.username === filter.actorUsername);
  const maxPages = pagesFor(args, targetKey !== undefined);
  const fetchPage = (anchor: string | undefined, pageNum: number): Promise<Page<AtlasEvent>> => {
    const query = { ...(types ? { eventTypes: types } : {}), ...(filter.from ? { minDate: filter.from } : {}), ...(anchor ? { maxDate: anchor } : {}) };
    const request = { pageNum, itemsPerPage: PAGE_SIZE_MAX, includeCount: false };
    return feed.kind === 'org' ? ctx.loaders.organizationEventPage(feed.orgId, query, request) : ctx.atlas.listProjectEvents(feed.projectId, query, request);
  };

  const keysetFrom = (cursor: Cursor): Start => ({ anchor: earlier(cursor.created, to), start: 0, keyset: cursor });
  let from: Start =
    after === undefined
      ? { anchor: to, start: 0 }
      : after.anchor !== undefined && after.offset !== undefined && (to === undefined || after.anchor === earlier(after.anchor, to))
        ? { anchor: after.anchor, start: after.offset + 1, check: after }
        : keysetFrom(after);

  const edges: EventConnection['edges'] = [];
  let position: Cursor | undefined;
  let more = false;
  let pagesRead = 0;
  reading: while (pagesRead < maxPages) {
    let anchor = from.anchor;
    let skipping = from.keyset !== undefined;
    for (let pageNum = Math.floor(from.start / PAGE_SIZE_MAX) + 1; pagesRead < maxPages; pageNum++) {
      const page = await fetchPage(anchor, pageNum);
      pagesRead++;
      const { results } = page;
      // The newest event anchors the list the cursors count in: later events (newer) stay out of it.
      anchor ??= results[0]?.created;
      let i = pageNum === Math.floor(from.start / PAGE_SIZE_MAX) + 1 ? from.start % PAGE_SIZE_MAX : 0;
      if (from.check && pageNum === Math.floor(from.start / PAGE_SIZE_MAX) + 1) {
        const check = from.check;
        const before = i > 0 ? results[i - 1] : undefined;
        const next = results[i];
        const inPlace = before !== undefined ? before.id === check.id : next === undefined || Date.parse(next.created) < Date.parse(check.created);
        if (!inPlace) {
          // Events of the anchor's second arrived since, or the list changed: find the cursor by its time.
          from = keysetFrom(check);
          continue reading;
        }
      }
      for (; i < results.length && edges.length < first; i++) {
        const event = results[i]!;
        const offset = (pageNum - 1) * PAGE_SIZE_MAX + i;
        if (skipping) {
          // Those of the cursor's second up to its event were returned before; a missing event ends the skip at the next second.
          const cursor = from.keyset!;
          if (event.id === cursor.id) {
            skipping = false;
            continue;
          }
          if (Date.parse(event.created) >= Date.parse(cursor.created)) continue;
          skipping = false;
        }
        position = { created: event.created, id: event.id, ...(anchor !== undefined ? { anchor, offset } : {}) };
        if (keep(event)) edges.push({ cursor: encodeCursor(position), node: Object.assign({}, event, { feedOrgId: feed.orgId }) });
      }
      const atlasHasMore = page.linked === true ? page.hasNext : results.length === PAGE_SIZE_MAX;
      if (edges.length >= first) {
        more = results.slice(i).some(keep) || atlasHasMore;
        break reading;
      }
      more = atlasHasMore;
      if (!atlasHasMore) break reading;
    }
    break;
  }
  return {
    edges,
    pageInfo: {
      hasNextPage: more,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      // Where reading stopped: past the last edge when filtered events followed it.
      endCursor: position ? encodeCursor(position) : (args.after ?? null),
    },
  };
}

// --- types --------------------------------------------------------------------------------------

type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>;

/** The connection of one family's events: `<Name>Connection`, `<Name>Edge`, `<Name>PageInfo`. */
export function eventConnection(name: string, noun: string, nodeRef: ObjectRef<Types, EventModel>): ObjectRef<Types, EventConnection> {
  const connection = builder.objectRef<EventConnection>(`${name}Connection`);
  const edge = builder.objectRef<EventConnection['edges'][number]>(`${name}Edge`).implement({
    description: `${noun} in a page.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: 'Position of this event; pass it as `after`. It stays valid as new events arrive.' }),
      node: t.field({ type: nodeRef, description: 'The event.', resolve: (e) => e.node }),
    }),
  });
  const pageInfo = builder.objectRef<EventConnection['pageInfo']>(`${name}PageInfo`).implement({
    description: `Where a page of ${noun.replace(/^An? /, '')}s sits.`,
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether older events may follow (true as well when the page ended early at the page bound).' }),
      hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Whether this page follows a cursor.' }),
      startCursor: t.string({ nullable: true, description: 'Cursor of the first event of this page.', resolve: (p) => p.startCursor }),
      endCursor: t.string({ nullable: true, description: 'Where reading stopped: pass it as `after` for the next page (past the last edge when filtered events followed it).', resolve: (p) => p.endCursor }),
    }),
  });
  return connection.implement({
    description: `A page of ${noun.replace(/^An? /, '')}s, newest first.`,
    fields: (t) => ({
      edges: t.field({ type: [edge], description: 'The events of this page, with their cursors.', resolve: (c) => c.edges }),
      pageInfo: t.field({ type: pageInfo, description: 'Where this page sits.', resolve: (c) => c.pageInfo }),
    }),
  });
}

/** How an event connection pages, for its description; `filters` names what the gateway filters besides types. */
export const paging = (filters: string): string =>
  `Newest first, with cursors that stay valid while new events arrive. Reads Atlas's feed in pages of 500; when the gateway filters (always without types, and by ${filters}) it reads at most ${MAX_EVENT_PAGES} pages, and past that the page ends early with hasNextPage true and endCursor where reading stopped. Needs the atlas:audit scope (or atlas:audit:<orgId>).`;
