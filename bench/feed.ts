/**
 * `npm run bench:feed`: the change feed behind subscriptions, with two replicas sharing a real
 * Redis against the simulator in a process of its own (20 ms round trip):
 *
 * - from a write through replica A to a subscriber on replica B (SSE), p50/p99;
 * - from a change made outside the gateway (straight to the simulator) to a subscriber, and to a
 *   read on the other replica that shows it (its cached read made stale), at the default interval;
 * - the Atlas calls the feed spends per minute for 1, 10 and 100 watched organizations;
 * - the memory of 1000 open subscriptions (heap after a full GC, before and after);
 * - the Atlas calls a console workload spends per minute with the base time to live alone, and with
 *   the longer one for what the feed follows (time scaled 10:1), to choose the defaults.
 *
 * Writes bench/results/feed.md and feed.json; `--quick` fewer rounds, into bench/results/quick/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { AtlasClient } from '../src/atlas/index.js';
import { FEED_CONFIG_DEFAULTS, SHARED_READS_DEFAULTS } from '../src/server/config.js';
import { DEFAULT_ADMIN } from '../src/simulator/index.js';
import { startRedis } from '../test/shared/redis-server.js';
import { type Replica, startReplica } from '../test/shared/replica.js';
import { subscribeSse } from '../test/support/sse.js';
import { ApiKeyDetailDocument, OrganizationDashboardDocument } from '../test/generated/graphql.js';
import { percentile, reportDir, startSimulator } from './lib.js';

const quick = process.argv.includes('--quick');
const RTT_MS = 20;
const WRITES = quick ? 10 : 40;
const OUTSIDE = quick ? 4 : 12;
const INTERVAL_MS = FEED_CONFIG_DEFAULTS.pollIntervalSeconds * 1000;
const CALLS_WINDOW_MS = quick ? 20_000 : 60_000;
const SUBSCRIPTIONS = 1000;
/** The console workload runs with every duration divided by this. */
const SCALE = 10;
const CONSOLE_WINDOW_MS = quick ? 30_000 : 60_000;
const CONSOLES = 5;
/** Each console loads a page this often (scaled). */
const PAGE_EVERY_MS = 20_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:feed does)');

const redis = await startRedis();
const sim = await startSimulator('100x1x2x1', RTT_MS);
const credentials = { publicKey: DEFAULT_ADMIN.publicKey, privateKey: DEFAULT_ADMIN.privateKey };
const direct = AtlasClient.create({ baseUrl: sim.url, credentials: { kind: 'digest', ...credentials } });
const orgs = (await direct.listOrganizations({ itemsPerPage: 500 })).results.map((org) => org.id);
const orgId = orgs[0]!;
let prefixes = 0;
const opened: Replica[] = [];

interface Cache {
  ttlSeconds: number;
  watchedTtlSeconds: number;
  maxStaleSeconds: number;
  credentialCheckSeconds: number;
}
/** The defaults of a replica's shared reads, as main.ts sets them (the feed watches an organization as long as a read of it may be served). */
const DEFAULT_CACHE: Cache = {
  ttlSeconds: SHARED_READS_DEFAULTS.cacheTtlSeconds,
  watchedTtlSeconds: SHARED_READS_DEFAULTS.cacheWatchedTtlSeconds,
  maxStaleSeconds: SHARED_READS_DEFAULTS.cacheMaxStaleSeconds,
  credentialCheckSeconds: SHARED_READS_DEFAULTS.credentialCheckSeconds,
};

async function fleet(intervalMs: number, onPoll?: (orgId: string, calls: number) => void, cache: Cache = DEFAULT_CACHE): Promise<Replica[]> {
  // Every subscription of the benchmark is anonymous: one caller, as many as it opens.
  const keyPrefix = `benchfeed${++prefixes}:`;
  const readInterestMs = Math.max(cache.ttlSeconds, cache.watchedTtlSeconds, cache.maxStaleSeconds) * 1000;
  const replicas = await Promise.all(
    [0, 1].map(() =>
      startReplica({
        baseUrl: sim.url,
        credentials,
        redis: { url: redis.url, keyPrefix },
        ...cache,
        feed: { intervalMs, readInterestMs, maxSubscriptionsPerCaller: SUBSCRIPTIONS, ...(onPoll ? { onPoll } : {}) },
      }),
    ),
  );
  opened.push(...replicas);
  return replicas;
}

