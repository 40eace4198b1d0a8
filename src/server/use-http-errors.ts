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
  415: 'Send GraphQL as a POST with content-type application/json, or as a GET with query parameters.',
};

/** Media types of answers: a request sent as one is told to ask for it in Accept instead. */
const ANSWER_TYPES = new Set(['application/graphql-response+json']);

function unsupportedMediaType(contentType: string | null): string {
  const type = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
  return ANSWER_TYPES.has(type) ? `${MESSAGES[415]} ${type} is a type of answer: ask for it in Accept.` : MESSAGES[415]!;
}

/** The body of an error answer that carries none. */
export function errorBody(status: number, message?: string): { errors: Array<{ message: string; extensions: { code: string } }> } {
  return { errors: [{ message: message ?? MESSAGES[status] ?? `The request was refused (HTTP ${status}).`, extensions: { code: codeForStatus(status) } }] };
}

export function useHttpErrors(): Plugin {
  return {
    onResponse({ request, response, setResponse }) {
      if (response.status < 400 || response.body !== null) return;
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      const message = response.status === 415 ? unsupportedMediaType(request.headers.get('content-type')) : undefined;
      setResponse(new Response(JSON.stringify(errorBody(response.status, message)), { status: response.status, headers }));
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
