/**
 * useCompiledExecution: each operation document is compiled once into JavaScript (graphql-jit,
 * through @envelop/graphql-jit) and then run as a function, instead of being interpreted field by
 * field on every request: the largest share of the gateway's own CPU per request (see the
 * console-page figures of `npm run bench`).
 *
 * What graphql-jit does differently is put back here and in the graph:
 * - Variables are coerced by graphql-js first, so a bad variable is refused with graphql-js'
 *   message (which names the enum value or the missing field), before any resolver runs.
 * - Its errors carry line and column but no AST nodes, which Yoga needs to serialise them with
 *   their `locations`: they are re-issued with the document's source and positions.
 * - A list whose items fail one by one is settled before the executor sees it (see
 *   graph/settled-lists.ts).
 *
 * Register it before the plugins that wrap the execute function (the deadline in use-limits.ts):
 * it replaces the function they wrap.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { type ExecutionResult, GraphQLError, type Source, getOperationAST, getVariableValues } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** As graphql-js' execute: at most this many variable errors are reported. */
const MAX_VARIABLE_ERRORS = 50;

export function useCompiledExecution(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useGraphQlJit() as Plugin);
      addPlugin({
        onExecute({ executeFn, setExecuteFn }) {
          setExecuteFn(async (args) => {
            const operation = getOperationAST(args.document, args.operationName);
            if (operation?.variableDefinitions?.length) {
              const { errors } = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: MAX_VARIABLE_ERRORS });
              if (errors) return { errors };
            }
            const result = (await executeFn(args)) as ExecutionResult;
            const source = args.document.loc?.source;
            if (!result.errors?.length || !source) return result;
            return { ...result, errors: result.errors.map((error) => located(error, source)) };
          });
        },
      });
    },
  };
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
