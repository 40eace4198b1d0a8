/**
 * Maps a Relay window (`first` items after an offset) onto Atlas pages (`pageNum`,
 * `itemsPerPage` ≤ 500) with as few upstream calls as possible: one page whenever some page
 * size holds the whole window, otherwise consecutive pages of the window's size.
 */
export const MAX_ITEMS_PER_PAGE = 500;

export interface PagePlan {
  itemsPerPage: number;
  /** Atlas page numbers to fetch, in order (1-based). */
  pageNums: number[];
  /** Index, in the concatenated pages, of the window's first item. */
  skip: number;
}

export function planPages(offset: number, limit: number): PagePlan {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError('offset must be a whole number of zero or more');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS_PER_PAGE) {
    throw new RangeError(`limit must be between 1 and ${MAX_ITEMS_PER_PAGE}`);
  }
  const last = offset + limit - 1;
  // The smallest page size at least `limit` long whose page boundaries do not split the window.
  for (let size = limit; size <= MAX_ITEMS_PER_PAGE; size++) {
    const page = Math.floor(offset / size);
    if (Math.floor(last / size) === page) return { itemsPerPage: size, pageNums: [page + 1], skip: offset - page * size };
  }
  // No single page fits (the window straddles every boundary): two pages of the window's size.
  const first = Math.floor(offset / limit);
  return { itemsPerPage: limit, pageNums: [first + 1, first + 2], skip: offset - first * limit };
}
