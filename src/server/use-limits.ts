/**
 * useLimits: requests that would cost too much are refused before any upstream call, each with
 * a stable code: the body size (413 REQUEST_TOO_LARGE), then the token count of the document,
 * and, with the variables known, its depth, aliases and cost (QUERY_LIMIT_EXCEEDED with the limit's
 * name). Before its cost, every argument a field checks itself (a connection's `first`/`last`
 * and cursors, see graph/argument-checks.ts) is checked, so a bad one is refused before any call,
 * with the path and location of its field. Cost is the Atlas calls the operation may need, as the
 * schema's fields declare them (@pothos/plugin-complexity, see graph/cost.ts). Introspection is
 * not limited.
 */
import { IncomingMessage } from 'node:http';
import type { DefinitionNode, DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { GraphQLError, Kind, Lexer, Source, TokenKind, validate } from 'graphql';
import { createComplexityRule } from '@pothos/plugin-complexity';
import type { FetchAPI, Plugin } from 'graphql-yoga';
import { argumentErrors } from '../graph/argument-checks.js';
import { withoutDataStatus } from '../graph/errors.js';

export interface Limits {
  /** A query still running after this long is answered DEADLINE_EXCEEDED (mutations answer with their outcome). */
  deadlineMs: number;
  maxBodyBytes: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  /** Atlas calls an operation may need. */
  maxCost: number;
}

export const DEFAULT_LIMITS: Limits = { deadlineMs: 30_000, maxBodyBytes: 100_000, maxTokens: 3_000, maxDepth: 12, maxAliases: 30, maxCost: 250 };

const exceeded = (limit: string, max: number, actual: number): GraphQLError =>
  new GraphQLError(`The operation exceeds the ${limit} limit (${actual} > ${max}).`, {
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, max, actual, http: withoutDataStatus() },
  });

/** An error found while measuring (a connection's window, a cursor), as a refusal before execution. */
const refusal = (error: GraphQLError): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, http: withoutDataStatus() } });

const bodyTooLarge = (max: number): GraphQLError =>
  new GraphQLError(`The request body exceeds ${max} bytes.`, { extensions: { code: 'REQUEST_TOO_LARGE', max, http: { status: 413 } } });

/** A content-length that is one non-negative integer. */
const DECLARED_LENGTH = /^\d+$/;

/**
 * The request with its body read here, counted as it arrives: refused (413) once more than `max`
 * bytes came, never buffered beyond that.
 */
async function withBodyLimit(request: Request, max: number, fetchAPI: FetchAPI): Promise<Request> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    received += next.value.byteLength;
    if (received > max) {
      await reader.cancel();
      throw bodyTooLarge(max);
    }
    chunks.push(next.value);
  }
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: Buffer.concat(chunks) });
}

export function countTokens(query: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF && count <= stopAfter) count += 1;
  return count;
}

export interface Measure {
  depth: number;
  aliases: number;
}

const NOTHING: Measure = { depth: 0, aliases: 0 };

/**
 * The depth and aliases of a selection set. A fragment is measured once (`fragments` memo, by
 * name) and each spread of it adds its aliases again from that: a document whose fragments each
 * spread the next twice is measured in time linear in its size, though its alias count doubles.
 * A fragment met again while being measured (a cycle, which validation refuses) counts nothing.
 */
function measure(selectionSet: SelectionSetNode, definitions: Record<string, FragmentDefinitionNode>, fragments: Map<string, Measure | undefined>): Measure {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) aliases += 1;
      const child = selection.selectionSet ? measure(selection.selectionSet, definitions, fragments) : NOTHING;
      depth = Math.max(depth, child.depth + 1);
      aliases += child.aliases;
      continue;
    }
    let inner: Measure | undefined;
    if (selection.kind === Kind.INLINE_FRAGMENT) inner = measure(selection.selectionSet, definitions, fragments);
    else {
      const name = selection.name.value;
      if (!fragments.has(name)) {
        fragments.set(name, undefined); // in progress
        const definition = definitions[name];
        fragments.set(name, definition ? measure(definition.selectionSet, definitions, fragments) : NOTHING);
      }
      inner = fragments.get(name);
    }
    if (!inner) continue;
    depth = Math.max(depth, inner.depth);
    aliases += inner.aliases;
  }
  return { depth, aliases };
}

// Yoga hands the same parsed document to every request with the same text: each operation is measured once.
const measured = new WeakMap<OperationDefinitionNode, Measure>();

/** The depth and aliases of an operation, its fragments included (aliases counted at each spread). */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): Measure {
  let result = measured.get(operation);
  if (!result) {
    const definitions: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) definitions[definition.name.value] = definition;
    const { depth, aliases } = measure(operation.selectionSet, definitions, new Map());
    // Doubling spreads can count past any number: the refusal still reports a finite one.
    measured.set(operation, (result = { depth, aliases: Math.min(aliases, Number.MAX_SAFE_INTEGER) }));
  }
  return result;
}

/**
 * The Atlas calls an operation may need, from the costs its fields declare; undefined when its
 * variables do not fit it (execution then reports them). Its arguments are to be checked first
 * (argumentErrors): a connection's invalid window throws its BAD_USER_INPUT error.
 */
