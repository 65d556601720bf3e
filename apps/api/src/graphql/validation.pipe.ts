import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { apiError } from './errors';

const firstProblem = (
  errors: readonly ValidationError[],
  prefix = '',
): { field: string; message: string } | null => {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
};

/** class-validator on every input; a failure becomes BAD_USER_INPUT naming the field. */
export const inputValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: true,
  exceptionFactory: (errors) => {
    const problem = firstProblem(errors) ?? { field: 'input', message: 'The input is not valid.' };
    return apiError('BAD_USER_INPUT', problem.message, { field: problem.field });
  },
});
