// The cap on requests in flight: wide at start, narrowed by Atlas' 429s and RateLimit-Remaining,
// widened again one slot per answer that shows room, first come first served throughout.
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../src/atlas/limit.js';

/** Acquires `n` slots without waiting for them; returns how many were granted after a turn. */
async function grab(limit: ConcurrencyLimit, n: number) {
  const releases: Array<() => void> = [];
  for (let i = 0; i < n; i++) void limit.acquire().then((release) => releases.push(release));
  await new Promise((resolve) => setImmediate(resolve));
  return releases;
}

describe('ConcurrencyLimit', () => {
  it('starts at its ceiling and never grants more', async () => {
    const limit = new ConcurrencyLimit(16);
    expect(limit.current).toBe(16);
    const granted = await grab(limit, 40);
    expect(granted).toHaveLength(16);
  });

  it('halves on a 429, follows RateLimit-Remaining down, and keeps a floor', () => {
    const limit = new ConcurrencyLimit(64, { min: 2 });
    limit.observe({ status: 429 });
    expect(limit.current).toBe(32);
    limit.observe({ status: 200, remaining: 5 });
    expect(limit.current).toBe(5);
    limit.observe({ status: 200, remaining: 0 });
    expect(limit.current).toBe(2);
    limit.observe({ status: 429 });
    expect(limit.current).toBe(2);
  });

  it('widens one slot per answer with room, up to the ceiling, and lets waiting requests in', async () => {
    const limit = new ConcurrencyLimit(4, { min: 1, initial: 1 });
    const granted = await grab(limit, 4);
    expect(granted).toHaveLength(1);
    limit.observe({ status: 200, remaining: 90 });
    limit.observe({ status: 200 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toHaveLength(3);
    for (let i = 0; i < 5; i++) limit.observe({ status: 200 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(limit.current).toBe(4);
    expect(granted).toHaveLength(4);
    // A server error says nothing about room: no widening.
    const narrow = new ConcurrencyLimit(8, { initial: 3 });
    narrow.observe({ status: 503 });
    expect(narrow.current).toBe(3);
  });

  it('serves waiting requests in arrival order and admits no newcomer ahead of them', async () => {
    const limit = new ConcurrencyLimit(1);
    const first = await limit.acquire();
    const order: string[] = [];
    const a = limit.acquire().then((release) => (order.push('a'), release));
    const b = limit.acquire().then((release) => (order.push('b'), release));
    first();
    (await a)();
    (await b)();
    expect(order).toEqual(['a', 'b']);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimit(2.5)).toThrow(RangeError);
  });
});
