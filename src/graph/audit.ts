/**
 * Every Mutation field leaves an audit record (server/audit-store.ts) before its answer goes out:
 * who asked, through which credential, what was asked (secrets redacted), what came of it, and the
 * Atlas ids it touched (keys, service accounts). Atlas records the change as made by the gateway's credential; the record is
 * what links it to the person who asked (by the key's public key, which Atlas' events name).
 *
 * A schema transform, so that no mutation can forget it: each Mutation field's resolver (already
 * wrapped by the errors plugin, so a typed error comes back as a result) is run, its result
 * classified, the record awaited, and the result returned. A resolver that throws something that
 * is not a typed error is recorded OUTCOME_UNKNOWN: a write may have been sent before it threw.
 */
import { errorTypeMap } from '@pothos/plugin-errors';
import { type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, defaultFieldResolver, getNamedType, isAbstractType } from 'graphql';
import { type AuditOutcome, type AuditRecord, type AuditedKey, auditRecordId, redactSecrets } from '../server/audit-store.js';
import type { Context } from './context.js';
import { readObjectId } from './ids.js';
import { type AccountRef, type KeyRef, OutcomeUnknownError, changesMadeOf } from './mutation-errors.js';
import { RotationFailedError } from './rotation.js';

const audited = new WeakSet<object>();

/** Wraps every Mutation field's resolver of `schema` (once, however many schemas share the type). */
export function auditMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    if (audited.has(field)) continue;
    const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
    const recorded: GraphQLFieldResolver<unknown, Context> = async (source, args, ctx, info) => {
      const startedAt = Date.now();
      let answer: { result: unknown } | { thrown: unknown };
      try {
        answer = { result: await resolve(source, args, ctx, info) };
      } catch (thrown) {
        answer = { thrown };
      }
      const record = await auditRecord(ctx, info, args, answer, startedAt);
      await ctx.audit.record(record);
      // Subscribers hear of a change at once: the feed polls the organization now rather than at its next interval.
      if (record.orgId && record.outcome !== 'NOT_DONE') void ctx.feed?.poke(record.orgId);
      if ('thrown' in answer) throw answer.thrown;
      return answer.result;
    };
    field.resolve = recorded;
    audited.add(field);
  }
  return schema;
}

/**
 * The typed error class of a result: the errors plugin answers a typed error as a proxy of it
 * (not an instance of its class), and remembers its class.
 */
const typedErrorOf = (result: unknown): unknown => (typeof result === 'object' && result !== null ? errorTypeMap.get(result) : undefined);

/** Done, not done, or not known, by the result (see docs/graphql-api.md, three outcomes). */
export function outcomeOf(answer: { result: unknown } | { thrown: unknown }): AuditOutcome {
  if ('thrown' in answer) return 'OUTCOME_UNKNOWN';
  const errorType = typedErrorOf(answer.result);
  if (errorType === undefined) return 'DONE';
  if (errorType === OutcomeUnknownError) return 'OUTCOME_UNKNOWN';
  // Not rolled back: the new key is (or may be) still there, beside the old one.
  if (errorType === RotationFailedError) return (answer.result as RotationFailedError).rolledBack ? 'NOT_DONE' : 'OUTCOME_UNKNOWN';
  return changesMadeOf(answer.result as Error).length > 0 ? 'PARTLY_DONE' : 'NOT_DONE';
}

/** The result's GraphQL type name, as the union answers it. */
async function resultTypeOf(answer: { result: unknown } | { thrown: unknown }, ctx: Context, info: GraphQLResolveInfo): Promise<string> {
  if ('thrown' in answer) return 'Error';
  const type = getNamedType(info.returnType);
  if (!isAbstractType(type)) return type.name;
  const resolved = await type.resolveType?.(answer.result, ctx, info, type);
  if (typeof resolved === 'string') return resolved;
  const byCheck = info.schema.getPossibleTypes(type).find((candidate) => candidate.isTypeOf?.(answer.result, ctx, info) === true);
  return byCheck?.name ?? (answer.result instanceof Error ? answer.result.name : 'unknown');
}

