/**
 * Key hygiene across an organization: `Organization.keyHygiene` (counts per risk kind and
 * severity) and `Organization.apiKeys(filter:, orderBy:)`. Both need every key's access list,
 * one Atlas call per key, read by a scan of the organization (credential-scan.ts).
 */
import { type AccessListEntry, type ApiKey, fetchAllPages, objectIdTime } from '../atlas/index.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import { arrayConnection, atlasConnection, checkWindow, totalCountField } from './connections.js';
import { ORGANIZATION_KEYS_SHARED, connectionCost } from './cost.js';
import { type Assessed, type CredentialScan, type ScanFamily, hygieneReportType, scanCompletenessType, scanCost, scanCredentials } from './credential-scan.js';
import { atlasIdInput } from './inputs.js';
import type { Context } from './context.js';
import { badUserInput } from './errors.js';
import { RiskKindEnum, checkDays, keyFacts } from './hygiene.js';
import { apiKeyRef, withParent } from './loaders.js';
import { OrganizationRef, organizationPrefetch } from './organization.js';
import { ORGANIZATION_ROLES } from './roles.js';
import { KEY_RISK_KINDS, assessCredential, usageOf } from './risks.js';

export type OrganizationScan = CredentialScan<ApiKeyModel, AccessListEntry[]>;

/** An organization's keys, as a scan reads them: each key's access list. */
const KEYS: ScanFamily<ApiKeyModel, AccessListEntry[]> = {
  name: 'keys',
  list: async (ctx, orgId) => {
    const keys = (await fetchAllPages((page) => ctx.atlas.listApiKeys(orgId, page))).map((key: ApiKey) => withParent(key, { orgId }));
    for (const key of keys) ctx.loaders.apiKey.prime(apiKeyRef(orgId, key.id), key);
    return keys;
  },
  id: (key) => key.id,
  callsPerItem: 1,
  read: async (ctx, view, orgId, key) => {
    const entries = await fetchAllPages((page) => view.listAccessListEntries(orgId, key.id, page));
    ctx.loaders.wholeAccessList.prime(apiKeyRef(orgId, key.id), entries);
    return entries;
  },
  forbidden: (error) => error.errorCode === 'API_KEY_ACCESS_LIST_ACCESS_DENIED' || error.status === 403,
};

/** The scan of an organization's keys for this request: made once, whatever selects it. */
export const scanOrganization = (ctx: Context, orgId: string): Promise<OrganizationScan> => scanCredentials(ctx, orgId, KEYS);

type AssessedKey = Assessed<ApiKeyModel>;

/** The keys the scan could judge, with their usage and findings. */
function assessedKeys(ctx: Context, scan: OrganizationScan, unusedDays: number | undefined): AssessedKey[] {
  const policy = unusedDays === undefined ? ctx.hygiene : { ...ctx.hygiene, unusedDays };
  const now = new Date();
  return scan.items.flatMap((key) => {
    const state = scan.states.get(key.id);
    if (state?.kind !== 'assessed') return [];
    return [{ item: key, usage: usageOf(state.data), risks: assessCredential({ ...keyFacts(key), entries: state.data, accessListRequired: scan.accessListRequired }, policy, now) }];
  });
}

// --- the report ------------------------------------------------------------------------------

const KEY_NOUNS = { field: 'keys', plural: 'Keys', reads: 'access list' };
const ScanCompletenessRef = scanCompletenessType('KeyScanCompleteness', KEY_NOUNS);

const KeyHygieneRef = hygieneReportType<ApiKeyModel>('KeyHygiene', '', KEY_NOUNS, ScanCompletenessRef, KEY_RISK_KINDS);

// Its scan starts with the organization's own read.
organizationPrefetch('keyHygiene', (ctx, orgId) => scanOrganization(ctx, orgId));

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
      return { scan: scan as CredentialScan<ApiKeyModel, unknown>, assessed: assessedKeys(ctx, scan, args.unusedForDays ?? undefined) };
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
  const assessed = new Map(assessedKeys(ctx, scan, undefined).map((a) => [a.item.id, a]));
  const judged = filter?.unusedForDays != null ? new Map(assessedKeys(ctx, scan, filter.unusedForDays).map((a) => [a.item.id, a])) : assessed;
  const text = filter?.descriptionContains?.toLowerCase();
  const kinds = filter?.riskKinds?.length ? new Set(filter.riskKinds) : undefined;
  let keys = scan.items.filter((key) => {
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
