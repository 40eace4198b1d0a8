// OpenTelemetry: with an SDK registered, every upstream exchange is a client span.
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';

const exporter = new InMemorySpanExporter();
let sim: Simulator;

beforeAll(async () => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  sim = await createSimulator({ seed: 'demo' });
});
afterAll(async () => {
  trace.disable();
  await sim.close();
});

describe('tracing', () => {
  it('records a span per upstream call with operation, path and status, and no secrets', async () => {
    const { publicKey, privateKey } = sim.control.admin;
    const atlas = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', publicKey, privateKey } });
    try {
      await atlas.getOrganization(sim.control.seeded.orgs[0]!.id);
    } finally {
      await atlas.close();
    }
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.attributes['http.response.status_code']])).toEqual([
      ['atlas getOrg', 401],
      ['atlas getOrg', 200],
    ]);
    expect(spans[1]!.attributes).toMatchObject({ 'atlas.operation': 'getOrg', 'http.request.method': 'GET', 'url.path': `/api/atlas/v2/orgs/${sim.control.seeded.orgs[0]!.id}` });
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(privateKey);
  });
});
