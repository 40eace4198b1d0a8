/**
 * A scan of every credential of an organization (its API keys, its service accounts), for answers
 * that judge them together: `Organization.keyHygiene`, `Organization.apiKeys(filter:, orderBy:)`,
 * `Organization.serviceAccountHygiene`. Each credential needs reads of its own (its access list;
 * an account's projects too), and Atlas filters nothing server-side.
 *
 * Under Atlas' rate limits a large organization cannot be read in one burst, so a scan reads
 * incrementally through the shared reads, as a background reader (ReadPolicy):
 * - reads made up to HYGIENE_MAX_AGE_SECONDS ago are used from the shared cache (kept that long,
 *   in Redis for the whole fleet), still under the credential check and write invalidation of
 *   every cached read;
 * - the rest are read from Atlas, at most HYGIENE_MAX_READS_PER_REQUEST calls per request, a few
 *   credentials at a time, and only while more than (1 - HYGIENE_BUDGET_SHARE) of their rate-limit
 *   bucket stays for interactive reads: a scan never causes a 429, and stops where the budget stops it;
 * - the answer says how complete it is and when its oldest data was read; the next request goes
 *   on from there. Nothing runs between requests: an organization nobody looks at costs nothing.
 */
import type { ObjectRef } from '@pothos/core';
import { type AtlasClient, AtlasApiError, AtlasBudgetError, AtlasNotCachedError, ReadSession } from '../atlas/index.js';
import { type SchemaTypes, builder } from './builder.js';
import type { Context } from './context.js';
import { RiskKindEnum, RiskSeverityEnum } from './hygiene.js';
import { DEFAULT_SEVERITY, RISK_SEVERITIES, type Risk, type RiskKind, type RiskSeverity, type Usage } from './risks.js';
import { DateTimeScalar } from './scalars.js';

type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>;

/** Credentials read at once by a scan with a budget: enough to keep a round trip busy, few enough that the budget's answers arrive before the bucket is spent. */
const SCAN_CONCURRENCY = 8;

export type ScanState<D> =
  | { kind: 'assessed'; data: D; readAt: number }
  | { kind: 'forbidden' }
  | { kind: 'pending'; reason: 'budget' | 'readLimit' | 'failed' };

/** One kind of credential, as a scan reads it. */
export interface ScanFamily<T, D> {
  /** Tells scans of the request apart (one per family and organization). */
  name: string;
  /** Every credential of the organization (primed into the request's loaders). */
  list(ctx: Context, orgId: string): Promise<T[]>;
  id(item: T): string;
  /** Atlas calls one credential's reads take. */
  callsPerItem: number;
  /** The credential's own reads, through `view` (the scan's policy and session); primed into the request's loaders. */
  read(ctx: Context, view: AtlasClient, orgId: string, item: T): Promise<D>;
  /** Whether a failed read says these credentials may not read it (rather than that it failed). */
  forbidden(error: AtlasApiError): boolean;
}

export interface CredentialScan<T, D> {
  items: T[];
  states: Map<string, ScanState<D>>;
  accessListRequired: boolean | undefined;
  /** Atlas calls this request's scan sent for the credentials' reads. */
  reads: number;
}

/** The scan of an organization's credentials of one family for this request: made once, whatever selects it. */
export function scanCredentials<T, D>(ctx: Context, orgId: string, family: ScanFamily<T, D>): Promise<CredentialScan<T, D>> {
  const key = `${family.name}:${orgId}`;
  let scan = ctx.loaders.organizationScans.get(key) as Promise<CredentialScan<T, D>> | undefined;
  if (!scan) {
    scan = runScan(ctx, orgId, family);
    ctx.loaders.organizationScans.set(key, scan);
  }
  return scan;
}

