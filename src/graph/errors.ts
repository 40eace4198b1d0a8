/**
 * Query errors: what a client can act on gets a stable `extensions.code` (and Atlas' errorCode
 * where there is one); everything else is masked as INTERNAL by `maskError`.
 */
import { GraphQLError } from 'graphql';
import { AtlasApiError, AtlasNetworkError, AtlasTimeoutError, isNotFound } from '../atlas/index.js';

export type ErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'QUERY_LIMIT_EXCEEDED'
  | 'DEADLINE_EXCEEDED'
  | 'INTERNAL';

/** Invalid input, reported before any upstream call. `field` names the offending argument. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** The GraphQL code for an Atlas error response. */
export function codeForAtlasError(error: AtlasApiError): ErrorCode {
  if (isNotFound(error)) return 'NOT_FOUND';
  if (error.status === 401) return 'UNAUTHENTICATED';
  if (error.status === 403) return 'FORBIDDEN';
  if (error.status === 429) return 'RATE_LIMITED';
  if (error.status === 409) return 'CONFLICT';
  if (error.status >= 500) return 'UPSTREAM_UNAVAILABLE';
  if (error.status === 400) return 'BAD_USER_INPUT';
  return 'INTERNAL';
}

const MESSAGES: Record<ErrorCode, string> = {
  NOT_FOUND: 'Not found.',
  FORBIDDEN: 'Atlas refused this request: the caller is not allowed to do it (check the API access list).',
  UNAUTHENTICATED: 'Atlas did not accept the credentials, or their roles do not allow this.',
  RATE_LIMITED: 'Atlas rate-limited the request; retry later.',
  UPSTREAM_UNAVAILABLE: 'Atlas is unavailable; retry later.',
  BAD_USER_INPUT: 'Atlas rejected the input.',
  CONFLICT: 'The request conflicts with the current state.',
  QUERY_LIMIT_EXCEEDED: 'The operation exceeds a limit of this gateway.',
  DEADLINE_EXCEEDED: 'The operation did not finish in time.',
  INTERNAL: 'Unexpected error.',
};

/** A GraphQL error for an upstream failure; the Atlas detail is kept only where it is safe to show. */
export function fromUpstream(error: unknown, path?: readonly (string | number)[]): GraphQLError | undefined {
  if (error instanceof AtlasApiError) {
    const code = codeForAtlasError(error);
    const message = code === 'INTERNAL' ? MESSAGES.INTERNAL : (error.detail ?? MESSAGES[code]);
    return new GraphQLError(message, {
      path,
      extensions: {
        code,
        atlas: { status: error.status, errorCode: error.errorCode, ...(error.parameters ? { parameters: error.parameters } : {}) },
        ...(code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      },
    });
  }
  if (error instanceof AtlasTimeoutError || error instanceof AtlasNetworkError) {
    return new GraphQLError(MESSAGES.UPSTREAM_UNAVAILABLE, { path, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  }
  return undefined;
}

const KNOWN_CODES = new Set<string>(Object.keys(MESSAGES));

/** The parts of a GraphQL error that masking needs (Yoga and graphql may come from different module copies). */
interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  nodes?: GraphQLError['nodes'];
  extensions?: Record<string, unknown>;
  originalError?: unknown;
}

const isGraphQLErrorLike = (error: unknown): error is GraphQLErrorLike =>
  error instanceof Error && error.name === 'GraphQLError';

/**
 * Yoga's error mask: errors with a known code pass, upstream failures are mapped, parse and
 * validation errors pass, anything else becomes INTERNAL with no detail.
 */
export function maskError(error: unknown): GraphQLError {
  const wrapper = isGraphQLErrorLike(error) ? error : undefined;
  const original = wrapper?.originalError ?? error;
  const path = wrapper?.path;
  const nodes = wrapper?.nodes;
  if (isGraphQLErrorLike(original) && KNOWN_CODES.has(String(original.extensions?.code))) {
    return new GraphQLError(original.message, { path, nodes, extensions: original.extensions });
  }
  if (wrapper && wrapper.originalError === undefined) {
    return new GraphQLError(wrapper.message, { path, nodes, extensions: wrapper.extensions });
  }
  const mapped = fromUpstream(original, path);
  if (mapped) return new GraphQLError(mapped.message, { path, nodes, extensions: mapped.extensions });
  return new GraphQLError(MESSAGES.INTERNAL, { path, nodes, extensions: { code: 'INTERNAL' } });
}
