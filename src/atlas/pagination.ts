/**
 * Walking a whole Atlas list: the first page (500 items, with the count) tells how many pages
 * there are, and the rest are fetched in parallel; since `totalCount` is an estimate, a full
 * last page (or a `next` link) is followed one page at a time.
 */
import { PAGE_SIZE_MAX } from './client.js';
import type { Page, PageRequest } from './types.js';

export async function fetchAllPages<T>(fetchPage: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const request = (pageNum: number, includeCount: boolean): PageRequest => ({ pageNum, itemsPerPage: PAGE_SIZE_MAX, includeCount });
  const first = await fetchPage(request(1, true));
  const pages: Array<Page<T>> = [first];
  const knownPages = first.totalCount !== undefined ? Math.ceil(first.totalCount / PAGE_SIZE_MAX) : 1;
  if (knownPages > 1) {
    const rest = await Promise.all(Array.from({ length: knownPages - 1 }, (_, i) => fetchPage(request(i + 2, false))));
    pages.push(...rest);
  }
  let last = pages.at(-1)!;
  while (last.results.length > 0 && (last.hasNext || last.results.length === PAGE_SIZE_MAX)) {
    last = await fetchPage(request(pages.length + 1, false));
    pages.push(last);
  }
  return pages.flatMap((page) => page.results);
}
