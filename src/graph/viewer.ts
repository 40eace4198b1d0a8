/**
 * Query.viewer: who the gateway acts as toward Atlas (the configured key or service account, or
 * in pass-through the caller's own token), with what Atlas says of it (`GET /api/atlas/v2`: its
 * roles and access list) and its own risks. Atlas records every change made through the gateway
 * as made by this credential.
 */
import { GraphQLError } from 'graphql';
import { type ActingAs, AtlasApiError, type RoleAssignment, type SystemStatus, fetchAllPages, isNotFound } from '../atlas/index.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { CredentialRiskRef, accountRisks, checkDays, keyFacts, keyRisks } from './hygiene.js';
import { type OrgServiceAccount, apiKeyRef } from './loaders.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';
import { assessCredential } from './risks.js';
import { EVERY_ORGANIZATION } from './scopes.js';
import { ServiceAccountRef, accountRef } from './service-account.js';
import { OrganizationRoleEnum, ProjectRoleEnum, organizationRole, projectRole } from './roles.js';

interface ViewerModel {
  actingAs: ActingAs;
  /** Atlas' "who am I", read once per request when a field needs it. */
  status: () => Promise<SystemStatus>;
  /** The configured service account as the graph has it, looked for once per request. */
  account: () => Promise<OrgServiceAccount | null>;
}

/**
 * The configured service account, in the first organization the credential sees that shows it
 * (its client id does not say which: the organizations, then one read of it in each); null when
 * the credential is no service account, or no organization it can read shows it.
 */
async function configuredAccount(ctx: Context): Promise<OrgServiceAccount | null> {
  const acting = ctx.atlas.actingAs;
  if (acting.kind !== 'serviceAccount') return null;
  const organizations = await fetchAllPages((page) => ctx.atlas.listOrganizations(page));
  const found = await Promise.all(
    organizations.map((org) =>
      ctx.loaders.serviceAccount.load(accountRef(org.id, acting.clientId)).catch((error: unknown) => {
        if (isNotFound(error) || (error instanceof AtlasApiError && error.status === 403)) return null;
        throw error;
      }),
    ),
  );
  return found.find((account) => account !== null) ?? null;
}

export const CredentialKindEnum = builder.enumType('CredentialKind', {
  description: 'What kind of credential the gateway calls Atlas with.',
  values: {
    API_KEY: { description: 'A programmatic API key (HTTP Digest), configured on the gateway.' },
    SERVICE_ACCOUNT: { description: 'A service account (OAuth 2.0 client credentials), configured on the gateway.' },
    CALLER_TOKEN: { description: "Pass-through: each caller's own Atlas bearer token." },
  },
});

export const kindOf = (acting: ActingAs): 'API_KEY' | 'SERVICE_ACCOUNT' | 'CALLER_TOKEN' =>
  acting.kind === 'apiKey' ? 'API_KEY' : acting.kind === 'serviceAccount' ? 'SERVICE_ACCOUNT' : 'CALLER_TOKEN';

const ViewerOrganizationRoleRef = builder.objectRef<RoleAssignment & { orgId: string }>('ViewerOrganizationRole').implement({
  description: 'A role the credential holds in an organization.',
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, description: 'The organization.', resolve: (r, _args, ctx) => ctx.loaders.organization.load(r.orgId) }),
    role: t.field({ type: OrganizationRoleEnum, description: 'The role; UNKNOWN for a role this gateway does not know yet.', resolve: (r) => organizationRole(r.roleName) as never }),
    roleName: t.exposeString('roleName', { description: 'The role name exactly as Atlas reports it.' }),
  }),
});

const ViewerProjectRoleRef = builder.objectRef<RoleAssignment & { groupId: string }>('ViewerProjectRole').implement({
  description: 'A role the credential holds in a project.',
  fields: (t) => ({
    project: t.field({ type: ProjectRef, description: 'The project.', resolve: (r, _args, ctx) => ctx.loaders.project.load({ id: r.groupId }) }),
    role: t.field({ type: ProjectRoleEnum, description: 'The role; UNKNOWN for a role this gateway does not know yet.', resolve: (r) => projectRole(r.roleName) as never }),
    roleName: t.exposeString('roleName', { description: 'The role name exactly as Atlas reports it.' }),
  }),
});

/** The calling key as Atlas' "who am I" describes it; an error at the field when the caller is no key. */
async function callerKey(viewer: ViewerModel) {
  const { apiKey } = await viewer.status();
  if (!apiKey) {
    throw new GraphQLError("Atlas describes only API keys in its \"who am I\" answer: this credential's roles and access list are not available there.", {
      extensions: { code: 'UNSUPPORTED_BY_UPSTREAM' },
    });
  }
  return apiKey;
}

/** The calling key as an organization key of the graph, when it is one the credential can read. */
async function linkedKey(ctx: Context, viewer: ViewerModel): Promise<ApiKeyModel | null> {
  const key = await callerKey(viewer);
  const orgId = key.roles.find((r) => r.orgId !== undefined && r.groupId === undefined)?.orgId;
  if (!orgId) return null;
  try {
    return await ctx.loaders.apiKey.load(apiKeyRef(orgId, key.id));
  } catch (error) {
    // Not an organization key (an Ops Manager global key, say): there is nothing to link.
    if (isNotFound(error)) return null;
    throw error;
  }
}

