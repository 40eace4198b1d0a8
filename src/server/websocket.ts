/**
 * GraphQL over WebSocket (graphql-ws, the `graphql-transport-ws` protocol of Apollo Client and
 * urql) on the gateway's own path, beside Yoga's Server-Sent Events. Each operation runs through
 * the same Yoga instance (`getEnveloped`): the same context (a bearer token from the upgrade's
 * `Authorization` header, or from `connectionParams.authorization`, since browsers cannot set
 * WebSocket headers), plugins, validation, limits and error masking as over HTTP.
 *
 * Per connection at most `maxSubscriptionsPerConnection` operations run at once; ws pings keep
 * the link checked (`keepAliveMs`); a closed socket ends its subscriptions. `close()` ends every
 * socket with 1001 (going away), after the change feed has completed their subscriptions.
 */
import type { Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Gateway } from './gateway.js';

export interface WebSocketOptions {
  /** The GraphQL path (`/graphql`). */
  path: string;
  /** Operations one connection may run at once; 20 by default. */
  maxSubscriptionsPerConnection?: number;
  /** How often each connection is pinged; 12 s by default. */
  keepAliveMs?: number;
}

export const WEBSOCKET_DEFAULTS = { maxSubscriptionsPerConnection: 20, keepAliveMs: 12_000 } as const;

interface Enveloped {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

export interface WebSocketTransport {
  /** Open connections. */
  readonly connections: number;
  close(): Promise<void>;
}

export function attachWebSocket(server: Server, gateway: Gateway, options: WebSocketOptions): WebSocketTransport {
  const max = options.maxSubscriptionsPerConnection ?? WEBSOCKET_DEFAULTS.maxSubscriptionsPerConnection;
  const wss = new WebSocketServer({ server, path: options.path });
  const running = new WeakMap<object, Set<string>>();
  const disposable = useServer<Record<string, unknown> | undefined, { running?: Set<string> }>(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args) as never,
      onSubscribe: async (ctx, id, params) => {
        let ids = running.get(ctx.extra.socket);
        if (!ids) running.set(ctx.extra.socket, (ids = new Set()));
        if (ids.size >= max) {
          return [new GraphQLError(`A connection may run at most ${max} operations at once: complete one first.`, { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'subscriptionsPerConnection', max } })];
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(ctx.extra.request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        const fromParams = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (typeof fromParams === 'string') headers.set('authorization', fromParams);
        const request = new Request(`http://${headers.get('host') ?? 'localhost'}${options.path}`, { method: 'POST', headers });
        const { schema, execute, subscribe, contextFactory, parse, validate } = gateway.getEnveloped({ request, params });
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        ids.add(id);
        return {
          schema,
          document,
          operationName: params.operationName ?? null,
          variableValues: params.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies Enveloped,
        };
      },
      onComplete: (ctx, id) => {
        running.get(ctx.extra.socket)?.delete(id);
      },
      onError: (ctx, id) => {
        running.get(ctx.extra.socket)?.delete(id);
      },
    },
    wss,
    options.keepAliveMs ?? WEBSOCKET_DEFAULTS.keepAliveMs,
  );
  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      await disposable.dispose();
    },
  };
}
