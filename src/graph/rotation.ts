/**
 * rotateApiKey: a new key with the old one's description (or a new one), organization roles,
 * project assignments and access list; the old key is deleted now or kept for a grace period.
 * All or nothing: when a step after the creation fails, the new key is deleted again and the
 * caller is told which step failed and whether the clean-up worked.
 */
import { type AccessListInput, AtlasApiError, fetchAllPages } from '../atlas/index.js';
import { apiKeyRef } from '../loaders.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { refreshKey } from './api-key-mutations.js';
import { builder } from './builder.js';
import { apiKeyIdInput, descriptionInput } from './inputs.js';
import { MUTATION_ERRORS, MutationErrorInterface, ValidationError, requireWrite, upstream } from './mutation-errors.js';

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
  constructor(
    message: string,
    readonly failedStep: Step,
    readonly rolledBack: boolean,
    /** The new key, when deleting it again failed too. */
    readonly leftover: { orgId: string; apiKeyId: string } | undefined,
    readonly atlasErrorCode: string | undefined,
  ) {
    super(message);
  }
}

builder.objectType(RotationFailedError, {
  name: 'RotationFailedError',
  description: 'A rotation step failed after the new key was created. The old key is untouched.',
  interfaces: [MutationErrorInterface],
  fields: (t) => ({
    failedStep: t.field({ type: RotationStepEnum, description: 'The step that failed.', resolve: (e) => e.failedStep }),
    rolledBack: t.exposeBoolean('rolledBack', { description: 'Whether the new key was deleted again (nothing is left behind).' }),
    leftoverApiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: 'The new key, when it could not be deleted again: delete it yourself.',
      resolve: (e, _args, ctx) => (e.leftover ? ctx.loaders.apiKey.load(apiKeyRef(e.leftover.orgId, e.leftover.apiKeyId)) : null),
    }),
    atlasErrorCode: t.string({ nullable: true, description: "Atlas' errorCode for the failure, when there was one.", resolve: (e) => e.atlasErrorCode ?? null }),
  }),
});

interface Rotated {
  newApiKey: ApiKeyModel;
  privateKey: string;
  oldApiKey: ApiKeyModel | null;
  oldApiKeyId: string;
  projectsAssigned: number;
  accessListEntriesCopied: number;
}

const RotatedRef = builder.objectRef<Rotated>('RotateApiKeyPayload').implement({
  description: 'The new key, a copy of the old one. Its private key is shown here once.',
  fields: (t) => ({
    newApiKey: t.field({ type: ApiKeyRef, description: 'The new key.', resolve: (p) => p.newApiKey }),
    privateKey: t.exposeString('privateKey', { description: 'The new private key in clear. Atlas never shows it again.' }),
    oldApiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The old key, when it was kept; null when it was deleted.', resolve: (p) => p.oldApiKey }),
    oldApiKeyDeleted: t.boolean({ description: 'Whether the old key was deleted.', resolve: (p) => p.oldApiKey === null }),
    oldApiKeyAtlasId: t.exposeID('oldApiKeyId', { description: 'Atlas id of the old key.' }),
    projectsAssigned: t.exposeInt('projectsAssigned', { description: 'Projects the new key was assigned to.' }),
    accessListEntriesCopied: t.exposeInt('accessListEntriesCopied', { description: 'Access list entries copied to the new key.' }),
  }),
});

const RotateInput = builder.inputType('RotateApiKeyInput', {
  description: 'A key to replace with a new one that has the same roles, projects and access list.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global id of the key to rotate.' }),
    description: t.string({ required: false, description: "The new key's description; the old key's by default." }),
    oldKey: t.field({ type: OldKeyRetirementEnum, required: true, description: 'Delete the old key now, or keep it for a grace period.' }),
  }),
});

const ACCESS_LIST_BATCH = 100;

