/**
 * useLimits: requests that would cost too much are refused before any upstream call, each with
 * a stable code: the body size (413 REQUEST_TOO_LARGE), then the token count of the document,
 * and, with the variables known, its depth, aliases and cost (QUERY_LIMIT_EXCEEDED with the limit's
 * name). Cost counts one per field, and a list field's selection once per item it may return
 * (`first` or `last`, 20 when absent). Introspection is not limited.
 */
import type { DefinitionNode, DocumentNode, FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { GraphQLError, Kind, Lexer, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE } from './graph/connections.js';

export interface Limits {
  /** An operation still running after this long is answered DEADLINE_EXCEEDED. */
  deadlineMs: number;
  maxBodyBytes: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: Limits = { deadlineMs: 30_000, maxBodyBytes: 100_000, maxTokens: 3_000, maxDepth: 12, maxAliases: 30, maxCost: 20_000 };

const exceeded = (limit: string, max: number, actual: number): GraphQLError =>
  new GraphQLError(`The operation exceeds the ${limit} limit (${actual} > ${max}).`, {
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, max, actual },
  });

export function countTokens(query: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF && count <= stopAfter) count += 1;
  return count;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

export function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen = new Set<string>(),
): Measure {
  let depth = 0;
  let aliases = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) aliases += 1;
      const child = selection.selectionSet ? measure(selection.selectionSet, fragments, variables, seen) : { depth: 0, aliases: 0, cost: 0 };
      depth = Math.max(depth, child.depth + 1);
      aliases += child.aliases;
      cost += 1 + child.cost * listSize(selection, variables);
    } else {
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (name !== undefined && seen.has(name)) continue;
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[name!]?.selectionSet;
      if (!set) continue;
      const inner = measure(set, fragments, variables, name ? new Set([...seen, name]) : seen);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      cost += inner.cost;
    }
  }
  return { depth, aliases, cost };
}

/** How many items a field may return: its `first` or `last`, a default page for connections, else 1. */
function listSize(field: FieldNode, variables: Record<string, unknown>): number {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
    const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
    if (typeof value === 'number' && value >= 0) return Math.max(1, value);
  }
  return field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'edges') ? DEFAULT_PAGE_SIZE : 1;
}

export function useLimits(limits: Limits = DEFAULT_LIMITS): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > limits.maxBodyBytes) {
        endResponse(
          Response.json(
            { errors: [{ message: `The request body exceeds ${limits.maxBodyBytes} bytes.`, extensions: { code: 'REQUEST_TOO_LARGE', max: limits.maxBodyBytes } }] },
            { status: 413 },
          ),
        );
      }
    },
    onParams({ params, setResult }) {
      if (typeof params.query !== 'string') return;
      const tokens = countTokens(params.query, limits.maxTokens);
      if (tokens > limits.maxTokens) setResult({ errors: [exceeded('tokens', limits.maxTokens, tokens)] });
    },
    onExecute({ args, setResultAndStopExecution, executeFn, setExecuteFn }) {
      // The answer does not wait past the deadline; upstream calls already sent are not recalled,
      // so a mutation's outcome is then unknown, and the error says so.
      setExecuteFn(async (executeArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  new GraphQLError(
                    `The operation did not finish within ${limits.deadlineMs} ms. Changes already sent to Atlas may have been made: read before retrying a mutation.`,
                    { extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: limits.deadlineMs } },
                  ),
                ],
              }),
            limits.deadlineMs,
          );
        });
        try {
          return await Promise.race([executeFn(executeArgs), deadline]);
        } finally {
          clearTimeout(timer);
        }
      });
      const fragments: Record<string, FragmentDefinitionNode> = {};
      const document = args.document as DocumentNode;
      for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      const operation = document.definitions.find(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
      const { depth, aliases, cost } = measure(operation.selectionSet, fragments, (args.variableValues ?? {}) as Record<string, unknown>);
      const error =
        depth > limits.maxDepth
          ? exceeded('depth', limits.maxDepth, depth)
          : aliases > limits.maxAliases
            ? exceeded('aliases', limits.maxAliases, aliases)
            : cost > limits.maxCost
              ? exceeded('cost', limits.maxCost, cost)
              : undefined;
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
