/**
 * Credential hygiene on the graph: when a key or a service account was created, how it is used,
 * and what makes it risky (risks.ts decides; this file loads what it needs and shows the
 * findings). Atlas keeps no created or last-used date on a key: creation is read from its
 * ObjectId, usage from its access-list entries, and a key whose usage Atlas cannot know says so
 * instead of passing for unused. A service account's secrets record when each last obtained a
 * token, and expire: its usage is read from them first, its entries second.
 */
import { GraphQLError } from 'graphql';
import { type AccessListEntry, AtlasApiError, type ServiceAccountAccessListEntry, objectIdTime } from '../atlas/index.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { badUserInput } from './errors.js';
import { presentedAddress } from './inputs.js';
import { type OrgServiceAccount, apiKeyRef } from './loaders.js';
import { type CredentialFacts, type HygienePolicy, RISK_KINDS, RISK_SEVERITIES, type Risk, type RiskEvidence, type SecretFacts, type Usage, type UsageEntry, assessCredential, credentialUsage, usageOf } from './risks.js';
import { ServiceAccountRef, accountRef } from './service-account.js';
import { DateTimeScalar } from './scalars.js';

const RISK_KIND_DESCRIPTIONS: Record<(typeof RISK_KINDS)[number], string> = {
  USABLE_FROM_ANYWHERE: 'Usable from any address: an empty access list where the organization does not require one, or an entry of 0.0.0.0/0 or ::/0.',
  WIDE_ACCESS_LIST_RANGE: 'An access-list range wider than the configured prefix (HYGIENE_WIDE_IPV4_PREFIX, HYGIENE_WIDE_IPV6_PREFIX).',
  ORGANIZATION_OWNER: 'Holds Organization Owner: it can change every key, project and setting of the organization.',
  UNUSED: 'Known usage, last use older than the given number of days.',
  NEVER_USED: 'An access list none of whose entries was ever used, on a credential older than the given number of days.',
  LEFTOVER: 'No project and no organization role beyond Organization Member or Read Only.',
  SECRET_EXPIRING: "A service account's secret expiring within the given number of days (HYGIENE_SECRET_EXPIRY_DAYS); HIGH when no other secret outlives it.",
  SECRET_EXPIRED: "A service account's expired secret still listed; MEDIUM when the account has no working secret left.",
  SECRET_UNUSED: "A service account's working secret that has obtained no token for longer than the given number of days, while the account is in use.",
};

export const RiskKindEnum = builder.enumType('RiskKind', {
  description: 'What makes a credential risky. UNKNOWN stands for a kind this schema version does not know; see kindName.',
  values: {
    ...Object.fromEntries(RISK_KINDS.map((kind) => [kind, { value: kind, description: RISK_KIND_DESCRIPTIONS[kind] }])),
    UNKNOWN: { value: 'UNKNOWN', description: 'A kind added after this schema version; see kindName.' },
  } as Record<(typeof RISK_KINDS)[number] | 'UNKNOWN', { value: string; description: string }>,
});

export const RiskSeverityEnum = builder.enumType('RiskSeverity', {
  description: 'How urgent a finding is.',
  values: Object.fromEntries(RISK_SEVERITIES.map((severity) => [severity, { value: severity }])) as Record<(typeof RISK_SEVERITIES)[number], { value: string }>,
});

const RiskEvidenceRef = builder.objectRef<RiskEvidence>('RiskEvidence').implement({
  description: 'What a finding rests on.',
  fields: (t) => ({
    accessListEntry: t.string({ nullable: true, description: 'The access-list entry behind the finding.', resolve: (e) => e.accessListEntry ?? null }),
    role: t.string({ nullable: true, description: 'The role behind the finding, as Atlas names it.', resolve: (e) => e.role ?? null }),
    date: t.field({ type: DateTimeScalar, nullable: true, description: 'The last use, or the creation of a credential never used.', resolve: (e) => e.date ?? null }),
    accessListRequired: t.boolean({
      nullable: true,
      description: 'For an empty access list: whether the organization requires one (null when its settings could not be read).',
      resolve: (e) => e.accessListRequired ?? null,
    }),
    secretId: t.string({ nullable: true, description: "The service-account secret behind the finding: its ServiceAccountSecret.atlasId.", resolve: (e) => e.secretId ?? null }),
  }),
});

