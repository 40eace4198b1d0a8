// Service accounts in the graph, against the simulator's demo organizations: an organization's
// accounts with their roles, projects, access lists and secrets (values never shown here); a
// project's with its roles on the edge; one by id, by client id, by node; bad ids refused before
// any call; and the other flavors answering the fields with UNSUPPORTED_BY_UPSTREAM, not a failed page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphHarness, startGraph } from './harness.js';
import { createSimulator } from '../../src/simulator/index.js';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { OrganizationServiceAccountsDocument, ServiceAccountHistoryDocument, ServiceAccountHygieneDocument } from '../generated/graphql.js';

let g: GraphHarness;
let acme: string;
let production: string;

beforeAll(async () => {
  g = await startGraph('demo');
  const org = g.sim.control.seeded.orgs[0]!;
  acme = org.id;
  production = org.projects.find((p) => p.name === 'Production')!.id;
});
afterAll(() => g.close());

interface Account {
  id: string;
  clientId: string;
  name: string;
  organizationRoles: Array<{ role: string }>;
  projectAssignments: Array<{ project: { name: string }; roles: Array<{ role: string }> }>;
  accessList: { edges: Array<{ node: { cidrBlock: string | null; ipAddress: string | null; requestCount: number; lastUsedAt: string | null } }> };
  secrets: Array<{ atlasId: string; expiresAt: string; expired: boolean; lastUsedAt: string | null; maskedValue: string | null }>;
}

const ACCOUNT = `id clientId name organizationRoles { role } projectAssignments { project { name } roles { role } }
  accessList(first: 10) { edges { node { cidrBlock ipAddress requestCount lastUsedAt } } }
  secrets { atlasId expiresAt expired lastUsedAt maskedValue }`;

describe('Organization.serviceAccounts', () => {
  it("lists an organization's accounts with their roles, projects, access lists and secrets, in few calls", async () => {
    g.resetCalls();
    const result = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: Account }> } } }, { id: string }>(
      `query($id: ID!) { organization(id: $id) { serviceAccounts(first: 20) { edges { node { ${ACCOUNT} } } } } }`,
      { id: acme },
    );
    const accounts = result.data!.organization.serviceAccounts.edges.map((e) => e.node);
    const names = accounts.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Terraform Cloud', 'Metrics collector', 'Quarterly billing report', 'Staging deployer']));
    // The system-managed account is left out unless asked for.
    expect(names).not.toContain('Atlas MCP server');

    const metrics = accounts.find((a) => a.name === 'Metrics collector')!;
    expect(metrics.clientId).toMatch(/^mdb_sa_id_[a-f0-9]{24}$/);
    expect(metrics.organizationRoles).toEqual([{ role: 'ORG_READ_ONLY' }]);
    expect(metrics.projectAssignments).toEqual([{ project: { name: 'Production' }, roles: [{ role: 'GROUP_OBSERVABILITY_VIEWER' }] }]);
    expect(metrics.accessList.edges[0]!.node).toMatchObject({ ipAddress: '203.0.113.30', requestCount: 18_344 });
    // Mid-rotation: two secrets, soonest to expire first, neither expired; no value anywhere.
    expect(metrics.secrets).toHaveLength(2);
    expect(Date.parse(metrics.secrets[0]!.expiresAt)).toBeLessThan(Date.parse(metrics.secrets[1]!.expiresAt));
    expect(metrics.secrets.every((s) => !s.expired && s.maskedValue !== null)).toBe(true);
    expect(JSON.stringify(result.data)).not.toMatch(/mdb_sa_sk_[A-Za-z0-9]{20,}/);

    const billing = accounts.find((a) => a.name === 'Quarterly billing report')!;
    expect(billing.secrets.map((s) => s.expired)).toEqual([true]);

    // One listing, then per account its projects and its access list (and the projects' listing once).
    const calls = g.calls();
    expect(calls.filter((c) => c === 'listOrgServiceAccounts')).toHaveLength(1);
    expect(calls.filter((c) => c === 'getOrgServiceAccountGroups')).toHaveLength(accounts.length);
    expect(calls.filter((c) => c === 'listOrgServiceAccountAccessList')).toHaveLength(accounts.length);
    expect(calls.filter((c) => c === 'getOrgServiceAccount')).toEqual([]);
  });

  it('includes the system-managed accounts when asked', async () => {
    const result = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: { name: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { serviceAccounts(first: 50, includeSystemManaged: true) { edges { node { name } } } } }',
      { id: acme },
    );
    expect(result.data!.organization.serviceAccounts.edges.map((e) => e.node.name)).toContain('Atlas MCP server');
  });

  it('pages from the end, with cursors, however Atlas counts', async () => {
    const all = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: { name: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { serviceAccounts(first: 50) { edges { node { name } } } } }',
      { id: acme },
    );
    const names = all.data!.organization.serviceAccounts.edges.map((e) => e.node.name);
    const last = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: { name: string } }>; pageInfo: { hasPreviousPage: boolean } } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { serviceAccounts(last: 2) { edges { node { name } } pageInfo { hasPreviousPage } } } }',
      { id: acme },
    );
    expect(last.data!.organization.serviceAccounts.edges.map((e) => e.node.name)).toEqual(names.slice(-2));
    expect(last.data!.organization.serviceAccounts.pageInfo.hasPreviousPage).toBe(names.length > 2);
  });
});

