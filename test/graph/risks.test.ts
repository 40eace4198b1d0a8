// What makes a credential risky, from its roles, access list, creation time and its organization's
// access-list requirement; usage unknown is never read as unused.
import { describe, expect, it } from 'vitest';
import { type CredentialFacts, DEFAULT_HYGIENE_POLICY, assessCredential, usageOf } from '../../src/graph/risks.js';

const now = new Date('2026-12-01T00:00:00Z');
const facts = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  label: 'Key abcdefgh',
  createdAt: new Date('2024-01-01T00:00:00Z'),
  organizationRoles: ['ORG_MEMBER'],
  projectCount: 1,
  entries: [{ cidrBlock: '203.0.113.10/32', ipAddress: '203.0.113.10', count: 4, lastUsed: '2026-11-30T10:00:00Z', lastUsedAddress: '203.0.113.10' }],
  accessListRequired: false,
  ...over,
});
const kinds = (f: CredentialFacts, policy = DEFAULT_HYGIENE_POLICY) => assessCredential(f, policy, now).map((r) => r.kind);

describe('usage', () => {
  it('is unknown with an empty access list, never zero', () => {
    expect(usageOf([])).toEqual({ known: false, reason: 'EMPTY_ACCESS_LIST' });
  });
  it('is the most recent use of any entry, with the counts summed', () => {
    const usage = usageOf([
      { cidrBlock: '10.0.0.0/8', count: 3, lastUsed: '2026-01-01T00:00:00Z', lastUsedAddress: '10.1.1.1' },
      { cidrBlock: '203.0.113.10/32', count: 5, lastUsed: '2026-06-01T00:00:00Z', lastUsedAddress: '203.0.113.10' },
      { cidrBlock: '198.51.100.0/24', count: 0 },
    ]);
    expect(usage).toEqual({ known: true, requestCount: 8, lastUsedAt: new Date('2026-06-01T00:00:00Z'), lastUsedFrom: '203.0.113.10' });
  });
  it('is known and never used when entries exist but none was used', () => {
    expect(usageOf([{ cidrBlock: '198.51.100.0/24', count: 0 }])).toEqual({ known: true, requestCount: 0 });
  });
});

describe('risks', () => {
  it('finds none for a narrow, recently used, project-assigned member key', () => {
    expect(kinds(facts())).toEqual([]);
  });
  it('finds a key usable from anywhere: an empty list where none is required, or 0.0.0.0/0 or ::/0', () => {
    expect(kinds(facts({ entries: [] }))).toEqual(['USABLE_FROM_ANYWHERE']);
    expect(kinds(facts({ entries: [], accessListRequired: true }))).toEqual([]);
    const unknown = assessCredential(facts({ entries: [], accessListRequired: undefined }), DEFAULT_HYGIENE_POLICY, now);
    expect(unknown[0]).toMatchObject({ kind: 'USABLE_FROM_ANYWHERE', evidence: { accessListRequired: null } });
    expect(kinds(facts({ entries: [{ cidrBlock: '0.0.0.0/0', lastUsed: '2026-11-30T00:00:00Z' }] }))).toEqual(['USABLE_FROM_ANYWHERE']);
    expect(kinds(facts({ entries: [{ cidrBlock: '::/0', lastUsed: '2026-11-30T00:00:00Z' }] }))).toEqual(['USABLE_FROM_ANYWHERE']);
  });
  it('finds ranges wider than the policy, by address family', () => {
    const used = { lastUsed: '2026-11-30T00:00:00Z' };
    expect(kinds(facts({ entries: [{ cidrBlock: '10.0.0.0/8', ...used }] }))).toEqual(['WIDE_ACCESS_LIST_RANGE']);
    expect(kinds(facts({ entries: [{ cidrBlock: '10.1.0.0/16', ...used }] }))).toEqual([]);
    expect(kinds(facts({ entries: [{ cidrBlock: '2001:db8::/32', ...used }] }))).toEqual(['WIDE_ACCESS_LIST_RANGE']);
    expect(kinds(facts({ entries: [{ cidrBlock: '10.1.0.0/16', ...used }] }), { ...DEFAULT_HYGIENE_POLICY, widestIpv4Prefix: 24 })).toEqual(['WIDE_ACCESS_LIST_RANGE']);
  });
  it('finds an Organization Owner', () => {
    const [risk] = assessCredential(facts({ organizationRoles: ['ORG_OWNER'], projectCount: 0 }), DEFAULT_HYGIENE_POLICY, now);
    expect(risk).toMatchObject({ kind: 'ORGANIZATION_OWNER', evidence: { role: 'ORG_OWNER' } });
  });
  it('finds unused keys past N days and never-used keys older than N days, and says nothing of unknown usage', () => {
    const old = [{ cidrBlock: '203.0.113.10/32', count: 9, lastUsed: '2026-05-01T00:00:00Z' }];
    expect(kinds(facts({ entries: old }))).toEqual(['UNUSED']);
    expect(kinds(facts({ entries: old }), { ...DEFAULT_HYGIENE_POLICY, unusedDays: 365 })).toEqual([]);
    const neverUsed = [{ cidrBlock: '203.0.113.10/32', count: 0 }];
    expect(kinds(facts({ entries: neverUsed }))).toEqual(['NEVER_USED']);
    expect(kinds(facts({ entries: neverUsed, createdAt: new Date('2026-11-20T00:00:00Z') }))).toEqual([]);
    // Empty list: usage unknown, so neither UNUSED nor NEVER_USED.
    expect(kinds(facts({ entries: [], accessListRequired: true }))).toEqual([]);
  });
  it('finds a leftover: no project and no organization role beyond member or read-only', () => {
    expect(kinds(facts({ projectCount: 0, organizationRoles: ['ORG_READ_ONLY'] }))).toEqual(['LEFTOVER']);
    expect(kinds(facts({ projectCount: 0, organizationRoles: ['ORG_BILLING_ADMIN'] }))).toEqual([]);
  });
  it('orders findings most severe first, each with a message naming the credential', () => {
    const risks = assessCredential(facts({ entries: [], organizationRoles: ['ORG_OWNER'], projectCount: 0 }), DEFAULT_HYGIENE_POLICY, now);
    expect(risks.map((r) => r.severity)).toEqual(['HIGH', 'MEDIUM']);
    expect(risks.every((r) => r.message.startsWith('Key abcdefgh'))).toBe(true);
  });
});

describe('entries without their usage', () => {
  it('make no finding about use, though the others stand', () => {
    const bare = facts({ entries: [{ cidrBlock: '10.0.0.0/8' }], usageRecorded: false, createdAt: new Date('2020-01-01T00:00:00Z') });
    expect(kinds(bare)).toEqual(['WIDE_ACCESS_LIST_RANGE']);
  });
});
