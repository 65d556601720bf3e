import {
  getNullableType,
  isListType,
  Kind,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import {
  conditionType,
  fieldDefinition,
  fragmentsOf,
  INTROSPECTION_ROOTS,
  selectionTypeOf,
  type Fragments,
} from './document-walk';
import { limitExceeded } from './limit-errors';

/**
 * Introspection (development only: it is off in production) is cyclic by nature (`__Type.ofType`, `fields { type
 * { fields … } }`), so it has its own fixed bounds instead of the operation depth, as @graphile/depth-limit does:
 * the standard introspection query (graphql-js's, which GraphiQL sends) is 15 deep and nests 3 lists (types →
 * fields → args).
 */
export const INTROSPECTION_MAX_DEPTH = 15;
export const INTROSPECTION_MAX_LIST_DEPTH = 3;

interface Measure {
  /** Longest path of fields outside introspection, leaves included: `{ me { id } }` is 2. */
  readonly depth: number;
  /** Lists nested along the longest path (lists of scalars not counted); used inside introspection. */
  readonly listDepth: number;
  readonly introspectionDepth: number;
  readonly introspectionListDepth: number;
}

const NOTHING: Measure = {
  depth: 0,
  listDepth: 0,
  introspectionDepth: 0,
  introspectionListDepth: 0,
};

const larger = (a: Measure, b: Measure): Measure => ({
  depth: Math.max(a.depth, b.depth),
  listDepth: Math.max(a.listDepth, b.listDepth),
  introspectionDepth: Math.max(a.introspectionDepth, b.introspectionDepth),
  introspectionListDepth: Math.max(a.introspectionListDepth, b.introspectionListDepth),
});

/**
 * Measures an operation with fragments expanded (a spread or inline fragment adds no depth; each fragment is
 * measured once per mode, so nesting fragments cannot make the measuring expensive).
 */
export const measureDepth = (
  schema: GraphQLSchema,
  fragments: Fragments,
  selectionSet: SelectionSetNode,
  rootType: GraphQLNamedType | undefined,
): Measure => {
  const memo = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const measure = (
    set: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    introspection: boolean,
  ): Measure => {
    let result = NOTHING;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = conditionType(schema, selection.typeCondition, parentType);
        result = larger(result, measure(selection.selectionSet, type, introspection));
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const key = `${introspection ? 'i' : 'o'}:${selection.name.value}`;
        let known = memo.get(key);
        const fragment = fragments.get(selection.name.value);
        if (known === undefined && fragment && !inProgress.has(key)) {
          inProgress.add(key);
          const type = conditionType(schema, fragment.typeCondition, parentType);
          known = measure(fragment.selectionSet, type, introspection);
          inProgress.delete(key);
          memo.set(key, known);
        }
        if (known) result = larger(result, known);
        continue;
      }
      const definition = fieldDefinition(schema, parentType, selection);
      const isList =
        definition !== undefined &&
        selection.selectionSet !== undefined &&
        isListType(getNullableType(definition.type));
      const inner = selection.selectionSet
        ? measure(
            selection.selectionSet,
            selectionTypeOf(definition),
            introspection || INTROSPECTION_ROOTS.has(selection.name.value),
          )
        : NOTHING;
      if (!introspection && INTROSPECTION_ROOTS.has(selection.name.value)) {
        result = larger(result, {
          ...NOTHING,
          introspectionDepth: 1 + inner.depth,
          introspectionListDepth: (isList ? 1 : 0) + inner.listDepth,
        });
      } else {
        result = larger(result, {
          depth: 1 + inner.depth,
          listDepth: (isList ? 1 : 0) + inner.listDepth,
          introspectionDepth: inner.introspectionDepth,
          introspectionListDepth: inner.introspectionListDepth,
        });
      }
    }
    return result;
  };
  return measure(selectionSet, rootType, false);
};

/** Refuses an operation whose fields nest deeper than `maxDepth` (and bounds introspection separately). */
export const maxDepthRule =
  (maxDepth: number): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const measured = measureDepth(
        schema,
        fragmentsOf(context.getDocument()),
        operation.selectionSet,
        schema.getRootType(operation.operation) ?? undefined,
      );
      if (measured.depth > maxDepth) {
        context.reportError(
          limitExceeded(
            'depth',
            `Query depth ${measured.depth} exceeds the maximum of ${maxDepth}.`,
            measured.depth,
            maxDepth,
            [operation],
          ),
        );
      }
      if (measured.introspectionDepth > INTROSPECTION_MAX_DEPTH) {
        context.reportError(
          limitExceeded(
            'introspectionDepth',
            `Introspection depth ${measured.introspectionDepth} exceeds the maximum of ${INTROSPECTION_MAX_DEPTH}.`,
            measured.introspectionDepth,
            INTROSPECTION_MAX_DEPTH,
            [operation],
          ),
        );
      }
      if (measured.introspectionListDepth > INTROSPECTION_MAX_LIST_DEPTH) {
        context.reportError(
          limitExceeded(
            'introspectionListDepth',
            `Introspection nests ${measured.introspectionListDepth} lists; the maximum is ${INTROSPECTION_MAX_LIST_DEPTH}.`,
            measured.introspectionListDepth,
            INTROSPECTION_MAX_LIST_DEPTH,
            [operation],
          ),
        );
      }
      return false;
    },
  });
