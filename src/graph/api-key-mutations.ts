/**
 * Mutations of organization API keys and their project assignments. Every input is checked
 * before any upstream call; each write is sent once, and a lost answer is settled with a read
 * (write-outcome.ts); the private key appears only in the create payloads.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ApiKey, Project } from '../atlas/index.js';
import type { Context } from './context.js';
import { apiKeyRef } from './loaders.js';
import { type ApiKeyModel, ApiKeyRef, maskPrivateKey } from './api-key.js';
import { builder } from './builder.js';
import { apiKeyIdInput, atlasIdInput, descriptionInput, rolesInput } from './inputs.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  mutationErrors,
  requireWrite,
  writeRefusal,
  upstream,
} from './mutation-errors.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';
import { OrganizationRoleEnum, ProjectRoleEnum } from './roles.js';
import { projectAmong, scopedOrganizations } from './scopes.js';
import {
  existingKey,
  hasProjectRoles,
  organizationRolesOf,
  projectRolesOf,
  readKey,
  sameSet,
  settledCreate,
  settledWrite,
} from './write-outcome.js';

/**
 * Keeps later selections of the same request fresh: lists are dropped, and the key's cache entry
 * is replaced by what Atlas returned, with the private key masked.
 */
export function refreshKey(ctx: Context, orgId: string, key: ApiKey | undefined, apiKeyId = key?.id): ApiKeyModel | undefined {
  ctx.loaders.clearPages();
  if (apiKeyId) {
    ctx.loaders.apiKey.clear(apiKeyRef(orgId, apiKeyId));
    ctx.loaders.wholeAccessList.clear(apiKeyRef(orgId, apiKeyId));
  }
  if (!key) return undefined;
  const masked: ApiKeyModel = { ...key, orgId, privateKey: maskPrivateKey(key.privateKey) ?? undefined };
  ctx.loaders.apiKey.prime(apiKeyRef(orgId, key.id), masked);
  return masked;
}

/**
 * The key after a change that answered no body, read again. The change is made whatever this read
 * does: when it fails, the payload carries no key and says why instead of failing the mutation.
 */
export async function readBack(ctx: Context, orgId: string, apiKeyId: string, known?: ApiKey): Promise<{ apiKey: ApiKeyModel | null; warning?: string }> {
  if (known) return { apiKey: refreshKey(ctx, orgId, known)! };
  refreshKey(ctx, orgId, undefined, apiKeyId);
  try {
    return { apiKey: await ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId)) };
  } catch {
    return { apiKey: null, warning: 'The change was made, but reading the key back failed: read it again to see it.' };
  }
}

interface CreatedKey {
  apiKey: ApiKeyModel;
  privateKey: string;
  project?: Project;
}

const warningField = 'Set when the change was made but reading its result back failed (apiKey is then null).';
const keyAfterChange = 'The key as Atlas now has it; null only when reading it back failed (see warning).';
const newKeyDescription = 'The new key (null only if loading a selected field of it failed; the private key is still below).';

const CreatedKeyRef = builder.objectRef<CreatedKey>('CreateApiKeyPayload').implement({
  description: 'A new key. Its private key is shown here once and never again: store it now.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, nullable: true, description: newKeyDescription, resolve: (p) => p.apiKey }),
    privateKey: t.exposeString('privateKey', { description: 'The private key in clear. Atlas never shows it again.' }),
  }),
});

const CreatedProjectKeyRef = builder.objectRef<CreatedKey & { project: Project }>('CreateProjectApiKeyPayload').implement({
  description: 'A new organization key assigned to a project. Its private key is shown here once.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, nullable: true, description: newKeyDescription, resolve: (p) => p.apiKey }),
    project: t.field({ type: ProjectRef, nullable: true, description: 'The project it was assigned to.', resolve: (p) => p.project }),
    privateKey: t.exposeString('privateKey', { description: 'The private key in clear. Atlas never shows it again.' }),
  }),
});

