/**
 * Public types of the Atlas-compatible simulator: its options, its control handle and its
 * fault-injection vocabulary. The simulator imports nothing from the gateway.
 */
import type { EventInput } from './events.js';
import type { RateLimitProfile } from './rate-limits.js';

export type { EventActor, EventInput } from './events.js';

export type { BucketLimit, EndpointSet, RateLimitScope } from './rate-limits.js';


/** The v2 operationIds of the Atlas Admin API, used to name operations in every flavor. */
export const OPERATIONS = [
  'listOrgs',
  'getOrg',
  'getOrgGroups',
  'listGroups',
  'getGroup',
  'listOrgApiKeys',
  'createOrgApiKey',
  'getOrgApiKey',
  'updateOrgApiKey',
  'deleteOrgApiKey',
  'listOrgApiKeyAccessListEntries',
  'createOrgApiKeyAccessListEntry',
  'getOrgApiKeyAccessListEntry',
  'deleteOrgApiKeyAccessListEntry',
  'listGroupApiKeys',
  'createGroupApiKey',
  'addGroupApiKey',
  'updateGroupApiKeyRoles',
  'removeGroupApiKey',
  'getProjectByName',
  'listRateLimits',
  'getRateLimit',
  'listEventTypes',
  'listOrgEvents',
  'getOrgEvent',
  'listGroupEvents',
  'getGroupEvent',
  'createOAuthToken',
  'getSystemStatus',
  'getOrgSettings',
  'updateOrgSettings',
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
] as const;
export type OperationId = (typeof OPERATIONS)[number];

/** Faults that strike before the operation runs: nothing is changed. */
export type PreApplyFault = 429 | 500 | 503 | 'reset' | 'stall' | 'malformed-json';

/**
 * Faults that strike after the operation ran and its change was made, so only the answer is
 * lost: the connection is reset, the answer never comes, a 500 is sent instead, or a 2xx with a
 * truncated body. On reads they behave like their pre-apply twins.
 */
export type PostApplyFault = 'reset-after-apply' | 'stall-after-apply' | '500-after-apply' | 'truncated-after-apply';

/** What the simulator can do to a request instead of answering it normally. */
export type FaultKind = PreApplyFault | PostApplyFault;

export const POST_APPLY_FAULTS: readonly PostApplyFault[] = ['reset-after-apply', 'stall-after-apply', '500-after-apply', 'truncated-after-apply'];

/**
 * A fault plan for one operation (or `'*'` for all). A `sequence` is consumed one step per
 * authenticated request (`'ok'` lets a request through); `probability` applies `kind` at random.
 */
export type FaultSpec =
  | { sequence: ReadonlyArray<FaultKind | 'ok'> }
  | { probability: number; kind: FaultKind };

/** Sizes of a generated seed: orgs × projects per org × keys per org × access list entries per key. */
export interface GeneratedSeed {
  orgs: number;
  projectsPerOrg: number;
  keysPerOrg: number;
  entriesPerKey: number;
}

/** `'demo'`, `'empty'`, generated sizes, or the same sizes as a string `"1x20x200x3"`. */
export type SeedSpec = 'demo' | 'empty' | GeneratedSeed | string;

/**
 * `'atlas'`: Atlas' endpoint sets and scopes with the documented (or assumed) numbers;
 * `{capacity, refillPerSecond}`: the same sets and scopes, every bucket this size; or
 * `{endpointSets}` of your own. See `rate-limits.ts`.
 */
export type RateLimitOptions = RateLimitProfile;

