/**
 * rotateApiKey: a new key with the old one's description (or a new one), organization roles,
 * project assignments and access list; the old key is deleted now or kept for a grace period.
 *
 * What can go wrong is bounded: a lost answer to any step is settled with a read before going on;
 * a failed step deletes the new key again only once the old key is known to still exist, so both
 * keys are never gone; and while the new key exists (or may), its private key is in the answer.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type AccessListInput, type ApiKey, AtlasApiError, fetchAllPages, isNotFound, mayHaveBeenApplied, settlingCalls } from '../atlas/index.js';
import { apiKeyRef } from './loaders.js';
import { type ApiKeyModel, ApiKeyRef, maskPrivateKey } from './api-key.js';
import { refreshKey } from './api-key-mutations.js';
import { builder } from './builder.js';
import { apiKeyIdInput, canonicalOf, descriptionInput } from './inputs.js';
import { MUTATION_ERRORS, MutationErrorInterface, ValidationError, inProjectWords, upstream, writeRefusal } from './mutation-errors.js';
import {
  type DeletionOutcome,
  deleteKeySettled,
  failureWords,
  hasProjectRoles,
  organizationRolesOf,
  projectRolesOf,
  readKey,
  sameSet,
  settledCreate,
} from './write-outcome.js';

/** Steps after the new key exists; a failure before it changes nothing and is a plain typed error. */
const STEPS = ['ASSIGN_PROJECTS', 'COPY_ACCESS_LIST', 'DELETE_OLD_KEY'] as const;
type Step = (typeof STEPS)[number];

const STEP_DESCRIPTIONS: Record<Step, string> = {
  ASSIGN_PROJECTS: 'Assigning the new key to the old one\'s projects, with the same roles.',
  COPY_ACCESS_LIST: "Copying the old key's access list to the new key.",
  DELETE_OLD_KEY: 'Deleting the old key (when asked to retire it now).',
};

const RotationStepEnum = builder.enumType('RotationStep', {
  description: 'A step of a key rotation.',
  values: Object.fromEntries(STEPS.map((step) => [step, { value: step, description: STEP_DESCRIPTIONS[step] }])) as Record<Step, { value: Step; description: string }>,
});

const OldKeyRetirementEnum = builder.enumType('OldKeyRetirement', {
  description: 'What happens to the old key once the new one is ready.',
  values: {
    DELETE_NOW: { value: 'DELETE_NOW', description: 'Delete the old key as the last step of the rotation.' },
    KEEP: { value: 'KEEP', description: 'Keep the old key working; delete it with deleteApiKey after your grace period.' },
  } as const,
});

export class RotationFailedError extends Error {
  override readonly name = 'RotationFailedError';
  /** Not an enumerable property, so that nothing that serializes the error can carry it. */
  readonly #newPrivateKey: string | undefined;

  constructor(
    message: string,
    readonly failedStep: Step,
    readonly rolledBack: boolean,
    /** The new key, when it is (or may be) still there. */
    readonly leftover: { orgId: string; apiKeyId: string } | undefined,
    readonly atlasErrorCode: string | undefined,
    /** True: the old key is gone; false: it is still there; undefined: not known. */
    readonly oldApiKeyDeleted: boolean | undefined,
    newPrivateKey: string | undefined,
  ) {
    super(message);
    this.#newPrivateKey = leftover ? newPrivateKey : undefined;
  }

  get newPrivateKey(): string | undefined {
    return this.#newPrivateKey;
  }
}

