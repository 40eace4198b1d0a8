/**
 * Key history: Atlas's activity feed narrowed to API key events, on an organization, a project and
 * a key (read as event-history.ts reads every family's).
 */
import { API_KEY_EVENT_TYPES } from '../atlas/index.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { type EventArgs, type EventModel, checkEventArgs, eventConnection, eventProject, eventsCost, paging, readEvents } from './event-history.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';
import { DateTimeScalar } from './scalars.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(API_KEY_EVENT_TYPES);
/** Names Atlas gives API key events, those it adds later included (AI model keys are `AI_MODELS_APIS_API_KEY_*`). */
export const API_KEY_EVENT = /^API_KEY_/;

export const ApiKeyEventTypeEnum = builder.enumType('ApiKeyEventType', {
  description: 'What happened to an API key. UNKNOWN stands for an API key event this gateway does not know yet (see typeName).',
  values: {
    ...Object.fromEntries(API_KEY_EVENT_TYPES.map((type) => [type, { value: type, description: `Atlas's ${type} event.` }])),
    UNKNOWN: { value: 'UNKNOWN', description: 'An API key event Atlas reported that this gateway does not know; see typeName.' },
  } as Record<(typeof API_KEY_EVENT_TYPES)[number] | 'UNKNOWN', { value: string; description: string }>,
});

const ActorKindEnum = builder.enumType('ApiKeyEventActorKind', {
  description: 'Who made a change.',
  values: {
    USER: { value: 'USER', description: 'A console user (see username).' },
    API_KEY: { value: 'API_KEY', description: 'A programmatic API key (see publicKey); a change through this gateway shows its own key.' },
    SERVICE_ACCOUNT: { value: 'SERVICE_ACCOUNT', description: 'A service account (see clientId).' },
    UNKNOWN: { value: 'UNKNOWN', description: 'Atlas named no actor this gateway recognizes.' },
  },
});

/** A key of the organization by public key, or null when it no longer exists. */
const keyNamed = async (ctx: Context, orgId: string, publicKey: string | undefined): Promise<ApiKeyModel | null> =>
  publicKey === undefined ? null : ((await ctx.loaders.keysByPublicKey(orgId)).get(publicKey) ?? null);

export const ActorRef = builder.objectRef<EventModel>('ApiKeyEventActor').implement({
  description: 'Who made the change, as Atlas records it.',
  fields: (t) => ({
    kind: t.field({
      type: ActorKindEnum,
      description: 'What kind of caller it was.',
      resolve: (e) => (e.publicKey ? 'API_KEY' : e.username ? 'USER' : e.delegatePrincipal?.id ? 'SERVICE_ACCOUNT' : 'UNKNOWN'),
    }),
    username: t.string({ nullable: true, description: "The user's name (an email), for a user.", resolve: (e) => e.username ?? null }),
    publicKey: t.string({ nullable: true, description: 'The public key, for a key.', resolve: (e) => e.publicKey ?? null }),
    clientId: t.string({
      nullable: true,
      description: "The client id, for a service account: read from Atlas's delegatePrincipal, how Atlas attributes service-account changes is unverified.",
      resolve: (e) => (e.publicKey || e.username ? null : (e.delegatePrincipal?.id ?? null)),
    }),
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: "The key, when a key of the organization acted and still exists (one listing of the organization's keys per request); null otherwise.",
      resolve: (e, _args, ctx) => keyNamed(ctx, e.feedOrgId, e.publicKey),
    }),
  }),
});

const TargetRef = builder.objectRef<EventModel>('ApiKeyEventTarget').implement({
  description: 'The key acted on.',
  fields: (t) => ({
    publicKey: t.string({ nullable: true, description: 'Its public key: kept in history after the key is deleted (null only if Atlas names none).', resolve: (e) => e.targetPublicKey ?? null }),
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: 'The key, while it still exists; null once it is deleted.',
      resolve: (e, _args, ctx) => keyNamed(ctx, e.feedOrgId, e.targetPublicKey),
    }),
  }),
});