async function runScan<T, D>(ctx: Context, orgId: string, family: ScanFamily<T, D>): Promise<CredentialScan<T, D>> {
  const policy = ctx.hygiene.scan;
  const [items, accessListRequired] = await Promise.all([family.list(ctx, orgId), ctx.loaders.accessListRequired(orgId)]);
  const states = new Map<string, ScanState<D>>();
  const background = { maxAgeMs: policy.maxAgeSeconds * 1000, reserveShare: 1 - policy.budgetShare };
  const per = family.callsPerItem;
  /** Reads one credential; answers the Atlas calls it sent (every one of its reads without shared reads, where nothing is cached or refused). */
  const read = async (item: T, cacheOnly: boolean): Promise<number> => {
    const session = new ReadSession();
    const view = ctx.atlas.withReadPolicy({ ...background, cacheOnly }).withReadSession(session);
    const sent = () => (ctx.atlas.sharesReads ? session.sent : per);
    try {
      const data = await family.read(ctx, view, orgId, item);
      states.set(family.id(item), { kind: 'assessed', data, readAt: session.oldestReadAt ?? Date.now() });
    } catch (error) {
      if (error instanceof AtlasNotCachedError) return sent();
      if (error instanceof AtlasBudgetError) states.set(family.id(item), { kind: 'pending', reason: 'budget' });
      else if (error instanceof AtlasApiError && family.forbidden(error)) states.set(family.id(item), { kind: 'forbidden' });
      else states.set(family.id(item), { kind: 'pending', reason: 'failed' });
    }
    return sent();
  };
  // First what the shared cache holds (no Atlas call), then at most the per-request share from Atlas.
  if (ctx.atlas.sharesReads) await Promise.all(items.map((item) => read(item, true)));
  // In waves: each wave's answers tell the budget where the bucket stands before the next goes
  // out. A read refused while others were in flight is tried again in the next wave; a wave
  // refused entirely means the bucket is at the share kept for others. Without shared reads there
  // is no budget to tell: one wave, as any page's reads. A request reads one credential at least,
  // whatever its share, so that every request goes on.
  const concurrency = ctx.atlas.sharesReads ? SCAN_CONCURRENCY : Number.POSITIVE_INFINITY;
  let queue = items.filter((item) => !states.has(family.id(item)));
  let reads = 0;
  let budgetSpent = false;
  while (queue.length > 0 && (reads === 0 || reads + per <= policy.maxReadsPerRequest)) {
    const wave = queue.slice(0, Math.max(1, Math.min(concurrency, Math.floor((policy.maxReadsPerRequest - reads) / per))));
    queue = queue.slice(wave.length);
    const sent = await Promise.all(wave.map((item) => read(item, false)));
    reads += sent.reduce((sum, n) => sum + n, 0);
    const refused = wave.filter((item) => isRefused(states.get(family.id(item))));
    queue = [...refused, ...queue];
    if (refused.length === wave.length) {
      budgetSpent = true;
      break;
    }
    for (const item of refused) states.delete(family.id(item));
  }
  for (const item of queue) states.set(family.id(item), { kind: 'pending', reason: budgetSpent ? 'budget' : 'readLimit' });
  return { items, states, accessListRequired, reads };
}

const isRefused = (state: ScanState<unknown> | undefined): boolean => state?.kind === 'pending' && state.reason === 'budget';

const count = (scan: CredentialScan<unknown, unknown>, kind: ScanState<unknown>['kind']): number => [...scan.states.values()].filter((state) => state.kind === kind).length;

/** What a scan may cost in Atlas calls: the listing, the settings, and the reads one request may make. */
export function scanCost(ctx: unknown): number {
  const reads = (ctx as Partial<Context> | undefined)?.hygiene?.scan.maxReadsPerRequest ?? 100;
  return 2 + reads;
}

/** How a family's types name its credentials: `keys` / `Keys`, `accounts` / `Accounts`. */
export interface Nouns {
  /** Lower case plural, as field names start: `keys`, `accounts`. */
  field: string;
  /** Capitalized plural, for descriptions: `Keys`, `Accounts`. */
  plural: string;
  /** What the reads of one are, in words: "access list", "access list and projects". */
  reads: string;
}

/** The completeness type of one family's scans (`KeyScanCompleteness`: keysTotal, keysAssessed, ...). */
export function scanCompletenessType(name: string, nouns: Nouns): ObjectRef<Types, CredentialScan<unknown, unknown>> {
  const { field, plural, reads } = nouns;
  const one = field.replace(/s$/, '');
  return builder.objectRef<CredentialScan<unknown, unknown>>(name).implement({
    description: `How complete and how fresh an answer over every ${one} of an organization is: reading each ${one}'s ${reads} takes Atlas calls, made within a share of Atlas' rate limits.`,
    fields: (t) => ({
      [`${field}Total`]: t.int({ description: `${plural} of the organization.`, resolve: (s) => s.items.length }),
      [`${field}Assessed`]: t.int({ description: `${plural} whose ${reads} the answer could use.`, resolve: (s) => count(s, 'assessed') }),
      [`${field}Forbidden`]: t.int({ description: `${plural} whose ${reads} these credentials may not read (needs Organization Owner).`, resolve: (s) => count(s, 'forbidden') }),
      [`${field}Pending`]: t.int({ description: `${plural} not read yet: the per-request share or the rate-limit budget stopped the scan; a later request goes on.`, resolve: (s) => count(s, 'pending') }),
      complete: t.boolean({ description: `Whether every ${one} was assessed.`, resolve: (s) => count(s, 'assessed') === s.items.length }),
      oldestReadAt: t.field({
        type: DateTimeScalar,
        nullable: true,
        description: 'When the oldest read the answer used was made to Atlas (HYGIENE_MAX_AGE_SECONDS at most ago); null when none was.',
        resolve: (s) => {
          const times = [...s.states.values()].flatMap((state) => (state.kind === 'assessed' ? [state.readAt] : []));
          return times.length ? new Date(Math.min(...times)) : null;
        },
      }),
      atlasReads: t.int({ description: 'Atlas calls this request made for the answer (the rest came from the shared cache).', resolve: (s) => s.reads }),
      pendingReason: t.string({
        nullable: true,
        description: 'Why some are pending, in words; null when none is.',
        resolve: (s) => {
          const reasons = new Set([...s.states.values()].flatMap((state) => (state.kind === 'pending' ? [state.reason] : [])));
          if (reasons.size === 0) return null;
          const words: string[] = [];
          if (reasons.has('budget')) words.push(`Atlas' rate limit for these reads is at the share kept for interactive reads (HYGIENE_BUDGET_SHARE)`);
          if (reasons.has('readLimit')) words.push('this request read as much as one request may (HYGIENE_MAX_READS_PER_REQUEST)');
          if (reasons.has('failed')) words.push('some reads failed');
          return `${words.join('; ')}. Ask again to go on: what was read is kept in the shared cache.`;
        },
      }),
    }),
  });
}

