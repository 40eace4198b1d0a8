// Key hygiene over the simulator's demo data: when each key was created, its usage (unknown is
// never unused), its risks, the organization's settings and their mutation with its three
// outcomes, who the gateway acts as, a caller who may not read access lists, the other flavors,
// and bad input refused before any Atlas call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';
import { fetchToken } from '../simulator/helpers.js';
import { type GraphHarness, startGraph } from './harness.js';

let g: GraphHarness;
let acmeId: string;
let globexId: string;

beforeAll(async () => {
  g = await startGraph('demo');
  acmeId = g.sim.control.seeded.orgs[0]!.id;
  globexId = g.sim.control.seeded.orgs[1]!.id;
});
afterAll(() => g.close());

interface Risk {
  kind: string;
  kindName: string;
  severity: string;
  message: string;
  evidence: { accessListEntry: string | null; role: string | null; date: string | null; accessListRequired: boolean | null };
}
interface Key {
  description: string;
  publicKey: string;
  createdAt: string;
  usage: { known: boolean; unknownReason: string | null; lastUsedAt: string | null; lastUsedFrom: string | null; requestCount: number | null } | null;
  risks: Risk[] | null;
}

const KEYS = `query Hygiene($id: ID!, $days: Int) { organization(id: $id) { apiKeys(first: 50) { edges { node {
  description publicKey createdAt
  usage { known unknownReason lastUsedAt lastUsedFrom requestCount }
  risks(unusedForDays: $days) { kind kindName severity message evidence { accessListEntry role date accessListRequired } }
} } } } }`;

async function keysOf(orgId: string, days?: number): Promise<Map<string, Key>> {
  const result = await g.run<{ organization: { apiKeys: { edges: Array<{ node: Key }> } } }, Record<string, unknown>>(KEYS, { id: orgId, ...(days ? { days } : {}) });
  return new Map(result.data!.organization.apiKeys.edges.map((e) => [e.node.description, e.node]));
}
const kindsOf = (key: Key | undefined) => key!.risks!.map((r) => r.kind).sort();

