/**
 * `npx tsx bench/write-outcomes.ts [--seed N] [--mutations N] [--shards N]`: writes that never lie, measured.
 * Random mutations run through the gateway against the simulator while faults strike before or
 * after Atlas applies each write (and some of the reads that settle a lost answer). After each
 * mutation the simulator's true state is read with the admin credentials and compared with what
 * the mutation answered. It counts:
 *
 * - lost: answered done, but the change is not in Atlas (or a new key's private key is not the one answered);
 * - misreported: answered not done (safe to retry), but the change is in Atlas, or an answer that says
 *   something else that is false (a rolled-back rotation that left its new key);
 * - duplicated: a write sent to Atlas twice by one mutation;
 * - unreported leftovers: a key, service account or secret the mutation created that its answer does not name;
 * - both keys gone: a rotation after which neither the old key nor the new one exists;
 * - locked out: a secret rotation after which no secret of the account obtains a token;
 * - untyped: an answer that is not one of the three outcomes (a GraphQL error instead of a result).
 *
 * Service accounts (Atlas v2 only) are judged as keys are: a new account's or secret's value must
 * obtain a token, and an account a lost create may have left must be named.
 *
 * The scenarios are exported for the tests, which also drive each of them through every fault.
 */
import { pathToFileURL } from 'node:url';
import { type ApiKey, AtlasClient, type FlavorName, type ServiceAccount, fetchAllPages, isNotFound } from '../src/atlas/index.js';
import { createGateway } from '../src/server/gateway.js';
import { type FaultKind, type OperationId, type Simulator, createSimulator } from '../src/simulator/index.js';

export const PRE_APPLY_FAULTS = [429, 500, 503, 'reset', 'stall', 'malformed-json'] as const satisfies readonly FaultKind[];
export const POST_APPLY_FAULTS = ['reset-after-apply', 'stall-after-apply', '500-after-apply', 'truncated-after-apply'] as const satisfies readonly FaultKind[];
export const ALL_FAULTS: readonly FaultKind[] = [...PRE_APPLY_FAULTS, ...POST_APPLY_FAULTS];
/** The random run's mix: every fault, a stall (300 ms each) half as often as the others. */
const FAULT_MIX: readonly FaultKind[] = ALL_FAULTS.flatMap<FaultKind>((kind) => (kind === 'stall' || kind === 'stall-after-apply' ? [kind] : [kind, kind]));
/** Faults for the reads that settle a lost answer (the slow ones, with Retry-After or a stall, left out). */
const READ_FAULTS: readonly FaultKind[] = [500, 'reset', 'malformed-json'];
export const SETTLING_READS: readonly OperationId[] = ['getOrgApiKey', 'listOrgApiKeys', 'listOrgApiKeyAccessListEntries'];
/** The reads that settle a service account's lost answer (faulted only in service-account scenarios). */
export const ACCOUNT_SETTLING_READS: readonly OperationId[] = ['getOrgServiceAccount', 'listOrgServiceAccounts', 'listOrgServiceAccountAccessList', 'getOrgServiceAccountGroups'];

/** The answer of one mutation: its result union member, or the GraphQL errors when there was none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = Record<string, any> & { __typename: string };

export interface WriteBench {
  sim: Simulator;
  flavor: FlavorName;
  /** Reads and prepares the true state with the admin credentials (never faulted: faults are cleared first). */
  truth: AtlasClient;
  orgId: string;
  projects: { production: string; staging: string; analytics: string };
  /** Runs a mutation through the gateway; the answer is the field aliased `r`. */
  mutate(query: string, variables: Record<string, unknown>): Promise<Answer>;
  close(): Promise<void>;
}

/** The gateway over a fresh simulator, with short timeouts so a stall costs little. */
export async function startWriteBench(flavor: FlavorName = 'atlas-v2'): Promise<WriteBench> {
  const sim = await createSimulator({ seed: 'demo' });
  const credentials = { kind: 'digest' as const, publicKey: sim.control.admin.publicKey, privateKey: sim.control.admin.privateKey };
  const atlas = AtlasClient.create({
    baseUrl: sim.url,
    flavor,
    credentials,
    headersTimeoutMs: 300,
    bodyTimeoutMs: 300,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, deadlineMs: 5_000 },
  });
  const truth = AtlasClient.create({ baseUrl: sim.url, flavor, credentials });
  const gateway = createGateway({ atlas });
  const org = sim.control.seeded.orgs[0]!;
  const project = (name: string) => org.projects.find((p) => p.name === name)!.id;
  return {
    sim,
    flavor,
    truth,
    orgId: org.id,
    projects: { production: project('Production'), staging: project('Staging'), analytics: project('Analytics') },
    async mutate(query, variables) {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: { r?: Answer } | null; errors?: unknown[] };
      return body.data?.r ?? { __typename: 'GraphQLErrors', errors: body.errors };
    },
    async close() {
      await atlas.close();
      await truth.close();
      await sim.close();
    },
  };
}

// --- the true state --------------------------------------------------------------------------

export const globalKeyId = (orgId: string, apiKeyId: string): string => Buffer.from(`ApiKey:${orgId}:${apiKeyId}`).toString('base64');
const atlasIdOf = (globalId: string): string => Buffer.from(globalId, 'base64').toString().split(':')[2] ?? '';

async function readKey(b: WriteBench, apiKeyId: string): Promise<ApiKey | undefined> {
  return b.truth.getApiKey(b.orgId, apiKeyId).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
}

const keysDescribed = async (b: WriteBench, description: string): Promise<ApiKey[]> =>
  (await fetchAllPages((page) => b.truth.listApiKeys(b.orgId, page))).filter((key) => key.desc === description);

