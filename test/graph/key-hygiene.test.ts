// An organization's keys judged together (keyHygiene) and filtered or ordered (apiKeys(filter,
// orderBy)) over the demo data: counts agree with each key's own risks, filters and orders do what
// they say, and bad filters are refused before any Atlas call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let acmeId: string;

beforeAll(async () => {
  g = await startGraph('demo');
  acmeId = g.sim.control.seeded.orgs[0]!.id;
});
afterAll(() => g.close());

interface KeyNode {
  description: string;
  createdAt: string;
  usage: { known: boolean; lastUsedAt: string | null };
  risks: Array<{ kind: string; severity: string }>;
  organizationRoles: Array<{ roleName: string }>;
  projectAssignments: Array<{ project: { atlasId: string } }>;
}

const ALL = `query($id: ID!) { organization(id: $id) { apiKeys(first: 100) { edges { node {
  description createdAt usage { known lastUsedAt } risks { kind severity } organizationRoles { roleName } projectAssignments { project { atlasId } }
} } } } }`;

async function allKeys(): Promise<KeyNode[]> {
  const result = await g.run<{ organization: { apiKeys: { edges: Array<{ node: KeyNode }> } } }, Record<string, unknown>>(ALL, { id: acmeId });
  return result.data!.organization.apiKeys.edges.map((e) => e.node);
}

const FILTERED = `query($id: ID!, $filter: ApiKeyFilter, $orderBy: ApiKeyOrder, $first: Int) { organization(id: $id) { apiKeys(first: $first, filter: $filter, orderBy: $orderBy) {
  totalCount completeness { keysTotal keysAssessed complete keysPending atlasReads }
  edges { node { description } }
} } }`;

type Filtered = { organization: { apiKeys: { totalCount: number; completeness: { keysTotal: number; keysAssessed: number; complete: boolean; keysPending: number; atlasReads: number } | null; edges: Array<{ node: { description: string } }> } } };

async function filtered(variables: Record<string, unknown>) {
  const result = await g.run<Filtered, Record<string, unknown>>(FILTERED, { id: acmeId, first: 100, ...variables });
  return result.data!.organization.apiKeys;
}
const names = (connection: Awaited<ReturnType<typeof filtered>>) => connection.edges.map((e) => e.node.description);

describe('keyHygiene', () => {
  it('counts per kind and severity what each key\'s own risks say, completely, with unknown usage apart', async () => {
    const keys = await allKeys();
    const result = await g.run<{ organization: { keyHygiene: {
      completeness: { keysTotal: number; keysAssessed: number; complete: boolean; keysForbidden: number; keysPending: number; oldestReadAt: string; pendingReason: string | null };
      accessListRequired: boolean;
      byKind: Array<{ kind: string; kindName: string; severity: string; keys: number }>;
      bySeverity: Array<{ severity: string; keys: number }>;
      keysWithFindings: number;
      keysWithUnknownUsage: number;
    } } }, Record<string, unknown>>(
      `query($id: ID!) { organization(id: $id) { keyHygiene {
        completeness { keysTotal keysAssessed complete keysForbidden keysPending oldestReadAt pendingReason }
        accessListRequired byKind { kind kindName severity keys } bySeverity { severity keys } keysWithFindings keysWithUnknownUsage
      } } }`,
      { id: acmeId },
    );
    const report = result.data!.organization.keyHygiene;
    expect(report.completeness).toMatchObject({ keysTotal: keys.length, keysAssessed: keys.length, complete: true, keysForbidden: 0, keysPending: 0, pendingReason: null });
    expect(Date.now() - Date.parse(report.completeness.oldestReadAt)).toBeLessThan(60_000);
    expect(report.accessListRequired).toBe(false);
    for (const { kind, keys: counted } of report.byKind) {
      expect(counted, kind).toBe(keys.filter((k) => k.risks.some((r) => r.kind === kind)).length);
    }
    expect(report.byKind.find((c) => c.kind === 'USABLE_FROM_ANYWHERE')!.keys).toBeGreaterThan(0);
    for (const { severity, keys: counted } of report.bySeverity) {
      expect(counted, severity).toBe(keys.filter((k) => k.risks.some((r) => r.severity === severity)).length);
    }
    expect(report.keysWithFindings).toBe(keys.filter((k) => k.risks.length > 0).length);
    expect(report.keysWithUnknownUsage).toBe(keys.filter((k) => !k.usage.known).length);
    expect(report.keysWithUnknownUsage).toBeGreaterThan(0);
  });

  it('reads the keys, the settings and each access list once, shared with apiKeys(filter) in the same request', async () => {
    g.resetCalls();
    const keys = (await allKeys()).length;
    g.resetCalls();
    await g.run(`query($id: ID!) { organization(id: $id) { keyHygiene { keysWithFindings } apiKeys(first: 5, filter: { riskKinds: [UNUSED] }) { totalCount } } }`, { id: acmeId });
    const calls = g.calls();
    expect(calls.filter((c) => c === 'listOrgApiKeyAccessListEntries')).toHaveLength(keys);
    expect(calls.filter((c) => c === 'listOrgApiKeys')).toHaveLength(1);
    expect(calls.filter((c) => c === 'getOrgSettings')).toHaveLength(1);
  });
});

