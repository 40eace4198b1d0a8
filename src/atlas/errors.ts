/**
 * Failures of upstream calls, one type per kind: an Atlas error response (`AtlasApiError`), a
 * timeout, a network failure, and a response the client cannot read. None of them carries a
 * secret or a `cause`: messages hold the operation, the path and what Atlas said, never request
 * headers, bodies or credentials (an undici error could quote the request it failed on).
 */

/** Atlas' error body: `{error, errorCode, detail?, reason?, parameters?, badRequestDetail?}`. */
export interface AtlasErrorBody {
  error?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: unknown;
}

/** Common ground of every error the client throws. */
export abstract class AtlasError extends Error {
  /** The v2 operationId, or `createOAuthToken` for the service-account token request. */
  readonly operation: string;
  /** Path (and query) of the upstream request. */
  readonly path: string;

  protected constructor(message: string, operation: string, path: string) {
    super(message);
    this.operation = operation;
    this.path = path;
  }
}

export class AtlasApiError extends AtlasError {
  override readonly name = 'AtlasApiError';
  readonly status: number;
  /** Atlas' errorCode, or `HTTP_<status>` when the body had none. */
  readonly errorCode: string;
  readonly detail: string | undefined;
  readonly reason: string | undefined;
  readonly parameters: unknown[] | undefined;
  /** The field-level detail of a 400, as Atlas sent it. */
  readonly badRequestDetail: unknown;
  /** From `Retry-After`, when Atlas sent it. */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: { status: number; body: AtlasErrorBody | undefined; operation: string; path: string; retryAfterSeconds?: number }) {
    const { status, body, operation, path } = options;
    const errorCode = body?.errorCode ?? `HTTP_${status}`;
    super(`${operation} (${path}) failed: ${status} ${errorCode}${body?.detail ? `: ${body.detail}` : ''}`, operation, path);
    this.status = status;
    this.errorCode = errorCode;
    this.detail = body?.detail;
    this.reason = body?.reason;
    this.parameters = body?.parameters;
    this.badRequestDetail = body?.badRequestDetail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export type TimeoutPhase = 'connect' | 'headers' | 'body';

export class AtlasTimeoutError extends AtlasError {
  override readonly name = 'AtlasTimeoutError';
  constructor(
    operation: string,
    path: string,
    readonly phase: TimeoutPhase,
  ) {
    super(`${operation} (${path}) timed out waiting for the ${phase === 'connect' ? 'connection' : `response ${phase}`}`, operation, path);
  }
}

export class AtlasNetworkError extends AtlasError {
  override readonly name = 'AtlasNetworkError';
  constructor(
    operation: string,
    path: string,
    /** The system or undici error code, e.g. ECONNREFUSED or UND_ERR_SOCKET. */
    readonly code: string,
  ) {
    super(`${operation} (${path}) failed on the network: ${code}`, operation, path);
  }
}

/**
 * A call not started because the operation it served had already been answered (the client
 * view's signal was aborted): nothing was sent to Atlas.
 */
export class AtlasCallCancelledError extends AtlasError {
  override readonly name = 'AtlasCallCancelledError';
  constructor(operation: string, path: string) {
    super(`${operation} (${path}) was not sent: the operation it served has already been answered`, operation, path);
  }
}

/** A 2xx response whose body is not the JSON the operation returns. */
export class AtlasResponseError extends AtlasError {
  override readonly name = 'AtlasResponseError';
  constructor(
    operation: string,
    path: string,
    readonly problem: string,
  ) {
    super(`${operation} (${path}) returned an unreadable response: ${problem}`, operation, path);
  }
}

/**
 * An operation the configured flavor of the Admin API does not have (the activity feed on Atlas
 * v1.0 or Ops Manager, say): refused before any request is sent.
 */
export class UnsupportedByFlavorError extends AtlasError {
  override readonly name = 'UnsupportedByFlavorError';
  constructor(
    readonly flavor: string,
    readonly what: string,
  ) {
    super(`${what} is not available on ${flavor}`, what, '');
  }
}

/**
 * Reads an error body as leniently as Atlas writes it: anything that is not a JSON object
 * (an HTML page from a proxy, an empty body) yields undefined, and mistyped fields are dropped.
 */
export function parseErrorBody(text: string): AtlasErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const raw = json as Record<string, unknown>;
  const body: AtlasErrorBody = {};
  if (typeof raw.error === 'number') body.error = raw.error;
  if (typeof raw.errorCode === 'string' && raw.errorCode !== '') body.errorCode = raw.errorCode;
  if (typeof raw.detail === 'string' && raw.detail !== '') body.detail = raw.detail;
  if (typeof raw.reason === 'string' && raw.reason !== '') body.reason = raw.reason;
  if (Array.isArray(raw.parameters)) body.parameters = raw.parameters;
  if (raw.badRequestDetail !== undefined && raw.badRequestDetail !== null) body.badRequestDetail = raw.badRequestDetail;
  return body;
}

/** Not found as Atlas says it: 404, or 400 with a `*_NOT_FOUND` code (Ops Manager). */
export function isNotFound(error: unknown): boolean {
  return error instanceof AtlasApiError && (error.status === 404 || (error.status === 400 && error.errorCode.endsWith('_NOT_FOUND')));
}

/** Atlas refused for rate limiting; `retryAfterSeconds` says when to come back, if Atlas said. */
export function isRateLimited(error: unknown): boolean {
  return error instanceof AtlasApiError && error.status === 429;
}
