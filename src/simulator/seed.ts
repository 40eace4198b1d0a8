/**
 * Initial data: a small, realistic `demo` organization set, or generated sizes for tests and
 * benchmarks (orgs × projects × keys × access list entries per key). Seeds are deterministic:
 * the same seed gives the same ids on every start, but for the demo's service-account secrets,
 * whose dates are counted from the start (see `serviceAccountDemo`).
 */
import { addressEntry, entryId, parseCidr } from './addresses.js';
import type { EventActor, EventInput } from './events.js';
import { type IdSource, objectIdTime, seededIds } from './ids.js';
import { type AccessEntry, type ApiKey, type Org, type Project, type ServiceAccount, State, isoNow } from './state.js';
import type { GeneratedSeed, RoleAssignment, SeedSpec, SeedSummary } from './types.js';

const SEED_NUMBER = 20230101;

export function parseSeed(spec: SeedSpec): 'demo' | 'empty' | GeneratedSeed {
  if (typeof spec !== 'string') return validateSizes(spec);
  if (spec === 'demo' || spec === 'empty') return spec;
  const match = /^(\d+)x(\d+)x(\d+)x(\d+)$/.exec(spec);
  if (!match) throw new RangeError(`Unknown seed "${spec}": use demo, empty or ORGSxPROJECTSxKEYSxENTRIES such as 1x20x200x3.`);
  const [orgs, projectsPerOrg, keysPerOrg, entriesPerKey] = match.slice(1).map(Number) as [number, number, number, number];
  return validateSizes({ orgs, projectsPerOrg, keysPerOrg, entriesPerKey });
}

function validateSizes(sizes: GeneratedSeed): GeneratedSeed {
  const { orgs, projectsPerOrg, keysPerOrg, entriesPerKey } = sizes;
  const ok = [orgs, projectsPerOrg, keysPerOrg, entriesPerKey].every((n) => Number.isInteger(n) && n >= 0);
  if (!ok || orgs > 1000 || projectsPerOrg > 10_000 || keysPerOrg > 100_000 || entriesPerKey > 250) {
    throw new RangeError('Seed sizes must be whole numbers: orgs <= 1000, projects <= 10000, keys <= 100000, entries <= 250.');
  }
  return sizes;
}

/** `now`: the start, from which the demo's service-account secrets are dated. */
export function seedState(state: State, spec: SeedSpec, now = new Date()): void {
  const seed = parseSeed(spec);
  if (seed === 'empty') return;
  if (seed === 'demo') {
    demo(state, now);
    demoHistory(state);
  } else generated(state, seed);
}

export function summarize(state: State): SeedSummary {
  return {
    orgs: [...state.orgs.values()].map((org) => ({
      id: org.id,
      name: org.name,
      projects: state.projectsOf(org.id).map((p) => ({ id: p.id, name: p.name })),
      apiKeys: state.keysOf(org.id).map((k) => ({ id: k.id, publicKey: k.publicKey, desc: k.desc })),
      serviceAccounts: state.serviceAccountsOf(org.id, true).map((a) => ({ clientId: a.clientId, name: a.name, systemManaged: a.systemManaged })),
    })),
  };
}

const day = (iso: string): Date => new Date(`${iso}T09:30:00Z`);