const projectRoles = (key: ApiKey | undefined, projectId: string): string[] =>
  (key?.roles ?? []).filter((r) => r.groupId === projectId).map((r) => r.roleName).sort();

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const entriesOf = async (b: WriteBench, apiKeyId: string): Promise<string[]> =>
  (await fetchAllPages((page) => b.truth.listAccessListEntries(b.orgId, apiKeyId, page))).map((e) => e.cidrBlock ?? e.ipAddress ?? '').sort();

/** Whether the masked private key Atlas shows is the one the answer gave. */
const privateKeyMatches = (key: ApiKey, privateKey: unknown): boolean =>
  typeof privateKey === 'string' && privateKey.length > 12 && (key.privateKey ?? '').endsWith(privateKey.slice(-12));

let counter = 0;
const unique = (what: string): string => `${what} ${process.pid}-${++counter}`;

/** A key made directly in Atlas, as a scenario's starting point. */
async function makeKey(b: WriteBench, options: { projects?: Array<[string, string[]]>; entries?: string[] } = {}): Promise<ApiKey> {
  const key = await b.truth.createApiKey(b.orgId, { description: unique('prepared'), roles: ['ORG_MEMBER'] });
  for (const [projectId, roles] of options.projects ?? []) await b.truth.assignApiKeyToProject(projectId, key.id, roles);
  if (options.entries?.length) await b.truth.addAccessListEntries(b.orgId, key.id, options.entries.map((ipAddress) => ({ ipAddress })));
  return key;
}

// --- answers -------------------------------------------------------------------------------

export type Outcome = 'done' | 'notDone' | 'unknown' | 'untyped';

/** The three outcomes (and anything else): a payload, a typed error that is safe to retry, OutcomeUnknownError. */
export function outcomeOf(answer: Answer): Outcome {
  if (answer.__typename.endsWith('Payload')) return 'done';
  if (answer.__typename === 'OutcomeUnknownError') return 'unknown';
  if (answer.__typename === 'RotationFailedError') return answer.rolledBack ? 'notDone' : 'unknown';
  if (answer.__typename === 'GraphQLErrors') return 'untyped';
  return 'notDone';
}

export type Violation = 'lost' | 'misreported' | 'unreported' | 'bothGone' | 'lockedOut' | 'untyped';

const FAILURE = `fragment Failure on MutationError { __typename message atlasErrorCode changesMade ... on OutcomeUnknownError { apiKeyIds serviceAccountIds check } }`;

export interface Prepared {
  query: string;
  variables: Record<string, unknown>;
  /** What is wrong with the answer, given the true state afterwards. */
  judge(answer: Answer): Promise<Violation[]>;
}

export interface Scenario {
  name: string;
  /** The writes it sends (v2 operationIds), in order. */
  writes: OperationId[];
  prepare(b: WriteBench, random: () => number): Promise<Prepared>;
}

/** The reads a scenario's lost answers are settled with: those faulted now and then in a random run. */
export const settlingReadsOf = (scenario: Scenario): readonly OperationId[] => (SERVICE_ACCOUNT_SCENARIOS.includes(scenario) ? ACCOUNT_SETTLING_READS : SETTLING_READS);

/** The scenarios a flavor can run: service accounts exist on Atlas v2 only. */
export const scenariosFor = (flavor: FlavorName): readonly Scenario[] => (flavor === 'atlas-v2' ? [...SCENARIOS, ...SERVICE_ACCOUNT_SCENARIOS] : SCENARIOS);

/** A mutation whose change is a yes/no question about the true state. */
function judgeApplied(answer: Answer, applied: boolean): Violation[] {
  switch (outcomeOf(answer)) {
    case 'done':
      return applied ? [] : ['lost'];
    case 'notDone':
      return applied ? ['misreported'] : [];
    case 'unknown':
      return [];
    case 'untyped':
      return ['untyped'];
  }
}

