/** AccessListEntry: an address or CIDR block allowed to use an API key, with its usage. */
import type { AccessListEntry } from '../atlas/index.js';
import { type KeyAccessListEntry, apiKeyRef } from '../loaders.js';
import { ApiKeyRef } from './api-key.js';
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