const ViewerRef = builder.objectRef<ViewerModel>('Viewer').implement({
  description:
    'The credential the gateway calls Atlas with. Atlas records every change made through the gateway as made by it, whoever asked the gateway.',
  fields: (t) => ({
    kind: t.field({ type: CredentialKindEnum, description: 'What kind of credential it is.', resolve: (v) => kindOf(v.actingAs) as never }),
    publicKey: t.string({
      nullable: true,
      description: "The API key's public key: the configured one, or the one Atlas names for a caller's token. Null for a service account.",
      resolve: async (v) => (v.actingAs.kind === 'apiKey' ? v.actingAs.publicKey : v.actingAs.kind === 'callerToken' ? ((await v.status()).apiKey?.publicKey ?? null) : null),
    }),
    clientId: t.string({ nullable: true, description: "The configured service account's client id; null otherwise.", resolve: (v) => (v.actingAs.kind === 'serviceAccount' ? v.actingAs.clientId : null) }),
    serviceAccount: t.field({
      type: ServiceAccountRef,
      nullable: true,
      description:
        "The configured service account as an account of this graph, with its secrets (when each expires: the gateway stops working when the one it holds does), projects and risks; null when the credential is no service account, or no organization it can read shows it. Its client id does not say its organization: the organizations are listed, then it is read in each.",
      complexity: 3,
      resolve: (v) => v.account(),
    }),
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: "The credential as an organization API key of this graph, with its usage and everything else a key has; null when it is not one (Atlas' \"who am I\" names no organization key).",
      complexity: 2,
      resolve: (v, _args, ctx) => linkedKey(ctx, v),
    }),
    organizationRoles: t.field({
      type: [ViewerOrganizationRoleRef],
      description: 'Its roles in organizations, as Atlas reports them (one "who am I" call per request).',
      complexity: 1,
      resolve: async (v) => (await callerKey(v)).roles.flatMap((r) => (r.orgId !== undefined && r.groupId === undefined ? [{ ...r, orgId: r.orgId }] : [])),
    }),
    projectRoles: t.field({
      type: [ViewerProjectRoleRef],
      description: 'Its roles in projects, as Atlas reports them.',
      complexity: 1,
      resolve: async (v) => (await callerKey(v)).roles.flatMap((r) => (r.groupId !== undefined ? [{ ...r, groupId: r.groupId }] : [])),
    }),
    accessList: t.stringList({
      description: 'Its API access list as Atlas reports it: CIDR blocks (a single address as /32 or /128).',
      complexity: 1,
      resolve: async (v) => (await callerKey(v)).accessList.flatMap((e) => (e.cidrBlock ?? e.ipAddress ? [(e.cidrBlock ?? e.ipAddress)!] : [])),
    }),
    risks: t.field({
      type: [CredentialRiskRef],
      nullable: true,
      description:
        "What makes the credential risky, as ApiKey.risks says it (as ServiceAccount.risks for a service account: its secrets expiring among them). When it is no organization key this graph can read, from Atlas' \"who am I\" answer, which has no usage: UNUSED and NEVER_USED are then not judged.",
      complexity: 3,
      args: { unusedForDays: t.arg.int({ required: false, description: 'As on ApiKey.risks: 1 to 3650; HYGIENE_UNUSED_DAYS by default.' }) },
      extensions: { checkArguments: checkDays },
      resolve: async (v, args, ctx) => {
        if (v.actingAs.kind === 'serviceAccount') {
          const account = await v.account();
          if (!account) throw new GraphQLError('The configured service account is in no organization these credentials can read: its risks cannot be judged.', { extensions: { code: 'NOT_FOUND' } });
          return accountRisks(ctx, account, args);
        }
        const linked = await linkedKey(ctx, v);
        if (linked) return keyRisks(ctx, linked, args.unusedForDays ?? undefined);
        const key = await callerKey(v);
        const orgId = key.roles.find((r) => r.orgId !== undefined)?.orgId;
        const accessListRequired = orgId ? await ctx.loaders.accessListRequired(orgId) : undefined;
        const entries = key.accessList.map((e) => ({ ...(e.cidrBlock ? { cidrBlock: e.cidrBlock } : {}), ...(e.ipAddress ? { ipAddress: e.ipAddress } : {}) }));
        const policy = args.unusedForDays == null ? ctx.hygiene : { ...ctx.hygiene, unusedDays: args.unusedForDays };
        return assessCredential({ ...keyFacts({ ...key, desc: undefined }), entries, accessListRequired, usageRecorded: false }, policy, new Date());
      },
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    description: 'Who the gateway acts as toward Atlas: the configured key or service account, or in pass-through the caller\'s own token.',
    authScopes: { read: EVERY_ORGANIZATION },
    resolve: (_root, _args, ctx) => {
      let status: Promise<SystemStatus> | undefined;
      let account: Promise<OrgServiceAccount | null> | undefined;
      return { actingAs: ctx.atlas.actingAs, status: () => (status ??= ctx.atlas.getSystemStatus()), account: () => (account ??= configuredAccount(ctx)) };
    },
  }),
}));