/** The highest of some severities, or undefined when there are none. */
const highest = (severities: RiskSeverity[]): RiskSeverity | undefined =>
  severities.length ? RISK_SEVERITIES[Math.max(...severities.map((severity) => RISK_SEVERITIES.indexOf(severity)))] : undefined;

/** A credential the scan could judge, with its usage and findings. */
export interface Assessed<T> {
  item: T;
  usage: Usage;
  risks: Risk[];
}

export interface HygieneReport<T> {
  scan: CredentialScan<T, unknown>;
  assessed: Assessed<T>[];
}

/** The report type of one family (`KeyHygiene`: byKind, bySeverity, keysWithFindings, ...), its count types named `<countPrefix>RiskKindCount` and `<countPrefix>RiskSeverityCount`. */
export function hygieneReportType<T>(
  name: string,
  countPrefix: string,
  nouns: Nouns,
  completeness: ObjectRef<Types, CredentialScan<unknown, unknown>>,
  kinds: readonly RiskKind[],
): ObjectRef<Types, HygieneReport<T>> {
  const { field } = nouns;
  const one = field.replace(/s$/, '');
  const kindCount = builder.objectRef<{ kind: RiskKind; severity: RiskSeverity; n: number }>(`${countPrefix}RiskKindCount`).implement({
    description: `How many assessed ${field} have a finding of one kind.`,
    fields: (t) => ({
      kind: t.field({ type: RiskKindEnum, description: 'The kind; UNKNOWN for a kind this schema version does not know.', resolve: (c) => c.kind as never }),
      kindName: t.string({ description: 'The kind by name.', resolve: (c) => c.kind }),
      severity: t.field({ type: RiskSeverityEnum, description: 'The severity of findings of this kind (the highest found, for a kind whose severity depends on the case).', resolve: (c) => c.severity as never }),
      [field]: t.int({ description: `Assessed ${field} with at least one such finding.`, resolve: (c) => c.n }),
    }),
  });
  const severityCount = builder.objectRef<{ severity: RiskSeverity; n: number }>(`${countPrefix}RiskSeverityCount`).implement({
    description: `How many assessed ${field} have a finding of one severity.`,
    fields: (t) => ({
      severity: t.field({ type: RiskSeverityEnum, description: 'The severity.', resolve: (c) => c.severity as never }),
      [field]: t.int({ description: `Assessed ${field} with at least one finding of this severity.`, resolve: (c) => c.n }),
    }),
  });
  return builder.objectRef<HygieneReport<T>>(name).implement({
    description: `An organization's ${field} judged together: findings per kind and severity, and how complete the answer is.`,
    fields: (t) => ({
      completeness: t.field({ type: completeness, description: 'How complete and how fresh the answer is.', resolve: (r) => r.scan }),
      accessListRequired: t.boolean({ nullable: true, description: "Whether the organization requires an API access list; null when its settings could not be read.", resolve: (r) => r.scan.accessListRequired ?? null }),
      byKind: t.field({
        type: [kindCount],
        description: `Assessed ${field} per finding kind (every kind, zeros included).`,
        resolve: (r) =>
          kinds.map((kind) => ({
            kind,
            severity: highest(r.assessed.flatMap((a) => a.risks.filter((risk) => risk.kind === kind).map((risk) => risk.severity))) ?? DEFAULT_SEVERITY[kind],
            n: r.assessed.filter((a) => a.risks.some((risk) => risk.kind === kind)).length,
          })),
      }),
      bySeverity: t.field({
        type: [severityCount],
        description: `Assessed ${field} per severity of their findings (each ${one} counts once per severity it has).`,
        resolve: (r) => RISK_SEVERITIES.map((severity) => ({ severity, n: r.assessed.filter((a) => a.risks.some((risk) => risk.severity === severity)).length })),
      }),
      [`${field}WithFindings`]: t.int({ description: `Assessed ${field} with at least one finding.`, resolve: (r) => r.assessed.filter((a) => a.risks.length > 0).length }),
      [`${field}WithUnknownUsage`]: t.int({
        description: `Assessed ${field} whose usage Atlas does not record: unknown, not unused.`,
        resolve: (r) => r.assessed.filter((a) => !a.usage.known).length,
      }),
    }),
  });
}
