/**
 * `npm run bench`: the gateway against the simulator in a separate process, at several data sizes
 * and simulated round-trip times. For each console document and a heavier one it measures the
 * upstream calls and sequential waves (against the minimum the REST API allows), latency
 * percentiles beside a hand-written REST script that fetches the same data with the fewest calls
 * and full parallelism, the same with batching off, and throughput and memory under load; and a
 * fleet of two replicas under a rate limit, with shared reads in Redis and without.
 * Writes bench/results/report.md and report.json; `--quick` runs a smaller set and writes
 * bench/results/quick/ instead (ignored by git), leaving the committed report as it is.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { request } from 'undici';
import { GraphQLScalarType, print } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { AtlasClient, type SharedReads, type UpstreamEvent, fetchAllPages } from '../src/atlas/index.js';
import { SHARED_READS_DEFAULTS } from '../src/server/config.js';
import { createSharedReads } from '../src/server/create-shared-reads.js';
import { createGateway } from '../src/server/gateway.js';
import { createHttpServer } from '../src/server/http-server.js';
import { DEFAULT_ADMIN } from '../src/simulator/index.js';
import { KeyHistoryDocument, OrganizationDashboardDocument, OrganizationServiceAccountsDocument, ServiceAccountHygieneDocument } from '../test/generated/graphql.js';
import { startRedis } from '../test/shared/redis-server.js';
import { type ConsolePageRow, consolePage, consolePageReport, startedMemory } from './console-page.js';
import { percentile, reportDir, startSimulator } from './lib.js';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
/** `--documents`: the per-document latencies alone, printed. */
const documentsOnly = process.argv.includes('--documents');
const SIZES = quick ? ['1x20x200x3'] : ['1x20x200x3', '10x50x1000x3'];
const LATENCIES = quick ? [0, 20] : [0, 20, 100];
const RUNS = quick ? 5 : 30;
/** Rounds run before the measured ones, as a long-running server has its code paths warm. */
const WARM_UP_RUNS = quick ? 2 : 5;

interface Target {
  orgId: string;
  projectId: string;
  keyId: string;
}

interface Scenario {
  name: string;
  query: string;
  variables: (t: Target) => Record<string, unknown>;
  /** The fewest upstream calls and sequential waves the REST API allows, and why. */
  minimum: { calls: number; waves: number; why: string };
  /** Fetches the same data by hand with those calls, fully parallel. */
  ideal: (atlas: AtlasClient, t: Target) => Promise<unknown>;
}

/** Service accounts the benchmark gives its organization (the generated seeds have none), each in a project, with an access list. */
const SERVICE_ACCOUNTS = 20;

/** Makes the benchmark's service accounts through the API, as a console's organization would have them. */
async function seedServiceAccounts(atlas: AtlasClient, orgId: string): Promise<void> {
  const projects = (await atlas.listOrganizationProjects(orgId, { itemsPerPage: SERVICE_ACCOUNTS })).results;
  for (let i = 0; i < SERVICE_ACCOUNTS; i++) {
    const account = await atlas.createServiceAccount(orgId, { name: `bench account ${i + 1}`, description: 'Benchmark', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 720 });
    await atlas.assignServiceAccountToProject(projects[i % projects.length]!.id, account.clientId, ['GROUP_READ_ONLY']);
    await atlas.addServiceAccountAccessListEntries(orgId, account.clientId, [{ ipAddress: `10.9.${i}.1` }, { cidrBlock: `172.20.${i}.0/24` }]);
  }
}

