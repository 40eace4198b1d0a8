/**
 * Arguments checked before execution: a field declares a check of its arguments
 * (`extensions.checkArguments`, e.g. every connection's window, see builder.ts), and every field
 * of an operation is checked before it runs, so a bad argument is refused before any Atlas call,
 * even under a parent that would have loaded first.
 *
 * Such an error carries what a resolver's error would: the location of its field in the
 * document and its path, the response keys (aliases) from the root down to the field. List
 * positions are left out of that path: nothing has been read yet, and the argument is the same
 * at every position.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
} from 'graphql';

/** Throws a BAD_USER_INPUT GraphQLError (see errors.ts) for arguments it refuses. */
export type ArgumentCheck = (args: Record<string, unknown>) => unknown;

const isBadUserInput = (error: unknown): error is GraphQLError => error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT';

/**
 * Every refused argument of the operation, each located at its field; none when all are fine,
 * or when the variables (as sent) do not fit the operation: execution then reports them.
 */
export function argumentErrors(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, inputs: Record<string, unknown>): GraphQLError[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) return [];
  const variables = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const errors: GraphQLError[] = [];
  // A selection set is checked once per type it is read as: the same arguments give the same
  // verdict, and a fragment spread in many places costs one walk (reported at its first path).
  const checked = new Map<SelectionSetNode, Set<GraphQLNamedType>>();

  const checkField = (type: GraphQLNamedType, node: FieldNode, path: readonly string[]): void => {
    if (!isObjectType(type) && !isInterfaceType(type)) return;
    const field = type.getFields()[node.name.value];
    if (!field) return;
    const at = [...path, (node.alias ?? node.name).value];
    const check = field.extensions.checkArguments as ArgumentCheck | undefined;
    if (check) {
      let args: Record<string, unknown> | undefined;
      try {
        args = getArgumentValues(field, node, variables);
      } catch {
        args = undefined; // a null for a non-null argument: execution reports it
      }
      try {
        if (args) check(args);
      } catch (error) {
        if (!isBadUserInput(error)) throw error;
        errors.push(new GraphQLError(error.message, { nodes: [node], path: at, extensions: error.extensions }));
      }
    }
    if (node.selectionSet) visit(getNamedType(field.type), node.selectionSet, at);
  };

  const visit = (type: GraphQLNamedType, set: SelectionSetNode, path: readonly string[]): void => {
    const types = checked.get(set) ?? new Set();
    if (types.has(type)) return;
    checked.set(set, types.add(type));
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        checkField(type, selection, path);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (condition) visit(condition, fragment.selectionSet, path);
    }
  };

  const root = schema.getRootType(operation.operation);
  if (root) visit(root, operation.selectionSet, []);
  return errors;
}
