/**
 * Reading the gateway's audit records (audit.ts writes them): `Organization.auditRecords` and
 * `ApiKey.auditRecords`, newest first. They need their own scope, `atlas:audit` or
 * `atlas:audit:<orgId>`, which neither read nor write implies. Records come from the gateway's
 * store, never from Atlas: they cost no Atlas call.
 */
import type { ActingAs } from '../atlas/index.js';
import type { AuditCaller, AuditOutcome, AuditQuery, AuditRecord, AuditedKey } from '../server/audit-store.js';
import { requireScope } from '../server/auth.js';
import { ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import type { ArgumentCheck } from './argument-checks.js';
import { badUserInput } from './errors.js';
import { OrganizationRef } from './organization.js';
import { MAX_ITEMS_PER_PAGE } from './page-plan.js';
import { CredentialKindEnum, kindOf } from './viewer.js';

const OUTCOMES = {
  DONE: 'The change was made (the payload).',
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
async function recordsPage(ctx: Context, scope: Pick<AuditQuery, 'orgId' | 'apiKeyId'>, args: AuditArgs) {
  requireScope(ctx.caller, 'audit', scope.orgId);
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
    resolve: (key, args, ctx) => recordsPage(ctx, { orgId: key.orgId, apiKeyId: key.id }, args),
  }, AuditRecordConnection),
}));
