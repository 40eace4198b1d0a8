/** AccessListEntry: an address or CIDR block allowed to use an API key, with its usage. */
import { type AccessListEntry, fetchAllPages, isNotFound } from '../atlas/index.js';
import { type KeyAccessListEntry, apiKeyRef, withParent } from './loaders.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { readBack, refreshKey } from './api-key-mutations.js';
import { type AccessListTarget, addEntries, removeEntry, requestedEntries } from './access-list-changes.js';
import { accessEntryInput, apiKeyIdInput, presentedAddress } from './inputs.js';
import { NotFoundError, mutationErrors, writeRefusal } from './mutation-errors.js';
import type { Context } from './context.js';
import { requireScope } from './scopes.js';
import { builder } from './builder.js';
import { atlasConnection, totalCountField } from './connections.js';
import { connectionCost } from './cost.js';
import { nodeIdParts } from './ids.js';
import { DateTimeScalar } from './scalars.js';

export const AccessListEntryRef = builder.objectRef<KeyAccessListEntry>('AccessListEntry');

/** The path id of an entry: the bare address for single addresses, else the CIDR block (IPv6 in RFC 5952 form). */
export const entryId = (entry: AccessListEntry): string => presentedAddress(entry.ipAddress ?? entry.cidrBlock ?? '');

const presented = (text: string | undefined): string | null => (text === undefined ? null : presentedAddress(text));

builder.node(AccessListEntryRef, {
  description: "An entry of an API key's access list: the key may be used only from listed addresses.",
  id: { resolve: (entry) => `${entry.orgId}:${entry.apiKeyId}:${entryId(entry)}`, description: 'Global id of the entry; it carries the key and the organization.' },
  loadOne: async (id, ctx) => {
    // Every part is checked (the address too) before it goes into a REST path.
    const [orgId = '', apiKeyId = '', value = ''] = nodeIdParts('AccessListEntry', id);
    requireScope(ctx.caller, 'read', orgId);
    const entry = await ctx.atlas.getAccessListEntry(orgId, apiKeyId, value);
    return withParent(entry, { orgId, apiKeyId });
  },
  fields: (t) => ({
    ipAddress: t.string({ nullable: true, description: 'The address, when the entry is a single address (IPv6 in RFC 5952 form).', resolve: (e) => presented(e.ipAddress) }),
    cidrBlock: t.string({
      nullable: true,
      description: 'The entry as a CIDR block (a single IPv4 address shows as /32; IPv6 in RFC 5952 form).',
      resolve: (e) => presented(e.cidrBlock),
    }),
    count: t.int({ description: 'Requests made from lastUsedAddress through this entry (0 until it is used).', resolve: (e) => e.count ?? 0 }),
    created: t.field({ type: DateTimeScalar, nullable: true, description: 'When the entry was added.', resolve: (e) => e.created ?? null }),
    lastUsed: t.field({ type: DateTimeScalar, nullable: true, description: 'When the key was last used through this entry.', resolve: (e) => e.lastUsed ?? null }),
    lastUsedAddress: t.string({ nullable: true, description: 'The address of the last request through this entry.', resolve: (e) => presented(e.lastUsedAddress) }),
    apiKey: t.field({
      type: ApiKeyRef,
      description: 'The key the entry belongs to.',
      resolve: (e, _args, ctx) => ctx.loaders.apiKey.load(apiKeyRef(e.orgId, e.apiKeyId)),
    }),
  }),
});

builder.objectFields(ApiKeyRef, (t) => ({
  accessList: t.connection(
    {
      type: AccessListEntryRef,
      description: "The key's IP access list. An empty list lets the key be used from anywhere unless the organization requires one.",
      complexity: connectionCost(),
      resolve: (key, args, ctx) =>
        atlasConnection(ctx.loaders, 'accessList', apiKeyRef(key.orgId, key.id), args, (entry: AccessListEntry) =>
          withParent(entry, { orgId: key.orgId, apiKeyId: key.id }),
        ),
    },
    { name: 'AccessListEntryConnection', description: 'A page of access list entries.', fields: totalCountField('entries') },
    { name: 'AccessListEntryEdge', description: 'An access list entry in a page.' },
  ),
}));

// --- mutations -----------------------------------------------------------------------------

interface AddedEntries {
  apiKey: ApiKeyModel | null;
  added: string[];
  duplicates: string[];
  warning?: string;
}

const keyAfterChange = 'The key; its accessList shows the change. Null only when reading it back failed (see warning).';
const warningField = 'Set when the change was made but reading the key back failed (apiKey is then null).';