const ApiKeyPayloadRef = builder.objectRef<{ apiKey: ApiKeyModel }>('ApiKeyPayload').implement({
  description: 'The key after the change.',
  fields: (t) => ({ apiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The key as Atlas now has it.', resolve: (p) => p.apiKey }) }),
});

interface ProjectKeyChange {
  apiKey: ApiKeyModel | null;
  project: Project;
  warning?: string;
}

const ProjectKeyPayloadRef = builder.objectRef<ProjectKeyChange>('ProjectApiKeyPayload').implement({
  description: 'A key and a project after a change of the assignment (the change was made).',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, nullable: true, description: keyAfterChange, resolve: (p) => p.apiKey }),
    project: t.field({ type: ProjectRef, nullable: true, description: 'The project.', resolve: (p) => p.project }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const DeletedKeyRef = builder.objectRef<{ apiKeyId: string; orgId: string; publicKey: string | null }>('DeleteApiKeyPayload').implement({
  description: 'A deleted key: it is gone from its organization and from every project it was assigned to.',
  fields: (t) => ({
    deletedId: t.id({
      description: 'Global id of the deleted key, to evict it from client caches.',
      resolve: (p) => encodeGlobalID('ApiKey', apiKeyRef(p.orgId, p.apiKeyId)),
    }),
    deletedApiKeyId: t.exposeID('apiKeyId', { description: 'Atlas id of the deleted key.' }),
    deletedPublicKey: t.string({
      nullable: true,
      description: "Public key of the deleted key, as Atlas's events keep naming it (targetPublicKey); null when the key could not be read before it was deleted.",
      resolve: (p) => p.publicKey,
    }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The organization it belonged to.',
      resolve: (p, _a, ctx) => ctx.loaders.organization.load(p.orgId),
    }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new organization API key.',
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'The organization: its Organization.id (or its Organization.atlasId).' }),
    description: t.string({ required: true, description: 'What the key is for (1 to 250 characters).' }),
    roles: t.field({ type: [OrganizationRoleEnum], required: true, description: 'Its organization roles (at least one).' }),
  }),
});

const UpdateApiKeyInput = builder.inputType('UpdateApiKeyInput', {
  description: "A change of a key's description or organization roles (the roles given replace the current ones).",
  fields: (t) => ({
    id: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
    description: t.string({ required: false, description: 'The new description (1 to 250 characters).' }),
    roles: t.field({ type: [OrganizationRoleEnum], required: false, description: 'The new organization roles (at least one); project roles are not touched.' }),
  }),
});

const ApiKeyIdInput = builder.inputType('DeleteApiKeyInput', {
  description: 'The key to delete.',
  fields: (t) => ({ id: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }) }),
});

const CreateProjectApiKeyInput = builder.inputType('CreateProjectApiKeyInput', {
  description: 'A new organization key, assigned to a project in the same call.',
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'The project: its Project.id (or its Project.atlasId, the group id).' }),
    description: t.string({ required: true, description: 'What the key is for (1 to 250 characters).' }),
    roles: t.field({ type: [ProjectRoleEnum], required: true, description: 'Its roles in the project (at least one).' }),
  }),
});

const ProjectRolesInput = builder.inputType('ProjectApiKeyRolesInput', {
  description: 'A key, a project, and the roles the key is to have there.',
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'The project: its Project.id (or its Project.atlasId, the group id).' }),
    apiKeyId: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
    roles: t.field({ type: [ProjectRoleEnum], required: true, description: 'The roles (at least one).' }),
  }),
});

const UnassignInput = builder.inputType('UnassignApiKeyFromProjectInput', {
  description: 'A key to take out of a project; it stays in its organization.',
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'The project: its Project.id (or its Project.atlasId, the group id).' }),
    apiKeyId: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
  }),
});

type AssignmentChange = 'assign' | 'setRoles' | 'unassign';

/** What each change of an assignment leaves in the key's roles, for a read to settle a lost answer. */
const ASSIGNMENT_CHANGES: Record<AssignmentChange, { what: string; applied: (now: string[], roles: string[]) => boolean }> = {
  assign: { what: 'Assigning the key to the project', applied: (now, roles) => sameSet(now, roles) },
  setRoles: { what: "Setting the key's roles in the project", applied: (now, roles) => sameSet(now, roles) },
  unassign: { what: 'Unassigning the key from the project', applied: (now) => now.length === 0 },
};