describe('the console page of service accounts', () => {
  it('costs what the REST API allows at the least: the organization, the accounts, the projects once, then each account\'s projects and access list', async () => {
    g.resetCalls();
    const result = await g.run(OrganizationServiceAccountsDocument, { id: acme });
    const accounts = result.data!.organization!.serviceAccounts!.edges.length;
    expect(accounts).toBeGreaterThanOrEqual(4);
    const counted = g.calls().reduce<Record<string, number>>((all, call) => ({ ...all, [call]: (all[call] ?? 0) + 1 }), {});
    expect(counted).toEqual({
      getOrg: 1,
      listOrgServiceAccounts: 1,
      getOrgGroups: 1,
      getOrgServiceAccountGroups: accounts,
      listOrgServiceAccountAccessList: accounts,
    });
  });
});

describe('the console pages of service-account hygiene and history', () => {
  const countedCalls = () => g.calls().reduce<Record<string, number>>((all, call) => ({ ...all, [call]: (all[call] ?? 0) + 1 }), {});

  it("ServiceAccountHygiene: the organization, its settings, one listing of its accounts, then each account's projects and access list", async () => {
    g.resetCalls();
    const result = await g.run(ServiceAccountHygieneDocument, { id: acme });
    const accounts = result.data!.organization!.serviceAccountHygiene!.completeness.accountsTotal;
    expect(result.data!.organization!.serviceAccountHygiene!.completeness.complete).toBe(true);
    expect(countedCalls()).toEqual({
      getOrg: 1,
      getOrgSettings: 1,
      listOrgServiceAccounts: 1,
      getOrgServiceAccountGroups: accounts,
      listOrgServiceAccountAccessList: accounts,
    });
  });

  it('ServiceAccountHistory: the organization, a page of its feed, and its projects once', async () => {
    const project = g.sim.control.seeded.orgs[0]!.projects[0]!.id;
    const account = await g.atlas.createServiceAccount(acme, { name: 'history page', description: 'History page', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
    await g.atlas.assignServiceAccountToProject(project, account.clientId, ['GROUP_READ_ONLY']);
    g.resetCalls();
    const result = await g.run(ServiceAccountHistoryDocument, { id: acme });
    const events = result.data!.organization!.serviceAccountEvents!.edges.map((e) => e.node);
    expect(events.slice(0, 2).map((e) => [e.type, e.project?.name ?? null])).toEqual([
      ['SERVICE_ACCOUNT_ADDED_TO_GROUP', g.sim.control.seeded.orgs[0]!.projects[0]!.name],
      ['SERVICE_ACCOUNT_CREATED', null],
    ]);
    // The projects the events name: one listing of the organization's projects for them all.
    expect(new Set(events.flatMap((e) => (e.project ? [e.project.id] : []))).size).toBeGreaterThanOrEqual(2);
    expect(countedCalls()).toEqual({ getOrg: 1, listOrgEvents: 1, getOrgGroups: 1 });
  });
});

describe('Project.serviceAccounts', () => {
  it("lists a project's accounts with their roles there on the edge, and their organization roles on the node", async () => {
    const result = await g.run<
      { project: { serviceAccounts: { edges: Array<{ roles: Array<{ role: string }>; node: { name: string; organizationRoles: Array<{ role: string }> } }> } } },
      { id: string }
    >('query($id: ID!) { project(id: $id) { serviceAccounts(first: 10) { edges { roles { role } node { name organizationRoles { role } } } } } }', { id: production });
    const edge = result.data!.project.serviceAccounts.edges.find((e) => e.node.name === 'Metrics collector');
    expect(edge).toEqual({ roles: [{ role: 'GROUP_OBSERVABILITY_VIEWER' }], node: { name: 'Metrics collector', organizationRoles: [{ role: 'ORG_READ_ONLY' }] } });
  });
});

describe('one service account', () => {
  it('is found by its id, by its client id with its organization, and by node', async () => {
    const listed = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: { id: string; clientId: string; name: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { serviceAccounts(first: 1) { edges { node { id clientId name } } } } }',
      { id: acme },
    );
    const account = listed.data!.organization.serviceAccounts.edges[0]!.node;
    const byId = await g.run<{ serviceAccount: { name: string } }, { id: string }>('query($id: ID!) { serviceAccount(id: $id) { name } }', { id: account.id });
    expect(byId.data!.serviceAccount.name).toBe(account.name);
    const byClientId = await g.run<{ serviceAccount: { id: string } }, { org: string; id: string }>('query($org: ID!, $id: ID!) { serviceAccount(organizationId: $org, id: $id) { id } }', {
      org: acme,
      id: account.clientId,
    });
    expect(byClientId.data!.serviceAccount.id).toBe(account.id);
    const node = await g.run<{ node: { __typename: string; clientId: string } }, { id: string }>('query($id: ID!) { node(id: $id) { __typename ... on ServiceAccount { clientId } } }', { id: account.id });
    expect(node.data!.node).toEqual({ __typename: 'ServiceAccount', clientId: account.clientId });
  });

  it('refuses ids that name no account, before any call', async () => {
    g.resetCalls();
    for (const [variables, fragment] of [
      [{ id: 'mdb_sa_id_0123456789abcdef01234567' }, 'does not say'],
      [{ id: 'mdb_sa_id_nothex', org: acme }, 'takes ServiceAccount.id'],
      [{ id: acme }, 'takes ServiceAccount.id'],
    ] as const) {
      const result = await g.run('query($id: ID!, $org: ID) { serviceAccount(organizationId: $org, id: $id) { name } }', variables, { expectErrors: true });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(fragment);
    }
    expect(g.calls()).toEqual([]);
  });

  it('is NOT_FOUND when the organization has no such account', async () => {
    const result = await g.run('query($org: ID!) { serviceAccount(organizationId: $org, id: "mdb_sa_id_0123456789abcdef01234567") { name } }', { org: acme }, { expectErrors: true });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.data).toEqual({ serviceAccount: null });
  });
});

