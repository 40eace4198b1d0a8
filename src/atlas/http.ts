/**
 * HTTP to one Atlas origin on undici: a keep-alive pool, connect/headers/body timeouts, a cap
 * on requests in flight, authentication (a request the auth scheme can answer better, such as
 * a Digest challenge, is sent once more), and retries as `retry.ts` allows them.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type Dispatcher, Pool } from 'undici';
import type { Auth, SentAuthorization } from './auth.js';
import { AtlasCallCancelledError, AtlasError, AtlasNetworkError, AtlasTimeoutError } from './errors.js';
import { ConcurrencyLimit } from './limit.js';
import { RETRYABLE_STATUSES, type RetryOptions, backoffDelay, describeFailure, parseRetryAfter } from './retry.js';

export interface TransportOptions {
  /** e.g. https://cloud.mongodb.com */
  origin: string;
  /** For tests (undici MockAgent) or a shared agent; by default a Pool of `maxConcurrency` connections. */
  dispatcher?: Dispatcher;
  maxConcurrency: number;
  /** Applies to the pool built here; an injected dispatcher brings its own. */
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  retry: RetryOptions;
  userAgent: string;
  /** Called after every upstream exchange, for metrics and tests. Carries no secrets. */
  observer?: (event: UpstreamEvent) => void;
}

export interface UpstreamEvent {
  operation: string;
  method: string;
  /** Path and query. */
  path: string;
  /** HTTP status, or the error code of a failed exchange. */
  outcome: number | string;
  durationMs: number;
  /** 1 for the first attempt; a resend after a Digest challenge belongs to the same attempt. */
  attempt: number;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';

export interface UpstreamRequest {
  operation: string;
  method: HttpMethod;
  /** Path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  /** A string, so it can be sent again after a challenge or for a retry. */
  body?: string;
  auth: Auth | undefined;
  /** May be sent again after it reached the server; GET and HEAD always may. */
  repeatable?: boolean;
  /**
   * Once aborted, nothing more of this request is sent (no first attempt, retry or Digest resend);
   * an exchange already on the wire is left to finish.
   */
  signal?: AbortSignal;
  /** False: a 429 is returned at once instead of retried (the caller has a better answer than waiting). */
  retryRateLimited?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  retryAfterSeconds: number | undefined;
}

/** Spans go to whatever OpenTelemetry SDK the process registered; without one they cost nothing. */
const tracer = trace.getTracer('atlas-keys-gateway');

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `RateLimit-Remaining` as a count, when Atlas sent one. */
function parseRemaining(value: string | string[] | undefined): number | undefined {
  const text = asList(value)[0];
  return text !== undefined && /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export class Transport {
  readonly #options: TransportOptions;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #limit: ConcurrencyLimit;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#limit = new ConcurrencyLimit(options.maxConcurrency);
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new Pool(options.origin, {
        connections: options.maxConcurrency,
        connect: { timeout: options.connectTimeoutMs },
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyTimeoutMs,
      });
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /**
   * Sends a request, retrying as allowed, and returns the last response whatever its status;
   * throws AtlasTimeoutError or AtlasNetworkError when no response came.
   */
  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const { retry } = this.#options;
    const repeatable = request.repeatable ?? (request.method === 'GET' || request.method === 'HEAD');
    const deadline = Date.now() + retry.deadlineMs;
    const mayRetry = (attempt: number, delayMs: number): boolean => attempt < retry.maxAttempts && Date.now() + delayMs < deadline;
    for (let attempt = 1; ; attempt++) {
      this.#refuseIfCancelled(request);
      let response: UpstreamResponse;
      try {
        response = await this.#attempt(request, attempt);
      } catch (error) {
        // Already typed: the auth scheme's own request failed (a refused token request).
        if (error instanceof AtlasError) throw error;
        const failure = describeFailure(error);
        const delayMs = backoffDelay(attempt, retry);
        if (((repeatable && failure.transient) || failure.neverSent) && mayRetry(attempt, delayMs)) {
          await this.#pause(delayMs, request.signal);
          continue;
        }
        if (failure.timeout) throw new AtlasTimeoutError(request.operation, request.path, failure.timeout);
        throw new AtlasNetworkError(request.operation, request.path, failure.code);
      }
      // A 429 applied nothing: a write may wait for it too, where the caller asks (a settling delete).
      const retryable = response.status === 429 ? request.retryRateLimited !== false && (repeatable || request.retryRateLimited === true) : repeatable && RETRYABLE_STATUSES.has(response.status);
      if (!retryable) return response;
      const delayMs = Math.max(backoffDelay(attempt, retry), (response.retryAfterSeconds ?? 0) * 1000);
      if (!mayRetry(attempt, delayMs)) return response;
      await this.#pause(delayMs, request.signal);
    }
  }

  #refuseIfCancelled(request: UpstreamRequest): void {
    if (request.signal?.aborted) throw new AtlasCallCancelledError(request.operation, request.path);
  }

