import type { CaseView } from '@app/projections';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { LocalAuthoritiesService } from '../reference/local-authorities.service';
import { Appeal } from './appeal.graphql';
import { CaseCommands } from './case-commands.service';
import { LodgeAppealInput, RecordAppealOutcomeInput } from './case.inputs';
import { CaseMapper } from './case.mapper';
import { CaseReader } from './case-reader.service';

@Resolver(() => Appeal)
export class AppealsResolver {
  constructor(
    private readonly commands: CaseCommands,
    private readonly reader: CaseReader,
    private readonly mapper: CaseMapper,
    private readonly localAuthorities: LocalAuthoritiesService,
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

  @Mutation(() => Appeal, {
    description: 'Record that an appeal (or a discrimination claim) was lodged with the tribunal.',
  })
  async lodgeAppeal(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: LodgeAppealInput,
  ): Promise<Appeal> {
    this.localAuthorities.requireKnown(
      input.respondent?.localAuthorityCode,
      'respondent.localAuthorityCode',
    );
    let appealId = '';
    const view = await this.commands.onCase(
      viewer,
      input.caseId,
      input.clientMutationId,
      (newId) => {
        appealId = newId('appeal');
        return {
          type: 'LodgeAppeal',
          data: {
            appealId,
            appealTypes: input.appealTypes,
            lodgedOn: input.lodgedOn,
            decisionLetterOn: input.decisionLetterOn ?? null,
            mediationCertificateOn: input.mediationCertificateOn ?? null,
            decisionId: input.decisionId ?? null,
            respondent: input.respondent
              ? {
                  kind: input.respondent.kind,
                  localAuthorityCode: input.respondent.localAuthorityCode ?? null,
                  name: input.respondent.name ?? null,
                  urn: input.respondent.urn ?? null,
                }
              : null,
          },
        };
      },
    );
    return this.appealOf(view, appealId);
  }

  @Mutation(() => Appeal, {
    description:
      'Record how an appeal ended, with any orders (or, for a concession, what the LA agreed to do).',
  })
  async recordAppealOutcome(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordAppealOutcomeInput,
  ): Promise<Appeal> {
    const view = await this.commands.onAppeal(
      viewer,
      input.appealId,
      input.clientMutationId,
      (newId) => ({
        type: 'RecordAppealOutcome',
        data: {
          appealId: input.appealId,
          outcome: input.outcome,
          extent: input.extent ?? null,
          decidedOn: input.decidedOn,
          orders: (input.orders ?? []).map((order) => ({
            orderId: newId('order'),
            orderType: order.type,
            madeOn: order.madeOn ?? null,
            directedDueOn: order.directedDueOn ?? null,
          })),
        },
      }),
    );
    return this.appealOf(view, input.appealId);
  }

  private appealOf(view: CaseView, appealId: string): Appeal {
    return this.mapper.appeal(view, appealId);
  }
}