interface Touched {
  orgId: string | null;
  projectId: string | null;
  keys: Map<string, string | null>;
  /** Service accounts, by client id. */
  accounts: Set<string>;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function touchKey(touched: Touched, orgId: string | undefined, apiKeyId: string | undefined, publicKey?: string): void {
  if (!apiKeyId) return;
  touched.orgId ??= orgId ?? null;
  touched.keys.set(apiKeyId, publicKey ?? touched.keys.get(apiKeyId) ?? null);
}

/** The ids an input names: organizationId, projectId, and a key by id or apiKeyId. Ids that do not read are left out. */
function fromInput(touched: Touched, input: Record<string, unknown> | undefined): void {
  if (!input) return;
  const organization = readObjectId(String(input.organizationId ?? ''), 'Organization', 'input.organizationId');
  if (input.organizationId != null && 'parts' in organization) touched.orgId = organization.parts[0]!;
  const project = readObjectId(String(input.projectId ?? ''), 'Project', 'input.projectId');
  if (input.projectId != null && 'parts' in project) touched.projectId = project.parts[0]!;
  for (const name of ['id', 'apiKeyId']) {
    if (input[name] == null) continue;
    const key = readObjectId(String(input[name]), 'ApiKey', `input.${name}`);
    if ('parts' in key) touchKey(touched, key.parts[0], key.parts[1]);
  }
  for (const name of ['id', 'serviceAccountId']) {
    if (input[name] == null) continue;
    const account = readObjectId(String(input[name]), 'ServiceAccount', `input.${name}`);
    if ('parts' in account) touchAccount(touched, account.parts[0], account.parts[1]);
  }
}

function touchAccount(touched: Touched, orgId: string | undefined, clientId: string | undefined): void {
  if (!clientId) return;
  touched.orgId ??= orgId ?? null;
  touched.accounts.add(clientId);
}

/** A key model (ApiKeyModel) in a payload: its organization, id and public key. */
function fromKey(touched: Touched, value: unknown): void {
  const key = record(value);
  if (key) touchKey(touched, text(key.orgId), text(key.id), text(key.publicKey));
}

/** The ids a payload or typed error shows (never its private key). */
function fromResult(touched: Touched, result: unknown): void {
  const errorType = typedErrorOf(result);
  if (errorType !== undefined) {
    // Those a typed error names (OutcomeUnknownError's, a lost create's deleted again), and a rotation's leftover.
    const named = result as { apiKeys?: KeyRef[]; serviceAccounts?: AccountRef[]; leftover?: KeyRef | null };
    for (const key of named.apiKeys ?? []) touchKey(touched, key.orgId, key.apiKeyId);
    for (const account of named.serviceAccounts ?? []) touchAccount(touched, account.orgId, account.clientId);
    if (errorType === RotationFailedError) touchKey(touched, named.leftover?.orgId, named.leftover?.apiKeyId);
    return;
  }
  const payload = record(result);
  if (!payload || errorType !== undefined) return;
  for (const name of ['apiKey', 'newApiKey', 'oldApiKey']) fromKey(touched, payload[name]);
  // rotateApiKey: the old key, deleted or kept; deleteApiKey: the deleted key.
  touchKey(touched, text(payload.orgId) ?? text(record(payload.newApiKey)?.orgId), text(payload.oldApiKeyId), text(payload.oldPublicKey));
  touchKey(touched, text(payload.orgId), text(payload.apiKeyId), text(payload.publicKey));
  const project = record(payload.project);
  if (project) {
    touched.projectId ??= text(project.id) ?? null;
    touched.orgId ??= text(project.orgId) ?? null;
  }
  // A service account in the payload (created, changed, migrated to), or deleted (its client id).
  const account = record(payload.serviceAccount);
  touchAccount(touched, text(account?.orgId) ?? text(payload.orgId), text(account?.clientId) ?? text(payload.clientId));
  touched.orgId ??= text(payload.orgId) ?? text(record(payload.settings)?.orgId) ?? null;
}

async function auditRecord(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
  answer: { result: unknown } | { thrown: unknown },
  startedAt: number,
): Promise<AuditRecord> {
  const touched: Touched = { orgId: null, projectId: null, keys: new Map(), accounts: new Set() };
  fromInput(touched, record(args.input));
  if ('result' in answer) fromResult(touched, answer.result);
  const at = Date.now();
  const apiKeys: AuditedKey[] = [...touched.keys].map(([apiKeyId, publicKey]) => ({ apiKeyId, publicKey }));
  return {
    id: auditRecordId(at),
    at: new Date(at).toISOString(),
    startedAt: new Date(startedAt).toISOString(),
    requestId: ctx.requestId ?? null,
    caller: ctx.auditCaller,
    actingAs: ctx.atlas.actingAs,
    operation: info.fieldName,
    input: redactSecrets(args),
    outcome: outcomeOf(answer),
    resultType: await resultTypeOf(answer, ctx, info),
    orgId: touched.orgId,
    projectId: touched.projectId,
    apiKeys,
    serviceAccounts: [...touched.accounts].map((clientId) => ({ clientId })),
  };
}
