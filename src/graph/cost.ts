/**
 * What a document may cost, in the unit Atlas limits: calls to the Admin API. Each field
 * declares the calls it may make (the `complexity` option of @pothos/plugin-complexity): `field`
 * is the calls made once for each object the field is selected on, `multiplier` the items whose
 * own selections each cost again. So a key's access list (one call per key) is multiplied by the
 * keys of the page above it, while what the loaders share between the items of one page (their
 * organization, one listing of the organization's projects for their assignments, one listing of
 * keys to re-read keys listed in a project) is declared once on that page, not on each item.
 *
 * A connection's arguments (`first`/`last` range, cursors) are checked before its cost is
 * measured (argument-checks.ts): here every window is a valid one.
 */
import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { type ConnectionArgs, DEFAULT_PAGE_SIZE, windowOf } from './connections.js';
import { planPages } from './page-plan.js';

/** Items assumed for a list without `first`/`last` (a key's project assignments, say). */
export const ASSUMED_LIST_SIZE = DEFAULT_PAGE_SIZE;

/** The Atlas pages a connection window may need, and the items it may return. */
function windowCost(args: ConnectionArgs): { pages: number; items: number } {
  const window = windowOf(args);
  // `last` without `before` first learns the length of the list, then reads a window that may straddle two pages.
  if ('fromEnd' in window) return { pages: window.fromEnd === 0 ? 1 : 3, items: window.fromEnd };
  if (window.limit === 0) return { pages: 1, items: 0 };
  return { pages: planPages(window.offset, window.limit).pageNums.length, items: window.limit };
}

/**
 * The cost of a connection over one Atlas list: its pages, plus the calls its items share
 * (`shared`, given how many items the page may hold), and each item's selection counted once per item.
 */
export function connectionCost(shared: (items: number) => number = () => 0) {
  return (args: ConnectionArgs): FieldComplexityValue => {
    const { pages, items } = windowCost(args);
    return { field: pages + shared(items), multiplier: items };
  };
}

/** A page of keys of one organization shares one listing of its projects (for their assignments). */
export const ORGANIZATION_KEYS_SHARED = (): number => 1;

/**
 * A page of a project's keys shares their organization, one listing of its projects, and a
 * re-read of the keys (a project's listing shows only its own roles): one get per key below the
 * loader's listing threshold, else one listing of the organization's keys.
 */
export const PROJECT_KEYS_SHARED = (items: number): number => 2 + (items < KEYS_LISTING_THRESHOLD ? items : 1);
/** As in the loaders: from this many keys of one organization on, one listing replaces the gets. */
const KEYS_LISTING_THRESHOLD = 5;

/** An object loaded by id: its own call, its organization, and the listing of its organization's projects. */
export const LOADED_OBJECT = 3;
