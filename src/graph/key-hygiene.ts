/**
 * Key hygiene across an organization: `Organization.keyHygiene` (counts per risk kind and
 * severity) and `Organization.apiKeys(filter:, orderBy:)`. Both need every key's access list,
 * one Atlas call per key, and Atlas filters nothing server-side.
 *
 * Under Atlas' rate limits a large organization cannot be read in one burst, so a scan reads
 * incrementally through the shared reads, as a background reader (ReadPolicy):
 * - access lists read up to HYGIENE_MAX_AGE_SECONDS ago are used from the shared cache (kept that
 *   long, in Redis for the whole fleet), still under the credential check and write invalidation
 *   of every cached read;
 * - the rest are read from Atlas, at most HYGIENE_MAX_READS_PER_REQUEST per request, a few at a
 *   time, and only while more than (1 - HYGIENE_BUDGET_SHARE) of their rate-limit bucket stays for
 *   interactive reads: a scan never causes a 429, and stops where the budget stops it;
 * - the answer says how complete it is and when its oldest data was read; the next request goes
 *   on from there. Nothing runs between requests: an organization nobody looks at costs nothing.
 */
import { type AccessListEntry, AtlasApiError, AtlasBudgetError, AtlasNotCachedError, type ApiKey, ReadSession, fetchAllPages, objectIdTime } from '../atlas/index.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import { arrayConnection, atlasConnection, checkWindow, totalCountField } from './connections.js';
import { ORGANIZATION_KEYS_SHARED, connectionCost } from './cost.js';
import { atlasIdInput } from './inputs.js';
import type { Context } from './context.js';
import { badUserInput } from './errors.js';
import { RiskKindEnum, RiskSeverityEnum, checkDays, keyFacts } from './hygiene.js';
import { apiKeyRef, withParent } from './loaders.js';
import { OrganizationRef } from './organization.js';
import { ORGANIZATION_ROLES } from './roles.js';
import { KEY_RISK_KINDS, type KeyRiskKind, RISK_SEVERITIES, type Risk, type RiskKind, type RiskSeverity, type Usage, assessCredential, usageOf } from './risks.js';
import { DateTimeScalar } from './scalars.js';

/** Access lists read at once by a scan: enough to keep a round trip busy, few enough that the budget's answers arrive before the bucket is spent. */
const SCAN_CONCURRENCY = 8;

type KeyState =
  | { kind: 'assessed'; entries: AccessListEntry[]; readAt: number }
  | { kind: 'forbidden' }
  | { kind: 'pending'; reason: 'budget' | 'readLimit' | 'failed' };

export interface OrganizationScan {
  keys: ApiKeyModel[];
  states: Map<string, KeyState>;
  accessListRequired: boolean | undefined;
  /** Atlas calls this request's scan sent for access lists. */
  reads: number;
}

/** The scan of an organization for this request: made once, whatever selects it. */
export function scanOrganization(ctx: Context, orgId: string): Promise<OrganizationScan> {
  let scan = ctx.loaders.organizationScans.get(orgId) as Promise<OrganizationScan> | undefined;
  if (!scan) {
    scan = runScan(ctx, orgId);
    ctx.loaders.organizationScans.set(orgId, scan);
  }
  return scan;
}