function demo(state: State, now: Date): void {
  const ids = seededIds(SEED_NUMBER);
  const key = (orgId: string, desc: string, roles: RoleAssignment[], created: Date) => state.createKey(orgId, desc, roles, created, ids);
  const entries = (k: ReturnType<typeof key>, values: string[], created: Date) =>
    state.addEntries(
      k,
      values.map((v) => (v.includes('/') ? parseCidr(v)! : addressEntry(v))),
      created,
    );

  const acme = state.addOrg('Acme-Corp', day('2023-03-01'), ids);
  const production = state.addProject(acme.id, 'Production', day('2023-03-14'), 4, ids);
  const staging = state.addProject(acme.id, 'Staging', day('2023-03-15'), 2, ids);
  const analytics = state.addProject(acme.id, 'Analytics', day('2024-06-02'), 1, ids);
  staging.tags.push({ key: 'environment', value: 'staging' });
  production.tags.push({ key: 'environment', value: 'production' });

  const deployer = key(acme.id, 'CI deployer', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: production.id, roleName: 'GROUP_READ_ONLY' },
    { groupId: staging.id, roleName: 'GROUP_OWNER' },
  ], day('2024-01-08'));
  entries(deployer, ['203.0.113.10', '198.51.100.0/24'], day('2024-01-08'));
  const terraform = key(acme.id, 'Terraform automation', [{ orgId: acme.id, roleName: 'ORG_OWNER' }], day('2024-02-20'));
  entries(terraform, ['192.0.2.0/24', '2001:db8::/32'], day('2024-02-20'));
  const monitoring = key(acme.id, 'Monitoring exporter', [
    { orgId: acme.id, roleName: 'ORG_READ_ONLY' },
    { groupId: production.id, roleName: 'GROUP_OBSERVABILITY_VIEWER' },
    { groupId: analytics.id, roleName: 'GROUP_OBSERVABILITY_VIEWER' },
  ], day('2024-05-01'));
  entries(monitoring, ['203.0.113.25'], day('2024-05-01'));
  key(acme.id, 'Billing export', [{ orgId: acme.id, roleName: 'ORG_BILLING_READ_ONLY' }], day('2024-07-15'));
  key(acme.id, 'Data team ETL', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: analytics.id, roleName: 'GROUP_DATA_ACCESS_READ_WRITE' },
    { groupId: staging.id, roleName: 'GROUP_DATA_ACCESS_READ_ONLY' },
  ], day('2024-09-03'));

  // Usage as Atlas reports it for keys that have been called from listed addresses.
  const used = deployer.accessList.get('203.0.113.10')!;
  Object.assign(used, { count: 1482, lastUsed: '2026-11-20T17:04:51Z', lastUsedAddress: '203.0.113.10' });

  const globex = state.addOrg('Globex-Research', day('2025-01-06'), ids);
  const experiments = state.addProject(globex.id, 'ml-experiments', day('2025-01-10'), 3, ids);
  const sandbox = state.addProject(globex.id, 'sandbox', day('2025-04-22'), 0, ids);
  const runner = key(globex.id, 'Notebook runner', [
    { orgId: globex.id, roleName: 'ORG_MEMBER' },
    { groupId: experiments.id, roleName: 'GROUP_CLUSTER_MANAGER' },
    { groupId: sandbox.id, roleName: 'GROUP_OWNER' },
  ], day('2025-01-11'));
  entries(runner, ['10.20.0.0/16'], day('2025-01-11'));
  key(globex.id, 'Org admin', [{ orgId: globex.id, roleName: 'ORG_OWNER' }], day('2025-01-06'));

  const entities = { acme, globex, production, staging, analytics, experiments, terraform, monitoring, runner };
  hygieneDemo(state, ids, entities);
  serviceAccountDemo(state, seededIds(SEED_NUMBER + 3), now, entities);
}

/** Usage dates of the demo are fixed, counted back from this day, so every start shows the same months. */
const USAGE_AS_OF = day('2026-12-01');
const daysBefore = (days: number, from = USAGE_AS_OF): string => isoNow(new Date(from.getTime() - days * 86_400_000));

interface DemoEntities {
  acme: Org;
  globex: Org;
  production: Project;
  staging: Project;
  analytics: Project;
  experiments: Project;
  terraform: ApiKey;
  monitoring: ApiKey;
  runner: ApiKey;
}

/**
 * Keys of every kind a key-hygiene review looks for, added after the demo's first keys so their
 * ids (and everything that relies on them) stay as they were: a key usable from anywhere, a wide
 * range, one unused for months, one never used, leftovers with an org role only, one whose usage
 * is unknown (empty list), and keys in daily use. Globex requires API access lists: its admin
 * key, with an empty list, is then usable from nowhere, which a review should show. The gateway
 * calls the simulator as its admin, which is no key of an org, so this takes nothing from it.
 */
