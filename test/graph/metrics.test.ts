// The operation label of the metrics has a bounded set of values, whatever names clients send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/gateway.js';
import { DEFAULT_MAX_OPERATION_NAMES, createMetrics } from '../../src/server/metrics.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;

beforeAll(async () => {
  g = await startGraph('demo');
});
afterAll(() => g.close());

async function runNamed(gateway: ReturnType<typeof createGateway>, names: string[]): Promise<string> {
  for (const name of names) {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query ${name} { __typename }` }),
    });
    expect(response.status).toBe(200);
  }
  return (await gateway.fetch('http://gateway.test/metrics')).text();
}

const series = (text: string, metric: string) => text.split('\n').filter((line) => line.startsWith(`${metric}{`));

describe('operation label', () => {
  it('gives the first names a label each and counts the rest as "other"', async () => {
    const metrics = createMetrics();
    const names = Array.from({ length: 300 }, (_, i) => `Op${i}`);
    const text = await runNamed(createGateway({ atlas: g.atlas, metrics }), names);
    const operations = series(text, 'graphql_operations_total');
    expect(operations).toHaveLength(DEFAULT_MAX_OPERATION_NAMES + 1);
    expect(operations).toContain('graphql_operations_total{operation="Op0",outcome="ok"} 1');
    expect(operations).toContain(`graphql_operations_total{operation="other",outcome="ok"} ${300 - DEFAULT_MAX_OPERATION_NAMES}`);
    expect(text).not.toContain('operation="Op299"');
    const durations = new Set(series(text, 'graphql_request_duration_seconds_count').map((line) => /operation="([^"]+)"/.exec(line)![1]));
    expect(durations.size).toBe(DEFAULT_MAX_OPERATION_NAMES + 1);
  });

  it('with trusted documents, labels only their operation names', async () => {
    const metrics = createMetrics({ operationNames: ['Dashboard'] });
    const text = await runNamed(createGateway({ atlas: g.atlas, metrics }), ['Dashboard', 'Probe1', 'Probe2']);
    expect(series(text, 'graphql_operations_total').sort()).toEqual([
      'graphql_operations_total{operation="Dashboard",outcome="ok"} 1',
      'graphql_operations_total{operation="other",outcome="ok"} 2',
    ]);
  });
});
