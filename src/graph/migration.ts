/**
 * `migrateApiKeyToServiceAccount`: the service account that replaces an API key, as MongoDB
 * recommends. It gets the key's description, organization roles, project assignments (with their
 * roles) and access list; its first secret comes back once. The key is never touched: delete it
 * once every workload uses the account.
 *
 * The account is made first (a lost answer is settled as every create is: nothing, or outcome
 * unknown). Each part after it (a project, the access list) is done on its own; one that fails
 * does not stop the others, and the payload lists every part with its outcome and, for one not
 * done, what to do next. So the answer always says what exists.
 */
import { type ApiKey, type Project, fetchAllPages } from '../atlas/index.js';
import { type AccessListTarget, addEntries } from './access-list-changes.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { refreshKey } from './api-key-mutations.js';
import { builder } from './builder.js';
import { MAX_DESCRIPTION, accessEntryInput, accountTextInput, apiKeyIdInput } from './inputs.js';
import { type OrgServiceAccount, apiKeyRef } from './loaders.js';
import { OutcomeUnknownError, changesMadeOf, isTypedMutationError, mutationErrors, requireUpstreamOperation, upstream, writeRefusal } from './mutation-errors.js';
import { ProjectRef } from './project.js';
import { ServiceAccountRef } from './service-account.js';
import {
  MAX_NAME,
  type NewSecret,
  NewSecretRef,
  accountAccessList,
  allowedLifetime,
  createAccount,
  readBackAccount,
  refreshAccount,
  writeAssignment,
} from './service-account-mutations.js';

type PartOutcome = 'DONE' | 'PARTLY_DONE' | 'NOT_DONE' | 'OUTCOME_UNKNOWN';

interface MigrationPart {
  kind: 'PROJECT_ASSIGNMENT' | 'ACCESS_LIST';
  project?: Project;
  outcome: PartOutcome;
  detail: string;
  nextStep: string | null;
}

const PartKindEnum = builder.enumType('MigrationPartKind', {
  description: 'What a part of a migration copies.',
  values: {
    PROJECT_ASSIGNMENT: { description: "The key's assignment to one project, with its roles there." },
    ACCESS_LIST: { description: "The key's access list." },
  },
});

const PartOutcomeEnum = builder.enumType('MigrationPartOutcome', {
  description: 'What came of a part: done, partly done or not done (the rest safe to do again), or not known.',
  values: {
    DONE: { description: 'Done.' },
    PARTLY_DONE: { description: 'Some of it was done (its detail names what) before a later step failed; doing the rest is safe.' },
    NOT_DONE: { description: 'Not done; doing it again is safe.' },
    OUTCOME_UNKNOWN: { description: 'Atlas may have done it: check first.' },
  },
});

const PartRef = builder.objectRef<MigrationPart>('MigrationPart').implement({
  description: 'One part of a migration after the account was made, with its outcome.',
  fields: (t) => ({
    kind: t.field({ type: PartKindEnum, description: 'What the part copies.', resolve: (p) => p.kind }),
    project: t.field({ type: ProjectRef, nullable: true, description: 'The project, for a project assignment.', resolve: (p) => p.project ?? null }),
    outcome: t.field({ type: PartOutcomeEnum, description: 'Done, partly done, not done, or not known.', resolve: (p) => p.outcome }),
    detail: t.exposeString('detail', { description: 'What was done, or what went wrong.' }),
    nextStep: t.string({ nullable: true, description: 'What to do for a part not done, or not known; null when done.', resolve: (p) => p.nextStep }),
  }),
});

interface Migrated {
  serviceAccount: OrgServiceAccount | null;
  /** The new account's client id, known even when reading it back failed (for its audit record). */
  clientId: string;
  secret: NewSecret;
  apiKey: ApiKeyModel | null;
  parts: MigrationPart[];
  warning?: string;
}

const MigratedRef = builder.objectRef<Migrated>('MigrateApiKeyToServiceAccountPayload').implement({
  description:
    "The service account that replaces an API key: made with the key's description, organization roles, project assignments and access list. The key is left as it was: delete it once every workload uses the account.",
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The new account as Atlas has it now; null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    secret: t.field({ type: NewSecretRef, description: 'Its first secret, with its value: the only time it is shown.', resolve: (p) => p.secret }),
    apiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The key, unchanged.', resolve: (p) => p.apiKey }),
    parts: t.field({ type: [PartRef], description: 'Each part after the account was made (its projects, its access list), with its outcome.', resolve: (p) => p.parts }),
    complete: t.boolean({ description: 'Whether every part was done: the account can do what the key did, from where the key could.', resolve: (p) => p.parts.every((part) => part.outcome === 'DONE') }),
    warning: t.string({ nullable: true, description: 'Set when the account was made but reading it back failed.', resolve: (p) => p.warning ?? null }),
  }),
});

const MigrateInput = builder.inputType('MigrateApiKeyToServiceAccountInput', {
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
    name: t.string({ required: false, description: `The account's name (1 to ${MAX_NAME} letters, digits, spaces and - _ . , '); the key's description made to fit by default.` }),
    secretExpiresAfterHours: t.int({ required: true, description: 'How long its first secret works: 8 to 8760 hours, and at most what the organization allows.' }),
  }),
});

