// Every mutation, and every step of a rotation, through every fault before and after Atlas applies
// the write; each answer is judged against the simulator's true state, read with admin credentials.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind, OperationId } from '../../src/simulator/index.js';
import {
  ALL_FAULTS,
  POST_APPLY_FAULTS,
  PRE_APPLY_FAULTS,
  SCENARIOS,
  SERVICE_ACCOUNT_SCENARIOS,
  type Scenario,
  type WriteBench,
  globalKeyId,
  rotationScenario,
  secretRotationScenario,
  settlingReadsOf,
  startWriteBench,
  trial,
} from '../../bench/write-outcomes.js';

let b: WriteBench;
beforeAll(async () => {
  b = await startWriteBench();
});
afterAll(() => b.close());

/** Writes whose answer alone shows a secret (a private key, a secret's value): a lost one is deleted again. */
const CREATES = new Set(['createApiKey', 'createProjectApiKey', 'createServiceAccount', 'createProjectServiceAccount', 'addServiceAccountSecret', 'rotateServiceAccountSecret']);
/** Creates of a credential (not of a secret of one): when they cannot be settled, no id is known to name. */
const NEW_CREDENTIALS = new Set(['createApiKey', 'createProjectApiKey', 'createServiceAccount', 'createProjectServiceAccount']);
// Service accounts exist on Atlas v2 only, the flavor of startWriteBench().
const singleWrites = [...SCENARIOS, ...SERVICE_ACCOUNT_SCENARIOS].filter((s) => s.writes.length === 1);
/** The settling read each scenario makes before its write, which must go through for the write to be sent. */
const READ_BEFORE_WRITE: Partial<Record<string, OperationId>> = {
  addAccessListEntries: 'listOrgApiKeyAccessListEntries',
  addServiceAccountAccessListEntries: 'listOrgServiceAccountAccessList',
  addServiceAccountSecret: 'getOrgServiceAccount',
  rotateServiceAccountSecret: 'getOrgServiceAccount',
  assignServiceAccountToProject: 'getOrgServiceAccountGroups',
  setServiceAccountProjectRoles: 'getOrgServiceAccountGroups',
  unassignServiceAccountFromProject: 'getOrgServiceAccountGroups',
};

const STALLS = new Set<FaultKind>(['stall', 'stall-after-apply']);
const isPre = (fault: FaultKind): boolean => (PRE_APPLY_FAULTS as readonly FaultKind[]).includes(fault);
const quick = (faults: readonly FaultKind[]): FaultKind[] => faults.filter((fault) => !STALLS.has(fault));

/** A single write struck by `fault`: judged against the true state, and answered as the fault allows. */
async function expectSingleWrite(bench: WriteBench, scenario: Scenario, fault: FaultKind): Promise<void> {
  const t = await trial(bench, scenario, [[scenario.writes[0]!, [fault]]]);
  expect(t.violations).toEqual([]);
  expect(t.duplicated).toEqual([]);
  if (isPre(fault)) {
    // Not done, safe to retry.
    expect(t.answer).toMatchObject({ __typename: fault === 429 ? 'RateLimitedError' : 'UpstreamUnavailableError' });
    expect(t.answer.message).toMatch(fault === 429 ? /./ : /(nothing was changed|no (key|service account|secret) was created)/);
  } else if (CREATES.has(scenario.name)) {
    // The private key (or secret) was in the lost answer: what was made is found by what it would have had and its id time, and deleted again.
    expect(t.answer).toMatchObject({ __typename: 'UpstreamUnavailableError' });
    expect(t.answer.message).toContain('was deleted again');
  } else {
    // Settled by a read: done.
    expect(t.answer.__typename).toMatch(/Payload$/);
  }
}

const ROTATION_STEPS = [
  ['createOrgApiKey', undefined],
  ['addGroupApiKey', 'ASSIGN_PROJECTS'],
  ['createOrgApiKeyAccessListEntry', 'COPY_ACCESS_LIST'],
  ['deleteOrgApiKey', 'DELETE_OLD_KEY'],
] as const;

