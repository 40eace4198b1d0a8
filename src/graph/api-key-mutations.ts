/**
 * Mutations of organization API keys and their project assignments. Every input is checked
 * before any upstream call; the private key appears only in the create payloads.
 */
import type { ApiKey, Project } from '../atlas/index.js';
import type { Context } from '../context.js';
import { apiKeyRef } from '../loaders.js';
import { type ApiKeyModel, ApiKeyRef, maskPrivateKey } from './api-key.js';
import { builder } from './builder.js';
import { apiKeyIdInput, atlasIdInput, descriptionInput, rolesInput } from './inputs.js';
import { ValidationError, mutationErrors, requireWrite, upstream } from './mutation-errors.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';
import { OrganizationRoleEnum, ProjectRoleEnum } from './roles.js';

/**
 * Keeps later selections of the same request fresh: lists are dropped, and the key's cache entry
 * is replaced by what Atlas returned, with the private key masked.
 */
export function refreshKey(ctx: Context, orgId: string, key: ApiKey | undefined, apiKeyId = key?.id): ApiKeyModel | undefined {
  ctx.loaders.clearPages();
  if (apiKeyId) ctx.loaders.apiKey.clear(apiKeyRef(orgId, apiKeyId));
  if (!key) return undefined;
  const masked: ApiKeyModel = { ...key, orgId, privateKey: maskPrivateKey(key.privateKey) ?? undefined };
  ctx.loaders.apiKey.prime(apiKeyRef(orgId, key.id), masked);
  return masked;
}

/** A key read again after a change that returned no body. */
async function reloadKey(ctx: Context, orgId: string, apiKeyId: string): Promise<ApiKeyModel> {
  refreshKey(ctx, orgId, undefined, apiKeyId);
  return ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId));
}

interface CreatedKey {
  apiKey: ApiKeyModel;
  privateKey: string;
  project?: Project;
}

const CreatedKeyRef = builder.objectRef<CreatedKey>('CreateApiKeyPayload').implement({
  description: 'A new key. Its private key is shown here once and never again: store it now.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The new key.', resolve: (p) => p.apiKey }),
    privateKey: t.exposeString('privateKey', { description: 'The private key in clear. Atlas never shows it again.' }),
  }),
});

const CreatedProjectKeyRef = builder.objectRef<CreatedKey & { project: Project }>('CreateProjectApiKeyPayload').implement({
  description: 'A new organization key assigned to a project. Its private key is shown here once.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The new key.', resolve: (p) => p.apiKey }),
    project: t.field({ type: ProjectRef, description: 'The project it was assigned to.', resolve: (p) => p.project }),
    privateKey: t.exposeString('privateKey', { description: 'The private key in clear. Atlas never shows it again.' }),
  }),
});

const ApiKeyPayloadRef = builder.objectRef<{ apiKey: ApiKeyModel }>('ApiKeyPayload').implement({
  description: 'The key after the change.',
  fields: (t) => ({ apiKey: t.field({ type: ApiKeyRef, description: 'The key as Atlas now has it.', resolve: (p) => p.apiKey }) }),
});

const ProjectKeyPayloadRef = builder.objectRef<{ apiKey: ApiKeyModel; project: Project }>('ProjectApiKeyPayload').implement({
  description: 'A key and a project after a change of the assignment.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The key as Atlas now has it.', resolve: (p) => p.apiKey }),
    project: t.field({ type: ProjectRef, description: 'The project.', resolve: (p) => p.project }),
  }),
});

const DeletedKeyRef = builder.objectRef<{ apiKeyId: string; orgId: string }>('DeleteApiKeyPayload').implement({
  description: 'A deleted key: it is gone from its organization and from every project it was assigned to.',
  fields: (t) => ({
    deletedApiKeyId: t.exposeID('apiKeyId', { description: 'Atlas id of the deleted key.' }),
    organization: t.field({ type: OrganizationRef, description: 'The organization it belonged to.', resolve: (p, _a, ctx) => ctx.loaders.organization.load(p.orgId) }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new organization API key.',
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'Atlas id of the organization.' }),
    description: t.string({ required: true, description: 'What the key is for (1 to 250 characters).' }),
    roles: t.field({ type: [OrganizationRoleEnum], required: true, description: 'Its organization roles (at least one).' }),
  }),
});