describe('apiKeys(filter, orderBy)', () => {
  let keys: KeyNode[];
  beforeAll(async () => {
    keys = await allKeys();
  });

  it('leaves the paged connection alone without filter or order (no completeness, no scan)', async () => {
    g.resetCalls();
    const result = await g.run<Filtered, Record<string, unknown>>(FILTERED, { id: acmeId, first: 3 });
    expect(result.data!.organization.apiKeys.completeness).toBeNull();
    expect(g.calls().sort()).toEqual(['getOrg', 'listOrgApiKeys']);
  });

  it('filters by risk kinds, days unused, role, project and description', async () => {
    const open = await filtered({ filter: { riskKinds: ['USABLE_FROM_ANYWHERE'] } });
    expect(names(open).sort()).toEqual(keys.filter((k) => k.risks.some((r) => r.kind === 'USABLE_FROM_ANYWHERE')).map((k) => k.description).sort());
    expect(open.totalCount).toBe(open.edges.length);
    expect(open.completeness).toMatchObject({ complete: true, keysTotal: keys.length });

    const idle = await filtered({ filter: { unusedForDays: 150 } });
    expect(names(idle).sort()).toEqual(['Former contractor', 'Migration helper', 'Nightly backup script']);
    const owners = await filtered({ filter: { organizationRole: 'ORG_OWNER' } });
    expect(names(owners)).toEqual(keys.filter((k) => k.organizationRoles.some((r) => r.roleName === 'ORG_OWNER')).map((k) => k.description));
    const analytics = g.sim.control.seeded.orgs[0]!.projects.find((p) => p.name === 'Analytics')!.id;
    const inAnalytics = await filtered({ filter: { projectId: analytics } });
    expect(names(inAnalytics)).toEqual(keys.filter((k) => k.projectAssignments.some((a) => a.project.atlasId === analytics)).map((k) => k.description));
    expect(names(await filtered({ filter: { descriptionContains: 'PIPELINE' } }))).toEqual(['Release pipeline']);
  });

  it('orders by last use (unknown last), creation and description, and pages the result', async () => {
    const byUse = names(await filtered({ orderBy: { field: 'LAST_USED', direction: 'DESC' } }));
    const used = keys.filter((k) => k.usage.known && k.usage.lastUsedAt).sort((a, b) => Date.parse(b.usage.lastUsedAt!) - Date.parse(a.usage.lastUsedAt!));
    expect(byUse.slice(0, used.length)).toEqual(used.map((k) => k.description));
    expect(byUse.length).toBe(keys.length);
    const byCreation = names(await filtered({ orderBy: { field: 'CREATED' } }));
    expect(byCreation).toEqual([...keys].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((k) => k.description));
    const byName = names(await filtered({ orderBy: { field: 'DESCRIPTION', direction: 'DESC' } }));
    expect(byName).toEqual(keys.map((k) => k.description).sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
    const firstTwo = await filtered({ orderBy: { field: 'DESCRIPTION' }, first: 2 });
    expect(names(firstTwo)).toEqual([...byName].reverse().slice(0, 2));
    expect(firstTwo.totalCount).toBe(keys.length);
  });

  it.each([
    ['a day count out of range', { filter: { unusedForDays: 0 } }, 'BAD_USER_INPUT'],
    ['a role that is no role name', { filter: { organizationRole: 'owner; drop' } }, 'BAD_USER_INPUT'],
    ['an unknown risk kind', { filter: { riskKinds: ['SCARY'] } }, 'BAD_USER_INPUT'],
  ])('refuses %s before any Atlas call', async (_name, variables, code) => {
    g.resetCalls();
    const result = await g.run(FILTERED, { id: acmeId, first: 10, ...variables }, { expectErrors: true });
    expect(result.errors![0]!.extensions).toMatchObject({ code });
    expect(g.calls()).toEqual([]);
  });
});