/** A key's description as a service account takes it: its other characters as spaces, cut to `max`; `fallback` when nothing is left. */
export function accountText(text: string | undefined, max: number, fallback: string): string {
  const fitted = (text ?? '').replace(/[^\p{L}\p{N}\-_.,' ]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
  return fitted === '' ? fallback : fitted;
}

/** A part's outcome from what its write threw: partly done when the error names changes that stay made. */
export function failedPart(error: unknown): Pick<MigrationPart, 'outcome' | 'detail'> {
  if (error instanceof OutcomeUnknownError) return { outcome: 'OUTCOME_UNKNOWN', detail: error.message };
  if (isTypedMutationError(error)) return { outcome: changesMadeOf(error as Error).length > 0 ? 'PARTLY_DONE' : 'NOT_DONE', detail: (error as Error).message };
  return { outcome: 'NOT_DONE', detail: 'The call to Atlas failed.' };
}

builder.mutationFields((t) => ({
  migrateApiKeyToServiceAccount: t.field({
    type: MigratedRef,
    description:
      "Makes the service account that replaces an API key: the key's description, organization roles, project assignments and access list, and a first secret returned once. The key is never changed or deleted. Each part after the account is made is reported with its outcome and what to do for one that failed. Atlas v2 only.",
    args: { input: t.arg({ type: MigrateInput, required: true }) },
    errors: mutationErrors('MigrateApiKeyToServiceAccount'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.apiKeyId, 'input.apiKeyId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(input.apiKeyId, 'input.apiKeyId');
      const chosenName = input.name == null ? undefined : accountTextInput(input.name, 'input.name', MAX_NAME);
      requireUpstreamOperation(ctx, 'createOrgServiceAccount', `/orgs/${orgId}/serviceAccounts`);
      const hours = await allowedLifetime(ctx, orgId, input.secretExpiresAfterHours, 'input.secretExpiresAfterHours');
      // The key as it is now, and its access list: what the account is made from.
      const key: ApiKey = await upstream(() => ctx.atlas.getApiKey(orgId, apiKeyId), 'input.apiKeyId');
      const entries = await upstream(() => fetchAllPages((page) => ctx.atlas.listAccessListEntries(orgId, apiKeyId, page)), 'input.apiKeyId');
      // Every entry read as an input before anything is made: nothing after the create may fail on it.
      const requested = entries.map((entry, i) => accessEntryInput(entry.ipAddress ?? entry.cidrBlock ?? '', `accessList[${i}]`));
      const fallback = `Replaces API key ${key.publicKey}`;
      const name = chosenName ?? accountText(key.desc, MAX_NAME, fallback);
      const description = accountText(key.desc, MAX_DESCRIPTION, fallback);
      const orgRoles = key.roles.filter((r) => r.orgId !== undefined && r.groupId === undefined).map((r) => r.roleName);
      const roles = orgRoles.length > 0 ? orgRoles : ['ORG_MEMBER'];
      const projects = new Map<string, string[]>();
      for (const role of key.roles) if (role.groupId) projects.set(role.groupId, [...(projects.get(role.groupId) ?? []), role.roleName]);

      const { account: created, secret } = await createAccount(ctx, orgId, { name, description, roles, secretExpiresAfterHours: hours });
      const clientId = created.clientId;
      const parts: MigrationPart[] = [];

      // Projects one by one: one that fails leaves the others to go on.
      for (const [projectId, projectRoles] of projects) {
        const project = await ctx.loaders.project.load({ id: projectId, orgId }).catch(() => undefined);
        const label = project ? `project ${project.name} (${projectId})` : `project ${projectId}`;
        try {
          await writeAssignment(ctx, orgId, clientId, projectId, 'assign', projectRoles);
          parts.push({ kind: 'PROJECT_ASSIGNMENT', ...(project ? { project } : {}), outcome: 'DONE', detail: `Assigned to ${label} with ${projectRoles.join(', ')}.`, nextStep: null });
        } catch (error) {
          const failed = failedPart(error);
          parts.push({
            kind: 'PROJECT_ASSIGNMENT',
            ...(project ? { project } : {}),
            ...failed,
            nextStep:
              failed.outcome === 'OUTCOME_UNKNOWN'
                ? `Read the account's projectAssignments; if ${label} is missing, assign it with assignServiceAccountToProject (roles ${projectRoles.join(', ')}).`
                : `Assign it to ${label} with assignServiceAccountToProject (roles ${projectRoles.join(', ')}).`,
          });
        }
      }

      if (entries.length > 0) {
        const target: AccessListTarget = accountAccessList(ctx, orgId, clientId);
        try {
          const { added, duplicates } = await addEntries(target, requested, 'accessList');
          parts.push({ kind: 'ACCESS_LIST', outcome: 'DONE', detail: `Added ${[...added, ...duplicates].join(', ')}.`, nextStep: null });
        } catch (error) {
          const failed = failedPart(error);
          parts.push({
            kind: 'ACCESS_LIST',
            ...failed,
            nextStep: `Add ${requested.map((e) => e.value).join(', ')} with addServiceAccountAccessListEntries (entries already listed come back as duplicates). Until then its tokens work from any address, or from none where the organization requires access lists.`,
          });
        }
      }
      refreshAccount(ctx, orgId, clientId);
      refreshKey(ctx, orgId, undefined, apiKeyId);
      const account = await readBackAccount(ctx, orgId, clientId, undefined);
      const apiKey = await ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId)).catch(() => null);
      return { ...account, clientId, secret, apiKey, parts };
    },
  }),
}));