const UpdateApiKeyInput = builder.inputType('UpdateApiKeyInput', {
  description: "A change of a key's description or organization roles (the roles given replace the current ones).",
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global id of the key.' }),
    description: t.string({ required: false, description: 'The new description (1 to 250 characters).' }),
    roles: t.field({ type: [OrganizationRoleEnum], required: false, description: 'The new organization roles (at least one); project roles are not touched.' }),
  }),
});

const ApiKeyIdInput = builder.inputType('DeleteApiKeyInput', {
  description: 'The key to delete.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global id of the key.' }) }),
});

const CreateProjectApiKeyInput = builder.inputType('CreateProjectApiKeyInput', {
  description: 'A new organization key, assigned to a project in the same call.',
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'Atlas id of the project.' }),
    description: t.string({ required: true, description: 'What the key is for (1 to 250 characters).' }),
    roles: t.field({ type: [ProjectRoleEnum], required: true, description: 'Its roles in the project (at least one).' }),
  }),
});

const ProjectRolesInput = builder.inputType('ProjectApiKeyRolesInput', {
  description: 'A key, a project, and the roles the key is to have there.',
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'Atlas id of the project.' }),
    apiKeyId: t.id({ required: true, description: 'Global id of the key.' }),
    roles: t.field({ type: [ProjectRoleEnum], required: true, description: 'The roles (at least one).' }),
  }),
});

const UnassignInput = builder.inputType('UnassignApiKeyFromProjectInput', {
  description: 'A key to take out of a project; it stays in its organization.',
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'Atlas id of the project.' }),
    apiKeyId: t.id({ required: true, description: 'Global id of the key.' }),
  }),
});

/**
 * A change of a key's assignment to a project: ids checked, the project checked to belong to the
 * key's organization (Atlas requires it), the change made, and the key read back.
 */
