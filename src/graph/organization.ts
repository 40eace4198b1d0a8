/** Organization: the node, its keys and projects, and the root queries that return it. */
import type { Organization } from '../atlas/index.js';
import { builder } from './builder.js';
import { atlasConnection, prefetchConnection, totalCountField } from './connections.js';
import { connectionCost } from './cost.js';
import { atlasId, objectIdArg } from './ids.js';
import type { Context } from './context.js';
import { prefetch, selectedChildren } from './prefetch.js';
import { EVERY_ORGANIZATION, requireScope } from './scopes.js';
import { accountsListing } from './loaders.js';

export const OrganizationRef = builder.objectRef<Organization>('Organization');

/**
 * Loads an Organization field (defined elsewhere) starts at once when `organization(id)` selects it,
 * in the same upstream wave as the organization itself: `organizationPrefetch('keyHygiene', ...)`.
 */
const PREFETCHES = new Map<string, (ctx: Context, orgId: string, args: Record<string, unknown>) => Promise<unknown>>();
export function organizationPrefetch(field: string, load: (ctx: Context, orgId: string, args: Record<string, unknown>) => Promise<unknown>): void {
  PREFETCHES.set(field, load);
}

/** The Atlas id of the organization an `id` argument names (BAD_USER_INPUT when it names none). */
const organizationArg = (id: string | number): string => objectIdArg(id, 'Organization', 'id').parts[0] ?? '';

builder.node(OrganizationRef, {
  description: 'An Atlas organization: it owns projects and programmatic API keys.',
  id: { resolve: (org) => org.id, description: 'Global id of the organization: what every argument that names it takes (organization, organizationId, node).' },
  loadOne: (id, ctx) => {
    requireScope(ctx.caller, 'read', atlasId(id, 'id'));
    return ctx.loaders.organization.load(id);
  },
  fields: (t) => ({
    atlasId: t.exposeString('id', { description: 'The 24-hexadecimal Atlas id of the organization.' }),
    name: t.exposeString('name', { description: 'Human-readable name of the organization.' }),
    isDeleted: t.boolean({ description: 'Whether the organization has been deleted.', resolve: (org) => org.isDeleted ?? false }),
  }),
});

builder.queryFields((t) => ({
  organizations: t.connection(
    {
      type: OrganizationRef,
      description: 'Organizations the credentials can see.',
      complexity: connectionCost(),
      authScopes: { read: EVERY_ORGANIZATION },
      resolve: (_root, args, ctx) => atlasConnection(ctx.loaders, 'organizations', '', args, (org: Organization) => org),
    },
    { name: 'OrganizationConnection', description: 'A page of organizations.', fields: totalCountField('organizations') },
    { name: 'OrganizationEdge', description: 'An organization in a page.' },
  ),
  organization: t.field({
    type: OrganizationRef,
    nullable: true,
    description: 'One organization; null, with a NOT_FOUND error, when there is none.',
    complexity: 1,
    args: { id: t.arg.id({ required: true, description: 'The organization: its Organization.id (or its Organization.atlasId).' }) },
    authScopes: (_root, args) => ({ read: organizationArg(args.id) }),
    resolve: (_root, args, ctx, info) => {
      const id = organizationArg(args.id);
      for (const child of selectedChildren(ctx, info)) {
        // A filtered or ordered list scans the organization instead of reading Atlas' pages.
        if (child.name === 'apiKeys' && !child.args.filter && !child.args.orderBy) prefetchConnection(ctx.loaders, 'organizationApiKeys', id, child.args);
        if (child.name === 'projects') prefetchConnection(ctx.loaders, 'organizationProjects', id, child.args);
        if (child.name === 'serviceAccounts') prefetchConnection(ctx.loaders, 'organizationServiceAccounts', accountsListing(id, child.args.includeSystemManaged as boolean | undefined), child.args);
        const load = PREFETCHES.get(child.name);
        if (load) prefetch(() => load(ctx, id, child.args));
      }
      return ctx.loaders.organization.load(id);
    },
  }),
}));