async function runScan(ctx: Context, orgId: string): Promise<OrganizationScan> {
  const policy = ctx.hygiene.scan;
  const [listed, accessListRequired] = await Promise.all([
    fetchAllPages((page) => ctx.atlas.listApiKeys(orgId, page)),
    ctx.loaders.accessListRequired(orgId),
  ]);
  const keys = listed.map((key: ApiKey) => withParent(key, { orgId }));
  for (const key of keys) ctx.loaders.apiKey.prime(apiKeyRef(orgId, key.id), key);
  const states = new Map<string, KeyState>();
  const background = { maxAgeMs: policy.maxAgeSeconds * 1000, reserveShare: 1 - policy.budgetShare };
  const read = async (key: ApiKeyModel, cacheOnly: boolean): Promise<void> => {
    const session = new ReadSession();
    const view = ctx.atlas.withReadPolicy({ ...background, cacheOnly }).withReadSession(session);
    try {
      const entries = await fetchAllPages((page) => view.listAccessListEntries(orgId, key.id, page));
      states.set(key.id, { kind: 'assessed', entries, readAt: session.oldestReadAt ?? Date.now() });
      ctx.loaders.wholeAccessList.prime(apiKeyRef(orgId, key.id), entries);
    } catch (error) {
      if (error instanceof AtlasNotCachedError) return;
      if (error instanceof AtlasBudgetError) states.set(key.id, { kind: 'pending', reason: 'budget' });
      else if (error instanceof AtlasApiError && (error.errorCode === 'API_KEY_ACCESS_LIST_ACCESS_DENIED' || error.status === 403)) states.set(key.id, { kind: 'forbidden' });
      else states.set(key.id, { kind: 'pending', reason: 'failed' });
    }
  };
  // First what the shared cache holds (no Atlas call), then at most the per-request share from Atlas.
  if (ctx.atlas.sharesReads) await Promise.all(keys.map((key) => read(key, true)));
  // In waves: each wave's answers tell the budget where the bucket stands before the next goes
  // out. A read refused while others were in flight is tried again in the next wave; a wave
  // refused entirely means the bucket is at the share kept for others.
  let queue = keys.filter((key) => !states.has(key.id));
  let reads = 0;
  let budgetSpent = false;
  while (queue.length > 0 && reads < policy.maxReadsPerRequest) {
    const wave = queue.slice(0, Math.min(SCAN_CONCURRENCY, policy.maxReadsPerRequest - reads));
    queue = queue.slice(wave.length);
    reads += wave.length;
    await Promise.all(wave.map((key) => read(key, false)));
    const refused = wave.filter((key) => isRefused(states.get(key.id)));
    if (refused.length === wave.length) {
      reads -= refused.length;
      queue = [...refused, ...queue];
      budgetSpent = true;
      break;
    }
    reads -= refused.length;
    for (const key of refused) states.delete(key.id);
    queue = [...refused, ...queue];
  }
  for (const key of queue) states.set(key.id, { kind: 'pending', reason: budgetSpent ? 'budget' : 'readLimit' });
  return { keys, states, accessListRequired, reads };
}

const isRefused = (state: KeyState | undefined): boolean => state?.kind === 'pending' && state.reason === 'budget';

interface AssessedKey {
  key: ApiKeyModel;
  usage: Usage;
  risks: Risk[];
}

/** The keys the scan could judge, with their usage and findings. */
function assessedKeys(ctx: Context, scan: OrganizationScan, unusedDays: number | undefined): AssessedKey[] {
  const policy = unusedDays === undefined ? ctx.hygiene : { ...ctx.hygiene, unusedDays };
  const now = new Date();
  return scan.keys.flatMap((key) => {
    const state = scan.states.get(key.id);
    if (state?.kind !== 'assessed') return [];
    return [{ key, usage: usageOf(state.entries), risks: assessCredential({ ...keyFacts(key), entries: state.entries, accessListRequired: scan.accessListRequired }, policy, now) }];
  });
}

// --- the report ------------------------------------------------------------------------------

interface Report {
  scan: OrganizationScan;
  assessed: AssessedKey[];
}

const RiskCountRef = builder.objectRef<{ kind: RiskKind; severity: RiskSeverity; keys: number }>('RiskKindCount').implement({
  description: 'How many assessed keys have a finding of one kind.',
  fields: (t) => ({
    kind: t.field({ type: RiskKindEnum, description: 'The kind; UNKNOWN for a kind this schema version does not know.', resolve: (c) => c.kind as never }),
    kindName: t.string({ description: 'The kind by name.', resolve: (c) => c.kind }),
    severity: t.field({ type: RiskSeverityEnum, description: 'The severity of findings of this kind.', resolve: (c) => c.severity as never }),
    keys: t.exposeInt('keys', { description: 'Assessed keys with at least one such finding.' }),
  }),
});

const SeverityCountRef = builder.objectRef<{ severity: RiskSeverity; keys: number }>('RiskSeverityCount').implement({
  description: 'How many assessed keys have a finding of one severity.',
  fields: (t) => ({
    severity: t.field({ type: RiskSeverityEnum, description: 'The severity.', resolve: (c) => c.severity as never }),
    keys: t.exposeInt('keys', { description: 'Assessed keys with at least one finding of this severity.' }),
  }),
});

