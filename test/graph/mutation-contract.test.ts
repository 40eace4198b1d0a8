// What mutations say to a client: ids for its caches, the gateway's own words, addresses in one
// form, and nothing about projects a scoped token may not see.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/server/auth.js';
import { createGateway } from '../../src/server/gateway.js';
import { type GraphHarness, startGraph } from './harness.js';

// Results are checked field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

let g: GraphHarness;
let orgId: string;
let staging: string;
let production: string;
let otherOrgProject: string;

beforeAll(async () => {
  g = await startGraph('demo');
  const org = g.sim.control.seeded.orgs[0]!;
  orgId = org.id;
  staging = org.projects.find((p) => p.name === 'Staging')!.id;
  production = org.projects.find((p) => p.name === 'Production')!.id;
  otherOrgProject = g.sim.control.seeded.orgs[1]!.projects[0]!.id;
});
beforeEach(() => g.resetCalls());
afterAll(() => g.close());

const keyId = (atlasId: string, org = orgId) => Buffer.from(`ApiKey:${org}:${atlasId}`).toString('base64');
const decode = (globalId: string) => Buffer.from(globalId, 'base64').toString();
const MISSING = '0123456789abcdef01234567';

async function mutate(query: string): Promise<Loose> {
  const { data } = await g.run<Record<string, Loose>, Record<string, never>>(`mutation { r: ${query} }`);
  return data!.r!;
}

const newKey = async (description: string) => (await g.atlas.createApiKey(orgId, { description, roles: ['ORG_MEMBER'] })).id;

describe('ids for client caches', () => {
  it('returns the global id of a deleted key besides its Atlas id', async () => {
    const id = await newKey('to delete');
    const r = await mutate(`deleteApiKey(input: { id: "${keyId(id)}" }) { ... on DeleteApiKeyPayload { deletedId deletedApiKeyId } }`);
    expect(r).toEqual({ deletedId: keyId(id), deletedApiKeyId: id });
  });

  it('returns the global id of the key a rotation replaced', async () => {
    const id = await newKey('to rotate');
    const r = await mutate(
      `rotateApiKey(input: { id: "${keyId(id)}", oldKey: DELETE_NOW }) { ... on RotateApiKeyPayload { oldApiKeyId oldApiKeyAtlasId newApiKey { id } } }`,
    );
    expect(r).toMatchObject({ oldApiKeyId: keyId(id), oldApiKeyAtlasId: id });
    expect(decode(r.newApiKey.id)).toMatch(new RegExp(`^ApiKey:${orgId}:[0-9a-f]{24}$`));
  });

  it('has atlasErrorCode on the MutationError interface', async () => {
    const r = await mutate(`updateApiKey(input: { id: "${keyId(MISSING)}", description: "x" }) { ... on MutationError { __typename message atlasErrorCode } }`);
    expect(r).toMatchObject({ __typename: 'NotFoundError', atlasErrorCode: 'API_KEY_NOT_FOUND' });
  });
});

describe("the gateway's words", () => {
  it('says project, not group, in the messages it writes', async () => {
    const deployer = g.sim.control.seeded.orgs[0]!.apiKeys.find((k) => k.desc === 'CI deployer')!;
    const r = await mutate(
      `assignApiKeyToProject(input: { projectId: "${staging}", apiKeyId: "${keyId(deployer.id)}", roles: [GROUP_READ_ONLY] }) { ... on MutationError { __typename message atlasErrorCode } }`,
    );
    expect(r).toMatchObject({ __typename: 'ConflictError', atlasErrorCode: 'API_KEY_ALREADY_IN_GROUP' });
    expect(r.message).toContain(`already assigned to project ${staging}`);
    expect(r.message).not.toMatch(/\bgroup\b/i);
  });

  it("keeps Atlas' own detail in extensions.atlas, and says project in the message", async () => {
    const { errors } = await g.run(`{ project(id: "${MISSING}") { name } }`, undefined, { expectErrors: true });
    const [error] = errors!;
    expect(error!.extensions).toMatchObject({ code: 'NOT_FOUND', atlas: { errorCode: 'GROUP_NOT_FOUND', detail: expect.stringMatching(/group/i) } });
    expect(error!.message).toContain(MISSING);
    expect(error!.message).not.toMatch(/\bgroup\b/i);
  });

  it('says that a key is not assigned, rather than that it does not exist', async () => {
    const id = await newKey('unassigned');
    for (const query of [
      `unassignApiKeyFromProject(input: { projectId: "${production}", apiKeyId: "${keyId(id)}" })`,
      `setProjectApiKeyRoles(input: { projectId: "${production}", apiKeyId: "${keyId(id)}", roles: [GROUP_OWNER] })`,
    ]) {
      const r = await mutate(`${query} { ... on MutationError { __typename message atlasErrorCode } }`);
      expect(r).toMatchObject({ __typename: 'ConflictError', atlasErrorCode: 'API_KEY_NOT_FOUND' });
      expect(r.message).toContain(`API key ${id} is not assigned to project ${production}`);
    }
    const missing = await mutate(
      `unassignApiKeyFromProject(input: { projectId: "${production}", apiKeyId: "${keyId(MISSING)}" }) { ... on MutationError { __typename message } }`,
    );
    expect(missing).toEqual({ __typename: 'NotFoundError', message: `No API key ${MISSING} in organization ${orgId}.` });
  });
});

