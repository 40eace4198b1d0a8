/**
 * Expected mutation failures as typed results (errors-plugin unions), so a console can show them
 * without parsing strings. Upstream failures a caller can act on are turned into these; anything
 * else stays an error and is masked.
 */
import { AtlasApiError, isNotFound } from '../atlas/index.js';
import { type Caller, allows } from '../auth.js';
import { builder } from './builder.js';

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  /** Path of the offending input field, e.g. `input.roles[1]`. */
  constructor(message: string, readonly field: string) {
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

export const MutationErrorInterface = builder.interfaceRef<Error>('MutationError').implement({
  description: 'An expected reason a mutation did not happen.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
  }),
});

const atlasCode = (error: Error): string | null => (error.cause instanceof AtlasApiError ? error.cause.errorCode : null);

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'An input was invalid; nothing was sent to Atlas, or Atlas refused the input.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the offending input field, e.g. input.roles[1].' }),
    atlasErrorCode: t.string({ nullable: true, description: "Atlas' errorCode when Atlas refused the input.", resolve: atlasCode }),
  }),
});

for (const [ErrorClass, name, description] of [
  [NotFoundError, 'NotFoundError', 'What the mutation names does not exist (or is not visible to these credentials).'],
  [ForbiddenError, 'ForbiddenError', "The credentials' roles or API access list do not allow this."],
  [ConflictError, 'ConflictError', 'The change conflicts with the current state (it is already done, for example).'],
] as const) {
  builder.objectType(ErrorClass, {
    name,
    description,
    interfaces: [MutationErrorInterface],
    fields: (t) => ({
      atlasErrorCode: t.string({ nullable: true, description: "Atlas' errorCode, when Atlas gave one.", resolve: atlasCode }),
    }),
  });
}

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Atlas rate-limited the request; nothing was changed.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.int({ nullable: true, description: 'Seconds to wait before retrying, when Atlas said.', resolve: (e) => e.retryAfterSeconds ?? null }),
  }),
});

export const MUTATION_ERRORS = [ValidationError, NotFoundError, ForbiddenError, ConflictError, RateLimitedError];

/** The errors option of a mutation: its payload or one of the typed errors, as `<Name>Result`. */
export function mutationErrors(name: string) {
  return {
    types: MUTATION_ERRORS,
    directResult: true as const,
    union: { name: `${name}Result`, description: `What ${name.charAt(0).toLowerCase()}${name.slice(1)} did: its payload, or why it did nothing.` },
  };
}

/**
 * The typed error for an upstream failure the caller can act on; other failures are returned
 * unchanged (they surface as masked GraphQL errors).
 */
export function typedUpstreamError(error: unknown, field = 'input'): unknown {
  if (!(error instanceof AtlasApiError)) return error;
  const detail = error.detail ?? error.errorCode;
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

/** The caller's scopes must allow changes in the organization; a typed ForbiddenError otherwise. */
export function requireWrite(ctx: { caller?: Caller }, orgId: string): void {
  if (!allows(ctx.caller, 'write', orgId)) {
    throw new ForbiddenError(`The token's scopes do not allow changing organization ${orgId} (needs atlas:write or atlas:write:${orgId}).`);
  }
}

/** Runs an upstream call, turning failures the caller can act on into typed errors. */
export async function upstream<T>(call: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw typedUpstreamError(error, field);
  }
}
