import { randomUUID } from 'node:crypto';
import type { CaseView } from '@app/projections';
import { deterministicId } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../graphql/errors';
import { LocalAuthoritiesService } from '../reference/local-authorities.service';
import { Appeal } from './appeal.graphql';
import { assertMayRecordCaseEvents } from './case-access';
import { LodgeAppealInput, RecordAppealOutcomeInput } from './case.inputs';
import { toAppeal } from './case.mapper';
import { CaseReader } from './case-reader.service';
import { DecideCase } from './decide-case.handler';

@Resolver(() => Appeal)
export class AppealsResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly reader: CaseReader,
    private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => Appeal, {
    nullable: true,
    description: 'An appeal you may see; null if it does not exist or you may not.',
  })
  async appeal(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Appeal | null> {
    const view = await this.reader.visibleCaseOfAppeal(viewer, id);
    return view ? this.appealOf(view, id) : null;
  }

  @Mutation(() => Appeal, { description: 'Record that an appeal was lodged with the tribunal.' })
  async lodgeAppeal(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: LodgeAppealInput,
  ): Promise<Appeal> {
    assertMayRecordCaseEvents(viewer);
    const view = await this.reader.visibleCase(viewer, input.caseId);
    if (!view) throw notFound('The case');
    const key = input.clientMutationId;
    const appealId = key ? deterministicId('appeal', viewer.id, view.caseId, key) : randomUUID();
    const result = await this.commandBus.execute(
      new DecideCase(
        view.caseId,
        {
          type: 'LodgeAppeal',
          data: {
            appealId,
            appealTypes: input.appealTypes,
            lodgedOn: input.lodgedOn,
            decisionLetterOn: input.decisionLetterOn ?? null,
            mediationCertificateOn: input.mediationCertificateOn ?? null,
          },
          metadata: { actor: viewer.id, today: this.clock.today() },
        },
        { actor: viewer.id, now: this.clock.now(), idempotencyKey: key },
      ),
    );
    return this.appealOf(await this.reader.afterWrite(view.caseId, result), appealId);
  }

  @Mutation(() => Appeal, {
    description: 'Record how an appeal ended (and, for a decision, whether in full or in part).',
  })
  async recordAppealOutcome(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordAppealOutcomeInput,
  ): Promise<Appeal> {
    assertMayRecordCaseEvents(viewer);
    const view = await this.reader.visibleCaseOfAppeal(viewer, input.appealId);
    if (!view) throw notFound('The appeal');
    const result = await this.commandBus.execute(
      new DecideCase(
        view.caseId,
        {
          type: 'RecordAppealOutcome',
          data: {
            appealId: input.appealId,
            outcome: input.outcome,
            extent: input.extent ?? null,
            decidedOn: input.decidedOn,
          },
          metadata: { actor: viewer.id, today: this.clock.today() },
        },
        { actor: viewer.id, now: this.clock.now(), idempotencyKey: input.clientMutationId },
      ),
    );
    return this.appealOf(await this.reader.afterWrite(view.caseId, result), input.appealId);
  }

  private appealOf(view: CaseView, appealId: string): Appeal {
    const appeal = view.appeals.find((a) => a.appealId === appealId);
    if (!appeal) throw notFound('The appeal');
    return toAppeal(view, appeal, this.localAuthorities);
  }
}
