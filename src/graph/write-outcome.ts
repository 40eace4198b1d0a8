/**
 * Writes whose answer may be lost. Atlas applies a write before it answers, so a reset, a timeout,
 * a 5xx or an unreadable 2xx leave it open whether the change was made. Every mutation answers one
 * of three things: done (its payload), not done (a typed error; retrying is safe) or outcome
 * unknown (OutcomeUnknownError, naming what may have happened and what to check). A read settles
 * the question wherever one can, before the mutation answers; a write is never sent twice. Settling
 * calls run as `settlingCalls`: fresh from Atlas, and ahead of the rate-limit budget.
 */
import {
  type ApiKey,
  AtlasApiError,
  AtlasResponseError,
  AtlasTimeoutError,
  fetchAllPages,
  isNotFound,
  mayHaveBeenApplied,
  objectIdTime,
  settlingCalls,
} from '../atlas/index.js';
import type { Context } from './context.js';
import {
  type AccountRef,
  type KeyRef,
  NotFoundError,
  OutcomeUnknownError,
  UpstreamUnavailableError,
  isTypedMutationError,
  typedUpstreamError,
  unavailable,
} from './mutation-errors.js';

/**
 * How far Atlas' clock (which stamps ids) may lag this process's, ids counting whole seconds: a key
 * created by a request sent at T has an id time of at least T minus this.
 */
export const CLOCK_SLACK_MS = 5_000;

/** What went wrong with an upstream call, in words that carry no secret. */
export function failureWords(error: unknown): string {
  if (error instanceof AtlasApiError) return `Atlas answered ${error.status} ${error.errorCode}`;
  if (error instanceof AtlasTimeoutError) return 'Atlas did not answer in time';
  if (error instanceof AtlasResponseError) return "Atlas' answer could not be read";
  if (error instanceof Error && error.name === 'AtlasNetworkError') return 'the connection to Atlas failed';
  return 'the call to Atlas failed';
}

/** Keeps Atlas' error (and so its errorCode) behind a typed one; other causes are not kept, as they may quote requests. */
function withCause<E extends Error>(typed: E, error: unknown): E {
  if (error instanceof AtlasApiError) typed.cause = error;
  return typed;
}

/** The error for a write Atlas certainly did not apply: typed when the caller can act on it, else not done and safe to retry. */
export function notApplied(error: unknown, what: string, field?: string): unknown {
  const typed = typedUpstreamError(error, field);
  if (typed !== error) return typed;
  return unavailable(error, `${what} failed: ${failureWords(error)}`) ?? error;
}

export interface UnknownOutcome {
  mayHaveHappened: string;
  check: string;
  apiKeys?: KeyRef[];
  serviceAccounts?: AccountRef[];
}

export type WriteResult<T> = { answered: true; value: T } | { answered: false };

/**
 * Sends a write once. Answered: its result. Refused, or never sent: the typed error. Answer lost:
 * `settle` reads Atlas and says whether the change is in place (done, without the write's own
 * result) or not (UpstreamUnavailableError); when the read fails too, OutcomeUnknownError. A typed
 * error thrown by `settle` (the key is gone, say) is the answer as it is.
 */
export async function settledWrite<T>(
  write: () => Promise<T>,
  options: { what: string; field?: string; settle: () => Promise<boolean>; unknown: () => UnknownOutcome },
): Promise<WriteResult<T>> {
  try {
    return { answered: true, value: await write() };
  } catch (error) {
    if (!mayHaveBeenApplied(error)) throw notApplied(error, options.what, options.field);
    let applied: boolean;
    try {
      applied = await settlingCalls(options.settle);
    } catch (readError) {
      if (isTypedMutationError(readError)) throw readError;
      const unknown = options.unknown();
      throw new OutcomeUnknownError(unknown.mayHaveHappened, unknown.check, unknown.apiKeys, unknown.serviceAccounts);
    }
    if (applied) return { answered: false };
    const retryAfter = error instanceof AtlasApiError ? error.retryAfterSeconds : undefined;
    throw withCause(new UpstreamUnavailableError(`${options.what} failed (${failureWords(error)}), and a read shows nothing was changed. Retrying is safe.`, retryAfter), error);
  }
}

