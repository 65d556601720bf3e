import {
  getNamedType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export const fragmentsOf = (document: DocumentNode): Fragments => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
};

export const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** The definition of a selected field (meta fields included), or undefined when the document is wrong. */
export const fieldDefinition = (
  schema: GraphQLSchema,
  parentType: GraphQLNamedType | undefined,
  field: FieldNode,
): GraphQLField<unknown, unknown> | undefined => {
  const name = field.name.value;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (!parentType || !isCompositeType(parentType) || !('getFields' in parentType)) return undefined;
  return parentType.getFields()[name];
};

/** The named type a field's selection set is on (null for leaves and unknown fields). */
export const selectionTypeOf = (
  definition: GraphQLField<unknown, unknown> | undefined,
): GraphQLNamedType | undefined => (definition ? getNamedType(definition.type) : undefined);

/** The type an inline fragment or fragment definition selects on, falling back to the enclosing type. */
export const conditionType = (
  schema: GraphQLSchema,
  typeCondition: { name: { value: string } } | undefined,
  fallback: GraphQLNamedType | undefined,
): GraphQLNamedType | undefined =>
  typeCondition ? schema.getType(typeCondition.name.value) : fallback;

/**
 * Sums `count(selection)` over every selection (field, inline fragment, fragment spread) an operation makes, fragments expanded (a fragment spread twice counts
 * twice, as it would execute). Each fragment is summed once and remembered, so hostile nesting of fragments
 * cannot make the count itself expensive; a fragment cycle counts as 0 (NoFragmentCyclesRule reports it).
 */
export const sumOverSelections = (
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  count: (selection: SelectionNode) => number,
): number => {
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();
  const sum = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      total += count(selection);
      if (selection.kind === Kind.FIELD) {
        if (selection.selectionSet) total += sum(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += sum(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const known = memo.get(name);
        if (known !== undefined) {
          total += known;
          continue;
        }
        const fragment = fragments.get(name);
        if (!fragment || inProgress.has(name)) continue;
        inProgress.add(name);
        const value = sum(fragment.selectionSet);
        inProgress.delete(name);
        memo.set(name, value);
        total += value;
      }
      // A sum beyond any limit needs no more precision (and cannot overflow).
      if (total > Number.MAX_SAFE_INTEGER / 4) return total;
    }
    return total;
  };
  return sum(selectionSet);
};