builder.objectType(RotationFailedError, {
  name: 'RotationFailedError',
  description:
    'A rotation step failed after the new key was created. rolledBack: the new key was deleted again and the old key is unchanged (retrying is safe). Otherwise the new key is still there (or may be), with its private key here.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    failedStep: t.field({ type: RotationStepEnum, description: 'The step that failed.', resolve: (e) => e.failedStep }),
    rolledBack: t.exposeBoolean('rolledBack', { description: 'Whether the new key was deleted again (nothing is left behind, the old key is unchanged).' }),
    leftoverApiKeyId: t.id({
      nullable: true,
      description: 'Global id of the new key when it is, or may be, still there.',
      resolve: (e) => (e.leftover ? encodeGlobalID('ApiKey', apiKeyRef(e.leftover.orgId, e.leftover.apiKeyId)) : null),
    }),
    leftoverApiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: 'The new key, when it is still there: keep it (its private key is in newPrivateKey) or delete it.',
      resolve: (e, _args, ctx) => (e.leftover ? ctx.loaders.apiKey.load(apiKeyRef(e.leftover.orgId, e.leftover.apiKeyId)) : null),
    }),
    newPrivateKey: t.string({
      nullable: true,
      description: "The new key's private key in clear, when the new key is (or may be) still there. Atlas never shows it again.",
      resolve: (e) => e.newPrivateKey ?? null,
    }),
    oldApiKeyExists: t.boolean({
      nullable: true,
      description: 'Whether the old key is still there: true when it is known to be unchanged, false when it is gone, null when that could not be checked.',
      resolve: (e) => (e.oldApiKeyDeleted === undefined ? null : !e.oldApiKeyDeleted),
    }),
  }),
});

interface Rotated {
  newApiKey: ApiKeyModel;
  privateKey: string;
  oldApiKey: ApiKeyModel | null;
  oldApiKeyId: string;
  /** Not in the schema: for the audit record, which names the old key as Atlas' events do. */
  oldPublicKey: string;
  projectsAssigned: number;
  accessListEntriesCopied: number;
}

const RotatedRef = builder.objectRef<Rotated>('RotateApiKeyPayload').implement({
  description: 'The new key, a copy of the old one. Its private key is shown here once.',
  fields: (t) => ({
    newApiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The new key (null only if loading a selected field of it failed; the private key is still below).', resolve: (p) => p.newApiKey }),
    privateKey: t.exposeString('privateKey', { description: 'The new private key in clear. Atlas never shows it again.' }),
    oldApiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The old key, when it was kept; null when it was deleted.', resolve: (p) => p.oldApiKey }),
    oldApiKeyDeleted: t.boolean({ description: 'Whether the old key is gone (deleted now, or already gone when its deletion was due).', resolve: (p) => p.oldApiKey === null }),
    oldApiKeyId: t.id({
      description: 'Global id of the old key (the key replaced; deleted when oldApiKeyDeleted), to update client caches.',
      resolve: (p) => encodeGlobalID('ApiKey', apiKeyRef(p.newApiKey.orgId, p.oldApiKeyId)),
    }),
    oldApiKeyAtlasId: t.exposeID('oldApiKeyId', { description: 'Atlas id of the old key.' }),
    projectsAssigned: t.exposeInt('projectsAssigned', { description: 'Projects the new key was assigned to.' }),
    accessListEntriesCopied: t.exposeInt('accessListEntriesCopied', { description: 'Access list entries copied to the new key.' }),
  }),
});

