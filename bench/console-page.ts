/**
 * The console page, side by side with the floor: an organization, its projects, N keys and each
 * key's access list (two waves of Atlas calls) at 20 ms round trip, through the gateway and
 * through a REST script with full parallelism that makes the same calls (the floor: no client of
 * Atlas can do better). Both run in this process against the simulator in another one, so the
 * CPU each spends per page is comparable. In the same rounds, the gateway as it is deployed: the
 * compiled build in its own process, called over HTTP, its CPU read from /proc. Also: resident
 * memory of the started gateway, compiled and under tsx. `npx tsx bench/console-page.ts` runs it
 * alone; `npm run bench` includes it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fetch } from 'undici';
import { AtlasClient } from '../src/atlas/index.js';
import { createGateway } from '../src/server/gateway.js';
import { DEFAULT_ADMIN } from '../src/simulator/index.js';
import { percentile, startSimulator } from './lib.js';

const root = new URL('../', import.meta.url);

export interface ConsolePageRow {
  keys: number;
  latencyMs: number;
  calls: { gateway: number; floor: number };
  p50: { gateway: number; floor: number };
  p99: { gateway: number; floor: number };
  /** CPU milliseconds of this process per page. */
  cpuMs: { gateway: number; floor: number };
  /** The compiled gateway in its own process, over HTTP: calls (from its /metrics), p50/p99, its process's CPU per page. */
  deployed: { calls: number; p50: number; p99: number; cpuMs: number };
}

const QUERY = `query ConsolePage($id: ID!, $keys: Int!) { organization(id: $id) { name projects(first: 100) { totalCount edges { node { name clusterCount } } }
  apiKeys(first: $keys) { totalCount edges { node { description publicKey accessList(first: 100) { edges { node { ipAddress cidrBlock lastUsed } } } } } } } }`;

/** Pages of each kind loaded before measuring. */
const WARM_UP_PAGES = 10;

