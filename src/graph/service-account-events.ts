/**
 * Service account events, as Atlas's activity feed records them, on an organization and a project
 * (read as event-history.ts reads every family's). Atlas names no account acted on in them (its
 * views have no field for it, NOTES §13.2): an event says what happened in the organization, when,
 * by whom and from where; which account it was is known only for changes made through the gateway
 * (requestedBy, ServiceAccount.auditRecords). Atlas v2 only, as every service account field.
 */
import { SERVICE_ACCOUNT_EVENT_TYPES } from '../atlas/index.js';
import { ActorRef } from './api-key-events.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { type EventArgs, type EventModel, type Feed, checkEventArgs, eventConnection, eventProject, eventsCost, paging, readEvents } from './event-history.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';
import { DateTimeScalar } from './scalars.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(SERVICE_ACCOUNT_EVENT_TYPES);
/** Names Atlas gives service account events, those it adds later included. */
export const SERVICE_ACCOUNT_EVENT = /^SERVICE_ACCOUNT_/;

export const ServiceAccountEventTypeEnum = builder.enumType('ServiceAccountEventType', {
  description: 'What happened to a service account. UNKNOWN stands for a service account event this gateway does not know yet (see typeName).',
  values: {
    ...Object.fromEntries(SERVICE_ACCOUNT_EVENT_TYPES.map((type) => [type, { value: type, description: `Atlas's ${type} event.` }])),
    UNKNOWN: { value: 'UNKNOWN', description: 'A service account event Atlas reported that this gateway does not know; see typeName.' },
  } as Record<(typeof SERVICE_ACCOUNT_EVENT_TYPES)[number] | 'UNKNOWN', { value: string; description: string }>,
});

export const ServiceAccountEventRef = builder.objectRef<EventModel>('ServiceAccountEvent').implement({
  description:
    "A change to a service account of an organization, from Atlas's activity feed. Atlas does not say which account: read the organization's serviceAccounts for how they are now, and an account's auditRecords for the changes made to it through the gateway.",
  fields: (t) => ({
    atlasId: t.string({ description: 'The Atlas id of the event.', resolve: (e) => e.id }),
    type: t.field({ type: ServiceAccountEventTypeEnum, description: 'What happened; UNKNOWN for a type this gateway does not know yet.', resolve: (e) => (KNOWN_TYPES.has(e.eventTypeName) ? e.eventTypeName : 'UNKNOWN') as never }),
    typeName: t.string({ description: 'The event type exactly as Atlas names it.', resolve: (e) => e.eventTypeName }),
    createdAt: t.field({ type: DateTimeScalar, description: 'When it happened.', resolve: (e) => e.created }),
    actor: t.field({ type: ActorRef, description: 'Who did it.', resolve: (e) => e }),
    accessListEntry: t.string({ nullable: true, description: 'The access list entry acted on, for access list events, when Atlas names it.', resolve: (e) => e.whitelistEntry ?? null }),
    project: t.field({ type: ProjectRef, nullable: true, description: 'The project involved; null when none is (or it no longer exists).', resolve: eventProject }),
    remoteAddress: t.string({ nullable: true, description: "The caller's address.", resolve: (e) => e.remoteAddress ?? null }),
  }),
});

const ServiceAccountEventFilterInput = builder.inputType('ServiceAccountEventFilter', {
  description: 'Which service account events to return. Atlas filters types and times; the gateway filters actors, reading more pages (see the field).',
  fields: (t) => ({
    types: t.field({ type: [ServiceAccountEventTypeEnum], required: false, description: 'Only these types (UNKNOWN is not accepted: Atlas filters by names it knows).' }),
    from: t.field({ type: DateTimeScalar, required: false, description: 'From this time on, inclusive.' }),
    to: t.field({ type: DateTimeScalar, required: false, description: 'Up to this time, inclusive; not before from.' }),
    actorPublicKey: t.string({ required: false, description: 'Only changes made by the key with this public key.' }),
    actorUsername: t.string({ required: false, description: 'Only changes made by this console user (an email).' }),
  }),
});

const ServiceAccountEventConnection = eventConnection('ServiceAccountEvent', 'A service account event', ServiceAccountEventRef);
const PAGING = paging('actor');

/** Service account events of a feed: on flavors without service accounts, the error their reads give, with nothing sent. */
function accountEvents(ctx: Context, feed: Feed, args: EventArgs) {
  ctx.atlas.requireOperation('listOrgServiceAccounts', `/orgs/${feed.orgId}/serviceAccounts`);
  return readEvents(ctx, feed, args, SERVICE_ACCOUNT_EVENT);
}

builder.objectFields(OrganizationRef, (t) => ({
  serviceAccountEvents: t.field({
    type: ServiceAccountEventConnection,
    nullable: true,
    description: `Service account events of the organization and its projects, deleted accounts' included; null, with UNSUPPORTED_BY_UPSTREAM, on flavors other than Atlas v2. ${PAGING}`,
    args: {
      first: t.arg.int({ required: false, description: 'How many events: 0 to 500, 20 by default.' }),
      after: t.arg.string({ required: false, description: 'Return events older than this cursor.' }),
      filter: t.arg({ type: ServiceAccountEventFilterInput, required: false, description: 'Which events.' }),
    },
    extensions: { checkArguments: checkEventArgs },
    complexity: eventsCost(false),
    authScopes: (org) => ({ audit: org.id }),
    resolve: (org, args, ctx) => accountEvents(ctx, { kind: 'org', orgId: org.id }, args as EventArgs),
  }),
}));

builder.objectFields(ProjectRef, (t) => ({
  serviceAccountEvents: t.field({
    type: ServiceAccountEventConnection,
    nullable: true,
    description: `Service account events of the project (accounts added, removed, their roles there); null, with UNSUPPORTED_BY_UPSTREAM, on flavors other than Atlas v2. ${PAGING}`,
    args: {
      first: t.arg.int({ required: false, description: 'How many events: 0 to 500, 20 by default.' }),
      after: t.arg.string({ required: false, description: 'Return events older than this cursor.' }),
      filter: t.arg({ type: ServiceAccountEventFilterInput, required: false, description: 'Which events.' }),
    },
    extensions: { checkArguments: checkEventArgs },
    complexity: eventsCost(false),
    authScopes: (project) => ({ audit: project.orgId }),
    resolve: (project, args, ctx) => accountEvents(ctx, { kind: 'project', projectId: project.id, orgId: project.orgId }, args as EventArgs),
  }),
}));
