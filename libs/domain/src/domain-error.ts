/**
 * Errors the deciders throw. `code` is stable: the API maps it to GraphQL `extensions.code`, so clients can rely on it;
 * `message` is written for a family to read.
 */
export type DomainErrorCode = 'INVALID_TRANSITION' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

/** The command does not fit where the case is, e.g. an outcome for an appeal that was never lodged. */
export class InvalidTransition extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransition';
  }
}

/** A value is wrong in itself (a date after today, an empty list). `field` names the input field. */
export class InvalidInput extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidInput';
  }
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}
