/**
 * An Atlas Admin API simulator for programmatic API keys: `createSimulator()` starts a real
 * HTTP server (port 0 by default) and returns its URL and a control handle for tests and
 * benchmarks. It imports nothing from the gateway.
 */
import { DEFAULT_ADMIN } from './defaults.js';
import { DigestVerifier } from './digest.js';
import { FaultPlans } from './faults.js';
import { RateLimiter } from './rate-limits.js';
import { randomIds } from './ids.js';
import { type SimulatorAccount, TokenStore } from './oauth.js';
import { seedState, summarize } from './seed.js';
import { type SimulatorCore, buildApp } from './server.js';
import { State, isoNow } from './state.js';
import { Stats } from './stats.js';
import type { RoleAssignment, SeedSpec, Simulator, SimulatorControl, SimulatorOptions } from './types.js';

export type * from './types.js';
export { OPERATIONS, POST_APPLY_FAULTS } from './types.js';
export { ATLAS_ENDPOINT_SETS } from './rate-limits.js';
export { DEFAULT_ADMIN, DEFAULT_PORT } from './defaults.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const admin = {
    publicKey: options.publicKey ?? DEFAULT_ADMIN.publicKey,
    privateKey: options.privateKey ?? DEFAULT_ADMIN.privateKey,
    clientId: options.clientId ?? DEFAULT_ADMIN.clientId,
    clientSecret: options.clientSecret ?? DEFAULT_ADMIN.clientSecret,
  };
  if (!admin.publicKey || !admin.privateKey || !admin.clientId || !admin.clientSecret) {
    throw new RangeError('Simulator admin credentials must not be empty.');
  }
  const latency = options.latencyMs ?? 0;
  if (!(latency >= 0)) throw new RangeError('latencyMs must be zero or more.');

  const seedSpec = options.seed ?? 'demo';
  const stateOptions = { eventRetentionDays: options.eventRetentionDays };
  const state = new State(randomIds, stateOptions);
  seedState(state, seedSpec);
  const simulatorAccounts = new Map<string, SimulatorAccount>([
    [admin.clientId, { clientId: admin.clientId, clientSecret: admin.clientSecret, roles: undefined }],
  ]);

  const limiter = new RateLimiter(options.rateLimit ?? false);
  const core: SimulatorCore = {
    state,
    digest: new DigestVerifier(options.nonceTtlMs ?? 300_000),
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
    faults: new FaultPlans(),
    limiter,
    stats: new Stats(),
    latencyMs: latency,
    admin,
    simulatorAccounts,
    retiredVersions: new Set(options.retiredVersions ?? []),
  };

  const app = buildApp(core, { logger: options.logger ?? false, trustProxy: options.trustProxy ?? false });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The simulator did not bind a TCP port.');
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  let seeded = summarize(state);
  const control: SimulatorControl = {
    admin,
    get seeded() {
      return seeded;
    },
    setLatency(ms) {
      if (!(ms >= 0)) throw new RangeError('latency must be zero or more milliseconds');
      core.latencyMs = ms;
    },
    setRateLimit: (rateLimit) => limiter.configure(rateLimit),
    injectFault: (operation, spec) => core.faults.set(operation, spec),
    clearFaults: () => core.faults.clear(),
    stats: () => core.stats.snapshot(),
    requests: () => core.stats.requests(),
    resetStats: () => core.stats.reset(),
    expireNonces: () => core.digest.expireAll(),
    expireTokens: () => core.tokens.expireAll(),
    createServiceAccount(roles: RoleAssignment[]) {
      for (const role of roles) {
        const target = role.orgId ?? role.groupId;
        if ((role.orgId === undefined) === (role.groupId === undefined) || !target || !OBJECT_ID.test(target)) {
          throw new RangeError('Each role needs exactly one of orgId and groupId, a 24-hex id.');
        }
      }
      const clientId = `mdb_sa_id_${randomIds.objectId()}`;
      const clientSecret = `mdb_sa_sk_${randomIds.privateKey()}`;
      simulatorAccounts.set(clientId, { clientId, clientSecret, roles: roles.map((r) => ({ ...r })) });
      return { clientId, clientSecret };
    },
    expireServiceAccountSecret(clientId, secretId) {
      const secret = core.state.serviceAccounts.get(clientId)?.secrets.find((s) => s.id === secretId);
      if (!secret) throw new RangeError(`No service account ${clientId} with a secret ${secretId} in the current data.`);
      secret.expiresAt = isoNow();
    },
    recordEvent: (event) => core.state.events.record(event).id,
    reset(seed: SeedSpec = seedSpec) {
      const next = new State(randomIds, stateOptions);
      seedState(next, seed);
      core.state = next;
      seeded = summarize(next);
    },
  };

  return { url, control, close: () => app.close() };
}
