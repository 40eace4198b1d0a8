/**
 * What a cached read depends on, what a write changes, and which rate-limit bucket a call spends,
 * all from the operation and its path (relative to the flavor's base path, e.g. `/orgs/{id}/apiKeys`).
 *
 * Tags name resources, never callers: a write through any identity makes every identity's cached
 * reads of what it touched stale. Where a path does not say everything a write touches (a key
 * assigned to a project shows in its organization's key listings, but the project path does not
 * name the organization), the write bumps a tag every such listing carries: coarser, never stale.
 * Every read also carries `all`, which a write the tables here do not know bumps.
 */

/** Carried by every cached read. */
export const ALL_TAG = 'all';
/** Carried by every organization key listing. */
const ORG_KEY_LISTINGS = 'orgKeys';
/** Carried by every project key listing. */
const PROJECT_KEY_LISTINGS = 'projectKeys';
/**
 * Carried by "who am I" (the system status at the base path): it shows the calling key's roles and
 * access list, and its path names no key, so every write to a key, its access list or its
 * project roles bumps it.
 */
const CALLER_VIEWS = 'caller';
/**
 * Carried by every read of an activity feed, and made stale by every write: each change Atlas
 * makes lands in its organization's feed, and a project path does not name the organization.
 */
const EVENT_FEEDS = 'events';
/** Carried by every listing of service accounts, an organization's or a project's: a project path does not name the organization. */
const SERVICE_ACCOUNT_LISTINGS = 'serviceAccounts';

/**
 * Carried by every read of one service account through a project's path, which does not name the
 * organization: an Atlas event (which names no account) makes them all stale.
 */
const PROJECT_SERVICE_ACCOUNT_VIEWS = 'projectServiceAccount';

/** A service account's path id, without the `:invite` verb of its project assignment. */
const clientIdOf = (segment: string): string => segment.replace(/:invite$/, '');

/**
 * What a read of one service account's path depends on: its access list, or the account (itself,
 * its projects); and what an event of its organization (`org:<id>:…`, when the path names it)
 * makes stale, as the event does not say which account it is about.
 */
function serviceAccountReadTags(clientId: string, part: string | undefined, orgId: string | undefined): string[] {
  const accessList = part === 'accessList';
  const ofOrganization = orgId === undefined ? PROJECT_SERVICE_ACCOUNT_VIEWS : `org:${orgId}:${accessList ? 'anyServiceAccountAccessList' : 'anyServiceAccount'}`;
  return [accessList ? `sa:${clientId}:accessList` : `sa:${clientId}`, ofOrganization];
}

const segmentsOf = (path: string): string[] => path.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);

/** The tags a GET of `path` depends on. */
export function readTags(path: string): string[] {
  const [root, id, child, keyId, accessList] = segmentsOf(path);
  const tags = [ALL_TAG];
  if (root === undefined) tags.push(CALLER_VIEWS);
  else if (root === 'orgs') {
    if (id === undefined) tags.push('orgs');
    else if (child === undefined) tags.push(`org:${id}`);
    else if (child === 'groups') tags.push(`org:${id}:projects`);
    else if (child === 'settings') tags.push(`org:${id}:settings`);
    else if (child === 'serviceAccounts') tags.push(...(keyId === undefined ? [SERVICE_ACCOUNT_LISTINGS] : serviceAccountReadTags(clientIdOf(keyId), accessList, id)));
    else if (child === 'apiKeys' && keyId === undefined) tags.push(`org:${id}:keys`, ORG_KEY_LISTINGS);
    else if (child === 'apiKeys' && accessList === undefined) tags.push(`key:${keyId}`, `org:${id}:anyKey`);
    else if (child === 'apiKeys') tags.push(`key:${keyId}:accessList`, `org:${id}:anyAccessList`);
    else if (child === 'events') tags.push(EVENT_FEEDS);
  } else if (root === 'groups') {
    if (id === undefined) tags.push('projects');
    else if (child === undefined) tags.push(`project:${id}`);
    else if (child === 'apiKeys' && keyId === undefined) tags.push(PROJECT_KEY_LISTINGS);
    else if (child === 'serviceAccounts') tags.push(...(keyId === undefined ? [SERVICE_ACCOUNT_LISTINGS] : serviceAccountReadTags(clientIdOf(keyId), accessList, undefined)));
    else if (child === 'events') tags.push(EVENT_FEEDS);
  }
  return tags;
}

