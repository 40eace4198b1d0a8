/**
 * Federation: Organization, Project, ApiKey and ServiceAccount are entities other subgraphs can
 * reference and extend. Each is keyed by what another service knows of it: its Atlas id (a key, or
 * a service account's client id, also by its organization's Atlas id, which every REST path of
 * theirs needs), or its global id. References
 * are resolved through the loaders, so N references cost what a list of N would cost.
 *
 * A reference resolver never throws: a malformed or key-less representation rejects its own
 * item (BAD_USER_INPUT at its index of `_entities`), and the others resolve as usual.
 */
import { apiKeyRef } from './loaders.js';
import { ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { atlasId, clientIdField, objectIdArg } from './ids.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef, readableProject } from './project.js';
import { requireScope } from './scopes.js';
import { ServiceAccountRef, accountRef } from './service-account.js';

builder.objectField(ApiKeyRef, 'organizationAtlasId', (t) =>
  t.exposeString('orgId', { description: 'The 24-hexadecimal Atlas id of the organization the key belongs to.' }),
);
builder.objectField(ServiceAccountRef, 'organizationAtlasId', (t) =>
  t.exposeString('orgId', { description: 'The 24-hexadecimal Atlas id of the organization the account belongs to.' }),
);

/** A key field of a representation, as a string; anything else is the representation's own error. */
function keyField(ref: object, field: string): string | undefined {
  const value = (ref as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badUserInput(`${field} must be a string.`, field);
  return value;
}

/** The Atlas id a representation names by `atlasId` or by global `id`. */
function referencedId(ref: object, typename: 'Organization' | 'Project'): string {
  const id = keyField(ref, 'atlasId') ?? mapDefined(keyField(ref, 'id'), (globalId) => objectIdArg(globalId, typename, 'id').parts[0]!);
  if (id === undefined) throw badUserInput(`A ${typename} representation needs one of its keys: atlasId or id.`, 'representations');
  return atlasId(id, 'atlasId');
}

const mapDefined = <T, R>(value: T | undefined, map: (value: T) => R): R | undefined => (value === undefined ? undefined : map(value));

builder.asEntity(OrganizationRef, {
  key: [builder.selection<{ atlasId: string }>('atlasId'), builder.selection<{ id: string }>('id')],
  resolveReference: async (ref, ctx) => {
    const id = referencedId(ref, 'Organization');
    requireScope(ctx.caller, 'read', id);
    return ctx.loaders.organization.load(id);
  },
});

builder.asEntity(ProjectRef, {
  key: [builder.selection<{ atlasId: string }>('atlasId'), builder.selection<{ id: string }>('id')],
  resolveReference: async (ref, ctx) => readableProject(ctx, referencedId(ref, 'Project')),
});

builder.asEntity(ApiKeyRef, {
  key: [builder.selection<{ organizationAtlasId: string; atlasId: string }>('organizationAtlasId atlasId'), builder.selection<{ id: string }>('id')],
  resolveReference: async (ref, ctx) => {
    const globalId = keyField(ref, 'id');
    const keyId = keyField(ref, 'atlasId');
    const orgField = keyField(ref, 'organizationAtlasId');
    let orgId: string;
    let apiKeyId: string;
    if (keyId !== undefined && orgField !== undefined) [orgId, apiKeyId] = [orgField, keyId];
    else if (globalId !== undefined) [orgId, apiKeyId] = objectIdArg(globalId, 'ApiKey', 'id').parts as [string, string];
    else throw badUserInput('An ApiKey representation needs one of its keys: organizationAtlasId and atlasId, or id.', 'representations');
    requireScope(ctx.caller, 'read', atlasId(orgId, 'organizationAtlasId'));
    return ctx.loaders.apiKey.load(apiKeyRef(orgId, atlasId(apiKeyId, 'atlasId')));
  },
});

builder.asEntity(ServiceAccountRef, {
  key: [builder.selection<{ organizationAtlasId: string; clientId: string }>('organizationAtlasId clientId'), builder.selection<{ id: string }>('id')],
  resolveReference: async (ref, ctx) => {
    const globalId = keyField(ref, 'id');
    const clientId = keyField(ref, 'clientId');
    const orgField = keyField(ref, 'organizationAtlasId');
    let orgId: string;
    let account: string;
    if (clientId !== undefined && orgField !== undefined) [orgId, account] = [atlasId(orgField, 'organizationAtlasId'), clientIdField(clientId, 'clientId')];
    else if (globalId !== undefined) [orgId, account] = objectIdArg(globalId, 'ServiceAccount', 'id').parts as [string, string];
    else throw badUserInput('A ServiceAccount representation needs one of its keys: organizationAtlasId and clientId, or id.', 'representations');
    requireScope(ctx.caller, 'read', orgId);
    return ctx.loaders.serviceAccount.load(accountRef(orgId, account));
  },
});
