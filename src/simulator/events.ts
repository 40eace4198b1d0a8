/**
 * The activity feed: what Atlas records about changes, one event per change, kept per
 * organization. Writes call `record(...)` with the change and who made it; the event routes
 * (event-routes.ts) read it back through `ofOrg`, `ofProject` and `get`.
 *
 * An event's id is an ObjectId whose time is the event's creation, as Atlas's are. Events are
 * returned newest first (`created` descending, the later of two in the same second first): the
 * spec states no order; newest first is what Atlas's feeds show and what clients that poll
 * for "events since" expect.
 *
 * Retention: Atlas documents that "the Organization Activity Feed provides records of all activity
 * at the organization level from the organization's creation to its deletion"
 * (https://www.mongodb.com/docs/atlas/tutorial/activity-feed/), and states no window for the project
 * feed, so by default nothing expires. `retentionDays` (simulator option `eventRetentionDays`) sets a
 * window for tests of clients that must live with one: older events are dropped for good.
 */
import ipaddr from 'ipaddr.js';
import { type IdSource, randomIds } from './ids.js';

/**
 * Who made the change. A key caller is named by `apiKeyId` + `publicKey`, a console user by
 * `userId` + `username`, as the spec's actor fields do. How Atlas attributes a change made with a
 * service account's token is unverified (NOTES §13.2): the simulator names the account as the
 * event's `delegatePrincipal` (`{id, name}` = its client id), the spec's field for an OAuth
 * client acting, and sets neither actor pair.
 */
export type EventActor =
  | { kind: 'apiKey'; apiKeyId: string; publicKey: string }
  | { kind: 'user'; userId: string; username: string }
  | { kind: 'serviceAccount'; clientId: string };

/** The API key event names the simulator records (the "API User Event Types" of the spec). */
export type ApiKeyEventType =
  | 'API_KEY_CREATED'
  | 'API_KEY_DELETED'
  | 'API_KEY_DESCRIPTION_CHANGED'
  | 'API_KEY_ROLES_CHANGED'
  | 'API_KEY_ACCESS_LIST_ENTRY_ADDED'
  | 'API_KEY_ACCESS_LIST_ENTRY_DELETED'
  | 'API_KEY_ADDED_TO_GROUP'
  | 'API_KEY_REMOVED_FROM_GROUP';

/**
 * The service account event names the simulator records (the "Service Account Event Types" of the
 * spec, but for the UI access-list inheritance toggles). They name no account acted on: the spec's
 * views have no field for it.
 */
export type ServiceAccountEventType =
  | 'SERVICE_ACCOUNT_CREATED'
  | 'SERVICE_ACCOUNT_DELETED'
  | 'SERVICE_ACCOUNT_DETAILS_CHANGED'
  | 'SERVICE_ACCOUNT_ROLES_CHANGED'
  | 'SERVICE_ACCOUNT_ADDED_TO_GROUP'
  | 'SERVICE_ACCOUNT_REMOVED_FROM_GROUP'
  | 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED'
  | 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED'
  | 'SERVICE_ACCOUNT_SECRET_ADDED'
  | 'SERVICE_ACCOUNT_SECRET_DELETED';

/** Org settings events (the `apiAccessListRequired` toggle). */
export type OrgSettingsEventType = 'ORG_PUBLIC_API_ACCESS_LIST_REQUIRED' | 'ORG_PUBLIC_API_ACCESS_LIST_NOT_REQUIRED';

export interface EventInput {
  /** A known name, or any other string (events of types the simulator does not model). */
  eventTypeName: ApiKeyEventType | ServiceAccountEventType | OrgSettingsEventType | (string & {});
  orgId: string;
  /** The project involved: the event then shows in that project's feed as well as the org's. */
  groupId?: string;
  actor?: EventActor;
  /** The caller's address. */
  remoteAddress?: string;
  /** The public key of the key acted on. */
  targetPublicKey?: string;
  /** The access list entry acted on (bare address, or CIDR block). */
  whitelistEntry?: string;
  /** Further fields shown as they are, for event types the simulator does not model. */
  fields?: Record<string, unknown>;
  /** Default: now. */
  created?: Date;
}

export interface AtlasEvent extends Omit<EventInput, 'created'> {
  id: string;
  /** ISO 8601 in whole seconds, UTC. */
  created: string;
  /** Recording order, to order events of the same second. */
  sequence: number;
}

const DAY_MS = 86_400_000;

/** An address as the spec's `remoteAddress` pattern takes it: IPv4, or IPv6 in eight full groups. */
function eventAddress(text: string | undefined): string | undefined {
  if (text === undefined || !ipaddr.isValid(text)) return text;
  const address = ipaddr.process(text);
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toNormalizedString() : address.toString();
}

export class EventLog {
  #events: AtlasEvent[] = [];
  #sequence = 0;
  #retentionMs: number | undefined;

  /** `retentionDays`: how long events are kept; undefined keeps them (as Atlas's org feed does). */
  constructor(
    retentionDays?: number,
    private readonly ids: IdSource = randomIds,
    private readonly now: () => number = Date.now,
  ) {
    this.retentionDays = retentionDays;
  }

  set retentionDays(days: number | undefined) {
    if (days !== undefined && !(days > 0)) throw new RangeError('eventRetentionDays must be more than zero.');
    this.#retentionMs = days === undefined ? undefined : days * DAY_MS;
  }

  /** Records one event; `ids` draws its id from another source (a seed's own sequence). */
  record(input: EventInput, ids: IdSource = this.ids): AtlasEvent {
    const created = input.created ?? new Date(this.now());
    const { created: _created, remoteAddress, ...rest } = input;
    const address = eventAddress(remoteAddress);
    const event: AtlasEvent = {
      ...rest,
      ...(address !== undefined ? { remoteAddress: address } : {}),
      id: ids.objectId(created),
      created: new Date(Math.floor(created.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      sequence: this.#sequence++,
    };
    this.#events.push(event);
    return event;
  }

  /** Every event of the organization, its projects' included, newest first. */
  ofOrg(orgId: string): AtlasEvent[] {
    return this.#kept().filter((e) => e.orgId === orgId);
  }

  /** The events of one project, newest first. */
  ofProject(groupId: string): AtlasEvent[] {
    return this.#kept().filter((e) => e.groupId === groupId);
  }

  get(id: string): AtlasEvent | undefined {
    return this.#kept().find((e) => e.id === id);
  }

  /** The events within the retention window, newest first; older ones are dropped. */
  #kept(): AtlasEvent[] {
    if (this.#retentionMs !== undefined) {
      const oldest = this.now() - this.#retentionMs;
      this.#events = this.#events.filter((e) => Date.parse(e.created) >= oldest);
    }
    return [...this.#events].sort((a, b) => (a.created === b.created ? b.sequence - a.sequence : a.created < b.created ? 1 : -1));
  }
}