const EVENTS = `subscription($org: ID!) { apiKeyEvents(organizationId: $org) { type target { publicKey } } }`;
const ms = (n: number) => Math.round(n * 10) / 10;
const summary = (values: number[]) => ({ p50: ms(percentile(values, 50)), p99: ms(percentile(values, 99)), max: ms(Math.max(...values)) });

const step = (what: string) => process.stderr.write(`${new Date().toISOString()} ${what}\n`);

// 1. A write through A, heard on B.
step('writes');
const writes: number[] = [];
{
  const [a, b] = await fleet(INTERVAL_MS);
  const sub = await subscribeSse(b!.gateway.fetch, 'http://b.bench/graphql', EVENTS, { org: orgId });
  while (b!.feed!.subscriptions < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let i = 0; i < WRITES; i++) {
    const started = performance.now();
    await a!.run(`mutation($org: ID!) { createApiKey(input: { organizationId: $org, description: "bench ${i}", roles: [ORG_MEMBER] }) { __typename } }`, { org: orgId });
    await sub.next(5_000);
    writes.push(performance.now() - started);
  }
  sub.close();
}

step('outside');
// 2. A change made outside the gateway: to a subscriber, and to a fresh read on the other replica.
// The cache keeps reads for an hour and vouches for the credential as long: only the feed makes them stale.
const toSubscriber: number[] = [];
const toRead: number[] = [];
{
  const [a, b] = await fleet(INTERVAL_MS, undefined, { ttlSeconds: 3_600, watchedTtlSeconds: 3_600, maxStaleSeconds: 3_600, credentialCheckSeconds: 3_600 });
  const key = await direct.createApiKey(orgId, { description: 'outside 0', roles: ['ORG_MEMBER'] });
  const read = `query($org: ID!) { organization(id: $org) { apiKeys(first: 100) { edges { node { atlasId description } } } } }`;
  const description = async (r: Replica) =>
    ((await r.run(read, { org: orgId })).data as { organization: { apiKeys: { edges: Array<{ node: { atlasId: string; description: string } }> } } }).organization.apiKeys.edges.find(
      (e) => e.node.atlasId === key.id,
    )?.node.description;
  await description(a!); // cached on A, and A keeps the organization watched
  const sub = await subscribeSse(b!.gateway.fetch, 'http://b.bench/graphql', EVENTS, { org: orgId });
  while (b!.feed!.subscriptions < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  for (let i = 1; i <= OUTSIDE; i++) {
    // At a random moment of the interval.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * INTERVAL_MS));
    const text = `outside ${i}`;
    const started = performance.now();
    await direct.updateApiKey(orgId, key.id, { description: text });
    let seenByReader: number | undefined;
    const reading = (async () => {
      while ((await description(a!)) !== text) await new Promise((resolve) => setTimeout(resolve, 50));
      seenByReader = performance.now() - started;
    })();
    await sub.next(INTERVAL_MS * 3);
    toSubscriber.push(performance.now() - started);
    await reading;
    toRead.push(seenByReader!);
  }
  sub.close();
}

step('calls');
// 3. Atlas calls per minute for 1, 10 and 100 watched organizations.
const callsPerMinute: Array<{ organizations: number; calls: number; perMinute: number }> = [];
for (const count of [1, 10, 100]) {
  let calls = 0;
  const [a, b] = await fleet(INTERVAL_MS, (_org, n) => void (calls += n));
  const subs = orgs.slice(0, count).map((org, i) => (i % 2 === 0 ? a! : b!).feed!.subscribe(org, `bench${i}`));
  const firsts = subs.map((s) => s.next());
  while (a!.feed!.subscriptions + b!.feed!.subscriptions < count) await new Promise((resolve) => setTimeout(resolve, 20));
  // Past the first round (where each organization's feed stands), then a window of steady polling.
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS + 1_000));
  calls = 0;
  await new Promise((resolve) => setTimeout(resolve, CALLS_WINDOW_MS));
  callsPerMinute.push({ organizations: count, calls, perMinute: Math.round((calls * 60_000) / CALLS_WINDOW_MS) });
  await Promise.all(subs.map((s) => s.return?.()));
  await Promise.all(firsts);
  await Promise.all([a!, b!].map((r) => r.close()));
}

