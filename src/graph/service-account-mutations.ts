/**
 * Changes to service accounts, with the three outcomes of every mutation (write-outcome.ts): done,
 * not done (a typed error; retrying is safe), or outcome unknown. A create and a new secret are the
 * only answers that show a secret: when one is lost, what Atlas made is found and deleted again
 * (not done), or named (outcome unknown); a secret is never left behind unreported, nor cached.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { AtlasResponseError, type Project, type ServiceAccount, type ServiceAccountInput, type ServiceAccountSecret, fetchAllPages, isNotFound, settlingCalls } from '../atlas/index.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { type OrgServiceAccount, apiKeyRef, withParent } from './loaders.js';
import { type AccessListTarget, addEntries, removeEntry, requestedEntries } from './access-list-changes.js';
import { MAX_DESCRIPTION, SECRET_HOURS, accessEntryInput, accountTextInput, atlasIdInput, rolesInput, secretHoursInput, serviceAccountIdInput } from './inputs.js';
import { ConflictError, NotFoundError, ValidationError, afterChanges, mutationErrors, requireUpstreamOperation, upstream, writeRefusal } from './mutation-errors.js';
import { assignmentProject, projectToCreateIn } from './api-key-mutations.js';
import { ProjectRef } from './project.js';
import { OrganizationRoleEnum, ProjectRoleEnum } from './roles.js';
import { DateTimeScalar } from './scalars.js';
import { ServiceAccountRef, ServiceAccountSecretRef, accountRef, secretExpired } from './service-account.js';
import { type CreatedCredentials, type DeletionOutcome, deleteSettled, sameSet, settledCreate, settledWrite } from './write-outcome.js';

export const MAX_NAME = 64;

/** Later selections of the request read the account afresh; `account`, when known, is what Atlas now has. */
export function refreshAccount(ctx: Context, orgId: string, clientId: string, account?: ServiceAccount): OrgServiceAccount | undefined {
  ctx.loaders.clearPages();
  ctx.loaders.serviceAccount.clear(accountRef(orgId, clientId));
  ctx.loaders.serviceAccountProjects.clear(accountRef(orgId, clientId));
  ctx.loaders.wholeServiceAccountAccessList.clear(accountRef(orgId, clientId));
  if (!account) return undefined;
  const model = keptAccount(account, orgId);
  ctx.loaders.serviceAccount.prime(accountRef(orgId, clientId), model);
  return model;
}

/** An account as the graph keeps it: never a secret's value, even for one request. */
const keptAccount = (account: ServiceAccount, orgId: string, listedInProject?: string): OrgServiceAccount =>
  withParent({ ...account, secrets: account.secrets.map(({ secret: _secret, ...rest }) => rest) }, { orgId, ...(listedInProject ? { listedInProject } : {}) });

/** The account after a change, read again; the change is made whatever this read does. */
export async function readBackAccount(ctx: Context, orgId: string, clientId: string, known?: ServiceAccount): Promise<{ serviceAccount: OrgServiceAccount | null; warning?: string }> {
  if (known) return { serviceAccount: refreshAccount(ctx, orgId, clientId, known)! };
  refreshAccount(ctx, orgId, clientId);
  try {
    return { serviceAccount: await ctx.loaders.serviceAccount.load(accountRef(orgId, clientId)) };
  } catch {
    return { serviceAccount: null, warning: 'The change was made, but reading the service account back failed: read it again to see it.' };
  }
}