/** A create: the key with the unique description, checked against the answer. */
async function judgeCreated(b: WriteBench, answer: Answer, description: string, check: (key: ApiKey) => boolean): Promise<Violation[]> {
  const keys = await keysDescribed(b, description);
  switch (outcomeOf(answer)) {
    case 'done': {
      const [key] = keys;
      return keys.length === 1 && key!.id === answer.apiKey?.atlasId && privateKeyMatches(key!, answer.privateKey) && check(key!) ? [] : ['lost'];
    }
    case 'notDone':
      return keys.length === 0 ? [] : ['misreported', 'unreported'];
    case 'unknown': {
      // Named by id, or (when the keys could not even be listed) by organization, description and time.
      const named = new Set<string>((answer.apiKeyIds as string[] | undefined)?.map(atlasIdOf));
      const byDescription = named.size === 0 && String(answer.message).includes(description);
      return keys.every((key) => named.has(key.id) || byDescription) ? [] : ['unreported'];
    }
    case 'untyped':
      return ['untyped'];
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'createApiKey',
    writes: ['createOrgApiKey'],
    async prepare(b) {
      const description = unique('created');
      return {
        query: `mutation($input: CreateApiKeyInput!) { r: createApiKey(input: $input) { __typename ...Failure ... on CreateApiKeyPayload { privateKey apiKey { atlasId } } } } ${FAILURE}`,
        variables: { input: { organizationId: b.orgId, description, roles: ['ORG_READ_ONLY'] } },
        judge: (answer) => judgeCreated(b, answer, description, (key) => key.roles.some((r) => r.roleName === 'ORG_READ_ONLY')),
      };
    },
  },
  {
    name: 'createProjectApiKey',
    writes: ['createGroupApiKey'],
    async prepare(b) {
      const description = unique('project key');
      return {
        query: `mutation($input: CreateProjectApiKeyInput!) { r: createProjectApiKey(input: $input) { __typename ...Failure ... on CreateProjectApiKeyPayload { privateKey apiKey { atlasId } } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, description, roles: ['GROUP_READ_ONLY'] } },
        judge: (answer) => judgeCreated(b, answer, description, (key) => sameRoles(projectRoles(key, b.projects.staging), ['GROUP_READ_ONLY'])),
      };
    },
  },
  {
    name: 'updateApiKey',
    writes: ['updateOrgApiKey'],
    async prepare(b) {
      const key = await makeKey(b);
      const description = unique('renamed');
      return {
        query: `mutation($input: UpdateApiKeyInput!) { r: updateApiKey(input: $input) { __typename ...Failure ... on ApiKeyPayload { apiKey { description } } } } ${FAILURE}`,
        variables: { input: { id: globalKeyId(b.orgId, key.id), description } },
        judge: async (answer) => judgeApplied(answer, (await readKey(b, key.id))?.desc === description),
      };
    },
  },
  {
    name: 'deleteApiKey',
    writes: ['deleteOrgApiKey'],
    async prepare(b) {
      const key = await makeKey(b, { projects: [[b.projects.staging, ['GROUP_READ_ONLY']]] });
      return {
        query: `mutation($input: DeleteApiKeyInput!) { r: deleteApiKey(input: $input) { __typename ...Failure ... on DeleteApiKeyPayload { deletedId deletedApiKeyId } } } ${FAILURE}`,
        variables: { input: { id: globalKeyId(b.orgId, key.id) } },
        judge: async (answer) => judgeApplied(answer, (await readKey(b, key.id)) === undefined),
      };
    },
  },
  {
    name: 'addAccessListEntries',
    writes: ['createOrgApiKeyAccessListEntry'],
    async prepare(b) {
      const key = await makeKey(b, { entries: ['203.0.113.1'] });
      return {
        query: `mutation($input: AddAccessListEntriesInput!) { r: addAccessListEntries(input: $input) { __typename ...Failure ... on AddAccessListEntriesPayload { added duplicates } } } ${FAILURE}`,
        variables: { input: { apiKeyId: globalKeyId(b.orgId, key.id), entries: ['203.0.113.9', '2001:db8::9', '203.0.113.1'] } },
        judge: async (answer) => {
          const entries = await entriesOf(b, key.id);
          const present = ['203.0.113.9/32', '2001:db8:0:0:0:0:0:9/128'].map((e) => entries.includes(e));
          if (present[0] !== present[1]) return ['misreported'];
          return judgeApplied(answer, present[0]!);
        },
      };
    },
  },
  {
    name: 'removeAccessListEntry',
    writes: ['deleteOrgApiKeyAccessListEntry'],
    async prepare(b) {
      const key = await makeKey(b, { entries: ['203.0.113.9', '2001:db8::9'] });
      return {
        query: `mutation($input: RemoveAccessListEntryInput!) { r: removeAccessListEntry(input: $input) { __typename ...Failure ... on RemoveAccessListEntryPayload { removed } } } ${FAILURE}`,
        variables: { input: { apiKeyId: globalKeyId(b.orgId, key.id), entry: '2001:DB8:0::9' } },
        judge: async (answer) => judgeApplied(answer, !(await entriesOf(b, key.id)).includes('2001:db8:0:0:0:0:0:9/128')),
      };
    },
  },
  {
    name: 'assignApiKeyToProject',
    writes: ['addGroupApiKey'],
    async prepare(b) {
      const key = await makeKey(b);
      return {
        query: `mutation($input: ProjectApiKeyRolesInput!) { r: assignApiKeyToProject(input: $input) { __typename ...Failure ... on ProjectApiKeyPayload { warning } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, apiKeyId: globalKeyId(b.orgId, key.id), roles: ['GROUP_READ_ONLY'] } },
        judge: async (answer) => judgeApplied(answer, projectRoles(await readKey(b, key.id), b.projects.staging).length > 0),
      };
    },
  },
  {
    name: 'setProjectApiKeyRoles',
    writes: ['updateGroupApiKeyRoles'],
    async prepare(b) {
      const key = await makeKey(b, { projects: [[b.projects.staging, ['GROUP_READ_ONLY']]] });
      return {
        query: `mutation($input: ProjectApiKeyRolesInput!) { r: setProjectApiKeyRoles(input: $input) { __typename ...Failure ... on ProjectApiKeyPayload { warning } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, apiKeyId: globalKeyId(b.orgId, key.id), roles: ['GROUP_OWNER'] } },
        judge: async (answer) => judgeApplied(answer, sameRoles(projectRoles(await readKey(b, key.id), b.projects.staging), ['GROUP_OWNER'])),
      };
    },
  },
  {
    name: 'unassignApiKeyFromProject',
    writes: ['removeGroupApiKey'],
    async prepare(b) {
      const key = await makeKey(b, { projects: [[b.projects.staging, ['GROUP_READ_ONLY']]] });
      return {
        query: `mutation($input: UnassignApiKeyFromProjectInput!) { r: unassignApiKeyFromProject(input: $input) { __typename ...Failure ... on ProjectApiKeyPayload { warning } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, apiKeyId: globalKeyId(b.orgId, key.id) } },
        judge: async (answer) => judgeApplied(answer, projectRoles(await readKey(b, key.id), b.projects.staging).length === 0),
      };
    },
  },
  rotationScenario('DELETE_NOW'),
  rotationScenario('KEEP'),
];