function hygieneDemo(state: State, ids: IdSource, demo: DemoEntities): void {
  const { acme, globex, production, staging, analytics } = demo;
  const key = (orgId: string, desc: string, roles: RoleAssignment[], created: Date) => state.createKey(orgId, desc, roles, created, ids);
  /** Entries added on `created`; each `[address, usage]` is used as given, or never when usage is absent. */
  const entries = (k: ApiKey, created: Date, values: Array<[string, Usage?]>) => {
    state.addEntries(k, values.map(([v]) => (v.includes('/') ? parseCidr(v)! : addressEntry(v))), created);
    const added = [...k.accessList.values()].slice(-values.length);
    values.forEach(([, usage], i) => {
      if (usage) Object.assign(added[i]!, usage);
    });
  };

  globex.apiAccessListRequired = true;
  acme.apiAccessListRequired = false;

  // Usage on keys of the first demo data, spread over the months before the usage date.
  Object.assign(demo.terraform.accessList.get('192.0.2.0/24')!, used(3, '192.0.2.14', 5210));
  Object.assign(demo.monitoring.accessList.get('203.0.113.25')!, used(0, '203.0.113.25', 88_412));
  Object.assign(demo.runner.accessList.get('10.20.0.0/16')!, used(75, '10.20.4.31', 734));

  const open = key(acme.id, 'Legacy integration', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: production.id, roleName: 'GROUP_DATA_ACCESS_READ_WRITE' },
  ], day('2023-06-12'));
  entries(open, day('2023-06-12'), [['0.0.0.0/0', used(2, '198.18.7.21', 31_877)], ['::/0']]);

  const wide = key(acme.id, 'VPN reporting', [
    { orgId: acme.id, roleName: 'ORG_READ_ONLY' },
    { groupId: analytics.id, roleName: 'GROUP_READ_ONLY' },
  ], day('2024-10-07'));
  entries(wide, day('2024-10-07'), [['10.0.0.0/8', used(40, '10.44.3.9', 2_611)]]);

  const stale = key(acme.id, 'Nightly backup script', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: production.id, roleName: 'GROUP_BACKUP_MANAGER' },
  ], day('2023-11-15'));
  entries(stale, day('2023-11-15'), [['192.0.2.77', used(181, '192.0.2.77', 903)], ['198.51.100.64/28', used(203, '198.51.100.70', 41)]]);

  const neverUsed = key(acme.id, 'Migration helper', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: staging.id, roleName: 'GROUP_OWNER' },
  ], day('2026-04-20'));
  entries(neverUsed, day('2026-04-20'), [['203.0.113.40'], ['203.0.113.41']]);

  const contractor = key(acme.id, 'Former contractor', [{ orgId: acme.id, roleName: 'ORG_READ_ONLY' }], day('2024-03-04'));
  entries(contractor, day('2024-03-04'), [['198.51.100.200', used(474, '198.51.100.200', 12)]]);
  key(acme.id, 'Hackathon bot', [{ orgId: acme.id, roleName: 'ORG_MEMBER' }], day('2025-09-19'));

  const release = key(acme.id, 'Release pipeline', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: production.id, roleName: 'GROUP_OWNER' },
    { groupId: staging.id, roleName: 'GROUP_OWNER' },
  ], day('2025-02-03'));
  entries(release, day('2025-02-03'), [['203.0.113.11', used(1, '203.0.113.11', 6_402)], ['2001:db8:ff::/48', used(9, '2001:db8:ff:0:0:0:0:5', 97)]]);

  const tracker = key(globex.id, 'Experiment tracker', [
    { orgId: globex.id, roleName: 'ORG_MEMBER' },
    { groupId: demo.experiments.id, roleName: 'GROUP_READ_ONLY' },
  ], day('2025-05-14'));
  entries(tracker, day('2025-05-14'), [['10.20.8.0/24', used(5, '10.20.8.17', 15_230)]]);
}

interface DemoSecret {
  /** Days before the start the secret was made, and how many days it was made to live. */
  madeDaysAgo: number;
  lifetimeDays: number;
  /** Days before the start a token was last issued with it; never when absent. */
  usedDaysAgo?: number;
}