const RotateInput = builder.inputType('RotateApiKeyInput', {
  description: 'A key to replace with a new one that has the same roles, projects and access list.',
  fields: (t) => ({
    id: t.id({ required: true, description: "The key to rotate: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
    description: t.string({ required: false, description: "The new key's description; the old key's by default." }),
    oldKey: t.field({ type: OldKeyRetirementEnum, required: true, description: 'Delete the old key now, or keep it for a grace period.' }),
  }),
});

const ACCESS_LIST_BATCH = 100;

/** A step's write: a lost answer settled by `settle`; a write not applied, or not settled, fails the step. */
async function stepWrite(write: () => Promise<unknown>, settle: () => Promise<boolean>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (mayHaveBeenApplied(error) && (await settlingCalls(settle).catch(() => false))) return;
    throw error;
  }
}

builder.mutationFields((t) => ({
  rotateApiKey: t.field({
    type: RotatedRef,
    description:
      'Replaces a key with a new one: same organization roles, project assignments with their roles, and access list; the old key is deleted now or kept for a grace period. If a step fails, the new key is deleted again (only once the old key is known to still exist) and the payload says which step failed.',
    args: { input: t.arg({ type: RotateInput, required: true }) },
    errors: {
      types: [...MUTATION_ERRORS, RotationFailedError],
      directResult: true,
      union: { name: 'RotateApiKeyResult', description: 'What rotateApiKey did: its payload, or why it did nothing, or what it left and what is unknown.' },
    },
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.id, 'input.id').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(input.id, 'input.id');
      const description = input.description == null ? undefined : descriptionInput(input.description);

      const old = await upstream(() => ctx.atlas.getApiKey(orgId, apiKeyId), 'input.id');
      const entries = await upstream(() => fetchAllPages((page) => ctx.atlas.listAccessListEntries(orgId, apiKeyId, page)), 'input.id');
      const orgRoles = organizationRolesOf(old);
      if (orgRoles.length === 0) throw new ValidationError('The key has no organization role to give the new key.', 'input.id');
      const projects = new Map<string, string[]>();
      for (const role of old.roles) if (role.groupId) projects.set(role.groupId, [...(projects.get(role.groupId) ?? []), role.roleName]);
      const copies = entries.flatMap((e): AccessListInput[] => (e.ipAddress ? [{ ipAddress: e.ipAddress }] : e.cidrBlock ? [{ cidrBlock: e.cidrBlock }] : []));
      const newDescription = description ?? old.desc ?? 'rotated key';

      const created = await settledCreate(
        ctx,
        {
          orgId,
          lookFor: `described "${newDescription}"`,
          what: 'Creating the new key',
          exclude: [apiKeyId],
          matches: (key) => key.desc === newDescription && sameSet(organizationRolesOf(key), orgRoles) && !hasProjectRoles(key),
        },
        () => ctx.atlas.createApiKey(orgId, { description: newDescription, roles: orgRoles }),
      );
      const newId = created.id;
      const privateKey = created.privateKey ?? '';
      const readNew = async (): Promise<ApiKey> => {
        const key = await readKey(ctx, orgId, newId);
        if (!key) throw new Error('the new key is gone');
        return key;
      };

      /**
       * The answer to a failed step. The new key is deleted again only when the old key is known
       * to still exist: otherwise it may be the only working key, and it is kept, with its private key.
       */
      const rollBack = async (step: Step, error: unknown, oldKnownToExist = false): Promise<RotationFailedError> => {
        const reason = error instanceof AtlasApiError ? inProjectWords(error.detail ?? error.errorCode) : failureWords(error);
        const fail = (outcome: string, deletion: DeletionOutcome | 'kept', oldApiKeyDeleted: boolean | undefined): RotationFailedError => {
          refreshKey(ctx, orgId, undefined, newId);
          const rolledBack = deletion === 'deleted';
          return new RotationFailedError(
            `Rotation failed at ${step}: ${reason}. ${outcome}`,
            step,
            rolledBack,
            rolledBack ? undefined : { orgId, apiKeyId: newId },
            error instanceof AtlasApiError ? error.errorCode : undefined,
            oldApiKeyDeleted,
            privateKey,
          );
        };
        const oldExists = oldKnownToExist || (await settlingCalls(() => readKey(ctx, orgId, apiKeyId)).then((key) => key !== undefined, () => undefined));
        if (oldExists === false) {
          return fail(
            "The old key no longer exists, so the new key was kept: store its private key (newPrivateKey). It may lack some of the old key's project assignments or access list entries.",
            'kept',
            true,
          );
        }
        if (oldExists === undefined) {
          return fail(
            'Whether the old key still exists could not be checked, so the new key was kept (leftoverApiKeyId; its private key is in newPrivateKey): check the old key, and delete the new one only if the old one is still there.',
            'kept',
            undefined,
          );
        }
        const deletion = await settlingCalls(() => deleteKeySettled(ctx, orgId, newId));
        const outcome =
          deletion === 'deleted'
            ? 'The new key was deleted again; the old key is unchanged.'
            : deletion === 'exists'
              ? 'Deleting the new key again failed too: it is still there (see leftoverApiKey; its private key is in newPrivateKey); the old key is unchanged.'
              : 'Deleting the new key again may have failed: it may still be there (see leftoverApiKeyId; its private key is in newPrivateKey); the old key is unchanged.';
        return fail(outcome, deletion, false);
      };

      const assignments = await Promise.allSettled(
        [...projects].map(([projectId, roles]) =>
          stepWrite(
            () => ctx.atlas.assignApiKeyToProject(projectId, newId, roles),
            async () => sameSet(projectRolesOf(await readNew(), projectId), roles),
          ),
        ),
      );
      const failedAssignment = assignments.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failedAssignment) throw await rollBack('ASSIGN_PROJECTS', failedAssignment.reason);

      for (let i = 0; i < copies.length; i += ACCESS_LIST_BATCH) {
        const batch = copies.slice(i, i + ACCESS_LIST_BATCH);
        try {
          await stepWrite(
            () => ctx.atlas.addAccessListEntries(orgId, newId, batch),
            async () => {
              const listed = new Set((await fetchAllPages((page) => ctx.atlas.listAccessListEntries(orgId, newId, page))).map(canonicalOf));
              return batch.every((entry) => listed.has(canonicalOf(entry)));
            },
          );
        } catch (error) {
          throw await rollBack('COPY_ACCESS_LIST', error);
        }
      }

      if (input.oldKey === 'DELETE_NOW') {
        try {
          await ctx.atlas.deleteApiKey(orgId, apiKeyId);
        } catch (error) {
          // Gone already (NOT_FOUND) or deleted with the answer lost: the rotation is done either way.
          if (!isNotFound(error)) {
            if (!mayHaveBeenApplied(error)) throw await rollBack('DELETE_OLD_KEY', error);
            let oldExists: boolean;
            try {
              oldExists = (await readKey(ctx, orgId, apiKeyId)) !== undefined;
            } catch {
              refreshKey(ctx, orgId, undefined, apiKeyId);
              throw new RotationFailedError(
                `Rotation failed at DELETE_OLD_KEY: ${failureWords(error)}, and whether the old key was deleted could not be checked. The new key is complete (leftoverApiKeyId; its private key is in newPrivateKey): use it, and delete the old key if it is still there.`,
                'DELETE_OLD_KEY',
                false,
                { orgId, apiKeyId: newId },
                error instanceof AtlasApiError ? error.errorCode : undefined,
                undefined,
                privateKey,
              );
            }
            if (oldExists) throw await rollBack('DELETE_OLD_KEY', error, true);
          }
        }
      }

      refreshKey(ctx, orgId, undefined, apiKeyId);
      // What Atlas now has: the created key with the project roles just given (no read-back to fail).
      const assigned = [...projects].flatMap(([groupId, roles]) => roles.map((roleName) => ({ groupId, roleName })));
      const newApiKey = refreshKey(ctx, orgId, { ...created, roles: [...created.roles, ...assigned] })!;
      const oldApiKey = input.oldKey === 'DELETE_NOW' ? null : refreshKey(ctx, orgId, { ...old, privateKey: maskPrivateKey(old.privateKey) ?? undefined })!;
      return {
        newApiKey,
        privateKey,
        oldApiKey,
        oldApiKeyId: apiKeyId,
        oldPublicKey: old.publicKey,
        projectsAssigned: projects.size,
        accessListEntriesCopied: copies.length,
      };
    },
  }),
}));
