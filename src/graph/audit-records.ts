/**
 * Reading the gateway's audit records (audit.ts writes them): `Organization.auditRecords`,
 * `ApiKey.auditRecords` and `ServiceAccount.auditRecords`, newest first. They need their own scope, `atlas:audit` or
 * `atlas:audit:<orgId>`, which neither read nor write implies. Records come from the gateway's
 * store, never from Atlas: they cost no Atlas call.
 */
import type { ActingAs } from '../atlas/index.js';
import type { AtlasEvent } from '../atlas/index.js';
import type { AuditCaller, AuditOutcome, AuditQuery, AuditRecord, AuditedKey, AuditedServiceAccount } from '../server/audit-store.js';
import { ApiKeyRef } from './api-key.js';
import { ApiKeyEventRef } from './api-key-events.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import type { ArgumentCheck } from './argument-checks.js';
import { badUserInput } from './errors.js';
import { OrganizationRef } from './organization.js';
import { MAX_ITEMS_PER_PAGE } from './page-plan.js';
import type { EventModel } from './event-history.js';
import { ServiceAccountRef } from './service-account.js';
import { SERVICE_ACCOUNT_EVENT, ServiceAccountEventRef } from './service-account-events.js';
import { CredentialKindEnum, kindOf } from './viewer.js';

const OUTCOMES = {
  DONE: 'The change was made (the payload).',
  PARTLY_DONE: "Some of its changes were made before a later step failed and the rest was not (a typed error whose changesMade names them): a retry does the rest.",
  NOT_DONE: 'Nothing was changed (a typed error such as ValidationError, or a rotation rolled back).',
  OUTCOME_UNKNOWN: 'The change may or may not have been made (OutcomeUnknownError, a rotation that left its new key, or an unexpected error).',
} as const;

const AuditOutcomeEnum = builder.enumType('AuditOutcome', {
  description: 'What came of an audited mutation.',
  values: Object.fromEntries(Object.entries(OUTCOMES).map(([name, description]) => [name, { value: name, description }])) as Record<AuditOutcome, { value: AuditOutcome; description: string }>,
});

const CALLER_KINDS = { jwt: 'JWT', atlasToken: 'ATLAS_TOKEN', anonymous: 'ANONYMOUS' } as const;

const AuditCallerKindEnum = builder.enumType('AuditCallerKind', {
  description: 'How the caller of an audited mutation is known.',
  values: {
    JWT: { description: "A verified inbound JWT: its subject and issuer." },
    ATLAS_TOKEN: { description: "Pass-through: the subject of the caller's Atlas token (a service account's client id), or a hash prefix of the token when it names none." },
    ANONYMOUS: { description: 'No inbound authentication is configured: the gateway does not know who asked.' },
  } as const,
});

const AuditCallerRef = builder.objectRef<AuditCaller>('AuditCaller').implement({
  description: 'Who asked for an audited mutation (never a token).',
  fields: (t) => ({
    kind: t.field({ type: AuditCallerKindEnum, description: 'How the caller is known.', resolve: (c) => CALLER_KINDS[c.kind] }),
    subject: t.string({ nullable: true, description: "The JWT's or the Atlas token's `sub`.", resolve: (c) => (c.kind === 'anonymous' ? null : c.subject) }),
    issuer: t.string({ nullable: true, description: "The JWT's `iss`.", resolve: (c) => (c.kind === 'jwt' ? c.issuer : null) }),
    tokenHashPrefix: t.string({
      nullable: true,
      description: "The first 16 hexadecimal digits of the SHA-256 of the caller's Atlas token, when the token names no subject.",
      resolve: (c) => (c.kind === 'atlasToken' ? c.tokenHash : null),
    }),
  }),
});

const AuditCredentialRef = builder.objectRef<ActingAs>('AuditCredential').implement({
  description: 'The credential the gateway called Atlas with: what Atlas records as having made the change.',
  fields: (t) => ({
    kind: t.field({ type: CredentialKindEnum, description: 'What kind of credential it is.', resolve: kindOf }),
    publicKey: t.string({ nullable: true, description: "The configured key's public key.", resolve: (a) => (a.kind === 'apiKey' ? a.publicKey : null) }),
    clientId: t.string({ nullable: true, description: "The configured service account's client id.", resolve: (a) => (a.kind === 'serviceAccount' ? a.clientId : null) }),
  }),
});

