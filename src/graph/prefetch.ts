/**
 * Lookahead: a root field whose id is known from its arguments starts the loads its selected
 * children will need at once, so they run in the same upstream wave as the root's own call
 * instead of after it. The children's resolvers then find the same loads in the loaders.
 */
import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isObjectType,
} from 'graphql';

export interface SelectedChild {
  name: string;
  args: Record<string, unknown>;
}

/**
 * The fields selected directly under the current field (fragments followed), with their
 * arguments; none when batching is off (the baseline makes one call per field, when it is resolved).
 */
export function selectedChildren(ctx: { loaders: { batching: boolean } }, info: GraphQLResolveInfo): SelectedChild[] {
  if (!ctx.loaders.batching) return [];
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return [];
  const fields = type.getFields();
  const children: SelectedChild[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection, info)) continue;
      if (selection.kind === Kind.FIELD) {
        const definition = fields[selection.name.value];
        if (definition) children.push({ name: selection.name.value, args: argumentsOf(definition, selection, info) });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return children;
}

/**
 * Whether the selection under the current field reaches `path` (field names, fragments followed),
 * e.g. `['edges', 'node', 'projectAssignments']` under a connection; never when batching is off.
 */
export function selectsPath(ctx: { loaders: { batching: boolean } }, info: GraphQLResolveInfo, path: readonly string[]): boolean {
  if (!ctx.loaders.batching) return false;
  let sets: Array<SelectionSetNode | undefined> = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    const next: Array<SelectionSetNode | undefined> = [];
    const visit = (set: SelectionSetNode | undefined): void => {
      for (const selection of set?.selections ?? []) {
        if (!included(selection, info)) continue;
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value === name) next.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else visit(info.fragments[selection.name.value]?.selectionSet);
      }
    };
    sets.forEach(visit);
    if (next.length === 0) return false;
    sets = next;
  }
  return true;
}

/** Whether `@skip` and `@include` keep a selection (bad directive arguments: kept, execution reports them). */
function included(selection: SelectionNode, info: GraphQLResolveInfo): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false;
  } catch {
    return true;
  }
}

function argumentsOf(definition: Parameters<typeof getArgumentValues>[0], node: FieldNode, info: GraphQLResolveInfo): Record<string, unknown> {
  try {
    return getArgumentValues(definition, node, info.variableValues);
  } catch {
    return {}; // the field itself reports bad arguments
  }
}

/** Starts a load whose outcome the field that needs it will see; a prefetch never fails by itself. */
export function prefetch(load: () => Promise<unknown>): void {
  try {
    load().catch(() => undefined);
  } catch {
    // invalid input: the field's resolver reports it
  }
}
