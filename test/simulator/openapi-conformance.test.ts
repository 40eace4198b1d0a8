// Contract test: the simulator's responses, status for status and field for field, against the
// official OpenAPI documents of the Admin API (v2, and v1.0 for Atlas v1.0 and Ops Manager), and
// the operations beyond the key endpoints the simulator serves (organization settings, system
// status, the activity feed, service accounts) against the v2 keys-beyond document, when it is there.
// The documents live beside the project (../shared/atlas-api) or in $ATLAS_OPENAPI_DIR.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { request as urllibRequest } from 'urllib';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Flavor, type Harness, type Reply, SERVICE_ACCOUNT_VERSION, V2_MEDIA_TYPE, demoOrg, fetchToken, startHarness } from './helpers.js';

const dir = process.env.ATLAS_OPENAPI_DIR ?? new URL('../../../shared/atlas-api/', import.meta.url).pathname;
const files = {
  v2: `${dir}/atlas-admin-v2.apikeys.openapi.yaml`,
  v1: `${dir}/atlas-admin-v1.apikeys.openapi.yaml`,
  beyond: `${dir}/atlas-admin-v2.keys-beyond.openapi.yaml`,
};
const present = existsSync(files.v2) && existsSync(files.v1);
if (!present) console.warn(`OpenAPI conformance test skipped: the Atlas OpenAPI documents are not in ${dir} (set ATLAS_OPENAPI_DIR).`);
const beyondPresent = present && existsSync(files.beyond);
if (present && !beyondPresent) console.warn(`OpenAPI conformance of settings, system status, the activity feed and service accounts skipped: ${files.beyond} is missing.`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI documents are untyped YAML
type Json = any;

/** OpenAPI 3.0 schema → JSON Schema: `nullable`, component refs, and annotation keywords. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'readOnly' || key === 'example' || key === 'externalDocs' || key.startsWith('x-')) continue;
    if (key === '$ref') out.$ref = String(value).replace('#/components/schemas/', 'openapi#/definitions/');
    else out[key] = toJsonSchema(value);
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; JSON Schema as numbers.
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] && out[bound] !== undefined) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  return out;
}

interface Contract {
  doc: Json;
  validators: Map<string, ValidateFunction>;
}

function loadContract(file: string, ajv: Ajv, id: string): Contract {
  const doc = parse(readFileSync(file, 'utf8'));
  const definitions = toJsonSchema(doc.components.schemas);
  // Two places where Atlas' documented behaviour departs from the generated document, and the
  // simulator follows Atlas: `count` is 0 for an entry not used yet (the document says minimum 1),
  // and error `parameters` are strings and numbers such as ids and Retry-After seconds (the
  // document types the items as objects).
  delete definitions.UserAccessListResponse?.properties.count.minimum;
  delete definitions.ApiError.properties.parameters.items;
  ajv.addSchema({ $id: `${id}-openapi`, definitions: JSON.parse(JSON.stringify(definitions).replaceAll('openapi#/', `${id}-openapi#/`)) });
  return { doc, validators: new Map() };
}

let ajv: Ajv;
type DocumentName = 'v2' | 'v1' | 'beyond';
let contracts: Partial<Record<DocumentName, Contract>>;
let h: Harness;
const checked: string[] = [];

/** The response a document declares for `status`, with `$ref`s to shared responses resolved. */
function declared(contract: Contract, template: string, method: string, status: number): Json {
  const operation = contract.doc.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${template} is not in the document`);
  let response = operation.responses[String(status)];
  if (!response) throw new Error(`${method} ${template} does not declare status ${status} (declares ${Object.keys(operation.responses).join(', ')})`);
  if (response.$ref) response = contract.doc.components.responses[String(response.$ref).split('/').pop()!];
  return response;
}

function validate(flavor: Flavor, method: string, template: string, reply: Reply, document?: DocumentName): void {
  const version = document ?? (flavor === 'atlas-v2' ? 'v2' : 'v1');
  const contract = contracts[version]!;
  const id = version;
  const bare = template.split('?')[0]!;
  const docPath = `${version === 'v1' ? '/api/atlas/v1.0' : '/api/atlas/v2'}${bare}`;
  const response = declared(contract, docPath, method, reply.status);
  checked.push(`${flavor} ${method} ${bare} ${reply.status}`);
  const content = response.content ?? {};
  if (reply.status === 204) {
    expect(reply.text).toBe('');
    return;
  }
  const isError = reply.status >= 400;
  // A v2 answer carries the versioned media type the document declares for it (2023-01-01, or 2024-08-05 for service accounts).
  const v2Type = Object.keys(content).find((type) => reply.headers.get('content-type')?.includes(type)) ?? V2_MEDIA_TYPE;
  const mediaType = isError ? 'application/json' : version === 'v1' ? 'application/json' : v2Type;
  expect(reply.headers.get('content-type'), `${method} ${template}`).toContain(mediaType);
  const schema = content[mediaType]?.schema;
  expect(schema, `${method} ${docPath} ${reply.status} declares ${mediaType}`).toBeDefined();
  const key = `${docPath} ${method} ${reply.status}`;
  let validator = contract.validators.get(key);
  if (!validator) {
    const converted = JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('openapi#/', `${id}-openapi#/`));
    validator = ajv.compile(converted);
    contract.validators.set(key, validator);
  }
  if (!validator(reply.json)) {
    throw new Error(`${method} ${docPath} ${reply.status} does not conform:\n${JSON.stringify(validator.errors, null, 2)}\n${reply.text}`);
  }
}

