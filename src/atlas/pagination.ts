/**
 * Walking a whole Atlas list. The first page (500 items, the most Atlas serves, with the count)
 * tells how many pages there are, and the rest are fetched in parallel (the transport's cap
 * bounds them). `totalCount` is an estimate and may be absent, so after the known pages a full
 * last page, or a `next` link, is followed one page at a time until a short page ends the list;
 * a full last page ends it too when the count and the links agree that it is the last (1000 items
 * cost two pages, not three).
 */
import type { Page, PageRequest } from './types.js';

/** Items per page when walking a whole list: the most Atlas serves. */
export const PAGE_SIZE_MAX = 500;

/** `first`: the list's first page (500 items, with the count) when the caller already has it. */
export async function fetchAllPages<T>(fetchPage: (page: PageRequest) => Promise<Page<T>>, first?: Page<T>): Promise<T[]> {
  const request = (pageNum: number, includeCount: boolean): PageRequest => ({ pageNum, itemsPerPage: PAGE_SIZE_MAX, includeCount });
  first ??= await fetchPage(request(1, true));
  const pages: Array<Page<T>> = [first];
  const full = (page: Page<T>): boolean => page.results.length >= PAGE_SIZE_MAX;
  const counted = first.totalCount !== undefined && full(first) ? Math.ceil(first.totalCount / PAGE_SIZE_MAX) : 1;
  if (counted > 1) {
    const rest = await Promise.all(Array.from({ length: counted - 1 }, (_, i) => fetchPage(request(i + 2, false))));
    pages.push(...rest);
  }
  const fetched = (): number => pages.reduce((sum, page) => sum + page.results.length, 0);
  const endsTheList = (page: Page<T>): boolean =>
    page.linked === true && !page.hasNext && first.totalCount !== undefined && fetched() >= first.totalCount;
  let last = pages.at(-1)!;
  while (last.results.length > 0 && (full(last) || last.hasNext) && !endsTheList(last)) {
    last = await fetchPage(request(pages.length + 1, false));
    pages.push(last);
  }
  return pages.flatMap((page) => page.results);
}