const SCENARIOS: Scenario[] = [
  {
    name: 'OrganizationDashboard (50 keys)',
    query: `query($id: ID!) { organization(id: $id) { name projects(first: 100) { totalCount edges { node { name clusterCount } } }
      apiKeys(first: 50) { totalCount edges { node { description publicKey organizationRoles { role } projectAssignments { project { name } roles { role } } } } } } }`,
    variables: (t) => ({ id: t.orgId }),
    minimum: { calls: 3, waves: 1, why: 'org, one page of its projects, one page of 50 keys; all known from the org id' },
    ideal: (atlas, t) =>
      Promise.all([atlas.getOrganization(t.orgId), atlas.listOrganizationProjects(t.orgId, { itemsPerPage: 100 }), atlas.listApiKeys(t.orgId, { itemsPerPage: 50 })]),
  },
  {
    name: 'ApiKeyDetail',
    query: `query($org: ID!, $id: ID!) { apiKey(organizationId: $org, id: $id) { description publicKey organization { name } organizationRoles { role }
      projectAssignments { project { name } roles { role } } accessList(first: 100) { totalCount edges { node { ipAddress cidrBlock count lastUsed } } } } }`,
    variables: (t) => ({ org: t.orgId, id: t.keyId }),
    minimum: { calls: 4, waves: 1, why: "the key, its org, its access list, and one listing of the org's projects for the assignment names" },
    ideal: (atlas, t) =>
      Promise.all([
        atlas.getApiKey(t.orgId, t.keyId),
        atlas.getOrganization(t.orgId),
        atlas.listAccessListEntries(t.orgId, t.keyId, { itemsPerPage: 100 }),
        atlas.listOrganizationProjects(t.orgId, { itemsPerPage: 500 }),
      ]),
  },
  {
    name: 'ProjectApiKeys',
    query: `query($id: ID!) { project(id: $id) { name organization { name } apiKeys(first: 20) { totalCount edges { roles { role } node { description publicKey } } } } }`,
    variables: (t) => ({ id: t.projectId }),
    minimum: { calls: 3, waves: 2, why: "the project and its keys in parallel, then its org (the org id comes from the project)" },
    ideal: async (atlas, t) => {
      const [project] = await Promise.all([atlas.getProject(t.projectId), atlas.listProjectApiKeys(t.projectId, { itemsPerPage: 20 })]);
      return atlas.getOrganization(project.orgId);
    },
  },
  {
    name: 'KeyHistory',
    query: print(KeyHistoryDocument),
    variables: (t) => ({ id: Buffer.from(`ApiKey:${t.orgId}:${t.keyId}`).toString('base64') }),
    minimum: {
      calls: 2,
      waves: 1,
      why: "the key and one page of its organization's events (Atlas cannot filter by key: the page is filtered by the key's public key); the bench data has no events, so no listing of keys or projects for actors and targets",
    },
    ideal: (atlas, t) =>
      Promise.all([atlas.getApiKey(t.orgId, t.keyId), atlas.listOrganizationEvents(t.orgId, {}, { itemsPerPage: 500, includeCount: false })]),
  },
  {
    name: `OrganizationServiceAccounts (${SERVICE_ACCOUNTS} accounts)`,
    query: print(OrganizationServiceAccountsDocument),
    variables: (t) => ({ id: t.orgId }),
    minimum: {
      calls: 3 + 2 * SERVICE_ACCOUNTS,
      waves: 2,
      why: "org, one page of its service accounts (with their roles and secrets) and one listing of its projects for the names, then per account its projects and its access list (Atlas lists neither for several accounts at once; the client ids come from the page)",
    },
    ideal: async (atlas, t) => {
      const [, accounts] = await Promise.all([
        atlas.getOrganization(t.orgId),
        atlas.listServiceAccounts(t.orgId, { itemsPerPage: 50 }),
        fetchAllPages((page) => atlas.listOrganizationProjects(t.orgId, page)),
      ]);
      return Promise.all(
        accounts.results.flatMap((a) => [atlas.listServiceAccountProjects(t.orgId, a.clientId, { itemsPerPage: 500 }), atlas.listServiceAccountAccessList(t.orgId, a.clientId, { itemsPerPage: 10 })]),
      );
    },
  },
  {
    name: `ServiceAccountHygiene (${SERVICE_ACCOUNTS} accounts)`,
    query: print(ServiceAccountHygieneDocument),
    variables: (t) => ({ id: t.orgId }),
    minimum: {
      calls: 3 + 2 * SERVICE_ACCOUNTS,
      waves: 2,
      why: "org, its settings and the listing of its service accounts, then per account its projects and its access list (the client ids come from the listing); with shared reads, the gateway reads those in waves of 8 accounts, each wave's answers telling the rate-limit budget where its bucket stands before the next goes out",
    },
    ideal: async (atlas, t) => {
      const [, , accounts] = await Promise.all([
        atlas.getOrganization(t.orgId),
        atlas.getOrganizationSettings(t.orgId),
        fetchAllPages((page) => atlas.listServiceAccounts(t.orgId, page)),
      ]);
      return Promise.all(
        accounts.flatMap((a) => [
          fetchAllPages((page) => atlas.listServiceAccountProjects(t.orgId, a.clientId, page)),
          fetchAllPages((page) => atlas.listServiceAccountAccessList(t.orgId, a.clientId, page)),
        ]),
      );
    },
  },
  {
    name: 'KeyHygiene (100 keys)',
    query: `query($id: ID!) { organization(id: $id) { name settings { apiAccessListRequired } apiKeys(first: 100) { totalCount edges { node { description publicKey createdAt
      usage { known lastUsedAt lastUsedFrom requestCount } risks { kind severity message evidence { accessListEntry role date accessListRequired } } } } } } }`,
    variables: (t) => ({ id: t.orgId }),
    minimum: {
      calls: 103,
      waves: 2,
      why: "org, its settings and one page of 100 keys, then one access list call per key for usage and risks together (Atlas records usage only on access-list entries and has no batch read; the key ids come from the page)",
    },
    ideal: async (atlas, t) => {
      const [, , keys] = await Promise.all([atlas.getOrganization(t.orgId), atlas.getOrganizationSettings(t.orgId), atlas.listApiKeys(t.orgId, { itemsPerPage: 100 })]);
      return Promise.all(keys.results.map((k) => fetchAllPages((page) => atlas.listAccessListEntries(t.orgId, k.id, page))));
    },
  },
  {
    name: 'Every key of an org with access list and projects (first 200)',
    query: `query($id: ID!) { organization(id: $id) { apiKeys(first: 200) { edges { node { description
      projectAssignments { project { name } roles { role } } accessList(first: 10) { edges { node { ipAddress cidrBlock } } } } } } } }`,
    variables: (t) => ({ id: t.orgId }),
    minimum: { calls: 203, waves: 2, why: "org, one page of 200 keys and one listing of the org's projects, then one access list call per key (there is no batch read; the key ids come from the page)" },
    ideal: async (atlas, t) => {
      const [, keys] = await Promise.all([
        atlas.getOrganization(t.orgId),
        atlas.listApiKeys(t.orgId, { itemsPerPage: 200 }),
        fetchAllPages((page) => atlas.listOrganizationProjects(t.orgId, page)),
      ]);
      return Promise.all(keys.results.map((k) => atlas.listAccessListEntries(t.orgId, k.id, { itemsPerPage: 10 })));
    },
  },
];