async function call(
  flavor: Flavor,
  method: string,
  template: string,
  params: Record<string, string>,
  body?: unknown,
  token?: string | null,
  document?: DocumentName,
  version?: string,
): Promise<Reply> {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]!);
  const reply = await h.call(method, path, { flavor, body, ...(token !== undefined ? { token } : {}), ...(version ? { version } : {}) });
  validate(flavor, method, template, reply, document);
  return reply;
}

/** A v2 call of the activity feed, checked against the document of the operations beyond keys. */
const feedCall = (template: string, params: Record<string, string>, token?: string | null): Promise<Reply> =>
  call('atlas-v2', 'GET', template, params, undefined, token, 'beyond');

/**
 * The variants of a `oneOf` without discriminator that `value` validates against. JSON Schema's
 * `oneOf` needs exactly one; naming it shows that an event is read as the view of its type.
 */
function matchingVariants(schema: string, value: unknown): string[] {
  const variants = (contracts.beyond!.doc.components.schemas[schema].oneOf as Array<{ $ref: string }>).map((v) => v.$ref.split('/').pop()!);
  return variants.filter((name) => {
    const key = `variant ${name}`;
    let validator = contracts.beyond!.validators.get(key);
    if (!validator) {
      validator = ajv.compile({ $ref: `beyond-openapi#/definitions/${name}` });
      contracts.beyond!.validators.set(key, validator);
    }
    return validator(value);
  });
}

