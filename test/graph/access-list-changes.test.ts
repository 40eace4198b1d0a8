// Adding entries one by one after a conflict: when a later entry fails, the answer names the
// entries already added (changesMade) instead of saying that nothing was changed.
import { describe, expect, it } from 'vitest';
import { AtlasApiError } from '../../src/atlas/index.js';
import { type AccessListTarget, addEntries, requestedEntries } from '../../src/graph/access-list-changes.js';
import { UpstreamUnavailableError, changesMadeOf } from '../../src/graph/mutation-errors.js';

const atlasError = (status: number, errorCode: string) =>
  new AtlasApiError({ status, body: { error: status, errorCode, detail: errorCode }, operation: 'createAccessListEntries', path: '/orgs/o/apiKeys/k/accessList' });

/** A list that refuses the whole batch (someone added one meanwhile), then answers each entry from `singles`. */
function racingList(listed: string[], singles: Array<'ok' | 409 | 503>): AccessListTarget & { sent: string[][] } {
  const entries = new Set(listed);
  const sent: string[][] = [];
  let batch = true;
  return {
    name: 'key k',
    field: 'input.apiKeyId',
    sent,
    list: async () => [...entries].map((value) => (value.includes('/') ? { cidrBlock: value } : { ipAddress: value })),
    add: async (bodies) => {
      const values = bodies.map((b) => ('cidrBlock' in b && b.cidrBlock ? b.cidrBlock : (b as { ipAddress: string }).ipAddress));
      sent.push(values);
      if (batch) {
        batch = false;
        throw atlasError(409, 'DUPLICATE_ACCESS_LIST_ENTRY');
      }
      const answer = singles.shift();
      if (answer === 409) throw atlasError(409, 'DUPLICATE_ACCESS_LIST_ENTRY');
      if (answer === 503) throw atlasError(503, 'SERVICE_UNAVAILABLE');
      for (const value of values) entries.add(value);
      return {};
    },
    remove: async () => ({}),
    refs: { apiKeys: [{ orgId: 'o', apiKeyId: 'k' }] },
  };
}

describe('addEntries', () => {
  it('adds one by one after a conflict, reporting the entry someone else added as a duplicate', async () => {
    const target = racingList([], ['ok', 409, 'ok']);
    const result = await addEntries(target, requestedEntries(['192.0.2.1', '192.0.2.2', '192.0.2.3'], 'input.entries'), 'input.entries');
    expect(result).toEqual({ added: ['192.0.2.1', '192.0.2.3'], duplicates: ['192.0.2.2'] });
    expect(target.sent).toEqual([['192.0.2.1', '192.0.2.2', '192.0.2.3'], ['192.0.2.1'], ['192.0.2.2'], ['192.0.2.3']]);
  });

  it('names the entries already added when a later one fails, and never says nothing was changed', async () => {
    const target = racingList([], ['ok', 409, 503]);
    const failure = await addEntries(target, requestedEntries(['192.0.2.1', '192.0.2.2', '192.0.2.3'], 'input.entries'), 'input.entries').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(changesMadeOf(failure as Error)).toEqual(['192.0.2.1 was added to the access list of key k.']);
    expect((failure as Error).message).not.toMatch(/\bnothing was changed/i);
    expect((failure as Error).message).toContain('the step that failed changed nothing');
  });

  it('keeps a failure of the first entry as it was: nothing was changed', async () => {
    const target = racingList([], [503]);
    const failure = await addEntries(target, requestedEntries(['192.0.2.1', '192.0.2.2'], 'input.entries'), 'input.entries').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect(changesMadeOf(failure as Error)).toEqual([]);
    expect((failure as Error).message).toContain('nothing was changed');
  });
});
