// Service account history against the simulator: Organization.serviceAccountEvents and
// Project.serviceAccountEvents read Atlas's feed narrowed to service account events (newest first,
// paged, filtered by type and actor); Atlas names no account in them, so requestedBy is what says
// which account a change through the gateway was about, and who asked for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let globex: string;
let project: string;

beforeAll(async () => {
  g = await startGraph('demo');
  globex = g.sim.control.seeded.orgs[1]!.id;
  project = g.sim.control.seeded.orgs[1]!.projects[0]!.id;
});
afterAll(() => g.close());

interface Event {
  type: string;
  actor: { kind: string };
  project: { atlasId: string } | null;
  requestedBy: { ambiguous: boolean; record: { operation: string; serviceAccounts: Array<{ clientId: string }>; caller: { kind: string } } | null } | null;
}
interface Page {
  edges: Array<{ cursor: string; node: Event }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const EVENT = 'type actor { kind } project { atlasId } requestedBy { ambiguous record { operation serviceAccounts { clientId } caller { kind } } }';

async function organizationEvents(variables: Record<string, unknown>): Promise<Page> {
  const result = await g.run<{ organization: { serviceAccountEvents: Page } }, Record<string, unknown>>(
    `query($id: ID!, $first: Int, $after: String, $filter: ServiceAccountEventFilter) { organization(id: $id) { serviceAccountEvents(first: $first, after: $after, filter: $filter) {
      edges { cursor node { ${EVENT} } } pageInfo { hasNextPage endCursor }
    } } }`,
    { id: globex, ...variables },
  );
  return result.data!.organization.serviceAccountEvents;
}

/** The start of the next second, once it has come: Atlas times events to the second, so from then on only later changes are listed. */
async function nextSecond(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1_005 - (Date.now() % 1_000)));
  return new Date(Math.floor(Date.now() / 1_000) * 1_000).toISOString();
}

async function mutate(field: string, inputType: string, input: Record<string, unknown>, select = '__typename'): Promise<Record<string, unknown>> {
  const result = await g.run<Record<string, Record<string, unknown>>, Record<string, unknown>>(`mutation($input: ${inputType}!) { r: ${field}(input: $input) { ${select} } }`, { input });
  return result.data!.r!;
}

