/**
 * The Pothos schema builder: the schema's types (context, scalars) and its plugins, in order:
 * complexity (each field's cost in Atlas calls, see cost.ts; measured and limited before
 * execution by useLimits, so it sets no limit of its own here), relay (Node interface, global
 * ids, connections), errors (typed mutation results: it wraps the scope rules, so a mutation's
 * refusal is its typed ForbiddenError), scope-auth (who may see and do what: the rules fields
 * declare, scopes.ts), then directives and federation (entities for a company supergraph), which
 * wrap resolvers last.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { checkWindow } from './connections.js';
import type { Context } from './context.js';
import { type AuthScopes, scopeLoaders, scopeRefusal } from './scopes.js';

export interface SchemaTypes {
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
  };
  DefaultFieldNullability: false;
  AuthScopes: AuthScopes;
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ComplexityPlugin, RelayPlugin, ErrorsPlugin, ScopeAuthPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  // A field costs nothing unless it declares the Atlas calls it may make; lists multiply only where declared.
  complexity: { defaultComplexity: 0, defaultListMultiplier: 1 },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node and nodes are declared in node.ts: each id is checked, and fails on its own.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: { description: 'An object with a global id that `node` and `nodes` can fetch.' },
    // Other Relay subgraphs define the same PageInfo; shareable, it composes beside theirs.
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.', shareable: true },
    idFieldOptions: { description: 'Global id of the object, usable with node and nodes.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: { description: 'The items of this page, with their cursors.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page.' },
    firstArgOptions: { description: 'How many items to return from the start (or after `after`): 0 to 500, 20 by default.' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'How many items to return from the end (or before `before`): 0 to 500.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    // Every connection's window is checked before execution (argument-checks.ts), with its field's path.
    defaultConnectionFieldOptions: { extensions: { checkArguments: checkWindow } },
  },
  errors: {
    defaultTypes: [],
  },
  scopeAuth: {
    // A subscription is refused when it starts, before anything is polled, not at its first event.
    authorizeOnSubscribe: true,
    authScopes: scopeLoaders,
    unauthorizedError: (_parent, _ctx, _info, result) => scopeRefusal(result.failure),
  },
});

// The rule for ids, written where every frontend reads first; ids.ts (readObjectId) applies it.
const ID_RULE =
  "Every argument that names an object takes its `id`, as a query returned it. An organization's or a project's `atlasId` is taken too; an API key's `atlasId` only by `apiKey`, with `organizationId`.";
builder.queryType({ description: `Reads over organizations, projects, programmatic API keys and their access lists. ${ID_RULE}` });
builder.mutationType({ description: `Changes to API keys, their access lists and their project assignments. ${ID_RULE}` });