/** An account read straight from Atlas: undefined when Atlas says it does not exist. */
async function readAccount(ctx: Context, orgId: string, clientId: string): Promise<ServiceAccount | undefined> {
  try {
    return await ctx.atlas.getServiceAccount(orgId, clientId);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function existingAccount(ctx: Context, orgId: string, clientId: string): Promise<ServiceAccount> {
  const account = await readAccount(ctx, orgId, clientId);
  if (!account) throw new NotFoundError(`No service account ${clientId} in organization ${orgId}: nothing was changed.`);
  return account;
}

/**
 * A secret lifetime within what the organization allows (`maxServiceAccountSecretValidityInHours`,
 * read with its settings); when the settings cannot be read, Atlas decides, and its refusal is the
 * typed ValidationError.
 */
export async function allowedLifetime(ctx: Context, orgId: string, hours: number, field: string): Promise<number> {
  secretHoursInput(hours, field);
  const cap = await ctx.loaders.organizationSettings.load(orgId).then(
    (settings) => settings.maxServiceAccountSecretValidityInHours,
    () => undefined,
  );
  if (cap !== undefined && hours > cap) {
    throw new ValidationError(`Organization ${orgId} allows secrets of at most ${cap} hours (its maxServiceAccountSecretValidityInHours).`, field);
  }
  return hours;
}

/** Deletes an account once and finds out whether it is gone. */
const deleteAccountSettled = (ctx: Context, orgId: string, clientId: string): Promise<DeletionOutcome> =>
  deleteSettled(
    () => ctx.atlas.deleteServiceAccount(orgId, clientId),
    async () => (await readAccount(ctx, orgId, clientId)) !== undefined,
  );

/** The id of a client id: its ObjectId, which carries when the account was made. */
const objectIdOf = (clientId: string): string => clientId.replace(/^mdb_sa_id_/, '');

/**
 * Creates an account once, with its first secret; a lost answer is settled as every create's is
 * (the account found by what it would have had, and deleted again, or named).
 */
export async function createAccount(ctx: Context, orgId: string, input: ServiceAccountInput, projectId?: string): Promise<{ account: ServiceAccount; secret: NewSecret }> {
  const { name, description, roles } = input;
  const account = await settledCreate(
    ctx,
    {
      orgId,
      lookFor: `named "${name}"`,
      what: projectId ? 'Creating the project service account' : 'Creating the service account',
      // Made in a project, it is listed in its organization as an Organization Member: its roles are the project's.
      matches: (found) => found.name === name && found.description === description && (projectId !== undefined || sameSet(found.roles, roles)),
    },
    async () => {
      const created = projectId ? await ctx.atlas.createProjectServiceAccount(projectId, input) : await ctx.atlas.createServiceAccount(orgId, input);
      // An answer without the secret is as good as lost: settled (the account deleted again) as one.
      if (!created.secrets.some((s) => s.secret)) {
        const [operation, path] = projectId ? ['createGroupServiceAccount', `/groups/${projectId}/serviceAccounts`] : ['createOrgServiceAccount', `/orgs/${orgId}/serviceAccounts`];
        throw new AtlasResponseError(operation, path, 'the answer shows no secret');
      }
      return created;
    },
    createdAccounts(ctx),
  );
  return { account, secret: { ...account.secrets.find((s) => s.secret)!, orgId, clientId: account.clientId } };
}

/** Service accounts, as a lost create leaves them behind. */
function createdAccounts(ctx: Context): CreatedCredentials<ServiceAccount> {
  return {
    noun: 'service account',
    secretNoun: 'secret',
    list: (orgId) => fetchAllPages((page) => ctx.atlas.listServiceAccounts(orgId, { pageNum: page.pageNum, itemsPerPage: page.itemsPerPage })),
    objectId: (account) => objectIdOf(account.clientId),
    name: (account) => `service account ${account.clientId}`,
    remove: (orgId, account) => deleteAccountSettled(ctx, orgId, account.clientId),
    refs: (orgId, accounts) => ({ serviceAccounts: accounts.map((account) => ({ orgId, clientId: account.clientId })) }),
  };
}

/** What Atlas leaves of an older secret's life when a new secret is made. */
const SHORTENED_LIFE_MS = 7 * 86_400_000;

/** The secrets of one account, as a lost "new secret" leaves them behind: found among the account's, deleted again. */
function createdSecrets(ctx: Context, clientId: string, before: ServiceAccount): CreatedCredentials<ServiceAccountSecret> {
  // Atlas shortens the older secrets' life to at most 7 days: a change only for those that had longer.
  const shortened = before.secrets.some((s) => Date.parse(s.expiresAt) - Date.now() > SHORTENED_LIFE_MS);
  return {
    noun: 'secret',
    secretNoun: 'value',
    list: async (orgId) => (await ctx.atlas.getServiceAccount(orgId, clientId)).secrets,
    objectId: (secret) => secret.id,
    name: (secret) => `secret ${secret.id} of service account ${clientId}`,
    remove: (orgId, secret) =>
      deleteSettled(
        () => ctx.atlas.deleteServiceAccountSecret(orgId, clientId, secret.id),
        async () => (await ctx.atlas.getServiceAccount(orgId, clientId)).secrets.some((s) => s.id === secret.id),
      ),
    refs: (orgId) => ({ serviceAccounts: [{ orgId, clientId }] }),
    ...(shortened ? { aftermath: "Making it shortened the older secrets' remaining life to at most 7 days: see their expiresAt." } : {}),
  };
}

/** A service account's access list, as the mutations change it (access-list-changes.ts). */
export function accountAccessList(ctx: Context, orgId: string, clientId: string): AccessListTarget {
  return {
    name: `service account ${clientId}`,
    field: 'input.serviceAccountId',
    list: async () => {
      try {
        return await fetchAllPages((page) => ctx.atlas.listServiceAccountAccessList(orgId, clientId, page));
      } catch (error) {
        if (isNotFound(error)) throw new NotFoundError(`No service account ${clientId} in organization ${orgId}: nothing was changed.`);
        throw error;
      }
    },
    add: (entries) => ctx.atlas.addServiceAccountAccessListEntries(orgId, clientId, entries),
    remove: (value) => ctx.atlas.deleteServiceAccountAccessListEntry(orgId, clientId, value),
    refs: { serviceAccounts: [{ orgId, clientId }] },
  };
}

/** The account's roles in a project, read fresh from its assignments; undefined when it is not assigned there. */
async function rolesInProject(ctx: Context, orgId: string, clientId: string, projectId: string): Promise<string[] | undefined> {
  const assigned = await fetchAllPages((page) => ctx.atlas.listServiceAccountProjects(orgId, clientId, { pageNum: page.pageNum, itemsPerPage: page.itemsPerPage }));
  return assigned.find((a) => a.groupId === projectId)?.roles;
}

/** A project of the account's organization (Atlas assigns only there), looked for as a key's is (see assignmentProject). */
const projectOfAccount = (ctx: Context, orgId: string, projectId: string) =>
  assignmentProject(ctx, orgId, projectId, { noun: 'service account', field: 'input.serviceAccountId' });

/** The account read fresh before a change to its secrets: a lost answer's secret is then told from every other for sure. */
const accountBefore = (ctx: Context, orgId: string, clientId: string): Promise<ServiceAccount> =>
  upstream(() => settlingCalls(() => existingAccount(ctx, orgId, clientId)), 'input.serviceAccountId');

/** A new secret, made once; a lost answer's secret is found among the account's (not in `before`) and deleted again. */
async function makeSecret(ctx: Context, orgId: string, clientId: string, hours: number, before: ServiceAccount): Promise<NewSecret> {
  const made = await settledCreate(
    ctx,
    { orgId, lookFor: `on service account ${clientId}`, what: 'Making the secret', exclude: before.secrets.map((s) => s.id), matches: () => true },
    async () => {
      const made = await ctx.atlas.createServiceAccountSecret(orgId, clientId, hours);
      if (!made.secret) throw new AtlasResponseError('createOrgServiceAccountSecret', `/orgs/${orgId}/serviceAccounts/${clientId}/secrets`, 'the answer shows no secret');
      return made;
    },
    createdSecrets(ctx, clientId, before),
  ).finally(() => refreshAccount(ctx, orgId, clientId));
  return { ...made, orgId, clientId };
}

/** How many secrets Atlas lets an account hold (its documented limit, which the simulator enforces). */
export const SECRETS_PER_ACCOUNT = 2;

/** Deletes a secret that no longer works, settled when the answer is lost. */
async function deleteExpiredSecret(ctx: Context, orgId: string, clientId: string, secretId: string): Promise<void> {
  await settledWrite(() => ctx.atlas.deleteServiceAccountSecret(orgId, clientId, secretId), {
    what: 'Deleting the expired secret',
    field: 'input.serviceAccountId',
    settle: async () => !(await existingAccount(ctx, orgId, clientId)).secrets.some((s) => s.id === secretId),
    unknown: () => ({
      mayHaveHappened: `Expired secret ${secretId} of service account ${clientId} may have been deleted; no new secret was made.`,
      check: "Read the account's secrets, then rotate again.",
      serviceAccounts: [{ orgId, clientId }],
    }),
  });
}

// --- payloads ------------------------------------------------------------------------------------

/** A secret just made, with its value, and the account it belongs to. */
export type NewSecret = ServiceAccountSecret & { orgId: string; clientId: string };

/** A secret with its value: in the payload that made it, and nowhere else. */
export const NewSecretRef = builder.objectRef<NewSecret>('NewServiceAccountSecret').implement({
  description: 'A secret just made, with its value: shown here once, never again. Store it now, with its clientId.',
  fields: (t) => ({
    atlasId: t.exposeString('id', { description: 'The 24-hexadecimal Atlas id of the secret.' }),
    clientId: t.exposeString('clientId', { description: "The client id of the account it belongs to: with the value, what obtains tokens (known even when the payload's account could not be read back)." }),
    serviceAccountId: t.id({ description: 'The global id of the account it belongs to (its ServiceAccount.id).', resolve: (s) => encodeGlobalID('ServiceAccount', apiKeyRef(s.orgId, s.clientId)) }),
    value: t.string({ description: 'The secret itself (`mdb_sa_sk_…`): what obtains access tokens, with the client id.', resolve: (s) => s.secret ?? '' }),
    createdAt: t.field({ type: DateTimeScalar, description: 'When it was made.', resolve: (s) => s.createdAt }),
    expiresAt: t.field({ type: DateTimeScalar, description: 'When it stops working.', resolve: (s) => s.expiresAt }),
  }),
});

interface AccountPayload {
  serviceAccount: OrgServiceAccount | null;
  warning?: string;
}

const warningField = 'Set when the change was made but reading the account back failed (serviceAccount is then null).';

const CreatedProjectAccountRef = builder.objectRef<{ serviceAccount: OrgServiceAccount; secret: NewSecret; project: Project }>('CreateProjectServiceAccountPayload').implement({
  description: "A new service account made in a project (and so a member of the project's organization), and its first secret, whose value is shown here only.",
  fields: (t) => ({
    serviceAccount: t.field({
      type: ServiceAccountRef,
      nullable: true,
      description: 'The new account, with its roles in the project (its organization roles and other projects read as the organization sees it); null only if loading a selected field of it failed: the secret is still below.',
      resolve: (p) => p.serviceAccount,
    }),
    secret: t.field({ type: NewSecretRef, description: 'Its first secret, with its value: the only time it is shown.', resolve: (p) => p.secret }),
    project: t.field({ type: ProjectRef, nullable: true, description: 'The project it was made in (null only if loading a selected field of it failed).', resolve: (p) => p.project }),
  }),
});

const CreatedAccountRef = builder.objectRef<{ serviceAccount: OrgServiceAccount; secret: NewSecret }>('CreateServiceAccountPayload').implement({
  description: 'A new service account and its first secret, whose value is shown here only.',
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The new account (null only if loading a selected field of it failed; the secret is still below).', resolve: (p) => p.serviceAccount }),
    secret: t.field({ type: NewSecretRef, description: 'Its first secret, with its value: the only time it is shown.', resolve: (p) => p.secret }),
  }),
});