describe('IPv6 in one form', () => {
  it('shows every address in RFC 5952 form in payloads, lists, duplicates and global ids, whatever Atlas stores', async () => {
    const id = await newKey('ipv6');
    const added = await mutate(
      `addAccessListEntries(input: { apiKeyId: "${keyId(id)}", entries: ["2001:DB8:0:0:0:0:0:7", "::/0", "2001:db8:0:0:1::/80"] }) {
        ... on AddAccessListEntriesPayload { added duplicates apiKey { accessList(first: 10) { edges { node { id ipAddress cidrBlock } } } } } }`,
    );
    expect(added.added).toEqual(['2001:db8::7', '::/0', '2001:db8:0:0:1::/80']);
    // Atlas stores (and answers) eight groups; the gateway presents RFC 5952.
    const stored = (await g.atlas.listAccessListEntries(orgId, id)).results.map((e) => e.cidrBlock);
    expect(stored).toEqual(['2001:db8:0:0:0:0:0:7/128', '0:0:0:0:0:0:0:0/0', '2001:db8:0:0:1:0:0:0/80']);
    const nodes = added.apiKey.accessList.edges.map((e: Loose) => e.node);
    expect(nodes.map((n: Loose) => [n.ipAddress, n.cidrBlock])).toEqual([
      ['2001:db8::7', '2001:db8::7/128'],
      [null, '::/0'],
      [null, '2001:db8:0:0:1::/80'],
    ]);
    expect(nodes.map((n: Loose) => decode(n.id))).toEqual([
      `AccessListEntry:${orgId}:${id}:2001:db8::7`,
      `AccessListEntry:${orgId}:${id}:::/0`,
      `AccessListEntry:${orgId}:${id}:2001:db8:0:0:1::/80`,
    ]);
    const { data } = await g.run<Loose, Record<string, never>>(`{ node(id: "${nodes[0].id}") { ... on AccessListEntry { ipAddress cidrBlock } } }`);
    expect(data!.node).toEqual({ ipAddress: '2001:db8::7', cidrBlock: '2001:db8::7/128' });

    const again = await mutate(`addAccessListEntries(input: { apiKeyId: "${keyId(id)}", entries: ["2001:db8:0::7", "0::0/0"] }) { ... on AddAccessListEntriesPayload { added duplicates } }`);
    expect(again).toEqual({ added: [], duplicates: ['2001:db8::7', '::/0'] });
    const removed = await mutate(`removeAccessListEntry(input: { apiKeyId: "${keyId(id)}", entry: "2001:db8:0:0:0:0:0:7" }) { ... on RemoveAccessListEntryPayload { removed } }`);
    expect(removed).toEqual({ removed: '2001:db8::7' });
    const gone = await mutate(`removeAccessListEntry(input: { apiKeyId: "${keyId(id)}", entry: "2001:db8::7" }) { ... on MutationError { __typename message } }`);
    expect(gone).toEqual({ __typename: 'NotFoundError', message: `2001:db8::7 is not on the access list of key ${id}: there is nothing to remove.` });
  });
});

describe('a token scoped to one organization', () => {
  const SECRET = 'a-shared-secret-of-at-least-32-characters';
  const sign = (scope: string) =>
    new SignJWT({ scope })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('console-user')
      .setIssuer('https://idp.example.com')
      .setAudience('atlas-keys-gateway')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
  let gateway: ReturnType<typeof createGateway>;
  beforeAll(() => {
    gateway = createGateway({ atlas: g.atlas, verifier: createVerifier({ secret: SECRET, issuer: 'https://idp.example.com', audience: 'atlas-keys-gateway' }) });
  });

  async function ask(query: string, scope: string): Promise<Loose> {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(scope)}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as Loose;
  }
  /** The same answer whichever project it is about: the id itself aside. */
  const alike = (answer: unknown, projectId: string) => JSON.stringify(answer).replaceAll(projectId, 'P');

  it('cannot tell a project of another organization from one that does not exist', async () => {
    const scope = `atlas:write:${orgId}`;
    const create = (projectId: string) =>
      ask(`mutation { createProjectApiKey(input: { projectId: "${projectId}", description: "probe", roles: [GROUP_READ_ONLY] }) { __typename ... on MutationError { message atlasErrorCode } } }`, scope);
    const read = (projectId: string) => ask(`{ project(id: "${projectId}") { name } }`, scope);
    const assign = (projectId: string) => {
      const key = g.sim.control.seeded.orgs[0]!.apiKeys[0]!;
      return ask(`mutation { assignApiKeyToProject(input: { projectId: "${projectId}", apiKeyId: "${keyId(key.id)}", roles: [GROUP_READ_ONLY] }) { __typename ... on MutationError { message } } }`, scope);
    };
    for (const probe of [create, read, assign]) {
      g.resetCalls();
      const elsewhere = await probe(otherOrgProject);
      const nowhere = await probe(MISSING);
      expect(alike(elsewhere, otherOrgProject)).toBe(alike(nowhere, MISSING));
      // Atlas is asked only about the token's own organization.
      expect(g.calls().filter((call) => call !== 'getOrgGroups')).toEqual([]);
    }
    expect((await create(otherOrgProject)).data.createProjectApiKey).toMatchObject({ __typename: 'NotFoundError', atlasErrorCode: null });
    expect((await read(MISSING)).errors[0].extensions.code).toBe('NOT_FOUND');
    // Its own organization's projects still work.
    expect((await read(staging)).data).toEqual({ project: { name: 'Staging' } });
  });
});