/** A rotation of a key with two projects and two access list entries. */
export function rotationScenario(oldKey: 'DELETE_NOW' | 'KEEP'): Scenario {
  return {
    name: `rotateApiKey ${oldKey}`,
    writes: ['createOrgApiKey', 'addGroupApiKey', 'createOrgApiKeyAccessListEntry', 'deleteOrgApiKey'],
    async prepare(b) {
      const projects: Array<[string, string[]]> = [
        [b.projects.production, ['GROUP_READ_ONLY']],
        [b.projects.staging, ['GROUP_OWNER', 'GROUP_DATA_ACCESS_READ_ONLY']],
      ];
      const old = await makeKey(b, { projects, entries: ['203.0.113.10', '2001:db8::10'] });
      const oldEntries = await entriesOf(b, old.id);
      const description = unique('rotated');
      return {
        query: `mutation($input: RotateApiKeyInput!) { r: rotateApiKey(input: $input) { __typename ...Failure
          ... on RotateApiKeyPayload { privateKey oldApiKeyDeleted oldApiKeyId newApiKey { atlasId } }
          ... on RotationFailedError { failedStep rolledBack leftoverApiKeyId newPrivateKey oldApiKeyExists } } } ${FAILURE}`,
        variables: { input: { id: globalKeyId(b.orgId, old.id), description, oldKey } },
        async judge(answer) {
          const oldNow = await readKey(b, old.id);
          const oldUnchanged = oldNow !== undefined && projects.every(([id, roles]) => sameRoles(projectRoles(oldNow, id), roles));
          const created = await keysDescribed(b, description);
          const violations: Violation[] = [];
          if (!oldNow && created.length === 0) violations.push('bothGone');
          const complete = async (key: ApiKey) =>
            projects.every(([id, roles]) => sameRoles(projectRoles(key, id), roles)) && JSON.stringify(await entriesOf(b, key.id)) === JSON.stringify(oldEntries);
          switch (outcomeOf(answer)) {
            case 'done': {
              const [key] = created;
              const right =
                created.length === 1 &&
                key!.id === answer.newApiKey?.atlasId &&
                privateKeyMatches(key!, answer.privateKey) &&
                (await complete(key!)) &&
                (oldKey === 'DELETE_NOW' ? !oldNow : oldUnchanged);
              if (!right) violations.push('lost');
              break;
            }
            case 'notDone':
              // Nothing happened: no new key, the old one as it was.
              if (created.length > 0) violations.push('misreported', 'unreported');
              else if (!oldUnchanged) violations.push('misreported');
              break;
            case 'unknown': {
              if (answer.__typename === 'RotationFailedError') {
                // The new key is (or may be) left, named, with its private key; the old key as said.
                const leftover = answer.leftoverApiKeyId ? atlasIdOf(answer.leftoverApiKeyId) : undefined;
                if (created.some((key) => key.id !== leftover)) violations.push('unreported');
                const left = created.find((key) => key.id === leftover);
                if (left && !privateKeyMatches(left, answer.newPrivateKey)) violations.push('lost');
                if ((answer.oldApiKeyExists === true && !oldUnchanged) || (answer.oldApiKeyExists === false && oldNow)) violations.push('misreported');
              } else {
                // Only the create can end unknown: the old key is untouched and what may exist is named.
                if (!oldUnchanged) violations.push('misreported');
                const named = new Set<string>((answer.apiKeyIds as string[] | undefined)?.map(atlasIdOf));
                const byDescription = named.size === 0 && String(answer.message).includes(description);
                if (!created.every((key) => named.has(key.id) || byDescription)) violations.push('unreported');
              }
              break;
            }
            case 'untyped':
              violations.push('untyped');
          }
          return violations;
        },
      };
    },
  };
}

// --- service accounts (Atlas v2 only) -----------------------------------------------------------

export const globalAccountId = (orgId: string, clientId: string): string => Buffer.from(`ServiceAccount:${orgId}:${clientId}`).toString('base64');

async function readAccount(b: WriteBench, clientId: string): Promise<ServiceAccount | undefined> {
  return b.truth.getServiceAccount(b.orgId, clientId).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
}

const accountsNamed = async (b: WriteBench, name: string): Promise<ServiceAccount[]> =>
  (await fetchAllPages((page) => b.truth.listServiceAccounts(b.orgId, { pageNum: page.pageNum, itemsPerPage: page.itemsPerPage }))).filter((account) => account.name === name);

const accountProjectRoles = async (b: WriteBench, clientId: string, projectId: string): Promise<string[]> =>
  (await fetchAllPages((page) => b.truth.listServiceAccountProjects(b.orgId, clientId, { pageNum: page.pageNum, itemsPerPage: page.itemsPerPage }))).find((p) => p.groupId === projectId)?.roles ?? [];

const accountEntriesOf = async (b: WriteBench, clientId: string): Promise<string[]> =>
  (await fetchAllPages((page) => b.truth.listServiceAccountAccessList(b.orgId, clientId, page))).map((e) => e.cidrBlock ?? e.ipAddress ?? '').sort();