/** Sequential waves: a call that starts after every call of the current wave ended starts a new one. */
function waves(events: Array<UpstreamEvent & { end: number }>): number {
  const spans = events.map((e) => ({ start: e.end - e.durationMs, end: e.end })).sort((a, b) => a.start - b.start);
  let count = 0;
  let waveEnd = Number.NEGATIVE_INFINITY;
  let waveMaxEnd = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (span.start >= waveMaxEnd - 0.5 || count === 0) {
      count += 1;
      waveEnd = span.end;
      waveMaxEnd = span.end;
    } else {
      waveMaxEnd = Math.max(waveMaxEnd, span.end);
      waveEnd = Math.min(waveEnd, span.end);
    }
  }
  return count;
}

/** The gateway behind the HTTP server `main.ts` runs it in. */
async function gatewayServer(atlas: AtlasClient, batching: boolean): Promise<{ server: Server; url: string }> {
  const http = createHttpServer(createGateway({ atlas, batching }), { drainTimeoutMs: 1_000 });
  return { server: http.server, url: `${await http.listen(0, '127.0.0.1')}/graphql` };
}

/**
 * The floor of any gateway over HTTP: a bare node:http endpoint that runs the REST script for
 * its caller and answers with what it fetched. Beside the script, it shows what one HTTP hop
 * (client, server and JSON both ways) costs on this machine, without GraphQL.
 */
