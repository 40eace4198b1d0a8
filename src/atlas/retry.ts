/**
 * When a failed request may be sent again, and after how long. GET and HEAD are retried on
 * network errors, timeouts, 429 and 500/502/503/504; anything else only when the failure proves
 * the request never left this process (no connection could be made), since a write that reached
 * Atlas may have taken effect. Delays grow exponentially with full jitter, never undercut a
 * `Retry-After`, and no retry starts past the deadline.
 */
import type { TimeoutPhase } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first retry waits up to this long; each later one up to twice as long as the one before. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts later than this after the first attempt. */
  deadlineMs: number;
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Failures of connecting, which happen before any byte of the request is written. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECT_SYSCALLS = new Set(['connect', 'getaddrinfo']);

/** Failures that another try cannot fix: a request undici refused to send, or a closed client. */
const PERMANENT_ERRORS = new Set(['UNKNOWN', 'UND_ERR_INVALID_ARG', 'UND_ERR_ABORTED', 'UND_ERR_DESTROYED', 'UND_ERR_CLOSED', 'UND_ERR_NOT_SUPPORTED']);

const TIMEOUT_PHASES: Readonly<Record<string, TimeoutPhase>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

export interface FailureFacts {
  /** The system or undici error code, `UNKNOWN` without one. */
  code: string;
  timeout: TimeoutPhase | undefined;
  /** Worth another try of a read: the network or the server, not this process, failed. */
  transient: boolean;
  /** True only when the request certainly never reached the server. */
  neverSent: boolean;
}

/** What a thrown network error says, looking through its causes. */
export function describeFailure(error: unknown): FailureFacts {
  let code: string | undefined;
  let syscall: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as { code?: unknown; syscall?: unknown; cause?: unknown };
    if (code === undefined && typeof candidate.code === 'string') code = candidate.code;
    if (syscall === undefined && typeof candidate.syscall === 'string') syscall = candidate.syscall;
    current = candidate.cause;
  }
  code ??= 'UNKNOWN';
  const timeout = TIMEOUT_PHASES[code];
  // An errno like EHOSTUNREACH can also hit an open connection; only a failed connect() proves nothing was sent.
  const neverSent = timeout === 'connect' || (CONNECT_ERRORS.has(code) && syscall !== undefined && CONNECT_SYSCALLS.has(syscall));
  return { code, timeout, transient: !PERMANENT_ERRORS.has(code), neverSent };
}

/** Seconds from a Retry-After header: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | readonly string[] | undefined, now = Date.now()): number | undefined {
  const text = (typeof value === 'string' ? value : value?.[0])?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Full jitter: uniformly random up to base × 2^(attempt-1), capped. `attempt` is the one that failed. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  return random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
}