async function changeAssignment(
  ctx: Context,
  input: { projectId: string | number; apiKeyId: string | number },
  change: (projectId: string, apiKeyId: string) => Promise<unknown>,
): Promise<{ apiKey: ApiKeyModel; project: Project }> {
  const projectId = atlasIdInput(String(input.projectId), 'input.projectId');
  const { orgId, apiKeyId } = apiKeyIdInput(String(input.apiKeyId), 'input.apiKeyId');
  requireWrite(ctx, orgId);
  const project = await upstream(() => ctx.loaders.project.load({ id: projectId }), 'input.projectId');
  if (project.orgId !== orgId) throw new ValidationError('The key and the project belong to different organizations.', 'input.apiKeyId');
  await upstream(() => change(projectId, apiKeyId));
  return { apiKey: await reloadKey(ctx, orgId, apiKeyId), project };
}

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedKeyRef,
    description: 'Creates an organization API key. The payload carries the private key: the only time it is shown.',
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    errors: mutationErrors('CreateApiKey'),
    resolve: async (_root, { input }, ctx) => {
      const orgId = atlasIdInput(String(input.organizationId), 'input.organizationId');
      const description = descriptionInput(input.description);
      const roles = rolesInput(input.roles);
      requireWrite(ctx, orgId);
      const created = await upstream(() => ctx.atlas.createApiKey(orgId, { description, roles }));
      return { apiKey: refreshKey(ctx, orgId, created)!, privateKey: created.privateKey ?? '' };
    },
  }),
  updateApiKey: t.field({
    type: ApiKeyPayloadRef,
    description: "Changes a key's description and/or organization roles.",
    args: { input: t.arg({ type: UpdateApiKeyInput, required: true }) },
    errors: mutationErrors('UpdateApiKey'),
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(String(input.id), 'input.id');
      const description = input.description == null ? undefined : descriptionInput(input.description);
      const roles = input.roles == null ? undefined : rolesInput(input.roles);
      if (description === undefined && roles === undefined) throw new ValidationError('Give a description, roles or both.', 'input');
      requireWrite(ctx, orgId);
      const updated = await upstream(() => ctx.atlas.updateApiKey(orgId, apiKeyId, { description, roles }));
      return { apiKey: refreshKey(ctx, orgId, updated)! };
    },
  }),
  deleteApiKey: t.field({
    type: DeletedKeyRef,
    description: 'Deletes a key from its organization and from every project it is assigned to.',
    args: { input: t.arg({ type: ApiKeyIdInput, required: true }) },
    errors: mutationErrors('DeleteApiKey'),
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(String(input.id), 'input.id');
      requireWrite(ctx, orgId);
      await upstream(() => ctx.atlas.deleteApiKey(orgId, apiKeyId));
      refreshKey(ctx, orgId, undefined, apiKeyId);
      return { apiKeyId, orgId };
    },
  }),
  createProjectApiKey: t.field({
    type: CreatedProjectKeyRef,
    description: 'Creates an organization key and assigns it to a project in one call. The payload carries the private key, once.',
    args: { input: t.arg({ type: CreateProjectApiKeyInput, required: true }) },
    errors: mutationErrors('CreateProjectApiKey'),
    resolve: async (_root, { input }, ctx) => {
      const projectId = atlasIdInput(String(input.projectId), 'input.projectId');
      const description = descriptionInput(input.description);
      const roles = rolesInput(input.roles);
      const project = await upstream(() => ctx.loaders.project.load({ id: projectId }), 'input.projectId');
      requireWrite(ctx, project.orgId);
      const created = await upstream(() => ctx.atlas.createProjectApiKey(projectId, { description, roles }));
      // The project call answers with this project's roles only: read the key as its org sees it.
      refreshKey(ctx, project.orgId, undefined, created.id);
      return { apiKey: { ...created, orgId: project.orgId, privateKey: maskPrivateKey(created.privateKey) ?? undefined, listedInProject: projectId }, privateKey: created.privateKey ?? '', project };
    },
  }),
  assignApiKeyToProject: t.field({
    type: ProjectKeyPayloadRef,
    description: "Assigns an organization key to a project of the same organization with the given roles (Atlas: POST; Ops Manager: PATCH).",
    args: { input: t.arg({ type: ProjectRolesInput, required: true }) },
    errors: mutationErrors('AssignApiKeyToProject'),
    resolve: (_root, { input }, ctx) => {
      const roles = rolesInput(input.roles);
      return changeAssignment(ctx, input, (projectId, apiKeyId) => ctx.atlas.assignApiKeyToProject(projectId, apiKeyId, roles));
    },
  }),
  setProjectApiKeyRoles: t.field({
    type: ProjectKeyPayloadRef,
    description: "Replaces a key's roles in a project it is assigned to.",
    args: { input: t.arg({ type: ProjectRolesInput, required: true }) },
    errors: mutationErrors('SetProjectApiKeyRoles'),
    resolve: (_root, { input }, ctx) => {
      const roles = rolesInput(input.roles);
      return changeAssignment(ctx, input, (projectId, apiKeyId) => ctx.atlas.updateProjectApiKeyRoles(projectId, apiKeyId, roles));
    },
  }),
  unassignApiKeyFromProject: t.field({
    type: ProjectKeyPayloadRef,
    description: 'Takes a key out of a project. The key stays in its organization (deleteApiKey removes it everywhere).',
    args: { input: t.arg({ type: UnassignInput, required: true }) },
    errors: mutationErrors('UnassignApiKeyFromProject'),
    resolve: (_root, { input }, ctx) =>
      changeAssignment(ctx, input, (projectId, apiKeyId) => ctx.atlas.unassignApiKeyFromProject(projectId, apiKeyId)),
  }),
}));
