/**
 * The REST shapes of the Atlas Admin API for programmatic API keys, checked at the boundary with
 * zod. Lenient where Atlas is: unknown fields are dropped, `count` may be 0, `lastUsed` may be
 * missing, and role names are open strings (Atlas adds roles over time, and Ops Manager has its
 * own), so a response is refused only when a field the gateway relies on is missing or mistyped.
 */
import { z } from 'zod';

const linkSchema = z.object({ rel: z.string().optional(), href: z.string().optional() });

/** One role of a key: in an organization (`orgId`) or in a project (`groupId`). */
export const roleAssignmentSchema = z.object({
  orgId: z.string().optional(),
  groupId: z.string().optional(),
  roleName: z.string(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  isDeleted: z.boolean().optional(),
  skipDefaultAlertsSettings: z.boolean().optional(),
});
export type Organization = z.infer<typeof organizationSchema>;

/** A project; Atlas calls it a group in paths and operationIds. */
export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  created: z.string().optional(),
  clusterCount: z.number().optional(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  withDefaultAlertsSettings: z.boolean().optional(),
  regionUsageRestrictions: z.string().optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const apiKeySchema = z.object({
  /** 24 hex characters; what every path takes, not the public key. */
  id: z.string(),
  desc: z.string().optional(),
  /** The 8-character user name of the key. */
  publicKey: z.string(),
  /** In clear only in the two create responses; masked (`********-****-****-` + last 12) elsewhere. */
  privateKey: z.string().optional(),
  /** Org roles and the roles in every project the key is assigned to. */
  roles: z.array(roleAssignmentSchema).default([]),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/**
 * An address added as `ipAddress` comes back with both fields (`cidrBlock` = address/32); a
 * real CIDR block comes back with `cidrBlock` only. Usage fields stay empty until first use:
 * `count` is the requests from `lastUsedAddress`, `lastUsed` and `created` ISO date-times. They
 * are Atlas' only record of a key's use (the key itself has no last-used or created date).
 */
export const accessListEntrySchema = z.object({
  ipAddress: z.string().optional(),
  cidrBlock: z.string().optional(),
  count: z.number().optional(),
  created: z.string().optional(),
  lastUsed: z.string().optional(),
  lastUsedAddress: z.string().optional(),
});
export type AccessListEntry = z.infer<typeof accessListEntrySchema>;

/** The session timeouts of an organization; a field left out takes Atlas' default. */
const customSessionTimeoutsSchema = z.object({
  absoluteSessionTimeoutInSeconds: z.number().int().nullish(),
  idleSessionTimeoutInSeconds: z.number().int().nullish(),
});

/**
 * `OrganizationSettings` (Atlas v2 only). Every field is optional in the spec; an unset contact
 * or timeout is absent (or null).
 */
export const organizationSettingsSchema = z.object({
  /** Admin API calls must come from an address on the calling credential's access list. */
  apiAccessListRequired: z.boolean().optional(),
  multiFactorAuthRequired: z.boolean().optional(),
  restrictEmployeeAccess: z.boolean().optional(),
  genAIFeaturesEnabled: z.boolean().optional(),
  streamsCrossGroupEnabled: z.boolean().optional(),
  /** 8..8760: the longest life of a new service-account secret. */
  maxServiceAccountSecretValidityInHours: z.number().int().optional(),
  securityContact: z.string().nullish(),
  operationsContact: z.string().nullish(),
  customSessionTimeouts: customSessionTimeoutsSchema.nullish(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/**
 * A settings change: fields left out stay as they are. `securityContact: ''` clears the
 * security contact; `operationsContact: null` clears the operations contact (Atlas refuses '');
 * `customSessionTimeouts: null` returns to the default timeouts.
 */
export interface OrganizationSettingsUpdate {
  apiAccessListRequired?: boolean;
  multiFactorAuthRequired?: boolean;
  restrictEmployeeAccess?: boolean;
  genAIFeaturesEnabled?: boolean;
  streamsCrossGroupEnabled?: boolean;
  maxServiceAccountSecretValidityInHours?: number;
  securityContact?: string;
  operationsContact?: string | null;
  customSessionTimeouts?: { absoluteSessionTimeoutInSeconds?: number; idleSessionTimeoutInSeconds?: number } | null;
}

/** `getSystemStatus`'s view of the calling key: no description, no usage, no org (read it from an org role). */
export const callerApiKeySchema = z.object({
  id: z.string(),
  publicKey: z.string(),
  roles: z.array(roleAssignmentSchema).default([]),
  /** A CIDR block's entry has `ipAddress` null. */
  accessList: z.array(z.object({ cidrBlock: z.string().nullish(), ipAddress: z.string().nullish() })).default([]),
});
export type CallerApiKey = z.infer<typeof callerApiKeySchema>;

/**
 * A secret of a service account: its value only in the answer that created it (`secret`), masked
 * elsewhere (`maskedSecretValue`). Secrets expire; `lastUsedAt` is when one last obtained a token.
 */
export const serviceAccountSecretSchema = z.object({
  /** 24 hex characters. */
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullish(),
  maskedSecretValue: z.string().optional(),
  /** In clear only in the create answers. */
  secret: z.string().optional(),
});
export type ServiceAccountSecret = z.infer<typeof serviceAccountSecretSchema>;

/**
 * A service account (`OrgServiceAccount` / `GroupServiceAccount`): `roles` are role names, of the
 * organization in an organization's answers and of the project in a project's. No organization
 * id, no last use, no expiry: those are the secrets'.
 */
export const serviceAccountSchema = z.object({
  /** `mdb_sa_id_` and 24 hex characters: what every path takes. */
  clientId: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  createdAt: z.string().optional(),
  roles: z.array(z.string()).default([]),
  secrets: z.array(serviceAccountSecretSchema).default([]),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

/** An entry of a service account's access list, with its use (Atlas updates it up to 5 minutes late). */
export const serviceAccountAccessListEntrySchema = z.object({
  ipAddress: z.string().nullish(),
  cidrBlock: z.string().nullish(),
  createdAt: z.string().optional(),
  lastUsedAt: z.string().nullish(),
  lastUsedAddress: z.string().nullish(),
  requestCount: z.number().optional(),
});
export type ServiceAccountAccessListEntry = z.infer<typeof serviceAccountAccessListEntrySchema>;

/** A project a service account is assigned to, with its roles there. */
export const serviceAccountProjectSchema = z.object({ groupId: z.string(), roles: z.array(z.string()).default([]) });
export type ServiceAccountProject = z.infer<typeof serviceAccountProjectSchema>;

export interface ServiceAccountInput {
  /** 1 to 64 letters, digits, spaces and `-_.,'`. */
  name: string;
  /** 1 to 250 of the same characters. */
  description: string;
  /** Organization roles (or, in a project, project roles): at least one. */
  roles: string[];
  /** The first secret's lifetime: at most the organization's `maxServiceAccountSecretValidityInHours`. */
  secretExpiresAfterHours: number;
}

export interface ServiceAccountUpdate {
  name?: string;
  description?: string;
  /** Replace the roles (of the organization, or of the project for a project's call). */
  roles?: string[];
}

/** A page of service accounts: no `includeCount`; system-managed accounts only when asked for. */
export interface ServiceAccountPageRequest extends Omit<PageRequest, 'includeCount'> {
  includeSystemManaged?: boolean;
}

/** `GET /api/atlas/v2`: who the caller is, as Atlas sees it. */
export const systemStatusSchema = z.object({
  appName: z.string(),
  /** The 40-hex commit Atlas runs. */
  build: z.string(),
  throttling: z.boolean(),
  /**
   * The calling API key; null (or absent) when the caller is no key, such as a service account
   * (what Atlas answers then is not documented).
   */
  apiKey: callerApiKeySchema.nullish().transform((key) => key ?? null),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

const buildPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    results: z.array(item),
    totalCount: z.number().optional(),
    links: z.array(linkSchema).optional(),
  });

// zod compiles a schema on its first parse: each page schema is built once per item schema.
const pageSchemas = new WeakMap<z.ZodType, ReturnType<typeof buildPageSchema>>();

/** Every `Paginated*View`: `totalCount` is absent with `includeCount=false`, and an estimate. */
export function pageSchema<T extends z.ZodType>(item: T): ReturnType<typeof buildPageSchema<T>> {
  let schema = pageSchemas.get(item);
  if (!schema) {
    schema = buildPageSchema(item);
    pageSchemas.set(item, schema);
  }
  return schema as ReturnType<typeof buildPageSchema<T>>;
}

export interface Page<T> {
  results: T[];
  /** Atlas' estimate of the whole list's length; absent when `includeCount` was false. */
  totalCount?: number;
  /** Whether Atlas linked a next page. */
  hasNext: boolean;
  /** Whether the answer carried paging links at all, so that a missing `next` link says the list ends. */
  linked?: boolean;
}

export interface PageRequest {
  /** 1-based; Atlas' default is 1. */
  pageNum?: number;
  /** 1..500; Atlas' default is 100. */
  itemsPerPage?: number;
  /** Atlas' default is true; false spares Atlas the count. */
  includeCount?: boolean;
}

/** A page of a list that Atlas can filter by a case-insensitive name prefix. */
export interface NamedPageRequest extends PageRequest {
  name?: string;
}

/** One access list entry to add: an address or a CIDR block, never both. */
export type AccessListInput = { ipAddress: string } | { cidrBlock: string };

export interface ApiKeyInput {
  /** 1..250 characters. */
  description: string;
  /** At least one role. */
  roles: string[];
}

export interface ApiKeyUpdate {
  description?: string;
  /** Replaces the key's org roles. */
  roles?: string[];
}

/** Who acted on behalf of whom, for an OAuth client acting with delegated access. */
export interface EventPrincipal {
  id?: string;
  name?: string;
  onBehalfOf?: EventPrincipal;
}

const principalSchema: z.ZodType<EventPrincipal> = z.lazy(() =>
  z.object({ id: z.string().optional(), name: z.string().optional(), onBehalfOf: principalSchema.optional().catch(undefined) }),
);

/** An optional field read leniently: absent, null or mistyped all read as absent, never as a refusal. */
const lenient = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined)
    .catch(undefined);

/**
 * One event of an organization's or a project's activity feed. Atlas's event views are a `oneOf`
 * of dozens of variants with no discriminator, and new event types appear often, so this is one
 * open shape: `eventTypeName` is any string, the fields the gateway reads are optional and read
 * leniently, and every other field of the event is kept as Atlas sent it. Only an event without
 * its id, time or type name is refused.
 */
export const atlasEventSchema = z.looseObject({
  id: z.string(),
  /** ISO 8601, UTC. */
  created: z.string(),
  /** e.g. `API_KEY_CREATED`; an open set. */
  eventTypeName: z.string(),
  orgId: lenient(z.string()),
  /** The project the event occurred in, if any. */
  groupId: lenient(z.string()),
  /** The key that made the change (with `publicKey`), when a key did. */
  apiKeyId: lenient(z.string()),
  publicKey: lenient(z.string()),
  /** The console user who made the change (with `username`, an email), when a person did. */
  userId: lenient(z.string()),
  username: lenient(z.string()),
  /** An OAuth client acting with delegated access. */
  delegatePrincipal: lenient(principalSchema),
  /** Whether a MongoDB employee made the change. */
  isGlobalAdmin: lenient(z.boolean()),
  /** The caller's address. */
  remoteAddress: lenient(z.string()),
  /** API key events: the public key of the key acted on. */
  targetPublicKey: lenient(z.string()),
  /** API key events: the access list entry acted on. */
  whitelistEntry: lenient(z.string()),
  /** Atlas's internal document, with `includeRaw`; its fields may change. */
  raw: lenient(z.record(z.string(), z.unknown())),
});
export type AtlasEvent = z.infer<typeof atlasEventSchema>;

/** The API key event types of the Admin API (Atlas may add more: they start with API_KEY_). */
export const API_KEY_EVENT_TYPES = [
  'API_KEY_CREATED',
  'API_KEY_DELETED',
  'API_KEY_DESCRIPTION_CHANGED',
  'API_KEY_ROLES_CHANGED',
  'API_KEY_ACCESS_LIST_ENTRY_ADDED',
  'API_KEY_ACCESS_LIST_ENTRY_DELETED',
  'API_KEY_ADDED_TO_GROUP',
  'API_KEY_REMOVED_FROM_GROUP',
  'API_KEY_UI_IP_ACCESS_LIST_INHERITANCE_ENABLED',
  'API_KEY_UI_IP_ACCESS_LIST_INHERITANCE_DISABLED',
] as const;

/**
 * The service account event types of the Admin API ("Service Account Event Types"). They name no
 * account acted on: Atlas's views of them have no field for it.
 */
export const SERVICE_ACCOUNT_EVENT_TYPES = [
  'SERVICE_ACCOUNT_CREATED',
  'SERVICE_ACCOUNT_DELETED',
  'SERVICE_ACCOUNT_DETAILS_CHANGED',
  'SERVICE_ACCOUNT_ROLES_CHANGED',
  'SERVICE_ACCOUNT_ADDED_TO_GROUP',
  'SERVICE_ACCOUNT_REMOVED_FROM_GROUP',
  'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED',
  'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED',
  'SERVICE_ACCOUNT_SECRET_ADDED',
  'SERVICE_ACCOUNT_SECRET_DELETED',
  'SERVICE_ACCOUNT_UI_IP_ACCESS_LIST_INHERITANCE_ENABLED',
  'SERVICE_ACCOUNT_UI_IP_ACCESS_LIST_INHERITANCE_DISABLED',
] as const;

/** Filters of the organization feed. */
export interface OrganizationEventFilter {
  /** Only these event types (names Atlas knows, or it answers 400). */
  eventTypes?: string[];
  /** From this time on, inclusive. */
  minDate?: Date | string;
  /** Up to this time, inclusive. */
  maxDate?: Date | string;
  /** Add Atlas's internal `raw` document to each event. */
  includeRaw?: boolean;
}

/** Filters of a project feed: those of the organization feed, and exclusions. */
export interface ProjectEventFilter extends OrganizationEventFilter {
  excludedEventTypes?: string[];
}