const AccountPayloadRef = builder.objectRef<AccountPayload>('ServiceAccountPayload').implement({
  description: 'A service account after a change.',
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The account as Atlas now has it; null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const NewSecretPayloadRef = builder.objectRef<AccountPayload & { secret: NewSecret }>('AddServiceAccountSecretPayload').implement({
  description: "A new secret of a service account, with its value (shown here only). Atlas shortens the older secrets' remaining life to at most 7 days: see their expiresAt.",
  fields: (t) => ({
    secret: t.field({ type: NewSecretRef, description: 'The new secret, with its value: the only time it is shown.', resolve: (p) => p.secret }),
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The account with all its secrets now; null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const DeletedAccountRef = builder.objectRef<{ orgId: string; clientId: string }>('DeleteServiceAccountPayload').implement({
  description: 'A deleted service account: its secrets and tokens no longer work.',
  fields: (t) => ({
    deletedServiceAccountId: t.id({ description: 'The global id the account had.', resolve: (p) => encodeGlobalID('ServiceAccount', accountRef(p.orgId, p.clientId)) }),
    clientId: t.exposeString('clientId', { description: 'Its client id, as Atlas events and logs name it.' }),
  }),
});

// --- inputs --------------------------------------------------------------------------------------

const CreateInput = builder.inputType('CreateServiceAccountInput', {
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'The organization: its Organization.id (or its Organization.atlasId).' }),
    name: t.string({ required: true, description: `1 to ${MAX_NAME} letters, digits, spaces and - _ . , '.` }),
    description: t.string({ required: true, description: `1 to ${MAX_DESCRIPTION} of the same characters.` }),
    roles: t.field({ type: [OrganizationRoleEnum], required: true, description: 'Its organization roles (at least one).' }),
    secretExpiresAfterHours: t.int({
      required: true,
      description: `How long its first secret works: ${SECRET_HOURS.min} to ${SECRET_HOURS.max} hours, and at most what the organization allows (maxServiceAccountSecretValidityInHours).`,
    }),
  }),
});

const CreateProjectInput = builder.inputType('CreateProjectServiceAccountInput', {
  fields: (t) => ({
    projectId: t.id({ required: true, description: 'The project: its Project.id (or its Project.atlasId).' }),
    name: t.string({ required: true, description: `1 to ${MAX_NAME} letters, digits, spaces and - _ . , '.` }),
    description: t.string({ required: true, description: `1 to ${MAX_DESCRIPTION} of the same characters.` }),
    roles: t.field({ type: [ProjectRoleEnum], required: true, description: 'Its roles in the project (at least one).' }),
    secretExpiresAfterHours: t.int({
      required: true,
      description: `How long its first secret works: ${SECRET_HOURS.min} to ${SECRET_HOURS.max} hours, and at most what the organization allows (maxServiceAccountSecretValidityInHours).`,
    }),
  }),
});

const UpdateInput = builder.inputType('UpdateServiceAccountInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    name: t.string({ required: false, description: 'A new name.' }),
    description: t.string({ required: false, description: 'A new description.' }),
    roles: t.field({ type: [OrganizationRoleEnum], required: false, description: 'The new organization roles (at least one); project roles are not touched.' }),
  }),
});