/** One step of a DELETE_NOW rotation struck by `fault`. */
async function expectRotationStep(bench: WriteBench, operation: OperationId, step: string | undefined, fault: FaultKind): Promise<void> {
  const t = await trial(bench, rotationScenario('DELETE_NOW'), [[operation, [fault]]]);
  expect(t.violations).toEqual([]);
  expect(t.duplicated).toEqual([]);
  if (isPre(fault)) {
    // Nothing is left, the old key is unchanged.
    if (step === undefined) expect(t.answer).toMatchObject({ __typename: fault === 429 ? 'RateLimitedError' : 'UpstreamUnavailableError' });
    else expect(t.answer).toMatchObject({ __typename: 'RotationFailedError', failedStep: step, rolledBack: true, leftoverApiKeyId: null, newPrivateKey: null, oldApiKeyExists: true });
  } else if (step === undefined) {
    expect(t.answer).toMatchObject({ __typename: 'UpstreamUnavailableError' });
    expect(t.answer.message).toContain('was deleted again');
  } else {
    // Settled by a read and carried on; a lost answer to the old key's deletion that was applied is a rotation that succeeded.
    expect(t.answer).toMatchObject({ __typename: 'RotateApiKeyPayload', oldApiKeyDeleted: true });
    expect(t.answer.privateKey).toMatch(/^[0-9a-f]{8}-/);
  }
}

/** A DELETE_NOW rotation whose old key's deletion fails before it is made, and whose rollback deletion meets `fault`. */
async function expectRollback(bench: WriteBench, fault: FaultKind): Promise<void> {
  const t = await trial(bench, rotationScenario('DELETE_NOW'), [['deleteOrgApiKey', [500, fault]]]);
  expect(t.violations).toEqual([]);
  expect(t.duplicated).toEqual([]);
  const pre = (PRE_APPLY_FAULTS as readonly unknown[]).includes(fault);
  if (pre) {
    expect(t.answer).toMatchObject({ __typename: 'RotationFailedError', failedStep: 'DELETE_OLD_KEY', rolledBack: false, oldApiKeyExists: true });
    expect(t.answer.newPrivateKey).toMatch(/^[0-9a-f]{8}-/);
    expect(t.answer.leftoverApiKeyId).toEqual(expect.any(String));
  } else {
    expect(t.answer).toMatchObject({ __typename: 'RotationFailedError', rolledBack: true, newPrivateKey: null });
  }
}

describe.each(singleWrites.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario: Scenario) => {
  const operation = scenario.writes[0]!;

  it.each(quick(PRE_APPLY_FAULTS))('answers not done (safe to retry) when %s strikes before the write', (fault) => expectSingleWrite(b, scenario, fault));

  it.each(quick(POST_APPLY_FAULTS))('settles with a read when %s strikes after the write', (fault) => expectSingleWrite(b, scenario, fault));

  it('answers outcome unknown, naming the key or account, when neither the answer nor a read can settle it', async () => {
    // The lost answer, then every attempt of every read that could settle it fails; a read the
    // mutation makes before it writes (listing the entries it adds to, say) goes through.
    const reads = settlingReadsOf(scenario).map(
      (read) => [read, [...(READ_BEFORE_WRITE[scenario.name] === read ? ['ok' as const] : []), ...Array.from({ length: 6 }, () => 500 as const)]] as [OperationId, Array<500 | 'ok'>],
    );
    const t = await trial(b, scenario, [[operation, ['500-after-apply']], ...reads]);
    expect(t.violations).toEqual([]);
    expect(t.duplicated).toEqual([]);
    expect(t.answer).toMatchObject({ __typename: 'OutcomeUnknownError' });
    expect(t.answer.message).toMatch(/may have/);
    if (!NEW_CREDENTIALS.has(scenario.name)) expect([...t.answer.apiKeyIds, ...t.answer.serviceAccountIds]).toHaveLength(1);
  });
});

