/**
 * useHttpErrors: every refusal answers a JSON body whose errors carry `extensions.code`, also
 * those Yoga sends with an empty body (415 for a content type it does not read, 405, 406).
 * useCsrfPrevention: Yoga's CSRF prevention, its refusal given the code CSRF_HEADER_REQUIRED.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { codeForStatus } from '../graph/errors.js';

const MESSAGES: Record<number, string> = {
  405: 'This method is not allowed here: send GraphQL as POST (or GET for queries).',
  406: 'None of the media types in Accept can be served: accept application/graphql-response+json or application/json.',
  415: 'Send GraphQL as application/json (or application/graphql-response+json, or a GET with query parameters).',
};

/** The body of an error answer that carries none. */
export function errorBody(status: number, message?: string): { errors: Array<{ message: string; extensions: { code: string } }> } {
  return { errors: [{ message: message ?? MESSAGES[status] ?? `The request was refused (HTTP ${status}).`, extensions: { code: codeForStatus(status) } }] };
}

export function useHttpErrors(): Plugin {
  return {
    onResponse({ response, setResponse }) {
      if (response.status < 400 || response.body !== null) return;
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      setResponse(new Response(JSON.stringify(errorBody(response.status)), { status: response.status, headers }));
    },
  };
}

export function useCsrfPrevention(requestHeaders: string[]): Plugin {
  const { onRequestParse } = useCSRFPrevention({ requestHeaders });
  return {
    onRequestParse(payload) {
      try {
        return onRequestParse?.(payload);
      } catch {
        throw new GraphQLError(`Send one of these headers with a GET or a form-encoded request (CSRF prevention): ${requestHeaders.join(', ')}.`, {
          extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } },
        });
      }
    },
  };
}