describe.skipIf(!present)('OpenAPI conformance', () => {
  beforeAll(async () => {
    ajv = new Ajv({ strict: false, allErrors: true });
    (addFormatsModule as unknown as (ajv: Ajv) => void)(ajv);
    ajv.addFormat('int32', true).addFormat('int64', true);
    contracts = {
      v2: loadContract(files.v2, ajv, 'v2'),
      v1: loadContract(files.v1, ajv, 'v1'),
      ...(beyondPresent ? { beyond: loadContract(files.beyond, ajv, 'beyond') } : {}),
    };
    h = await startHarness();
  });
  afterAll(() => h?.sim.close());

  describe.each<Flavor>(['atlas-v2', 'atlas-v1', 'ops-manager'])('%s', (flavor) => {
    it('answers every operation as the document declares', async () => {
      const { org, project } = demoOrg(h.sim);
      const orgId = org.id;
      const groupId = project('Staging').id;
      const other = project('Production').id;
      const projectRole = flavor === 'ops-manager' ? 'GROUP_AUTOMATION_ADMIN' : 'GROUP_CLUSTER_MANAGER';

      await call(flavor, 'GET', '/orgs', {});
      await call(flavor, 'GET', '/orgs/{orgId}', { orgId });
      await call(flavor, 'GET', '/orgs/{orgId}/groups', { orgId });
      await call(flavor, 'GET', '/groups', {});
      await call(flavor, 'GET', '/groups/{groupId}', { groupId });
      await call(flavor, 'GET', '/orgs/{orgId}/apiKeys', { orgId });

      const created = (await call(flavor, 'POST', '/orgs/{orgId}/apiKeys', { orgId }, { desc: `conformance ${flavor}`, roles: ['ORG_MEMBER'] })).json;
      const apiUserId = created.id as string;
      await call(flavor, 'GET', '/orgs/{orgId}/apiKeys/{apiUserId}', { orgId, apiUserId });
      await call(flavor, 'PATCH', '/orgs/{orgId}/apiKeys/{apiUserId}', { orgId, apiUserId }, { desc: 'renamed', roles: ['ORG_READ_ONLY'] });

      const entries = [{ ipAddress: '192.0.2.10' }, { cidrBlock: '198.51.100.0/24' }, { ipAddress: '2001:db8::10' }, { cidrBlock: '2001:db8:1::/48' }];
      const listed = await call(flavor, 'POST', '/orgs/{orgId}/apiKeys/{apiUserId}/accessList', { orgId, apiUserId }, entries);
      expect(listed.json.results).toHaveLength(4);
      await call(flavor, 'GET', '/orgs/{orgId}/apiKeys/{apiUserId}/accessList', { orgId, apiUserId });
      for (const ipAddress of ['192.0.2.10', '198.51.100.0%2F24', '2001:db8::10', '2001:db8:1::%2F48']) {
        await call(flavor, 'GET', '/orgs/{orgId}/apiKeys/{apiUserId}/accessList/{ipAddress}', { orgId, apiUserId, ipAddress });
      }
      await call(flavor, 'DELETE', '/orgs/{orgId}/apiKeys/{apiUserId}/accessList/{ipAddress}', { orgId, apiUserId, ipAddress: '198.51.100.0%2F24' });

      await call(flavor, 'GET', '/groups/{groupId}/apiKeys', { groupId });
      const projectKey = (await call(flavor, 'POST', '/groups/{groupId}/apiKeys', { groupId }, { desc: 'project key', roles: ['GROUP_READ_ONLY'] })).json;
      if (flavor === 'ops-manager') {
        await call(flavor, 'PATCH', '/groups/{groupId}/apiKeys/{apiUserId}', { groupId: other, apiUserId }, { roles: [projectRole] });
      } else {
        await call(flavor, 'POST', '/groups/{groupId}/apiKeys/{apiUserId}', { groupId: other, apiUserId }, [{ roles: ['GROUP_READ_ONLY'] }]);
        await call(flavor, 'PATCH', '/groups/{groupId}/apiKeys/{apiUserId}', { groupId: other, apiUserId }, { roles: [projectRole] });
      }
      await call(flavor, 'DELETE', '/groups/{groupId}/apiKeys/{apiUserId}', { groupId: other, apiUserId });
      await call(flavor, 'DELETE', '/orgs/{orgId}/apiKeys/{apiUserId}', { orgId, apiUserId });
      await call(flavor, 'DELETE', '/orgs/{orgId}/apiKeys/{apiUserId}', { orgId, apiUserId: projectKey.id });
    });

    it('answers errors with the declared statuses and the ApiError shape', async () => {
      const { org, project } = demoOrg(h.sim);
      const orgId = org.id;
      const groupId = project('Staging').id;
      const missing = '0123456789abcdef01234567';
      const key = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'errors', roles: ['ORG_MEMBER'] } })).json;

      expect((await call(flavor, 'GET', '/orgs/{orgId}', { orgId }, undefined, null)).status).toBe(401);
      expect((await call(flavor, 'GET', '/orgs/{orgId}/apiKeys', { orgId }, undefined, null)).status).toBe(401);
      expect((await call(flavor, 'GET', '/orgs/{orgId}', { orgId: missing })).status).toBe(404);
      expect((await call(flavor, 'GET', '/orgs/{orgId}', { orgId: 'not-an-id' })).status).toBe(400);
      expect((await call(flavor, 'GET', '/groups/{groupId}', { groupId: missing })).status).toBe(404);
      expect((await call(flavor, 'GET', '/orgs/{orgId}/groups', { orgId: missing })).status).toBe(404);
      expect((await call(flavor, 'PATCH', '/orgs/{orgId}/apiKeys/{apiUserId}', { orgId, apiUserId: key.id }, { desc: '' })).status).toBe(400);
      const notFoundKey = await call(flavor, 'GET', '/orgs/{orgId}/apiKeys/{apiUserId}', { orgId, apiUserId: missing }, undefined, undefined).catch((e: Error) => e);
      // Ops Manager answers a missing key with 400, which the v1.0 document does not declare on this GET.
      if (flavor === 'ops-manager') expect(notFoundKey).toBeInstanceOf(Error);
      else expect((notFoundKey as Reply).status).toBe(404);

      const accessList = '/orgs/{orgId}/apiKeys/{apiUserId}/accessList';
      await call(flavor, 'POST', accessList, { orgId, apiUserId: key.id }, [{ ipAddress: '192.0.2.1' }]);
      expect((await call(flavor, 'POST', accessList, { orgId, apiUserId: key.id }, [{ ipAddress: '192.0.2.1' }])).status).toBe(409);
      expect((await call(flavor, 'POST', accessList, { orgId, apiUserId: key.id }, [{ ipAddress: '999.0.0.1' }])).status).toBe(400);
      expect((await call(flavor, 'GET', `${accessList}/{ipAddress}`, { orgId, apiUserId: key.id, ipAddress: '192.0.2.99' })).status).toBe(404);
      expect((await call(flavor, 'DELETE', `${accessList}/{ipAddress}`, { orgId, apiUserId: key.id, ipAddress: 'nope' })).status).toBe(400);
      expect((await call(flavor, 'DELETE', '/groups/{groupId}/apiKeys/{apiUserId}', { groupId, apiUserId: key.id })).status).toBe(flavor === 'ops-manager' ? 400 : 404);
      await h.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`);
    });
  });

  describe.skipIf(!beyondPresent)('beyond the key endpoints (v2)', () => {
    const beyond = (method: string, template: string, params: Record<string, string>, body?: unknown, token?: string | null) =>
      call('atlas-v2', method, template, params, body, token, 'beyond');

    it('answers the organization settings as the document declares', async () => {
      const orgId = demoOrg(h.sim).org.id;
      const settings = '/orgs/{orgId}/settings';
      await beyond('GET', settings, { orgId });
      await beyond('PATCH', settings, { orgId }, {
        securityContact: 'security@acme.test',
        operationsContact: 'ops@acme.test',
        customSessionTimeouts: { absoluteSessionTimeoutInSeconds: 7200, idleSessionTimeoutInSeconds: 600 },
        maxServiceAccountSecretValidityInHours: 24,
      });
      await beyond('GET', settings, { orgId });
      await beyond('PATCH', settings, { orgId }, { securityContact: '', operationsContact: null, customSessionTimeouts: null, maxServiceAccountSecretValidityInHours: 8760 });
      expect((await beyond('PATCH', settings, { orgId }, { maxServiceAccountSecretValidityInHours: 1 })).status).toBe(400);
      expect((await beyond('GET', settings, { orgId }, undefined, null)).status).toBe(401);
      expect((await beyond('GET', settings, { orgId: '0123456789abcdef01234567' })).status).toBe(404);
    });

    it('answers the system status as the document declares, for a key and for a service account', async () => {
      const orgId = demoOrg(h.sim).org.id;
      const key = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'who am i', roles: ['ORG_MEMBER'] } })).json;
      await h.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ ipAddress: '127.0.0.1' }, { cidrBlock: '198.51.100.0/24' }, { cidrBlock: '2001:db8:1::/48' }] });
      const response = await urllibRequest(`${h.sim.url}/api/atlas/v2`, { digestAuth: `${key.publicKey}:${key.privateKey}`, headers: { accept: V2_MEDIA_TYPE }, dataType: 'text' });
      const text = response.data as string;
      const reply: Reply = { status: response.status, headers: new Headers(response.headers as Record<string, string>), text, json: JSON.parse(text) };
      expect(reply.json.apiKey.accessList).toHaveLength(3);
      validate('atlas-v2', 'GET', '', reply, 'beyond');
      expect((await beyond('GET', '', {})).json.apiKey).toBeNull();
      expect((await beyond('GET', '', {}, undefined, null)).status).toBe(401);
      await h.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`);
    });

    const sa = (method: string, template: string, params: Record<string, string>, body?: unknown, token?: string | null) =>
      call('atlas-v2', method, template, params, body, token, 'beyond', SERVICE_ACCOUNT_VERSION);
    const orgAccounts = '/orgs/{orgId}/serviceAccounts';
    const orgAccount = `${orgAccounts}/{clientId}`;
    const projectAccounts = '/groups/{groupId}/serviceAccounts';
    const projectAccount = `${projectAccounts}/{clientId}`;

    it('answers every service-account operation as the document declares', async () => {
      const { org, project } = demoOrg(h.sim);
      const orgId = org.id;
      const groupId = project('Staging').id;
      const other = project('Production').id;

      await sa('GET', orgAccounts, { orgId });
      await sa('GET', `${orgAccounts}?includeSystemManaged=true&itemsPerPage=2&pageNum=2`, { orgId });
      const made = await sa('POST', orgAccounts, { orgId }, { name: 'conformance', description: 'Made by the contract test', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 });
      expect(made.status).toBe(201);
      const clientId = made.json.clientId as string;
      await sa('GET', orgAccount, { orgId, clientId });
      await sa('PATCH', orgAccount, { orgId, clientId }, { name: 'conformance 2', description: null, roles: ['ORG_READ_ONLY'] });
      const token = await fetchToken(h.sim.url, clientId, made.json.secrets[0].secret);
      const secret = await sa('POST', `${orgAccount}/secrets`, { orgId, clientId }, { secretExpiresAfterHours: 8 });
      expect(secret.status).toBe(201);
      // Now a used secret and an unused one: both shapes are checked.
      await sa('GET', orgAccount, { orgId, clientId });
      await sa('DELETE', `${orgAccount}/secrets/{secretId}`, { orgId, clientId, secretId: secret.json.id });
      const entries = [{ ipAddress: '192.0.2.10' }, { cidrBlock: '198.51.100.0/24' }, { ipAddress: '2001:db8::10' }, { cidrBlock: '2001:db8:1::/48' }, { ipAddress: '127.0.0.1' }];
      expect((await sa('POST', `${orgAccount}/accessList?includeCount=false`, { orgId, clientId }, entries)).json.results).toHaveLength(5);
      // A call with the account's token is recorded on the entry it comes from: used and unused entries are checked.
      expect((await h.call('GET', `/orgs/${orgId}`, { token })).status).toBe(200);
      await sa('GET', `${orgAccount}/accessList`, { orgId, clientId });
      await sa('DELETE', `${orgAccount}/accessList/{ipAddress}`, { orgId, clientId, ipAddress: '198.51.100.0%2F24' });
      const invited = await sa('POST', `${projectAccount}:invite`, { groupId: other, clientId }, { roles: ['GROUP_READ_ONLY'] });
      expect(invited.status).toBe(200);
      await sa('GET', `${orgAccount}/groups`, { orgId, clientId });

      await sa('GET', projectAccounts, { groupId });
      const inProject = await sa('POST', projectAccounts, { groupId }, { name: 'project conformance', description: 'Made in a project', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 48 });
      expect(inProject.status).toBe(201);
      const p = { groupId, clientId: inProject.json.clientId as string };
      await sa('GET', projectAccount, p);
      await sa('PATCH', projectAccount, p, { description: 'Changed in a project', roles: ['GROUP_CLUSTER_MANAGER'] });
      const projectSecret = await sa('POST', `${projectAccount}/secrets`, p, { secretExpiresAfterHours: 12 });
      await sa('DELETE', `${projectAccount}/secrets/{secretId}`, { ...p, secretId: projectSecret.json.id });
      await sa('POST', `${projectAccount}/accessList`, p, [{ ipAddress: '203.0.113.5' }, { cidrBlock: '203.0.114.0/24' }]);
      await sa('GET', `${projectAccount}/accessList?itemsPerPage=1`, p);
      await sa('DELETE', `${projectAccount}/accessList/{ipAddress}`, { ...p, ipAddress: '203.0.114.0%2F24' });
      await sa('DELETE', projectAccount, p);
      await sa('DELETE', projectAccount, { groupId: other, clientId });
      await sa('DELETE', orgAccount, { orgId, clientId });
      await sa('DELETE', orgAccount, { orgId, clientId: p.clientId });
    });

    it('answers service-account errors with the declared statuses and the ApiError shape', async () => {
      const { org, project } = demoOrg(h.sim);
      const orgId = org.id;
      const groupId = project('Staging').id;
      const missingOrg = '0123456789abcdef01234567';
      const missing = 'mdb_sa_id_0123456789abcdef01234567';
      const body = { name: 'errors', description: 'errors', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 };
      const clientId = (await sa('POST', orgAccounts, { orgId }, body)).json.clientId as string;
      const member = h.sim.control.createServiceAccount([{ orgId, roleName: 'ORG_MEMBER' }]);
      const memberToken = await fetchToken(h.sim.url, member.clientId, member.clientSecret);

      expect((await sa('GET', orgAccounts, { orgId }, undefined, null)).status).toBe(401);
      expect((await sa('POST', orgAccounts, { orgId }, body, memberToken)).status).toBe(401);
      expect((await sa('GET', orgAccounts, { orgId: missingOrg })).status).toBe(404);
      expect((await sa('GET', orgAccount, { orgId, clientId: missing })).status).toBe(404);
      expect((await sa('POST', orgAccounts, { orgId }, { ...body, name: 'semi;colon' })).status).toBe(400);
      expect((await sa('POST', orgAccounts, { orgId }, { ...body, secretExpiresAfterHours: 8761 })).status).toBe(400);
      expect((await sa('PATCH', orgAccount, { orgId, clientId }, { roles: ['GROUP_OWNER'] })).status).toBe(400);
      expect((await sa('DELETE', orgAccount, { orgId, clientId: missing })).status).toBe(404);
      expect((await sa('POST', `${orgAccount}/secrets`, { orgId, clientId }, { secretExpiresAfterHours: 0 })).status).toBe(400);
      await sa('POST', `${orgAccount}/secrets`, { orgId, clientId }, { secretExpiresAfterHours: 8 });
      expect((await sa('POST', `${orgAccount}/secrets`, { orgId, clientId }, { secretExpiresAfterHours: 8 })).status).toBe(400);
      expect((await sa('DELETE', `${orgAccount}/secrets/{secretId}`, { orgId, clientId, secretId: missingOrg })).status).toBe(404);
      await sa('POST', `${orgAccount}/accessList`, { orgId, clientId }, [{ ipAddress: '192.0.2.1' }]);
      expect((await sa('POST', `${orgAccount}/accessList`, { orgId, clientId }, [{ ipAddress: '192.0.2.1' }])).status).toBe(409);
      expect((await sa('POST', `${orgAccount}/accessList`, { orgId, clientId }, [{ ipAddress: '999.0.0.1' }])).status).toBe(400);
      expect((await sa('DELETE', `${orgAccount}/accessList/{ipAddress}`, { orgId, clientId, ipAddress: '192.0.2.99' })).status).toBe(404);
      expect((await sa('DELETE', `${orgAccount}/accessList/{ipAddress}`, { orgId, clientId, ipAddress: 'nope' })).status).toBe(400);
      expect((await sa('GET', `${orgAccount}/groups`, { orgId, clientId: missing })).status).toBe(404);

      expect((await sa('GET', projectAccounts, { groupId: missingOrg })).status).toBe(404);
      expect((await sa('GET', projectAccount, { groupId, clientId })).status).toBe(404);
      expect((await sa('POST', projectAccounts, { groupId }, { ...body, roles: ['ORG_MEMBER'] })).status).toBe(400);
      expect((await sa('PATCH', projectAccount, { groupId, clientId }, { name: 'x' })).status).toBe(404);
      expect((await sa('DELETE', projectAccount, { groupId, clientId })).status).toBe(404);
      expect((await sa('POST', `${projectAccount}:invite`, { groupId, clientId: missing }, { roles: ['GROUP_READ_ONLY'] })).status).toBe(404);
      expect((await sa('POST', `${projectAccount}:invite`, { groupId, clientId }, { roles: ['GROUP_READ_ONLY'] }, memberToken)).status).toBe(401);
      expect((await sa('GET', `${projectAccount}/accessList`, { groupId, clientId })).status).toBe(404);
      expect((await sa('POST', `${projectAccount}/accessList`, { groupId, clientId }, [{ ipAddress: '192.0.2.2' }])).status).toBe(404);
      expect((await sa('DELETE', `${projectAccount}/accessList/{ipAddress}`, { groupId, clientId, ipAddress: '192.0.2.1' })).status).toBe(404);
      expect((await sa('POST', `${projectAccount}/secrets`, { groupId, clientId }, { secretExpiresAfterHours: 8 })).status).toBe(404);
      expect((await sa('DELETE', `${projectAccount}/secrets/{secretId}`, { groupId, clientId, secretId: missingOrg })).status).toBe(404);
      await h.call('DELETE', `/orgs/${orgId}/serviceAccounts/${clientId}`, { version: SERVICE_ACCOUNT_VERSION });
    });

  });

  describe.skipIf(!beyondPresent)('the activity feed', () => {
    it('answers every event operation as the document declares, each key and service-account event as exactly one variant: the API user or service-account view', async () => {
      const { org, project } = demoOrg(h.sim);
      const orgId = org.id;
      const groupId = project('Staging').id;
      // A change of every kind, so that each event type the simulator records is in the feeds.
      const key = (await h.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'feed conformance', roles: ['ORG_MEMBER'] } })).json;
      await h.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: 'feed conformance 2', roles: ['ORG_READ_ONLY'] } });
      await h.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ ipAddress: '2001:db8::7' }, { cidrBlock: '192.0.2.0/28' }] });
      await h.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}/accessList/192.0.2.0%2F28`);
      await h.call('POST', `/groups/${groupId}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] });
      await h.call('PATCH', `/groups/${groupId}/apiKeys/${key.id}`, { body: { roles: ['GROUP_OWNER'] } });
      await h.call('DELETE', `/groups/${groupId}/apiKeys/${key.id}`);
      await h.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'feed conformance project', roles: ['GROUP_READ_ONLY'] } });
      await h.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`);
      const saCall = (method: string, path: string, body?: unknown) => h.call(method, path, { body, version: SERVICE_ACCOUNT_VERSION });
      const account = (await saCall('POST', `/groups/${groupId}/serviceAccounts`, { name: 'feed', description: 'feed', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 8 })).json;
      const projectPath = `/groups/${groupId}/serviceAccounts/${account.clientId}`;
      await saCall('PATCH', projectPath, { name: 'feed 2', roles: ['GROUP_OWNER'] });
      const secret = (await saCall('POST', `${projectPath}/secrets`, { secretExpiresAfterHours: 8 })).json;
      await saCall('DELETE', `${projectPath}/secrets/${secret.id}`);
      await saCall('POST', `${projectPath}/accessList`, [{ ipAddress: '192.0.2.99' }]);
      await saCall('DELETE', `${projectPath}/accessList/192.0.2.99`);
      await saCall('DELETE', projectPath);
      await saCall('DELETE', `/orgs/${orgId}/serviceAccounts/${account.clientId}`);

      const orgFeed = (await feedCall('/orgs/{orgId}/events', { orgId })).json;
      const raw = (await feedCall('/orgs/{orgId}/events?includeRaw=true&itemsPerPage=500', { orgId })).json;
      const projectFeed = (await feedCall('/groups/{groupId}/events?itemsPerPage=500', { groupId })).json;
      const types = new Set<string>();
      for (const [results, schema, keyVariant, accountVariant] of [
        [raw.results, 'EventViewForOrg', 'ApiUserEventViewForOrg', 'ServiceAccountOrgEvents'],
        [projectFeed.results, 'EventViewForNdsGroup', 'ApiUserEventViewForNdsGroup', 'ServiceAccountGroupEvents'],
      ] as const) {
        for (const event of results as Array<{ eventTypeName: string }>) {
          types.add(event.eventTypeName);
          const variant = event.eventTypeName.startsWith('SERVICE_ACCOUNT_') ? accountVariant : keyVariant;
          expect(matchingVariants(schema, event), `${schema} ${JSON.stringify(event)}`).toEqual([variant]);
        }
      }
      expect([...types].sort()).toEqual([
        'API_KEY_ACCESS_LIST_ENTRY_ADDED',
        'API_KEY_ACCESS_LIST_ENTRY_DELETED',
        'API_KEY_ADDED_TO_GROUP',
        'API_KEY_CREATED',
        'API_KEY_DELETED',
        'API_KEY_DESCRIPTION_CHANGED',
        'API_KEY_REMOVED_FROM_GROUP',
        'API_KEY_ROLES_CHANGED',
        'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED',
        'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED',
        'SERVICE_ACCOUNT_ADDED_TO_GROUP',
        'SERVICE_ACCOUNT_CREATED',
        'SERVICE_ACCOUNT_DELETED',
        'SERVICE_ACCOUNT_DETAILS_CHANGED',
        'SERVICE_ACCOUNT_REMOVED_FROM_GROUP',
        'SERVICE_ACCOUNT_ROLES_CHANGED',
        'SERVICE_ACCOUNT_SECRET_ADDED',
        'SERVICE_ACCOUNT_SECRET_DELETED',
      ]);

      const eventId = orgFeed.results[0].id as string;
      await feedCall('/orgs/{orgId}/events/{eventId}', { orgId, eventId });
      await feedCall('/orgs/{orgId}/events/{eventId}?includeRaw=true', { orgId, eventId });
      await feedCall('/groups/{groupId}/events/{eventId}', { groupId, eventId: projectFeed.results[0].id });
      await feedCall('/eventTypes', {});
      await feedCall('/groups/{groupId}/events?eventType=API_KEY_CREATED&excludedEventType=API_KEY_DELETED&minDate=2024-01-01T00:00:00Z', { groupId });

      const missing = '0123456789abcdef01234567';
      expect((await feedCall('/orgs/{orgId}/events?eventType=NOT_A_TYPE', { orgId })).status).toBe(400);
      expect((await feedCall('/groups/{groupId}/events?maxDate=soon', { groupId })).status).toBe(400);
      expect((await feedCall('/orgs/{orgId}/events', { orgId }, null)).status).toBe(401);
      expect((await feedCall('/eventTypes', {}, null)).status).toBe(401);
      expect((await feedCall('/orgs/{orgId}/events', { orgId: missing })).status).toBe(404);
      expect((await feedCall('/groups/{groupId}/events', { groupId: missing })).status).toBe(404);
      expect((await feedCall('/orgs/{orgId}/events/{eventId}', { orgId, eventId: missing })).status).toBe(404);
      expect((await feedCall('/groups/{groupId}/events/{eventId}', { groupId, eventId: missing })).status).toBe(404);
    });
  });

  it('has checked every operation of the three documents', () => {
    const documents: Array<[DocumentName, Flavor, string]> = [['v2', 'atlas-v2', '/api/atlas/v2'], ['v1', 'atlas-v1', '/api/atlas/v1.0']];
    if (beyondPresent) documents.push(['beyond', 'atlas-v2', '/api/atlas/v2']);
    for (const [version, flavor, prefix] of documents) {
      for (const [path, operations] of Object.entries(contracts[version]!.doc.paths as Record<string, Record<string, unknown>>)) {
        // The simulator serves every operation of the third document: settings, system status, the activity feed and service accounts.
        for (const method of Object.keys(operations)) {
          const template = path.slice(prefix.length);
          expect(checked.some((c) => c.startsWith(`${flavor} ${method.toUpperCase()} ${template} `)), `${method} ${path}`).toBe(true);
        }
      }
    }
  });
});
