/**
 * Lists whose items are resolved one by one (`_entities`, `nodes`) answer an array of promises,
 * some of which may fail. The executor (graphql-jit, see server/use-compiled-execution.ts) loses
 * the `null` of an item that fails while an earlier one is still pending, so the answer comes out
 * a list too short. Every list field's result is therefore settled before the executor sees it:
 * each item is its value or its error, which graphql-js and graphql-jit both complete the same way
 * (the error at that item's path, `null` in its place).
 */
import { type GraphQLFieldResolver, type GraphQLSchema, getNullableType, isListType, isObjectType } from 'graphql';

const settledFields = new WeakSet<object>();

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(String(reason)));

/** The list with each pending item replaced by its value or its error; the list itself when none is pending. */
function settleItems(list: unknown): unknown {
  if (!Array.isArray(list) || !list.some(isThenable)) return list;
  return Promise.all(list.map((item) => (isThenable(item) ? Promise.resolve(item).catch(asError) : item)));
}

/** Wraps every list field's resolver of `schema` (once, however many schemas share a type). */
export function settleListItems(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || settledFields.has(field) || !isListType(getNullableType(field.type))) continue;
      const settled: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const result = resolve(source, args, context, info);
        return isThenable(result) ? Promise.resolve(result).then(settleItems) : settleItems(result);
      };
      field.resolve = settled;
      settledFields.add(field);
    }
  }
  return schema;
}
