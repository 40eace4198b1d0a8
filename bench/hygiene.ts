/**
 * `npm run bench:hygiene`: the key-hygiene page of a 1000-key organization under the simulator's
 * `atlas` rate-limit profile (access lists: 100 calls a minute per organization), at 20 ms round
 * trip. Side by side, each against its own simulator process:
 *
 * - the gateway (shared reads in this process, HYGIENE_* at their defaults), asked for
 *   `keyHygiene` every two seconds, as a console page left open, from cold until its answer is
 *   complete; then warm (a console reloading the page);
 * - a REST script that makes the same calls within the same budget: the key listing, the
 *   settings, and every access list, paced by what Atlas' answers say of the bucket, with the same
 *   share of it kept for interactive reads. It keeps no cache: asked again, it pays the same again.
 *
 * Both count Atlas calls and 429s. Writes bench/results/hygiene.md (and .json); `--quick` runs a
 * 200-key organization and writes to bench/results/quick/.
 */
import { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { AtlasBudgetError, AtlasClient, MemoryStore, SharedReads, type UpstreamEvent, fetchAllPages } from '../src/atlas/index.js';
import { DEFAULT_HYGIENE_POLICY } from '../src/graph/risks.js';
import { createGateway } from '../src/server/gateway.js';
import { DEFAULT_ADMIN } from '../src/simulator/index.js';
import { percentile, reportDir, startSimulator } from './lib.js';

const quick = process.argv.includes('--quick');
const KEYS = quick ? 200 : 1000;
const LATENCY_MS = 20;
const POLL_MS = 2_000;
const WARM_RUNS = 30;
const credentials = { kind: 'digest' as const, publicKey: DEFAULT_ADMIN.publicKey, privateKey: DEFAULT_ADMIN.privateKey };
const policy = DEFAULT_HYGIENE_POLICY;

interface Counted {
  calls: number;
  rateLimited: number;
}

const counter = (): Counted & { observe: (event: UpstreamEvent) => void } => {
  const counted = { calls: 0, rateLimited: 0, observe: (event: UpstreamEvent) => {
    counted.calls += 1;
    if (event.outcome === 429) counted.rateLimited += 1;
  } };
  return counted;
};

const stop = async (child: ChildProcess) => {
  child.kill('SIGTERM');
  await once(child, 'exit');
};

const QUERY = `query($id: ID!) { organization(id: $id) { keyHygiene {
  completeness { keysTotal keysAssessed complete atlasReads }
  byKind { kind keys } keysWithUnknownUsage
} } }`;

interface GatewayRow {
  requestsToComplete: number;
  secondsToComplete: number;
  callsToComplete: number;
  rateLimited: number;
  warm: { p50: number; p99: number; calls: number };
}

async function viaGateway(): Promise<GatewayRow> {
  const sim = await startSimulator(`1x20x${KEYS}x3`, LATENCY_MS, ['--rate-limit', 'atlas']);
  const counted = counter();
  const shared = new SharedReads({ store: new MemoryStore(), ttlSeconds: 30, maxStaleSeconds: 300, retainSeconds: policy.scan.maxAgeSeconds });
  const atlas = AtlasClient.create({ baseUrl: sim.url, credentials, observer: counted.observe, sharedReads: shared });
  const gateway = createGateway({ atlas, sharedReads: shared, hygiene: policy });
  const ask = async () => {
    const response = await gateway.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { id: orgId } }) });
    const body = (await response.json()) as { errors?: unknown; data?: { organization: { keyHygiene: { completeness: { complete: boolean; keysAssessed: number } } } } };
    if (body.errors || !body.data) throw new Error(`keyHygiene failed: ${JSON.stringify(body).slice(0, 400)}`);
    return body.data.organization.keyHygiene.completeness;
  };
  let orgId = '';
  try {
    orgId = (await AtlasClient.create({ baseUrl: sim.url, credentials }).listOrganizations({ itemsPerPage: 1 })).results[0]!.id;
    const started = performance.now();
    let requests = 0;
    for (;;) {
      requests += 1;
      const completeness = await ask();
      console.log(JSON.stringify({ gateway: requests, assessed: completeness.keysAssessed, calls: counted.calls, seconds: Math.round((performance.now() - started) / 1000) }));
      if (completeness.complete) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const secondsToComplete = (performance.now() - started) / 1000;
    const callsToComplete = counted.calls;
    const samples: number[] = [];
    const warmCallsBefore = counted.calls;
    for (let i = 0; i < WARM_RUNS; i++) {
      const t = performance.now();
      await ask();
      samples.push(performance.now() - t);
    }
    return {
      requestsToComplete: requests,
      secondsToComplete,
      callsToComplete,
      rateLimited: counted.rateLimited,
      warm: { p50: percentile(samples, 50), p99: percentile(samples, 99), calls: (counted.calls - warmCallsBefore) / WARM_RUNS },
    };
  } finally {
    await atlas.close();
    await stop(sim.child);
  }
}