export const CredentialRiskRef = builder.objectRef<Risk>('CredentialRisk').implement({
  description: 'A finding about a credential, with a message a person can act on.',
  fields: (t) => ({
    kind: t.field({ type: RiskKindEnum, description: 'What kind of finding; UNKNOWN for a kind this schema version does not know.', resolve: (r) => r.kind as never }),
    kindName: t.string({ description: 'The kind by name, also for kinds added after this schema version.', resolve: (r) => r.kind }),
    severity: t.field({ type: RiskSeverityEnum, description: 'How urgent it is.', resolve: (r) => r.severity as never }),
    message: t.exposeString('message', { description: 'What was found and what to do about it.' }),
    evidence: t.field({ type: RiskEvidenceRef, description: 'What the finding rests on.', resolve: (r) => r.evidence }),
  }),
});

export const UsageUnknownReasonEnum = builder.enumType('UsageUnknownReason', {
  description: 'Why the usage of a credential cannot be known.',
  values: {
    EMPTY_ACCESS_LIST: { description: 'Atlas records usage only on access-list entries, and this credential has none.' },
  },
});

const UsageRef = builder.objectRef<Usage>('CredentialUsage').implement({
  description:
    'How a credential has been used, as Atlas records it: for a key on its access-list entries only (Atlas keeps no last-used date on the key itself); for a service account on its secrets (each last token obtained) and its entries. Unknown usage is not "unused".',
  fields: (t) => ({
    known: t.boolean({ description: 'Whether Atlas records usage for it at all (false with an empty access list).', resolve: (u) => u.known }),
    unknownReason: t.field({ type: UsageUnknownReasonEnum, nullable: true, description: 'Why usage is unknown; null when known.', resolve: (u) => (u.known ? null : (u.reason as never)) }),
    lastUsedAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: "The most recent use: through any access-list entry, or a service account's secret obtaining a token. Null when usage is unknown, or known and never used (see known).",
      resolve: (u) => (u.known ? (u.lastUsedAt ?? null) : null),
    }),
    lastUsedFrom: t.string({ nullable: true, description: 'The address of that most recent use.', resolve: (u) => (u.known && u.lastUsedFrom ? presentedAddress(u.lastUsedFrom) : null) }),
    requestCount: t.int({
      nullable: true,
      description:
        "The sum of Atlas' count over the entries. Atlas counts, per entry, the requests from that entry's lastUsedAddress only, so this is a lower bound on the requests made. Null when usage is unknown.",
      resolve: (u) => (u.known ? u.requestCount : null),
    }),
  }),
});

const MAX_DAYS = 3_650;

/** The `unusedForDays` argument, checked before execution. */
export function checkDays(args: Record<string, unknown>): void {
  const days = args.unusedForDays;
  if (days !== undefined && days !== null && (typeof days !== 'number' || days < 1 || days > MAX_DAYS)) {
    throw badUserInput(`unusedForDays must be between 1 and ${MAX_DAYS}.`, 'unusedForDays');
  }
}

/** Why a key's access list could not be read, as the error at each field that needed it. */
function accessListUnreadable(error: unknown, key: ApiKeyModel): unknown {
  if (error instanceof AtlasApiError && (error.errorCode === 'API_KEY_ACCESS_LIST_ACCESS_DENIED' || error.status === 403)) {
    return new GraphQLError(
      `Reading the access list of key ${key.publicKey} needs Organization Owner (or the key itself): its usage and risks cannot be known with these credentials.`,
      { extensions: { code: 'FORBIDDEN', atlasErrorCode: error.errorCode } },
    );
  }
  return error;
}

async function entriesOf(ctx: Context, key: ApiKeyModel): Promise<AccessListEntry[]> {
  try {
    return await ctx.loaders.wholeAccessList.load(apiKeyRef(key.orgId, key.id));
  } catch (error) {
    throw accessListUnreadable(error, key);
  }
}

