import {
  deadlinesAsOf,
  nextActionsAsOf,
  type CaseDeadline,
  type NextAction as DomainNextAction,
} from '@app/domain';
import type { AppealView, BreachView, CaseView } from '@app/projections';
import { Inject, Injectable } from '@nestjs/common';
import type { Breach } from '../breaches/breach.graphql';
import { CLOCK, type Clock } from '../common/clock';
import { notFound } from '../graphql/errors';
import { LocalAuthoritiesService } from '../reference/local-authorities.service';
import type { Appeal } from './appeal.graphql';
import type { Case } from './case.graphql';
import {
  DeadlineStatusEnum,
  NextActionKindEnum,
  type Deadline,
  type NextAction,
} from './deadline.graphql';

const toDeadline = (d: CaseDeadline): Deadline => ({
  key: d.key,
  rule: d.ruleId,
  title: d.title,
  citation: d.citation,
  dueOn: d.dueOn,
  status: DeadlineStatusEnum[d.status],
  explanation: d.explanation,
  dutyHolderKind: d.dutyHolderKind,
  dutyHolder: d.dutyHolder,
  startedBy: { eventType: d.startedBy.eventType, on: d.startedBy.on },
  metOn: d.metOn,
  daysLate: d.daysLate,
  exceptionApplies: d.exceptionApplies,
  notApplicableReason: d.notApplicableReason,
  breachType: d.breachType,
});

const toNextAction = (action: DomainNextAction): NextAction => ({
  kind: NextActionKindEnum[action.kind],
  dueOn: action.dueOn,
  text: action.text,
  deadlineKey: action.deadlineKey,
});

const toBreach = (view: CaseView, breach: BreachView): Breach => ({
  id: breach.breachId,
  caseId: view.caseId,
  source: breach.source,
  breachType: breach.breachType,
  dutyHolder: breach.dutyHolder,
  legalBasis: breach.legalBasis,
  guidanceReference: breach.guidanceReference,
  occurredOn: breach.occurredOn,
  evidenceRefs: [...breach.evidenceRefs],
  notes: breach.notes,
  ruleId: breach.ruleId,
  dueOn: breach.dueOn,
  detectedOn: breach.detectedOn,
  remediedOn: breach.remediedOn,
  daysLate: breach.daysLate,
});

/** A value worked out the first time it is asked for, then kept. */
const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
};

/**
 * Read-model documents → GraphQL objects; deadline statuses are worked out as of today in England. An appeal's
 * deadlines, next actions, breaches, orders and timeline are worked out only when a query asks for them (getters,
 * which GraphQL's default resolver reads like any property): `{ id status }` after a mutation does not evaluate every
 * deadline of the case.
 */