const AuditedApiKeyRef = builder.objectRef<AuditedKey>('AuditedApiKey').implement({
  description: 'An API key an audited mutation touched (asked about, created, changed or deleted).',
  fields: (t) => ({
    atlasId: t.exposeString('apiKeyId', { description: 'The Atlas id of the key.' }),
    publicKey: t.string({
      nullable: true,
      description: "Its public key, when the mutation's answer showed it: Atlas' events name the key acted on by it (targetPublicKey).",
      resolve: (k) => k.publicKey,
    }),
  }),
});

const AuditedServiceAccountRef = builder.objectRef<AuditedServiceAccount>('AuditedServiceAccount').implement({
  description: 'A service account an audited mutation touched (asked about, created, changed, migrated to or deleted).',
  fields: (t) => ({
    clientId: t.exposeString('clientId', { description: 'Its client id (mdb_sa_id_…).' }),
  }),
});

const AuditRecordRef = builder.objectRef<AuditRecord>('AuditRecord').implement({
  description: 'One mutation executed through the gateway: who asked, through which credential, what was asked, and what came of it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The record id; ids sort as records were made.' }),
    at: t.field({ type: 'DateTime', description: 'When the mutation answered.', resolve: (r) => r.at }),
    requestId: t.string({ nullable: true, description: 'The request id, as in the log line and the x-request-id header.', resolve: (r) => r.requestId }),
    caller: t.field({ type: AuditCallerRef, description: 'Who asked.', resolve: (r) => r.caller }),
    credential: t.field({ type: AuditCredentialRef, description: 'The credential the gateway acted as.', resolve: (r) => r.actingAs }),
    operation: t.exposeString('operation', { description: 'The mutation field, e.g. createApiKey.' }),
    input: t.string({ description: 'Its arguments as JSON, every field whose name looks like a secret replaced by "[redacted]".', resolve: (r) => JSON.stringify(r.input) }),
    outcome: t.field({ type: AuditOutcomeEnum, description: 'Done, not done, or not known.', resolve: (r) => r.outcome }),
    resultType: t.exposeString('resultType', { description: 'The GraphQL type it answered (ApiKeyPayload, ValidationError, OutcomeUnknownError, ...); Error for an unexpected error.' }),
    organizationAtlasId: t.string({ nullable: true, description: 'The Atlas id of the organization.', resolve: (r) => r.orgId }),
    projectAtlasId: t.string({ nullable: true, description: 'The Atlas id of the project, for a project change.', resolve: (r) => r.projectId }),
    apiKeys: t.field({ type: [AuditedApiKeyRef], description: 'The keys it touched.', resolve: (r) => r.apiKeys }),
    serviceAccounts: t.field({ type: [AuditedServiceAccountRef], description: 'The service accounts it touched.', resolve: (r) => r.serviceAccounts ?? [] }),
  }),
});

const AuditRecordConnection = builder.connectionObject(
  { type: AuditRecordRef, name: 'AuditRecordConnection', description: 'A page of audit records, newest first.' },
  { name: 'AuditRecordEdge', description: 'An audit record in a page.' },
);

interface AuditArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  operation?: string | null;
  outcome?: AuditOutcome | null;
}

const RECORD_ID = /^[0-9a-z]{21}$/;
const DEFAULT_FIRST = 20;

/** The window of a page of records, checked before execution (argument-checks.ts) as every connection's is. */
const checkAuditWindow: ArgumentCheck = (raw) => {
  const args = raw as AuditArgs;
  if (args.last != null || args.before != null) throw badUserInput('Audit records are read newest first: use first and after.', args.last != null ? 'last' : 'before');
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_ITEMS_PER_PAGE) throw badUserInput(`first must be between 0 and ${MAX_ITEMS_PER_PAGE}.`, 'first');
  if (args.after != null && !RECORD_ID.test(args.after)) throw badUserInput('after is not a cursor from this connection.', 'after');
  return first;
};

/** A page of records, newest first; the cursor of a record is its id. */
async function recordsPage(ctx: Context, scope: Pick<AuditQuery, 'orgId' | 'apiKeyId' | 'clientId'>, args: AuditArgs) {
  const first = checkAuditWindow(args as Record<string, unknown>) as number;
  const { records, hasMore } = await ctx.audit.list({
    ...scope,
    first,
    ...(args.after != null ? { before: args.after } : {}),
    ...(args.operation != null ? { operation: args.operation } : {}),
    ...(args.outcome != null ? { outcome: args.outcome } : {}),
  });
  return {
    edges: records.map((node) => ({ cursor: node.id, node })),
    pageInfo: { hasNextPage: hasMore, hasPreviousPage: args.after != null, startCursor: records[0]?.id ?? null, endCursor: records.at(-1)?.id ?? null },
  };
}