const ScanCompletenessRef = builder.objectRef<OrganizationScan>('KeyScanCompleteness').implement({
  description: "How complete and how fresh an answer over every key of an organization is: each key's access list is one Atlas call, read within a share of Atlas' rate limits.",
  fields: (t) => ({
    keysTotal: t.int({ description: 'Keys of the organization.', resolve: (s) => s.keys.length }),
    keysAssessed: t.int({ description: 'Keys whose access list the answer could use.', resolve: (s) => count(s, 'assessed') }),
    keysForbidden: t.int({ description: 'Keys whose access list these credentials may not read (needs Organization Owner).', resolve: (s) => count(s, 'forbidden') }),
    keysPending: t.int({ description: 'Keys not read yet: the per-request share or the rate-limit budget stopped the scan; a later request goes on.', resolve: (s) => count(s, 'pending') }),
    complete: t.boolean({ description: 'Whether every key was assessed.', resolve: (s) => count(s, 'assessed') === s.keys.length }),
    oldestReadAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: 'When the oldest access list the answer used was read from Atlas (HYGIENE_MAX_AGE_SECONDS at most ago); null when none was.',
      resolve: (s) => {
        const times = [...s.states.values()].flatMap((state) => (state.kind === 'assessed' ? [state.readAt] : []));
        return times.length ? new Date(Math.min(...times)) : null;
      },
    }),
    atlasReads: t.int({ description: 'Access lists this request read from Atlas for the answer (the rest came from the shared cache).', resolve: (s) => s.reads }),
    pendingReason: t.string({
      nullable: true,
      description: 'Why keys are pending, in words; null when none is.',
      resolve: (s) => {
        const reasons = new Set([...s.states.values()].flatMap((state) => (state.kind === 'pending' ? [state.reason] : [])));
        if (reasons.size === 0) return null;
        const words: string[] = [];
        if (reasons.has('budget')) words.push("Atlas' rate limit for access lists is at the share kept for interactive reads (HYGIENE_BUDGET_SHARE)");
        if (reasons.has('readLimit')) words.push('this request read as many access lists as one request may (HYGIENE_MAX_READS_PER_REQUEST)');
        if (reasons.has('failed')) words.push('some reads failed');
        return `${words.join('; ')}. Ask again to go on: what was read is kept in the shared cache.`;
      },
    }),
  }),
});

const count = (scan: OrganizationScan, kind: KeyState['kind']): number => [...scan.states.values()].filter((state) => state.kind === kind).length;

const KeyHygieneRef = builder.objectRef<Report>('KeyHygiene').implement({
  description: "An organization's keys judged together: findings per kind and severity, and how complete the answer is.",
  fields: (t) => ({
    completeness: t.field({ type: ScanCompletenessRef, description: 'How complete and how fresh the answer is.', resolve: (r) => r.scan }),
    accessListRequired: t.boolean({ nullable: true, description: "Whether the organization requires an API access list; null when its settings could not be read.", resolve: (r) => r.scan.accessListRequired ?? null }),
    byKind: t.field({
      type: [RiskCountRef],
      description: 'Assessed keys per finding kind (every kind, zeros included).',
      resolve: (r) =>
        KEY_RISK_KINDS.map((kind) => {
          const keys = r.assessed.filter((a) => a.risks.some((risk) => risk.kind === kind));
          return { kind, severity: r.assessed.flatMap((a) => a.risks).find((risk) => risk.kind === kind)?.severity ?? DEFAULT_SEVERITY[kind], keys: keys.length };
        }),
    }),
    bySeverity: t.field({
      type: [SeverityCountRef],
      description: 'Assessed keys per severity of their findings (a key counts once per severity it has).',
      resolve: (r) => RISK_SEVERITIES.map((severity) => ({ severity, keys: r.assessed.filter((a) => a.risks.some((risk) => risk.severity === severity)).length })),
    }),
    keysWithFindings: t.int({ description: 'Assessed keys with at least one finding.', resolve: (r) => r.assessed.filter((a) => a.risks.length > 0).length }),
    keysWithUnknownUsage: t.int({ description: 'Assessed keys whose usage Atlas does not record (an empty access list): unknown, not unused.', resolve: (r) => r.assessed.filter((a) => !a.usage.known).length }),
  }),
});

/** The severity a kind is reported with (assessCredential's), for kinds no key has. */
const DEFAULT_SEVERITY: Record<KeyRiskKind, RiskSeverity> = {
  USABLE_FROM_ANYWHERE: 'HIGH',
  WIDE_ACCESS_LIST_RANGE: 'MEDIUM',
  ORGANIZATION_OWNER: 'MEDIUM',
  UNUSED: 'MEDIUM',
  NEVER_USED: 'MEDIUM',
  LEFTOVER: 'LOW',
};