async function pageThroughFloor(atlas: AtlasClient, orgId: string, keys: number): Promise<number> {
  const [, , page] = await Promise.all([
    atlas.getOrganization(orgId),
    atlas.listOrganizationProjects(orgId, { itemsPerPage: 100 }),
    atlas.listApiKeys(orgId, { itemsPerPage: keys }),
  ]);
  const lists = await Promise.all(page.results.map((key) => atlas.listAccessListEntries(orgId, key.id, { itemsPerPage: 100 })));
  return lists.length;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process has used so far (user + system), from /proc. */
function processCpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 12th, stime the 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * The compiled gateway (`node dist/server/main.js`, run `npm run build` first) in its own process
 * over `simulatorUrl`, as deployed: production settings, no cache (so that every page makes the
 * same Atlas calls as the floor), logs off.
 */
async function startDeployedGateway(simulatorUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MONGODB_ATLAS_') && !name.startsWith('ATLAS_') && name !== 'REDIS_URL'));
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MONGODB_ATLAS_BASE_URL: simulatorUrl,
      MONGODB_ATLAS_PUBLIC_API_KEY: DEFAULT_ADMIN.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: DEFAULT_ADMIN.privateKey,
      ATLAS_CACHE_TTL_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  return { url, child };
}

let built: Promise<void> | undefined;

/** `npm run build`, once per run: the deployed gateway and the memory figure use the compiled code. */
function buildOnce(): Promise<void> {
  built ??= (async () => {
    const build = spawn(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    const [code] = (await once(build, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the build failed with ${code}`);
  })();
  return built;
}

/** Atlas calls the deployed gateway has made so far, from its Prometheus metrics. */
async function deployedCalls(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  return [...text.matchAll(/^atlas_upstream_requests_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

export async function consolePage(options: { runs: number; keys: number[]; latencyMs: number }): Promise<ConsolePageRow[]> {
  const rows: ConsolePageRow[] = [];
  await buildOnce();
  const sim = await startSimulator(`1x20x${Math.max(...options.keys)}x3`, options.latencyMs);
  const deployed = await startDeployedGateway(sim.url);
  const credentials = { kind: 'digest' as const, publicKey: DEFAULT_ADMIN.publicKey, privateKey: DEFAULT_ADMIN.privateKey };
  let calls = 0;
  const observer = () => void (calls += 1);
  // The gateway with its defaults; the floor with a cap that never binds.
  const gatewayAtlas = AtlasClient.create({ baseUrl: sim.url, credentials, observer });
  const floorAtlas = AtlasClient.create({ baseUrl: sim.url, credentials, maxConcurrency: 256, observer });
  const gateway = createGateway({ atlas: gatewayAtlas });
  try {
    const orgId = (await floorAtlas.listOrganizations({ itemsPerPage: 1 })).results[0]!.id;
    for (const keys of options.keys) {
      // The gateway's part ends when its answer has arrived; the answer is read (parsed and
      // checked) afterwards, outside the measured time, as a browser would do it on its own CPU.
      const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { id: orgId, keys } }) };
      const checked = (text: string) => () => {
        const body = JSON.parse(text) as { errors?: unknown; data?: { organization: { apiKeys: { edges: unknown[] } } } };
        if (body.errors || body.data?.organization.apiKeys.edges.length !== keys) throw new Error(`console page failed: ${text.slice(0, 400)}`);
      };
      const viaGateway = async (): Promise<() => void> => checked(await (await gateway.fetch('http://gateway/graphql', request)).text());
      const viaDeployed = async (): Promise<() => void> => checked(await (await fetch(deployed.url, request)).text());
      const viaFloor = async (): Promise<() => void> => {
        await pageThroughFloor(floorAtlas, orgId, keys);
        return () => {};
      };
      const callsOf = async (fn: () => Promise<() => void>) => {
        // Warm: connections, the Digest nonce, and code paths compiled as a long-running server has them.
        for (let i = 0; i < WARM_UP_PAGES; i++) (await fn())();
        calls = 0;
        (await fn())();
        return calls;
      };
      const gatewayCalls = await callsOf(viaGateway);
      const floorCalls = await callsOf(viaFloor);
      for (let i = 0; i < WARM_UP_PAGES; i++) (await viaDeployed())();
      const deployedBefore = await deployedCalls(deployed.url);
      (await viaDeployed())();
      const deployedPageCalls = (await deployedCalls(deployed.url)) - deployedBefore;
      // Interleaved, so all three see the same machine load.
      const samples = { gateway: [] as number[], floor: [] as number[], deployed: [] as number[] };
      const cpu = { gateway: 0, floor: 0, deployed: 0 };
      for (let i = 0; i < options.runs; i++) {
        for (const [name, fn] of [
          ['gateway', viaGateway],
          ['floor', viaFloor],
          ['deployed', viaDeployed],
        ] as const) {
          const cpuBefore = process.cpuUsage();
          const deployedCpuBefore = processCpuMs(deployed.child.pid!);
          const started = performance.now();
          const check = await fn();
          samples[name].push(performance.now() - started);
          const used = process.cpuUsage(cpuBefore);
          // The deployed gateway's own process; for the others, this one.
          cpu[name] += name === 'deployed' ? processCpuMs(deployed.child.pid!) - deployedCpuBefore : (used.user + used.system) / 1000;
          check();
        }
      }
      const row: ConsolePageRow = {
        keys,
        latencyMs: options.latencyMs,
        calls: { gateway: gatewayCalls, floor: floorCalls },
        p50: { gateway: percentile(samples.gateway, 50), floor: percentile(samples.floor, 50) },
        p99: { gateway: percentile(samples.gateway, 99), floor: percentile(samples.floor, 99) },
        cpuMs: { gateway: cpu.gateway / options.runs, floor: cpu.floor / options.runs },
        deployed: { calls: deployedPageCalls, p50: percentile(samples.deployed, 50), p99: percentile(samples.deployed, 99), cpuMs: cpu.deployed / options.runs },
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await Promise.all([gatewayAtlas.close(), floorAtlas.close()]);
    for (const child of [deployed.child, sim.child]) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  return rows;
}

/** Resident memory (MB) of the gateway a second after it listens, on the embedded simulator. */
export async function startedMemory(): Promise<{ compiledMb: number; tsxMb: number }> {
  const measure = async (args: string[]): Promise<number> => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MONGODB_ATLAS_')));
    const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env: { ...env, PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/GraphiQL: /.test(output)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
    child.kill('SIGTERM');
    await once(child, 'exit');
    return Math.round(rssKb / 1024);
  };
  await buildOnce();
  return { compiledMb: await measure(['dist/server/main.js']), tsxMb: await measure(['--import', 'tsx', 'src/server/main.ts']) };
}

export function consolePageReport(rows: ConsolePageRow[], memory: { compiledMb: number; tsxMb: number }): string[] {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    '## Console page beside the floor',
    '',
    'An organization, its projects, N keys and each key\'s access list, in one GraphQL request, beside a REST script that makes the same calls with full parallelism (the floor). "In-process": the gateway called in this process (`yoga.fetch`) with its defaults, its CPU this process\'s per page up to the arrival of the answer (the client\'s parsing of it is not counted). "Deployed": the compiled gateway in its own process (NODE_ENV=production, cache off so that it makes the same calls), called over HTTP, its CPU that process\'s per page (read from /proc, 10 ms ticks summed over all rounds). All three interleaved in the same rounds.',
    '',
    '| keys | RTT ms | calls in-process / deployed / floor | p50 in-process / deployed / floor ms | ÷ floor (p50) in-process / deployed | p99 in-process / deployed / floor ms | CPU per page in-process / deployed / floor ms | CPU ÷ floor in-process / deployed |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.keys} | ${r.latencyMs} | ${r.calls.gateway} / ${r.deployed.calls} / ${r.calls.floor} | ${ms(r.p50.gateway)} / ${ms(r.deployed.p50)} / ${ms(r.p50.floor)} | ${(r.p50.gateway / r.p50.floor).toFixed(2)} / ${(r.deployed.p50 / r.p50.floor).toFixed(2)} | ${ms(r.p99.gateway)} / ${ms(r.deployed.p99)} / ${ms(r.p99.floor)} | ${ms(r.cpuMs.gateway)} / ${ms(r.deployed.cpuMs)} / ${ms(r.cpuMs.floor)} | ${(r.cpuMs.gateway / r.cpuMs.floor).toFixed(2)} / ${(r.deployed.cpuMs / r.cpuMs.floor).toFixed(2)} |`,
    );
  }
  lines.push('', `Resident memory one second after start (embedded simulator included): compiled ${memory.compiledMb} MB, under tsx ${memory.tsxMb} MB.`, '');
  lines.push('GraphQL Mesh is not run here: the floor is the bound any client of Atlas, Mesh included, stays above.', '');
  return lines;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const rows = await consolePage({ runs: Number(process.env.RUNS ?? 15), keys: [20, 100], latencyMs: 20 });
  const memory = await startedMemory();
  console.log(consolePageReport(rows, memory).join('\n'));
}
