import { DomainError } from '../domain-error';
/** Errors a caller can cause; all map to GraphQL `BAD_USER_INPUT` with a message a family can read. */
export class MissingDeadlineInput extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(
    readonly ruleId: string,
    readonly field: string,
  ) {
    super(`Deadline ${ruleId} needs "${field}".`);
    this.name = 'MissingDeadlineInput';
  }
}

export class UnknownDeadlineRule extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(readonly ruleId: string) {
    super(`There is no deadline rule called "${ruleId}".`);
    this.name = 'UnknownDeadlineRule';
  }
}

export class ExceptionNotApplicable extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(
    readonly ruleId: string,
    readonly exception: string,
  ) {
    super(`The exception ${exception} does not apply to deadline ${ruleId}.`);
    this.name = 'ExceptionNotApplicable';
  }
}