const description = (what: string) =>
  `The gateway's audit records of mutations that touched ${what}, newest first (first and after only). Needs the scope atlas:audit or atlas:audit:<orgId>. Kept for AUDIT_RETENTION_DAYS; without Redis, only those of this replica since it started.`;

builder.objectFields(OrganizationRef, (t) => ({
  auditRecords: t.connection(
    {
      type: AuditRecordRef,
      description: description('this organization'),
      args: {
        operation: t.arg.string({ required: false, description: 'Only records of this mutation, e.g. createApiKey.' }),
        outcome: t.arg({ type: AuditOutcomeEnum, required: false, description: 'Only records with this outcome.' }),
      },
      extensions: { checkArguments: checkAuditWindow },
      authScopes: (org) => ({ audit: org.id }),
      resolve: (org, args, ctx) => recordsPage(ctx, { orgId: org.id }, args),
    },
    AuditRecordConnection,
  ),
}));

builder.objectFields(ApiKeyRef, (t) => ({
  auditRecords: t.connection({
    type: AuditRecordRef,
    description: description('this key'),
    args: {
      operation: t.arg.string({ required: false, description: 'Only records of this mutation, e.g. updateApiKey.' }),
      outcome: t.arg({ type: AuditOutcomeEnum, required: false, description: 'Only records with this outcome.' }),
    },
    extensions: { checkArguments: checkAuditWindow },
    authScopes: (key) => ({ audit: key.orgId }),
    resolve: (key, args, ctx) => recordsPage(ctx, { orgId: key.orgId, apiKeyId: key.id }, args),
  }, AuditRecordConnection),
}));

builder.objectFields(ServiceAccountRef, (t) => ({
  auditRecords: t.connection({
    type: AuditRecordRef,
    description: description('this service account'),
    args: {
      operation: t.arg.string({ required: false, description: 'Only records of this mutation, e.g. rotateServiceAccountSecret.' }),
      outcome: t.arg({ type: AuditOutcomeEnum, required: false, description: 'Only records with this outcome.' }),
    },
    extensions: { checkArguments: checkAuditWindow },
    authScopes: (account) => ({ audit: account.orgId }),
    resolve: (account, args, ctx) => recordsPage(ctx, { orgId: account.orgId, clientId: account.clientId }, args),
  }, AuditRecordConnection),
}));

// --- the record behind an Atlas event ------------------------------------------------------------

/** The Atlas event types each mutation can leave on the keys it touches; a mutation not listed here may leave any. */
const EVENTS_OF: Readonly<Record<string, readonly string[]>> = {
  createApiKey: ['API_KEY_CREATED'],
  createProjectApiKey: ['API_KEY_CREATED', 'API_KEY_ADDED_TO_GROUP'],
  updateApiKey: ['API_KEY_DESCRIPTION_CHANGED', 'API_KEY_ROLES_CHANGED'],
  deleteApiKey: ['API_KEY_DELETED'],
  assignApiKeyToProject: ['API_KEY_ADDED_TO_GROUP', 'API_KEY_ROLES_CHANGED'],
  setProjectApiKeyRoles: ['API_KEY_ROLES_CHANGED', 'API_KEY_DESCRIPTION_CHANGED', 'API_KEY_ADDED_TO_GROUP'],
  unassignApiKeyFromProject: ['API_KEY_REMOVED_FROM_GROUP'],
  addAccessListEntries: ['API_KEY_ACCESS_LIST_ENTRY_ADDED'],
  removeAccessListEntry: ['API_KEY_ACCESS_LIST_ENTRY_DELETED'],
  rotateApiKey: ['API_KEY_CREATED', 'API_KEY_ADDED_TO_GROUP', 'API_KEY_ROLES_CHANGED', 'API_KEY_ACCESS_LIST_ENTRY_ADDED', 'API_KEY_DELETED'],
  updateOrganizationSettings: [],
  createServiceAccount: ['SERVICE_ACCOUNT_CREATED'],
  createProjectServiceAccount: ['SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_ADDED_TO_GROUP'],
  updateServiceAccount: ['SERVICE_ACCOUNT_DETAILS_CHANGED', 'SERVICE_ACCOUNT_ROLES_CHANGED'],
  deleteServiceAccount: ['SERVICE_ACCOUNT_DELETED'],
  // PARTLY_DONE when a lost secret deleted again had shortened the older ones' life.
  addServiceAccountSecret: ['SERVICE_ACCOUNT_SECRET_ADDED', 'SERVICE_ACCOUNT_SECRET_DELETED'],
  deleteServiceAccountSecret: ['SERVICE_ACCOUNT_SECRET_DELETED'],
  rotateServiceAccountSecret: ['SERVICE_ACCOUNT_SECRET_ADDED', 'SERVICE_ACCOUNT_SECRET_DELETED'],
  addServiceAccountAccessListEntries: ['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED'],
  removeServiceAccountAccessListEntry: ['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED'],
  assignServiceAccountToProject: ['SERVICE_ACCOUNT_ADDED_TO_GROUP', 'SERVICE_ACCOUNT_ROLES_CHANGED'],
  setServiceAccountProjectRoles: ['SERVICE_ACCOUNT_ROLES_CHANGED'],
  unassignServiceAccountFromProject: ['SERVICE_ACCOUNT_REMOVED_FROM_GROUP'],
  migrateApiKeyToServiceAccount: ['SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_ADDED_TO_GROUP', 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED'],
};

/**
 * What a mutation answered NOT_DONE may still have made Atlas record, in place of EVENTS_OF: a
 * create whose answer was lost made the credential and deleted it again (the record names it); a
 * rotation rolled back. Any other NOT_DONE changed nothing.
 */
const UNDONE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  createApiKey: ['API_KEY_CREATED', 'API_KEY_DELETED'],
  createProjectApiKey: ['API_KEY_CREATED', 'API_KEY_ADDED_TO_GROUP', 'API_KEY_DELETED'],
  rotateApiKey: ['API_KEY_CREATED', 'API_KEY_ADDED_TO_GROUP', 'API_KEY_ACCESS_LIST_ENTRY_ADDED', 'API_KEY_DELETED'],
  createServiceAccount: ['SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_DELETED'],
  createProjectServiceAccount: ['SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_ADDED_TO_GROUP', 'SERVICE_ACCOUNT_DELETED'],
  migrateApiKeyToServiceAccount: ['SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_DELETED'],
  addServiceAccountSecret: ['SERVICE_ACCOUNT_SECRET_ADDED', 'SERVICE_ACCOUNT_SECRET_DELETED'],
  rotateServiceAccountSecret: ['SERVICE_ACCOUNT_SECRET_ADDED', 'SERVICE_ACCOUNT_SECRET_DELETED'],
};

