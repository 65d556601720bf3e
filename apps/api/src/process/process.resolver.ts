import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { Case } from '../cases/case.graphql';
import { CaseCommands, type CommandBody, type IdFactory } from '../cases/case-commands.service';
import { CaseMapper } from '../cases/case.mapper';
import {
  RecordAdviceReceivedInput,
  RecordAdviceRequestInput,
  RecordDecisionInput,
  RecordExceptionInput,
  RecordPhaseTransferInput,
  RecordReviewMeetingInput,
  RequestAssessmentInput,
  RequestReassessmentInput,
} from './process.inputs';

/** Mutations for the statutory process around appeals (send-domain §2). Rules live in the domain. */
@Resolver(() => Case)
export class ProcessResolver {
  constructor(
    private readonly commands: CaseCommands,
    private readonly mapper: CaseMapper,
  ) {}

  @Mutation(() => Case, {
    description: 'The council received a request for an EHC needs assessment.',
  })
  requestAssessment(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RequestAssessmentInput,
  ): Promise<Case> {
    return this.run(viewer, input, (newId) => ({
      type: 'RequestAssessment',
      data: {
        requestId: newId('request'),
        receivedOn: input.receivedOn,
        requestedBy: input.requestedBy,
      },
    }));
  }

  @Mutation(() => Case, { description: 'The council received a request to re-assess.' })
  requestReassessment(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RequestReassessmentInput,
  ): Promise<Case> {
    return this.run(viewer, input, (newId) => ({
      type: 'RequestReassessment',
      data: { requestId: newId('request'), receivedOn: input.receivedOn },
    }));
  }

  @Mutation(() => Case, {
    description: 'The council asked a body for advice (6 weeks to answer, reg 8).',
  })
  recordAdviceRequest(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordAdviceRequestInput,
  ): Promise<Case> {
    const { from, bodyName, requestedOn } = input;
    return this.run(viewer, input, (newId) => ({
      type: 'RecordAdviceRequest',
      data: { adviceId: newId('advice'), from, bodyName, requestedOn },
    }));
  }

  @Mutation(() => Case, { description: 'Requested advice arrived.' })
  recordAdviceReceived(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordAdviceReceivedInput,
  ): Promise<Case> {
    return this.run(viewer, input, () => ({
      type: 'RecordAdviceReceived',
      data: { adviceId: input.adviceId, receivedOn: input.receivedOn },
    }));
  }

  @Mutation(() => Case, {
    description: 'A decision letter from the council (appealable or not), with its date.',
  })
  recordDecision(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordDecisionInput,
  ): Promise<Case> {
    const { kind, decisionLetterOn } = input;
    return this.run(viewer, input, (newId) => ({
      type: 'RecordDecision',
      data: {
        decisionId: newId('decision'),
        kind,
        decisionLetterOn,
        appealRightsStated: input.appealRightsStated ?? null,
      },
    }));
  }

  @Mutation(() => Case, { description: 'An annual (or early) review meeting took place.' })
  recordReviewMeeting(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordReviewMeetingInput,
  ): Promise<Case> {
    return this.run(viewer, input, (newId) => ({
      type: 'RecordReviewMeeting',
      data: { reviewId: newId('review'), heldOn: input.heldOn },
    }));
  }

  @Mutation(() => Case, {
    description: 'A phase transfer is coming (the plan must be amended in time, reg 18).',
  })
  recordPhaseTransfer(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordPhaseTransferInput,
  ): Promise<Case> {
    const { kind, transferYear } = input;
    return this.run(viewer, input, (newId) => ({
      type: 'RecordPhaseTransfer',
      data: {
        transferId: newId('transfer'),
        kind,
        transferYear,
        transferOn: input.transferOn ?? null,
      },
    }));
  }

  @Mutation(() => Case, {
    description: 'An exception to a time limit was claimed (only recorded ones count).',
  })
  recordException(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: RecordExceptionInput,
  ): Promise<Case> {
    const { exception, recordedOn } = input;
    return this.run(viewer, input, (newId) => ({
      type: 'RecordException',
      data: { exceptionId: newId('exception'), exception, recordedOn, note: input.note ?? null },
    }));
  }

  private async run(
    viewer: Viewer,
    input: { caseId: string; clientMutationId?: string },
    build: (newId: IdFactory) => CommandBody,
  ): Promise<Case> {
    const view = await this.commands.onCase(viewer, input.caseId, input.clientMutationId, build);
    return this.mapper.case(view);
  }
}
