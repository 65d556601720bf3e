import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import {
  conditionType,
  fieldDefinition,
  INTROSPECTION_ROOTS,
  type Fragments,
} from './document-walk';

/** graphql-armor's cost-limit weights (anchors B6): each object 2, each scalar 1. */
export const OBJECT_COST = 2;
export const SCALAR_COST = 1;
/** Items assumed for a list field without `first` (a case's appeals, deadlines, timeline…). */
export const DEFAULT_LIST_SIZE = 10;
/** The page size every paginated field accepts (GitHub: `first` 1–100, anchors B6). */
export const MAX_PAGE_SIZE = 100;

/**
 * Lists whose size is known from the data rather than the default: the LA register (153 current + 4 predecessor
 * authorities) and the DfE series (one row per calendar year 2014–2024). A test checks every coordinate exists.
 */
export const LIST_SIZE_HINTS: Readonly<Record<string, number>> = {
  'Query.localAuthorities': 160,
  'Query.officialAppealRates': 12,
  'LocalAuthority.officialAppealRates': 12,
};

const PAGE_ARGUMENTS = ['first', 'last'] as const;

export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly fragments: Fragments;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
}

const badPageSize = (argument: string, value: unknown): GraphQLError =>
  new GraphQLError(
    `${argument} must be between 1 and ${MAX_PAGE_SIZE} (got ${JSON.stringify(value) ?? 'nothing'}).`,
    {
      extensions: {
        code: 'BAD_USER_INPUT',
        field: argument,
        http: { status: 400, headers: new Map<string, string>() },
      },
    },
  );

/**
 * The page size a field asks for through `first`/`last`, or null when it has no such argument. Throws
 * BAD_USER_INPUT outside 1–100, so every connection (today `cases`) has the same bound before any resolver runs.
 */
const pageSize = (
  input: CostInput,
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
): number | null => {
  for (const name of PAGE_ARGUMENTS) {
    const argument = definition.args.find((a) => a.name === name);
    if (!argument) continue;
    const value = argumentValue(input, field, name, argument.defaultValue);
    if (value === undefined) continue;
    if (value === null) throw badPageSize(name, value);
    // A value of the wrong type is left to GraphQL's own validation or coercion error.
    if (typeof value !== 'number') continue;
    if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)
      throw badPageSize(name, value);
    return value;
  }
  return null;
};

/** An argument's value as the resolver will see it: literal, variable, the variable's default, or the schema's. */
const argumentValue = (
  input: CostInput,
  field: FieldNode,
  name: string,
  schemaDefault: unknown,
): unknown => {
  const given = field.arguments?.find((a) => a.name.value === name)?.value;
  if (!given) return schemaDefault;
  if (given.kind === Kind.VARIABLE) {
    const variable = given.name.value;
    const supplied = input.variables ?? {};
    if (Object.prototype.hasOwnProperty.call(supplied, variable)) return supplied[variable];
    const declared = input.operation.variableDefinitions?.find(
      (d) => d.variable.name.value === variable,
    )?.defaultValue;
    return declared ? literal(declared) : schemaDefault;
  }
  return literal(given);
};

const literal = (value: ValueNode): unknown => {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.NULL) return null;
  return value.kind; // some other literal: not a number, so not ours to judge
};

const listMultiplier = (
  parentType: GraphQLNamedType | undefined,
  definition: GraphQLField<unknown, unknown>,
): number => {
  if (!isListType(getNullableType(definition.type))) return 1;
  // The edges of a connection: the field that returned the connection was already multiplied by its page size.
  if (parentType?.name.endsWith('Connection')) return 1;
  return LIST_SIZE_HINTS[`${parentType?.name ?? ''}.${definition.name}`] ?? DEFAULT_LIST_SIZE;
};

/**
 * Estimated cost of an operation: each object field 2 plus what it selects, each scalar (or list of scalars) 1;
 * a field with `first` is multiplied by it, other lists of objects by their expected size (10, or a hint).
 * Introspection is not counted (it is off in production and bounded by the depth rule). Fragments are expanded
 * and each is costed once, so the estimate takes time linear in the document.
 */
export const estimateCost = (input: CostInput): number => {
  const { schema, fragments, operation } = input;
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  const costOf = (set: SelectionSetNode, parentType: GraphQLNamedType | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(
          selection.selectionSet,
          conditionType(schema, selection.typeCondition, parentType),
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        let known = memo.get(name);
        const fragment = fragments.get(name);
        if (known === undefined && fragment && !inProgress.has(name)) {
          inProgress.add(name);
          known = costOf(
            fragment.selectionSet,
            conditionType(schema, fragment.typeCondition, parentType),
          );
          inProgress.delete(name);
          memo.set(name, known);
        }
        total += known ?? 0;
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename' || INTROSPECTION_ROOTS.has(name)) continue;
      const definition = fieldDefinition(schema, parentType, selection);
      if (!definition) continue;
      const type = getNamedType(definition.type);
      if (isLeafType(type)) {
        total += SCALAR_COST;
        continue;
      }
      const inner = selection.selectionSet ? costOf(selection.selectionSet, type) : 0;
      const multiplier =
        pageSize(input, selection, definition) ?? listMultiplier(parentType, definition);
      total += multiplier * (OBJECT_COST + inner);
    }
    return total;
  };

  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
};
