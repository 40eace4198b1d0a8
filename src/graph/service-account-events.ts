/**
 * Service account events, as Atlas's activity feed records them. Atlas names no account acted on
 * in them (its views have no field for it, NOTES §13.2): an event says what happened in the
 * organization, when, by whom and from where; which account it was is known only for changes made
 * through the gateway (ServiceAccount.auditRecords).
 */
import { SERVICE_ACCOUNT_EVENT_TYPES } from '../atlas/index.js';
import { ActorRef } from './api-key-events.js';
import { type EventModel, eventProject } from './event-history.js';
import { builder } from './builder.js';
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