export const ApiKeyEventRef = builder.objectRef<EventModel>('ApiKeyEvent').implement({
  description: "A change to an API key, from Atlas's activity feed.",
  fields: (t) => ({
    atlasId: t.string({ description: 'The Atlas id of the event.', resolve: (e) => e.id }),
    type: t.field({ type: ApiKeyEventTypeEnum, description: 'What happened; UNKNOWN for a type this gateway does not know yet.', resolve: (e) => (KNOWN_TYPES.has(e.eventTypeName) ? e.eventTypeName : 'UNKNOWN') as never }),
    typeName: t.string({ description: 'The event type exactly as Atlas names it.', resolve: (e) => e.eventTypeName }),
    createdAt: t.field({ type: DateTimeScalar, description: 'When it happened.', resolve: (e) => e.created }),
    actor: t.field({ type: ActorRef, description: 'Who did it.', resolve: (e) => e }),
    target: t.field({ type: TargetRef, description: 'The key acted on.', resolve: (e) => e }),
    accessListEntry: t.string({ nullable: true, description: 'The access list entry acted on, for access list events.', resolve: (e) => e.whitelistEntry ?? null }),
    project: t.field({ type: ProjectRef, nullable: true, description: 'The project involved; null when none is (or it no longer exists).', resolve: eventProject }),
    remoteAddress: t.string({ nullable: true, description: "The caller's address.", resolve: (e) => e.remoteAddress ?? null }),
  }),
});

// --- arguments ----------------------------------------------------------------------------------

const ApiKeyEventFilterInput = builder.inputType('ApiKeyEventFilter', {
  description: 'Which API key events to return. Atlas filters types and times; the gateway filters keys and actors, reading more pages (see the field).',
  fields: (t) => ({
    types: t.field({ type: [ApiKeyEventTypeEnum], required: false, description: 'Only these types (UNKNOWN is not accepted: Atlas filters by names it knows).' }),
    from: t.field({ type: DateTimeScalar, required: false, description: 'From this time on, inclusive.' }),
    to: t.field({ type: DateTimeScalar, required: false, description: 'Up to this time, inclusive; not before from.' }),
    apiKeyId: t.id({ required: false, description: 'Only events acting on this key: its ApiKey.id.' }),
    actorPublicKey: t.string({ required: false, description: 'Only changes made by the key with this public key.' }),
    actorUsername: t.string({ required: false, description: 'Only changes made by this console user (an email).' }),
  }),
});

// --- fields -------------------------------------------------------------------------------------

const ApiKeyEventConnection = eventConnection('ApiKeyEvent', 'An API key event', ApiKeyEventRef);
const PAGING = paging('key or actor');

builder.objectFields(ApiKeyRef, (t) => ({
  events: t.field({
    type: ApiKeyEventConnection,
    description: `What happened to this key (its events in its organization's feed). ${PAGING}`,
    args: { first: t.arg.int({ required: false, description: 'How many events: 0 to 500, 20 by default.' }), after: t.arg.string({ required: false, description: 'Return events older than this cursor.' }) },
    extensions: { checkArguments: checkEventArgs },
    complexity: eventsCost(true),
    authScopes: (key) => ({ audit: key.orgId }),
    resolve: (key, args, ctx) => readEvents(ctx, { kind: 'org', orgId: key.orgId }, args, API_KEY_EVENT, key.publicKey),
  }),
}));


builder.objectFields(OrganizationRef, (t) => ({
  apiKeyEvents: t.field({
    type: ApiKeyEventConnection,
    description: `API key events of the organization and its projects, deleted keys' included. ${PAGING}`,
    args: {
      first: t.arg.int({ required: false, description: 'How many events: 0 to 500, 20 by default.' }),
      after: t.arg.string({ required: false, description: 'Return events older than this cursor.' }),
      filter: t.arg({ type: ApiKeyEventFilterInput, required: false, description: 'Which events.' }),
    },
    extensions: { checkArguments: checkEventArgs },
    complexity: eventsCost(false),
    authScopes: (org) => ({ audit: org.id }),
    resolve: (org, args, ctx) => readEvents(ctx, { kind: 'org', orgId: org.id }, args as EventArgs, API_KEY_EVENT),
  }),
}));

builder.objectFields(ProjectRef, (t) => ({
  apiKeyEvents: t.field({
    type: ApiKeyEventConnection,
    description: `API key events of the project (keys added, removed, their roles there). ${PAGING}`,
    args: {
      first: t.arg.int({ required: false, description: 'How many events: 0 to 500, 20 by default.' }),
      after: t.arg.string({ required: false, description: 'Return events older than this cursor.' }),
      filter: t.arg({ type: ApiKeyEventFilterInput, required: false, description: 'Which events.' }),
    },
    extensions: { checkArguments: checkEventArgs },
    complexity: eventsCost(false),
    authScopes: (project) => ({ audit: project.orgId }),
    resolve: (project, args, ctx) => readEvents(ctx, { kind: 'project', projectId: project.id, orgId: project.orgId }, args as EventArgs, API_KEY_EVENT),
  }),
}));
