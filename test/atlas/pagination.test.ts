// Walking whole lists: parallel pages once the count is known, short-page detection without it.
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE_MAX, type Page, type PageRequest, fetchAllPages } from '../../src/atlas/index.js';

/** A list of `length` numbers served page by page, recording each request and how many overlapped. */
function list(length: number, options: { count?: 'exact' | 'none' | number; nextLinks?: boolean } = {}) {
  const requests: PageRequest[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const items = Array.from({ length }, (_, i) => i);
  const fetchPage = async (request: PageRequest): Promise<Page<number>> => {
    requests.push(request);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight -= 1;
    const size = request.itemsPerPage ?? 100;
    const start = ((request.pageNum ?? 1) - 1) * size;
    const results = items.slice(start, start + size);
    const count = options.count ?? 'exact';
    return {
      results,
      ...(request.includeCount && count !== 'none' ? { totalCount: count === 'exact' ? length : count } : {}),
      hasNext: options.nextLinks === true && start + size < length,
      ...(options.nextLinks === true ? { linked: true } : {}),
    };
  };
  return { fetchPage, requests, mostInFlight: () => mostInFlight, items };
}

describe('fetchAllPages', () => {
  it('asks for the count once, then fetches the remaining pages in parallel', async () => {
    const source = list(2 * PAGE_SIZE_MAX + 37);
    expect(await fetchAllPages(source.fetchPage)).toEqual(source.items);
    expect(source.requests).toEqual([
      { pageNum: 1, itemsPerPage: 500, includeCount: true },
      { pageNum: 2, itemsPerPage: 500, includeCount: false },
      { pageNum: 3, itemsPerPage: 500, includeCount: false },
    ]);
    expect(source.mostInFlight()).toBe(2);
  });

  it('makes one call for a list that fits a page', async () => {
    const source = list(12);
    expect(await fetchAllPages(source.fetchPage)).toEqual(source.items);
    expect(source.requests).toHaveLength(1);
  });

  it('follows full pages one at a time when there is no count', async () => {
    const source = list(PAGE_SIZE_MAX * 2, { count: 'none' });
    expect(await fetchAllPages(source.fetchPage)).toEqual(source.items);
    // The second page is full too, so an empty third page ends the list.
    expect(source.requests.map((r) => r.pageNum)).toEqual([1, 2, 3]);
    expect(source.mostInFlight()).toBe(1);
  });

  it('keeps going past a count that was too low, and stops on an empty page when it was too high', async () => {
    const low = list(PAGE_SIZE_MAX * 3 + 1, { count: PAGE_SIZE_MAX + 10 });
    expect(await fetchAllPages(low.fetchPage)).toEqual(low.items);
    expect(low.requests.map((r) => r.pageNum)).toEqual([1, 2, 3, 4]);

    const high = list(PAGE_SIZE_MAX + 1, { count: PAGE_SIZE_MAX * 4 });
    expect(await fetchAllPages(high.fetchPage)).toEqual(high.items);
    expect(high.requests.map((r) => r.pageNum)).toEqual([1, 2, 3, 4]);
  });

  it('stops at a full last page when both the count and the links say it is the last', async () => {
    const source = list(2 * PAGE_SIZE_MAX, { nextLinks: true });
    expect(await fetchAllPages(source.fetchPage)).toEqual(source.items);
    expect(source.requests.map((r) => r.pageNum)).toEqual([1, 2]);
    // Without links to say so, a full last page is followed, as the count is only an estimate.
    const unlinked = list(2 * PAGE_SIZE_MAX);
    expect(await fetchAllPages(unlinked.fetchPage)).toEqual(unlinked.items);
    expect(unlinked.requests.map((r) => r.pageNum)).toEqual([1, 2, 3]);
  });

  it('follows a next link even after a short page', async () => {
    let calls = 0;
    const pages: Array<Page<string>> = [
      { results: ['a', 'b'], hasNext: true },
      { results: ['c'], hasNext: false },
    ];
    expect(await fetchAllPages(async () => pages[calls++]!)).toEqual(['a', 'b', 'c']);
  });

  it('passes a failing page on', async () => {
    const error = new Error('page 2 failed');
    const fetchPage = async (request: PageRequest): Promise<Page<number>> => {
      if (request.pageNum === 2) throw error;
      return { results: Array.from({ length: PAGE_SIZE_MAX }, () => 1), totalCount: PAGE_SIZE_MAX * 2, hasNext: true };
    };
    await expect(fetchAllPages(fetchPage)).rejects.toBe(error);
  });
});
