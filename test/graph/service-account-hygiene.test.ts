// Service-account hygiene on the demo data, judged by the rules keys are judged by (risks.ts) and
// those of secrets: one about to expire with nothing outliving it, expired ones still listed, a
// secret unused beside one in use; usage read from the secrets first, and never "unused" by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYGIENE_POLICY, RISK_KINDS, assessCredential } from '../../src/graph/risks.js';
import { createGateway } from '../../src/server/gateway.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;

beforeAll(async () => {
  g = await startGraph('demo');
});
afterAll(() => g.close());

interface Judged {
  name: string;
  usage: { known: boolean; lastUsedAt: string | null };
  risks: Array<{ kind: string; severity: string; message: string; evidence: { secretId: string | null; date: string | null } }>;
}

async function judged(orgIndex: number): Promise<Map<string, Judged>> {
  const result = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: Judged }> } } }, { id: string }>(
    `query($id: ID!) { organization(id: $id) { serviceAccounts(first: 50) { edges { node {
      name usage { known lastUsedAt } risks { kind severity message evidence { secretId date } }
    } } } } }`,
    { id: g.sim.control.seeded.orgs[orgIndex]!.id },
  );
  return new Map(result.data!.organization.serviceAccounts.edges.map((e) => [e.node.name, e.node]));
}

const kinds = (account: Judged | undefined) => account!.risks.map((r) => `${r.kind}:${r.severity}`);

describe('ServiceAccount.risks', () => {
  it('finds a secret about to expire with nothing to outlive it, an Organization Owner, and an expired secret with no working one left', async () => {
    const acme = await judged(0);
    expect(kinds(acme.get('Terraform Cloud'))).toEqual(['SECRET_EXPIRING:HIGH', 'ORGANIZATION_OWNER:MEDIUM']);
    expect(acme.get('Terraform Cloud')!.risks[0]!.message).toMatch(/expires in 3 days.*rotateServiceAccountSecret/);
    // Mid-rotation: the old secret expires soon, but the new one outlives it.
    expect(kinds(acme.get('Metrics collector'))).toEqual(['SECRET_EXPIRING:LOW']);
    // Its only secret expired: nothing can obtain a token; and no access list in an organization that requires none.
    expect(kinds(acme.get('Quarterly billing report'))).toEqual(['USABLE_FROM_ANYWHERE:HIGH', 'SECRET_EXPIRED:MEDIUM']);
  });

  it('reads usage from the secrets first: an account without an access list is not of unknown usage', async () => {
    const acme = await judged(0);
    const billing = acme.get('Quarterly billing report')!;
    expect(billing.usage.known).toBe(true);
    expect(Date.now() - Date.parse(billing.usage.lastUsedAt!)).toBeGreaterThan(39 * 86_400_000);
    const globex = await judged(1);
    // Owner without a list, where the organization requires one: not usable from anywhere; never used.
    expect(kinds(globex.get('Globex provisioning'))).toEqual(['ORGANIZATION_OWNER:MEDIUM', 'NEVER_USED:MEDIUM']);
    expect(globex.get('Globex provisioning')!.usage).toEqual({ known: true, lastUsedAt: null });
  });

  it('takes the thresholds per field', async () => {
    const result = await g.run<{ organization: { serviceAccounts: { edges: Array<{ node: Judged }> } } }, { id: string }>(
      'query($id: ID!) { organization(id: $id) { serviceAccounts(first: 50) { edges { node { name risks(expiringWithinDays: 1, unusedForDays: 30) { kind severity } } } } } }',
      { id: g.sim.control.seeded.orgs[0]!.id },
    );
    const byName = new Map(result.data!.organization.serviceAccounts.edges.map((e) => [e.node.name, e.node.risks.map((r) => r.kind)]));
    expect(byName.get('Terraform Cloud')).toEqual(['ORGANIZATION_OWNER']);
    expect(byName.get('Quarterly billing report')).toContain('UNUSED');
    const refused = await g.run('query($id: ID!) { organization(id: $id) { serviceAccounts(first: 1) { edges { node { risks(expiringWithinDays: 0) { kind } } } } } }', { id: g.sim.control.seeded.orgs[0]!.id }, { expectErrors: true });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const HYGIENE = `query($id: ID!, $days: Int) { organization(id: $id) { serviceAccountHygiene(expiringWithinDays: $days) {
  completeness { accountsTotal accountsAssessed accountsForbidden accountsPending complete atlasReads pendingReason }
  byKind { kind severity accounts } bySeverity { severity accounts } accountsWithFindings accountsWithUnknownUsage accessListRequired
} } }`;

interface Hygiene {
  completeness: { accountsTotal: number; accountsAssessed: number; accountsForbidden: number; accountsPending: number; complete: boolean; atlasReads: number; pendingReason: string | null };
  byKind: Array<{ kind: string; severity: string; accounts: number }>;
  bySeverity: Array<{ severity: string; accounts: number }>;
  accountsWithFindings: number;
  accountsWithUnknownUsage: number;
}

describe('Organization.serviceAccountHygiene', () => {
  it("counts the findings ServiceAccount.risks gives each account, reading each account's access list and projects once", async () => {
    const each = [...(await judged(0)).values()];
    g.resetCalls();
    const result = await g.run<{ organization: { serviceAccountHygiene: Hygiene } }, { id: string }>(HYGIENE, { id: g.sim.control.seeded.orgs[0]!.id });
    const report = result.data!.organization.serviceAccountHygiene;
    expect(report.completeness).toMatchObject({ accountsTotal: each.length, accountsAssessed: each.length, accountsPending: 0, complete: true, atlasReads: 2 * each.length, pendingReason: null });
    const counted = Object.fromEntries(report.byKind.map((c) => [c.kind, c.accounts]));
    expect(Object.keys(counted)).toEqual([...RISK_KINDS]);
    for (const kind of RISK_KINDS) expect(counted[kind], kind).toBe(each.filter((a) => a.risks.some((r) => r.kind === kind)).length);
    // A kind whose severity depends on the case is counted at the highest found.
    expect(report.byKind.find((c) => c.kind === 'SECRET_EXPIRING')).toEqual({ kind: 'SECRET_EXPIRING', severity: 'HIGH', accounts: 2 });
    expect(report.accountsWithFindings).toBe(each.filter((a) => a.risks.length > 0).length);
    expect(report.accountsWithUnknownUsage).toBe(each.filter((a) => !a.usage.known).length);
    const calls = g.calls();
    expect(calls.filter((c) => c === 'listOrgServiceAccounts')).toHaveLength(1);
    expect(calls.filter((c) => c === 'listOrgServiceAccountAccessList')).toHaveLength(each.length);
    expect(calls.filter((c) => c === 'getOrgServiceAccountGroups')).toHaveLength(each.length);
  });

  it('reads no more than one request may, and says which accounts are pending and why', async () => {
    const gateway = createGateway({ atlas: g.atlas, hygiene: { ...DEFAULT_HYGIENE_POLICY, scan: { ...DEFAULT_HYGIENE_POLICY.scan, maxReadsPerRequest: 5 } } });
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: HYGIENE, variables: { id: g.sim.control.seeded.orgs[0]!.id } }),
    });
    const { completeness } = ((await response.json()) as { data: { organization: { serviceAccountHygiene: Hygiene } } }).data.organization.serviceAccountHygiene;
    // Two calls an account: two accounts within five calls.
    expect(completeness).toMatchObject({ accountsAssessed: 2, accountsPending: completeness.accountsTotal - 2, complete: false, atlasReads: 4 });
    expect(completeness.pendingReason).toContain('HYGIENE_MAX_READS_PER_REQUEST');
  });

  it('reads one account at least when one request may make fewer calls than an account takes, counting the calls it made', async () => {
    const gateway = createGateway({ atlas: g.atlas, hygiene: { ...DEFAULT_HYGIENE_POLICY, scan: { ...DEFAULT_HYGIENE_POLICY.scan, maxReadsPerRequest: 1 } } });
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: HYGIENE, variables: { id: g.sim.control.seeded.orgs[0]!.id } }),
    });
    const { completeness } = ((await response.json()) as { data: { organization: { serviceAccountHygiene: Hygiene } } }).data.organization.serviceAccountHygiene;
    expect(completeness).toMatchObject({ accountsAssessed: 1, atlasReads: 2, complete: false });
  });

  it('starts no scan for a report a directive leaves out', async () => {
    g.resetCalls();
    await g.run('query($id: ID!, $on: Boolean!) { organization(id: $id) { name serviceAccountHygiene @include(if: $on) { accountsWithFindings } keyHygiene @skip(if: true) { keysWithFindings } } }', {
      id: g.sim.control.seeded.orgs[0]!.id,
      on: false,
    });
    expect(g.calls()).toEqual(['getOrg']);
  });

  it('refuses a bad threshold before any Atlas call', async () => {
    g.resetCalls();
    const refused = await g.run(HYGIENE, { id: g.sim.control.seeded.orgs[0]!.id, days: 0 }, { expectErrors: true });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiringWithinDays' });
    expect(g.calls()).toEqual([]);
  });
});

