/**
 * Query errors: what a client can act on gets a stable `extensions.code` (and Atlas' errorCode
 * where there is one); everything else is masked as INTERNAL by `maskError`.
 */
import { GraphQLError, Kind } from 'graphql';
import { AtlasApiError, AtlasNetworkError, AtlasResponseError, AtlasTimeoutError, UnsupportedByFlavorError, isNotFound } from '../atlas/index.js';
import { inProjectWords } from './words.js';

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
  | 'UNSUPPORTED_BY_UPSTREAM'
  | 'SUBSCRIPTIONS_UNAVAILABLE'
  | 'INTERNAL';

/**
 * Codes of answers refused before execution (graphql-js, Yoga and the HTTP layer): a client can
 * act on each of them, so masking keeps them.
 */
export type RequestErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'CSRF_HEADER_REQUIRED'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_ACCEPTABLE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_TOO_LARGE'
  | 'REQUEST_HEADERS_TOO_LARGE'
  | 'TRUSTED_DOCUMENTS_ONLY'
  | 'TRUSTED_DOCUMENT_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_MISMATCH'
  | 'PERSISTED_QUERY_NOT_SUPPORTED';

/** The code of an error answer that came with an HTTP status and no code of its own. */
export function codeForStatus(status: number | undefined): ErrorCode | RequestErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 406:
      return 'NOT_ACCEPTABLE';
    case 413:
      return 'REQUEST_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 431:
      return 'REQUEST_HEADERS_TOO_LARGE';
    case undefined:
      return 'BAD_USER_INPUT';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  }
}

/**
 * The `extensions.http` of an answer without `data`: a request refused before execution, or an
 * execution cut at its deadline. Yoga answers it with `status` to a client that accepts
 * application/graphql-response+json and with 200 to one that accepts application/json (`spec`),
 * as the GraphQL over HTTP specification asks: a response without `data` is 4xx/5xx in the
 * former, and a well-formed request is 200 in the latter.
 */
export function withoutDataStatus(status = 400): { status: number; spec: true } {
  return { status, spec: true };
}

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
  UNSUPPORTED_BY_UPSTREAM: 'The configured Atlas API has no such operation.',
  SUBSCRIPTIONS_UNAVAILABLE: 'This gateway serves no subscriptions.',
  INTERNAL: 'Unexpected error.',
};