/**
 * Service accounts of both demo orgs, made after everything else, from an id sequence of their
 * own, so that no other demo id changes. Their creation dates are fixed; their secrets, and the
 * use of their access lists, are dated from `now` (the start), so that on every start one secret
 * is three days from expiring, one expired twelve days ago (the token endpoint refuses it), and
 * one rotation is half done: the old secret shortened to its last days beside the new one. A
 * secret's id carries its date, so those ids differ from one start to the next. Each account's
 * first secret, made with it, is gone: it was deleted in a rotation since.
 *
 * Acme: an Organization Owner account for Terraform (secret near expiry), a read-only metrics
 * account assigned to Production (mid-rotation), a billing account whose only secret expired, an
 * account made in Staging, and a system-managed account of an MCP integration that the lists
 * leave out unless asked. Globex, which requires API access lists: an account made in
 * ml-experiments with a list, and an owner account without one, which can then call from nowhere.
 */
function serviceAccountDemo(state: State, ids: IdSource, now: Date, demo: DemoEntities): void {
  const { acme, globex, production, staging, experiments } = demo;
  const daysFromNow = (days: number): Date => new Date(now.getTime() + days * 86_400_000);
  const account = (
    orgId: string,
    name: string,
    description: string,
    roles: RoleAssignment[],
    created: Date,
    secrets: DemoSecret[],
    systemManaged = false,
  ): ServiceAccount => {
    const made = state.createServiceAccount(orgId, { name, description, roles, systemManaged }, 24 * 90, created, ids);
    state.deleteSecret(made.account, made.secret);
    for (const secret of secrets) {
      const added = state.addSecret(made.account, secret.lifetimeDays * 24, daysFromNow(-secret.madeDaysAgo), ids);
      if (secret.usedDaysAgo !== undefined) added.lastUsedAt = isoNow(daysFromNow(-secret.usedDaysAgo));
    }
    return made.account;
  };
  /** Entries added when the account was made; each `[address, usage]` used as given (days before the start), or never. */
  const entries = (a: ServiceAccount, values: Array<[string, { daysAgo: number; address: string; count: number }?]>) => {
    state.addEntries(a, values.map(([v]) => (v.includes('/') ? parseCidr(v)! : addressEntry(v))), new Date(a.createdAt));
    const added = [...a.accessList.values()].slice(-values.length);
    values.forEach(([, usage], i) => {
      if (usage) Object.assign(added[i]!, { lastUsed: isoNow(daysFromNow(-usage.daysAgo)), lastUsedAddress: usage.address, count: usage.count });
    });
  };

  const terraformCloud = account(acme.id, 'Terraform Cloud', 'Workspaces that manage Acme projects', [{ orgId: acme.id, roleName: 'ORG_OWNER' }], day('2025-03-10'), [
    { madeDaysAgo: 87, lifetimeDays: 90, usedDaysAgo: 0.1 },
  ]);
  entries(terraformCloud, [['192.0.2.0/24', { daysAgo: 0.1, address: '192.0.2.14', count: 4_120 }]]);

  const metrics = account(acme.id, 'Metrics collector', "Reads cluster metrics for the SRE team's dashboards", [
    { orgId: acme.id, roleName: 'ORG_READ_ONLY' },
    { groupId: production.id, roleName: 'GROUP_OBSERVABILITY_VIEWER' },
  ], day('2025-06-18'), [
    { madeDaysAgo: 170, lifetimeDays: 180, usedDaysAgo: 3 },
    { madeDaysAgo: 2, lifetimeDays: 180, usedDaysAgo: 0.05 },
  ]);
  entries(metrics, [['203.0.113.30', { daysAgo: 0.05, address: '203.0.113.30', count: 18_344 }]]);

  account(acme.id, 'Quarterly billing report', 'Exports invoices for finance', [{ orgId: acme.id, roleName: 'ORG_BILLING_READ_ONLY' }], day('2024-11-04'), [
    { madeDaysAgo: 102, lifetimeDays: 90, usedDaysAgo: 40 },
  ]);

  const deployer = account(acme.id, 'Staging deployer', 'Deploys release candidates to Staging', [
    { orgId: acme.id, roleName: 'ORG_MEMBER' },
    { groupId: staging.id, roleName: 'GROUP_OWNER' },
  ], day('2026-01-12'), [{ madeDaysAgo: 20, lifetimeDays: 60, usedDaysAgo: 1 }]);
  entries(deployer, [['198.51.100.0/24', { daysAgo: 1, address: '198.51.100.41', count: 962 }], ['2001:db8:5::/48']]);

  account(acme.id, 'Atlas MCP server', 'Managed by Atlas for the MCP integration', [{ orgId: acme.id, roleName: 'ORG_READ_ONLY' }], day('2026-05-02'), [
    { madeDaysAgo: 10, lifetimeDays: 30, usedDaysAgo: 0.5 },
  ], true);

  const scheduler = account(globex.id, 'Training scheduler', 'Scales clusters for training runs', [
    { orgId: globex.id, roleName: 'ORG_MEMBER' },
    { groupId: experiments.id, roleName: 'GROUP_CLUSTER_MANAGER' },
  ], day('2025-02-17'), [{ madeDaysAgo: 30, lifetimeDays: 180, usedDaysAgo: 0.2 }]);
  entries(scheduler, [['10.20.0.0/16', { daysAgo: 0.2, address: '10.20.6.12', count: 2_207 }]]);

  account(globex.id, 'Globex provisioning', 'Creates projects for new research groups', [{ orgId: globex.id, roleName: 'ORG_OWNER' }], day('2025-08-01'), [
    { madeDaysAgo: 15, lifetimeDays: 365 },
  ]);
}

