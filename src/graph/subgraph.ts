/**
 * The subgraph as a federation router is served it:
 *
 * - `_entities` resolves each representation on its own: one that is malformed, names no entity
 *   type or lacks its key fails alone (null at its index, BAD_USER_INPUT at its path) while the
 *   others resolve, batched through the loaders as before.
 * - `_service.sdl` leaves `Query.node` and `Query.nodes` out by default. Most Relay subgraphs
 *   define their own `node`, and two subgraphs resolving `Query.node` do not compose (it is not
 *   shareable, and Apollo composition also rejects a shared `node` whose possible types differ).
 *   The fields still work for clients that call this server directly; in a supergraph, global
 *   object identification belongs to one subgraph (or the router). `publish` puts them back,
 *   for a supergraph where this subgraph is the only one with a `node`.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import {
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLSchema,
  type GraphQLUnionType,
} from 'graphql';
import { badUserInput } from './errors.js';

/** Whether the published SDL carries `Query.node` / `Query.nodes`. */
export type NodeFields = 'omit' | 'publish';

const NODE_FIELDS = new Set(['node', 'nodes']);

/** The same schema with the query type's fields replaced. */
function withQueryFields(
  schema: GraphQLSchema,
  fields: (current: Record<string, GraphQLFieldConfig<unknown, unknown>>) => Record<string, GraphQLFieldConfig<unknown, unknown>>,
): GraphQLSchema {
  const config = schema.toConfig();
  const query = schema.getQueryType()!;
  const queryConfig = query.toConfig();
  // Without its AST node, the type is printed from its fields, not from the original definition.
  const replaced = new GraphQLObjectType({ ...queryConfig, astNode: undefined, fields: fields(queryConfig.fields) });
  return new GraphQLSchema({ ...config, query: replaced, types: config.types.map((type) => (type === query ? replaced : type)) });
}

/** The SDL a router composes: the subgraph's types and federation directives. */
export function subgraphSdl(schema: GraphQLSchema, nodeFields: NodeFields): string {
  const published = nodeFields === 'publish' ? schema : withQueryFields(schema, (fields) => Object.fromEntries(Object.entries(fields).filter(([name]) => !NODE_FIELDS.has(name))));
  return `${printSubgraphSchema(published).trim()}\n`;
}

/** Resolves every representation separately, so a bad one fails only its own item. */
function isolatedEntities(schema: GraphQLSchema): GraphQLFieldResolver<unknown, unknown, { representations: unknown[] }> {
  const entityTypes = new Set((schema.getType('_Entity') as GraphQLUnionType | undefined)?.getTypes().map((type) => type.name));
  return (_source, { representations }, context, info) =>
    representations.map(async (representation, index) => {
      const typename = typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : undefined;
      if (typeof typename !== 'string' || !entityTypes.has(typename)) {
        throw badUserInput(`representations[${index}] must be an object whose __typename is one of ${[...entityTypes].join(', ')}.`, `representations[${index}]`);
      }
      const [resolved] = entitiesResolver({ representations: [representation], context, info }) as [unknown];
      return resolved;
    });
}

/** The executable subgraph: `_entities` isolated per item, `_service` answering `subgraphSdl`. */
export function servedSubgraph(schema: GraphQLSchema, nodeFields: NodeFields): GraphQLSchema {
  const sdl = subgraphSdl(schema, nodeFields);
  return withQueryFields(schema, (fields) => ({
    ...fields,
    ...(fields._entities ? { _entities: { ...fields._entities, resolve: isolatedEntities(schema) as GraphQLFieldResolver<unknown, unknown> } } : {}),
    ...(fields._service ? { _service: { ...fields._service, resolve: () => ({ sdl }) } } : {}),
  }));
}
