/** The real gateway in-process over the simulator, with upstream calls counted. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import { AtlasClient, type AtlasClientOptions, type UpstreamEvent } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { SeedSpec, Simulator } from '../../src/simulator/index.js';

export interface GraphHarness {
  sim: Simulator;
  atlas: AtlasClient;
  gateway: ReturnType<typeof createGateway>;
  /** Upstream exchanges since the last reset, by operation. */
  calls(): string[];
  /** The same exchanges with their paths, e.g. to tell which organization a call was for. */
  exchanges(): UpstreamEvent[];
  resetCalls(): void;
  /** Runs a document; fails with the query and the response when `expectErrors` is false and there are errors. */
  run<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V> | string,
    variables?: V,
    options?: { expectErrors?: boolean },
  ): Promise<ExecutionResult<R> & { status: number }>;
  close(): Promise<void>;
}

export async function startGraph(seed: SeedSpec = 'demo', client: Partial<AtlasClientOptions> = {}): Promise<GraphHarness> {
  const sim = await createSimulator({ seed });
  let events: UpstreamEvent[] = [];
  const atlas = AtlasClient.create({
    baseUrl: sim.url,
    credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey },
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 },
    observer: (event) => events.push(event),
    ...client,
  });
  await atlas.listOrganizations({ itemsPerPage: 1 }); // the Digest challenge, out of the counts
  events = [];
  const gateway = createGateway({ atlas });
  return {
    sim,
    atlas,
    gateway,
    calls: () => events.map((e) => e.operation),
    exchanges: () => [...events],
    resetCalls: () => {
      events = [];
    },
    async run(document, variables, options = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as ExecutionResult<never>;
      if (!options.expectErrors && body.errors?.length) {
        throw new Error(`Unexpected errors for\n${query}\nvariables ${JSON.stringify(variables)}\n${JSON.stringify(body, null, 2)}`);
      }
      return { ...body, status: response.status };
    },
    async close() {
      await atlas.close();
      await sim.close();
    },
  };
}
