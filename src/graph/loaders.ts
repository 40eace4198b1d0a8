/**
 * Per-request loaders over the Atlas client. Identical calls are made once, independent ones run
 * in parallel (the client's pool caps them), single-item caches are primed from every list, and
 * many items of one parent are fetched with one listing of the parent instead of N gets.
 */
import DataLoader from 'dataloader';
import {
  type AccessListEntry,
  type ApiKey,
  type AtlasClient,
  type AtlasEvent,
  type Organization,
  type OrganizationEventFilter,
  type OrganizationSettings,
  type Page,
  type PageRequest,
  type Project,
  type ServiceAccount,
  type ServiceAccountAccessListEntry,
  type ServiceAccountProject,
  PAGE_SIZE_MAX,
  fetchAllPages,
} from '../atlas/index.js';

/** An API key with the organization it belongs to (every REST path of a key needs both). */
export type OrgApiKey = ApiKey & { orgId: string };
/** An access list entry with the key it belongs to. */
export type KeyAccessListEntry = AccessListEntry & { orgId: string; apiKeyId: string };
/**
 * A service account with the organization it belongs to; read through a project's listing, its
 * `roles` are that project's (`listedInProject`), not its organization roles.
 */
export type OrgServiceAccount = ServiceAccount & { orgId: string; listedInProject?: string };
/** An access list entry of a service account, with the account. */
export type AccountAccessListEntry = ServiceAccountAccessListEntry & { orgId: string; clientId: string };

/**
 * A copy of an Atlas item with where it belongs (`orgId`, ...) added: how every listed item
 * becomes a node. `Object.assign`, not `{ ...item, orgId }`: on this V8 a spread followed by more
 * properties takes a slow path, about 20 times the cost, paid for every item of every page.
 */
export const withParent = <T extends object, P extends object>(item: T, parent: P): T & P => Object.assign({}, item, parent);

/** A project to load, with its organization when the caller knows it (enables batching by org). */
export interface ProjectRef {
  id: string;
  orgId?: string;
}

export type ListKind =
  | 'organizations'
  | 'organizationProjects'
  | 'organizationApiKeys'
  | 'projectApiKeys'
  | 'accessList'
  | 'organizationServiceAccounts'
  | 'projectServiceAccounts'
  | 'serviceAccountAccessList';

export interface PageKey {
  kind: ListKind;
  /** The parent's id: an org, a project, or `orgId:apiKeyId` (`orgId:clientId`) for an access list. */
  parent: string;
  pageNum: number;
  itemsPerPage: number;
}

/** From this many keys of one organization on, one listing of its keys is cheaper than N gets. */
const KEYS_LISTING_THRESHOLD = 5;
/** From this many projects of one organization on, one listing of its projects is used. */
const PROJECTS_LISTING_THRESHOLD = 2;
/**
 * From this many projects of unknown organizations on (references from other subgraphs,
 * `nodes`), GET /groups, every project the caller can see, is read instead of one get each.
 */
const VISIBLE_PROJECTS_THRESHOLD = 2;

const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((item) => [item.id, item]));

export interface LoaderOptions {
  /**
   * False turns batching, deduplication, caching and the by-parent strategies off: one upstream
   * call per field, the baseline the benchmarks compare against.
   */
  batching?: boolean;
  /** Told of every load and of every key that had to be fetched (a miss), per loader. */
  observe?: LoaderObserver;
}

export interface LoaderObserver {
  load(loader: string): void;
  miss(loader: string, keys: number): void;
}

/** Counts loads and misses of a loader for metrics; the loader itself is unchanged. */
function observed<K, V, C>(name: string, loader: DataLoader<K, V, C>, observer: LoaderObserver | undefined): DataLoader<K, V, C> {
  if (!observer) return loader;
  const load = loader.load.bind(loader);
  loader.load = (key: K) => {
    observer.load(name);
    return load(key);
  };
  return loader;
}