/** The findings for a key: its whole access list and its organization's requirement, judged by the policy. */
export async function keyRisks(ctx: Context, listed: ApiKeyModel, unusedDays?: number): Promise<Risk[]> {
  // A key listed in a project shows only that project's roles.
  const key = listed.listedInProject ? await ctx.loaders.apiKey.load(apiKeyRef(listed.orgId, listed.id)) : listed;
  const [entries, accessListRequired] = await Promise.all([entriesOf(ctx, key), ctx.loaders.accessListRequired(key.orgId)]);
  const policy = unusedDays === undefined ? ctx.hygiene : { ...ctx.hygiene, unusedDays };
  return assessCredential({ ...keyFacts(key), entries, accessListRequired }, policy, new Date());
}

/** What a key's roles and id say about it. */
export function keyFacts(key: Pick<ApiKeyModel, 'id' | 'publicKey' | 'desc' | 'roles'>): Pick<CredentialFacts, 'label' | 'createdAt' | 'organizationRoles' | 'projectCount'> {
  return {
    label: `Key ${key.publicKey}${key.desc ? ` (${key.desc})` : ''}`,
    createdAt: objectIdTime(key.id),
    organizationRoles: key.roles.filter((r) => r.groupId === undefined).map((r) => r.roleName),
    projectCount: new Set(key.roles.flatMap((r) => (r.groupId ? [r.groupId] : []))).size,
  };
}

builder.objectFields(ApiKeyRef, (t) => ({
  createdAt: t.field({
    type: DateTimeScalar,
    nullable: true,
    description: "When the key was created, to the second. Derived from its ObjectId (Atlas keeps no creation date on a key); null only if Atlas gave an id that is not an ObjectId.",
    resolve: (key) => objectIdTime(key.id) ?? null,
  }),
  usage: t.field({
    type: UsageRef,
    nullable: true,
    description: 'How the key has been used, from its access-list entries (one Atlas call per key, shared with risks). Null, with a FORBIDDEN error, when the credentials may not read its access list.',
    complexity: 1,
    resolve: async (key, _args, ctx) => usageOf(await entriesOf(ctx, key)),
  }),
  risks: t.field({
    type: [CredentialRiskRef],
    nullable: true,
    description:
      "What makes the key risky, most severe first; empty when nothing was found. Reads the key's access list (shared with usage) and its organization's settings (once per organization). Null, with a FORBIDDEN error, when the credentials may not read the access list.",
    complexity: 1,
    args: {
      unusedForDays: t.arg.int({ required: false, description: 'A key whose last use is older than this is UNUSED, and one never used and older than this NEVER_USED: 1 to 3650; the HYGIENE_UNUSED_DAYS setting by default.' }),
    },
    extensions: { checkArguments: checkDays },
    resolve: (key, args, ctx) => keyRisks(ctx, key, args.unusedForDays ?? undefined),
  }),
}));

// --- service accounts ------------------------------------------------------------------------------

/** What a service account's roles, secrets and id say about it. */
export function accountFacts(account: Pick<OrgServiceAccount, 'clientId' | 'name' | 'roles' | 'secrets'>, projectCount: number): Omit<CredentialFacts, 'entries' | 'accessListRequired'> {
  return {
    label: `Service account ${account.name ? `${account.name} (${account.clientId})` : account.clientId}`,
    createdAt: objectIdTime(account.clientId.replace(/^mdb_sa_id_/, '')),
    organizationRoles: account.roles,
    projectCount,
    secrets: account.secrets.map((s): SecretFacts => ({
      id: s.id,
      createdAt: new Date(s.createdAt),
      expiresAt: new Date(s.expiresAt),
      ...(s.lastUsedAt ? { lastUsedAt: new Date(s.lastUsedAt) } : {}),
    })),
  };
}

/** An account's access list as usage entries. */
async function accountEntries(ctx: Context, account: OrgServiceAccount) {
  return accountUsageEntries(await ctx.loaders.wholeServiceAccountAccessList.load(accountRef(account.orgId, account.clientId)));
}

