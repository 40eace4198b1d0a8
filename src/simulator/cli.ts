/**
 * `npm run simulator -- --port 8080 --seed demo --latency 50`: runs the Atlas-compatible
 * simulator until interrupted, printing its URL, admin credentials and the seeded ids.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PORT, type RateLimitOptions, createSimulator } from './index.js';

const USAGE = `Usage: npm run simulator -- [options]

  --port <n>             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>          interface to bind (default 127.0.0.1)
  --seed <seed>          demo (default), empty, or ORGSxPROJECTSxKEYSxENTRIES, e.g. 1x20x200x3
  --latency <ms>         fixed delay added to every request (default 0)
  --rate-limit <p>       v2 rate limits by endpoint set and scope: 'atlas' (Atlas' documented
                         and assumed numbers, see docs/simulator.md), or c/r (every bucket: capacity c,
                         refilled r tokens per second); default off
  --event-retention-days <n>
                         days the activity feed keeps events (default: kept, as
                         Atlas documents for its organization feed)
  --public-key <key>     admin Digest public key
  --private-key <key>    admin Digest private key
  --client-id <id>       admin service-account client id
  --client-secret <s>    admin service-account client secret
  --log                  log every request
  --help                 show this help`;

function number(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`--${name} must be a number of zero or more, not "${value}".`);
  return n;
}

function rateLimit(value: string | undefined): RateLimitOptions | false {
  if (value === undefined) return false;
  if (value === 'atlas') return 'atlas';
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) throw new RangeError(`--rate-limit must be atlas or look like 10/5 (capacity/refill per second), not "${value}".`);
  return { capacity: Number(match[1]), refillPerSecond: Number(match[2]) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'event-retention-days': { type: 'string' },
      'public-key': { type: 'string' },
      'private-key': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const simulator = await createSimulator({
    port: number('port', values.port, DEFAULT_PORT),
    host: values.host,
    seed: values.seed ?? 'demo',
    latencyMs: number('latency', values.latency, 0),
    rateLimit: rateLimit(values['rate-limit']),
    eventRetentionDays: values['event-retention-days'] === undefined ? undefined : number('event-retention-days', values['event-retention-days'], 0),
    publicKey: values['public-key'],
    privateKey: values['private-key'],
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    logger: values.log ?? false,
  });
  const { admin, seeded } = simulator.control;
  console.log(`Atlas Admin API simulator listening on ${simulator.url}`);
  console.log(`  Atlas v2:     ${simulator.url}/api/atlas/v2   (Accept: application/vnd.atlas.2023-01-01+json or a later date)`);
  console.log(`  Atlas v1.0:   ${simulator.url}/api/atlas/v1.0`);
  console.log(`  Ops Manager:  ${simulator.url}/api/public/v1.0`);
  console.log(`  Digest:       --user ${admin.publicKey}:${admin.privateKey} --digest`);
  console.log(`  OAuth token:  POST ${simulator.url}/api/oauth/token  client ${admin.clientId} / ${admin.clientSecret}`);
  const shown = seeded.orgs.slice(0, 5);
  for (const org of shown) {
    console.log(`  org ${org.id}  ${org.name}  (${org.projects.length} projects, ${org.apiKeys.length} API keys)`);
    for (const project of org.projects.slice(0, 5)) console.log(`    project ${project.id}  ${project.name}`);
  }
  if (seeded.orgs.length > shown.length) console.log(`  ... and ${seeded.orgs.length - shown.length} more orgs`);

  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
