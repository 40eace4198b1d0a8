/**
 * Relay connections over Atlas pages: `first`/`after` (and `last`/`before`) become the fewest
 * `pageNum`/`itemsPerPage` calls that cover the window; cursors are offsets.
 */
import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import type { Page } from '../atlas/index.js';
import type { ArgumentCheck } from './argument-checks.js';
import type { ListKind, Loaders } from './loaders.js';
import { badUserInput } from './errors.js';
import { MAX_ITEMS_PER_PAGE, planPages } from './page-plan.js';
import { prefetch } from './prefetch.js';

export const DEFAULT_PAGE_SIZE = 20;

/** The `totalCount` field every connection here has. */
export function totalCountField(what: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Pothos' connection shape does not declare extra properties
  return (t: any) => ({
    totalCount: t.int({
      nullable: true,
      description: `How many ${what} there are in all (Atlas' estimate; null when Atlas does not say).`,
      resolve: (connection: { totalCount?: number }) => connection.totalCount ?? null,
    }),
  });
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface ConnectionResult<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | undefined;
}

function cursor(value: string, field: 'after' | 'before'): number {
  try {
    const offset = cursorToOffset(value);
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw badUserInput(`${field} is not a cursor from this connection.`, field);
}

function count(value: number | null | undefined, field: 'first' | 'last'): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_ITEMS_PER_PAGE) {
    throw badUserInput(`${field} must be between 0 and ${MAX_ITEMS_PER_PAGE}.`, field);
  }
  return value;
}

/** The window an argument set asks for; checked before any upstream call. */
export function windowOf(args: ConnectionArgs): { offset: number; limit: number } | { fromEnd: number; before: undefined } {
  const first = count(args.first, 'first');
  const last = count(args.last, 'last');
  if (first !== undefined && last !== undefined) throw badUserInput('Pass first or last, not both.', 'last');
  const after = args.after ? cursor(args.after, 'after') + 1 : 0;
  const before = args.before ? cursor(args.before, 'before') : undefined;
  if (last !== undefined) {
    if (before === undefined) return { fromEnd: last, before: undefined };
    const offset = Math.max(after, before - last);
    return { offset, limit: Math.max(0, before - offset) };
  }
  const limit = first ?? DEFAULT_PAGE_SIZE;
  return { offset: after, limit: before === undefined ? limit : Math.max(0, Math.min(limit, before - after)) };
}

/** Declared on every connection (builder.ts): its window is checked before execution, with its field's path. */
export const checkWindow: ArgumentCheck = (args) => windowOf(args as ConnectionArgs);

/**
 * Starts loading the Atlas pages a connection with these arguments will read, without waiting;
 * `atlasConnection` then finds them in the page loader.
 */
export function prefetchConnection(loaders: Loaders, kind: ListKind, parent: string, args: ConnectionArgs): void {
  prefetch(async () => {
    const window = windowOf(args);
    if ('fromEnd' in window || window.limit === 0) return;
    const plan = planPages(window.offset, window.limit);
    await Promise.all(plan.pageNums.map((pageNum) => loaders.page({ kind, parent, pageNum, itemsPerPage: plan.itemsPerPage })));
  });
}

/** An edge whose cursor is encoded only when a selection asks for it (most ask for the node alone). */
class Edge<N> {
  constructor(
    private readonly offset: number,
    readonly node: N,
  ) {}

  get cursor(): string {
    return offsetToCursor(this.offset);
  }
}