/** The tags a write (POST, PATCH, DELETE) of `path` makes stale, whatever its outcome. */
export function writeTags(path: string): string[] {
  const [root, id, child, keyId, accessList] = segmentsOf(path);
  // The settings and nothing else: a change of apiAccessListRequired refuses credentials, which
  // shared reads learn from Atlas' refusal of them, not from tags.
  if (root === 'orgs' && id !== undefined && child === 'settings') return [`org:${id}:settings`, EVENT_FEEDS];
  if (root === 'orgs' && id !== undefined && child === 'apiKeys') {
    // A new key: its organization's listings.
    if (keyId === undefined) return [`org:${id}:keys`, EVENT_FEEDS];
    // Access list entries: that list only, and the key's own view of itself.
    if (accessList !== undefined) return [`key:${keyId}:accessList`, CALLER_VIEWS, EVENT_FEEDS];
    // An update or a delete of the key: project listings show its description, and a delete takes it
    // (and its access list) out of every project.
    return [`org:${id}:keys`, `key:${keyId}`, `key:${keyId}:accessList`, PROJECT_KEY_LISTINGS, CALLER_VIEWS, EVENT_FEEDS];
  }
  if ((root === 'orgs' || root === 'groups') && id !== undefined && child === 'serviceAccounts') {
    // A new account joins listings (a project's makes it a member of its organization too); a
    // change to one shows in every listing that carries it, its roles in its project listings, and
    // a deletion takes its access list and secrets with it. The caller may be the account itself.
    if (keyId === undefined) return [SERVICE_ACCOUNT_LISTINGS, EVENT_FEEDS];
    const clientId = clientIdOf(keyId);
    return [SERVICE_ACCOUNT_LISTINGS, `sa:${clientId}`, `sa:${clientId}:accessList`, CALLER_VIEWS, EVENT_FEEDS];
  }
  if (root === 'groups' && id !== undefined && child === 'apiKeys') {
    // A key created in, assigned to, changed in or taken out of a project: its roles show in its
    // organization's listings, which the path does not name.
    return [PROJECT_KEY_LISTINGS, ORG_KEY_LISTINGS, CALLER_VIEWS, ...(keyId !== undefined ? [`key:${keyId}`] : []), EVENT_FEEDS];
  }
  return [ALL_TAG];
}

/** Service account events that change the account (its listing and single reads) but not its access list. */
const ACCOUNT_ONLY_EVENTS = new Set([
  'SERVICE_ACCOUNT_CREATED',
  'SERVICE_ACCOUNT_DETAILS_CHANGED',
  'SERVICE_ACCOUNT_ROLES_CHANGED',
  'SERVICE_ACCOUNT_ADDED_TO_GROUP',
  'SERVICE_ACCOUNT_REMOVED_FROM_GROUP',
  'SERVICE_ACCOUNT_SECRET_ADDED',
  'SERVICE_ACCOUNT_SECRET_DELETED',
]);

/**
 * The tags an Atlas event of an organization makes stale: a change made anywhere (the Atlas UI,
 * the CLI, this gateway), found in the organization's feed. The event names the key acted on by
 * public key only, so every key (or access list) read of the organization goes, not that key's:
 * coarser than a write's tags, never stale. A project event's project listings go too, and any
 * API key event the tables do not know makes every key read stale. A service account event names
 * no account at all: every read of the organization's accounts (or their access lists) goes, with
 * every listing of accounts and every read of one through a project.
 */
export function eventTags(orgId: string, eventTypeName: string): string[] {
  const keys = [`org:${orgId}:keys`, ORG_KEY_LISTINGS];
  const anyKey = `org:${orgId}:anyKey`;
  const anyAccessList = `org:${orgId}:anyAccessList`;
  if (eventTypeName.startsWith('SERVICE_ACCOUNT_')) {
    const accounts = [SERVICE_ACCOUNT_LISTINGS, `org:${orgId}:anyServiceAccount`];
    const accessLists = [`org:${orgId}:anyServiceAccountAccessList`];
    // An entry's change touches access lists only; a change of the account itself leaves them as
    // they were; anything else (a deletion, which ends its access list too, the UI inheritance
    // switch, a type not known yet) makes both stale.
    const touched = eventTypeName.startsWith('SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_') ? accessLists : ACCOUNT_ONLY_EVENTS.has(eventTypeName) ? accounts : [...accounts, ...accessLists];
    return [...touched, PROJECT_SERVICE_ACCOUNT_VIEWS, CALLER_VIEWS, EVENT_FEEDS];
  }
  switch (eventTypeName) {
    case 'API_KEY_CREATED':
      return [...keys, PROJECT_KEY_LISTINGS, EVENT_FEEDS];
    case 'API_KEY_ACCESS_LIST_ENTRY_ADDED':
    case 'API_KEY_ACCESS_LIST_ENTRY_DELETED':
      return [anyAccessList, CALLER_VIEWS, EVENT_FEEDS];
    case 'API_KEY_DESCRIPTION_CHANGED':
    case 'API_KEY_ROLES_CHANGED':
    case 'API_KEY_ADDED_TO_GROUP':
    case 'API_KEY_REMOVED_FROM_GROUP':
      return [...keys, anyKey, PROJECT_KEY_LISTINGS, CALLER_VIEWS, EVENT_FEEDS];
    default:
      return [...keys, anyKey, anyAccessList, PROJECT_KEY_LISTINGS, CALLER_VIEWS, EVENT_FEEDS];
  }
}

/**
 * The rate-limit bucket a call spends, as far as the path tells it. Atlas counts per endpoint set
 * and scope without naming the set in its answers; its sets follow resource families, so the key
 * is the family (the path's shape) with the scope value the path names: the organization or the
 * project for their resources, shared by every caller; the caller itself for the listings of
 * everything it can see (Atlas scopes those by user).
 */
export function budgetBucket(path: string, identity: string): string {
  const [root, id, child, keyId, accessList] = segmentsOf(path);
  if (root === 'orgs' && id !== undefined) {
    // The settings are in the simulator's Organization set too (rate-limits.ts).
    if (child === undefined || child === 'groups' || child === 'settings') return `org:${id}`;
    if (child === 'apiKeys') return keyId !== undefined && accessList !== undefined ? `orgApiKeyAccessLists:${id}` : `orgApiKeys:${id}`;
    return `org-${child}:${id}`;
  }
  if (root === 'groups' && id !== undefined) {
    if (child === undefined) return `group:${id}`;
    return `group-${child}:${id}`;
  }
  return `${root ?? ''}:${identity}`;
}
