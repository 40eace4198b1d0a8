/**
 * How entries are added to and removed from a credential's access list, an API key's or a service
 * account's alike: the input checked and put in canonical form, entries already listed reported as
 * duplicates (not sent), one upstream call for the rest, a lost answer settled by listing again.
 */
import { ConflictError, NotFoundError, ValidationError, type AccountRef, type KeyRef, afterChanges, upstream } from './mutation-errors.js';
import { type CanonicalEntry, accessEntryInput, canonicalOf } from './inputs.js';
import { settledWrite } from './write-outcome.js';

/** Entries one call may add. */
export const MAX_ENTRIES_PER_CALL = 100;

/** A credential's access list, as the mutations change it. */
export interface AccessListTarget {
  /** How messages name the credential: "key 65f…", "service account mdb_sa_id_…". */
  name: string;
  /** The input field that names the credential. */
  field: string;
  /** Its entries now, read from Atlas; NotFoundError when the credential is gone, Atlas' own error otherwise. */
  list(): Promise<Array<{ ipAddress?: string | null; cidrBlock?: string | null }>>;
  add(entries: CanonicalEntry['body'][]): Promise<unknown>;
  /** `value` as Atlas addresses the entry in paths. */
  remove(value: string): Promise<unknown>;
  /** How an OutcomeUnknownError names the credential. */
  refs: { apiKeys?: KeyRef[]; serviceAccounts?: AccountRef[] };
}

const canonicalSet = async (target: AccessListTarget): Promise<Set<string | undefined>> =>
  new Set((await target.list()).map((entry) => canonicalOf({ ...(entry.ipAddress ? { ipAddress: entry.ipAddress } : {}), ...(entry.cidrBlock ? { cidrBlock: entry.cidrBlock } : {}) })));

/** The entries of an input, checked before any call. */
export function requestedEntries(entries: readonly string[], field: string): CanonicalEntry[] {
  if (entries.length === 0 || entries.length > MAX_ENTRIES_PER_CALL) throw new ValidationError(`Give 1 to ${MAX_ENTRIES_PER_CALL} entries.`, field);
  return entries.map((entry, i) => accessEntryInput(entry, `${field}[${i}]`));
}

/** Adds the entries the list does not have yet; what it already had is reported as duplicates. */
export async function addEntries(target: AccessListTarget, requested: CanonicalEntry[], field: string): Promise<{ added: string[]; duplicates: string[] }> {
  // A read before the write: its failures are typed (not done). The settling reads below are not:
  // their failure leaves the outcome unknown.
  const existing = await upstream(() => canonicalSet(target), target.field);
  const fresh = new Map<string, CanonicalEntry>();
  const duplicates: string[] = [];
  for (const entry of requested) {
    if (existing.has(entry.value) || fresh.has(entry.value)) duplicates.push(entry.value);
    else fresh.set(entry.value, entry);
  }
  const added: string[] = [];
  /** One upstream call for `entries`; a lost answer is settled by listing the entries again. */
  const add = (entries: CanonicalEntry[]) =>
    settledWrite(() => target.add(entries.map((e) => e.body)), {
      what: 'Adding the entries',
      field,
      settle: async () => {
        const now = await canonicalSet(target);
        return entries.every((e) => now.has(e.value));
      },
      unknown: () => ({
        mayHaveHappened: `${entries.map((e) => e.value).join(', ')} may have been added to the access list of ${target.name}.`,
        check: 'Read its accessList; add again only what is missing (entries already listed come back as duplicates).',
        ...target.refs,
      }),
    });
  if (fresh.size > 0) {
    try {
      await add([...fresh.values()]);
      added.push(...fresh.keys());
    } catch (error) {
      // Someone added one of them meanwhile (Atlas then adds none): add one by one, so the rest still goes in.
      if (!(error instanceof ConflictError)) throw error;
      const made: string[] = [];
      await afterChanges(made, async () => {
        for (const entry of fresh.values()) {
          try {
            await add([entry]);
            added.push(entry.value);
            made.push(`${entry.value} was added to the access list of ${target.name}.`);
          } catch (single) {
            if (!(single instanceof ConflictError)) throw single;
            duplicates.push(entry.value);
          }
        }
      });
    }
  }
  return { added, duplicates };
}

/** Removes one entry; "not on the list" when the credential exists without it. */
export async function removeEntry(target: AccessListTarget, entry: CanonicalEntry, field: string): Promise<void> {
  try {
    await settledWrite(() => target.remove(entry.value), {
      what: 'Removing the entry',
      field,
      settle: async () => !(await canonicalSet(target)).has(entry.value),
      unknown: () => ({
        mayHaveHappened: `${entry.value} may have been removed from the access list of ${target.name}.`,
        check: 'Read its accessList, and remove the entry again only if it is still there.',
        ...target.refs,
      }),
    });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // Atlas answers 404 for the credential and for the entry alike: a read tells them apart.
    const listed = await canonicalSet(target).catch(() => undefined);
    if (listed && !listed.has(entry.value)) {
      throw new NotFoundError(`${entry.value} is not on the access list of ${target.name}: there is nothing to remove.`, { cause: error.cause });
    }
    throw error;
  }
}