export function createLoaders(atlas: AtlasClient, options: LoaderOptions = {}) {
  const batching = options.batching ?? true;
  const loaderOptions = batching ? {} : { batch: false, cache: false };
  const keysListingThreshold = batching ? KEYS_LISTING_THRESHOLD : Number.POSITIVE_INFINITY;
  const projectsListingThreshold = batching ? PROJECTS_LISTING_THRESHOLD : Number.POSITIVE_INFINITY;
  const visibleProjectsThreshold = batching ? VISIBLE_PROJECTS_THRESHOLD : Number.POSITIVE_INFINITY;

  const miss = (name: string, keys: readonly unknown[]): void => options.observe?.miss(name, keys.length);

  const organization = observed(
    'organization',
    new DataLoader<string, Organization>(async (ids) => {
      miss('organization', ids);
      return Promise.all(ids.map((id) => atlas.getOrganization(id).catch((error: Error) => error)));
    }, loaderOptions),
    options.observe,
  );

  /** One listing of an organization's projects per request, shared by every load that needs it. */
  const projectListings = new Map<string, Promise<Map<string, Project>>>();
  /** GET /groups: its first page, and every page, each read at most once per request. */
  let visibleFirstPage: Promise<Page<Project>> | undefined;
  let visibleAll: Promise<Map<string, Project>> | undefined;
  const firstVisiblePage = (): Promise<Page<Project>> =>
    (visibleFirstPage ??= atlas.listProjects({ pageNum: 1, itemsPerPage: PAGE_SIZE_MAX, includeCount: true }));

  /**
   * The projects among `ids` that GET /groups lists. The first page (500, with the count) tells
   * how many pages there are; the others are read, in parallel, only when there are no more of
   * them than ids still missing, so the listing never costs more than the gets it replaces.
   */
  const findVisible = async (ids: string[]): Promise<Map<string, Project>> => {
    const first = await firstVisiblePage();
    const found = byId(first.results);
    const missing = ids.filter((id) => !found.has(id)).length;
    const complete = first.results.length < PAGE_SIZE_MAX && !first.hasNext;
    if (missing === 0 || complete) return found;
    const otherPages = first.totalCount === undefined ? Number.POSITIVE_INFINITY : Math.ceil(first.totalCount / PAGE_SIZE_MAX) - 1;
    if (!visibleAll && otherPages > missing) return found;
    visibleAll ??= fetchAllPages((page) => atlas.listProjects(page), first).then(byId);
    return visibleAll;
  };

  const projectsOf = (orgId: string): Promise<Map<string, Project>> => {
    let listing = projectListings.get(orgId);
    if (!listing) {
      listing = fetchAllPages((page) => atlas.listOrganizationProjects(orgId, page)).then(byId);
      if (batching) projectListings.set(orgId, listing);
    }
    return listing;
  };

  const project = observed('project', new DataLoader<ProjectRef, Project, string>(
    async (refs) => {
      miss('project', refs);
      const results = new Map<string, Project | Error>();
      const byOrg = new Map<string, string[]>();
      const single: string[] = [];
      for (const ref of refs) {
        if (ref.orgId) byOrg.set(ref.orgId, [...(byOrg.get(ref.orgId) ?? []), ref.id]);
        else single.push(ref.id);
      }
      await Promise.all(
        [...byOrg].map(async ([orgId, ids]) => {
          if (ids.length < projectsListingThreshold && !projectListings.has(orgId)) return single.push(...ids);
          const projects = await projectsOf(orgId);
          // A project missing from the listing (moved, deleted) is looked up on its own.
          for (const id of ids) {
            const found = projects.get(id);
            if (found) results.set(id, found);
            else single.push(id);
          }
        }),
      );
      if (single.length >= visibleProjectsThreshold) {
        // One error for the listing's ids: the gets below would fail the same way.
        const visible = await findVisible(single).catch((error: Error) => error);
        if (visible instanceof Error) return refs.map((ref) => results.get(ref.id) ?? visible);
        const unlisted: string[] = [];
        for (const id of single) {
          const found = visible.get(id);
          if (found) results.set(id, found);
          else unlisted.push(id);
        }
        single.splice(0, single.length, ...unlisted);
      }
      await Promise.all(single.map(async (id) => results.set(id, await atlas.getProject(id).catch((error: Error) => error))));
      return refs.map((ref) => results.get(ref.id)!);
    },
    { cacheKeyFn: (ref) => ref.id, ...loaderOptions },
  ), options.observe);

  const apiKey = observed('apiKey', new DataLoader<string, OrgApiKey>(async (keys) => {
    miss('apiKey', keys);
    const results = new Map<string, OrgApiKey | Error>();
    const byOrg = new Map<string, string[]>();
    for (const key of keys) {
      const [orgId, keyId] = splitKeyRef(key);
      byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), keyId]);
    }
    await Promise.all(
      [...byOrg].map(async ([orgId, ids]) => {
        const fetchOne = async (id: string) =>
          results.set(apiKeyRef(orgId, id), await atlas.getApiKey(orgId, id).then((k) => withParent(k, { orgId }), (error: Error) => error));
        if (ids.length < keysListingThreshold) return Promise.all(ids.map(fetchOne));
        const listed = byId(await fetchAllPages((page) => atlas.listApiKeys(orgId, page)));
        return Promise.all(
          ids.map((id) => {
            const found = listed.get(id);
            return found ? results.set(apiKeyRef(orgId, id), withParent(found, { orgId })) : fetchOne(id);
          }),
        );
      }),
    );
    return keys.map((key) => results.get(key)!);
  }, loaderOptions), options.observe);

  /** A service account by `orgId:clientId`: a get each, or one listing of the organization's from KEYS_LISTING_THRESHOLD on. */
  const serviceAccount = observed('serviceAccount', new DataLoader<string, OrgServiceAccount>(async (refs) => {
    miss('serviceAccount', refs);
    const results = new Map<string, OrgServiceAccount | Error>();
    const byOrg = new Map<string, string[]>();
    for (const ref of refs) {
      const [orgId, clientId] = splitKeyRef(ref);
      byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), clientId]);
    }
    await Promise.all(
      [...byOrg].map(async ([orgId, ids]) => {
        const fetchOne = async (id: string) =>
          results.set(apiKeyRef(orgId, id), await atlas.getServiceAccount(orgId, id).then((account) => withParent(account, { orgId }), (error: Error) => error));
        if (ids.length < keysListingThreshold) return Promise.all(ids.map(fetchOne));
        // System-managed accounts too: a reference may name one.
        const listed = await fetchAllPages((page) => atlas.listServiceAccounts(orgId, { pageNum: page.pageNum, itemsPerPage: page.itemsPerPage, includeSystemManaged: true })).catch((error: Error) => error);
        if (listed instanceof Error) return ids.map((id) => results.set(apiKeyRef(orgId, id), listed));
        const byClientId = new Map(listed.map((account) => [account.clientId, account]));
        return Promise.all(
          ids.map((id) => {
            const found = byClientId.get(id);
            return found ? results.set(apiKeyRef(orgId, id), withParent(found, { orgId })) : fetchOne(id);
          }),
        );
      }),
    );
    return refs.map((ref) => results.get(ref)!);
  }, loaderOptions), options.observe);

  /** The projects a service account is assigned to (`orgId:clientId`), with its roles in each: one listing per account. */
  const serviceAccountProjects = observed(
    'serviceAccountProjects',
    new DataLoader<string, ServiceAccountProject[]>(async (refs) => {
      miss('serviceAccountProjects', refs);
      return Promise.all(
        refs.map((ref) => {
          const [orgId, clientId] = splitKeyRef(ref);
          return fetchAllPages((page) => atlas.listServiceAccountProjects(orgId, clientId, { pageNum: page.pageNum, itemsPerPage: page.itemsPerPage })).catch((error: Error) => error);
        }),
      );
    }, loaderOptions),
    options.observe,
  );

  const pages = observed(
    'page',
    new DataLoader<PageKey, Page<unknown>, string>(
      async (keys) => {
        miss('page', keys);
        return Promise.all(keys.map((key) => fetchPage(atlas, key).catch((error: Error) => error)));
      },
      { cacheKeyFn: (key) => `${key.kind}|${key.parent}|${key.pageNum}|${key.itemsPerPage}`, ...loaderOptions },
    ),
    options.observe,
  );

  /** One Atlas page of a list; what it holds primes the single-item caches. */
  async function page(key: PageKey): Promise<Page<unknown>> {
    const result = await pages.load(key);
    if (key.kind === 'organizations') for (const item of result.results as Organization[]) organization.prime(item.id, item);
    if (key.kind === 'organizationProjects') for (const item of result.results as Project[]) project.prime({ id: item.id }, item);
    // Project listings show only the roles in that project, so they do not prime the key cache.
    if (key.kind === 'organizationApiKeys') {
      for (const item of result.results as ApiKey[]) apiKey.prime(apiKeyRef(key.parent, item.id), withParent(item, { orgId: key.parent }));
    }
    if (key.kind === 'organizationServiceAccounts') {
      const [orgId] = splitKeyRef(key.parent);
      for (const item of result.results as ServiceAccount[]) serviceAccount.prime(apiKeyRef(orgId, item.clientId), withParent(item, { orgId }));
    }
    return result;
  }

  /** Forgets every list page (after a change, so later selections read fresh lists). */
  const clearPages = (): void => {
    pages.clearAll();
    projectListings.clear();
    visibleFirstPage = undefined;
    visibleAll = undefined;
  };

  /**
   * Whether the credentials can list projects at all (GET /groups answers): tells a project they
   * may not see (Atlas answers its get 401 as well) from credentials Atlas refuses.
   */
  const canListProjects = (): Promise<boolean> => firstVisiblePage().then(
    () => true,
    () => false,
  );

  /** A key's whole access list (every page at the largest size): what its usage and risks are read from. */
  const wholeAccessList = observed(
    'wholeAccessList',
    new DataLoader<string, AccessListEntry[]>(async (refs) => {
      miss('wholeAccessList', refs);
      return Promise.all(
        refs.map((ref) => {
          const [orgId, apiKeyId] = splitKeyRef(ref);
          return fetchAllPages((request) => atlas.listAccessListEntries(orgId, apiKeyId, request)).catch((error: Error) => error);
        }),
      );
    }, loaderOptions),
    options.observe,
  );

  /** A service account's whole access list (`orgId:clientId`): what its usage and risks are read from besides its secrets. */
  const wholeServiceAccountAccessList = observed(
    'wholeServiceAccountAccessList',
    new DataLoader<string, ServiceAccountAccessListEntry[]>(async (refs) => {
      miss('wholeServiceAccountAccessList', refs);
      return Promise.all(
        refs.map((ref) => {
          const [orgId, clientId] = splitKeyRef(ref);
          return fetchAllPages((request) => atlas.listServiceAccountAccessList(orgId, clientId, request)).catch((error: Error) => error);
        }),
      );
    }, loaderOptions),
    options.observe,
  );

  /** An organization's settings (Atlas v2 only). */
  const organizationSettings = observed(
    'organizationSettings',
    new DataLoader<string, OrganizationSettings>(async (orgIds) => {
      miss('organizationSettings', orgIds);
      return Promise.all(orgIds.map((orgId) => atlas.getOrganizationSettings(orgId).catch((error: Error) => error)));
    }, loaderOptions),
    options.observe,
  );

  /**
   * Whether an organization requires an access list for the Admin API; undefined when its settings
   * cannot be read (the flavor has none, or the credentials may not), which findings then say.
   */
  const accessListRequired = (orgId: string): Promise<boolean | undefined> =>
    organizationSettings.load(orgId).then(
      (settings) => settings.apiAccessListRequired,
      () => undefined,
    );

  /**
   * An organization's keys by public key, from one listing per request (events name keys by public
   * key only); a key missing from it no longer exists. Primes the key cache.
   */
  const keyListings = new Map<string, Promise<Map<string, OrgApiKey>>>();
  const keysByPublicKey = (orgId: string): Promise<Map<string, OrgApiKey>> => {
    let listing = keyListings.get(orgId);
    if (!listing) {
      listing = fetchAllPages((page) => atlas.listApiKeys(orgId, page)).then((keys) => {
        const found = new Map<string, OrgApiKey>();
        for (const key of keys) {
          const model = withParent(key, { orgId });
          apiKey.prime(apiKeyRef(orgId, key.id), model);
          found.set(key.publicKey, model);
        }
        return found;
      });
      if (batching) keyListings.set(orgId, listing);
    }
    return listing;
  };

  /**
   * A page of an organization's activity feed, read once per request for the same filters (key
   * history, api-key-events.ts), so that a root field can start it beside its own read (prefetch.ts).
   */
  const eventPages = new Map<string, Promise<Page<AtlasEvent>>>();
  const organizationEventPage = (orgId: string, filter: OrganizationEventFilter, page: PageRequest): Promise<Page<AtlasEvent>> => {
    const key = JSON.stringify([orgId, filter.eventTypes ?? null, filter.minDate ? new Date(filter.minDate).toISOString() : null, filter.maxDate ? new Date(filter.maxDate).toISOString() : null, page.pageNum, page.itemsPerPage]);
    let read = eventPages.get(key);
    if (!read) {
      read = atlas.listOrganizationEvents(orgId, filter, page);
      if (batching) eventPages.set(key, read);
    }
    return read;
  };

  /** Scans over every key of an organization (key-hygiene.ts), one per organization and request. */
  const organizationScans = new Map<string, Promise<unknown>>();

  return { batching, organization, project, apiKey, serviceAccount, serviceAccountProjects, wholeServiceAccountAccessList, page, clearPages, projectsOf, canListProjects, wholeAccessList, organizationSettings, accessListRequired, keysByPublicKey, organizationEventPage, organizationScans };
}