const AccountIdInput = builder.inputType('ServiceAccountIdInput', {
  fields: (t) => ({ id: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }) }),
});

const AddSecretInput = builder.inputType('AddServiceAccountSecretInput', {
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    expiresAfterHours: t.int({ required: true, description: `How long the secret works: ${SECRET_HOURS.min} to ${SECRET_HOURS.max} hours, and at most what the organization allows.` }),
  }),
});

const DeleteSecretInput = builder.inputType('DeleteServiceAccountSecretInput', {
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    secretId: t.string({ required: true, description: 'The secret: its ServiceAccountSecret.atlasId.' }),
  }),
});

const SECRET_ID = /^[a-f0-9]{24}$/;

const RotateSecretInput = builder.inputType('RotateServiceAccountSecretInput', {
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    expiresAfterHours: t.int({ required: true, description: `How long the new secret works: ${SECRET_HOURS.min} to ${SECRET_HOURS.max} hours, and at most what the organization allows.` }),
  }),
});

interface RotatedSecret extends AccountPayload {
  secret: NewSecret;
  previousSecrets: ServiceAccountSecret[];
  removedExpiredSecretIds: string[];
}

const RotatedSecretPayloadRef = builder.objectRef<RotatedSecret>('RotateServiceAccountSecretPayload').implement({
  description:
    'A new secret beside the ones that still work: no workload is locked out. Move every workload to the new secret, then delete the previous ones (deleteServiceAccountSecret), or let them expire.',
  fields: (t) => ({
    secret: t.field({ type: NewSecretRef, description: 'The new secret, with its value: the only time it is shown.', resolve: (p) => p.secret }),
    previousSecrets: t.field({
      type: [ServiceAccountSecretRef],
      description: 'The secrets that still work beside it, with when each stops: making the new one shortened their remaining life to at most 7 days.',
      resolve: (p) => p.previousSecrets,
    }),
    previousSecretsWorkUntil: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: 'When the last previous secret stops working: the deadline to move every workload to the new secret. Null when none still works.',
      resolve: (p) => p.previousSecrets.map((s) => s.expiresAt).sort().at(-1) ?? null,
    }),
    removedExpiredSecretIds: t.stringList({
      description: `Expired secrets deleted to make room (Atlas allows ${SECRETS_PER_ACCOUNT} per account); they could no longer obtain a token.`,
      resolve: (p) => p.removedExpiredSecretIds,
    }),
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The account with its secrets now; null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const AddEntriesInput = builder.inputType('AddServiceAccountAccessListEntriesInput', {
  description: "Addresses or CIDR blocks (IPv4 or IPv6) to allow on a service account's access list.",
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    entries: t.stringList({ required: true, description: 'Each an address (203.0.113.7, 2001:db8::7) or a CIDR block (198.51.100.0/24); 1 to 100 of them.' }),
  }),
});

