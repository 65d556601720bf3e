import type { CaseView } from '@app/projections';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { Appeal } from './appeal.graphql';
import {
  AdjournHearingInput,
  LodgeDecisionChallengeInput,
  RecordChallengeDecisionInput,
  RecordEvidenceInput,
  RecordHearingBundleInput,
  RecordHearingHeldInput,
  RecordHscAnswerInput,
  RecordHscRecommendationsInput,
  RecordLaResponseInput,
  RecordMediationAdviserContactInput,
  RecordMediationCertificateInput,
  RecordMediationInput,
  RecordOrderComplianceInput,
  RegisterAppealInput,
  ScheduleHearingInput,
} from './appeal-lifecycle.inputs';
import { Case } from './case.graphql';
import { CaseCommands, type CommandBody } from './case-commands.service';
import { CaseMapper } from './case.mapper';

/** Mutations for each step of an appeal after lodging (send-domain §1.3–§1.9). Rules live in the domain. */
@Resolver(() => Appeal)
export class AppealLifecycleResolver {
  constructor(
    private readonly commands: CaseCommands,
    private readonly mapper: CaseMapper,
  ) {}

  @Mutation(() => Case, {
    description:
      'The family contacted the mediation adviser (reg 33: within 2 months of the letter).',
  })
  async recordMediationAdviserContact(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordMediationAdviserContactInput,
  ): Promise<Case> {
    const { caseId, decisionId, contactedOn, mediationWanted } = input;
    const view = await this.commands.onCase(viewer, caseId, input.clientMutationId, () => ({
      type: 'RecordMediationAdviserContact',
      data: { decisionId: decisionId ?? null, contactedOn, mediationWanted },
    }));
    return this.mapper.case(view);
  }

  @Mutation(() => Case, { description: 'Mediation took place.' })
  async recordMediation(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordMediationInput,
  ): Promise<Case> {
    const { endedOn, agreementReached } = input;
    const view = await this.commands.onCase(viewer, input.caseId, input.clientMutationId, () => ({
      type: 'RecordMediation',
      data: { endedOn, agreementReached },
    }));
    return this.mapper.case(view);
  }

  @Mutation(() => Case, { description: 'The mediation certificate was issued.' })
  async recordMediationCertificate(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordMediationCertificateInput,
  ): Promise<Case> {
    const view = await this.commands.onCase(viewer, input.caseId, input.clientMutationId, () => ({
      type: 'RecordMediationCertificate',
      data: { issuedOn: input.issuedOn },
    }));
    return this.mapper.case(view);
  }

  @Mutation(() => Appeal, {
    description: 'The tribunal registered the appeal and directed its timetable.',
  })
  registerAppeal(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RegisterAppealInput,
  ): Promise<Appeal> {
    const { appealId, tribunalReference, registeredOn } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RegisterAppeal',
      data: {
        appealId,
        tribunalReference,
        registeredOn,
        responseDueOn: input.responseDueOn ?? null,
        evidenceDueOn: input.evidenceDueOn ?? null,
        hearingOn: input.hearingOn ?? null,
      },
    });
  }

  @Mutation(() => Appeal, {
    description: 'The LA sent its response (and said whether it opposes).',
  })
  recordLaResponse(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordLaResponseInput,
  ): Promise<Appeal> {
    const { appealId, receivedOn, opposed } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordLaResponse',
      data: { appealId, receivedOn, opposed },
    });
  }

  @Mutation(() => Appeal, { description: 'Evidence was sent to the tribunal.' })
  recordEvidence(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordEvidenceInput,
  ): Promise<Appeal> {
    const { appealId, submittedOn, party } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordEvidence',
      data: { appealId, submittedOn, party },
    });
  }

  @Mutation(() => Appeal, { description: 'The LA sent the hearing bundle.' })
  recordHearingBundle(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordHearingBundleInput,
  ): Promise<Appeal> {
    const { appealId, sentOn } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordHearingBundle',
      data: { appealId, sentOn },
    });
  }

  @Mutation(() => Appeal, { description: 'A hearing date was fixed.' })
  scheduleHearing(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: ScheduleHearingInput,
  ): Promise<Appeal> {
    const { appealId, hearingOn } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'ScheduleHearing',
      data: { appealId, hearingOn },
    });
  }

  @Mutation(() => Appeal, { description: 'The hearing was adjourned (postponed).' })
  adjournHearing(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: AdjournHearingInput,
  ): Promise<Appeal> {
    const { appealId, adjournedOn } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'AdjournHearing',
      data: {
        appealId,
        adjournedOn,
        newHearingOn: input.newHearingOn ?? null,
        reason: input.reason ?? null,
      },
    });
  }

  @Mutation(() => Appeal, { description: 'The hearing took place.' })
  recordHearingHeld(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordHearingHeldInput,
  ): Promise<Appeal> {
    const { appealId, heldOn } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordHearingHeld',
      data: { appealId, heldOn },
    });
  }

  @Mutation(() => Appeal, {
    description: 'The LA did what an order required; the days late are worked out.',
  })
  recordOrderCompliance(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordOrderComplianceInput,
  ): Promise<Appeal> {
    const { appealId, orderId, compliedOn } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordOrderCompliance',
      data: { orderId, compliedOn },
    });
  }

  @Mutation(() => Appeal, {
    description: 'Set-aside, review, permission to appeal, or an Upper Tribunal application.',
  })
  async lodgeDecisionChallenge(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: LodgeDecisionChallengeInput,
  ): Promise<Appeal> {
    const { appealId, kind, lodgedOn, by } = input;
    const view = await this.commands.onAppeal(
      viewer,
      appealId,
      input.clientMutationId,
      (newId) => ({
        type: 'LodgeDecisionChallenge',
        data: { appealId, challengeId: newId('challenge'), kind, lodgedOn, by },
      }),
    );
    return this.appealOf(view, appealId);
  }

  @Mutation(() => Appeal, { description: 'The outcome of a challenge.' })
  recordChallengeDecision(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordChallengeDecisionInput,
  ): Promise<Appeal> {
    const { appealId, challengeId, decidedOn, granted } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordChallengeDecision',
      data: { challengeId, decidedOn, granted },
    });
  }

  @Mutation(() => Appeal, {
    description: 'The tribunal made health/social care recommendations (answer due in 5 weeks).',
  })
  async recordHscRecommendations(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordHscRecommendationsInput,
  ): Promise<Appeal> {
    const { appealId, madeOn, addressedTo } = input;
    const view = await this.commands.onAppeal(
      viewer,
      appealId,
      input.clientMutationId,
      (newId) => ({
        type: 'RecordHscRecommendations',
        data: { appealId, recommendationId: newId('recommendation'), madeOn, addressedTo },
      }),
    );
    return this.appealOf(view, appealId);
  }

  @Mutation(() => Appeal, { description: 'The LA or health body answered the recommendations.' })
  recordHscAnswer(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordHscAnswerInput,
  ): Promise<Appeal> {
    const { appealId, recommendationId, answeredOn, followed } = input;
    return this.onAppeal(viewer, appealId, input.clientMutationId, {
      type: 'RecordHscAnswer',
      data: { recommendationId, answeredOn, followed },
    });
  }

  private async onAppeal(
    viewer: Viewer,
    appealId: string,
    clientMutationId: string | undefined,
    body: CommandBody,
  ): Promise<Appeal> {
    const view = await this.commands.onAppeal(viewer, appealId, clientMutationId, () => body);
    return this.appealOf(view, appealId);
  }

  private appealOf(view: CaseView, appealId: string): Appeal {
    return this.mapper.appeal(view, appealId);
  }
}
