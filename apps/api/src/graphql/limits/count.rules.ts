import { Kind, type ValidationRule } from 'graphql';
import { fragmentsOf, sumOverSelections } from './document-walk';
import { limitExceeded } from './limit-errors';

/**
 * Aliases per operation, fragments expanded. Aliases let one request ask for the same expensive field many times
 * (`a1: case(id: …) a2: case(id: …) …`) or brute-force ids in one round trip.
 */
export const maxAliasesRule =
  (maxAliases: number): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const count = sumOverSelections(
        operation.selectionSet,
        fragmentsOf(context.getDocument()),
        (selection) => (selection.kind === Kind.FIELD && selection.alias ? 1 : 0),
      );
      if (count > maxAliases) {
        context.reportError(
          limitExceeded(
            'aliases',
            `The operation uses ${count} aliases; the maximum is ${maxAliases}.`,
            count,
            maxAliases,
            [operation],
          ),
        );
      }
      return false;
    },
  });

/** Directives per operation (on the operation and every selection, fragments expanded). */
export const maxDirectivesRule =
  (maxDirectives: number): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const count =
        (operation.directives?.length ?? 0) +
        sumOverSelections(
          operation.selectionSet,
          fragmentsOf(context.getDocument()),
          (selection) => selection.directives?.length ?? 0,
        );
      if (count > maxDirectives) {
        context.reportError(
          limitExceeded(
            'directives',
            `The operation uses ${count} directives; the maximum is ${maxDirectives}.`,
            count,
            maxDirectives,
            [operation],
          ),
        );
      }
      return false;
    },
  });