describe('rotateApiKey, step by step', () => {
  const rotation = rotationScenario('DELETE_NOW');

  describe.each(ROTATION_STEPS)('when %s fails', (operation, step) => {
    it.each(quick(PRE_APPLY_FAULTS))('before the write (%s): nothing is left, the old key is unchanged', (fault) => expectRotationStep(b, operation, step, fault));
    it.each(quick(POST_APPLY_FAULTS))('after the write (%s): settled by a read, and the rotation goes on', (fault) => expectRotationStep(b, operation, step, fault));
  });

  it.each(quick(ALL_FAULTS))('reports the new key with its private key when the rollback deletion also fails (%s)', (fault) => expectRollback(b, fault));


  it('keeps the new key when the old key cannot be confirmed to exist', async () => {
    // The assignment's answer is lost, and every read of a key fails: the new key may be the only one left.
    const t = await trial(b, rotation, [
      ['addGroupApiKey', ['500-after-apply']],
      // The rotation's first read of the old key goes through.
      ['getOrgApiKey', ['ok', ...Array.from({ length: 6 }, () => 500 as const)]],
    ]);
    expect(t.violations).toEqual([]);
    expect(t.answer).toMatchObject({ __typename: 'RotationFailedError', failedStep: 'ASSIGN_PROJECTS', rolledBack: false, oldApiKeyExists: null });
    expect(t.answer.newPrivateKey).toMatch(/^[0-9a-f]{8}-/);
    expect(b.sim.control.stats().operations.deleteOrgApiKey).toBeUndefined();
  });

  it('answers with the new key when the old key was deleted but that cannot be read', async () => {
    const t = await trial(b, rotation, [
      ['deleteOrgApiKey', ['reset-after-apply']],
      ['getOrgApiKey', ['ok', 500, 500, 500]],
    ]);
    expect(t.violations).toEqual([]);
    expect(t.answer).toMatchObject({ __typename: 'RotationFailedError', failedStep: 'DELETE_OLD_KEY', rolledBack: false, oldApiKeyExists: null });
    expect(t.answer.newPrivateKey).toMatch(/^[0-9a-f]{8}-/);
    expect(t.answer.message).toContain('The new key is complete');
  });

  it('keeps the old key when asked, whatever step fails', async () => {
    const keep = rotationScenario('KEEP');
    for (const [operation, fault] of [
      ['addGroupApiKey', 'reset'],
      ['createOrgApiKeyAccessListEntry', 'truncated-after-apply'],
      ['createOrgApiKey', 'stall-after-apply'],
    ] as const) {
      const t = await trial(b, keep, [[operation, [fault]]]);
      expect(t.violations, `${operation} ${fault}`).toEqual([]);
      expect(t.duplicated).toEqual([]);
    }
  });
});

describe('rotateServiceAccountSecret, with an expired secret to delete first', () => {
  const rotation = secretRotationScenario(true);

  /** The expired secret's deletion, or the new secret, struck by `fault`: the working secret works throughout. */
  async function expectSecretRotationStep(bench: WriteBench, operation: OperationId, fault: FaultKind): Promise<void> {
    const t = await trial(bench, rotation, [[operation, [fault]]]);
    expect(t.violations).toEqual([]);
    expect(t.duplicated).toEqual([]);
    if (operation === 'deleteOrgServiceAccountSecret' && isPre(fault)) {
      // Nothing was changed: no new secret, the expired one still there.
      expect(t.answer).toMatchObject({ __typename: fault === 429 ? 'RateLimitedError' : 'UpstreamUnavailableError', changesMade: [] });
    } else if (operation === 'deleteOrgServiceAccountSecret') {
      // The lost deletion is settled by reading the account, and the rotation goes on.
      expect(t.answer).toMatchObject({ __typename: 'RotateServiceAccountSecretPayload', removedExpiredSecretIds: [expect.any(String)] });
    } else {
      // The expired secret's deletion stays made, and says so; the new secret was not made, or was deleted again.
      expect(t.answer.__typename).toMatch(/^(RateLimitedError|UpstreamUnavailableError)$/);
      expect(t.answer.changesMade[0]).toMatch(/^Expired secret [a-f0-9]{24} .* was deleted/);
      if (!isPre(fault)) expect(t.answer.message).toContain('was deleted again');
    }
  }

  describe.each(['deleteOrgServiceAccountSecret', 'createOrgServiceAccountSecret'] as const)('when %s fails', (operation) => {
    it.each(quick(ALL_FAULTS))('(%s)', (fault) => expectSecretRotationStep(b, operation, fault));
  });

  it('answers outcome unknown, naming the account, when the lost deletion cannot be settled', async () => {
    const t = await trial(b, rotation, [
      ['deleteOrgServiceAccountSecret', ['reset-after-apply']],
      // The read before the rotation goes through; every read that could settle the deletion fails.
      ['getOrgServiceAccount', ['ok', ...Array.from({ length: 6 }, () => 500 as const)]],
    ]);
    expect(t.violations).toEqual([]);
    expect(t.answer).toMatchObject({ __typename: 'OutcomeUnknownError', serviceAccountIds: [expect.any(String)] });
    expect(t.answer.message).toContain('may have been deleted; no new secret was made');
    expect(b.sim.control.stats().operations.createOrgServiceAccountSecret).toBeUndefined();
  });

  describe.concurrent('stalls past the timeout', () => {
    for (const operation of ['deleteOrgServiceAccountSecret', 'createOrgServiceAccountSecret'] as const) {
      for (const fault of ['stall', 'stall-after-apply'] as const) {
        it(`${operation}: ${fault}`, async () => {
          const bench = await startWriteBench();
          try {
            await expectSecretRotationStep(bench, operation, fault);
          } finally {
            await bench.close();
          }
        });
      }
    }
  });
});

