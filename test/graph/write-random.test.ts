// A seeded random run of mutations under mixed faults (before and after Atlas applies each write,
// and on the reads that settle lost answers), judged against the simulator's true state. Service
// accounts are in the mix on the Atlas v2 shards (every shard but each third, on Ops Manager).
import { expect, it } from 'vitest';
import { describeFigures, shardedRandomWrites } from '../../bench/write-outcomes.js';

it('loses, duplicates, misreports and leaves behind nothing in 240 random mutations under faults', async () => {
  const figures = await shardedRandomWrites({ seed: 2026, mutations: 240, shards: 6 });
  process.stdout.write(`\nwrite outcomes under faults\n${describeFigures(figures)}\n`);
  expect(figures.mutations).toBe(240);
  expect(figures.failures).toEqual([]);
  expect({
    lost: figures.lost,
    duplicated: figures.duplicated,
    misreported: figures.misreported,
    unreportedLeftovers: figures.unreportedLeftovers,
    bothKeysGone: figures.bothKeysGone,
    lockedOut: figures.lockedOut,
    untyped: figures.untyped,
  }).toEqual({ lost: 0, duplicated: 0, misreported: 0, unreportedLeftovers: 0, bothKeysGone: 0, lockedOut: 0, untyped: 0 });
  // The run exercised every outcome, key and secret rotations among them.
  expect(figures.outcomes.done).toBeGreaterThan(0);
  expect(figures.outcomes.notDone).toBeGreaterThan(0);
  expect(figures.outcomes.unknown).toBeGreaterThan(0);
  expect(figures.rotations).toBeGreaterThan(20);
  expect(figures.secretRotations).toBeGreaterThan(5);
}, 60_000);
