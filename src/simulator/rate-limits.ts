/**
 * Atlas' rate limits: token buckets per endpoint set and scope. Every v2 endpoint belongs to
 * one endpoint set; the set's scope (organization, project, user or IP address) says whose
 * bucket a request spends, so draining the org-key set of one organization leaves another
 * organization's bucket, and every other set, untouched.
 *
 * Two profiles: `'atlas'`, with the capacities and refill rates of `ATLAS_ENDPOINT_SETS`, and
 * the simple `{capacity, refillPerSecond}` form, which gives every set that one bucket size.
 */
import type { OperationId } from './types.js';

export type RateLimitScope = 'IP' | 'GROUP' | 'ORGANIZATION' | 'USER';

export interface BucketLimit {
  /** Tokens in a full bucket. */
  capacity: number;
  /** Tokens added at the end of each refill interval. */
  refillRate: number;
  /** Length of a refill interval. */
  refillDurationSeconds: number;
}

export interface EndpointSet {
  /** As Atlas names them: a camel-case name and the scope, e.g. `rateLimitsInspection_group`. */
  endpointSetId: string;
  endpointSetName: string;
  scope: RateLimitScope;
  operations: readonly OperationId[];
  limit: BucketLimit;
  /** Where the numbers come from. */
  source: 'docs' | 'assumption';
}

const ATLAS_DOCS_EXAMPLE: BucketLimit = { capacity: 10, refillRate: 5, refillDurationSeconds: 60 };
const ASSUMED: BucketLimit = { capacity: 100, refillRate: 100, refillDurationSeconds: 60 };

/**
 * The endpoint sets of the served v2 operations. Atlas' public rate-limit page documents the
 * model (sets, scopes, headers, the 429 body) but gives one set's numbers only, in its sample
 * error: `api/atlas/v2/orgs`, capacity 10, refill 5 per 60 seconds. Every other value here is an
 * assumption (capacity 100, refill 100 per minute), marked `source: 'assumption'`; the real ones
 * can be read from Atlas with `GET /api/atlas/v2/rateLimits` and set with `rateLimit.endpointSets`.
 */