/** What a scan may cost in Atlas calls: the key listing, the settings, and the access lists one request may read. */
export function scanCost(ctx: unknown): number {
  const reads = (ctx as Partial<Context> | undefined)?.hygiene?.scan.maxReadsPerRequest ?? 100;
  return 2 + reads;
}

builder.objectFields(OrganizationRef, (t) => ({
  keyHygiene: t.field({
    type: KeyHygieneRef,
    description:
      "The organization's keys judged together. Reads every key's access list (one Atlas call per key, Atlas filters nothing): from the shared cache where it was read within HYGIENE_MAX_AGE_SECONDS, else from Atlas within HYGIENE_MAX_READS_PER_REQUEST and HYGIENE_BUDGET_SHARE of its rate limit; completeness says how much of the organization the answer covers. Counted in the cost limit as that many calls.",
    args: { unusedForDays: t.arg.int({ required: false, description: 'As on ApiKey.risks: 1 to 3650; HYGIENE_UNUSED_DAYS by default.' }) },
    extensions: { checkArguments: checkDays },
    complexity: (_args, ctx) => scanCost(ctx),
    resolve: async (org, args, ctx) => {
      const scan = await scanOrganization(ctx, org.id);
      return { scan, assessed: assessedKeys(ctx, scan, args.unusedForDays ?? undefined) };
    },
  }),
}));

// --- filter and order of Organization.apiKeys ---------------------------------------------------

export const ApiKeyFilterInput = builder.inputType('ApiKeyFilter', {
  description:
    "Which of an organization's keys to return. Atlas filters nothing: a filter scans every key of the organization (as keyHygiene does, with its completeness), and only assessed keys can match a filter on risks or use.",
  fields: (t) => ({
    riskKinds: t.field({ type: [RiskKindEnum], required: false, description: 'Keys with a finding of any of these kinds.' }),
    unusedForDays: t.int({ required: false, description: 'Keys with known usage whose last use is older than this many days, or never used (1 to 3650). Keys with unknown usage never match.' }),
    organizationRole: t.string({ required: false, description: 'Keys holding this organization role (as Atlas names it, e.g. ORG_OWNER).' }),
    projectId: t.id({ required: false, description: 'Keys assigned to this project: its Project.id or its atlasId.' }),
    descriptionContains: t.string({ required: false, description: 'Keys whose description contains this text, ignoring case.' }),
  }),
});

export const ApiKeyOrderFieldEnum = builder.enumType('ApiKeyOrderField', {
  description: 'What to order keys by.',
  values: {
    LAST_USED: { description: 'Last use (keys whose usage is unknown or not assessed come last).' },
    CREATED: { description: 'Creation time (from the key id).' },
    DESCRIPTION: { description: 'Description, ignoring case.' },
  },
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Ascending or descending.',
  values: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

export const ApiKeyOrderInput = builder.inputType('ApiKeyOrder', {
  description: 'How to order keys; ordering scans every key of the organization, as a filter does.',
  fields: (t) => ({
    field: t.field({ type: ApiKeyOrderFieldEnum, required: true, description: 'What to order by.' }),
    direction: t.field({ type: OrderDirectionEnum, required: false, defaultValue: 'ASC', description: 'ASC by default.' }),
  }),
});

export interface KeyFilter {
  riskKinds?: readonly string[] | null;
  unusedForDays?: number | null;
  organizationRole?: string | null;
  projectId?: string | number | null;
  descriptionContains?: string | null;
}

export interface KeyOrder {
  field: 'LAST_USED' | 'CREATED' | 'DESCRIPTION';
  direction?: 'ASC' | 'DESC' | null;
}

/** A filter's arguments, checked before execution (and so before any Atlas call). */
export function checkFilter(filter: KeyFilter | null | undefined): void {
  if (!filter) return;
  const days = filter.unusedForDays;
  if (days != null && (days < 1 || days > 3_650)) throw badUserInput('filter.unusedForDays must be between 1 and 3650.', 'filter.unusedForDays');
  const role = filter.organizationRole;
  if (role != null && !/^[A-Z][A-Z_]{2,63}$/.test(role)) {
    throw badUserInput(`filter.organizationRole must be a role name such as ${ORGANIZATION_ROLES.slice(0, 3).join(', ')}.`, 'filter.organizationRole');
  }
}

const lastUseOf = (a: AssessedKey | undefined): number | undefined => (a?.usage.known && a.usage.lastUsedAt ? a.usage.lastUsedAt.getTime() : undefined);

/** The keys of a scan that pass the filter, in the order asked. */
export function filteredKeys(ctx: Context, scan: OrganizationScan, filter: KeyFilter | null | undefined, order: KeyOrder | null | undefined, projectAtlasId: string | undefined): ApiKeyModel[] {
  const assessed = new Map(assessedKeys(ctx, scan, undefined).map((a) => [a.key.id, a]));
  const judged = filter?.unusedForDays != null ? new Map(assessedKeys(ctx, scan, filter.unusedForDays).map((a) => [a.key.id, a])) : assessed;
  const text = filter?.descriptionContains?.toLowerCase();
  const kinds = filter?.riskKinds?.length ? new Set(filter.riskKinds) : undefined;
  let keys = scan.keys.filter((key) => {
    if (text !== undefined && !(key.desc ?? '').toLowerCase().includes(text)) return false;
    if (filter?.organizationRole && !key.roles.some((r) => r.groupId === undefined && r.roleName === filter.organizationRole)) return false;
    if (projectAtlasId && !key.roles.some((r) => r.groupId === projectAtlasId)) return false;
    if (kinds && !assessed.get(key.id)?.risks.some((r) => kinds.has(r.kind))) return false;
    if (filter?.unusedForDays != null && !judged.get(key.id)?.risks.some((r) => r.kind === 'UNUSED' || r.kind === 'NEVER_USED')) return false;
    return true;
  });
  if (order) {
    const sign = order.direction === 'DESC' ? -1 : 1;
    const value = (key: ApiKeyModel): number | string | undefined =>
      order.field === 'LAST_USED' ? lastUseOf(assessed.get(key.id)) : order.field === 'CREATED' ? objectIdTime(key.id)?.getTime() : (key.desc ?? '').toLowerCase();
    keys = [...keys].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1; // unknown last, either way
      return (x < y ? -1 : x > y ? 1 : 0) * sign;
    });
  }
  return keys;
}