describe('secret rules', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000);
  const facts = (secrets: Parameters<typeof assessCredential>[0]['secrets']) => ({
    label: 'Service account ci',
    createdAt: day(-400),
    organizationRoles: ['ORG_MEMBER'],
    projectCount: 1,
    entries: [{ cidrBlock: '198.51.100.0/24', lastUsed: day(-1).toISOString(), count: 5 }],
    accessListRequired: false,
    secrets,
  });

  it('finds a secret unused beside one in use, and not while the account is unused', () => {
    const inUse = assessCredential(facts([
      { id: 'a'.repeat(24), createdAt: day(-200), expiresAt: day(100), lastUsedAt: day(-1) },
      { id: 'b'.repeat(24), createdAt: day(-150), expiresAt: day(150) },
    ]), DEFAULT_HYGIENE_POLICY, now);
    expect(inUse.map((r) => [r.kind, r.evidence.secretId])).toEqual([['SECRET_UNUSED', 'b'.repeat(24)]]);
    const idle = assessCredential({ ...facts([
      { id: 'a'.repeat(24), createdAt: day(-200), expiresAt: day(100), lastUsedAt: day(-120) },
      { id: 'b'.repeat(24), createdAt: day(-150), expiresAt: day(150) },
    ]), entries: [{ cidrBlock: '198.51.100.0/24', lastUsed: day(-120).toISOString(), count: 5 }] }, DEFAULT_HYGIENE_POLICY, now);
    expect(idle.map((r) => r.kind)).toEqual(['UNUSED']);
  });
});
