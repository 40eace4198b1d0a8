/** AccessListEntry: an address or CIDR block allowed to use an API key, with its usage. */
import { type AccessListEntry, AtlasApiError, fetchAllPages } from '../atlas/index.js';
import { type KeyAccessListEntry, apiKeyRef } from '../loaders.js';
import { type ApiKeyModel, ApiKeyRef } from './api-key.js';
import { refreshKey } from './api-key-mutations.js';
import { type CanonicalEntry, accessEntryInput, apiKeyIdInput, canonicalOf } from './inputs.js';
import { ValidationError, mutationErrors, requireWrite, typedUpstreamError, upstream } from './mutation-errors.js';
import { requireScope } from '../auth.js';
import { builder } from './builder.js';
import { atlasConnection, totalCountField } from './connections.js';
import { badUserInput } from './errors.js';
import { DateTimeScalar } from './scalars.js';

export const AccessListEntryRef = builder.objectRef<KeyAccessListEntry>('AccessListEntry');

/** The path id of an entry: the bare address for single addresses, else the CIDR block. */
export const entryId = (entry: AccessListEntry): string => entry.ipAddress ?? entry.cidrBlock ?? '';

const ENTRY_REF = /^([a-f0-9]{24}):([a-f0-9]{24}):(.+)$/;

builder.node(AccessListEntryRef, {
  description: "An entry of an API key's access list: the key may be used only from listed addresses.",
  id: { resolve: (entry) => `${entry.orgId}:${entry.apiKeyId}:${entryId(entry)}`, description: 'Global id of the entry; it carries the key and the organization.' },
  loadOne: async (id, ctx) => {
    const match = ENTRY_REF.exec(id);
    if (!match) throw badUserInput('id is not the global id of an access list entry.', 'id');
    const [, orgId, apiKeyId, value] = match as unknown as [string, string, string, string];
    requireScope(ctx.caller, 'read', orgId);
    const entry = await ctx.atlas.getAccessListEntry(orgId, apiKeyId, value);
    return { ...entry, orgId, apiKeyId };
  },
  fields: (t) => ({
    ipAddress: t.string({ nullable: true, description: 'The address, when the entry is a single address.', resolve: (e) => e.ipAddress ?? null }),
    cidrBlock: t.string({
      nullable: true,
      description: 'The entry as a CIDR block (a single IPv4 address shows as /32).',
      resolve: (e) => e.cidrBlock ?? null,
    }),
    count: t.int({ description: 'Requests made from lastUsedAddress through this entry (0 until it is used).', resolve: (e) => e.count ?? 0 }),
    created: t.field({ type: DateTimeScalar, nullable: true, description: 'When the entry was added.', resolve: (e) => e.created ?? null }),
    lastUsed: t.field({ type: DateTimeScalar, nullable: true, description: 'When the key was last used through this entry.', resolve: (e) => e.lastUsed ?? null }),
    lastUsedAddress: t.string({ nullable: true, description: 'The address of the last request through this entry.', resolve: (e) => e.lastUsedAddress ?? null }),
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
      resolve: (key, args, ctx) =>
        atlasConnection(ctx.loaders, 'accessList', apiKeyRef(key.orgId, key.id), args, (entry: AccessListEntry) => ({
          ...entry,
          orgId: key.orgId,
          apiKeyId: key.id,
        })),
    },
    { name: 'AccessListEntryConnection', description: 'A page of access list entries.', fields: totalCountField('entries') },
    { name: 'AccessListEntryEdge', description: 'An access list entry in a page.' },
  ),
}));

// --- mutations -----------------------------------------------------------------------------

interface AddedEntries {
  apiKey: ApiKeyModel;
  added: string[];
  duplicates: string[];
}

const AddEntriesPayloadRef = builder.objectRef<AddedEntries>('AddAccessListEntriesPayload').implement({
  description: 'Entries added to a key\'s access list; entries it already had are reported, not added again.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The key; its accessList now holds the entries.', resolve: (p) => p.apiKey }),
    added: t.exposeStringList('added', { description: 'The entries added, in canonical form (a CIDR block on its network address, a /32 or /128 as the bare address).' }),
    duplicates: t.exposeStringList('duplicates', { description: 'Entries the list already had, in canonical form; nothing was done for them.' }),
  }),
});