describe('a key page with hygiene', () => {
  let acme: Map<string, Key>;
  beforeAll(async () => {
    acme = await keysOf(acmeId);
  });

  it('derives createdAt from the key id', () => {
    const key = g.sim.control.seeded.orgs[0]!.apiKeys.find((k) => k.desc === 'CI deployer')!;
    expect(acme.get('CI deployer')!.createdAt).toBe(new Date(Number.parseInt(key.id.slice(0, 8), 16) * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('says usage is unknown for an empty access list, never unused, and reads known usage from the entries', () => {
    expect(acme.get('Hackathon bot')!.usage).toEqual({ known: false, unknownReason: 'EMPTY_ACCESS_LIST', lastUsedAt: null, lastUsedFrom: null, requestCount: null });
    expect(kindsOf(acme.get('Hackathon bot'))).not.toContain('UNUSED');
    expect(kindsOf(acme.get('Hackathon bot'))).not.toContain('NEVER_USED');
    expect(acme.get('CI deployer')!.usage).toMatchObject({ known: true, unknownReason: null, lastUsedAt: '2026-11-20T17:04:51Z', lastUsedFrom: '203.0.113.10', requestCount: 1482 });
    expect(acme.get('Migration helper')!.usage).toEqual({ known: true, unknownReason: null, lastUsedAt: null, lastUsedFrom: null, requestCount: 0 });
  });

  it('finds every risk kind on the key that has it, with evidence', () => {
    const open = acme.get('Legacy integration')!.risks!.filter((r) => r.kind === 'USABLE_FROM_ANYWHERE');
    expect(open.map((r) => r.evidence.accessListEntry).sort()).toEqual(['0.0.0.0/0', '::/0']);
    expect(acme.get('Hackathon bot')!.risks!.find((r) => r.kind === 'USABLE_FROM_ANYWHERE')!.evidence.accessListRequired).toBe(false);
    expect(acme.get('VPN reporting')!.risks!.find((r) => r.kind === 'WIDE_ACCESS_LIST_RANGE')!.evidence.accessListEntry).toBe('10.0.0.0/8');
    expect(acme.get('Terraform automation')!.risks!.find((r) => r.kind === 'ORGANIZATION_OWNER')!.evidence.role).toBe('ORG_OWNER');
    expect(kindsOf(acme.get('Nightly backup script'))).toEqual(['UNUSED']);
    expect(kindsOf(acme.get('Migration helper'))).toEqual(['NEVER_USED']);
    expect(kindsOf(acme.get('Former contractor'))).toEqual(['LEFTOVER', 'UNUSED']);
    expect(kindsOf(acme.get('Release pipeline'))).toEqual([]);
    for (const key of acme.values()) {
      for (const risk of key.risks!) {
        expect(risk.kindName).toBe(risk.kind);
        expect(risk.message).toContain(key.publicKey);
      }
    }
  });

  it('does not call an empty list usable from anywhere where the organization requires a list', async () => {
    const globex = await keysOf(globexId);
    expect(kindsOf(globex.get('Org admin'))).toEqual(['ORGANIZATION_OWNER']);
  });

  it('judges unused by the days asked for', async () => {
    const longer = await keysOf(acmeId, 365);
    expect(kindsOf(longer.get('Nightly backup script'))).toEqual([]);
    expect(kindsOf(longer.get('Former contractor'))).toEqual(['LEFTOVER', 'UNUSED']);
  });

  it('reads each access list once for usage and risks together, and the settings once per organization', async () => {
    g.resetCalls();
    await keysOf(acmeId);
    const calls = g.calls();
    const keys = (await keysOf(acmeId)).size;
    expect(calls.filter((c) => c === 'listOrgApiKeyAccessListEntries')).toHaveLength(keys);
    expect(calls.filter((c) => c === 'getOrgSettings')).toHaveLength(1);
  });

  it('refuses a day count out of range before any Atlas call', async () => {
    g.resetCalls();
    const result = await g.run(KEYS, { id: acmeId, days: -1 }, { expectErrors: true });
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, path: ['organization', 'apiKeys', 'edges', 'node', 'risks'] });
    expect(g.calls()).toEqual([]);
  });
});

describe('a caller who may list keys but not read their access lists', () => {
  it('gets the keys, with usage and risks null and a FORBIDDEN error at each that names the role needed', async () => {
    const account = g.sim.control.createServiceAccount([{ orgId: acmeId, roleName: 'ORG_MEMBER' }]);
    const token = await fetchToken(g.sim.url, account.clientId, account.clientSecret);
    const gateway = createGateway({ atlas: g.atlas, authMode: 'passthrough' });
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ organization(id: "${acmeId}") { name apiKeys(first: 3) { edges { node { description usage { known } risks { kind } } } } } }` }),
    });
    const body = (await response.json()) as { data: { organization: { name: string; apiKeys: { edges: Array<{ node: { description: string; usage: unknown; risks: unknown } }> } } }; errors: Array<{ message: string; path: unknown[]; extensions: { code: string } }> };
    expect(body.data.organization.name).toBe('Acme-Corp');
    const nodes = body.data.organization.apiKeys.edges.map((e) => e.node);
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.description.length > 0 && n.usage === null && n.risks === null)).toBe(true);
    expect(body.errors).toHaveLength(6);
    for (const error of body.errors) {
      expect(error.extensions.code).toBe('FORBIDDEN');
      expect(error.message).toContain('Organization Owner');
      expect(['usage', 'risks']).toContain(error.path.at(-1));
    }
  });
});

describe('organization settings', () => {
  const SETTINGS = `query($id: ID!) { organization(id: $id) { settings { apiAccessListRequired multiFactorAuthRequired maxServiceAccountSecretValidityInHours } } }`;
  const UPDATE = `mutation($input: UpdateOrganizationSettingsInput!) { updateOrganizationSettings(input: $input) {
    __typename
    ... on UpdateOrganizationSettingsPayload { settings { apiAccessListRequired } }
    ... on MutationError { message }
    ... on OutcomeUnknownError { mayHaveHappened check }
    ... on ValidationError { field }
  } }`;
  type Update = { updateOrganizationSettings: { __typename: string; settings?: { apiAccessListRequired: boolean }; message?: string; field?: string; mayHaveHappened?: string } };
  const update = async (input: Record<string, unknown>) => (await g.run<Update, Record<string, unknown>>(UPDATE, { input }, { expectErrors: false })).data!.updateOrganizationSettings;
  const required = async () => (await g.run<{ organization: { settings: { apiAccessListRequired: boolean } } }, Record<string, unknown>>(SETTINGS, { id: acmeId })).data!.organization.settings.apiAccessListRequired;

  afterAll(async () => {
    g.sim.control.clearFaults();
    await g.atlas.updateOrganizationSettings(acmeId, { apiAccessListRequired: false });
  });

  it('reads the settings Atlas returns', async () => {
    const result = await g.run<{ organization: { settings: Record<string, unknown> } }, Record<string, unknown>>(SETTINGS, { id: acmeId });
    expect(result.data!.organization.settings).toEqual({ apiAccessListRequired: false, multiFactorAuthRequired: expect.any(Boolean), maxServiceAccountSecretValidityInHours: expect.any(Number) });
  });

  it('changes apiAccessListRequired: done', async () => {
    const done = await update({ organizationId: acmeId, apiAccessListRequired: true });
    expect(done).toEqual({ __typename: 'UpdateOrganizationSettingsPayload', settings: { apiAccessListRequired: true } });
    expect(await required()).toBe(true);
    await update({ organizationId: acmeId, apiAccessListRequired: false });
  });

  it('not done: a 503 before Atlas applied it is UpstreamUnavailableError, and nothing changed', async () => {
    g.sim.control.injectFault('updateOrgSettings', { sequence: [503, 503, 503] });
    const notDone = await update({ organizationId: acmeId, apiAccessListRequired: true });
    g.sim.control.clearFaults();
    expect(notDone.__typename).toBe('UpstreamUnavailableError');
    expect(await required()).toBe(false);
  });

  it('an answer lost after Atlas applied it is settled by a read: done', async () => {
    g.sim.control.injectFault('updateOrgSettings', { sequence: ['reset-after-apply'] });
    const settled = await update({ organizationId: acmeId, apiAccessListRequired: true });
    g.sim.control.clearFaults();
    expect(settled).toEqual({ __typename: 'UpdateOrganizationSettingsPayload', settings: { apiAccessListRequired: true } });
    await update({ organizationId: acmeId, apiAccessListRequired: false });
  });

  it('outcome unknown: the answer lost and the settling read failing too', async () => {
    g.sim.control.injectFault('updateOrgSettings', { sequence: ['500-after-apply'] });
    g.sim.control.injectFault('getOrgSettings', { sequence: [503, 503, 503, 503, 503, 503] });
    const unknown = await update({ organizationId: acmeId, apiAccessListRequired: true });
    g.sim.control.clearFaults();
    expect(unknown.__typename).toBe('OutcomeUnknownError');
    expect(unknown.mayHaveHappened).toContain('require an API access list');
  });

  it('refuses an input with nothing to change before any Atlas call', async () => {
    g.resetCalls();
    const refused = await update({ organizationId: acmeId });
    expect(refused).toMatchObject({ __typename: 'ValidationError', field: 'input' });
    expect(g.calls()).toEqual([]);
  });
});

describe('viewer', () => {
  it('says who the gateway acts as, with the roles and access list Atlas reports', async () => {
    const result = await g.run<{ viewer: { kind: string; publicKey: string; clientId: string | null; organizationRoles: Array<{ roleName: string; organization: { name: string } }>; accessList: string[]; risks: Risk[] } }, Record<string, never>>(
      '{ viewer { kind publicKey clientId organizationRoles { roleName organization { name } } accessList risks { kind } } }',
    );
    const viewer = result.data!.viewer;
    expect(viewer.kind).toBe('API_KEY');
    expect(viewer.publicKey).toBe(g.sim.control.admin.publicKey);
    expect(viewer.clientId).toBeNull();
    expect(viewer.organizationRoles.map((r) => `${r.roleName} ${r.organization.name}`).sort()).toEqual(['ORG_OWNER Acme-Corp', 'ORG_OWNER Globex-Research']);
    expect(viewer.risks.map((r) => r.kind)).toContain('ORGANIZATION_OWNER');
  });
});

describe('viewer, as a service account', () => {
  it("finds the configured account in its organization, with its secrets and their risks: the gateway's own secret expiring shows", async () => {
    // An account of Acme-Corp whose only secret expires in two days.
    const made = await g.atlas.createServiceAccount(acmeId, { name: 'gateway itself', description: 'The gateway', roles: ['ORG_READ_ONLY'], secretExpiresAfterHours: 48 });
    const secret = made.secrets.find((s) => s.secret)!;
    const own = AtlasClient.create({ baseUrl: g.sim.url, credentials: { kind: 'serviceAccount', clientId: made.clientId, clientSecret: secret.secret! } });
    try {
      const response = await createGateway({ atlas: own }).fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { kind clientId serviceAccount { clientId name organization { name } secrets { atlasId expiresAt } } risks { kind severity } } }' }),
      });
      const body = (await response.json()) as {
        data: { viewer: { kind: string; clientId: string; serviceAccount: { clientId: string; name: string; organization: { name: string }; secrets: Array<{ atlasId: string }> }; risks: Array<{ kind: string; severity: string }> } };
        errors?: unknown[];
      };
      expect(body.errors).toBeUndefined();
      expect(body.data.viewer).toMatchObject({ kind: 'SERVICE_ACCOUNT', clientId: made.clientId, serviceAccount: { clientId: made.clientId, name: 'gateway itself', organization: { name: 'Acme-Corp' }, secrets: [{ atlasId: secret.id }] } });
      expect(body.data.viewer.risks).toContainEqual({ kind: 'SECRET_EXPIRING', severity: 'HIGH' });
    } finally {
      await own.close();
    }
  });
});

describe('other flavors', () => {
  it.each(['atlas-v1', 'ops-manager'] as const)('%s answers settings with UNSUPPORTED_BY_UPSTREAM at the field, and still judges risks without the requirement', async (flavor) => {
    const v1 = AtlasClient.create({ baseUrl: g.sim.url, flavor, credentials: { kind: 'digest', publicKey: g.sim.control.admin.publicKey, privateKey: g.sim.control.admin.privateKey } });
    try {
      const gateway = createGateway({ atlas: v1 });
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ organization(id: "${acmeId}") { name settings { apiAccessListRequired } apiKeys(first: 50) { edges { node { description risks { kind evidence { accessListRequired } } } } } } }` }),
      });
      const body = (await response.json()) as { data: { organization: { name: string; settings: unknown; apiKeys: { edges: Array<{ node: { description: string; risks: Array<{ kind: string; evidence: { accessListRequired: boolean | null } }> } }> } } }; errors: Array<{ path: unknown[]; extensions: { code: string } }> };
      expect(body.data.organization.name).toBe('Acme-Corp');
      expect(body.data.organization.settings).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ path: ['organization', 'settings'], extensions: expect.objectContaining({ code: 'UNSUPPORTED_BY_UPSTREAM' }) })]);
      const bot = body.data.organization.apiKeys.edges.find((e) => e.node.description === 'Hackathon bot')!.node;
      expect(bot.risks.find((r) => r.kind === 'USABLE_FROM_ANYWHERE')!.evidence.accessListRequired).toBeNull();
    } finally {
      await v1.close();
    }
  });

  it('refuse updateOrganizationSettings as not done, without sending it: no outcome to settle', async () => {
    const sent: string[] = [];
    const v1 = AtlasClient.create({
      baseUrl: g.sim.url,
      flavor: 'atlas-v1',
      credentials: { kind: 'digest', publicKey: g.sim.control.admin.publicKey, privateKey: g.sim.control.admin.privateKey },
      observer: (event) => sent.push(event.operation),
    });
    try {
      const response = await createGateway({ atlas: v1 }).fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { updateOrganizationSettings(input: { organizationId: "${acmeId}", apiAccessListRequired: true }) { __typename ... on MutationError { message } ... on UnsupportedByUpstreamError { flavor } } }`,
        }),
      });
      const body = (await response.json()) as { data: { updateOrganizationSettings: { __typename: string; message: string; flavor?: string } } };
      expect(body.data.updateOrganizationSettings).toMatchObject({ __typename: 'UnsupportedByUpstreamError', flavor: 'atlas-v1' });
      expect(body.data.updateOrganizationSettings.message).toContain('nothing was sent');
      expect(sent).toEqual([]);
    } finally {
      await v1.close();
    }
  });
});