/**
 * The project of a change of assignment, in the key's organization. A caller whose token names
 * organizations gets the same answer for a project elsewhere and one that does not exist.
 */
export async function assignmentProject(ctx: Context, orgId: string, projectId: string, credential = { noun: 'key', field: 'input.apiKeyId' }): Promise<Project> {
  if (scopedOrganizations(ctx.caller, 'write') !== undefined) {
    const project = await upstream(() => projectAmong(ctx, [orgId], projectId), 'input.projectId');
    if (!project) throw new NotFoundError(`No project ${projectId} in the ${credential.noun}'s organization.`);
    return project;
  }
  const project = await upstream(() => ctx.loaders.project.load({ id: projectId }), 'input.projectId');
  if (project.orgId !== orgId) throw new ValidationError(`The ${credential.noun} and the project belong to different organizations.`, credential.field);
  return project;
}

/**
 * A change of a key's assignment to a project: ids checked, the project checked to belong to the
 * key's organization (Atlas requires it), the change made once, a lost answer settled by reading
 * the key's roles, and the key read back.
 */
async function changeAssignment(
  ctx: Context,
  input: { projectId: string | number; apiKeyId: string | number },
  kind: AssignmentChange,
  roles: string[],
  change: (projectId: string, apiKeyId: string) => Promise<unknown>,
): Promise<ProjectKeyChange> {
  const projectId = atlasIdInput(input.projectId, 'Project', 'input.projectId');
  const { orgId, apiKeyId } = apiKeyIdInput(input.apiKeyId, 'input.apiKeyId');
  const project = await assignmentProject(ctx, orgId, projectId);
  const { what, applied } = ASSIGNMENT_CHANGES[kind];
  let settledKey: ApiKey | undefined;
  try {
    await settledWrite(() => change(projectId, apiKeyId), {
      what,
      settle: async () => {
        settledKey = await existingKey(ctx, orgId, apiKeyId);
        return applied(projectRolesOf(settledKey, projectId), roles);
      },
      unknown: () => ({
        mayHaveHappened: `${what} may have been done: the roles of key ${apiKeyId} in project ${projectId} may have changed.`,
        check: `Read the key's projectAssignments to see its roles in project ${projectId}, and send the change again only if they are not as wanted.`,
        apiKeys: [{ orgId, apiKeyId }],
      }),
    });
  } catch (error) {
    refreshKey(ctx, orgId, undefined, apiKeyId);
    throw await notAssigned(ctx, error, kind, orgId, apiKeyId, projectId);
  }
  return { ...(await readBack(ctx, orgId, apiKeyId, settledKey)), project };
}

/**
 * Atlas answers "not found" both for a key that does not exist and for one not assigned to the
 * project; the second is a conflict with the current state, and is said as such.
 */
async function notAssigned(ctx: Context, error: unknown, kind: AssignmentChange, orgId: string, apiKeyId: string, projectId: string): Promise<unknown> {
  if (kind === 'assign' || !(error instanceof NotFoundError)) return error;
  const key = await readKey(ctx, orgId, apiKeyId).catch(() => null);
  if (key === null) return error;
  if (key === undefined) return new NotFoundError(`No API key ${apiKeyId} in organization ${orgId}.`, { cause: error.cause });
  const conflict = new ConflictError(
    kind === 'unassign'
      ? `API key ${apiKeyId} is not assigned to project ${projectId}: there is nothing to unassign.`
      : `API key ${apiKeyId} is not assigned to project ${projectId}: assign it with assignApiKeyToProject.`,
    { cause: error.cause },
  );
  return conflict;
}

/** The project a new project credential (a key, a service account) goes into; see assignmentProject for callers whose token names organizations. */
export async function projectToCreateIn(ctx: Context, projectId: string): Promise<Project> {
  const orgs = scopedOrganizations(ctx.caller, 'write');
  if (orgs === undefined) {
    const project = await upstream(() => ctx.loaders.project.load({ id: projectId }), 'input.projectId');
    requireWrite(ctx, project.orgId);
    return project;
  }
  const project = orgs.length === 0 ? undefined : await upstream(() => projectAmong(ctx, orgs, projectId), 'input.projectId');
  if (!project) {
    await refuseVisibleProject(ctx, projectId);
    throw new NotFoundError(`No project ${projectId} in an organization this token may change.`);
  }
  return project;
}