describe('Organization.serviceAccountEvents', () => {
  it('lists the changes made through the gateway newest first, each naming the account and who asked; a change made elsewhere has no request', async () => {
    const from = new Date(Date.now() - 1_000).toISOString();
    const created = (await mutate('createServiceAccount', 'CreateServiceAccountInput', { organizationId: globex, name: 'history', description: 'History', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 }, '... on CreateServiceAccountPayload { serviceAccount { id clientId } }')) as {
      serviceAccount: { id: string; clientId: string };
    };
    const mine = [{ clientId: created.serviceAccount.clientId }];
    await mutate('updateServiceAccount', 'UpdateServiceAccountInput', { id: created.serviceAccount.id, description: 'History, described' });
    await mutate('addServiceAccountSecret', 'AddServiceAccountSecretInput', { serviceAccountId: created.serviceAccount.id, expiresAfterHours: 24 });
    // Outside the gateway: Atlas records it as made by the same key, but no request stands behind it.
    await g.atlas.addServiceAccountAccessListEntries(globex, created.serviceAccount.clientId, [{ ipAddress: '198.51.100.40' }]);

    const page = await organizationEvents({ first: 10, filter: { from } });
    expect(page.edges.map((e) => [e.node.type, e.node.requestedBy?.record?.operation ?? null, e.node.requestedBy?.record?.serviceAccounts ?? null])).toEqual([
      ['SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED', null, null],
      ['SERVICE_ACCOUNT_SECRET_ADDED', 'addServiceAccountSecret', mine],
      ['SERVICE_ACCOUNT_DETAILS_CHANGED', 'updateServiceAccount', mine],
      ['SERVICE_ACCOUNT_CREATED', 'createServiceAccount', mine],
    ]);
    expect(page.edges.every((e) => e.node.actor.kind === 'API_KEY')).toBe(true);
    expect(page.edges[1]!.node.requestedBy).toMatchObject({ ambiguous: false, record: { caller: { kind: 'ANONYMOUS' } } });
  });

  it("names the request behind a lost create deleted again: both its events, though the mutation changed nothing in the end", async () => {
    const from = await nextSecond();
    g.sim.control.injectFault('createOrgServiceAccount', { sequence: ['500-after-apply'] });
    const lost = await mutate('createServiceAccount', 'CreateServiceAccountInput', { organizationId: globex, name: 'lost and deleted', description: 'Lost', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 }, '__typename ... on MutationError { message }');
    g.sim.control.clearFaults();
    expect(lost.__typename).toBe('UpstreamUnavailableError');
    const result = await g.run<{ organization: { serviceAccountEvents: { edges: Array<{ node: { type: string; requestedBy: { candidates: Array<{ operation: string; outcome: string }> } | null } }> } } }, Record<string, unknown>>(
      'query($id: ID!, $filter: ServiceAccountEventFilter) { organization(id: $id) { serviceAccountEvents(first: 10, filter: $filter) { edges { node { type requestedBy { candidates { operation outcome } } } } } } }',
      { id: globex, filter: { from } },
    );
    // Among the candidates (an earlier change of another account may be one: events name no account), the create answered NOT_DONE.
    const behind = result.data!.organization.serviceAccountEvents.edges.map((e) => [e.node.type, e.node.requestedBy?.candidates.some((c) => c.operation === 'createServiceAccount' && c.outcome === 'NOT_DONE') ?? false]);
    expect(behind).toEqual([
      ['SERVICE_ACCOUNT_DELETED', true],
      ['SERVICE_ACCOUNT_CREATED', true],
    ]);
  });

  it('pages with cursors and filters by type, leaving out every API key event', async () => {
    const from = await nextSecond();
    const a = await g.atlas.createServiceAccount(globex, { name: 'paged a', description: 'Paged', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    await g.atlas.createApiKey(globex, { description: 'between the accounts', roles: ['ORG_MEMBER'] });
    await g.atlas.createServiceAccount(globex, { name: 'paged b', description: 'Paged', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    await g.atlas.updateServiceAccount(globex, a.clientId, { name: 'paged a, renamed' });

    const first = await organizationEvents({ first: 2, filter: { from } });
    expect(first.edges.map((e) => e.node.type)).toEqual(['SERVICE_ACCOUNT_DETAILS_CHANGED', 'SERVICE_ACCOUNT_CREATED']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await organizationEvents({ first: 2, after: first.pageInfo.endCursor, filter: { from } });
    expect(second.edges.map((e) => e.node.type)).toEqual(['SERVICE_ACCOUNT_CREATED']);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const created = await organizationEvents({ first: 10, filter: { from, types: ['SERVICE_ACCOUNT_CREATED'] } });
    expect(created.edges.map((e) => e.node.type)).toEqual(['SERVICE_ACCOUNT_CREATED', 'SERVICE_ACCOUNT_CREATED']);
  });

  it('refuses bad arguments before any Atlas call', async () => {
    g.resetCalls();
    for (const [variables, field] of [
      [{ filter: { types: ['UNKNOWN'] } }, 'filter.types'],
      [{ first: 501 }, 'first'],
      [{ after: 'not a cursor' }, 'after'],
      [{ filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'filter.to'],
    ] as const) {
      const result = await g.run(
        'query($id: ID!, $first: Int, $after: String, $filter: ServiceAccountEventFilter) { organization(id: $id) { serviceAccountEvents(first: $first, after: $after, filter: $filter) { edges { cursor } } } }',
        { id: globex, ...variables },
        { expectErrors: true },
      );
      expect(result.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(g.calls()).toEqual([]);
  });
});

describe('Project.serviceAccountEvents', () => {
  it("lists an account's assignment to the project, with the project and the request behind it", async () => {
    const from = new Date(Date.now() - 1_000).toISOString();
    const created = await g.atlas.createServiceAccount(globex, { name: 'assigned', description: 'Assigned', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    const id = Buffer.from(`ServiceAccount:${globex}:${created.clientId}`).toString('base64');
    const projectId = Buffer.from(`Project:${project}`).toString('base64');
    await mutate('assignServiceAccountToProject', 'ServiceAccountProjectRolesInput', { serviceAccountId: id, projectId, roles: ['GROUP_READ_ONLY'] });
    const result = await g.run<{ project: { serviceAccountEvents: Page } }, Record<string, unknown>>(
      `query($id: ID!, $filter: ServiceAccountEventFilter) { project(id: $id) { serviceAccountEvents(first: 10, filter: $filter) { edges { cursor node { ${EVENT} } } pageInfo { hasNextPage endCursor } } } }`,
      { id: projectId, filter: { from } },
    );
    const [event] = result.data!.project.serviceAccountEvents.edges.map((e) => e.node);
    expect(event).toMatchObject({
      type: 'SERVICE_ACCOUNT_ADDED_TO_GROUP',
      project: { atlasId: project },
      requestedBy: { record: { operation: 'assignServiceAccountToProject', serviceAccounts: [{ clientId: created.clientId }] } },
    });
  });
});