export interface SimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Initial data; default `'demo'`. */
  seed?: SeedSpec;
  /** Fixed delay added to every request, in milliseconds; default 0. */
  latencyMs?: number;
  /** Admin credentials (a global owner of every org). Defaults are in `DEFAULT_ADMIN`. */
  publicKey?: string;
  privateKey?: string;
  clientId?: string;
  clientSecret?: string;
  /** Token buckets per endpoint set and scope, on v2 calls; off (`false`) by default. */
  rateLimit?: RateLimitOptions | false;
  /** How long a Digest nonce stays fresh, in milliseconds; default 300 000. */
  nonceTtlMs?: number;
  /** Lifetime of OAuth access tokens, in seconds; default 3600. */
  tokenTtlSeconds?: number;
  /** Take the caller's address from X-Forwarded-For (for access-list tests); default false. */
  trustProxy?: boolean;
  /** v2 versions that answer 410 VERSION_GONE instead of 406. */
  retiredVersions?: string[];
  /**
   * Days the activity feed keeps an event; by default events are kept, as Atlas documents for
   * its organization feed (see events.ts).
   */
  eventRetentionDays?: number;
  /** Log every request with pino; default false. */
  logger?: boolean;
}

export interface RoleAssignment {
  orgId?: string;
  groupId?: string;
  roleName: string;
}

export interface SeedSummary {
  orgs: Array<{
    id: string;
    name: string;
    projects: Array<{ id: string; name: string }>;
    apiKeys: Array<{ id: string; publicKey: string; desc: string }>;
    /** The org's service accounts, system-managed ones included. */
    serviceAccounts: Array<{ clientId: string; name: string; systemManaged: boolean }>;
  }>;
}

export interface OperationStats {
  /** Every request routed to the operation, challenges and faults included. */
  total: number;
  /** Counts by outcome: an HTTP status (`"200"`, `"401"`, ...) or `"reset"` / `"stall"`. */
  byStatus: Record<string, number>;
}

export interface SimulatorStats {
  /** Every HTTP request the simulator received. */
  requests: number;
  /** TCP connections accepted. */
  connections: number;
  /** 401 answers that carried a fresh Digest challenge. */
  challenges: number;
  operations: Partial<Record<OperationId | 'unknown', OperationStats>>;
}

export interface RequestRecord {
  operation: OperationId | 'unknown';
  method: string;
  url: string;
  status: number | 'reset' | 'stall';
  /** The scheme of the Authorization header, `'none'` when absent. */
  auth: 'digest' | 'bearer' | 'basic' | 'none' | 'other';
  /** How many Authorization headers the request carried. */
  authorizationHeaders: number;
}

export interface SimulatorControl {
  readonly admin: { publicKey: string; privateKey: string; clientId: string; clientSecret: string };
  /** Ids of what the current seed created. */
  readonly seeded: SeedSummary;
  setLatency(ms: number): void;
  setRateLimit(options: RateLimitOptions | false): void;
  injectFault(operation: OperationId | '*', spec: FaultSpec): void;
  clearFaults(): void;
  stats(): SimulatorStats;
  /** The most recent requests (at most 10 000), oldest first. */
  requests(): RequestRecord[];
  resetStats(): void;
  /** Make every issued Digest nonce stale (the next signed request gets `stale=true`). */
  expireNonces(): void;
  /** Expire every issued OAuth access token. */
  expireTokens(): void;
  /**
   * A service account whose bearer tokens carry exactly these roles. It is the simulator's own, as
   * its admin's is: in no organization's list of service accounts, outside access lists, its secret
   * never expiring, and kept by `reset`. An organization's service accounts are made with the API.
   */
  createServiceAccount(roles: RoleAssignment[]): { clientId: string; clientSecret: string };
  /**
   * Ends the life of an organization's service-account secret now, as if its lifetime had run out
   * (the simulator has no clock to move): the token endpoint refuses it from then on.
   */
  expireServiceAccountSecret(clientId: string, secretId: string): void;
  /**
   * Records an event in the activity feed as if Atlas had, e.g. one of a type the simulator
   * does not model (its `fields` are shown as given); returns the event's id.
   */
  recordEvent(event: EventInput): string;
  /**
   * Replace all data with a new seed (stats, faults and the simulator's own credentials stay; the
   * organizations' service accounts go with their data, and so do their tokens).
   */
  reset(seed?: SeedSpec): void;
}

export interface Simulator {
  /** Origin the simulator listens on, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly control: SimulatorControl;
  close(): Promise<void>;
}