export const ATLAS_ENDPOINT_SETS: readonly EndpointSet[] = [
  { endpointSetId: 'organizations_user', endpointSetName: 'Organizations', scope: 'USER', operations: ['listOrgs'], limit: ATLAS_DOCS_EXAMPLE, source: 'docs' },
  // Settings are an org-scoped admin resource under /orgs/{orgId}: they spend the organization's
  // bucket of its Organization set, as the org's other own endpoints do (Atlas does not publish
  // its sets; this follows its resource families).
  {
    endpointSetId: 'organization_organization',
    endpointSetName: 'Organization',
    scope: 'ORGANIZATION',
    operations: ['getOrg', 'getOrgGroups', 'getOrgSettings', 'updateOrgSettings'],
    limit: ASSUMED,
    source: 'assumption',
  },
  { endpointSetId: 'projects_user', endpointSetName: 'Projects', scope: 'USER', operations: ['listGroups', 'getProjectByName'], limit: ASSUMED, source: 'assumption' },
  { endpointSetId: 'project_group', endpointSetName: 'Project', scope: 'GROUP', operations: ['getGroup'], limit: ASSUMED, source: 'assumption' },
  {
    endpointSetId: 'organizationApiKeys_organization',
    endpointSetName: 'Organization API Keys',
    scope: 'ORGANIZATION',
    operations: ['listOrgApiKeys', 'createOrgApiKey', 'getOrgApiKey', 'updateOrgApiKey', 'deleteOrgApiKey'],
    limit: ASSUMED,
    source: 'assumption',
  },
  {
    endpointSetId: 'organizationApiKeyAccessLists_organization',
    endpointSetName: 'Organization API Key Access Lists',
    scope: 'ORGANIZATION',
    operations: ['listOrgApiKeyAccessListEntries', 'createOrgApiKeyAccessListEntry', 'getOrgApiKeyAccessListEntry', 'deleteOrgApiKeyAccessListEntry'],
    limit: ASSUMED,
    source: 'assumption',
  },
  {
    endpointSetId: 'projectApiKeys_group',
    endpointSetName: 'Project API Keys',
    scope: 'GROUP',
    operations: ['listGroupApiKeys', 'createGroupApiKey', 'addGroupApiKey', 'updateGroupApiKeyRoles', 'removeGroupApiKey'],
    limit: ASSUMED,
    source: 'assumption',
  },
  // Service accounts follow the key sets' split: an organization's accounts spend its bucket, the
  // project operations the project's.
  {
    endpointSetId: 'organizationServiceAccounts_organization',
    endpointSetName: 'Organization Service Accounts',
    scope: 'ORGANIZATION',
    operations: [
      'listOrgServiceAccounts',
      'createOrgServiceAccount',
      'getOrgServiceAccount',
      'updateOrgServiceAccount',
      'deleteOrgServiceAccount',
      'createOrgServiceAccountSecret',
      'deleteOrgServiceAccountSecret',
      'listOrgServiceAccountAccessList',
      'createOrgServiceAccountAccessList',
      'deleteOrgServiceAccountAccessListEntry',
      'getOrgServiceAccountGroups',
    ],
    limit: ASSUMED,
    source: 'assumption',
  },
  {
    endpointSetId: 'projectServiceAccounts_group',
    endpointSetName: 'Project Service Accounts',
    scope: 'GROUP',
    operations: [
      'listGroupServiceAccounts',
      'createGroupServiceAccount',
      'getGroupServiceAccount',
      'updateGroupServiceAccount',
      'deleteGroupServiceAccount',
      'inviteGroupServiceAccount',
      'listGroupServiceAccountAccessList',
      'createGroupServiceAccountAccessList',
      'deleteGroupServiceAccountAccessListEntry',
      'createGroupServiceAccountSecret',
      'deleteGroupServiceAccountSecret',
    ],
    limit: ASSUMED,
    source: 'assumption',
  },
  // "Who am I" names no organization or project: like the other caller-wide reads, it is the caller's (USER).
  { endpointSetId: 'root_user', endpointSetName: 'Root', scope: 'USER', operations: ['getSystemStatus'], limit: ASSUMED, source: 'assumption' },
  { endpointSetId: 'eventTypes_user', endpointSetName: 'Event Types', scope: 'USER', operations: ['listEventTypes'], limit: ASSUMED, source: 'assumption' },
  {
    endpointSetId: 'organizationEvents_organization',
    endpointSetName: 'Organization Events',
    scope: 'ORGANIZATION',
    operations: ['listOrgEvents', 'getOrgEvent'],
    limit: ASSUMED,
    source: 'assumption',
  },
  { endpointSetId: 'projectEvents_group', endpointSetName: 'Project Events', scope: 'GROUP', operations: ['listGroupEvents', 'getGroupEvent'], limit: ASSUMED, source: 'assumption' },
  {
    endpointSetId: 'rateLimitsInspection_ip',
    endpointSetName: 'Rate Limits Inspection',
    scope: 'IP',
    operations: ['listRateLimits', 'getRateLimit'],
    limit: ASSUMED,
    source: 'assumption',
  },
];

/** The simple form: every endpoint set's bucket holds `capacity` tokens and gets `refillPerSecond` back each second. */
export interface SimpleRateLimit {
  capacity: number;
  refillPerSecond: number;
}

/** Endpoint sets of your own (e.g. the numbers Atlas reports for your organization). */
export interface CustomRateLimit {
  endpointSets: readonly EndpointSet[];
}

export type RateLimitProfile = 'atlas' | SimpleRateLimit | CustomRateLimit;