/** A key read straight from Atlas (no cache): undefined when Atlas says it does not exist. */
export async function readKey(ctx: Context, orgId: string, apiKeyId: string): Promise<ApiKey | undefined> {
  try {
    return await ctx.atlas.getApiKey(orgId, apiKeyId);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A key that must exist for the settling read to mean anything. */
export async function existingKey(ctx: Context, orgId: string, apiKeyId: string): Promise<ApiKey> {
  const key = await readKey(ctx, orgId, apiKeyId);
  if (!key) throw new NotFoundError(`No API key ${apiKeyId} in organization ${orgId}: nothing was changed.`);
  return key;
}

export type DeletionOutcome = 'deleted' | 'exists' | 'unknown';

/** Deletes something once and finds out, with `exists` (a read) when the answer is lost, whether it is gone. */
export async function deleteSettled(remove: () => Promise<unknown>, exists: () => Promise<boolean>): Promise<DeletionOutcome> {
  try {
    await remove();
    return 'deleted';
  } catch (error) {
    if (isNotFound(error)) return 'deleted';
    if (!mayHaveBeenApplied(error)) return 'exists';
    return settlingCalls(exists).then(
      (there) => (there ? 'exists' : 'deleted'),
      () => 'unknown',
    );
  }
}

/** Deletes a key once and finds out whether it is gone. */
export const deleteKeySettled = (ctx: Context, orgId: string, apiKeyId: string): Promise<DeletionOutcome> =>
  deleteSettled(
    () => ctx.atlas.deleteApiKey(orgId, apiKeyId),
    async () => (await readKey(ctx, orgId, apiKeyId)) !== undefined,
  );

/** The roles of a key in its organization, and in one project. */
export const organizationRolesOf = (key: ApiKey): string[] => key.roles.filter((r) => r.orgId !== undefined && r.groupId === undefined).map((r) => r.roleName);
export const projectRolesOf = (key: ApiKey, projectId: string): string[] => key.roles.filter((r) => r.groupId === projectId).map((r) => r.roleName);
export const hasProjectRoles = (key: ApiKey): boolean => key.roles.some((r) => r.groupId !== undefined);

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/**
 * A kind of credential a create may leave behind when its answer, the only one that shows its
 * secret, is lost: how to find such credentials again and delete one. Keys and service accounts.
 */
export interface CreatedCredentials<T> {
  /** "key", "service account". */
  noun: string;
  /** What the lost answer held and nothing shows again: "private key", "secret". */
  secretNoun: string;
  /** Every credential of this kind in the organization, read fresh. */
  list(orgId: string): Promise<T[]>;
  /** Its ObjectId (hex), which carries when it was created. */
  objectId(item: T): string;
  /** How messages name it: "key ab12cd34", "service account mdb_sa_id_…". */
  name(item: T): string;
  /** Deletes it once and finds out whether it is gone. */
  remove(orgId: string, item: T): Promise<DeletionOutcome>;
  /** How an OutcomeUnknownError names those concerned. */
  refs(orgId: string, items: T[]): { apiKeys?: KeyRef[]; serviceAccounts?: AccountRef[] };
  /** What making one changed that deleting it does not undo, in a sentence. */
  aftermath?: string;
}

export interface CreateRequest<T = ApiKey> {
  orgId: string;
  /** What the create would have given it, in words: `described "CI"`, `named "ci-deployer"`. */
  lookFor: string;
  /** When the create request was sent (this process's clock). */
  sentAt: number;
  /** Whether a credential has exactly what the request would have given it. */
  matches: (item: T) => boolean;
  /** Credentials known to be older than the request (the key being rotated). */
  exclude?: readonly string[];
  /** The request in words, e.g. "Creating the key". */
  what: string;
}

/** API keys, as a create leaves them behind. */
export function createdKeys(ctx: Context): CreatedCredentials<ApiKey> {
  return {
    noun: 'key',
    secretNoun: 'private key',
    list: (orgId) => fetchAllPages((page) => ctx.atlas.listApiKeys(orgId, page)),
    objectId: (key) => key.id,
    name: (key) => `key ${key.publicKey}`,
    remove: (orgId, key) => deleteKeySettled(ctx, orgId, key.id),
    refs: (orgId, keys) => ({ apiKeys: keys.map((key) => ({ orgId, apiKeyId: key.id })) }),
  };
}

/**
 * Sends a create. When it fails, the credential it may have left behind is settled by
 * `failedCreate`, and that answer is thrown; later selections of the request read the listings afresh.
 */
export async function settledCreate<T = ApiKey>(
  ctx: Context,
  request: Omit<CreateRequest<T>, 'sentAt'>,
  send: () => Promise<T>,
  kind: CreatedCredentials<T> = createdKeys(ctx) as unknown as CreatedCredentials<T>,
): Promise<T> {
  const sentAt = Date.now();
  try {
    return await send();
  } catch (error) {
    ctx.loaders.clearPages();
    throw await failedCreate(kind, error, { ...request, sentAt });
  }
}

const isoTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/**
 * The answer to a create whose request failed. When Atlas may have created the credential, its
 * secret (in the lost answer) can never be shown again, so the credential is looked for (same
 * organization, what the request would have given it, an id no older than the request, less the
 * clock slack) and deleted again: not done. When it cannot be told for sure from another one, or
 * deleted for sure, the outcome is unknown and the answer names them, or what to look for. A
 * credential is never left behind unreported.
 */
export async function failedCreate<T>(kind: CreatedCredentials<T>, error: unknown, request: CreateRequest<T>): Promise<unknown> {
  if (!mayHaveBeenApplied(error)) return notApplied(error, request.what);
  const { orgId, sentAt, what } = request;
  const { noun, secretNoun } = kind;
  const lookFor = `${noun === 'key' ? 'keys' : `${noun}s`} of organization ${orgId} ${request.lookFor} created at or after ${isoTime(sentAt - CLOCK_SLACK_MS)}`;
  let found: T[];
  try {
    const listed = await settlingCalls(() => kind.list(orgId));
    found = listed.filter((item) => {
      const created = objectIdTime(kind.objectId(item));
      return created !== undefined && created.getTime() >= sentAt - CLOCK_SLACK_MS && !request.exclude?.includes(kind.objectId(item)) && request.matches(item);
    });
  } catch {
    // Those known for sure without the listing (a new secret's account) are named.
    const known = kind.refs(orgId, []);
    return new OutcomeUnknownError(
      `${what} failed (${failureWords(error)}) after Atlas received it: the ${noun} may have been created, and its ${secretNoun} cannot be shown again.`,
      `Look for ${lookFor} and delete any you do not hold the ${secretNoun} of; then retry.`,
      known.apiKeys,
      known.serviceAccounts,
    );
  }
  if (found.length === 0) {
    return withCause(new UpstreamUnavailableError(`${what} failed (${failureWords(error)}), and a read shows no ${noun} was created. Retrying is safe.`), error);
  }
  const refs = kind.refs(orgId, found);
  // Deleted only when it can be no other one: the one match, stamped no earlier than the second the
  // request left (within the clock slack only, it could be someone else's identical one).
  const sentSecond = Math.floor(sentAt / 1000) * 1000;
  if (found.length > 1 || objectIdTime(kind.objectId(found[0]!))!.getTime() < sentSecond) {
    return new OutcomeUnknownError(
      `${what} failed (${failureWords(error)}) after Atlas received it, and ${found.length === 1 ? `a ${noun} matches` : `${found.length} ${noun}s match`} what it would have created: it may be one of them, without its ${secretNoun}.`,
      `Check the ${noun}s named here (${lookFor}) and delete any nobody holds the ${secretNoun} of; then retry.`,
      refs.apiKeys,
      refs.serviceAccounts,
    );
  }
  const item = found[0]!;
  const deletion = await settlingCalls(() => kind.remove(orgId, item));
  if (deletion === 'deleted') {
    const settled = withCause(new UpstreamUnavailableError(
      `${what} failed (${failureWords(error)}): Atlas created ${kind.name(item)} but its answer, with the ${secretNoun}, was lost, so it was deleted again: it is not left behind, and retrying is safe.${kind.aftermath ? ` ${kind.aftermath}` : ''}`,
    ), error);
    // The audit record names what existed for a moment; what making it changed stays made.
    return Object.assign(settled, refs, kind.aftermath ? { changesMade: [kind.aftermath] } : {});
  }
  return new OutcomeUnknownError(
    `${what} created ${kind.name(item)} (${kind.objectId(item)}) but its answer, with the ${secretNoun}, was lost, and deleting it again ${deletion === 'exists' ? 'failed' : 'may have failed'}.`,
    `Delete ${kind.name(item)} yourself: its ${secretNoun} can never be shown again. Then retry.`,
    refs.apiKeys,
    refs.serviceAccounts,
  );
}
