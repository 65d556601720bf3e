import type { CaseCommand } from '@app/domain';

/**
 * One line of a bulk-import file (NDJSON): a domain command for one case, who gave it, and the idempotency key that
 * makes its event ids deterministic (as a GraphQL mutation's `clientMutationId` does).
 */
export interface ImportLine {
  readonly caseId: string;
  readonly actor: string;
  readonly clientMutationId: string;
  readonly command: CaseCommand;
}

/** A line that cannot even be read as a command: bad JSON or a wrong shape. */
export class MalformedLine extends Error {
  readonly code = 'MALFORMED_LINE';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedLine';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** As the API's clientMutationId: 1–100 printable ASCII characters without spaces. */
const KEY = /^[!-~]{1,100}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, field: string, max = 200): string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new MalformedLine(`${field} must be a non-empty string of at most ${max} characters.`);
  }
  return value;
};

/**
 * Parses and checks the envelope of a line; the command's data is left to the decider, which checks every field
 * (imports are "commands from outside": the deciders refuse unknown types and bad values themselves).
 */
export function parseImportLine(raw: string): ImportLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new MalformedLine(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(value)) throw new MalformedLine('A line must be a JSON object.');
  const caseId = text(value.caseId, 'caseId', 100);
  const actor = text(value.actor, 'actor');
  const clientMutationId = text(value.clientMutationId, 'clientMutationId', 100);
  if (!KEY.test(clientMutationId)) {
    throw new MalformedLine(
      'clientMutationId must be 1–100 printable ASCII characters without spaces.',
    );
  }
  const command = value.command;
  if (!isObject(command)) throw new MalformedLine('command must be an object.');
  text(command.type, 'command.type', 100);
  if (!isObject(command.data)) throw new MalformedLine('command.data must be an object.');
  const metadata = command.metadata;
  if (!isObject(metadata)) throw new MalformedLine('command.metadata must be an object.');
  if (metadata.actor !== actor) throw new MalformedLine('command.metadata.actor must equal actor.');
  if (typeof metadata.today !== 'string' || !DATE.test(metadata.today)) {
    throw new MalformedLine('command.metadata.today must be a date written YYYY-MM-DD.');
  }
  return { caseId, actor, clientMutationId, command: command as unknown as CaseCommand };
}