  /** Waits before a retry; an abort ends the wait early (the next attempt is then refused). */
  async #pause(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
    await sleep(delayMs, undefined, signal ? { signal } : {}).catch(() => undefined);
  }

  /** One attempt: an exchange, and a second one when the auth scheme asks for it. */
  async #attempt(request: UpstreamRequest, attempt: number): Promise<UpstreamResponse> {
    const first = await this.#exchange(request, attempt);
    return first.resend ? (await this.#exchange(request, attempt)).response : first.response;
  }

  async #exchange(request: UpstreamRequest, attempt: number): Promise<{ response: UpstreamResponse; resend: boolean }> {
    this.#refuseIfCancelled(request);
    const sign = await request.auth?.prepare();
    const release = await this.#limit.acquire();
    if (request.signal?.aborted) {
      // Answered while this request waited for a slot: give the slot (and a Digest handshake it led) back unsent.
      release();
      request.auth?.received(undefined, undefined);
      throw new AtlasCallCancelledError(request.operation, request.path);
    }
    const started = performance.now();
    // One span per upstream exchange; its attributes carry the operation and path, never headers.
    const span = tracer.startSpan(`atlas ${request.operation}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'atlas.operation': request.operation, 'http.request.method': request.method, 'url.path': request.path.split('?')[0]!, 'atlas.attempt': attempt },
    });
    let sent: SentAuthorization | undefined;
    let response: UpstreamResponse | undefined;
    let failure: unknown;
    try {
      sent = sign?.(request.method, request.path);
      const result = await this.#dispatcher.request({
        origin: this.#options.origin,
        path: request.path,
        method: request.method,
        headers: { 'user-agent': this.#options.userAgent, ...request.headers, ...(sent ? { authorization: sent.header } : {}) },
        body: request.body,
        headersTimeout: this.#options.headersTimeoutMs,
        bodyTimeout: this.#options.bodyTimeoutMs,
      });
      const body = await result.body.text();
      // undici frees the connection a moment after the body ends; a request sent before that
      // (the caller's next one, typically) would open a second connection instead of reusing it.
      await nextTurn();
      response = { status: result.statusCode, headers: result.headers, body, retryAfterSeconds: parseRetryAfter(result.headers['retry-after']) };
    } catch (error) {
      failure = error ?? new Error('request failed');
    } finally {
      release();
    }
    if (response) {
      this.#limit.observe({ status: response.status, remaining: parseRemaining(response.headers['ratelimit-remaining']) });
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeFailure(failure).code });
    }
    span.end();
    // Always told, so a Digest handshake in flight is never left waiting.
    const resend =
      request.auth?.received(sent, response && { status: response.status, wwwAuthenticate: asList(response.headers['www-authenticate']) }) ?? false;
    this.#report({
      operation: request.operation,
      method: request.method,
      path: request.path,
      outcome: response?.status ?? describeFailure(failure).code,
      durationMs: performance.now() - started,
      attempt,
    });
    if (response === undefined) throw failure;
    return { response, resend: resend && response.status === 401 };
  }

  #report(event: UpstreamEvent): void {
    try {
      this.#options.observer?.(event);
    } catch {
      // An observer is for metrics; its failure must not fail or alter the request.
    }
  }
}