export type Loaders = ReturnType<typeof createLoaders>;

export const apiKeyRef = (orgId: string, apiKeyId: string): string => `${orgId}:${apiKeyId}`;

/** The page-loader parent of an organization's service-account listing, with or without the system-managed ones. */
export const accountsListing = (orgId: string, includeSystemManaged: boolean | null | undefined): string => `${orgId}:${includeSystemManaged ? 'all' : 'visible'}`;

export function splitKeyRef(ref: string): [orgId: string, apiKeyId: string] {
  const [orgId = '', apiKeyId = ''] = ref.split(':');
  return [orgId, apiKeyId];
}

function fetchPage(atlas: AtlasClient, key: PageKey): Promise<Page<unknown>> {
  const request = { pageNum: key.pageNum, itemsPerPage: key.itemsPerPage, includeCount: true };
  switch (key.kind) {
    case 'organizations':
      return atlas.listOrganizations(request);
    case 'organizationProjects':
      return atlas.listOrganizationProjects(key.parent, request);
    case 'organizationApiKeys':
      return atlas.listApiKeys(key.parent, request);
    case 'projectApiKeys':
      return atlas.listProjectApiKeys(key.parent, request);
    case 'accessList': {
      const [orgId, apiKeyId] = splitKeyRef(key.parent);
      return atlas.listAccessListEntries(orgId, apiKeyId, request);
    }
    // Account listings take no count; `orgId:all` lists the system-managed accounts too.
    case 'organizationServiceAccounts': {
      const [orgId, which] = splitKeyRef(key.parent);
      return atlas.listServiceAccounts(orgId, { pageNum: key.pageNum, itemsPerPage: key.itemsPerPage, includeSystemManaged: which === 'all' });
    }
    case 'projectServiceAccounts':
      return atlas.listProjectServiceAccounts(key.parent, { pageNum: key.pageNum, itemsPerPage: key.itemsPerPage });
    case 'serviceAccountAccessList': {
      const [orgId, clientId] = splitKeyRef(key.parent);
      return atlas.listServiceAccountAccessList(orgId, clientId, request);
    }
  }
}