const AddEntriesPayloadRef = builder.objectRef<AddedEntries>('AddAccessListEntriesPayload').implement({
  description: 'Entries added to a key\'s access list; entries it already had are reported, not added again.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, nullable: true, description: keyAfterChange, resolve: (p) => p.apiKey }),
    added: t.exposeStringList('added', { description: 'The entries added, in canonical form (a CIDR block on its network address, a /32 or /128 as the bare address, IPv6 in RFC 5952 form).' }),
    duplicates: t.exposeStringList('duplicates', { description: 'Entries the list already had, in canonical form; nothing was done for them.' }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

const RemovedEntryPayloadRef = builder.objectRef<{ apiKey: ApiKeyModel | null; removed: string; warning?: string }>('RemoveAccessListEntryPayload').implement({
  description: "An entry removed from a key's access list.",
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, nullable: true, description: keyAfterChange, resolve: (p) => p.apiKey }),
    removed: t.exposeString('removed', { description: 'The removed entry, in canonical form.' }),
    warning: t.string({ nullable: true, description: warningField, resolve: (p) => p.warning ?? null }),
  }),
});

/** A key's access list, as the mutations change it (access-list-changes.ts). */
function keyAccessList(ctx: Context, orgId: string, apiKeyId: string): AccessListTarget {
  return {
    name: `key ${apiKeyId}`,
    field: 'input.apiKeyId',
    list: async () => {
      try {
        return await fetchAllPages((page) => ctx.atlas.listAccessListEntries(orgId, apiKeyId, page));
      } catch (error) {
        if (isNotFound(error)) throw new NotFoundError(`No API key ${apiKeyId} in organization ${orgId}: nothing was changed.`);
        throw error;
      }
    },
    add: (entries) => ctx.atlas.addAccessListEntries(orgId, apiKeyId, entries),
    remove: (value) => ctx.atlas.deleteAccessListEntry(orgId, apiKeyId, value),
    refs: { apiKeys: [{ orgId, apiKeyId }] },
  };
}

const AddEntriesInput = builder.inputType('AddAccessListEntriesInput', {
  description: "Addresses or CIDR blocks (IPv4 or IPv6) to allow on a key's access list.",
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
    entries: t.stringList({ required: true, description: 'Each an address (203.0.113.7, 2001:db8::7) or a CIDR block (198.51.100.0/24); 1 to 100 of them.' }),
  }),
});

const RemoveEntryInput = builder.inputType('RemoveAccessListEntryInput', {
  description: "An entry to remove from a key's access list.",
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: "The key: its ApiKey.id (an Atlas key id alone does not say the key's organization)." }),
    entry: t.string({ required: true, description: 'The address or CIDR block to remove.' }),
  }),
});

builder.mutationFields((t) => ({
  addAccessListEntries: t.field({
    type: AddEntriesPayloadRef,
    description: "Adds addresses or CIDR blocks to a key's access list in one upstream call; entries already listed are reported as duplicates.",
    args: { input: t.arg({ type: AddEntriesInput, required: true }) },
    errors: mutationErrors('AddAccessListEntries'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.apiKeyId, 'input.apiKeyId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(input.apiKeyId, 'input.apiKeyId');
      const requested = requestedEntries(input.entries, 'input.entries');
      const target = keyAccessList(ctx, orgId, apiKeyId);
      let changed: { added: string[]; duplicates: string[] };
      try {
        changed = await addEntries(target, requested, 'input.entries');
      } finally {
        refreshKey(ctx, orgId, undefined, apiKeyId);
      }
      return { ...(await readBack(ctx, orgId, apiKeyId)), ...changed };
    },
  }),
  removeAccessListEntry: t.field({
    type: RemovedEntryPayloadRef,
    description: "Removes an address or CIDR block from a key's access list.",
    args: { input: t.arg({ type: RemoveEntryInput, required: true }) },
    errors: mutationErrors('RemoveAccessListEntry'),
    authScopes: (_root, { input }) => ({ write: apiKeyIdInput(input.apiKeyId, 'input.apiKeyId').orgId }),
    unauthorizedError: writeRefusal,
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(input.apiKeyId, 'input.apiKeyId');
      const entry = accessEntryInput(input.entry, 'input.entry');
      try {
        await removeEntry(keyAccessList(ctx, orgId, apiKeyId), entry, 'input.entry');
      } finally {
        refreshKey(ctx, orgId, undefined, apiKeyId);
      }
      return { ...(await readBack(ctx, orgId, apiKeyId)), removed: entry.value };
    },
  }),
}));