export interface RateDecision {
  allowed: boolean;
  set: EndpointSet;
  remaining: number;
  /** Whole seconds until the bucket has a token again (when not allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  /** Start of the current refill interval, in milliseconds. */
  intervalStart: number;
}

/** Who a request is, for the four scopes; a scope the request does not name is undefined. */
export interface ScopeValues {
  orgId?: string;
  groupId?: string;
  userId: string;
  ipAddress: string;
}

export function endpointSetsOf(profile: RateLimitProfile): readonly EndpointSet[] {
  if (profile === 'atlas') return ATLAS_ENDPOINT_SETS;
  if ('endpointSets' in profile) return profile.endpointSets;
  const limit: BucketLimit = { capacity: profile.capacity, refillRate: profile.refillPerSecond, refillDurationSeconds: 1 };
  return ATLAS_ENDPOINT_SETS.map((set) => ({ ...set, limit, source: 'assumption' as const }));
}

function validate(sets: readonly EndpointSet[]): void {
  const seen = new Set<OperationId>();
  for (const { endpointSetId, limit, operations } of sets) {
    if (!(limit.capacity >= 1 && limit.refillRate > 0 && limit.refillDurationSeconds > 0)) {
      throw new RangeError(`Endpoint set ${endpointSetId}: rate limit needs capacity >= 1, refill rate > 0 and refill duration > 0.`);
    }
    for (const operation of operations) {
      if (seen.has(operation)) throw new RangeError(`Operation ${operation} is in two endpoint sets.`);
      seen.add(operation);
    }
  }
}

export class RateLimiter {
  private sets: readonly EndpointSet[] = ATLAS_ENDPOINT_SETS;
  private bySetOperation = new Map<OperationId, EndpointSet>();
  private enforced = false;
  private readonly buckets = new Map<string, Bucket>();

  constructor(profile: RateLimitProfile | false = false) {
    this.configure(profile);
  }

  /** A profile to enforce, or `false` to stop limiting (the sets are still described). */
  configure(profile: RateLimitProfile | false): void {
    const sets = profile === false ? ATLAS_ENDPOINT_SETS : endpointSetsOf(profile);
    validate(sets);
    this.sets = sets;
    this.bySetOperation = new Map(sets.flatMap((set) => set.operations.map((op) => [op, set] as const)));
    this.enforced = profile !== false;
    this.buckets.clear();
  }

  get endpointSets(): readonly EndpointSet[] {
    return this.sets;
  }

  /** Takes a token for `operation` from the bucket of its set and scope; undefined when not limited. */
  take(operation: OperationId, who: ScopeValues, now = Date.now()): RateDecision | undefined {
    const set = this.bySetOperation.get(operation);
    if (!this.enforced || !set) return undefined;
    const scopeValue = scopeValueOf(set.scope, who);
    if (scopeValue === undefined) return undefined;
    const { capacity, refillRate, refillDurationSeconds } = set.limit;
    const intervalMs = refillDurationSeconds * 1000;
    const key = `${set.endpointSetId}\u0000${scopeValue}`;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, intervalStart: now };
    const intervals = Math.floor((now - bucket.intervalStart) / intervalMs);
    if (intervals > 0) {
      bucket.tokens = Math.min(capacity, bucket.tokens + intervals * refillRate);
      bucket.intervalStart += intervals * intervalMs;
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, set, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    // Whole intervals until the refills add up to one token, counted from the current interval's end.
    const needed = Math.ceil((1 - bucket.tokens) / refillRate);
    const waitMs = bucket.intervalStart + needed * intervalMs - now;
    return { allowed: false, set, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

function scopeValueOf(scope: RateLimitScope, who: ScopeValues): string | undefined {
  switch (scope) {
    case 'ORGANIZATION':
      return who.orgId;
    case 'GROUP':
      return who.groupId;
    case 'USER':
      return who.userId;
    case 'IP':
      return who.ipAddress;
  }
}
