/**
 * The gateway's HTTP server: Node's http server around the Yoga instance, with
 *
 * - the standard reason phrase in every status line: Yoga's Node adapter passes on the Fetch
 *   response's statusText, which is empty for a `new Response()` made without one;
 * - answers Node's own parser gives (431 for headers too large, 400 for a malformed request)
 *   carrying a JSON body with `errors[].extensions.code`, like every other refusal;
 * - shutdown with a deadline: no new connections; idle keep-alive connections closed at once;
 *   a request in flight is finished and answered with `Connection: close`, so its connection
 *   closes after it; a request that still arrives on an old connection is refused (503
 *   SHUTTING_DOWN, `Connection: close`) so that the client retries it elsewhere; whatever is
 *   still open when the drain timeout ends is cut.
 */
import { type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, STATUS_CODES, type Server, ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { once } from 'node:events';
import { errorBody } from './use-http-errors.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HttpServerOptions {
  /** How long shutdown waits for requests in flight before it closes their connections. */
  drainTimeoutMs: number;
}

/** How a shutdown ended: every request finished (`drained`), or the drain timeout cut some (`deadline`). */
export type ShutdownOutcome = 'drained' | 'deadline';

export interface HttpServer {
  server: Server;
  /** Listens; resolves with the origin it listens on (`http://host:port`). */
  listen(port: number, host: string): Promise<string>;
  /** Stops taking requests and waits for those in flight, at most the drain timeout. */
  shutdown(): Promise<ShutdownOutcome>;
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', message: 'The request headers are too large.' },
};

/** Node's response, with the standard reason phrase where it is given an empty one. */
class GatewayResponse extends ServerResponse {
  override writeHead(statusCode: number, ...rest: [string?, (OutgoingHttpHeaders | OutgoingHttpHeader[])?] | [(OutgoingHttpHeaders | OutgoingHttpHeader[])?]): this {
    if (rest[0] === '') rest[0] = STATUS_CODES[statusCode] ?? '';
    return super.writeHead(statusCode, ...(rest as [string?, OutgoingHttpHeaders?]));
  }
}

export function createHttpServer(handler: Handler, options: HttpServerOptions): HttpServer {
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const server = createServer({ ServerResponse: GatewayResponse }, (request, response) => {
    if (draining) {
      response.shouldKeepAlive = false;
      response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '1' });
      response.end(JSON.stringify({ errors: [{ message: 'The gateway is shutting down; retry the request.', extensions: { code: 'SHUTTING_DOWN' } }] }));
      return;
    }
    inFlight.add(response);
    response.once('close', () => {
      inFlight.delete(response);
      // Its connection, now idle, is not kept for another request.
      if (draining) server.closeIdleConnections();
    });
    handler(request, response);
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const known = CLIENT_ERRORS[error.code ?? ''];
    const status = known?.status ?? 400;
    const reason = known?.reason ?? 'Bad Request';
    const body = JSON.stringify(errorBody(status, known?.message ?? 'The request is not valid HTTP.'));
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  return {
    server,
    async listen(port, host) {
      server.listen(port, host);
      await once(server, 'listening');
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    },
    async shutdown() {
      draining = true;
      const closed = once(server, 'close');
      server.close();
      server.closeIdleConnections();
      for (const response of inFlight) {
        // Answers not yet started tell the client that this connection ends with them.
        if (!response.headersSent) {
          response.shouldKeepAlive = false;
          response.setHeader('connection', 'close');
        }
      }
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), options.drainTimeoutMs);
      });
      try {
        const outcome = await Promise.race([closed.then(() => 'drained' as const), deadline]);
        if (outcome === 'deadline') {
          server.closeAllConnections();
          await closed;
        }
        return outcome;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
