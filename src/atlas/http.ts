/**
 * HTTP to one Atlas origin on undici: a keep-alive pool whose connection count caps concurrent
 * upstream requests, connect/headers/body timeouts, authentication (one retry after a 401
 * challenge), and retries with exponential backoff and full jitter that honour Retry-After,
 * bounded by a total deadline. GET is retried on network errors, 429 and 5xx; a write is
 * retried only when it certainly never reached the server.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type Dispatcher, Pool } from 'undici';
import type { Auth } from './auth.js';
import { AtlasApiError, AtlasNetworkError, AtlasResponseError, AtlasTimeoutError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts later than this after the first attempt. */
  deadlineMs: number;
}

export interface TransportOptions {
  /** e.g. https://cloud.mongodb.com */
  origin: string;
  /** For tests (undici MockAgent); by default a Pool of `maxConcurrency` connections. */
  dispatcher?: Dispatcher;
  maxConcurrency: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  retry: RetryOptions;
  /** Called after every upstream exchange, for metrics and tests. Carries no secrets. */
  observer?: (event: UpstreamEvent) => void;
}

export interface UpstreamEvent {
  operation: string;
  method: string;
  path: string;
  /** HTTP status, or the error code of a failed exchange. */
  outcome: number | string;
  durationMs: number;
  /** 1 for the first attempt; a Digest challenge does not count as an attempt. */
  attempt: number;
}

export interface UpstreamRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  auth: Auth | undefined;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Spans go to whatever OpenTelemetry SDK the process registered; without one they cost nothing. */
const tracer = trace.getTracer('atlas-keys-gateway');
/** Errors raised before any byte of the request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_PHASES: Record<string, 'connect' | 'headers' | 'body'> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'UNKNOWN';
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date). */
export function retryAfterSeconds(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export class Transport {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(private readonly options: TransportOptions) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Pool(options.origin, {
        connections: options.maxConcurrency,
        connect: { timeout: options.connectTimeoutMs },
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyTimeoutMs,
      });
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const { retry } = this.options;
    const idempotent = request.method === 'GET';
    const deadline = Date.now() + retry.deadlineMs;
    for (let attempt = 1; ; attempt++) {
      let response: UpstreamResponse;
      try {
        response = await this.authenticated(request, attempt);
      } catch (error) {
        // Failures of the auth scheme itself (a refused token request) are already typed.
        if (error instanceof AtlasApiError || error instanceof AtlasResponseError) throw error;
        const code = errorCode(error);
        const mayRetry = idempotent || NOT_SENT_CODES.has(code);
        const delay = this.backoff(attempt);
        if (mayRetry && attempt < retry.maxAttempts && Date.now() + delay < deadline) {
          await sleep(delay);
          continue;
        }
        const phase = TIMEOUT_PHASES[code];
        if (phase) throw new AtlasTimeoutError(request.operation, request.path, phase);
        throw new AtlasNetworkError(request.operation, request.path, code);
      }
      if (!RETRYABLE_STATUS.has(response.status) || !idempotent || attempt >= retry.maxAttempts) return response;
      const hinted = retryAfterSeconds(response.headers['retry-after']);
      const delay = Math.max(this.backoff(attempt), (hinted ?? 0) * 1000);
      if (Date.now() + delay >= deadline) return response;
      await sleep(delay);
    }
  }

  /** Full jitter: a random delay up to base × 2^(attempt-1), capped. */
  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  }

  /** One attempt; a 401 the auth scheme can answer (a Digest challenge) is sent once more. */
  private async authenticated(request: UpstreamRequest, attempt: number): Promise<UpstreamResponse> {
    let sent = await request.auth?.header(request.method, request.path);
    let response = await this.exchange(request, sent, attempt);
    if (response.status === 401 && request.auth && (await request.auth.unauthorized(response.headers['www-authenticate'], sent))) {
      sent = await request.auth.header(request.method, request.path);
      response = await this.exchange(request, sent, attempt);
    }
    return response;
  }

  private async exchange(request: UpstreamRequest, authorization: string | undefined, attempt: number): Promise<UpstreamResponse> {
    const started = performance.now();
    const headers = { ...request.headers, ...(authorization ? { authorization } : {}) };
    const report = (outcome: number | string): void =>
      this.options.observer?.({
        operation: request.operation,
        method: request.method,
        path: request.path,
        outcome,
        durationMs: performance.now() - started,
        attempt,
      });
    // One span per upstream exchange; its attributes carry the operation and path, never headers.
    const span = tracer.startSpan(`atlas ${request.operation}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'atlas.operation': request.operation, 'http.request.method': request.method, 'url.path': request.path.split('?')[0]!, 'atlas.attempt': attempt },
    });
    try {
      const response = await this.dispatcher.request({
        origin: this.options.origin,
        path: request.path,
        method: request.method,
        headers,
        body: request.body,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
      });
      const body = await response.body.text();
      report(response.statusCode);
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return { status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      report(errorCode(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode(error) });
      throw error;
    } finally {
      span.end();
    }
  }
}