type Usage = Pick<AccessEntry, 'lastUsed' | 'lastUsedAddress' | 'count'>;

/** Usage as Atlas reports it: last used `days` before the usage date, from `address`, `count` times. */
const used = (days: number, address: string, count: number): Usage => ({ lastUsed: daysBefore(days), lastUsedAddress: address, count });

const ORG_ROLE_CYCLE = ['ORG_MEMBER', 'ORG_READ_ONLY', 'ORG_MEMBER', 'ORG_OWNER', 'ORG_BILLING_READ_ONLY'];
const PROJECT_ROLE_CYCLE = ['GROUP_READ_ONLY', 'GROUP_OWNER', 'GROUP_DATA_ACCESS_READ_WRITE', 'GROUP_CLUSTER_MANAGER'];

function generated(state: State, sizes: GeneratedSeed): void {
  const ids = seededIds(SEED_NUMBER + 1);
  const created = day('2025-06-01');
  let keyNumber = 0;
  for (let o = 1; o <= sizes.orgs; o++) {
    const org = state.addOrg(`org-${o}`, created, ids);
    const projects = Array.from({ length: sizes.projectsPerOrg }, (_, p) =>
      state.addProject(org.id, `org-${o}-project-${p + 1}`, created, p % 5, ids),
    );
    for (let k = 0; k < sizes.keysPerOrg; k++, keyNumber++) {
      const roles: RoleAssignment[] = [{ orgId: org.id, roleName: ORG_ROLE_CYCLE[k % ORG_ROLE_CYCLE.length]! }];
      // Each key is assigned to up to two projects, spread evenly over the org.
      if (projects.length > 0) {
        const first = projects[k % projects.length]!;
        const second = projects[(k * 7 + 3) % projects.length]!;
        roles.push({ groupId: first.id, roleName: PROJECT_ROLE_CYCLE[k % PROJECT_ROLE_CYCLE.length]! });
        if (second.id !== first.id && k % 2 === 0) roles.push({ groupId: second.id, roleName: 'GROUP_READ_ONLY' });
      }
      const key = state.createKey(org.id, `org-${o} key ${k + 1}`, roles, created, ids);
      const list = Array.from({ length: sizes.entriesPerKey }, (_, e) =>
        e % 3 === 2
          ? parseCidr(`172.${16 + (e % 16)}.${e}.0/24`)!
          : addressEntry(`10.${(keyNumber >> 8) & 255}.${keyNumber & 255}.${e + 1}`),
      );
      state.addEntries(key, list, created);
      generatedUsage(key, keyNumber);
    }
  }
}