const RemovedEntryPayloadRef = builder.objectRef<{ apiKey: ApiKeyModel; removed: string }>('RemoveAccessListEntryPayload').implement({
  description: "An entry removed from a key's access list.",
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The key.', resolve: (p) => p.apiKey }),
    removed: t.exposeString('removed', { description: 'The removed entry, in canonical form.' }),
  }),
});

const AddEntriesInput = builder.inputType('AddAccessListEntriesInput', {
  description: "Addresses or CIDR blocks (IPv4 or IPv6) to allow on a key's access list.",
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: 'Global id of the key.' }),
    entries: t.stringList({ required: true, description: 'Each an address (203.0.113.7, 2001:db8::7) or a CIDR block (198.51.100.0/24); 1 to 100 of them.' }),
  }),
});

const RemoveEntryInput = builder.inputType('RemoveAccessListEntryInput', {
  description: "An entry to remove from a key's access list.",
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: 'Global id of the key.' }),
    entry: t.string({ required: true, description: 'The address or CIDR block to remove.' }),
  }),
});

const MAX_ENTRIES_PER_CALL = 100;

builder.mutationFields((t) => ({
  addAccessListEntries: t.field({
    type: AddEntriesPayloadRef,
    description: "Adds addresses or CIDR blocks to a key's access list in one upstream call; entries already listed are reported as duplicates.",
    args: { input: t.arg({ type: AddEntriesInput, required: true }) },
    errors: mutationErrors('AddAccessListEntries'),
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(String(input.apiKeyId), 'input.apiKeyId');
      requireWrite(ctx, orgId);
      if (input.entries.length === 0 || input.entries.length > MAX_ENTRIES_PER_CALL) {
        throw new ValidationError(`Give 1 to ${MAX_ENTRIES_PER_CALL} entries.`, 'input.entries');
      }
      const requested = input.entries.map((entry, i) => accessEntryInput(entry, `input.entries[${i}]`));
      const existing = new Set(
        (await upstream(() => fetchAllPages((page) => ctx.atlas.listAccessListEntries(orgId, apiKeyId, page)), 'input.apiKeyId')).map(canonicalOf),
      );
      const fresh = new Map<string, CanonicalEntry>();
      const duplicates: string[] = [];
      for (const entry of requested) {
        if (existing.has(entry.value) || fresh.has(entry.value)) duplicates.push(entry.value);
        else fresh.set(entry.value, entry);
      }
      const added: string[] = [];
      if (fresh.size > 0) {
        try {
          await ctx.atlas.addAccessListEntries(orgId, apiKeyId, [...fresh.values()].map((e) => e.body));
          added.push(...fresh.keys());
        } catch (error) {
          // Someone added one of them meanwhile: add one by one, so the rest still goes in.
          if (!(error instanceof AtlasApiError) || error.status !== 409) throw typedUpstreamError(error, 'input.entries');
          for (const entry of fresh.values()) {
            try {
              await ctx.atlas.addAccessListEntries(orgId, apiKeyId, [entry.body]);
              added.push(entry.value);
            } catch (single) {
              if (!(single instanceof AtlasApiError) || single.status !== 409) throw typedUpstreamError(single, 'input.entries');
              duplicates.push(entry.value);
            }
          }
        }
      }
      refreshKey(ctx, orgId, undefined, apiKeyId);
      return { apiKey: await ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId)), added, duplicates };
    },
  }),
  removeAccessListEntry: t.field({
    type: RemovedEntryPayloadRef,
    description: "Removes an address or CIDR block from a key's access list.",
    args: { input: t.arg({ type: RemoveEntryInput, required: true }) },
    errors: mutationErrors('RemoveAccessListEntry'),
    resolve: async (_root, { input }, ctx) => {
      const { orgId, apiKeyId } = apiKeyIdInput(String(input.apiKeyId), 'input.apiKeyId');
      const entry = accessEntryInput(input.entry, 'input.entry');
      requireWrite(ctx, orgId);
      await upstream(() => ctx.atlas.deleteAccessListEntry(orgId, apiKeyId, entry.value), 'input.entry');
      refreshKey(ctx, orgId, undefined, apiKeyId);
      return { apiKey: await ctx.loaders.apiKey.load(apiKeyRef(orgId, apiKeyId)), removed: entry.value };
    },
  }),
}));