async function bareHopServer(atlas: AtlasClient, target: Target): Promise<{ server: Server; url: (scenario: Scenario) => string }> {
  const server = createServer((request, response) => {
    const scenario = SCENARIOS[Number(new URL(request.url ?? '/', 'http://bench').searchParams.get('s'))]!;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString());
      scenario.ideal(atlas, target).then(
        (data) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: (scenario) => `${origin}/?s=${SCENARIOS.indexOf(scenario)}` };
}

/**
 * The floor of any gateway built on graphql-yoga: the REST script behind the leanest Yoga server,
 * one field whose resolver runs it and answers what it fetched as a JSON scalar.
 */
async function bareYogaServer(atlas: AtlasClient, target: Target): Promise<{ server: Server; url: string }> {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'scalar JSON type Query { ideal(scenario: Int!): JSON }',
      resolvers: {
        JSON: new GraphQLScalarType({ name: 'JSON', serialize: (value) => value }),
        Query: { ideal: (_: unknown, args: { scenario: number }) => SCENARIOS[args.scenario]!.ideal(atlas, target) },
      },
    }),
    logging: false,
    landingPage: false,
    graphiql: false,
    maxRequestBodySize: false,
  });
  const server = createServer(yoga);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function graphql(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.body.json()) as { errors?: unknown[] };
  if (response.statusCode !== 200 || body.errors) throw new Error(`query failed: ${JSON.stringify(body).slice(0, 500)}`);
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn(); // warm-up: connections, Digest challenge
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** A copy in a uniformly random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Runs measured side by side: each round runs every one once, in a random order, after warm-up rounds. */
async function sideBySide<K extends string>(fns: Record<K, () => Promise<unknown>>, runs: number, warmUp: number): Promise<Record<K, number[]>> {
  const names = Object.keys(fns) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmUp + runs; round++) {
    for (const name of shuffled(names)) {
      const started = performance.now();
      await fns[name]();
      if (round >= warmUp) samples[name].push(performance.now() - started);
    }
  }
  return samples;
}

const stats = (samples: number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) });