/** An account's access-list entries as usage entries. */
export function accountUsageEntries(entries: readonly ServiceAccountAccessListEntry[]): UsageEntry[] {
  return entries.map((e) => ({
    ...(e.ipAddress ? { ipAddress: e.ipAddress } : {}),
    ...(e.cidrBlock ? { cidrBlock: e.cidrBlock } : {}),
    ...(e.lastUsedAt ? { lastUsed: e.lastUsedAt } : {}),
    ...(e.lastUsedAddress ? { lastUsedAddress: e.lastUsedAddress } : {}),
    count: e.requestCount ?? 0,
  }));
}

/** Everything the findings about an account rest on: the account as its organization sees it, its access list, its projects, the organization's requirement. */
async function accountInputs(ctx: Context, listed: OrgServiceAccount) {
  const account = listed.listedInProject ? await ctx.loaders.serviceAccount.load(accountRef(listed.orgId, listed.clientId)) : listed;
  const ref = accountRef(account.orgId, account.clientId);
  const [entries, projects, accessListRequired] = await Promise.all([accountEntries(ctx, account), ctx.loaders.serviceAccountProjects.load(ref), ctx.loaders.accessListRequired(account.orgId)]);
  return { ...accountFacts(account, projects.length), entries, accessListRequired };
}

/** What makes an account risky, most severe first (ServiceAccount.risks, Viewer.risks). */
export async function accountRisks(ctx: Context, account: OrgServiceAccount, args: { unusedForDays?: number | null; expiringWithinDays?: number | null }): Promise<Risk[]> {
  return assessCredential(await accountInputs(ctx, account), accountPolicy(ctx, args), new Date());
}

/** The policy service accounts are judged by: the gateway's, with a field's thresholds. */
export function accountPolicy(ctx: Context, args: { unusedForDays?: number | null; expiringWithinDays?: number | null }): HygienePolicy {
  return {
    ...ctx.hygiene,
    ...(args.unusedForDays != null ? { unusedDays: args.unusedForDays } : {}),
    ...(args.expiringWithinDays != null ? { secretExpiryDays: args.expiringWithinDays } : {}),
  };
}

/** The `unusedForDays` and `expiringWithinDays` arguments, checked before execution. */
export function checkAccountDays(args: Record<string, unknown>): void {
  checkDays(args);
  const days = args.expiringWithinDays;
  if (days !== undefined && days !== null && (typeof days !== 'number' || days < 1 || days > 365)) {
    throw badUserInput('expiringWithinDays must be between 1 and 365.', 'expiringWithinDays');
  }
}

builder.objectFields(ServiceAccountRef, (t) => ({
  usage: t.field({
    type: UsageRef,
    description: 'How the account has been used: its secrets record each token they obtain, its access-list entries each request (one Atlas call for its access list, shared with risks).',
    complexity: { field: 1, multiplier: 1 },
    // Its secrets (in the account, in every listing) and its access list: nothing else.
    resolve: async (account, _args, ctx) => credentialUsage({ secrets: accountFacts(account, 0).secrets, entries: await accountEntries(ctx, account) }),
  }),
  risks: t.field({
    type: [CredentialRiskRef],
    description:
      'What makes the account risky, most severe first: those of every credential (usable from anywhere, Organization Owner, unused) and its secrets\' (expiring soon, expired, unused). Reads its access list and projects (shared with usage and projectAssignments) and its organization\'s settings.',
    args: {
      unusedForDays: t.arg.int({ required: false, description: 'As on ApiKey.risks: 1 to 3650; HYGIENE_UNUSED_DAYS by default.' }),
      expiringWithinDays: t.arg.int({ required: false, description: 'A secret expiring within this many days is SECRET_EXPIRING: 1 to 365; HYGIENE_SECRET_EXPIRY_DAYS by default.' }),
    },
    extensions: { checkArguments: checkAccountDays },
    complexity: { field: 3, multiplier: 1 },
    resolve: (account, args, ctx) => accountRisks(ctx, account, args),
  }),
}));
