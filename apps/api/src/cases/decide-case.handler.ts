import { caseDecider, caseStreamId, type CaseCommand, type CaseState } from '@app/domain';
import {
  FoldedStates,
  handleCommand,
  type EventStore,
  type HandleCommandResult,
} from '@app/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../persistence/persistence.tokens';
import { ProjectionService } from '../persistence/projection.service';

export interface DecideOptions {
  readonly actor: string;
  readonly now: Date;
  /** The mutation's clientMutationId: a retry with the same key appends nothing and returns the first result. */
  readonly idempotencyKey?: string;
}

/** One Nest command for the case decider: the domain command union is the single source of truth. */
export class DecideCase extends Command<HandleCommandResult<CaseState>> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly options: DecideOptions,
  ) {
    super();
  }
}

@CommandHandler(DecideCase)
export class DecideCaseHandler implements ICommandHandler<DecideCase> {
  /**
   * Cases' folded states between commands: a command reads only the events after the version kept (never less than
   * what the store holds; see FoldedStates). The case state holds no personal data, so nothing here outlives an
   * erasure.
   */
  private readonly states = new FoldedStates<CaseState>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  async execute({ caseId, command, options }: DecideCase): Promise<HandleCommandResult<CaseState>> {
    const result = await handleCommand(
      this.store,
      caseStreamId(caseId),
      caseDecider,
      command,
      options,
      this.states,
    );
    this.projections.runner.wake();
    return result;
  }
}