/** A GraphQL error for an upstream failure; the Atlas detail is kept only where it is safe to show. */
export function fromUpstream(error: unknown, path?: readonly (string | number)[]): GraphQLError | undefined {
  if (error instanceof AtlasApiError) {
    const code = codeForAtlasError(error);
    // The gateway's words ("project"); Atlas' own detail stays in extensions.atlas.
    const message = code === 'INTERNAL' ? MESSAGES.INTERNAL : error.detail ? inProjectWords(error.detail) : MESSAGES[code];
    return new GraphQLError(message, {
      path,
      extensions: {
        code,
        atlas: {
          status: error.status,
          errorCode: error.errorCode,
          ...(error.detail && code !== 'INTERNAL' ? { detail: error.detail } : {}),
          ...(error.parameters ? { parameters: error.parameters } : {}),
        },
        ...(code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      },
    });
  }
  if (error instanceof AtlasTimeoutError || error instanceof AtlasNetworkError) {
    return new GraphQLError(MESSAGES.UPSTREAM_UNAVAILABLE, { path, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  }
  // Asked of a flavor that lacks the operation (organization settings on Atlas v1.0, say): nothing was sent.
  if (error instanceof UnsupportedByFlavorError) {
    return new GraphQLError(`${error.message}.`, { path, extensions: { code: 'UNSUPPORTED_BY_UPSTREAM', flavor: error.flavor } });
  }
  // A body cut short or not what the operation returns: Atlas' failure (or the network's), not the gateway's.
  if (error instanceof AtlasResponseError) {
    return new GraphQLError("Atlas' answer could not be read; retry later.", { path, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  }
  return undefined;
}

const REQUEST_CODES: RequestErrorCode[] = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'CSRF_HEADER_REQUIRED',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_TOO_LARGE',
  'REQUEST_HEADERS_TOO_LARGE',
  'TRUSTED_DOCUMENTS_ONLY',
  'TRUSTED_DOCUMENT_NOT_FOUND',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_MISMATCH',
  'PERSISTED_QUERY_NOT_SUPPORTED',
];
const KNOWN_CODES = new Set<string>([...Object.keys(MESSAGES), ...REQUEST_CODES]);

/** The parts of a GraphQL error that masking needs (Yoga and graphql may come from different module copies). */
interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  nodes?: GraphQLError['nodes'];
  source?: GraphQLError['source'];
  positions?: GraphQLError['positions'];
  extensions?: Record<string, unknown>;
  originalError?: unknown;
}

/**
 * A GraphQL error, or a copy of one: graphql-js' `name` is not enumerable, so a copy made with
 * `Object.assign(Object.create(prototype), error)` (what the inline-trace plugin hands its
 * `rewriteError`) lacks it, but keeps the prototype's type tag.
 */
const isGraphQLErrorLike = (error: unknown): error is GraphQLErrorLike & Error =>
  error instanceof Error && (error.name === 'GraphQLError' || Object.prototype.toString.call(error) === '[object GraphQLError]');

/**
 * A copy has lost `originalError`, `nodes` and `source` with `name`: whether it wrapped an
 * unexpected cause is unknown, so only a code it carries is trusted.
 */
const isCopy = (error: GraphQLErrorLike & Error): boolean => error.name !== 'GraphQLError';

/**
 * graphql-js' own errors about the variables (a value of the wrong type, an unknown enum value,
 * a missing input field, null for a non-null variable): they sit on the variable's definition.
 * Their message names the bad value and often the right one; the cause it wraps (a scalar's or
 * an enum's complaint) is no internal failure.
 */
const isVariableError = (error: GraphQLErrorLike): boolean =>
  error.path === undefined && (error.nodes?.length ?? 0) > 0 && error.nodes!.every((node) => node.kind === Kind.VARIABLE_DEFINITION);

/**
 * Yoga's error mask: errors with a known code pass, upstream failures are mapped, graphql-js'
 * syntax, validation and variable errors keep their messages (with a code), anything else
 * becomes INTERNAL with no detail. An INTERNAL error keeps its cause as `originalError` (never
 * serialised) so that it can be logged.
 */
export function maskError(error: unknown): GraphQLError {
  const wrapper = isGraphQLErrorLike(error) ? error : undefined;
  const original = wrapper?.originalError ?? error;
  const path = wrapper?.path;
  // Where in the document: from its AST nodes, or from the document's source and positions.
  const at = { nodes: wrapper?.nodes, source: wrapper?.source, positions: wrapper?.positions };
  if (isGraphQLErrorLike(original) && KNOWN_CODES.has(String(original.extensions?.code))) {
    return new GraphQLError(original.message, { ...at, path, extensions: original.extensions });
  }
  const ownCode = wrapper?.extensions?.code;
  if (wrapper && ownCode !== 'INTERNAL' && KNOWN_CODES.has(String(ownCode))) {
    return new GraphQLError(wrapper.message, { ...at, path, extensions: wrapper.extensions });
  }
  if (wrapper && isCopy(wrapper)) {
    return new GraphQLError(MESSAGES.INTERNAL, { ...at, path, extensions: { code: 'INTERNAL' } });
  }
  if (wrapper && isVariableError(wrapper)) {
    return new GraphQLError(wrapper.message, { ...at, extensions: { ...withoutCause(wrapper.extensions), code: 'BAD_USER_INPUT', http: withoutDataStatus() } });
  }
  if (wrapper && wrapper.originalError === undefined) {
    const extensions = wrapper.extensions ?? {};
    const status = (extensions.http as { status?: number } | undefined)?.status;
    const code = KNOWN_CODES.has(String(extensions.code)) ? extensions.code : codeForStatus(status);
    return new GraphQLError(wrapper.message, { ...at, path, extensions: { ...extensions, code } });
  }
  const mapped = fromUpstream(original, path);
  if (mapped) return new GraphQLError(mapped.message, { ...at, path, extensions: mapped.extensions });
  const cause = original instanceof Error ? original : new Error(String(original));
  return new GraphQLError(MESSAGES.INTERNAL, { ...at, path, extensions: { code: 'INTERNAL' }, originalError: cause });
}

/** Whether an error the client sees is an INTERNAL one, with the cause to log. */
export function internalCause(error: unknown): Error | undefined {
  if (!isGraphQLErrorLike(error) || error.extensions?.code !== 'INTERNAL') return undefined;
  return error.originalError instanceof Error ? error.originalError : undefined;
}

function withoutCause(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const { originalError: _cause, ...rest } = extensions ?? {};
  return rest;
}