step('memory');
// 4. Memory of 1000 open subscriptions (SSE, through the gateway).
const bytesPer1000 = await (async () => {
  const [a] = await fleet(INTERVAL_MS);
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heap();
  const subs = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) subs.push(await subscribeSse(a!.gateway.fetch, 'http://a.bench/graphql', EVENTS, { org: orgs[i % orgs.length]! }));
  const deadline = Date.now() + 60_000;
  while (a!.feed!.subscriptions < SUBSCRIPTIONS) {
    if (Date.now() > deadline) throw new Error(`only ${a!.feed!.subscriptions} of ${SUBSCRIPTIONS} subscriptions opened`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const bytes = ((heap() - before) * 1000) / SUBSCRIPTIONS;
  for (const sub of subs) sub.close();
  return bytes;
})();

step('console');
// 5. A console workload on one organization, 10:1 time-scaled: consoles load the dashboard and a
// key's page in turn on either replica; Atlas calls per (scaled) minute, the feed's and the reads',
// with the base time to live for everything, then with the longer one for what the feed follows.
const consoleOrg = orgs[1]!;
async function consoleWorkload(watchedTtlSeconds: number) {
  const scaled = (seconds: number) => seconds / SCALE;
  const cache: Cache = {
    ttlSeconds: scaled(DEFAULT_CACHE.ttlSeconds),
    watchedTtlSeconds: scaled(watchedTtlSeconds),
    maxStaleSeconds: scaled(DEFAULT_CACHE.maxStaleSeconds),
    credentialCheckSeconds: scaled(DEFAULT_CACHE.credentialCheckSeconds),
  };
  let feedCalls = 0;
  const replicas = await fleet(INTERVAL_MS / SCALE, (_org, n) => void (feedCalls += n), cache);
  const upstream = async () => {
    let total = 0;
    for (const r of replicas) total += await r.metric('atlas_upstream_requests_total');
    return total;
  };
  const ids = (await replicas[0]!.run<{ organization: { id: string; apiKeys: { edges: Array<{ node: { id: string } }> } } }, Record<string, string>>(`query($org: ID!) { organization(id: $org) { id apiKeys(first: 500) { edges { node { id } } } } }`, { org: consoleOrg })).data!.organization;
  // Warm: past the first rounds of the feed.
  await new Promise((resolve) => setTimeout(resolve, (2 * INTERVAL_MS) / SCALE));
  const before = await upstream();
  feedCalls = 0;
  let pages = 0;
  const end = Date.now() + CONSOLE_WINDOW_MS;
  await Promise.all(
    Array.from({ length: CONSOLES }, async (_, c) => {
      await new Promise((resolve) => setTimeout(resolve, (c * PAGE_EVERY_MS) / SCALE / CONSOLES));
      for (let i = 0; Date.now() < end; i++) {
        const replica = replicas[(c + i) % 2]!;
        const keyId = ids.apiKeys.edges[(c + i) % ids.apiKeys.edges.length]!.node.id;
        const result = i % 2 === 0 ? await replica.run(OrganizationDashboardDocument, { id: ids.id }) : await replica.run(ApiKeyDetailDocument, { organizationId: ids.id, id: keyId });
        if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
        pages++;
        await new Promise((resolve) => setTimeout(resolve, PAGE_EVERY_MS / SCALE));
      }
    }),
  );
  const total = (await upstream()) - before;
  const minutes = (CONSOLE_WINDOW_MS * SCALE) / 60_000;
  await Promise.all(replicas.map((r) => r.close()));
  return { watchedTtlSeconds, pages, feedPerMinute: Math.round((feedCalls / minutes) * 10) / 10, readsPerMinute: Math.round(((total - feedCalls) / minutes) * 10) / 10, totalPerMinute: Math.round((total / minutes) * 10) / 10 };
}
const consoleRuns = [await consoleWorkload(DEFAULT_CACHE.ttlSeconds), await consoleWorkload(DEFAULT_CACHE.watchedTtlSeconds)];

await Promise.all(opened.map((r) => r.close().catch(() => undefined)));
await direct.close();
sim.child.kill();
await redis.stop();

const result = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  rttMs: RTT_MS,
  intervalMs: INTERVAL_MS,
  writeToOtherReplica: summary(writes),
  outsideToSubscriber: summary(toSubscriber),
  outsideToFreshRead: summary(toRead),
  callsPerMinute,
  heapBytesPer1000Subscriptions: Math.round(bytesPer1000),
  consoleWorkload: { scale: SCALE, consoles: CONSOLES, pageEverySeconds: PAGE_EVERY_MS / 1000, runs: consoleRuns },
  samples: { writes: writes.length, outside: toSubscriber.length },
};
const lines = [
  '# Change feed benchmark',
  '',
  `Node ${process.version}; two replicas sharing a redis-server; the simulator in its own process with a ${RTT_MS} ms round trip; poll interval ${INTERVAL_MS / 1000} s (the default).`,
  '',
  '| measure | p50 ms | p99 ms | max ms | samples |',
  '|---|---:|---:|---:|---:|',
  `| write through replica A → subscriber on replica B (SSE) | ${result.writeToOtherReplica.p50} | ${result.writeToOtherReplica.p99} | ${result.writeToOtherReplica.max} | ${writes.length} |`,
  `| change outside the gateway → subscriber | ${result.outsideToSubscriber.p50} | ${result.outsideToSubscriber.p99} | ${result.outsideToSubscriber.max} | ${toSubscriber.length} |`,
  `| change outside the gateway → a read on the other replica shows it (read every 50 ms; its cache keeps reads for an hour, so only the feed makes them stale) | ${result.outsideToFreshRead.p50} | ${result.outsideToFreshRead.p99} | ${result.outsideToFreshRead.max} | ${toRead.length} |`,
  '',
  'A write through the gateway includes the mutation itself (its Atlas call) and the poll it pokes; a change outside waits for the next poll (at a random moment of the interval: about half of it on average).',
  '',
  `| watched organizations | feed's Atlas calls in ${CALLS_WINDOW_MS / 1000} s | per minute |`,
  '|---:|---:|---:|',
  ...callsPerMinute.map((row) => `| ${row.organizations} | ${row.calls} | ${row.perMinute} |`),
  '',
  `Memory: ${Math.round(bytesPer1000 / 1024)} KiB of heap per 1000 open SSE subscriptions (after a full GC; the SSE clients reading them run in the same process, so this counts both ends of each stream).`,
  '',
  `Console workload: ${CONSOLES} consoles on one organization, each loading its dashboard or a key's page every ${PAGE_EVERY_MS / 1000} s on either replica, for ${(CONSOLE_WINDOW_MS * SCALE) / 60_000} minutes (run ${SCALE}:1 faster: every duration, the interval and the times to live divided by ${SCALE}). Time to live ${DEFAULT_CACHE.ttlSeconds} s for everything, then ${DEFAULT_CACHE.watchedTtlSeconds} s for what the feed follows (its key listings and keys):`,
  '',
  '| time to live of followed reads | pages | feed calls / min | read calls / min | Atlas calls / min |',
  '|---:|---:|---:|---:|---:|',
  ...consoleRuns.map((run) => `| ${run.watchedTtlSeconds} s | ${run.pages} | ${run.feedPerMinute} | ${run.readsPerMinute} | ${run.totalPerMinute} |`),
  '',
];
const dir = reportDir(quick);
await mkdir(dir, { recursive: true });
await writeFile(new URL('feed.md', dir), lines.join('\n'));
await writeFile(new URL('feed.json', dir), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(lines.join('\n'));
process.exit(0);
