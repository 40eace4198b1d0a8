/**
 * useCompiledExecution: an operation that is run again is compiled once into JavaScript
 * (graphql-jit) and from then on run as a function, instead of being interpreted field by field
 * on every request: the largest share of the gateway's own CPU per request (see the console-page
 * figures of `npm run bench`).
 *
 * What is compiled, and how much is kept:
 * - Queries only. Mutations (and subscriptions) run interpreted: their time is Atlas' writes.
 * - Not a query that selects a field of an interface or union type (`node`, `nodes`,
 *   `_entities`) or of an object type with `isTypeOf`: graphql-jit calls a type resolver (and
 *   `isTypeOf`) inside a promise callback, where an exception would leave the execution
 *   unfinished and reject a promise no one handles, which ends the process.
 * - Not introspection: its compiled form is megabytes, and it is run rarely.
 * - One compiled query per document and operation name: a document with several operations
 *   runs the one the request names.
 * - An operation is compiled on its second run; the first runs interpreted (Yoga's executor).
 *   A client sending ever new documents therefore costs no compilation at all.
 * - At most `COMPILED_DOCUMENTS` documents are kept, the least recently run dropped first.
 *
 * What graphql-jit does differently is put back here and in the graph:
 * - Variables are coerced by graphql-js first, so a bad variable is refused with graphql-js'
 *   message (which names the enum value or the missing field), before any resolver runs; and
 *   a variable left out is given its default from the document, which graphql-jit omits for a
 *   non-null variable.
 * - Its errors carry line and column but no AST nodes, which Yoga needs to serialise them with
 *   their `locations`: they are re-issued with the document's source and positions.
 * - A list whose items fail one by one is settled before the executor sees it (see
 *   graph/settled-lists.ts).
 *
 * Register it before the plugins that wrap the execute function (the deadline in use-limits.ts):
 * it replaces the function they wrap.
 */
import {
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type Source,
  TypeInfo,
  ValidationContext,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isObjectType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/** As graphql-js' execute: at most this many variable errors are reported. */
const MAX_VARIABLE_ERRORS = 50;
/** Documents whose operations are kept, compiled or counted. */
const COMPILED_DOCUMENTS = 100;

interface Operation {
  runs: number;
  /** Compiled on the second run; null when it stays interpreted (see above, or graphql-jit refused it). */
  compiled?: CompiledQuery | null;
}

export function useCompiledExecution(): Plugin {
  // Keyed by the parsed document: Yoga hands the same one to every request with the same text.
  const documents = new LRUCache<DocumentNode, Map<string, Operation>>({ max: COMPILED_DOCUMENTS });
  const operationOf = (document: DocumentNode, name: string): Operation => {
    let operations = documents.get(document);
    if (!operations) documents.set(document, (operations = new Map()));
    let operation = operations.get(name);
    if (!operation) operations.set(name, (operation = { runs: 0 }));
    return operation;
  };
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation) return executeFn(args);
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        if (operation.variableDefinitions?.length) {
          const { errors } = getVariableValues(args.schema, operation.variableDefinitions, variables, { maxErrors: MAX_VARIABLE_ERRORS });
          if (errors) return { errors };
        }
        const entry = operationOf(args.document, args.operationName ?? '');
        entry.runs += 1;
        if (entry.runs < 2) return executeFn(args);
        if (entry.compiled === undefined) entry.compiled = compiled(args.schema, args.document, operation, args.operationName);
        if (entry.compiled === null) return executeFn(args);
        const result = (await entry.compiled.query(args.rootValue, args.contextValue, withDefaults(operation, variables))) as ExecutionResult;
        const source = args.document.loc?.source;
        if (!result.errors?.length || !source) return result;
        return { ...result, errors: result.errors.map((error) => located(error, source)) };
      });
    },
  };
}

function compiled(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null | undefined): CompiledQuery | null {
  if (operation.operation !== 'query' || staysInterpreted(schema, document, operation)) return null;
  const query = compileQuery(schema, document, operationName ?? undefined);
  return isCompiledQuery(query) ? query : null;
}

/**
 * Whether the query selects a field of an interface or union type (its type resolver would run),
 * or of an object type with `isTypeOf` (graphql-jit calls it the same way), or introspects
 * (`__schema`, `__type`), in itself or in the fragments it spreads.
 */
function staysInterpreted(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new ValidationContext(schema, document, new TypeInfo(schema), () => undefined).getRecursivelyReferencedFragments(operation);
  let found = false;
  for (const node of [operation, ...fragments]) {
    const typeInfo = new TypeInfo(schema);
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field(field) {
          const type = typeInfo.getType();
          const named = type && getNamedType(type);
          if (field.name.value === '__schema' || field.name.value === '__type' || (named && (isAbstractType(named) || (isObjectType(named) && named.isTypeOf)))) {
            found = true;
            return BREAK;
          }
          return undefined;
        },
      }),
    );
    if (found) return true;
  }
  return false;
}

/** The variables with the document's default for each one left out. */
function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  let filled = variables;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue === undefined || Object.hasOwn(variables, name)) continue;
    if (filled === variables) filled = { ...variables };
    filled[name] = valueFromASTUntyped(definition.defaultValue, variables);
  }
  return filled;
}

/** The error with the document's source and the positions of its line and column, unless it has AST nodes. */
function located(error: GraphQLError, source: Source): GraphQLError {
  if (error.nodes?.length || !error.locations?.length) return error;
  const positions = error.locations.map(({ line, column }) => positionOf(source.body, line, column));
  return new GraphQLError(error.message, { source, positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

/** The offset in `body` of a 1-based line and column, with graphql-js' line breaks. */
function positionOf(body: string, line: number, column: number): number {
  const lineBreak = /\r\n|[\n\r]/g;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const match = lineBreak.exec(body);
    if (!match) break;
    start = match.index + match[0].length;
  }
  return start + column - 1;
}
