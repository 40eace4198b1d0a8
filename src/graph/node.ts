/**
 * `node(id)` and `nodes(ids)`: every part of each global id is checked before anything is
 * loaded (BAD_USER_INPUT, no Atlas call), and each id of `nodes` fails on its own: null at its
 * index with its error at that path, the others resolved as usual (through the same loaders, so
 * N ids cost what a list of N would cost).
 */
import { brandWithType } from '@pothos/core';
import type { Context } from './context.js';
import { builder } from './builder.js';
import { LOADED_OBJECT } from './cost.js';
import { decodeNodeId } from './ids.js';

const NodeRef = builder.nodeInterfaceRef();

type LoadOne = (id: string, ctx: Context) => unknown;

async function loadNode(globalId: string, ctx: Context, field: string): Promise<unknown> {
  const { typename, id } = decodeNodeId(globalId, field);
  // The loader each type declares with `builder.node({ loadOne })` in its own file.
  const { loadOne } = builder.configStore.getTypeConfig(typename as never, 'Object').pothosOptions as { loadOne: LoadOne };
  const node = await loadOne(id, ctx);
  brandWithType(node, typename as never);
  return node;
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Fetches an object by its global id.',
    complexity: LOADED_OBJECT,
    args: { id: t.arg.id({ required: true, description: 'The `id` of an object (its global id); an atlasId does not say what it names.' }) },
    resolve: (_root, args, ctx) => loadNode(String(args.id), ctx, 'id') as Promise<never>,
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'Fetches objects by their global ids, in order; null where an id is malformed or names nothing, with that error at its index.',
    args: { ids: t.arg.idList({ required: true, description: 'The `id` of an object (its global id) for each object; an atlasId does not say what it names.' }) },
    // The objects may belong to as many organizations: nothing is shared between them.
    complexity: (args) => ({ field: LOADED_OBJECT * args.ids.length, multiplier: args.ids.length }),
    resolve: (_root, args, ctx) => args.ids.map((id, i) => loadNode(String(id), ctx, `ids[${i}]`) as Promise<never>),
  }),
}));