/** Whether the simulator's token endpoint gives a token for this client id and secret. */
export async function obtainsToken(b: WriteBench, clientId: unknown, secret: unknown): Promise<boolean> {
  if (typeof clientId !== 'string' || typeof secret !== 'string' || secret === '') return false;
  const response = await fetch(`${b.sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  await response.body?.cancel();
  return response.status === 200;
}

/** The accounts an OutcomeUnknownError names, by client id. */
const namedAccounts = (answer: Answer): Set<string> => new Set<string>((answer.serviceAccountIds as string[] | undefined)?.map(atlasIdOf));

interface PreparedAccount {
  clientId: string;
  /** The secret that works, with its value. */
  working: { id: string; value: string };
  /** Every secret it has (an expired one included). */
  secretIds: string[];
}

/** An account made directly in Atlas, as a scenario's starting point; `expiredSecret` gives it a second, expired, secret. */
async function makeAccount(b: WriteBench, options: { projects?: Array<[string, string[]]>; entries?: string[]; expiredSecret?: boolean } = {}): Promise<PreparedAccount> {
  const account = await b.truth.createServiceAccount(b.orgId, { name: unique('prepared account'), description: 'Prepared for a trial', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 720 });
  const first = account.secrets.find((s) => s.secret)!;
  let working = { id: first.id, value: first.secret! };
  if (options.expiredSecret) {
    const second = await b.truth.createServiceAccountSecret(b.orgId, account.clientId, 720);
    b.sim.control.expireServiceAccountSecret(account.clientId, first.id);
    working = { id: second.id, value: second.secret! };
  }
  for (const [projectId, roles] of options.projects ?? []) await b.truth.assignServiceAccountToProject(projectId, account.clientId, roles);
  if (options.entries?.length) await b.truth.addServiceAccountAccessListEntries(b.orgId, account.clientId, options.entries.map((ipAddress) => ({ ipAddress })));
  return { clientId: account.clientId, working, secretIds: (await readAccount(b, account.clientId))!.secrets.map((s) => s.id) };
}

/** A create of an account: the one with the unique name, checked against the answer, its secret obtaining a token. */
async function judgeAccountCreated(b: WriteBench, answer: Answer, name: string, check: (account: ServiceAccount) => Promise<boolean>): Promise<Violation[]> {
  const accounts = await accountsNamed(b, name);
  switch (outcomeOf(answer)) {
    case 'done': {
      const [account] = accounts;
      const clientId = answer.serviceAccount?.clientId ?? answer.secret?.clientId;
      const right =
        accounts.length === 1 &&
        account!.clientId === clientId &&
        account!.clientId === answer.secret?.clientId &&
        account!.secrets.some((s) => s.id === answer.secret?.atlasId) &&
        (await obtainsToken(b, account!.clientId, answer.secret?.value)) &&
        (await check(account!));
      return right ? [] : ['lost'];
    }
    case 'notDone':
      return accounts.length === 0 ? [] : ['misreported', 'unreported'];
    case 'unknown': {
      // Named by id, or (when the accounts could not even be listed) by organization, name and time.
      const named = namedAccounts(answer);
      const byName = named.size === 0 && `${answer.message} ${answer.check}`.includes(name);
      return accounts.every((account) => named.has(account.clientId) || byName) ? [] : ['unreported'];
    }
    case 'untyped':
      return ['untyped'];
  }
}

const NEW_SECRET = 'secret { atlasId clientId value }';

export const SERVICE_ACCOUNT_SCENARIOS: Scenario[] = [
  {
    name: 'createServiceAccount',
    writes: ['createOrgServiceAccount'],
    async prepare(b) {
      const name = unique('created account');
      return {
        query: `mutation($input: CreateServiceAccountInput!) { r: createServiceAccount(input: $input) { __typename ...Failure ... on CreateServiceAccountPayload { serviceAccount { clientId } ${NEW_SECRET} } } } ${FAILURE}`,
        variables: { input: { organizationId: b.orgId, name, description: 'Made in a trial', roles: ['ORG_READ_ONLY'], secretExpiresAfterHours: 24 } },
        judge: (answer) => judgeAccountCreated(b, answer, name, async (account) => sameRoles(account.roles, ['ORG_READ_ONLY'])),
      };
    },
  },
  {
    name: 'createProjectServiceAccount',
    writes: ['createGroupServiceAccount'],
    async prepare(b) {
      const name = unique('project account');
      return {
        query: `mutation($input: CreateProjectServiceAccountInput!) { r: createProjectServiceAccount(input: $input) { __typename ...Failure ... on CreateProjectServiceAccountPayload { serviceAccount { clientId } ${NEW_SECRET} } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, name, description: 'Made in a trial', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 } },
        judge: (answer) => judgeAccountCreated(b, answer, name, async (account) => sameRoles(await accountProjectRoles(b, account.clientId, b.projects.staging), ['GROUP_READ_ONLY'])),
      };
    },
  },
  {
    name: 'addServiceAccountSecret',
    writes: ['createOrgServiceAccountSecret'],
    async prepare(b) {
      const account = await makeAccount(b);
      return {
        query: `mutation($input: AddServiceAccountSecretInput!) { r: addServiceAccountSecret(input: $input) { __typename ...Failure ... on AddServiceAccountSecretPayload { ${NEW_SECRET} } } } ${FAILURE}`,
        variables: { input: { serviceAccountId: globalAccountId(b.orgId, account.clientId), expiresAfterHours: 24 } },
        async judge(answer) {
          const now = await readAccount(b, account.clientId);
          const added = (now?.secrets ?? []).filter((s) => !account.secretIds.includes(s.id));
          switch (outcomeOf(answer)) {
            case 'done': {
              const right =
                added.length === 1 &&
                added[0]!.id === answer.secret?.atlasId &&
                answer.secret?.clientId === account.clientId &&
                (await obtainsToken(b, account.clientId, answer.secret?.value));
              return right ? [] : ['lost'];
            }
            case 'notDone':
              return added.length === 0 ? [] : ['misreported', 'unreported'];
            case 'unknown':
              return namedAccounts(answer).has(account.clientId) && added.length <= 1 ? [] : ['unreported'];
            case 'untyped':
              return ['untyped'];
          }
        },
      };
    },
  },
  secretRotationScenario(false),
  secretRotationScenario(true),
  {
    name: 'updateServiceAccount',
    writes: ['updateOrgServiceAccount'],
    async prepare(b) {
      const account = await makeAccount(b);
      const name = unique('renamed account');
      return {
        query: `mutation($input: UpdateServiceAccountInput!) { r: updateServiceAccount(input: $input) { __typename ...Failure ... on ServiceAccountPayload { warning } } } ${FAILURE}`,
        variables: { input: { id: globalAccountId(b.orgId, account.clientId), name } },
        judge: async (answer) => judgeApplied(answer, (await readAccount(b, account.clientId))?.name === name),
      };
    },
  },
  {
    name: 'deleteServiceAccount',
    writes: ['deleteOrgServiceAccount'],
    async prepare(b) {
      const account = await makeAccount(b, { projects: [[b.projects.staging, ['GROUP_READ_ONLY']]] });
      return {
        query: `mutation($input: ServiceAccountIdInput!) { r: deleteServiceAccount(input: $input) { __typename ...Failure ... on DeleteServiceAccountPayload { deletedServiceAccountId clientId } } } ${FAILURE}`,
        variables: { input: { id: globalAccountId(b.orgId, account.clientId) } },
        judge: async (answer) => judgeApplied(answer, (await readAccount(b, account.clientId)) === undefined),
      };
    },
  },
  {
    name: 'addServiceAccountAccessListEntries',
    writes: ['createOrgServiceAccountAccessList'],
    async prepare(b) {
      const account = await makeAccount(b, { entries: ['203.0.113.1'] });
      return {
        query: `mutation($input: AddServiceAccountAccessListEntriesInput!) { r: addServiceAccountAccessListEntries(input: $input) { __typename ...Failure ... on AddServiceAccountAccessListEntriesPayload { added duplicates } } } ${FAILURE}`,
        variables: { input: { serviceAccountId: globalAccountId(b.orgId, account.clientId), entries: ['203.0.113.9', '2001:db8::9', '203.0.113.1'] } },
        judge: async (answer) => {
          const entries = await accountEntriesOf(b, account.clientId);
          const present = ['203.0.113.9/32', '2001:db8:0:0:0:0:0:9/128'].map((e) => entries.includes(e));
          if (present[0] !== present[1]) return ['misreported'];
          return judgeApplied(answer, present[0]!);
        },
      };
    },
  },
  {
    name: 'removeServiceAccountAccessListEntry',
    writes: ['deleteOrgServiceAccountAccessListEntry'],
    async prepare(b) {
      const account = await makeAccount(b, { entries: ['203.0.113.9', '2001:db8::9'] });
      return {
        query: `mutation($input: RemoveServiceAccountAccessListEntryInput!) { r: removeServiceAccountAccessListEntry(input: $input) { __typename ...Failure ... on RemoveServiceAccountAccessListEntryPayload { removed } } } ${FAILURE}`,
        variables: { input: { serviceAccountId: globalAccountId(b.orgId, account.clientId), entry: '2001:DB8:0::9' } },
        judge: async (answer) => judgeApplied(answer, !(await accountEntriesOf(b, account.clientId)).includes('2001:db8:0:0:0:0:0:9/128')),
      };
    },
  },
  {
    name: 'assignServiceAccountToProject',
    writes: ['inviteGroupServiceAccount'],
    async prepare(b) {
      const account = await makeAccount(b);
      return {
        query: `mutation($input: ServiceAccountProjectRolesInput!) { r: assignServiceAccountToProject(input: $input) { __typename ...Failure ... on ServiceAccountProjectPayload { warning } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, serviceAccountId: globalAccountId(b.orgId, account.clientId), roles: ['GROUP_READ_ONLY'] } },
        judge: async (answer) => judgeApplied(answer, (await accountProjectRoles(b, account.clientId, b.projects.staging)).length > 0),
      };
    },
  },
  {
    name: 'setServiceAccountProjectRoles',
    writes: ['updateGroupServiceAccount'],
    async prepare(b) {
      const account = await makeAccount(b, { projects: [[b.projects.staging, ['GROUP_READ_ONLY']]] });
      return {
        query: `mutation($input: ServiceAccountProjectRolesInput!) { r: setServiceAccountProjectRoles(input: $input) { __typename ...Failure ... on ServiceAccountProjectPayload { warning } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, serviceAccountId: globalAccountId(b.orgId, account.clientId), roles: ['GROUP_OWNER'] } },
        judge: async (answer) => judgeApplied(answer, sameRoles(await accountProjectRoles(b, account.clientId, b.projects.staging), ['GROUP_OWNER'])),
      };
    },
  },
  {
    name: 'unassignServiceAccountFromProject',
    writes: ['deleteGroupServiceAccount'],
    async prepare(b) {
      const account = await makeAccount(b, { projects: [[b.projects.staging, ['GROUP_READ_ONLY']]] });
      return {
        query: `mutation($input: UnassignServiceAccountFromProjectInput!) { r: unassignServiceAccountFromProject(input: $input) { __typename ...Failure ... on ServiceAccountProjectPayload { warning } } } ${FAILURE}`,
        variables: { input: { projectId: b.projects.staging, serviceAccountId: globalAccountId(b.orgId, account.clientId) } },
        judge: async (answer) => judgeApplied(answer, (await accountProjectRoles(b, account.clientId, b.projects.staging)).length === 0),
      };
    },
  },
];