describe('lost answers', () => {
  it('settles a lost DELETE with a GET of the key, and a 2xx with an unreadable body likewise', async () => {
    const deletion = SCENARIOS.find((s) => s.name === 'deleteApiKey')!;
    for (const fault of ['truncated-after-apply', 'malformed-json'] as const) {
      const t = await trial(b, deletion, [['deleteOrgApiKey', [fault]]]);
      expect(t.violations).toEqual([]);
      // The key read first (its public key, for the audit record), then the DELETE, then the settling read.
      expect(t.calls).toEqual(['getOrgApiKey', 'deleteOrgApiKey', 'getOrgApiKey']);
      expect(t.answer.__typename).toBe(fault === 'malformed-json' ? 'UpstreamUnavailableError' : 'DeleteApiKeyPayload');
    }
  });

  it('reports a write that was made as done when reading the key back fails, with a warning', async () => {
    const key = await b.truth.createApiKey(b.orgId, { description: 'read-back', roles: ['ORG_MEMBER'] });
    b.sim.control.injectFault('getOrgApiKey', { sequence: [500, 500, 500] });
    const answer = await b.mutate(
      `mutation($input: ProjectApiKeyRolesInput!) { r: assignApiKeyToProject(input: $input) { __typename ... on ProjectApiKeyPayload { warning apiKey { atlasId } project { atlasId } } } }`,
      { input: { projectId: b.projects.analytics, apiKeyId: globalKeyId(b.orgId, key.id), roles: ['GROUP_READ_ONLY'] } },
    );
    b.sim.control.clearFaults();
    expect(answer).toMatchObject({ __typename: 'ProjectApiKeyPayload', apiKey: null, project: { atlasId: b.projects.analytics } });
    expect(answer.warning).toContain('The change was made');
    const now = await b.truth.getApiKey(b.orgId, key.id);
    expect(now.roles).toContainEqual({ groupId: b.projects.analytics, roleName: 'GROUP_READ_ONLY' });
  });

  it("never deletes an identical key someone created just before: it names it instead", async () => {
    const twin = await b.truth.createApiKey(b.orgId, { description: 'twin', roles: ['ORG_READ_ONLY'] });
    // The request leaves in a later second than the twin's id time, within the clock slack.
    await sleep(1_005 - (Date.now() % 1_000));
    b.sim.control.injectFault('createOrgApiKey', { sequence: [500] });
    const answer = await b.mutate(`mutation($input: CreateApiKeyInput!) { r: createApiKey(input: $input) { __typename ... on OutcomeUnknownError { apiKeyIds check } } }`, {
      input: { organizationId: b.orgId, description: 'twin', roles: ['ORG_READ_ONLY'] },
    });
    b.sim.control.clearFaults();
    expect(answer).toMatchObject({ __typename: 'OutcomeUnknownError', apiKeyIds: [globalKeyId(b.orgId, twin.id)] });
    await expect(b.truth.getApiKey(b.orgId, twin.id)).resolves.toMatchObject({ id: twin.id });
  });

  it('never sends a write twice, even when Atlas asks to retry later', async () => {
    const creation = SCENARIOS.find((s) => s.name === 'createApiKey')!;
    for (const fault of [503, 429, 'reset', '500-after-apply'] as const) {
      await trial(b, creation, [['createOrgApiKey', [fault]]]);
      expect(b.sim.control.stats().operations.createOrgApiKey!.total - (b.sim.control.stats().operations.createOrgApiKey!.byStatus['401'] ?? 0)).toBe(1);
    }
  });
});

// A stall lasts until the client gives up (the headers timeout, on undici's coarse timer): each of these
// runs on its own simulator and gateway, concurrently, so that they cost about one timeout in all.
describe.concurrent('stalls past the timeout, before and after the write', () => {
  const own = async (check: (bench: WriteBench) => Promise<void>) => {
    const bench = await startWriteBench();
    try {
      await check(bench);
    } finally {
      await bench.close();
    }
  };
  for (const fault of ['stall', 'stall-after-apply'] as const) {
    for (const scenario of singleWrites) it(`${scenario.name}: ${fault}`, () => own((bench) => expectSingleWrite(bench, scenario, fault)));
    for (const [operation, step] of ROTATION_STEPS) it(`rotateApiKey ${operation}: ${fault}`, () => own((bench) => expectRotationStep(bench, operation, step, fault)));
    it(`rotateApiKey rollback deletion: ${fault}`, () => own((bench) => expectRollback(bench, fault)));
  }
});
