/**
 * What a federation router in front of this subgraph gets beyond other callers.
 *
 * A router is recognised by a shared secret it adds to every subgraph request (header
 * `x-router-secret`, configured on both sides). Only that header, not the shape of an operation,
 * identifies it: a router sends `_service` and `_entities`, but also ordinary root fields in
 * plans it generates, none of which a manifest of client operations holds; and `_entities` alone
 * can select any field of any entity, so letting "federation-only" operations through would let
 * anyone read everything. With trusted documents, the router's own safelist decides what its
 * clients may run; this subgraph trusts the router and refuses arbitrary operations from anyone else.
 *
 * Federated tracing, when turned on (`FEDERATION_INLINE_TRACES=on`): a request carrying
 * `apollo-federation-include-trace: ftv1` gets an Apollo inline trace in `extensions.ftv1` (timings
 * per field, errors masked as in responses); when a router secret is configured, only the router
 * gets one. It is off by default because it wraps every field's resolver, and the compiled
 * execution (use-compiled-execution.ts) then calls a wrapper for every field of every request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const ROUTER_SECRET_HEADER = 'x-router-secret';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Whether a request comes from the router: it carries the configured secret (compared in constant time). */
export function routerCheck(secret: string | undefined): (request: Request) => boolean {
  if (secret === undefined) return () => false;
  const expected = digest(secret);
  return (request) => {
    const sent = request.headers.get(ROUTER_SECRET_HEADER);
    return sent !== null && timingSafeEqual(digest(sent), expected);
  };
}

/**
 * Inline traces for a router that asks for them (for the router only, when a secret is configured).
 * The errors a trace reports pass through `maskError`, the response's own mask: the plugin hands it
 * a copy of each (already masked) error, which the mask recognises by its code.
 */
export function useInlineTrace(options: { secretConfigured: boolean; fromRouter: (request: Request) => boolean; maskError: (error: unknown) => GraphQLError }): Plugin {
  return useApolloInlineTrace({
    ignoreRequest: (request) =>
      request.headers.get('apollo-federation-include-trace') !== 'ftv1' || (options.secretConfigured && !options.fromRouter(request)),
    rewriteError: (error) => options.maskError(error),
  }) as Plugin;
}
