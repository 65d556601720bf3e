import type { CaseEvent } from '@app/domain';

const words = (value: string): string => value.toLowerCase().replace(/_/g, ' ');

const DECISIONS: Record<string, string> = {
  ASSESSMENT_AGREED: 'The council agreed to carry out an EHC needs assessment',
  ASSESSMENT_REFUSED: 'The council refused to carry out an EHC needs assessment',
  PLAN_NOT_NEEDED: 'The council decided an EHC plan is not needed',
  DRAFT_PLAN_ISSUED: 'The council sent the draft EHC plan',
  FINAL_PLAN_ISSUED: 'The council issued the final EHC plan',
  REASSESSMENT_AGREED: 'The council agreed to re-assess',
  REASSESSMENT_REFUSED: 'The council refused to re-assess',
  REVIEW_NO_AMENDMENT: 'After the review, the council decided not to amend the plan',
  REVIEW_AMENDMENTS_PROPOSED: 'After the review, the council proposed amendments to the plan',
  AMENDED_PLAN_ISSUED: 'The council issued the amended EHC plan',
  CEASE_TO_MAINTAIN: 'The council decided to stop maintaining the EHC plan',
};

export interface TimelineFacts {
  readonly occurredOn: string;
  readonly summary: string;
  readonly appealId: string | null;
}

/** The business date and a plain-English line for every case event. */
export const timelineFacts = (event: CaseEvent): TimelineFacts => {
  const line = (occurredOn: string, summary: string, appealId: string | null = null) => ({
    occurredOn,
    summary,
    appealId,
  });
  switch (event.type) {
    case 'CaseOpened':
      return line(event.data.openedOn, 'Case opened');
    case 'AssessmentRequested':
      return line(
        event.data.receivedOn,
        'The council received a request for an EHC needs assessment',
      );
    case 'ReassessmentRequested':
      return line(event.data.receivedOn, 'The council received a request to re-assess');
    case 'AdviceRequested':
      return line(event.data.requestedOn, `Advice requested from ${event.data.bodyName}`);
    case 'AdviceReceived':
      return line(event.data.receivedOn, 'Advice received');
    case 'LaDecisionRecorded':
      return line(
        event.data.decisionLetterOn,
        DECISIONS[event.data.kind] ?? words(event.data.kind),
      );
    case 'ReviewMeetingHeld':
      return line(event.data.heldOn, 'Annual review meeting held');
    case 'PhaseTransferDue':
      return line(
        event.data.transferOn ?? `${event.data.transferYear}-09-01`,
        `Phase transfer (${words(event.data.kind)}) in ${event.data.transferYear}`,
      );
    case 'ExceptionRecorded':
      return line(
        event.data.recordedOn,
        `Exception to a time limit recorded (${words(event.data.exception)})`,
      );
    case 'MediationAdviserContacted':
      return line(
        event.data.contactedOn,
        event.data.mediationWanted
          ? 'Mediation adviser contacted: mediation wanted'
          : 'Mediation adviser contacted: mediation declined',
      );
    case 'MediationHeld':
      return line(
        event.data.endedOn,
        event.data.agreementReached ? 'Mediation held: agreement reached' : 'Mediation held',
      );
    case 'MediationCertificateIssued':
      return line(event.data.issuedOn, 'Mediation certificate issued');
    case 'AppealLodged':
      return line(
        event.data.lodgedOn,
        `Appeal lodged (${event.data.appealTypes.map(words).join(', ')})`,
        event.data.appealId,
      );
    case 'AppealRegistered':
      return line(
        event.data.registeredOn,
        // Not the tribunal reference: it is personal data, and a derived copy would outlive its erasure.
        'Appeal registered by the tribunal',
        event.data.appealId,
      );
    case 'LaResponseReceived':
      return line(
        event.data.receivedOn,
        event.data.opposed
          ? 'The council responded: it opposes the appeal'
          : 'The council responded: it does not oppose the appeal',
        event.data.appealId,
      );
    case 'EvidenceSubmitted':
      return line(
        event.data.submittedOn,
        `Evidence sent by the ${event.data.party === 'LA' ? 'council' : 'family'}`,
        event.data.appealId,
      );
    case 'HearingBundleSent':
      return line(event.data.sentOn, 'Hearing bundle sent', event.data.appealId);
    case 'HearingScheduled':
      return line(event.data.hearingOn, 'Hearing scheduled', event.data.appealId);
    case 'HearingAdjourned':
      return line(event.data.adjournedOn, 'Hearing adjourned', event.data.appealId);
    case 'HearingHeld':
      return line(event.data.heldOn, 'Hearing held', event.data.appealId);
    case 'AppealOutcomeRecorded': {
      const { outcome, extent } = event.data;
      return line(
        event.data.decidedOn,
        `Appeal ended: ${words(outcome)}${extent ? ` (${words(extent)})` : ''}`,
        event.data.appealId,
      );
    }
    case 'TribunalOrderMade':
      return line(event.data.madeOn, `Order: ${words(event.data.orderType)}`, event.data.appealId);
    case 'OrderComplied':
      return line(
        event.data.compliedOn,
        event.data.daysLate > 0
          ? `The council complied with the order, ${event.data.daysLate} days late`
          : 'The council complied with the order on time',
      );
    case 'DecisionChallengeLodged':
      return line(
        event.data.lodgedOn,
        `Challenge lodged: ${words(event.data.kind)}`,
        event.data.appealId,
      );
    case 'DecisionChallengeDecided':
      return line(
        event.data.decidedOn,
        event.data.granted ? 'Challenge granted' : 'Challenge refused',
      );
    case 'HscRecommendationsMade':
      return line(
        event.data.madeOn,
        'Health and social care recommendations made',
        event.data.appealId,
      );
    case 'HscRecommendationsAnswered':
      return line(
        event.data.answeredOn,
        event.data.followed
          ? 'Recommendations answered: will be followed'
          : 'Recommendations answered: will not be followed',
      );
    case 'BreachReported':
      return line(event.data.occurredOn, `Breach reported: ${words(event.data.breachType)}`);
    case 'BreachDetected':
      return line(
        event.data.detectedOn,
        `Deadline missed (due ${event.data.dueOn}): ${words(event.data.breachType)}`,
      );
    case 'BreachRemedied':
      return line(
        event.data.remediedOn,
        `The late action happened, ${event.data.daysLate} days late`,
      );
    case 'AccessGranted':
      return line(
        event.data.grantedOn,
        event.data.expiresOn
          ? `Shared with ${event.data.organisation} until the end of ${event.data.expiresOn}`
          : `Shared with ${event.data.organisation} until revoked`,
      );
    case 'AccessRevoked':
      return line(event.data.revokedOn, `Stopped sharing with ${event.data.organisation}`);
    case 'PersonalDataErased':
      return line(event.data.erasedOn, 'Personal data erased');
    default: {
      const _exhaustive: never = event;
      return line('', '');
    }
  }
};