/** Whether the record's mutation, with its outcome, can have made Atlas record an event of this type (any, for a mutation the tables do not know). */
function leavesEvent(record: AuditRecord, eventTypeName: string): boolean {
  if (record.outcome === 'NOT_DONE') return UNDONE_EVENTS[record.operation]?.includes(eventTypeName) ?? false;
  return EVENTS_OF[record.operation]?.includes(eventTypeName) ?? true;
}

/** How far Atlas's clock and the gateway's may disagree. */
export const MATCH_CLOCK_SKEW_MS = 2_000;
/** The longest a mutation is taken to run (settling a lost answer included): records that answered later than this after an event are not looked at. */
export const MATCH_MAX_MUTATION_MS = 5 * 60_000;
/** Records looked at per event. */
const MATCH_CANDIDATES = 50;

/** Whether Atlas names the credential the record's mutation called it with as the event's actor. */
function actedAs(record: AuditRecord, event: AtlasEvent): boolean {
  const acting = record.actingAs;
  if (acting.kind === 'apiKey') return event.publicKey === acting.publicKey;
  const principal = event.delegatePrincipal?.id;
  if (!principal || event.publicKey || event.username) return false;
  if (acting.kind === 'serviceAccount') return principal === acting.clientId;
  return acting.kind === 'callerToken' && record.caller.kind === 'atlasToken' && record.caller.subject === principal;
}

/**
 * The records that can stand behind `event`: written through the credential Atlas names as its
 * actor, not NOT_DONE (nothing changed) unless a lost create was deleted again, of a mutation that leaves its type, touching its target key
 * (by public key, or by `targetId` while the key exists) or, for a service account event (which
 * names no account), touching an account, running when Atlas recorded it (with
 * MATCH_CLOCK_SKEW_MS either side).
 */
export function recordsBehind(event: AtlasEvent, records: readonly AuditRecord[], targetId?: string): AuditRecord[] {
  const at = Date.parse(event.created);
  const ofAccount = SERVICE_ACCOUNT_EVENT.test(event.eventTypeName);
  return records.filter((record) => {
    const started = Date.parse(record.startedAt ?? record.at);
    return (
      leavesEvent(record, event.eventTypeName) &&
      actedAs(record, event) &&
      (ofAccount
        ? (record.serviceAccounts?.length ?? 0) > 0
        : record.apiKeys.some((key) => (key.publicKey !== null && key.publicKey === event.targetPublicKey) || (targetId !== undefined && key.apiKeyId === targetId))) &&
      started - MATCH_CLOCK_SKEW_MS <= at &&
      at <= Date.parse(record.at) + MATCH_CLOCK_SKEW_MS
    );
  });
}