// --- Organization.apiKeys: Atlas' pages, or a scan when filtered or ordered ----------------------

builder.objectFields(OrganizationRef, (t) => ({
  apiKeys: t.connection(
    {
      type: ApiKeyRef,
      description:
        "The organization's programmatic API keys, in Atlas' order, a page of Atlas at a time. With filter or orderBy, every key of the organization is scanned as keyHygiene does (Atlas filters nothing): counted in the cost limit as HYGIENE_MAX_READS_PER_REQUEST calls more, and the connection's completeness says what the answer covers.",
      args: {
        filter: t.arg({ type: ApiKeyFilterInput, required: false, description: 'Only the keys that match; scans the organization.' }),
        orderBy: t.arg({ type: ApiKeyOrderInput, required: false, description: "An order other than Atlas'; scans the organization." }),
      },
      extensions: {
        checkArguments: (args: Record<string, unknown>) => {
          checkWindow(args);
          checkFilter(args.filter as KeyFilter | null | undefined);
        },
      },
      complexity: (args, ctx) => {
        const paged = connectionCost(ORGANIZATION_KEYS_SHARED)(args);
        if (!args.filter && !args.orderBy) return paged;
        const { multiplier } = paged as { multiplier: number };
        return { field: scanCost(ctx) + ORGANIZATION_KEYS_SHARED(), multiplier };
      },
      resolve: async (org, args, ctx) => {
        if (!args.filter && !args.orderBy) {
          return atlasConnection(ctx.loaders, 'organizationApiKeys', org.id, args, (key: ApiKey) => withParent(key, { orgId: org.id }));
        }
        const projectAtlasId = args.filter?.projectId == null ? undefined : atlasIdInput(args.filter.projectId, 'Project', 'filter.projectId');
        const scan = await scanOrganization(ctx, org.id);
        return { ...arrayConnection(filteredKeys(ctx, scan, args.filter, args.orderBy as KeyOrder | null | undefined, projectAtlasId), args), scan };
      },
    },
    {
      name: 'ApiKeyConnection',
      description: 'A page of API keys.',
      fields: (c) => ({
        ...totalCountField('API keys')(c),
        completeness: c.field({
          type: ScanCompletenessRef,
          nullable: true,
          description: 'With filter or orderBy: how much of the organization the answer covers (keys not assessed cannot match a filter on risks or use). Null otherwise.',
          resolve: (connection: object) => (connection as { scan?: OrganizationScan }).scan ?? null,
        }),
      }),
    },
    { name: 'ApiKeyEdge', description: 'An API key in a page.' },
  ),
}));