/**
 * Usage of a generated key, spread so a hygiene report over many keys has every case to find, the
 * same on every start: of each ten keys, four were used in the last month, two one to six months
 * ago, two six to sixteen months ago, and two never (count 0, no lastUsed). Within a used key the
 * first entry carries the latest use and later entries are older or unused.
 */
function generatedUsage(key: ApiKey, keyNumber: number): void {
  const kind = keyNumber % 10;
  if (kind >= 8) return;
  const span = kind < 4 ? [0, 30] : kind < 6 ? [30, 180] : [180, 480];
  // A multiplicative hash spreads neighbouring keys over the whole span.
  const spread = (n: number): number => (Math.imul(n + 1, 2654435761) >>> 0) % 1000 / 1000;
  let entryNumber = 0;
  for (const entry of key.accessList.values()) {
    // Every third entry after the first is never used.
    if (entryNumber > 0 && entryNumber % 3 === 0) {
      entryNumber++;
      continue;
    }
    // Never before the key was created (2025-06-01, 548 days before the usage date).
    const days = Math.min(540, Math.round(span[0]! + (span[1]! - span[0]!) * spread(keyNumber * 31 + entryNumber)) + entryNumber * 7);
    const address = entry.ipAddress ?? entry.cidrBlock.replace(/\.0\/\d+$/, '.9');
    Object.assign(entry, used(days, address, 1 + Math.floor(5000 * spread(keyNumber * 17 + entryNumber) / (entryNumber + 1))));
    entryNumber++;
  }
}

/**
 * The demo's activity feed: each key's creation, access list entries and project assignments at
 * the dates they were made, then some later changes, including a key since deleted. It runs after
 * `demo`, over whatever keys `demo` made, and draws event and user ids from a sequence of its own,
 * so the ids of the demo's orgs, projects and keys do not change.
 */
