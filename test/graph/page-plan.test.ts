import { describe, expect, it } from 'vitest';
import { planPages } from '../../src/graph/page-plan.js';

/** What a plan returns, computed against a list of `total` items numbered from 0. */
function window(total: number, offset: number, limit: number): number[] {
  const plan = planPages(offset, limit);
  const items = Array.from({ length: total }, (_, i) => i);
  const fetched = plan.pageNums.flatMap((n) => items.slice((n - 1) * plan.itemsPerPage, n * plan.itemsPerPage));
  return fetched.slice(plan.skip, plan.skip + limit);
}

describe('planPages', () => {
  it('uses one page of the window size when the window is aligned', () => {
    expect(planPages(0, 20)).toEqual({ itemsPerPage: 20, pageNums: [1], skip: 0 });
    expect(planPages(40, 20)).toEqual({ itemsPerPage: 20, pageNums: [3], skip: 0 });
    expect(planPages(1000, 500)).toEqual({ itemsPerPage: 500, pageNums: [3], skip: 0 });
  });

  it('finds a larger page that holds an unaligned window', () => {
    expect(planPages(5, 10)).toEqual({ itemsPerPage: 15, pageNums: [1], skip: 5 });
    expect(planPages(30, 20)).toEqual({ itemsPerPage: 25, pageNums: [2], skip: 5 });
  });

  it('falls back to two pages when no page size up to 500 holds the window', () => {
    const plan = planPages(499, 500);
    expect(plan.pageNums).toHaveLength(2);
    expect(window(2000, 499, 500)).toEqual(Array.from({ length: 500 }, (_, i) => 499 + i));
  });

  it('always returns exactly the requested window', () => {
    for (const offset of [0, 1, 7, 99, 100, 101, 250, 333, 499, 500, 501, 997, 1234]) {
      for (const limit of [1, 2, 3, 10, 17, 100, 250, 499, 500]) {
        const expected = Array.from({ length: limit }, (_, i) => offset + i).filter((i) => i < 3000);
        expect(window(3000, offset, limit)).toEqual(expected);
        expect(planPages(offset, limit).itemsPerPage).toBeLessThanOrEqual(500);
      }
    }
  });

  it('rejects windows Atlas cannot serve', () => {
    expect(() => planPages(-1, 10)).toThrow(RangeError);
    expect(() => planPages(0, 0)).toThrow(RangeError);
    expect(() => planPages(0, 501)).toThrow(RangeError);
  });
});