builder.mutationFields((t) => ({
  rotateApiKey: t.field({
    type: RotatedRef,
    description:
      'Replaces a key with a new one: same organization roles, project assignments with their roles, and access list; the old key is deleted now or kept for a grace period. If a step fails, the new key is deleted again and the payload says which step failed.',
    args: { input: t.arg({ type: RotateInput, required: true }) },
    errors: {
      types: [...MUTATION_ERRORS, RotationFailedError],
      directResult: true,
      union: { name: 'RotateApiKeyResult', description: 'What rotateApiKey did: its payload, or why it did nothing.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(String(input.id), 'input.id');
      const description = input.description == null ? undefined : descriptionInput(input.description);
      requireWrite(ctx, orgId);

      const old = await upstream(() => ctx.atlas.getApiKey(orgId, apiKeyId), 'input.id');
      const entries = await upstream(() => fetchAllPages((page) => ctx.atlas.listAccessListEntries(orgId, apiKeyId, page)), 'input.id');
      const orgRoles = old.roles.filter((r) => r.orgId !== undefined && r.groupId === undefined).map((r) => r.roleName);
      if (orgRoles.length === 0) throw new ValidationError('The key has no organization role to give the new key.', 'input.id');
      const projects = new Map<string, string[]>();
      for (const role of old.roles) if (role.groupId) projects.set(role.groupId, [...(projects.get(role.groupId) ?? []), role.roleName]);
      const copies = entries.flatMap((e): AccessListInput[] => (e.ipAddress ? [{ ipAddress: e.ipAddress }] : e.cidrBlock ? [{ cidrBlock: e.cidrBlock }] : []));

      const created = await upstream(() => ctx.atlas.createApiKey(orgId, { description: description ?? old.desc ?? 'rotated key', roles: orgRoles }));
      let step: Step = 'ASSIGN_PROJECTS';
      try {
        await Promise.all([...projects].map(([projectId, roles]) => ctx.atlas.assignApiKeyToProject(projectId, created.id, roles)));
        step = 'COPY_ACCESS_LIST';
        for (let i = 0; i < copies.length; i += ACCESS_LIST_BATCH) {
          await ctx.atlas.addAccessListEntries(orgId, created.id, copies.slice(i, i + ACCESS_LIST_BATCH));
        }
        step = 'DELETE_OLD_KEY';
        if (input.oldKey === 'DELETE_NOW') await ctx.atlas.deleteApiKey(orgId, apiKeyId);
      } catch (error) {
        const rolledBack = await ctx.atlas.deleteApiKey(orgId, created.id).then(
          () => true,
          () => false,
        );
        refreshKey(ctx, orgId, undefined, created.id);
        // Atlas' detail, or the kind of failure (timeout, network): never more than that.
        const reason = error instanceof AtlasApiError ? (error.detail ?? error.errorCode) : error instanceof Error ? error.name : 'unexpected failure';
        const outcome = rolledBack
          ? 'The new key was deleted again; the old key is unchanged.'
          : 'Deleting the new key again failed too: it is still there (see leftoverApiKey); the old key is unchanged.';
        throw new RotationFailedError(
          `Rotation failed at ${step}: ${reason}. ${outcome}`,
          step,
          rolledBack,
          rolledBack ? undefined : { orgId, apiKeyId: created.id },
          error instanceof AtlasApiError ? error.errorCode : undefined,
        );
      }

      refreshKey(ctx, orgId, undefined, apiKeyId);
      refreshKey(ctx, orgId, undefined, created.id);
      const [newApiKey, oldApiKey] = await Promise.all([
        ctx.loaders.apiKey.load(apiKeyRef(orgId, created.id)),
        input.oldKey === 'DELETE_NOW' ? null : ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId)),
      ]);
      return {
        newApiKey,
        privateKey: created.privateKey ?? '',
        oldApiKey,
        oldApiKeyId: apiKeyId,
        projectsAssigned: projects.size,
        accessListEntriesCopied: copies.length,
      };
    },
  }),
}));