/**
 * A rotation of an account's secret; `withExpired`: the account also holds an expired secret,
 * which fills its last place and is deleted first. The working secret must keep working whatever
 * the answer, and a new one is either answered (and works), deleted again, or its account named.
 */
export function secretRotationScenario(withExpired: boolean): Scenario {
  return {
    name: withExpired ? 'rotateServiceAccountSecret expired' : 'rotateServiceAccountSecret',
    writes: withExpired ? ['deleteOrgServiceAccountSecret', 'createOrgServiceAccountSecret'] : ['createOrgServiceAccountSecret'],
    async prepare(b) {
      const account = await makeAccount(b, { expiredSecret: withExpired });
      const expired = account.secretIds.filter((id) => id !== account.working.id);
      return {
        query: `mutation($input: RotateServiceAccountSecretInput!) { r: rotateServiceAccountSecret(input: $input) { __typename ...Failure
          ... on RotateServiceAccountSecretPayload { ${NEW_SECRET} previousSecrets { atlasId } removedExpiredSecretIds } } } ${FAILURE}`,
        variables: { input: { serviceAccountId: globalAccountId(b.orgId, account.clientId), expiresAfterHours: 24 } },
        async judge(answer) {
          const now = await readAccount(b, account.clientId);
          const ids = (now?.secrets ?? []).map((s) => s.id);
          const added = ids.filter((id) => !account.secretIds.includes(id));
          const removedExpired = expired.filter((id) => !ids.includes(id));
          const oldWorks = await obtainsToken(b, account.clientId, account.working.value);
          const newWorks = await obtainsToken(b, account.clientId, answer.secret?.value);
          const violations: Violation[] = [];
          if (!oldWorks && !newWorks) violations.push('lockedOut');
          switch (outcomeOf(answer)) {
            case 'done': {
              const right =
                added.length === 1 &&
                added[0] === answer.secret?.atlasId &&
                answer.secret?.clientId === account.clientId &&
                newWorks &&
                oldWorks &&
                (answer.previousSecrets as Array<{ atlasId: string }>).some((s) => s.atlasId === account.working.id) &&
                // The expired secret had to go to make room, and the answer says so.
                sameRoles(answer.removedExpiredSecretIds as string[], expired) &&
                removedExpired.length === expired.length;
              if (!right) violations.push('lost');
              break;
            }
            case 'notDone': {
              if (added.length > 0) violations.push('misreported', 'unreported');
              // The working secret untouched; an expired one deleted before the failure is said to be.
              const said = (answer.changesMade as string[] | undefined)?.join(' ') ?? '';
              if (!oldWorks || expired.some((id) => ids.includes(id) === said.includes(id))) violations.push('misreported');
              break;
            }
            case 'unknown':
              if (!namedAccounts(answer).has(account.clientId) || added.length > 1) violations.push('unreported');
              if (!oldWorks) violations.push('misreported');
              break;
            case 'untyped':
              violations.push('untyped');
          }
          return [...new Set(violations)];
        },
      };
    },
  };
}