async function main(): Promise<void> {
  if (process.argv.includes('--fleet')) {
    // The fleet scenario alone, printed; the report files are left as they are.
    for (const row of [await fleetRun(false), await fleetRun(true)]) console.log(fleetLine(row as never));
    return;
  }
  const results: Record<string, unknown>[] = [];
  const load: Record<string, unknown>[] = [];
  for (const seed of SIZES) {
    for (const latency of LATENCIES) {
      const sim = await startSimulator(seed, latency);
      let events: Array<UpstreamEvent & { end: number }> = [];
      const atlas = AtlasClient.create({
        baseUrl: sim.url,
        credentials: { kind: 'digest', publicKey: DEFAULT_ADMIN.publicKey, privateKey: DEFAULT_ADMIN.privateKey },
        observer: (e) => events.push({ ...e, end: performance.now() }),
      });
      try {
        const orgs = await atlas.listOrganizations({ itemsPerPage: 1 });
        const orgId = orgs.results[0]!.id;
        const [projects, keys] = await Promise.all([atlas.listOrganizationProjects(orgId, { itemsPerPage: 1 }), atlas.listApiKeys(orgId, { itemsPerPage: 1 })]);
        const target: Target = { orgId, projectId: projects.results[0]!.id, keyId: keys.results[0]!.id };
        await seedServiceAccounts(atlas, orgId);
        const batched = await gatewayServer(atlas, true);
        const naive = await gatewayServer(atlas, false);
        const hop = await bareHopServer(atlas, target);
        const bareYoga = await bareYogaServer(atlas, target);
        for (const scenario of SCENARIOS) {
          const runs = scenario.minimum.calls > 100 ? Math.max(3, Math.floor(RUNS / 3)) : RUNS;
          const count = async (fn: () => Promise<unknown>) => {
            await fn(); // warm
            events = [];
            await fn();
            return { calls: events.length, waves: waves(events) };
          };
          const gatewayCalls = await count(() => graphql(batched.url, scenario.query, scenario.variables(target)));
          const naiveCalls = await count(() => graphql(naive.url, scenario.query, scenario.variables(target)));
          const idealCalls = await count(() => scenario.ideal(atlas, target));
          const hopBody = JSON.stringify({ query: scenario.query, variables: scenario.variables(target) });
          const measured = await sideBySide(
            {
              gateway: () => graphql(batched.url, scenario.query, scenario.variables(target)),
              ideal: () => scenario.ideal(atlas, target),
              hop: async () => {
                const response = await request(hop.url(scenario), { method: 'POST', headers: { 'content-type': 'application/json' }, body: hopBody });
                await response.body.json();
              },
              yoga: () => graphql(bareYoga.url, 'query($s: Int!) { ideal(scenario: $s) }', { s: SCENARIOS.indexOf(scenario) }),
            },
            runs,
            WARM_UP_RUNS,
          );
          const [gatewayLatency, idealLatency, hopLatency, yogaLatency] = [stats(measured.gateway), stats(measured.ideal), stats(measured.hop), stats(measured.yoga)];
          const naiveLatency = latency === 100 ? undefined : stats(await timed(() => graphql(naive.url, scenario.query, scenario.variables(target)), Math.min(runs, 5)));
          const row = { seed, latencyMs: latency, scenario: scenario.name, minimum: scenario.minimum, gatewayCalls, naiveCalls, idealCalls, gatewayLatency, idealLatency, hopLatency, yogaLatency, naiveLatency, runs };
          results.push(row);
          console.log(JSON.stringify(row));
        }
        if (latency === 0 && !documentsOnly) load.push({ seed, ...(await loadTest(batched.url)) });
        for (const { server } of [batched, naive, hop, bareYoga]) {
          server.closeAllConnections();
          server.close();
        }
      } finally {
        await atlas.close();
        sim.child.kill('SIGTERM');
        await once(sim.child, 'exit');
      }
    }
  }
  if (documentsOnly) return; // the rows above, printed; the report files are left as they are
  const fleet = [await fleetRun(false), await fleetRun(true)];
  const consoleRows = await consolePage({ runs: quick ? 5 : 40, keys: [20, 100], latencyMs: 20 });
  const consoleSection = consolePageReport(consoleRows, await startedMemory());
  await report(results, load, fleet, { consoleRows, consoleSection });
}

const FLEET = { seed: '1x20x200x3', latencyMs: 20, rateLimit: '20/5', users: 30, seconds: quick ? 5 : 20, writeEveryMs: 2_000 } as const;

/**
 * Two replicas behind one simulator with a rate limit (every bucket 20 calls, refilled 5 a second),
 * 30 virtual users looping the OrganizationDashboard document across both; one of them renames a
 * key through one replica every two seconds and reads the dashboard through the other at once,
 * counting a read that does not show its write. With shared reads in Redis, or without any.
 */
