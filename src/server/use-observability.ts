/**
 * useObservability: a request id per request (taken from `x-request-id` when it is sane, else
 * made) returned in the response, one structured log line per request, every INTERNAL error
 * logged at error level with its cause and stack, operation metrics, and `/metrics` for Prometheus.
 * A request's outcome (its error codes) is taken from its answer, so a request refused before
 * execution (CSRF, body size, parsing, validation, limits) is counted as refused, not as ok.
 * `requestIdFor(request)` gives the id to whatever else names the request (the audit records).
 */
import { randomUUID } from 'node:crypto';
import type { DefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { codeForStatus, internalCause } from '../graph/errors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

interface Trace {
  id: string;
  started: number;
  path: string;
  operation: string;
  codes: string[];
}

export interface Observability extends Plugin {
  /** The request's id, as its log line and `x-request-id` give it; undefined before the request is seen. */
  requestIdFor(request: Request): string | undefined;
}

export function useObservability(options: { logger?: Logger; metrics?: Metrics }): Observability {
  const traces = new WeakMap<Request, Trace>();
  return {
    requestIdFor: (request) => traces.get(request)?.id,
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/metrics' && options.metrics) {
        const { registry } = options.metrics;
        endResponse(new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }));
        return;
      }
      const given = request.headers.get('x-request-id');
      // A GET names its operation in the URL, which is known even when the request is refused before it is read.
      const named = request.method === 'GET' ? url.searchParams.get('operationName') : null;
      traces.set(request, { id: given && REQUEST_ID.test(given) ? given : randomUUID(), started: performance.now(), path: url.pathname, operation: named || 'anonymous', codes: [] });
    },
    onParams({ request, params }) {
      const trace = traces.get(request);
      if (trace && params.operationName) trace.operation = params.operationName;
    },
    // Validation is reached by every parsed document, also one it refuses: the name is the document's.
    onValidate({ context, params }) {
      const { request, params: graphqlParams } = context as { request?: Request; params?: { operationName?: string | null } };
      const trace = request && traces.get(request);
      if (!trace) return;
      const operation = params.documentAST.definitions.find(
        (d: DefinitionNode) => d.kind === 'OperationDefinition' && (!graphqlParams?.operationName || d.name?.value === graphqlParams.operationName),
      );
      if (operation?.kind === 'OperationDefinition' && operation.name) trace.operation = operation.name.value;
    },
    onResultProcess({ request, result }) {
      // Every answer with a GraphQL result passes here, whatever stage ended it (reading the
      // request, parsing, validation, limits, execution), its errors masked as the caller sees
      // them: their codes are the request's outcome. An INTERNAL one still holds its cause,
      // which only the log sees.
      const trace = traces.get(request);
      if (isAsyncIterable(result)) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        const errors = (single as { errors?: readonly unknown[] } | undefined)?.errors ?? [];
        for (const error of errors) {
          trace?.codes.push(String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'INTERNAL'));
          const cause = internalCause(error);
          if (!cause) continue;
          const { path } = error as { path?: readonly (string | number)[] };
          options.logger?.error({ requestId: trace?.id, operation: trace?.operation, path, err: cause }, 'internal error');
        }
      }
    },
    onResponse({ request, response }) {
      const trace = traces.get(request);
      if (!trace) return;
      response.headers.set('x-request-id', trace.id);
      // Refused without a GraphQL result (a body too large, a media type not read): its status says why.
      if (trace.codes.length === 0 && response.status >= 400) trace.codes.push(codeForStatus(response.status));
      const seconds = (performance.now() - trace.started) / 1000;
      const { path } = trace;
      if (path === '/graphql') options.metrics?.observeOperation(trace.operation, trace.codes[0] ?? 'ok', seconds);
      options.logger?.info(
        { requestId: trace.id, method: request.method, path, status: response.status, operation: trace.operation, errorCodes: trace.codes, durationMs: Math.round(seconds * 1000) },
        'request',
      );
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
