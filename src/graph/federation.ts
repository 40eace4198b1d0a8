/**
 * Federation: Organization, Project and ApiKey are entities other subgraphs can reference and
 * extend. Each is keyed by what another service knows of it: its Atlas id (a key also by its
 * organization's Atlas id, which every REST path of a key needs), or its global id. References
 * are resolved through the loaders, so N references cost what a list of N would cost.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { apiKeyRef, splitKeyRef } from '../loaders.js';
import { ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { atlasId } from './ids.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef, readableProject } from './project.js';
import { requireScope } from '../auth.js';

builder.objectField(ApiKeyRef, 'organizationAtlasId', (t) =>
  t.exposeString('orgId', { description: 'The 24-hexadecimal Atlas id of the organization the key belongs to.' }),
);

/** The Atlas id inside a global id of `typename`. */
function fromGlobalId(globalId: string, typename: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename) return decoded.id;
  } catch {
    // reported below
  }
  throw badUserInput(`${globalId} is not the global id of a ${typename}.`, 'id');
}

builder.asEntity(OrganizationRef, {
  key: [builder.selection<{ atlasId: string }>('atlasId'), builder.selection<{ id: string }>('id')],
  resolveReference: (ref, ctx) => {
    const id = atlasId('atlasId' in ref ? ref.atlasId : fromGlobalId(ref.id, 'Organization'), 'atlasId');
    requireScope(ctx.caller, 'read', id);
    return ctx.loaders.organization.load(id);
  },
});

builder.asEntity(ProjectRef, {
  key: [builder.selection<{ atlasId: string }>('atlasId'), builder.selection<{ id: string }>('id')],
  resolveReference: (ref, ctx) => {
    const id = 'atlasId' in ref ? ref.atlasId : fromGlobalId(ref.id, 'Project');
    return readableProject(ctx, atlasId(id, 'atlasId'));
  },
});

builder.asEntity(ApiKeyRef, {
  key: [builder.selection<{ organizationAtlasId: string; atlasId: string }>('organizationAtlasId atlasId'), builder.selection<{ id: string }>('id')],
  resolveReference: (ref, ctx) => {
    const [orgId, keyId] = 'atlasId' in ref ? [ref.organizationAtlasId, ref.atlasId] : splitKeyRef(fromGlobalId(ref.id, 'ApiKey'));
    requireScope(ctx.caller, 'read', atlasId(orgId, 'organizationAtlasId'));
    return ctx.loaders.apiKey.load(apiKeyRef(orgId, atlasId(keyId, 'atlasId')));
  },
});