async function fleetRun(shared: boolean): Promise<Record<string, unknown>> {
  const sim = await startSimulator(FLEET.seed, FLEET.latencyMs, ['--rate-limit', FLEET.rateLimit]);
  const redis = shared ? await startRedis() : undefined;
  let upstream = 0;
  let upstream429 = 0;
  const observer = (event: UpstreamEvent) => {
    upstream += 1;
    if (event.outcome === 429) upstream429 += 1;
  };
  const credentials = { kind: 'digest' as const, publicKey: DEFAULT_ADMIN.publicKey, privateKey: DEFAULT_ADMIN.privateKey };
  const replicas: Array<{ url: string; server: Server; atlas: AtlasClient; reads: SharedReads | undefined }> = [];
  try {
    for (let i = 0; i < 2; i++) {
      const reads = redis ? await createSharedReads({ ...SHARED_READS_DEFAULTS, redisUrl: redis.url }, { redisKeyPrefix: 'bench:' }) : undefined;
      const atlas = AtlasClient.create({ baseUrl: sim.url, credentials, observer, ...(reads ? { sharedReads: reads } : {}) });
      const server = createServer(createGateway({ atlas, ...(reads ? { sharedReads: reads } : {}) }));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      replicas.push({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, atlas, reads });
    }
    while (!replicas.every((r) => r.reads?.storeAvailable() ?? true)) await new Promise((resolve) => setTimeout(resolve, 20));
    const setup = AtlasClient.create({ baseUrl: sim.url, credentials });
    const orgId = (await setup.listOrganizations({ itemsPerPage: 1 })).results[0]!.id;
    await setup.close();
    const dashboard = print(OrganizationDashboardDocument);
    const ask = async (url: string, query: string, variables: Record<string, unknown>) => {
      const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.body.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const firstKey = (await ask(replicas[0]!.url, dashboard, { id: orgId, first: 50 })).data.organization.apiKeys.edges[0].node as { id: string; atlasId: string };
    const [keyGlobalId, keyId] = [firstKey.id, firstKey.atlasId];
    const latencies: number[] = [];
    let completed = 0;
    let failed = 0;
    let rateLimited = 0;
    let writes = 0;
    let staleAfterWrite = 0;
    upstream = 0;
    upstream429 = 0;
    const end = performance.now() + FLEET.seconds * 1000;
    const count = (body: Awaited<ReturnType<typeof ask>>) => {
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      if (codes.includes('RATE_LIMITED')) rateLimited += 1;
      if (codes.length > 0) failed += 1;
      else completed += 1;
    };
    const reader = async (user: number) => {
      for (let i = user; performance.now() < end; i++) {
        const started = performance.now();
        const body = await ask(replicas[i % 2]!.url, dashboard, { id: orgId, first: 50 });
        latencies.push(performance.now() - started);
        count(body);
      }
    };
    const writer = async () => {
      for (let i = 0; performance.now() < end; i++) {
        const description = `renamed ${i}`;
        const written = await ask(replicas[i % 2]!.url, 'mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { __typename } }', { input: { id: keyGlobalId, description } });
        if (written.data?.updateApiKey?.__typename === 'ApiKeyPayload') {
          writes += 1;
          const body = await ask(replicas[(i + 1) % 2]!.url, dashboard, { id: orgId, first: 50 });
          count(body);
          const seen = body.data?.organization?.apiKeys.edges.find((e: { node: { atlasId: string } }) => e.node.atlasId === keyId)?.node.description;
          if (!body.errors && seen !== description) staleAfterWrite += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, FLEET.writeEveryMs));
      }
    };
    await Promise.all([writer(), ...Array.from({ length: FLEET.users - 1 }, (_, user) => reader(user))]);
    const totals = { upstream, upstream429 };
    // One user alone, after the load: what a warm dashboard costs when the process is not queueing 30 of them.
    const alone: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await ask(replicas[i % 2]!.url, dashboard, { id: orgId, first: 50 });
      alone.push(performance.now() - started);
    }
    const row = {
      sharedReads: shared ? 'Redis, TTL 30 s' : 'off',
      completedQueries: completed,
      failedQueries: failed,
      atlasCallsPerCompletedQuery: totals.upstream / Math.max(1, completed),
      atlasCalls: totals.upstream,
      atlas429: totals.upstream429,
      rateLimitedAnswers: rateLimited,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      aloneP50Ms: percentile(alone, 50),
      writes,
      staleReadsAfterOwnWrites: staleAfterWrite,
    };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    for (const replica of replicas) {
      replica.server.closeAllConnections();
      replica.server.close();
      await replica.atlas.close();
      await replica.reads?.close();
    }
    await redis?.stop();
    sim.child.kill('SIGTERM');
    await once(sim.child, 'exit');
  }
}

