/** Test helpers: local HTTP servers on 127.0.0.1, a MockAgent-backed client, and error capture. */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { AtlasClient, type AtlasClientOptions, type UpstreamEvent } from '../../src/atlas/index.js';

export const ORG = '5f0000000000000000000001';
export const PROJECT = '60000000000000000000000a';
export const KEY = '65f0c0ffee0000000000abcd';
export const V2 = 'application/vnd.atlas.2023-01-01+json';

/** Retries that take milliseconds, not seconds. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 5_000, maxAttempts: 4 };

export interface LocalServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection, got a result');
}

/** Everything an error shows, however it is printed. */
export function everythingShown(error: Error): string {
  return [String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify(Object.entries(error)), String((error as { cause?: unknown }).cause)].join('\n');
}

export interface Mocked {
  agent: MockAgent;
  client: AtlasClient;
  events: UpstreamEvent[];
  /** The interceptor pool of the mocked origin. */
  pool: ReturnType<MockAgent['get']>;
}

export const MOCK_ORIGIN = 'https://atlas.test';

/** A client on undici's MockAgent (no network at all), with a token the caller passes through. */
export function mocked(options: Partial<AtlasClientOptions> = {}): Mocked {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const events: UpstreamEvent[] = [];
  const client = AtlasClient.create({
    baseUrl: MOCK_ORIGIN,
    dispatcher: agent,
    retry: FAST_RETRY,
    observer: (event) => events.push(event),
    ...options,
  });
  return { agent, client, events, pool: agent.get(MOCK_ORIGIN) };
}