const RemoveEntryInput = builder.inputType('RemoveServiceAccountAccessListEntryInput', {
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    entry: t.string({ required: true, description: 'The address or CIDR block to remove.' }),
  }),
});

const ProjectRolesInput = builder.inputType('ServiceAccountProjectRolesInput', {
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    projectId: t.id({ required: true, description: "A project of the account's organization: its Project.id (or its Project.atlasId)." }),
    roles: t.field({ type: [ProjectRoleEnum], required: true, description: 'Its roles in the project (at least one).' }),
  }),
});

const UnassignInput = builder.inputType('UnassignServiceAccountFromProjectInput', {
  fields: (t) => ({
    serviceAccountId: t.id({ required: true, description: 'The account: its ServiceAccount.id.' }),
    projectId: t.id({ required: true, description: 'The project: its Project.id (or its Project.atlasId).' }),
  }),
});

const EntriesPayloadRef = builder.objectRef<AccountPayload & { added: string[]; duplicates: string[] }>('AddServiceAccountAccessListEntriesPayload').implement({
  description: "Entries added to a service account's access list; entries it already had are reported, not added again.",
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The account; its accessList shows the change. Null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    added: t.exposeStringList('added', { description: 'The entries added, in canonical form.' }),
    duplicates: t.exposeStringList('duplicates', { description: 'Entries the list already had, in canonical form; nothing was done for them.' }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const RemovedEntryPayloadRef = builder.objectRef<AccountPayload & { removed: string }>('RemoveServiceAccountAccessListEntryPayload').implement({
  description: "An entry removed from a service account's access list.",
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The account; null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    removed: t.exposeString('removed', { description: 'The removed entry, in canonical form.' }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const AssignmentPayloadRef = builder.objectRef<AccountPayload & { project: Project }>('ServiceAccountProjectPayload').implement({
  description: "A service account's assignment to a project after a change.",
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, nullable: true, description: 'The account; its projectAssignments show the change. Null only when reading it back failed (see warning).', resolve: (p) => p.serviceAccount }),
    project: t.field({ type: ProjectRef, description: 'The project.', resolve: (p) => p.project }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

/** A project create's input, every field checked: bad input is refused before any lookup. */
function newProjectAccountInput(input: { projectId: string | number; name: string; description: string; roles: readonly string[]; secretExpiresAfterHours: number }) {
  const projectId = atlasIdInput(input.projectId, 'Project', 'input.projectId');
  const name = accountTextInput(input.name, 'input.name', MAX_NAME);
  const description = accountTextInput(input.description, 'input.description', MAX_DESCRIPTION);
  const roles = rolesInput(input.roles);
  secretHoursInput(input.secretExpiresAfterHours, 'input.secretExpiresAfterHours');
  return { projectId, name, description, roles };
}

export type AssignmentChange = 'assign' | 'setRoles' | 'unassign';

/**
 * A change of an account's assignment to a project, once: settled by reading its assignments when
 * the answer is lost. Assigning an assigned account, or changing or removing one that is not
 * assigned, is a ConflictError, found by that read before the write (Atlas' errors for them are not documented).
 */
async function changeAssignment(ctx: Context, input: { serviceAccountId: string | number; projectId: string | number }, kind: AssignmentChange, roles: string[]) {
  const { orgId, clientId } = serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId');
  const projectId = atlasIdInput(input.projectId, 'Project', 'input.projectId');
  requireUpstreamOperation(ctx, 'getOrgServiceAccountGroups', `/orgs/${orgId}/serviceAccounts/${clientId}/groups`);
  const project = await projectOfAccount(ctx, orgId, projectId);
  const before = await upstream(() => rolesInProject(ctx, orgId, clientId, projectId), 'input.serviceAccountId');
  if (kind === 'assign' && before) throw new ConflictError(`Service account ${clientId} is already assigned to project ${projectId}: change its roles with setServiceAccountProjectRoles.`);
  if (kind !== 'assign' && !before) throw new ConflictError(`Service account ${clientId} is not assigned to project ${projectId}${kind === 'unassign' ? ': there is nothing to unassign' : ': assign it with assignServiceAccountToProject'}.`);
  try {
    await writeAssignment(ctx, orgId, clientId, projectId, kind, roles);
  } finally {
    refreshAccount(ctx, orgId, clientId);
  }
  return { ...(await readBackAccount(ctx, orgId, clientId)), project };
}

/** One change of an account's assignment to a project, sent once and settled by reading its assignments when the answer is lost. */
export async function writeAssignment(ctx: Context, orgId: string, clientId: string, projectId: string, kind: AssignmentChange, roles: string[]): Promise<void> {
  const words = { assign: 'Assigning the service account', setRoles: "Changing the service account's roles", unassign: 'Unassigning the service account' }[kind];
  await settledWrite<unknown>(
    () =>
      kind === 'assign'
        ? ctx.atlas.assignServiceAccountToProject(projectId, clientId, roles)
        : kind === 'setRoles'
          ? ctx.atlas.updateProjectServiceAccount(projectId, clientId, { roles })
          : ctx.atlas.unassignServiceAccountFromProject(projectId, clientId),
    {
      what: words,
      field: 'input',
      settle: async () => {
        const now = await rolesInProject(ctx, orgId, clientId, projectId);
        return kind === 'unassign' ? now === undefined : now !== undefined && sameSet(now, roles);
      },
      unknown: () => ({
        mayHaveHappened: `${words} to project ${projectId} may have been done.`,
        check: `Read the account's projectAssignments to see its roles in project ${projectId}, and send the change again only if they are not as wanted.`,
        serviceAccounts: [{ orgId, clientId }],
      }),
    },
  );
}

// --- mutations -----------------------------------------------------------------------------------

builder.mutationFields((t) => ({
  createServiceAccount: t.field({
    type: CreatedAccountRef,
    description: 'Creates a service account of an organization, with its first secret: the payload carries the secret, the only time it is shown. Atlas v2 only.',
    args: { input: t.arg({ type: CreateInput, required: true }) },
    errors: mutationErrors('CreateServiceAccount'),
    authScopes: (_root, { input }) => ({ write: atlasIdInput(input.organizationId, 'Organization', 'input.organizationId') }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const orgId = atlasIdInput(input.organizationId, 'Organization', 'input.organizationId');
      const name = accountTextInput(input.name, 'input.name', MAX_NAME);
      const description = accountTextInput(input.description, 'input.description', MAX_DESCRIPTION);
      const roles = rolesInput(input.roles);
      const hours = await allowedLifetime(ctx, orgId, input.secretExpiresAfterHours, 'input.secretExpiresAfterHours');
      const { account, secret } = await createAccount(ctx, orgId, { name, description, roles, secretExpiresAfterHours: hours });
      return { serviceAccount: refreshAccount(ctx, orgId, account.clientId, account)!, secret };
    },
  }),
  createProjectServiceAccount: t.field({
    type: CreatedProjectAccountRef,
    description:
      "Creates a service account in a project, with its roles there and its first secret: Atlas makes it a member of the project's organization too. What a Project Owner without organization roles can do. The payload carries the secret, the only time it is shown. Atlas v2 only.",
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    errors: mutationErrors('CreateProjectServiceAccount'),
    // The project's organization, found once the whole input is known to be good: bad input costs no lookup.
    authScopes: async (_root, { input }, ctx) => {
      const { projectId } = newProjectAccountInput(input);
      // A flavor without service accounts refuses it before the project is looked up.
      requireUpstreamOperation(ctx, 'createGroupServiceAccount', `/groups/${projectId}/serviceAccounts`);
      return { write: (await projectToCreateIn(ctx, projectId)).orgId };
    },
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { projectId, name, description, roles } = newProjectAccountInput(input);
      const project = await projectToCreateIn(ctx, projectId);
      const orgId = project.orgId;
      const hours = await allowedLifetime(ctx, orgId, input.secretExpiresAfterHours, 'input.secretExpiresAfterHours');
      const { account, secret } = await createAccount(ctx, orgId, { name, description, roles, secretExpiresAfterHours: hours }, projectId);
      // The project's view of it (its roles there): the organization's view is read when selected.
      refreshAccount(ctx, orgId, account.clientId);
      return { serviceAccount: keptAccount(account, orgId, projectId), secret, project };
    },
  }),
  updateServiceAccount: t.field({
    type: AccountPayloadRef,
    description: "Changes a service account's name, description and/or organization roles.",
    args: { input: t.arg({ type: UpdateInput, required: true }) },
    errors: mutationErrors('UpdateServiceAccount'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.id, 'input.id').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.id, 'input.id');
      const name = input.name == null ? undefined : accountTextInput(input.name, 'input.name', MAX_NAME);
      const description = input.description == null ? undefined : accountTextInput(input.description, 'input.description', MAX_DESCRIPTION);
      const roles = input.roles == null ? undefined : rolesInput(input.roles);
      if (name === undefined && description === undefined && roles === undefined) throw new ValidationError('Give a name, a description, roles, or several.', 'input');
      let settled: ServiceAccount | undefined;
      const result = await settledWrite(() => ctx.atlas.updateServiceAccount(orgId, clientId, { name, description, roles }), {
        what: 'Updating the service account',
        field: 'input',
        settle: async () => {
          settled = await existingAccount(ctx, orgId, clientId);
          return (name === undefined || settled.name === name) && (description === undefined || settled.description === description) && (roles === undefined || sameSet(settled.roles, roles));
        },
        unknown: () => ({
          mayHaveHappened: `Service account ${clientId} may have been changed.`,
          check: 'Read the account to see whether it has the new values, and send the change again only if it does not.',
          serviceAccounts: [{ orgId, clientId }],
        }),
      }).catch((error: unknown) => {
        refreshAccount(ctx, orgId, clientId);
        throw error;
      });
      return readBackAccount(ctx, orgId, clientId, result.answered ? result.value : settled);
    },
  }),
  deleteServiceAccount: t.field({
    type: DeletedAccountRef,
    description: 'Deletes a service account from its organization and every project: its secrets and access tokens stop working.',
    args: { input: t.arg({ type: AccountIdInput, required: true }) },
    errors: mutationErrors('DeleteServiceAccount'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.id, 'input.id').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.id, 'input.id');
      try {
        await settledWrite(() => ctx.atlas.deleteServiceAccount(orgId, clientId), {
          what: 'Deleting the service account',
          field: 'input.id',
          settle: async () => (await readAccount(ctx, orgId, clientId)) === undefined,
          unknown: () => ({
            mayHaveHappened: `Service account ${clientId} may have been deleted.`,
            check: 'Read the account: NOT_FOUND means it was deleted; send the deletion again only if it is still there.',
            serviceAccounts: [{ orgId, clientId }],
          }),
        });
      } finally {
        refreshAccount(ctx, orgId, clientId);
      }
      return { orgId, clientId };
    },
  }),
  addServiceAccountSecret: t.field({
    type: NewSecretPayloadRef,
    description:
      "Makes a new secret for a service account: the payload carries its value, the only time it is shown. Atlas then shortens the older secrets' remaining life to at most 7 days; delete them with deleteServiceAccountSecret once nothing uses them.",
    args: { input: t.arg({ type: AddSecretInput, required: true }) },
    errors: mutationErrors('AddServiceAccountSecret'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId');
      const hours = await allowedLifetime(ctx, orgId, input.expiresAfterHours, 'input.expiresAfterHours');
      const before = await accountBefore(ctx, orgId, clientId);
      const secret = await makeSecret(ctx, orgId, clientId, hours, before);
      return { secret, ...(await readBackAccount(ctx, orgId, clientId)) };
    },
  }),
  rotateServiceAccountSecret: t.field({
    type: RotatedSecretPayloadRef,
    description:
      'Rotates a service account\'s secret without locking any workload out: a new secret is made first, the previous ones keep working (Atlas shortens them to at most 7 days) until you delete them, and the answer says until when. Expired secrets are deleted first when the account holds the most Atlas allows; if it holds that many working ones, nothing is done (ConflictError).',
    args: { input: t.arg({ type: RotateSecretInput, required: true }) },
    errors: mutationErrors('RotateServiceAccountSecret'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId');
      const hours = await allowedLifetime(ctx, orgId, input.expiresAfterHours, 'input.expiresAfterHours');
      let before = await accountBefore(ctx, orgId, clientId);
      const now = Date.now();
      const working = before.secrets.filter((s) => !secretExpired(s, now));
      if (working.length >= SECRETS_PER_ACCOUNT) {
        const until = working.map((s) => `${s.id} (expires ${s.expiresAt})`).join(' and ');
        throw new ConflictError(`Service account ${clientId} has ${working.length} working secrets, the most Atlas allows: ${until}. Delete the one no workload uses (deleteServiceAccountSecret), then rotate. Nothing was changed.`);
      }
      const removedExpiredSecretIds: string[] = [];
      const made: string[] = [];
      const room = SECRETS_PER_ACCOUNT - 1;
      const secret = await afterChanges(made, async () => {
        for (const expired of before.secrets.filter((s) => secretExpired(s, now)).slice(0, Math.max(0, before.secrets.length - room))) {
          await deleteExpiredSecret(ctx, orgId, clientId, expired.id);
          removedExpiredSecretIds.push(expired.id);
          made.push(`Expired secret ${expired.id} of service account ${clientId} was deleted to make room (it could no longer obtain a token).`);
        }
        if (removedExpiredSecretIds.length > 0) before = await accountBefore(ctx, orgId, clientId);
        return makeSecret(ctx, orgId, clientId, hours, before);
      });
      const after = await readBackAccount(ctx, orgId, clientId);
      const previousIds = new Set(working.map((s) => s.id));
      // As Atlas has them now (shortened); when the account could not be read back, from before,
      // with Atlas' shortening to at most 7 days after the new secret applied.
      const shortened = new Date(Date.parse(secret.createdAt) + 7 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const previousSecrets = (after.serviceAccount?.secrets ?? working.map((s) => (Date.parse(s.expiresAt) > Date.parse(shortened) ? { ...s, expiresAt: shortened } : s))).filter(
        (s) => previousIds.has(s.id) && !secretExpired(s),
      );
      return { secret, previousSecrets, removedExpiredSecretIds, ...after };
    },
  }),
  addServiceAccountAccessListEntries: t.field({
    type: EntriesPayloadRef,
    description: "Adds addresses or CIDR blocks to a service account's access list in one upstream call; entries already listed are reported as duplicates.",
    args: { input: t.arg({ type: AddEntriesInput, required: true }) },
    errors: mutationErrors('AddServiceAccountAccessListEntries'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId');
      const requested = requestedEntries(input.entries, 'input.entries');
      let changed: { added: string[]; duplicates: string[] };
      try {
        changed = await addEntries(accountAccessList(ctx, orgId, clientId), requested, 'input.entries');
      } finally {
        refreshAccount(ctx, orgId, clientId);
      }
      return { ...(await readBackAccount(ctx, orgId, clientId)), ...changed };
    },
  }),
  removeServiceAccountAccessListEntry: t.field({
    type: RemovedEntryPayloadRef,
    description: "Removes an address or CIDR block from a service account's access list.",
    args: { input: t.arg({ type: RemoveEntryInput, required: true }) },
    errors: mutationErrors('RemoveServiceAccountAccessListEntry'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId');
      const entry = accessEntryInput(input.entry, 'input.entry');
      try {
        await removeEntry(accountAccessList(ctx, orgId, clientId), entry, 'input.entry');
      } finally {
        refreshAccount(ctx, orgId, clientId);
      }
      return { ...(await readBackAccount(ctx, orgId, clientId)), removed: entry.value };
    },
  }),
  assignServiceAccountToProject: t.field({
    type: AssignmentPayloadRef,
    description: 'Assigns a service account to a project of its organization with the given roles (Atlas: Organization Owner).',
    args: { input: t.arg({ type: ProjectRolesInput, required: true }) },
    errors: mutationErrors('AssignServiceAccountToProject'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: (_root, { input }, ctx) => changeAssignment(ctx, input, 'assign', rolesInput(input.roles)),
  }),
  setServiceAccountProjectRoles: t.field({
    type: AssignmentPayloadRef,
    description: "Replaces a service account's roles in a project it is assigned to.",
    args: { input: t.arg({ type: ProjectRolesInput, required: true }) },
    errors: mutationErrors('SetServiceAccountProjectRoles'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: (_root, { input }, ctx) => changeAssignment(ctx, input, 'setRoles', rolesInput(input.roles)),
  }),
  unassignServiceAccountFromProject: t.field({
    type: AssignmentPayloadRef,
    description: 'Takes a service account out of a project. It stays in its organization, its secrets valid (deleteServiceAccount removes it everywhere).',
    args: { input: t.arg({ type: UnassignInput, required: true }) },
    errors: mutationErrors('UnassignServiceAccountFromProject'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: (_root, { input }, ctx) => changeAssignment(ctx, input, 'unassign', []),
  }),
  deleteServiceAccountSecret: t.field({
    type: AccountPayloadRef,
    description: 'Deletes a secret of a service account: it obtains no more access tokens (tokens it obtained work until they expire).',
    args: { input: t.arg({ type: DeleteSecretInput, required: true }) },
    errors: mutationErrors('DeleteServiceAccountSecret'),
    authScopes: (_root, { input }) => ({ write: serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, clientId } = serviceAccountIdInput(input.serviceAccountId, 'input.serviceAccountId');
      if (!SECRET_ID.test(input.secretId)) throw new ValidationError('secretId takes a secret\'s atlasId: 24 hexadecimal characters.', 'input.secretId');
      let settled: ServiceAccount | undefined;
      try {
        await settledWrite(() => ctx.atlas.deleteServiceAccountSecret(orgId, clientId, input.secretId), {
          what: 'Deleting the secret',
          field: 'input.secretId',
          settle: async () => {
            settled = await existingAccount(ctx, orgId, clientId);
            return !settled.secrets.some((s) => s.id === input.secretId);
          },
          unknown: () => ({
            mayHaveHappened: `Secret ${input.secretId} of service account ${clientId} may have been deleted.`,
            check: "Read the account's secrets: send the deletion again only if the secret is still there.",
            serviceAccounts: [{ orgId, clientId }],
          }),
        });
      } catch (error) {
        refreshAccount(ctx, orgId, clientId);
        throw error;
      }
      return readBackAccount(ctx, orgId, clientId, settled);
    },
  }),
}));
