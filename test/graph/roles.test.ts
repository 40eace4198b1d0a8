// A role Atlas adds later never fails a query (Atlas faked with undici's MockAgent).
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/index.js';
import { createGateway } from '../../src/server/gateway.js';

const ORG = '0123456789abcdef01234567';
const KEY = '89abcdef0123456789abcdef';
const PROJECT = 'fedcba9876543210fedcba98';

const agent = new MockAgent();
agent.disableNetConnect();
afterAll(() => agent.close());

describe('roles', () => {
  it('reads a role it does not know as UNKNOWN, with its name', async () => {
    const pool = agent.get('https://atlas.test');
    pool.intercept({ path: '/api/oauth/token', method: 'POST' }).reply(200, { access_token: 't', expires_in: 3600 });
    pool.intercept({ path: `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}`, method: 'GET' }).reply(200, {
      id: KEY,
      desc: 'future',
      publicKey: 'abcdefgh',
      privateKey: '********-****-****-0123456789ab',
      roles: [
        { orgId: ORG, roleName: 'ORG_MEMBER' },
        { orgId: ORG, roleName: 'ORG_QUANTUM_ADMIN' },
        { groupId: PROJECT, roleName: 'GROUP_SPACE_MANAGER' },
      ],
    });
    const atlas = AtlasClient.create({ baseUrl: 'https://atlas.test', dispatcher: agent, credentials: { kind: 'serviceAccount', clientId: 'id', clientSecret: 's' } });
    const gateway = createGateway({ atlas });
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ apiKey(organizationId: "${ORG}", id: "${KEY}") { organizationRoles { role roleName } projectAssignments { roles { role roleName } } } }`,
      }),
    });
    expect(await response.json()).toEqual({
      data: {
        apiKey: {
          organizationRoles: [
            { role: 'ORG_MEMBER', roleName: 'ORG_MEMBER' },
            { role: 'UNKNOWN', roleName: 'ORG_QUANTUM_ADMIN' },
          ],
          projectAssignments: [{ roles: [{ role: 'UNKNOWN', roleName: 'GROUP_SPACE_MANAGER' }] }],
        },
      },
    });
  });
});