@Injectable()
export class CaseMapper {
  constructor(
    private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  case(view: CaseView): Case {
    const today = this.clock.today();
    const caseDeadlines = once(() => deadlinesAsOf(view.deadlineTracker, today));
    const deadlines = caseDeadlines();
    return {
      id: view.caseId,
      localAuthorityCode: view.localAuthorityCode,
      localAuthority: this.localAuthorities.find(view.localAuthorityCode),
      childLabel: view.childLabel,
      openedOn: view.openedOn,
      // `?? null`: a document written before erasure existed (until its rebuild) has no erasedOn.
      erased: (view.erasedOn ?? null) !== null,
      erasedOn: view.erasedOn ?? null,
      requests: view.requests.map(({ requestId, ...rest }) => ({ id: requestId, ...rest })),
      advice: view.advice.map(({ adviceId, ...rest }) => ({ id: adviceId, ...rest })),
      decisions: view.decisions.map(({ decisionId, appealableAs, ...rest }) => ({
        id: decisionId,
        appealableAs: [...appealableAs],
        ...rest,
      })),
      reviews: view.reviews.map(({ reviewId, heldOn }) => ({ id: reviewId, heldOn })),
      transfers: view.transfers.map(({ transferId, ...rest }) => ({ id: transferId, ...rest })),
      exceptions: view.exceptions.map(({ exceptionId, ...rest }) => ({ id: exceptionId, ...rest })),
      mediation: view.mediation,
      appeals: view.appeals.map((appeal) => this.toAppeal(view, appeal, today, caseDeadlines)),
      breaches: view.breaches.map((breach) => toBreach(view, breach)),
      deadlines: deadlines.map(toDeadline),
      nextActions: nextActionsAsOf(view.deadlineTracker, today).map(toNextAction),
      timeline: [...view.timeline],
    };
  }

  appeal(view: CaseView, appealId: string): Appeal {
    const appeal = view.appeals.find((a) => a.appealId === appealId);
    if (!appeal) throw notFound('The appeal');
    const today = this.clock.today();
    return this.toAppeal(
      view,
      appeal,
      today,
      once(() => deadlinesAsOf(view.deadlineTracker, today)),
    );
  }

  breach(view: CaseView, breachId: string): Breach {
    const breach = view.breaches.find((b) => b.breachId === breachId);
    if (!breach) throw notFound('The breach');
    return toBreach(view, breach);
  }

  private toAppeal(
    view: CaseView,
    appeal: AppealView,
    today: string,
    caseDeadlines: () => readonly CaseDeadline[],
  ): Appeal {
    // The case's deadlines that are this appeal's or its orders'.
    const own = once(() => {
      const orderIds = new Set(appeal.orders.map((o) => o.orderId));
      return caseDeadlines().filter(
        (d) =>
          d.subject.appealId === appeal.appealId ||
          (d.subject.orderId !== undefined && orderIds.has(d.subject.orderId)),
      );
    });
    const keys = once(() => new Set(own().map((d) => d.key)));
    return {
      id: appeal.appealId,
      caseId: view.caseId,
      appealTypes: [...appeal.appealTypes],
      status: appeal.stage,
      localAuthorityCode: view.localAuthorityCode,
      localAuthority: this.localAuthorities.find(view.localAuthorityCode),
      lodgedOn: appeal.lodgedOn,
      decisionLetterOn: appeal.decisionLetterOn,
      mediationCertificateOn: appeal.mediationCertificateOn,
      decisionId: appeal.decisionId,
      respondent: appeal.respondent,
      tribunalReference: appeal.tribunalReference,
      registeredOn: appeal.registeredOn,
      responseDueOn: appeal.responseDueOn,
      evidenceDueOn: appeal.evidenceDueOn,
      hearingOn: appeal.hearingOn,
      laResponse: appeal.laResponse,
      evidence: [...appeal.evidence],
      bundleSentOn: appeal.bundleSentOn,
      hearingHeldOn: appeal.hearingHeldOn,
      adjournments: [...appeal.adjournments],
      outcome: appeal.outcome,
      extent: appeal.extent,
      decidedOn: appeal.decidedOn,
      unopposed: appeal.unopposed,
      get orders() {
        return appeal.orders.map((o) => {
          const pending = own().find(
            (d) => d.subject.orderId === o.orderId && d.startedBy.eventType === 'TribunalOrderMade',
          );
          return {
            id: o.orderId,
            type: o.orderType,
            basis: o.basis,
            madeOn: o.madeOn,
            dueOn: o.dueOn ?? pending?.dueOn ?? o.directedDueOn,
            compliedOn: o.compliedOn,
            daysLate: o.daysLate,
          };
        });
      },
      challenges: appeal.challenges.map(({ challengeId, ...rest }) => ({
        id: challengeId,
        ...rest,
      })),
      recommendations: appeal.recommendations.map(({ recommendationId, ...rest }) => ({
        id: recommendationId,
        ...rest,
      })),
      get deadlines() {
        return own().map(toDeadline);
      },
      get nextActions() {
        return nextActionsAsOf(view.deadlineTracker, today)
          .filter((action) => keys().has(action.deadlineKey))
          .map(toNextAction);
      },
      get breaches() {
        return view.breaches
          .filter((b) => b.deadlineKey !== null && keys().has(b.deadlineKey))
          .map((b) => toBreach(view, b));
      },
      get timeline() {
        return view.timeline.filter((entry) => entry.appealId === appeal.appealId);
      },
    };
  }
}