function demoHistory(state: State): void {
  const ids = seededIds(SEED_NUMBER + 2);
  const [acme, globex] = [...state.orgs.values()];
  if (!acme || !globex) return;
  const user = (username: string): EventActor => ({ kind: 'user', userId: ids.objectId(day('2023-01-01')), username });
  const alice = user('alice.nguyen@acme.example');
  const bob = user('bob.okafor@globex.example');
  const consoleAddress = { [acme.id]: '198.51.100.23', [globex.id]: '203.0.113.77' };
  const ownerOf = (orgId: string): EventActor => (orgId === acme.id ? alice : bob);
  const byDesc = (desc: string): ApiKey | undefined => [...state.keys.values()].find((k) => k.desc === desc);
  const asKey = (key: ApiKey): EventActor => ({ kind: 'apiKey', apiKeyId: key.id, publicKey: key.publicKey });

  const record = (event: EventInput, actor: EventActor, remoteAddress: string, source: IdSource = ids): void => {
    state.events.record({ ...event, actor, remoteAddress }, source);
  };

  // Who made each key: Terraform made the ETL key from its CI runner; people made the rest.
  const terraform = byDesc('Terraform automation');
  const madeBy = (key: ApiKey): [EventActor, string] =>
    key.desc === 'Data team ETL' && terraform ? [asKey(terraform), '192.0.2.40'] : [ownerOf(key.orgId), consoleAddress[key.orgId] ?? '198.51.100.23'];

  // A key retired before the demo's keys existed: its events outlive it.
  const retired = ids.publicKey();
  record({ eventTypeName: 'API_KEY_CREATED', orgId: acme.id, targetPublicKey: retired, created: day('2023-06-01') }, alice, consoleAddress[acme.id]!);
  record({ eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', orgId: acme.id, targetPublicKey: retired, whitelistEntry: '203.0.113.9', created: day('2023-06-01') }, alice, consoleAddress[acme.id]!);

  for (const key of state.keys.values()) {
    const [actor, address] = madeBy(key);
    const created = objectIdTime(key.id);
    const target = { orgId: key.orgId, targetPublicKey: key.publicKey };
    record({ eventTypeName: 'API_KEY_CREATED', ...target, created }, actor, address);
    for (const entry of key.accessList.values()) {
      record({ eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', ...target, whitelistEntry: entryId(entry), created: new Date(entry.created) }, actor, address);
    }
    for (const groupId of new Set(key.roles.flatMap((r) => (r.groupId === undefined ? [] : [r.groupId])))) {
      // A key cannot join a project before the project exists.
      const projectCreated = Date.parse(state.projects.get(groupId)?.created ?? '');
      const when = new Date(Math.max(created.getTime(), Number.isNaN(projectCreated) ? 0 : projectCreated));
      record({ eventTypeName: 'API_KEY_ADDED_TO_GROUP', ...target, groupId, created: when }, actor, address);
    }
  }

  // Later changes.
  const later = (desc: string, event: Omit<EventInput, 'orgId' | 'targetPublicKey'>, actor?: EventActor, address?: string): void => {
    const key = byDesc(desc);
    if (!key) return;
    record({ ...event, orgId: key.orgId, targetPublicKey: key.publicKey }, actor ?? ownerOf(key.orgId), address ?? consoleAddress[key.orgId]!);
  };
  record({ eventTypeName: 'API_KEY_DELETED', orgId: acme.id, targetPublicKey: retired, created: day('2024-05-02') }, alice, consoleAddress[acme.id]!);
  later('CI deployer', { eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', whitelistEntry: '203.0.113.11', created: day('2024-03-04') });
  later('CI deployer', { eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_DELETED', whitelistEntry: '203.0.113.11', created: day('2024-08-19') });
  later('CI deployer', { eventTypeName: 'API_KEY_DESCRIPTION_CHANGED', created: day('2024-08-19') });
  later('Terraform automation', { eventTypeName: 'API_KEY_ROLES_CHANGED', created: day('2024-11-12') });
  const staging = state.projectsOf(acme.id).find((p) => p.name === 'Staging');
  if (staging && terraform) {
    later('Data team ETL', { eventTypeName: 'API_KEY_ROLES_CHANGED', groupId: staging.id, created: day('2025-02-14') }, asKey(terraform), '192.0.2.40');
  }
  later('Notebook runner', { eventTypeName: 'API_KEY_DESCRIPTION_CHANGED', created: day('2025-05-30') });

  // The service accounts' history, at their fixed creation dates (their secrets' dates move with the
  // start, so their events are left out): made by the org's owner, in the project's name when made
  // from one (an org member with one project), then assigned and given their access list entries.
  for (const account of state.serviceAccounts.values()) {
    const created = new Date(account.createdAt);
    const actor = ownerOf(account.orgId);
    const address = consoleAddress[account.orgId] ?? '198.51.100.23';
    const groupIds = [...new Set(account.roles.flatMap((r) => (r.groupId === undefined ? [] : [r.groupId])))];
    const orgRoles = account.roles.filter((r) => r.orgId !== undefined).map((r) => r.roleName);
    const madeInProject = groupIds.length === 1 && orgRoles.join() === 'ORG_MEMBER' ? groupIds[0] : undefined;
    record({ eventTypeName: 'SERVICE_ACCOUNT_CREATED', orgId: account.orgId, ...(madeInProject ? { groupId: madeInProject } : {}), created }, actor, address);
    for (const groupId of groupIds) {
      const projectCreated = Date.parse(state.projects.get(groupId)?.created ?? '');
      const when = new Date(Math.max(created.getTime(), Number.isNaN(projectCreated) ? 0 : projectCreated));
      record({ eventTypeName: 'SERVICE_ACCOUNT_ADDED_TO_GROUP', orgId: account.orgId, groupId, created: when }, actor, address);
    }
    for (const entry of account.accessList.values()) {
      record({ eventTypeName: 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED', orgId: account.orgId, ...(madeInProject ? { groupId: madeInProject } : {}), created: new Date(entry.created) }, actor, address);
    }
  }
}