/** Throughput and p99 at fixed concurrency on a cheap query, from a separate process; resident memory around it. */
async function loadTest(url: string): Promise<Record<string, unknown>> {
  const body = JSON.stringify({ query: '{ organizations(first: 1) { totalCount edges { node { name } } } }' });
  const rssBefore = process.memoryUsage().rss;
  const { stdout } = await run(
    process.execPath,
    [new URL('../node_modules/autocannon/autocannon.js', import.meta.url).pathname, '--json', '-c', '20', '-d', quick ? '3' : '10', '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  const result = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number; p50: number }; errors: number; non2xx: number; timeouts: number };
  return {
    concurrency: 20,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    rssBeforeMb: Math.round(rssBefore / 1e6),
    rssAfterMb: Math.round(rssAfter / 1e6),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fleetLine(f: Record<string, any>): string {
  return `| ${f.sharedReads} | ${f.completedQueries} | ${f.atlasCallsPerCompletedQuery.toFixed(3)} | ${f.atlas429} | ${f.rateLimitedAnswers} | ${f.p50Ms.toFixed(1)} / ${f.p99Ms.toFixed(1)} | ${f.aloneP50Ms.toFixed(1)} | ${f.staleReadsAfterOwnWrites} (of ${f.writes}) |`;
}

/** The targets, stated against the floors this run measured, each with its verdict. */
const TARGETS = { perDocumentOverBareYoga: 1.03, consoleCpuOverScript: 1.3 } as const;

function targets(results: Array<Record<string, any>>, consoleRows: ConsolePageRow[]): string[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const lines = [
    '## Targets',
    '',
    `Stated against floors measured in the same rounds: every console document at 20 ms RTT within ${TARGETS.perDocumentOverBareYoga}× (p50) of the REST script behind the leanest Yoga server, and gateway CPU per console page within ${TARGETS.consoleCpuOverScript}× of the REST script's.`,
    '',
    '| target | cell | measured | verdict |',
    '|---|---|---:|---|',
  ];
  for (const r of results.filter((row) => row.latencyMs === 20)) {
    const ratio = r.gatewayLatency.p50 / r.yogaLatency.p50;
    lines.push(`| p50 ÷ REST behind bare Yoga ≤ ${TARGETS.perDocumentOverBareYoga} | ${r.seed}, ${r.scenario} | ${ratio.toFixed(2)} | ${verdict(ratio <= TARGETS.perDocumentOverBareYoga)} |`);
  }
  for (const r of consoleRows) {
    const ratio = r.cpuMs.gateway / r.cpuMs.floor;
    lines.push(`| CPU per page ÷ REST script ≤ ${TARGETS.consoleCpuOverScript} | console page, ${r.keys} keys (in-process) | ${ratio.toFixed(2)} | ${verdict(ratio <= TARGETS.consoleCpuOverScript)} |`);
  }
  return lines;
}

async function report(
  results: Record<string, unknown>[],
  load: Record<string, unknown>[],
  fleet: Record<string, unknown>[],
  consoleBench: { consoleRows: unknown[]; consoleSection: string[] },
): Promise<void> {
  const dir = reportDir(quick);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL('report.json', dir), `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, ...(quick ? { quick: true } : {}), results, load, fleet, consolePage: consoleBench.consoleRows }, null, 2)}\n`);
  const ms = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(1));
  const lines = [
    '# Benchmark report',
    '',
    ...(quick ? ['A quick run (`--quick`): fewer sizes, round-trip times and rounds. Not the committed report.', ''] : []),
    `Node ${process.version}; simulator in a separate process; gateway in the benchmark process, behind its HTTP server, called over HTTP.`,
    '',
    '## Upstream calls and latency',
    '',
    `Per cell, ${RUNS} rounds (a third for the heavy document) after ${WARM_UP_RUNS} warm-up rounds. Each round runs, in a random order: the gateway; the ideal REST script; the same script behind a bare node:http endpoint (one HTTP hop: client, server and JSON both ways, no GraphQL), the floor of any gateway called over HTTP; and the same script behind the leanest graphql-yoga server (one field whose resolver runs the script), the floor of any gateway built on Yoga.`,
    '',
    '| seed | RTT ms | document | min calls / waves | gateway calls / waves | batching off calls | gateway p50 / p95 / p99 ms | ideal REST p50 / p95 / p99 ms | gateway ÷ ideal (p50) | REST behind a bare HTTP hop p50 ms (÷ ideal) | REST behind bare Yoga p50 ms (÷ ideal) | gateway ÷ bare Yoga (p50) | batching off p50 ms |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results as Array<Record<string, any>>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    lines.push(
      `| ${r.seed} | ${r.latencyMs} | ${r.scenario} | ${r.minimum.calls} / ${r.minimum.waves} | ${r.gatewayCalls.calls} / ${r.gatewayCalls.waves} | ${r.naiveCalls.calls} | ${ms(r.gatewayLatency.p50)} / ${ms(r.gatewayLatency.p95)} / ${ms(r.gatewayLatency.p99)} | ${ms(r.idealLatency.p50)} / ${ms(r.idealLatency.p95)} / ${ms(r.idealLatency.p99)} | ${(r.gatewayLatency.p50 / r.idealLatency.p50).toFixed(2)} | ${ms(r.hopLatency.p50)} (${(r.hopLatency.p50 / r.idealLatency.p50).toFixed(2)}) | ${ms(r.yogaLatency.p50)} (${(r.yogaLatency.p50 / r.idealLatency.p50).toFixed(2)}) | ${(r.gatewayLatency.p50 / r.yogaLatency.p50).toFixed(2)} | ${ms(r.naiveLatency?.p50)} |`,
    );
  }
  lines.push('', ...targets(results as Array<Record<string, any>>, consoleBench.consoleRows as ConsolePageRow[])); // eslint-disable-line @typescript-eslint/no-explicit-any
  lines.push('', '## Minimum calls, per document', '');
  for (const s of SCENARIOS) lines.push(`- **${s.name}**: ${s.minimum.calls} calls in ${s.minimum.waves} wave(s): ${s.minimum.why}.`);
  lines.push('', '## Throughput (cheap query, RTT 0)', '', '| seed | concurrency | req/s | p50 ms | p99 ms | errors | RSS before → after MB |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const l of load as Array<Record<string, any>>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    lines.push(`| ${l.seed} | ${l.concurrency} | ${Math.round(l.requestsPerSecond)} | ${l.latencyP50Ms} | ${l.latencyP99Ms} | ${l.errors} | ${l.rssBeforeMb} → ${l.rssAfterMb} |`);
  }
  lines.push(
    '',
    `## A fleet under a rate limit (two replicas, ${FLEET.users} users, ${FLEET.seconds} s, RTT ${FLEET.latencyMs} ms, every bucket ${FLEET.rateLimit.replace('/', ' calls, refilled ')} a second)`,
    '',
    'OrganizationDashboard in a loop across both replicas; one user renames a key through one replica every two seconds and reads it back through the other.',
    '',
    '| shared reads | completed queries | Atlas calls per completed query | Atlas 429s | RATE_LIMITED answers | p50 / p99 ms under load | p50 ms, one user alone | stale reads after own writes (of writes) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const f of fleet as Array<Record<string, any>>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    lines.push(fleetLine(f));
  }
  lines.push('', ...consoleBench.consoleSection);
  await writeFile(new URL('report.md', dir), `${lines.join('\n')}\n`);
  console.log(`wrote ${new URL('report.md', dir).pathname}`);
}

await main();