/**
 * A project the caller may not change: forbidden, as every other write, when its scopes let it
 * see the project (so saying so reveals nothing); "not found" stays the answer for projects it
 * may not even read.
 */
async function refuseVisibleProject(ctx: Context, projectId: string): Promise<void> {
  const readable = scopedOrganizations(ctx.caller, 'read');
  const seen =
    readable === undefined
      ? await upstream(() => ctx.loaders.project.load({ id: projectId }), 'input.projectId').catch(() => undefined)
      : readable.length === 0
        ? undefined
        : await upstream(() => projectAmong(ctx, readable, projectId), 'input.projectId');
  if (seen) requireWrite(ctx, seen.orgId);
}

function newProjectKeyInput(input: { projectId: string | number; description: string; roles: readonly string[] }) {
  return { projectId: atlasIdInput(input.projectId, 'Project', 'input.projectId'), description: descriptionInput(input.description), roles: rolesInput(input.roles) };
}

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedKeyRef,
    description: 'Creates an organization API key. The payload carries the private key: the only time it is shown.',
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    errors: mutationErrors('CreateApiKey'),
    authScopes: (_root, { input }) => ({ write: atlasIdInput(input.organizationId, 'Organization', 'input.organizationId') }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const orgId = atlasIdInput(input.organizationId, 'Organization', 'input.organizationId');
      const description = descriptionInput(input.description);
      const roles = rolesInput(input.roles);
      const created = await settledCreate(
        ctx,
        { orgId, lookFor: `described "${description}"`, what: 'Creating the key', matches: (key) => key.desc === description && sameSet(organizationRolesOf(key), roles) && !hasProjectRoles(key) },
        () => ctx.atlas.createApiKey(orgId, { description, roles }),
      );
      return { apiKey: refreshKey(ctx, orgId, created)!, privateKey: created.privateKey ?? '' };
    },
  }),
  updateApiKey: t.field({
    type: ApiKeyPayloadRef,
    description: "Changes a key's description and/or organization roles.",
    args: { input: t.arg({ type: UpdateApiKeyInput, required: true }) },
    errors: mutationErrors('UpdateApiKey'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.id, 'input.id').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(input.id, 'input.id');
      const description = input.description == null ? undefined : descriptionInput(input.description);
      const roles = input.roles == null ? undefined : rolesInput(input.roles);
      if (description === undefined && roles === undefined) throw new ValidationError('Give a description, roles or both.', 'input');
      let settledKey: ApiKey | undefined;
      try {
        const result = await settledWrite(() => ctx.atlas.updateApiKey(orgId, apiKeyId, { description, roles }), {
          what: 'Updating the key',
          field: 'input',
          settle: async () => {
            settledKey = await existingKey(ctx, orgId, apiKeyId);
            return (description === undefined || settledKey.desc === description) && (roles === undefined || sameSet(organizationRolesOf(settledKey), roles));
          },
          unknown: () => ({
            mayHaveHappened: `Key ${apiKeyId} may have been given the new ${[description !== undefined && 'description', roles !== undefined && 'organization roles'].filter(Boolean).join(' and ')}.`,
            check: 'Read the key to see whether it has the new values, and send the change again only if it does not.',
            apiKeys: [{ orgId, apiKeyId }],
          }),
        });
        return { apiKey: refreshKey(ctx, orgId, result.answered ? result.value : settledKey)! };
      } catch (error) {
        refreshKey(ctx, orgId, undefined, apiKeyId);
        throw error;
      }
    },
  }),
  deleteApiKey: t.field({
    type: DeletedKeyRef,
    description: 'Deletes a key from its organization and from every project it is assigned to.',
    args: { input: t.arg({ type: ApiKeyIdInput, required: true }) },
    errors: mutationErrors('DeleteApiKey'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.id, 'input.id').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(input.id, 'input.id');
      // Its public key, while it still exists (a read this request or the shared reads hold costs nothing): Atlas names deleted keys by it.
      const publicKey = await ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId)).then(
        (key) => key.publicKey,
        () => null,
      );
      try {
        await settledWrite(() => ctx.atlas.deleteApiKey(orgId, apiKeyId), {
          what: 'Deleting the key',
          field: 'input.id',
          settle: async () => (await readKey(ctx, orgId, apiKeyId)) === undefined,
          unknown: () => ({
            mayHaveHappened: `Key ${apiKeyId} may have been deleted.`,
            check: 'Read the key: NOT_FOUND means it was deleted; send the deletion again only if it is still there.',
            apiKeys: [{ orgId, apiKeyId }],
          }),
        });
      } finally {
        refreshKey(ctx, orgId, undefined, apiKeyId);
      }
      return { apiKeyId, orgId, publicKey };
    },
  }),
  createProjectApiKey: t.field({
    type: CreatedProjectKeyRef,
    description: 'Creates an organization key and assigns it to a project in one call. The payload carries the private key, once.',
    args: { input: t.arg({ type: CreateProjectApiKeyInput, required: true }) },
    errors: mutationErrors('CreateProjectApiKey'),
    // The project's organization, found as a caller whose token names organizations may find it
    // (NOT_FOUND elsewhere), once the whole input is known to be good: bad input costs no lookup.
    authScopes: async (_root, { input }, ctx) => ({ write: (await projectToCreateIn(ctx, newProjectKeyInput(input).projectId)).orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { projectId, description, roles } = newProjectKeyInput(input);
      const project = await projectToCreateIn(ctx, projectId);
      const orgId = project.orgId;
      const created = await settledCreate(
        ctx,
        {
          orgId,
          lookFor: `described "${description}"`,
          what: 'Creating the project key',
          matches: (key) =>
            key.desc === description && sameSet(projectRolesOf(key, projectId), roles) && key.roles.every((r) => r.groupId === undefined || r.groupId === projectId),
        },
        () => ctx.atlas.createProjectApiKey(projectId, { description, roles }),
      );
      // The project call answers with this project's roles only: read the key as its org sees it.
      refreshKey(ctx, orgId, undefined, created.id);
      return { apiKey: { ...created, orgId, privateKey: maskPrivateKey(created.privateKey) ?? undefined, listedInProject: projectId }, privateKey: created.privateKey ?? '', project };
    },
  }),
  assignApiKeyToProject: t.field({
    type: ProjectKeyPayloadRef,
    description: "Assigns an organization key to a project of the same organization with the given roles (Atlas: POST; Ops Manager: PATCH).",
    args: { input: t.arg({ type: ProjectRolesInput, required: true }) },
    errors: mutationErrors('AssignApiKeyToProject'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.apiKeyId, 'input.apiKeyId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: (_root, { input }, ctx) => {
      const roles = rolesInput(input.roles);
      return changeAssignment(ctx, input, 'assign', roles, (projectId, apiKeyId) => ctx.atlas.assignApiKeyToProject(projectId, apiKeyId, roles));
    },
  }),
  setProjectApiKeyRoles: t.field({
    type: ProjectKeyPayloadRef,
    description: "Replaces a key's roles in a project it is assigned to.",
    args: { input: t.arg({ type: ProjectRolesInput, required: true }) },
    errors: mutationErrors('SetProjectApiKeyRoles'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.apiKeyId, 'input.apiKeyId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: (_root, { input }, ctx) => {
      const roles = rolesInput(input.roles);
      return changeAssignment(ctx, input, 'setRoles', roles, (projectId, apiKeyId) => ctx.atlas.updateProjectApiKeyRoles(projectId, apiKeyId, roles));
    },
  }),
  unassignApiKeyFromProject: t.field({
    type: ProjectKeyPayloadRef,
    description: 'Takes a key out of a project. The key stays in its organization (deleteApiKey removes it everywhere).',
    args: { input: t.arg({ type: UnassignInput, required: true }) },
    errors: mutationErrors('UnassignApiKeyFromProject'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.apiKeyId, 'input.apiKeyId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: (_root, { input }, ctx) =>
      changeAssignment(ctx, input, 'unassign', [], (projectId, apiKeyId) => ctx.atlas.unassignApiKeyFromProject(projectId, apiKeyId)),
  }),
}));
