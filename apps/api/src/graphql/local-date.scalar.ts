import { isValidLocalDate } from '@app/domain';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const check = (value: unknown): string => {
  if (typeof value !== 'string' || !isValidLocalDate(value)) {
    throw new GraphQLError(
      `Expected a real calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}.`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return value;
};

/** A calendar date without time or zone, `YYYY-MM-DD`: letters, hearings and deadlines are days, not instants. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD (ISO 8601), without time or time zone.',
  serialize: check,
  parseValue: check,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('A LocalDate is written as a string, e.g. "2025-03-03".', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return check(ast.value);
  },
});
