import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FlavorName } from '../../src/atlas/index.js';
import { RotateApiKeyDocument } from '../generated/graphql.js';
import { type GraphHarness, startGraph } from './harness.js';

// The result union is checked field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

describe.each<FlavorName>(['atlas-v2', 'ops-manager'])('rotateApiKey on %s', (flavor) => {
  let g: GraphHarness;
  let orgId: string;
  let deployer: { id: string; publicKey: string };
  const globalId = (atlasId: string) => Buffer.from(`ApiKey:${orgId}:${atlasId}`).toString('base64');

  beforeAll(async () => {
    g = await startGraph('demo', { flavor });
    orgId = g.sim.control.seeded.orgs[0]!.id;
  });
  beforeEach(() => {
    g.sim.control.reset();
    g.sim.control.clearFaults();
    deployer = g.sim.control.seeded.orgs[0]!.apiKeys.find((k) => k.desc === 'CI deployer')!;
  });
  afterAll(() => g.close());

  const keyCount = async () => (await g.atlas.listApiKeys(orgId)).totalCount;
  /** The keys the demo organization is seeded with. */
  const seeded = () => g.sim.control.seeded.orgs[0]!.apiKeys.length;
  const rotate = async (oldKey: 'KEEP' | 'DELETE_NOW', description?: string) =>
    (await g.run(RotateApiKeyDocument, { input: { id: globalId(deployer.id), oldKey, ...(description ? { description } : {}) } })).data!.rotateApiKey as unknown as Loose;

  it('copies roles, project assignments and the access list, and keeps the old key when asked', async () => {
    const result = await rotate('KEEP');
    expect(result).toMatchObject({
      __typename: 'RotateApiKeyPayload',
      oldApiKeyDeleted: false,
      oldApiKeyAtlasId: deployer.id,
      projectsAssigned: 2,
      accessListEntriesCopied: 2,
      oldApiKey: { atlasId: deployer.id },
    });
    const fresh = result.newApiKey as unknown as { description: string; organizationRoles: unknown; projectAssignments: unknown; accessList: { edges: Array<{ node: unknown }> }; maskedPrivateKey: string };
    expect(result.privateKey).toMatch(/^[0-9a-f]{8}-/);
    expect(fresh.maskedPrivateKey.slice(-12)).toBe((result.privateKey as string).slice(-12));
    expect(fresh.description).toBe('CI deployer');
    expect(fresh.organizationRoles).toEqual([{ role: 'ORG_MEMBER' }]);
    const old = await g.atlas.getApiKey(orgId, deployer.id);
    expect((fresh.projectAssignments as Array<{ project: { atlasId: string }; roles: Array<{ role: string }> }>).map((a) => [a.project.atlasId, a.roles.map((r) => r.role)])).toEqual(
      [...new Set(old.roles.filter((r) => r.groupId).map((r) => r.groupId!))].map((id) => [id, old.roles.filter((r) => r.groupId === id).map((r) => r.roleName)]),
    );
    expect(fresh.accessList.edges.map((e) => e.node)).toEqual([
      { ipAddress: '203.0.113.10', cidrBlock: '203.0.113.10/32' },
      { ipAddress: null, cidrBlock: '198.51.100.0/24' },
    ]);
    expect(await keyCount()).toBe(seeded() + 1);
  });

  it('deletes the old key when asked, and takes a new description', async () => {
    const result = await rotate('DELETE_NOW', 'CI deployer 2027');
    expect(result).toMatchObject({ __typename: 'RotateApiKeyPayload', oldApiKeyDeleted: true, oldApiKey: null, newApiKey: { description: 'CI deployer 2027' } });
    expect(await keyCount()).toBe(seeded());
    await expect(g.atlas.getApiKey(orgId, deployer.id)).rejects.toMatchObject({ errorCode: 'API_KEY_NOT_FOUND' });
  });

  const assignOperation = flavor === 'ops-manager' ? 'updateGroupApiKeyRoles' : 'addGroupApiKey';
  it.each([
    ['ASSIGN_PROJECTS', assignOperation],
    ['COPY_ACCESS_LIST', 'createOrgApiKeyAccessListEntry'],
    ['DELETE_OLD_KEY', 'deleteOrgApiKey'],
  ] as const)('rolls back when %s fails and says so', async (step, operation) => {
    g.sim.control.injectFault(operation, { sequence: [500] });
    const result = await rotate('DELETE_NOW');
    expect(result).toMatchObject({ __typename: 'RotationFailedError', failedStep: step, rolledBack: true, atlasErrorCode: 'UNEXPECTED_ERROR', leftoverApiKey: null });
    expect(result.message).toContain('The new key was deleted again; the old key is unchanged.');
    expect(await keyCount()).toBe(seeded());
    const old = await g.atlas.getApiKey(orgId, deployer.id);
    expect(old.roles.filter((r) => r.groupId)).toHaveLength(2);
  });

  it('reports the new key as left over when deleting it again fails too', async () => {
    g.sim.control.injectFault('deleteOrgApiKey', { sequence: [500, 500] });
    const result = await rotate('DELETE_NOW');
    expect(result).toMatchObject({ __typename: 'RotationFailedError', failedStep: 'DELETE_OLD_KEY', rolledBack: false });
    const leftover = (result.leftoverApiKey as { atlasId: string }).atlasId;
    expect(result.message).toContain('still there');
    expect(await keyCount()).toBe(seeded() + 1);
    await expect(g.atlas.getApiKey(orgId, leftover)).resolves.toMatchObject({ desc: 'CI deployer' });
  });

  it('changes nothing when the new key cannot be created', async () => {
    g.sim.control.injectFault('createOrgApiKey', { sequence: [429] });
    const result = await rotate('DELETE_NOW');
    expect(result).toMatchObject({ __typename: 'RateLimitedError' });
    expect(await keyCount()).toBe(seeded());
  });
});
