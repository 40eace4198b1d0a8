/**
 * The activity feed operations (v2, version 2023-01-01): `GET /eventTypes`, the events of an
 * organization (Organization Member) and of a project (Project Read Only), one by one or as a
 * page filtered by type and date. The organization feed holds its projects' events too (the
 * spec's organization view carries a `groupId` "in which the event occurred"); a project's feed
 * holds the events that name it.
 */
import { AtlasError, pathParamError, validation } from './errors.js';
import { GROUP_EVENT_TYPES, ORG_EVENT_TYPES } from './event-types.js';
import type { AtlasEvent } from './events.js';
import { requireAnyRole, requireOrgMember, requireProjectMember } from './permissions.js';
import type { HandlerContext, RouteSpec } from './routes.js';
import { type Link, flagParam, page, pageRequest, queryValues } from './views.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** ISO 8601 as the spec's date-time filters take it; seconds, fraction and zone optional (no zone is UTC). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

type Feed = 'orgs' | 'groups';

function objectIdParam(ctx: HandlerContext, name: 'orgId' | 'groupId' | 'eventId'): string {
  const value = ctx.params[name] ?? '';
  if (!OBJECT_ID.test(value)) throw pathParamError(name, value);
  return value;
}

/** The milliseconds of an ISO 8601 date-time, or a 400 naming the parameter. */
function dateParam(query: Record<string, unknown>, name: 'minDate' | 'maxDate'): number | undefined {
  const given = query[name];
  if (given === undefined) return undefined;
  const invalid = () =>
    validation(`Invalid value "${String(given)}" for query parameter ${name}: expected an ISO 8601 date and time such as 2024-01-31T09:30:00Z.`, [
      { field: name, description: 'must be an ISO 8601 date and time' },
    ]);
  const match = typeof given === 'string' ? ISO_DATE.exec(given) : null;
  if (!match) throw invalid();
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay = calendar.getUTCFullYear() === Number(year) && calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  if (!realDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) throw invalid();
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`);
  if (Number.isNaN(ms)) throw invalid();
  return ms;
}

/** Each value must be a name of the feed's enum; Atlas answers anything else as an invalid enum value. */
function eventTypesParam(query: Record<string, unknown>, name: string, known: ReadonlySet<string>): Set<string> {
  const values = queryValues(query, name);
  for (const value of values) {
    if (!known.has(value)) {
      // The code is Atlas' for an invalid enum value; its wording here is the simulator's.
      throw new AtlasError(400, 'INVALID_ENUM_VALUE', `An invalid enumeration value ${value} was specified for ${name}.`, {
        parameters: [value],
        fields: [{ field: name, description: `${value} is not an event type of this feed` }],
      });
    }
  }
  return new Set(values);
}

/** The filters of a feed's list call, as one predicate. */
function eventFilter(ctx: HandlerContext, feed: Feed): (event: AtlasEvent) => boolean {
  const query = ctx.query as Record<string, unknown>;
  const known = feed === 'orgs' ? ORG_EVENT_TYPES : GROUP_EVENT_TYPES;
  const types = eventTypesParam(query, 'eventType', known);
  // Only the project feed takes excludedEventType and clusterNames; the org feed ignores them, as it does any unknown parameter.
  const excluded = feed === 'groups' ? eventTypesParam(query, 'excludedEventType', known) : new Set<string>();
  const clusters = feed === 'groups' ? queryValues(query, 'clusterNames') : [];
  for (const name of clusters) {
    if (!CLUSTER_NAME.test(name)) throw validation(`Invalid value "${name}" for query parameter clusterNames.`, [{ field: 'clusterNames', description: 'must be a cluster name' }]);
  }
  const min = dateParam(query, 'minDate');
  const max = dateParam(query, 'maxDate');
  return (event) => {
    const created = Date.parse(event.created);
    return (
      (types.size === 0 || types.has(event.eventTypeName)) &&
      !excluded.has(event.eventTypeName) &&
      (clusters.length === 0 || clusters.includes(String(event.fields?.clusterName))) &&
      (min === undefined || created >= min) &&
      (max === undefined || created <= max)
    );
  };
}

const includeRaw = (ctx: HandlerContext): boolean => flagParam('includeRaw', ctx.query.includeRaw, false);

/** "API_KEY_CREATED" → "API key created": the spec gives descriptions per type only in Atlas' own catalogue. */
function describe(eventType: string): string {
  const words = eventType.toLowerCase().split('_').map((w) => (w === 'api' || w === 'ip' || w === 'ui' || w === 'org' ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One event as the spec's views show it, under the feed it was asked from. */
function eventView(ctx: HandlerContext, event: AtlasEvent, feed: Feed, withRaw: boolean): Record<string, unknown> {
  const { actor } = event;
  const owner = feed === 'orgs' ? event.orgId : event.groupId;
  const links: Link[] = [{ rel: 'self', href: `${ctx.base}/${feed}/${owner}/events/${event.id}` }];
  const view: Record<string, unknown> = {
    created: event.created,
    eventTypeName: event.eventTypeName,
    id: event.id,
    isGlobalAdmin: false,
    links,
    orgId: event.orgId,
    ...(event.groupId !== undefined ? { groupId: event.groupId } : {}),
    ...(actor?.kind === 'apiKey' ? { apiKeyId: actor.apiKeyId, publicKey: actor.publicKey } : {}),
    ...(actor?.kind === 'user' ? { userId: actor.userId, username: actor.username } : {}),
    ...(actor?.kind === 'serviceAccount' ? { delegatePrincipal: { id: actor.clientId, name: actor.clientId } } : {}),
    ...(event.remoteAddress !== undefined ? { remoteAddress: event.remoteAddress } : {}),
    ...(event.targetPublicKey !== undefined ? { targetPublicKey: event.targetPublicKey } : {}),
    ...(event.whitelistEntry !== undefined ? { whitelistEntry: event.whitelistEntry } : {}),
    ...event.fields,
  };
  if (withRaw) {
    const org = ctx.state.orgs.get(event.orgId);
    const project = event.groupId !== undefined ? ctx.state.projects.get(event.groupId) : undefined;
    // `raw` is Atlas' internal document, whose fields the spec says may change; `_t` here is an assumption.
    view.raw = {
      _t: event.eventTypeName.startsWith('API_KEY_') ? 'API_USER' : 'EVENT',
      cre: event.created,
      description: describe(event.eventTypeName),
      et: event.eventTypeName,
      id: event.id,
      orgId: event.orgId,
      ...(org ? { orgName: org.name } : {}),
      ...(project ? { cid: project.id, gn: project.name } : {}),
      severity: 'INFO',
    };
  }
  return view;
}

function listed(ctx: HandlerContext, events: AtlasEvent[], feed: Feed): unknown {
  const request = pageRequest(ctx.query);
  const keep = eventFilter(ctx, feed);
  const withRaw = includeRaw(ctx);
  return page(events.filter(keep), request, ctx.pageUrl, (event) => eventView(ctx, event, feed, withRaw));
}

function notFound(eventId: string): AtlasError {
  // The spec names no code for a missing event; this is its generic 404.
  return new AtlasError(404, 'RESOURCE_NOT_FOUND', `No event with ID ${eventId} exists.`, { parameters: [eventId] });
}

export function eventRoutes(): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/eventTypes',
      operation: 'listEventTypes',
      handle: (ctx) => {
        requireAnyRole(ctx.principal);
        const names = [...new Set([...ORG_EVENT_TYPES, ...GROUP_EVENT_TYPES])].sort();
        // `alertable` is left out: the spec's enums do not say which types can raise alerts.
        return { status: 200, body: page(names, pageRequest(ctx.query), ctx.pageUrl, (eventType) => ({ eventType, description: describe(eventType) })) };
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/events',
      operation: 'listOrgEvents',
      handle: (ctx) => {
        const org = ctx.state.getOrg(objectIdParam(ctx, 'orgId'));
        requireOrgMember(ctx.principal, org.id);
        return { status: 200, body: listed(ctx, ctx.state.events.ofOrg(org.id), 'orgs') };
      },
    },
    {
      method: 'GET',
      path: '/orgs/:orgId/events/:eventId',
      operation: 'getOrgEvent',
      handle: (ctx) => {
        const org = ctx.state.getOrg(objectIdParam(ctx, 'orgId'));
        const eventId = objectIdParam(ctx, 'eventId');
        requireOrgMember(ctx.principal, org.id);
        const event = ctx.state.events.get(eventId);
        if (!event || event.orgId !== org.id) throw notFound(eventId);
        return { status: 200, body: eventView(ctx, event, 'orgs', includeRaw(ctx)) };
      },
    },
    {
      method: 'GET',
      path: '/groups/:groupId/events',
      operation: 'listGroupEvents',
      handle: (ctx) => {
        const project = ctx.state.getProject(objectIdParam(ctx, 'groupId'));
        requireProjectMember(ctx.principal, project);
        return { status: 200, body: listed(ctx, ctx.state.events.ofProject(project.id), 'groups') };
      },
    },
    {
      method: 'GET',
      path: '/groups/:groupId/events/:eventId',
      operation: 'getGroupEvent',
      handle: (ctx) => {
        const project = ctx.state.getProject(objectIdParam(ctx, 'groupId'));
        const eventId = objectIdParam(ctx, 'eventId');
        requireProjectMember(ctx.principal, project);
        const event = ctx.state.events.get(eventId);
        if (!event || event.groupId !== project.id) throw notFound(eventId);
        return { status: 200, body: eventView(ctx, event, 'groups', includeRaw(ctx)) };
      },
    },
  ];
}
