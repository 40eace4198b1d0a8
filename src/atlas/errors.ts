/**
 * Failures of upstream calls. `AtlasApiError` is an Atlas error response; timeouts, network
 * failures and unreadable responses have their own types. None of them carries a secret:
 * messages hold the operation and path, never headers or credentials.
 */
export interface AtlasErrorBody {
  error?: number;
  errorCode?: string;
  detail?: string | null;
  reason?: string | null;
  parameters?: unknown[];
}

export class AtlasApiError extends Error {
  override readonly name = 'AtlasApiError';
  readonly status: number;
  readonly errorCode: string;
  readonly detail: string | undefined;
  readonly reason: string | undefined;
  readonly parameters: unknown[] | undefined;
  readonly operation: string;
  readonly path: string;
  /** From `Retry-After`, when Atlas sent it. */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: {
    status: number;
    body: AtlasErrorBody | undefined;
    operation: string;
    path: string;
    retryAfterSeconds?: number;
  }) {
    const { status, body, operation, path } = options;
    const errorCode = typeof body?.errorCode === 'string' ? body.errorCode : `HTTP_${status}`;
    super(`${operation} (${path}) failed: ${status} ${errorCode}${body?.detail ? `: ${body.detail}` : ''}`);
    this.status = status;
    this.errorCode = errorCode;
    this.detail = body?.detail ?? undefined;
    this.reason = body?.reason ?? undefined;
    this.parameters = Array.isArray(body?.parameters) ? body.parameters : undefined;
    this.operation = operation;
    this.path = path;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class AtlasTimeoutError extends Error {
  override readonly name = 'AtlasTimeoutError';
  constructor(
    readonly operation: string,
    readonly path: string,
    readonly phase: 'connect' | 'headers' | 'body' | 'deadline',
  ) {
    super(`${operation} (${path}) timed out waiting for the ${phase === 'deadline' ? 'retry deadline' : phase}`);
  }
}

export class AtlasNetworkError extends Error {
  override readonly name = 'AtlasNetworkError';
  constructor(
    readonly operation: string,
    readonly path: string,
    /** The system or undici error code, e.g. ECONNREFUSED or UND_ERR_SOCKET. */
    readonly code: string,
  ) {
    super(`${operation} (${path}) failed on the network: ${code}`);
  }
}

/** A 2xx response whose body is not the JSON the operation returns. */
export class AtlasResponseError extends Error {
  override readonly name = 'AtlasResponseError';
  constructor(
    readonly operation: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${operation} (${path}) returned an unreadable response: ${problem}`);
  }
}

/** Not found as Atlas says it: 404, or 400 with a `*_NOT_FOUND` code (Ops Manager). */
export function isNotFound(error: unknown): boolean {
  return error instanceof AtlasApiError && (error.status === 404 || (error.status === 400 && error.errorCode.endsWith('_NOT_FOUND')));
}