describe('other flavors', () => {
  it.each(['atlas-v1', 'ops-manager'] as const)('answers the service-account fields on %s with UNSUPPORTED_BY_UPSTREAM, and the rest of the page', async (flavor) => {
    const sim = await createSimulator({ seed: 'demo' });
    const atlas = AtlasClient.create({ baseUrl: sim.url, flavor, credentials: { kind: 'digest', publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey } });
    try {
      const gateway = createGateway({ atlas });
      const org = sim.control.seeded.orgs[0]!;
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'query($id: ID!, $p: ID!) { organization(id: $id) { name serviceAccounts(first: 5) { edges { node { name } } } serviceAccountEvents(first: 5) { edges { node { type } } } serviceAccountHygiene { accountsWithFindings } } project(id: $p) { name serviceAccounts { totalCount } } }',
          variables: { id: org.id, p: org.projects[0]!.id },
        }),
      });
      const body = (await response.json()) as { data: Record<string, Record<string, unknown>>; errors: Array<{ path: string[]; extensions: { code: string; flavor: string } }> };
      expect(body.data.organization).toEqual({ name: org.name, serviceAccounts: null, serviceAccountEvents: null, serviceAccountHygiene: null });
      expect(body.data.project).toEqual({ name: org.projects[0]!.name, serviceAccounts: null });
      expect(body.errors.map((e) => [e.path.join('.'), e.extensions.code, e.extensions.flavor]).sort()).toEqual([
        ['organization.serviceAccountEvents', 'UNSUPPORTED_BY_UPSTREAM', flavor],
        ['organization.serviceAccountHygiene', 'UNSUPPORTED_BY_UPSTREAM', flavor],
        ['organization.serviceAccounts', 'UNSUPPORTED_BY_UPSTREAM', flavor],
        ['project.serviceAccounts', 'UNSUPPORTED_BY_UPSTREAM', flavor],
      ]);
    } finally {
      await atlas.close();
      await sim.close();
    }
  });
});

describe('federation', () => {
  it('resolves ServiceAccount references in batches: one listing of the organization for many, each bad one failing alone', async () => {
    const all = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: { id: string; clientId: string } }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { serviceAccounts(first: 50, includeSystemManaged: true) { edges { node { id clientId } } } } }',
      { id: acme },
    );
    const accounts = all.data!.organization.serviceAccounts.edges.map((e) => e.node);
    expect(accounts.length).toBeGreaterThanOrEqual(5);
    const representations = [
      ...accounts.map((a, i) => (i % 2 === 0 ? { __typename: 'ServiceAccount', organizationAtlasId: acme, clientId: a.clientId } : { __typename: 'ServiceAccount', id: a.id })),
      { __typename: 'ServiceAccount', organizationAtlasId: acme, clientId: 'not-a-client-id' },
      { __typename: 'ServiceAccount', clientId: accounts[0]!.clientId },
    ];
    g.resetCalls();
    const result = await g.run<{ _entities: Array<{ clientId: string } | null> }, { representations: unknown[] }>(
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ServiceAccount { clientId } } }',
      { representations },
      { expectErrors: true },
    );
    expect(result.data!._entities.slice(0, accounts.length).map((a) => a!.clientId)).toEqual(accounts.map((a) => a.clientId));
    expect(result.data!._entities.slice(accounts.length)).toEqual([null, null]);
    expect(result.errors!.map((e) => [e.path?.[1], e.extensions?.code])).toEqual([
      [accounts.length, 'BAD_USER_INPUT'],
      [accounts.length + 1, 'BAD_USER_INPUT'],
    ]);
    expect(g.calls()).toEqual(['listOrgServiceAccounts']);
  });
});
