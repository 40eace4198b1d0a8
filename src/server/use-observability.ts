/**
 * useObservability: a request id per request (taken from `x-request-id` when it is sane, else
 * made) returned in the response, one structured log line per request, every INTERNAL error
 * logged at error level with its cause and stack, operation metrics, and `/metrics` for Prometheus.
 */
import { randomUUID } from 'node:crypto';
import type { DefinitionNode, DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { internalCause, maskError } from '../graph/errors.js';
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

export function useObservability(options: { logger?: Logger; metrics?: Metrics }): Plugin {
  const traces = new WeakMap<Request, Trace>();
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/metrics' && options.metrics) {
        const { registry } = options.metrics;
        endResponse(new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }));
        return;
      }
      const given = request.headers.get('x-request-id');
      traces.set(request, { id: given && REQUEST_ID.test(given) ? given : randomUUID(), started: performance.now(), path: url.pathname, operation: 'anonymous', codes: [] });
    },
    onExecute({ args }) {
      const trace = traces.get((args.contextValue as { request: Request }).request);
      if (trace) {
        const operation = (args.document as DocumentNode).definitions.find((d: DefinitionNode) => d.kind === 'OperationDefinition' && (!args.operationName || d.name?.value === args.operationName));
        trace.operation = (operation?.kind === 'OperationDefinition' && operation.name?.value) || 'anonymous';
      }
      return {
        onExecuteDone({ result }) {
          if (!trace || !('errors' in result)) return;
          // The codes the caller will see, after masking.
          for (const error of result.errors ?? []) trace.codes.push(String(maskError(error).extensions.code));
        },
      };
    },
    onResultProcess({ request, result }) {
      // The errors here are masked: an INTERNAL one still holds its cause, which only the log sees.
      const trace = traces.get(request);
      for (const single of Array.isArray(result) ? result : [result]) {
        const errors = (single as { errors?: readonly unknown[] } | undefined)?.errors ?? [];
        for (const error of errors) {
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