export function atlasCalls(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, context: object): number | undefined {
  let calls: number | undefined;
  const rule = createComplexityRule({
    variableValues: variables,
    operationName,
    context,
    validate: () => undefined,
    onResult: (result) => {
      calls = result.complexity;
    },
  });
  validate(schema, document, [rule]);
  return calls;
}

/** What an operation with its variables is refused for (its arguments), or the Atlas calls it may need. */
type Verdict = { refused: GraphQLError[] } | { calls: number | undefined };

// A document's verdict depends only on the operation and its variables: found once per pair
// (Yoga hands the same parsed document to every request with the same text).
const verdicts = new WeakMap<DocumentNode, Map<string, Verdict>>();
const VERDICTS_PER_DOCUMENT = 64;

function cachedVerdict(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  context: object,
): Verdict {
  let byInputs = verdicts.get(document);
  if (!byInputs) verdicts.set(document, (byInputs = new Map()));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
  const known = byInputs.get(key);
  if (known) return known;
  const refused = argumentErrors(schema, document, operation, variables);
  const verdict = refused.length > 0 ? { refused } : { calls: atlasCalls(schema, document, variables, operationName, context) };
  if (byInputs.size < VERDICTS_PER_DOCUMENT) byInputs.set(key, verdict);
  return verdict;
}

export function useLimits(limits: Limits = DEFAULT_LIMITS): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > limits.maxBodyBytes) {
        const { message, extensions } = bodyTooLarge(limits.maxBodyBytes);
        endResponse(Response.json({ errors: [{ message, extensions: { code: extensions.code, max: extensions.max } }] }, { status: 413 }));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI, serverContext }) {
      if (request.method === 'GET' || request.method === 'HEAD' || !requestParser) return;
      // A declared length is held to the limit above, and Node's HTTP parser reads no more than
      // it declares. So a request it parsed is counted only when sent without one (chunked): a
      // stream stage costs every request about as much as parsing its document. A request from
      // elsewhere (`gateway.fetch`) is always counted, its length being only its caller's word.
      const parsedByNode = (serverContext as { req?: unknown }).req instanceof IncomingMessage;
      if (parsedByNode && DECLARED_LENGTH.test(request.headers.get('content-length') ?? '')) return;
      if (!request.body) return;
      setRequestParser(async (parsed) => requestParser(await withBodyLimit(parsed, limits.maxBodyBytes, fetchAPI)));
    },
    onParams({ params, setResult }) {
      if (typeof params.query !== 'string') return;
      const tokens = countTokens(params.query, limits.maxTokens);
      if (tokens > limits.maxTokens) setResult({ errors: [exceeded('tokens', limits.maxTokens, tokens)] });
    },
    onExecute({ args, setResultAndStopExecution, executeFn, setExecuteFn }) {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
      // A query is answered at its deadline. A mutation is not cut off: an answer sent while a
      // write is on its way to Atlas could only say "unknown", and the private key of a key being
      // created would be lost with it. Every Atlas call is bounded by the client's own timeouts,
      // so a mutation always answers, with its outcome.
      if (operation.operation !== 'mutation') {
        setExecuteFn(async (executeArgs) => {
          let timer: NodeJS.Timeout | undefined;
          const deadline = new Promise<{ errors: GraphQLError[] }>((resolve) => {
            timer = setTimeout(
              () =>
                resolve({
                  errors: [
                    new GraphQLError(`The operation did not finish within ${limits.deadlineMs} ms.`, {
                      // No data: 504 to application/graphql-response+json, as for any answer without data.
                      extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: limits.deadlineMs, http: withoutDataStatus(504) },
                    }),
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
      }
      const refused = refusalOf(args, document, operation, limits);
      if (refused) setResultAndStopExecution({ errors: refused });
    },
    // A subscription is held to the same limits when it starts: each event it yields is resolved with its selections.
    onSubscribe({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
      const refused = refusalOf(args, document, operation, limits);
      if (refused) setResultAndStopExecution({ errors: refused });
    },
  };
}

/** Why an operation is refused before it runs (depth, aliases, an argument, its cost), or undefined. */
function refusalOf(
  args: { schema: GraphQLSchema; variableValues?: unknown; operationName?: string | null; contextValue: unknown },
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: Limits,
): GraphQLError[] | undefined {
  const { depth, aliases } = measureOperation(document, operation);
  const exceeds = depth > limits.maxDepth ? exceeded('depth', limits.maxDepth, depth) : aliases > limits.maxAliases ? exceeded('aliases', limits.maxAliases, aliases) : undefined;
  if (exceeds) return [exceeds];
  const verdict = cachedVerdict(args.schema, document, operation, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined, args.contextValue as object);
  // A connection's window out of range, or a cursor that is not one: refused before any call.
  if ('refused' in verdict) return verdict.refused.map(refusal);
  if (verdict.calls !== undefined && verdict.calls > limits.maxCost) {
    const { calls } = verdict;
    return [
      new GraphQLError(`The operation may need up to ${calls} Atlas calls; the limit is ${limits.maxCost}. Ask for fewer items (first/last) or fewer nested lists.`, {
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', max: limits.maxCost, actual: calls, http: withoutDataStatus() },
      }),
    ];
  }
  return undefined;
}
