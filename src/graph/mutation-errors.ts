/**
 * Expected mutation failures as typed results (errors-plugin unions), so a console can show them
 * without parsing strings. Upstream failures a caller can act on are turned into these; anything
 * else stays an error and is masked.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { AtlasApiError, AtlasError, type OperationId, UnsupportedByFlavorError, isNotFound } from '../atlas/index.js';
import { apiKeyRef } from './loaders.js';
import type { ForbiddenResult } from '@pothos/plugin-scope-auth';
import { builder } from './builder.js';
import { type Caller, allows, refusedRule } from './scopes.js';
import { inProjectWords } from './words.js';

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  /** Path of the offending input field, e.g. `input.roles[1]`. */
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

/** The configured flavor has no such operation (service accounts on Atlas v1.0, Ops Manager): nothing was sent. */
export class UnsupportedByUpstreamError extends Error {
  override readonly name = 'UnsupportedByUpstreamError';
  /** The flavor name (`atlas-v1`, `ops-manager`). */
  constructor(message: string, readonly flavor: string) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(message: string, readonly retryAfterSeconds: number | undefined) {
    super(message);
  }
}

/** Atlas' errorCode behind a typed error: its own, or that of the Atlas error that caused it. */
function atlasErrorCodeOf(error: Error): string | null {
  const own = (error as { atlasErrorCode?: unknown }).atlasErrorCode;
  if (typeof own === 'string') return own;
  return error.cause instanceof AtlasApiError ? error.cause.errorCode : null;
}

export const MutationErrorInterface = builder.interfaceRef<Error>('MutationError').implement({
  description: 'An expected reason a mutation did not happen, or why its outcome is not known (OutcomeUnknownError).',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
    atlasErrorCode: t.string({ nullable: true, description: "Atlas' errorCode, when Atlas gave one.", resolve: atlasErrorCodeOf }),
    changesMade: t.stringList({
      description:
        'Changes the mutation made that stay made although it failed, a sentence each; empty when it changed nothing. What the error type says (nothing was changed, or may have been) is about the step that failed: after a not-done error a retry does only the rest; after OutcomeUnknownError, check first.',
      resolve: changesMadeOf,
    }),
  }),
});

/** The changes a mutation made before it failed with `error` (see afterChanges). */
export function changesMadeOf(error: Error): string[] {
  return (error as { changesMade?: string[] }).changesMade ?? [];
}

/**
 * Runs the rest of a mutation once the changes in `made` (a sentence each, which `rest` may still
 * add to) are made: a typed error it ends with names them (changesMade, after any it already
 * names), and where its message says that nothing was changed, it says that the step that failed
 * changed nothing. The one mechanism for every mutation of several writes.
 */
export async function afterChanges<T>(made: readonly string[], rest: () => Promise<T>): Promise<T> {
  try {
    return await rest();
  } catch (error) {
    if (made.length === 0 || !isTypedMutationError(error)) throw error;
    Object.assign(error, { changesMade: [...made, ...changesMadeOf(error)] });
    error.message = `${error.message.replace(/\b([Nn])othing was changed/g, (_, n: string) => `${n === 'N' ? 'T' : 't'}he step that failed changed nothing`)} Made before this failed: ${made.join(' ')}`;
    throw error;
  }
}

/**
 * Atlas failed or could not be reached, and the change was not made: either the request never
 * reached Atlas, or a read afterwards showed that nothing changed. Retrying is safe.
 */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

/** An Atlas key a failure is about, as the graph names it. */
export interface KeyRef {
  orgId: string;
  apiKeyId: string;
}

/** A service account a failure is about. */
export interface AccountRef {
  orgId: string;
  clientId: string;
}

/**
 * A write reached Atlas (or may have) and its answer was lost, and no read could settle whether
 * it was applied. Says what may have happened and what to check; a blind retry may repeat it.
 */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
  constructor(
    readonly mayHaveHappened: string,
    readonly check: string,
    /** The keys to look at: the one changed, or keys that may have been created. */
    readonly apiKeys: KeyRef[] = [],
    /** The service accounts to look at, likewise. */
    readonly serviceAccounts: AccountRef[] = [],
  ) {
    super(`The outcome is unknown: ${mayHaveHappened} ${check}`);
  }
}

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'An input was invalid; nothing was sent to Atlas, or Atlas refused the input.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the offending input field, e.g. input.roles[1].' }),
  }),
});

for (const [ErrorClass, name, description] of [
  [NotFoundError, 'NotFoundError', 'What the mutation names does not exist (or is not visible to these credentials). Nothing was changed.'],
  [ForbiddenError, 'ForbiddenError', "The credentials' roles or API access list do not allow this. Nothing was changed."],
  [ConflictError, 'ConflictError', 'The change conflicts with the current state (it is already done, or there is nothing to undo). Nothing was changed.'],
] as const) {
  builder.objectType(ErrorClass, { name, description, interfaces: [MutationErrorInterface], fields: () => ({}) });
}

builder.objectType(UnsupportedByUpstreamError, {
  name: 'UnsupportedByUpstreamError',
  description: "The Atlas flavor the gateway is configured for has no such operation (service accounts on Atlas v1.0 or Ops Manager), as queries' UNSUPPORTED_BY_UPSTREAM code says: nothing was sent, and nothing was changed.",
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    flavor: t.exposeString('flavor', { description: 'The configured flavor: atlas-v1 or ops-manager.' }),
  }),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Atlas rate-limited the request; nothing was changed.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.int({ nullable: true, description: 'Seconds to wait before retrying, when Atlas said.', resolve: (e) => e.retryAfterSeconds ?? null }),
  }),
});

builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  description: 'Atlas failed or could not be reached, and the change was not made (the gateway checked): retrying is safe.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.int({ nullable: true, description: 'Seconds to wait before retrying, when Atlas said.', resolve: (e) => e.retryAfterSeconds ?? null }),
  }),
});

builder.objectType(OutcomeUnknownError, {
  name: 'OutcomeUnknownError',
  description:
    'The change may or may not have been made: Atlas received the request, its answer was lost, and no read could settle it. Check before retrying.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    mayHaveHappened: t.exposeString('mayHaveHappened', { description: 'The change that may have been made.' }),
    check: t.exposeString('check', { description: 'What to look at to find out, and what to do about it.' }),
    apiKeyIds: t.idList({
      description: 'Global ids of the keys concerned: the key changed, or keys the request may have created (without their private keys).',
      resolve: (e) => e.apiKeys.map((k) => encodeGlobalID('ApiKey', apiKeyRef(k.orgId, k.apiKeyId))),
    }),
    serviceAccountIds: t.idList({
      description: 'Global ids of the service accounts concerned: the account changed, or accounts the request may have created (without their secrets).',
      resolve: (e) => e.serviceAccounts.map((a) => encodeGlobalID('ServiceAccount', apiKeyRef(a.orgId, a.clientId))),
    }),
  }),
});

export const MUTATION_ERRORS = [
  ValidationError,
  UnsupportedByUpstreamError,
  NotFoundError,
  ForbiddenError,
  ConflictError,
  RateLimitedError,
  UpstreamUnavailableError,
  OutcomeUnknownError,
];

/** The errors option of a mutation: its payload or one of the typed errors, as `<Name>Result`. */
export function mutationErrors(name: string) {
  return {
    types: MUTATION_ERRORS,
    directResult: true as const,
    union: { name: `${name}Result`, description: `What ${name.charAt(0).toLowerCase()}${name.slice(1)} did: its payload, or why it did nothing, or that its outcome is unknown.` },
  };
}

export { inProjectWords };

/**
 * The typed error for an upstream failure the caller can act on; other failures are returned
 * unchanged (they surface as masked GraphQL errors).
 */
export function typedUpstreamError(error: unknown, field = 'input'): unknown {
  // Nothing was sent: the configured flavor has no such operation.
  if (error instanceof UnsupportedByFlavorError) return new UnsupportedByUpstreamError(`${error.message}.`, error.flavor);
  if (!(error instanceof AtlasApiError)) return error;
  const detail = inProjectWords(error.detail ?? error.errorCode);
  const typed = isNotFound(error)
    ? new NotFoundError(detail)
    : error.status === 401 || error.status === 403
      ? new ForbiddenError(detail)
      : error.status === 409
        ? new ConflictError(detail)
        : error.status === 429
          ? new RateLimitedError(detail, error.retryAfterSeconds)
          : error.status === 400
            ? new ValidationError(detail, field)
            : undefined;
  if (!typed) return error;
  typed.cause = error;
  return typed;
}

/**
 * Refuses a mutation of resources the configured flavor lacks (service accounts on Atlas v1.0 or
 * Ops Manager) as a call of `operation` would, before it reads anything: UnsupportedByUpstreamError.
 */
export function requireUpstreamOperation(ctx: { atlas: { requireOperation(operation: OperationId, path: string): void } }, operation: OperationId, path: string): void {
  try {
    ctx.atlas.requireOperation(operation, path);
  } catch (error) {
    throw typedUpstreamError(error);
  }
}

/** Whether `error` is one of the typed mutation results (thrown on purpose, returned as data). */
export const isTypedMutationError = (error: unknown): error is Error => MUTATION_ERRORS.some((type) => error instanceof type);

/** A failure of Atlas (not of the request) on a call that changed nothing: not done, safe to retry. */
export function unavailable(error: unknown, what = 'Atlas could not be reached'): UpstreamUnavailableError | undefined {
  if (!(error instanceof AtlasError)) return undefined;
  const retryAfter = error instanceof AtlasApiError ? error.retryAfterSeconds : undefined;
  const typed = new UpstreamUnavailableError(`${what}; nothing was changed. Retrying is safe.`, retryAfter);
  if (error instanceof AtlasApiError) typed.cause = error;
  return typed;
}

const forbiddenWrite = (orgId: string): ForbiddenError =>
  new ForbiddenError(`The token's scopes do not allow changing organization ${orgId} (needs atlas:write or atlas:write:${orgId}).`);

/**
 * A mutation's refusal by its `{ write: orgId }` rule (its `unauthorizedError`): the typed
 * ForbiddenError its payload union carries, so a console handles it as every other typed error.
 */
export const writeRefusal = (_parent: unknown, _args: unknown, _ctx: unknown, _info: unknown, result: ForbiddenResult): ForbiddenError =>
  forbiddenWrite(refusedRule(result.failure).orgId ?? '');

/** Where a mutation's organization is known only once something is found: the same rule and refusal, inside it. */
export function requireWrite(ctx: { caller?: Caller }, orgId: string): void {
  if (!allows(ctx.caller, 'write', orgId)) throw forbiddenWrite(orgId);
}

/**
 * Runs an upstream call that changes nothing (a read before a write), turning failures the caller
 * can act on into typed errors, and Atlas' own failures into UpstreamUnavailableError.
 */
export async function upstream<T>(call: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const typed = typedUpstreamError(error, field);
    throw typed === error ? (unavailable(error) ?? error) : typed;
  }
}