// --- running -------------------------------------------------------------------------------

/** Writes sent more than once by one mutation: same method and URL, Digest challenges aside. */
export function duplicatedWrites(b: WriteBench): string[] {
  const seen = new Map<string, number>();
  for (const request of b.sim.control.requests()) {
    if (request.method === 'GET' || request.status === 401) continue;
    const key = `${request.method} ${request.url}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([key]) => key);
}

export interface Trial {
  scenario: string;
  faults: Array<[OperationId, ReadonlyArray<FaultKind | 'ok'>]>;
  answer: Answer;
  outcome: Outcome;
  violations: Violation[];
  duplicated: string[];
  /** The operations the mutation called, in order (Digest challenges aside). */
  calls: string[];
}

/** The operation a write is served as: Ops Manager assigns a key to a project with a PATCH. */
const servedAs = (b: WriteBench, operation: OperationId): OperationId =>
  operation === 'addGroupApiKey' && b.flavor === 'ops-manager' ? 'updateGroupApiKeyRoles' : operation;

/** One mutation under the given fault plans, judged against the true state. */
export async function trial(b: WriteBench, scenario: Scenario, faults: Trial['faults'], random: () => number = Math.random): Promise<Trial> {
  b.sim.control.clearFaults();
  const prepared = await scenario.prepare(b, random);
  b.sim.control.resetStats();
  for (const [operation, sequence] of faults) b.sim.control.injectFault(servedAs(b, operation), { sequence });
  let answer: Answer;
  try {
    answer = await b.mutate(prepared.query, prepared.variables);
  } finally {
    b.sim.control.clearFaults();
  }
  const duplicated = duplicatedWrites(b);
  const calls = b.sim.control.requests().filter((r) => r.status !== 401).map((r) => r.operation);
  return { scenario: scenario.name, faults, answer, outcome: outcomeOf(answer), violations: await prepared.judge(answer), duplicated, calls };
}

export interface Figures {
  seed: number;
  mutations: number;
  faultsInjected: number;
  outcomes: Record<Outcome, number>;
  lost: number;
  duplicated: number;
  misreported: number;
  unreportedLeftovers: number;
  bothKeysGone: number;
  /** Secret rotations after which no secret of the account obtains a token. */
  lockedOut: number;
  untyped: number;
  /** Rotations of a key. */
  rotations: number;
  /** Rotations of a service account's secret. */
  secretRotations: number;
  failures: Trial[];
}

/** mulberry32: the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `mutations` random mutations (service-account ones on Atlas v2 only), each write faulted with probability `faultRate` (a random fault,
 * before or after it is applied, stalls half as often as the others; a key rotation's deletions get two, so rollbacks are faulted too),
 * and a settling read of the scenario's kind now and then.
 */
export async function randomWrites(b: WriteBench, options: { seed: number; mutations: number; faultRate?: number }): Promise<Figures> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const faultRate = options.faultRate ?? 0.5;
  const figures: Figures = {
    seed: options.seed,
    mutations: 0,
    faultsInjected: 0,
    outcomes: { done: 0, notDone: 0, unknown: 0, untyped: 0 },
    lost: 0,
    duplicated: 0,
    misreported: 0,
    unreportedLeftovers: 0,
    bothKeysGone: 0,
    lockedOut: 0,
    untyped: 0,
    rotations: 0,
    secretRotations: 0,
    failures: [],
  };
  const scenarios = scenariosFor(b.flavor);
  for (let i = 0; i < options.mutations; i++) {
    const scenario = pick(scenarios);
    const faults: Trial['faults'] = [];
    for (const operation of new Set(scenario.writes)) {
      if (random() >= faultRate) continue;
      const length = operation === 'deleteOrgApiKey' && scenario.name.startsWith('rotateApiKey') ? 2 : 1;
      faults.push([operation, Array.from({ length }, () => pick(FAULT_MIX))]);
    }
    if (random() < 0.15) faults.push([pick(settlingReadsOf(scenario)), Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(READ_FAULTS))]);
    figures.faultsInjected += faults.reduce((sum, [, sequence]) => sum + sequence.length, 0);
    const result = await trial(b, scenario, faults, random);
    figures.mutations += 1;
    if (scenario.name.startsWith('rotateApiKey')) figures.rotations += 1;
    if (scenario.name.startsWith('rotateServiceAccountSecret')) figures.secretRotations += 1;
    figures.outcomes[result.outcome] += 1;
    figures.duplicated += result.duplicated.length;
    for (const violation of result.violations) {
      if (violation === 'lost') figures.lost += 1;
      if (violation === 'misreported') figures.misreported += 1;
      if (violation === 'unreported') figures.unreportedLeftovers += 1;
      if (violation === 'bothGone') figures.bothKeysGone += 1;
      if (violation === 'lockedOut') figures.lockedOut += 1;
      if (violation === 'untyped') figures.untyped += 1;
    }
    if (result.violations.length > 0 || result.duplicated.length > 0) figures.failures.push(result);
  }
  return figures;
}

/** The figures of several runs (shards of one run, on their own simulators) as one. */
export function sumFigures(runs: Figures[]): Figures {
  const total: Figures = { ...runs[0]!, outcomes: { done: 0, notDone: 0, unknown: 0, untyped: 0 }, failures: [] };
  for (const key of ['mutations', 'faultsInjected', 'lost', 'duplicated', 'misreported', 'unreportedLeftovers', 'bothKeysGone', 'lockedOut', 'untyped', 'rotations', 'secretRotations'] as const) {
    total[key] = runs.reduce((sum, run) => sum + run[key], 0);
  }
  for (const run of runs) {
    for (const outcome of Object.keys(total.outcomes) as Outcome[]) total.outcomes[outcome] += run.outcomes[outcome];
    total.failures.push(...run.failures);
  }
  return total;
}

/**
 * `mutations` random mutations from `seed`, in `shards` runs side by side on their own simulators
 * (seeds `seed`, `seed + 1`, ...): a stall costs a timeout, and waiting for several at once is free.
 * Every third run is against the Ops Manager flavor.
 */
export async function shardedRandomWrites(options: { seed: number; mutations: number; shards: number }): Promise<Figures> {
  const per = Math.ceil(options.mutations / options.shards);
  const runs = await Promise.all(
    Array.from({ length: options.shards }, async (_, shard) => {
      // Every third run speaks the Ops Manager flavor (PATCH assigns, a missing key is a 400).
      const bench = await startWriteBench(shard % 3 === 2 ? 'ops-manager' : 'atlas-v2');
      try {
        return await randomWrites(bench, { seed: options.seed + shard, mutations: Math.min(per, options.mutations - shard * per) });
      } finally {
        await bench.close();
      }
    }),
  );
  return { ...sumFigures(runs), seed: options.seed };
}

export function describeFigures(f: Figures): string {
  return [
    `seed ${f.seed}: ${f.mutations} random mutations (${f.rotations} key rotations, ${f.secretRotations} secret rotations), ${f.faultsInjected} faults injected`,
    `outcomes: ${f.outcomes.done} done, ${f.outcomes.notDone} not done (safe to retry), ${f.outcomes.unknown} outcome unknown (named), ${f.outcomes.untyped} untyped`,
    `${f.lost} lost, ${f.duplicated} duplicated, ${f.misreported} misreported, ${f.unreportedLeftovers} unreported leftovers, ${f.bothKeysGone} rotations with both keys gone, ${f.lockedOut} secret rotations locked out`,
  ].join('\n');
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number): number => {
    const index = process.argv.indexOf(name);
    return index < 0 ? fallback : Number(process.argv[index + 1]);
  };
  const figures = await shardedRandomWrites({ seed: arg('--seed', 2026), mutations: arg('--mutations', 1000), shards: arg('--shards', 8) });
  console.log(describeFigures(figures));
  for (const failure of figures.failures) console.log(JSON.stringify(failure));
  process.exitCode = figures.failures.length === 0 && figures.untyped === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