/** The records that can stand behind an event, read from the store (no Atlas call unless a record lacks the target's public key). */
async function requestsBehind(ctx: Context, event: EventModel): Promise<AuditRecord[]> {
  // Users act in the console, never through the gateway.
  if (!event.publicKey && !event.delegatePrincipal?.id) return [];
  const at = Date.parse(event.created);
  const ofAccount = SERVICE_ACCOUNT_EVENT.test(event.eventTypeName);
  if (Number.isNaN(at) || (!ofAccount && !event.targetPublicKey)) return [];
  const { records } = await ctx.audit.list({
    orgId: event.feedOrgId,
    first: MATCH_CANDIDATES,
    answeredFrom: at - MATCH_CLOCK_SKEW_MS,
    answeredTo: at + MATCH_CLOCK_SKEW_MS + MATCH_MAX_MUTATION_MS,
  });
  // A record that does not know the key's public key (its answer did not show it) is matched by the key's id, while the key exists.
  const byId = !ofAccount && records.some((record) => record.apiKeys.some((key) => key.publicKey === null));
  const targetId = byId ? (await ctx.loaders.keysByPublicKey(event.feedOrgId)).get(event.targetPublicKey!)?.id : undefined;
  return recordsBehind(event, records, targetId);
}

const sameCaller = (a: AuditCaller, b: AuditCaller): boolean => JSON.stringify(a) === JSON.stringify(b);

const GatewayRequestRef = builder.objectRef<AuditRecord[]>('GatewayRequest').implement({
  description:
    "The gateway's audit record behind an Atlas event: who asked the gateway for the change Atlas records as made by the gateway's credential.",
  fields: (t) => ({
    ambiguous: t.boolean({ description: 'Whether more than one record matches (see candidates): record is then null.', resolve: (records) => records.length > 1 }),
    record: t.field({ type: AuditRecordRef, nullable: true, description: 'The record, when exactly one matches.', resolve: (records) => (records.length === 1 ? records[0]! : null) }),
    caller: t.field({
      type: AuditCallerRef,
      nullable: true,
      description: 'Who asked: set also when several records match if they all have the same caller; null when they differ.',
      resolve: (records) => (records.every((record) => sameCaller(record.caller, records[0]!.caller)) ? records[0]!.caller : null),
    }),
    candidates: t.field({ type: [AuditRecordRef], description: 'Every record that matches, newest first (at most 50).', resolve: (records) => records }),
  }),
});

builder.objectFields(ServiceAccountEventRef, (t) => ({
  requestedBy: t.field({
    type: GatewayRequestRef,
    nullable: true,
    description: [
      "The gateway's audit record of the mutation that made this change, when it was made through the gateway (null otherwise, or once the record is past AUDIT_RETENTION_DAYS): its serviceAccounts say which account it was, which Atlas's event does not.",
      'A record matches as for ApiKeyEvent.requestedBy, but by the account it touched only in that it touched one (Atlas names none):',
      'two service account mutations through the same credential at the same time make the match ambiguous, and every candidate is given. Reads the audit store, never Atlas.',
    ].join(' '),
    resolve: async (event, _args, ctx) => {
      const records = await requestsBehind(ctx, event);
      return records.length > 0 ? records : null;
    },
  }),
}));

builder.objectFields(ApiKeyEventRef, (t) => ({
  requestedBy: t.field({
    type: GatewayRequestRef,
    nullable: true,
    description: [
      "The gateway's audit record of the mutation that made this change, when it was made through the gateway (null otherwise, or once the record is past AUDIT_RETENTION_DAYS).",
      "A record matches when Atlas names as the actor the credential the gateway called it with (the key's public key; a service account's client id in delegatePrincipal),",
      'its mutation leaves events of this type, it touched the key acted on (by public key; by id while the key exists), it was not NOT_DONE (unless a create whose lost answer made the key, deleted again),',
      `and Atlas recorded the event while it ran (from its start to its answer, ${MATCH_CLOCK_SKEW_MS / 1000} s either side for the clocks).`,
      'Two such mutations of the same key at the same time make the match ambiguous: every candidate is given. Reads the audit store, never Atlas.',
    ].join(' '),
    resolve: async (event, _args, ctx) => {
      const records = await requestsBehind(ctx, event);
      return records.length > 0 ? records : null;
    },
  }),
}));