/** Resolves a connection over one Atlas list, with `map` turning each REST item into the node. */
export async function atlasConnection<T, N>(
  loaders: Loaders,
  kind: ListKind,
  parent: string,
  args: ConnectionArgs,
  map: (item: T) => N,
): Promise<ConnectionResult<N>> {
  let window = windowOf(args);
  if ('fromEnd' in window) {
    // `last` without `before` needs the length of the list first.
    const probe = (await loaders.page({ kind, parent, pageNum: 1, itemsPerPage: 1 })) as Page<T>;
    // A list Atlas does not count (service accounts): its end is found by reading it all.
    if (probe.totalCount === undefined) return arrayConnection((await wholeList<T>(loaders, kind, parent)).map(map), args);
    const total = probe.totalCount;
    window = { offset: Math.max(0, total - window.fromEnd), limit: Math.min(window.fromEnd, total) };
  }
  const { offset, limit } = window;
  if (limit === 0) {
    const probe = (await loaders.page({ kind, parent, pageNum: 1, itemsPerPage: 1 })) as Page<T>;
    // A list Atlas does not count says whether items follow only when read.
    const total = probe.totalCount ?? (offset === 0 ? probe.results.length : (await wholeList<T>(loaders, kind, parent)).length);
    return {
      edges: [],
      pageInfo: { hasNextPage: offset < total, hasPreviousPage: offset > 0, startCursor: null, endCursor: null },
      totalCount: probe.totalCount,
    };
  }
  const plan = planPages(offset, limit);
  const pages = (await Promise.all(
    plan.pageNums.map((pageNum) => loaders.page({ kind, parent, pageNum, itemsPerPage: plan.itemsPerPage })),
  )) as Array<Page<T>>;
  // Most windows are one page: its results as they are (flatMap costs more than the rest of this function).
  const listed = pages.length === 1 ? pages[0]!.results : pages.flatMap((p) => p.results);
  const items = listed.slice(plan.skip, plan.skip + limit);
  const totalCount = pages[0]!.totalCount;
  const lastPage = pages.at(-1)!;
  const end = offset + items.length;
  // Without a count: a next link, more items read than shown, or (without links) a full last page.
  const hasNextPage =
    totalCount !== undefined
      ? end < totalCount
      : lastPage.hasNext || plan.skip + limit < listed.length || (lastPage.linked !== true && lastPage.results.length === plan.itemsPerPage);
  return {
    edges: items.map((item, i) => new Edge(offset + i, map(item))),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: offset > 0,
      startCursor: items.length > 0 ? offsetToCursor(offset) : null,
      endCursor: items.length > 0 ? offsetToCursor(end - 1) : null,
    },
    totalCount,
  };
}

/** The most pages `wholeList` reads: 50 000 items. */
const MAX_WHOLE_LIST_PAGES = 100;

/** Every item of a list, page after page of the largest size, through the page loader. */
async function wholeList<T>(loaders: Loaders, kind: ListKind, parent: string): Promise<T[]> {
  const items: T[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const page = (await loaders.page({ kind, parent, pageNum, itemsPerPage: MAX_ITEMS_PER_PAGE })) as Page<T>;
    items.push(...page.results);
    // An empty page ends it whatever the links say; so does Atlas' cap on a listing's pages.
    if (page.results.length === 0 || pageNum >= MAX_WHOLE_LIST_PAGES) return items;
    if (!page.hasNext && !(page.linked !== true && page.results.length === MAX_ITEMS_PER_PAGE)) return items;
  }
}

/** A connection over a list already in memory (a scanned, filtered or reordered one): the same windows and cursors. */
export function arrayConnection<N>(items: readonly N[], args: ConnectionArgs): ConnectionResult<N> {
  const window = windowOf(args);
  const { offset, limit } = 'fromEnd' in window ? { offset: Math.max(0, items.length - window.fromEnd), limit: Math.min(window.fromEnd, items.length) } : window;
  const slice = items.slice(offset, offset + limit);
  const end = offset + slice.length;
  return {
    edges: slice.map((item, i) => new Edge(offset + i, item)),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: offset > 0,
      startCursor: slice.length > 0 ? offsetToCursor(offset) : null,
      endCursor: slice.length > 0 ? offsetToCursor(end - 1) : null,
    },
    totalCount: items.length,
  };
}