interface ScriptRow {
  secondsToComplete: number;
  calls: number;
  rateLimited: number;
}

/** The same calls by hand, within the same share of the same budget, with the fewest waits. */
async function viaScript(): Promise<ScriptRow> {
  const sim = await startSimulator(`1x20x${KEYS}x3`, LATENCY_MS, ['--rate-limit', 'atlas']);
  const counted = counter();
  // Shared reads here are the budget alone (nothing is reused: the TTL is 0).
  const budget = new SharedReads({ store: new MemoryStore(), ttlSeconds: 0, maxStaleSeconds: 0 });
  const atlas = AtlasClient.create({ baseUrl: sim.url, credentials, observer: counted.observe, sharedReads: budget });
  const paced = atlas.withReadPolicy({ maxAgeMs: 0, reserveShare: 1 - policy.scan.budgetShare });
  try {
    const orgId = (await atlas.listOrganizations({ itemsPerPage: 1 })).results[0]!.id;
    const started = performance.now();
    const [keys] = await Promise.all([fetchAllPages((page) => atlas.listApiKeys(orgId, page)), atlas.getOrganizationSettings(orgId)]);
    let queue = keys.map((k) => k.id);
    while (queue.length > 0) {
      const wave = queue.slice(0, 8);
      const results = await Promise.all(wave.map((id) => fetchAllPages((page) => paced.listAccessListEntries(orgId, id, page)).then(() => undefined, (error: unknown) => error)));
      const refused = wave.filter((_, i) => results[i] instanceof AtlasBudgetError);
      const failed = results.find((r) => r !== undefined && !(r instanceof AtlasBudgetError));
      if (failed) throw failed;
      queue = [...refused, ...queue.slice(wave.length)];
      if (refused.length === wave.length) await new Promise((resolve) => setTimeout(resolve, ((results[0] as AtlasBudgetError).retryAfterSeconds ?? 1) * 1000));
    }
    return { secondsToComplete: (performance.now() - started) / 1000, calls: counted.calls, rateLimited: counted.rateLimited };
  } finally {
    await atlas.close();
    await stop(sim.child);
  }
}

const [gatewayRow, scriptRow] = await Promise.all([viaGateway(), viaScript()]);
const s = (n: number) => n.toFixed(0);
const ms = (n: number) => n.toFixed(1);
const lines = [
  '# Key hygiene of a large organization under Atlas rate limits',
  '',
  `Node ${process.version}. ${KEYS} keys of 3 access-list entries, the simulator's \`atlas\` rate-limit profile (access lists: 100 calls a minute per organization, an assumption: Atlas does not publish the number), ${LATENCY_MS} ms round trip; gateway and REST script side by side, each against its own simulator process. HYGIENE_* at their defaults: access lists up to ${policy.scan.maxAgeSeconds} s old, ${policy.scan.maxReadsPerRequest} reads a request, ${policy.scan.budgetShare * 100}% of each bucket.`,
  '',
  '| | Atlas calls to a complete answer | 429s | seconds to a complete answer, cold | requests to it | warm p50 / p99 ms | Atlas calls per warm answer |',
  '|---|---:|---:|---:|---:|---:|---:|',
  `| gateway, \`keyHygiene\` asked every ${POLL_MS / 1000} s | ${gatewayRow.callsToComplete} | ${gatewayRow.rateLimited} | ${s(gatewayRow.secondsToComplete)} | ${gatewayRow.requestsToComplete} | ${ms(gatewayRow.warm.p50)} / ${ms(gatewayRow.warm.p99)} | ${gatewayRow.warm.calls.toFixed(2)} |`,
  `| REST script, same calls, same share of the budget | ${scriptRow.calls} | ${scriptRow.rateLimited} | ${s(scriptRow.secondsToComplete)} | 1 | – (keeps nothing: the same calls and time again) | ${scriptRow.calls} |`,
  '',
  'Calls to a complete answer include the Digest challenge and, for the gateway, the reads of keys and settings each request makes when its cached copy is past the TTL (30 s) or the credential check (5 s).',
  '',
];
const dir = reportDir(quick);
await mkdir(dir, { recursive: true });
await writeFile(new URL('hygiene.md', dir), `${lines.join('\n')}`);
await writeFile(new URL('hygiene.json', dir), `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, keys: KEYS, gateway: gatewayRow, script: scriptRow }, null, 2)}\n`);
console.log(lines.join('\n'));
