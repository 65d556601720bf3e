import type {
  AppealOutcome,
  AppealType,
  BreachType,
  CaseEvent,
  DecisionExtent,
  DutyHolder,
  OrderBasis,
  OrderType,
} from '@app/domain';
import type { JsonObject, RecordedEvent } from '@app/event-store';

/**
 * Recorded events for the statistics and breach-pattern specs (imported by *.spec.ts files only). Each case keeps its
 * own stream version; the global position just counts up.
 */
export class History {
  readonly events: RecordedEvent[] = [];
  private readonly versions = new Map<string, number>();

  private add(caseId: string, event: CaseEvent): this {
    const version = (this.versions.get(caseId) ?? 0) + 1;
    this.versions.set(caseId, version);
    const position = this.events.length + 1;
    this.events.push({
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        recordedAt: '2025-06-10T12:00:00.000Z',
        actor: 'test',
        correlationId: 'c',
        causationId: 'c',
        schemaVersion: 1,
      },
      streamId: `case-${caseId}`,
      streamVersion: BigInt(version),
      globalPosition: BigInt(position),
      checkpoint: String(position),
    });
    return this;
  }

  open(caseId: string, localAuthorityCode: string, ownerId = `owner-${caseId}`): this {
    return this.add(caseId, {
      type: 'CaseOpened',
      data: { caseId, ownerId, localAuthorityCode, childLabel: 'Sam', openedOn: '2023-01-01' },
    });
  }

  lodge(caseId: string, appealId: string, appealTypes: AppealType[], lodgedOn: string): this {
    return this.add(caseId, {
      type: 'AppealLodged',
      data: {
        appealId,
        appealTypes,
        lodgedOn,
        decisionLetterOn: null,
        mediationCertificateOn: null,
      },
    });
  }

  register(caseId: string, appealId: string, registeredOn: string): this {
    return this.add(caseId, {
      type: 'AppealRegistered',
      data: {
        appealId,
        tribunalReference: 'EH000/00/00000',
        registeredOn,
        responseDueOn: null,
        evidenceDueOn: null,
        hearingOn: null,
      },
    });
  }

  outcome(
    caseId: string,
    appealId: string,
    outcome: AppealOutcome,
    decidedOn: string,
    extent: DecisionExtent | null = outcome === 'DECIDED_IN_FAVOUR' ? 'IN_FULL' : null,
  ): this {
    return this.add(caseId, {
      type: 'AppealOutcomeRecorded',
      data: { appealId, outcome, extent, decidedOn },
    });
  }

  order(
    caseId: string,
    appealId: string,
    orderId: string,
    orderType: OrderType,
    madeOn: string,
    basis: OrderBasis = 'TRIBUNAL_ORDER',
    directedDueOn: string | null = null,
  ): this {
    return this.add(caseId, {
      type: 'TribunalOrderMade',
      data: { appealId, orderId, orderType, basis, madeOn, directedDueOn },
    });
  }

  comply(
    caseId: string,
    orderId: string,
    compliedOn: string,
    dueOn: string,
    daysLate: number,
  ): this {
    return this.add(caseId, {
      type: 'OrderComplied',
      data: { orderId, compliedOn, dueOn, daysLate },
    });
  }

  reportBreach(
    caseId: string,
    breachId: string,
    breachType: BreachType,
    dutyHolder: Partial<DutyHolder> & Pick<DutyHolder, 'kind'>,
    occurredOn: string,
  ): this {
    return this.add(caseId, {
      type: 'BreachReported',
      data: {
        breachId,
        breachType,
        dutyHolder: { localAuthorityCode: null, name: null, urn: null, ...dutyHolder },
        legalBasis: 'SEND Regs 2014',
        guidanceReference: null,
        occurredOn,
        evidenceRefs: ['letter.pdf'],
        notes: 'private words',
      },
    });
  }

  detectBreach(
    caseId: string,
    breachId: string,
    breachType: BreachType,
    localAuthorityCode: string,
    dueOn: string,
  ): this {
    return this.add(caseId, {
      type: 'BreachDetected',
      data: {
        breachId,
        breachType,
        dutyHolder: { kind: 'LA', localAuthorityCode, name: null, urn: null },
        legalBasis: 'SEND Regs 2014',
        ruleId: 'REG44_AMEND_BF',
        deadlineKey: `k-${breachId}`,
        dueOn,
        detectedOn: dueOn,
      },
    });
  }

  remedy(caseId: string, breachId: string, remediedOn: string, daysLate: number): this {
    return this.add(caseId, {
      type: 'BreachRemedied',
      data: { breachId, remediedOn, daysLate },
    });
  }
}

/** Regions of the LAs the specs use (a stand-in for the register). */
export const TEST_REGIONS: Readonly<Record<string, string>> = {
  '886': 'E12000008',
  '887': 'E12000008',
  '845': 'E12000008',
  '826': 'E12000008',
  '202': 'E12000007',
  '203': 'E12000007',
  '204': 'E12000007',
};
export const testRegionOf = (la: string): string | null => TEST_REGIONS[la] ?? null;

export interface KnownOutcomes {
  readonly registered: number;
  readonly outcomes: Partial<Record<'W' | 'C' | 'CO' | 'SO' | 'F' | 'P' | 'D', number>>;
}

const OUTCOMES: Record<keyof KnownOutcomes['outcomes'], [AppealOutcome, DecisionExtent | null]> = {
  W: ['WITHDRAWN', null],
  C: ['CONCEDED', null],
  CO: ['CONSENT_ORDER', null],
  SO: ['STRUCK_OUT', null],
  F: ['DECIDED_IN_FAVOUR', 'IN_FULL'],
  P: ['DECIDED_IN_FAVOUR', 'IN_PART'],
  D: ['DISMISSED', null],
};

/**
 * A known academic year 2023/24 per LA: `registered` appeals registered on 2 October 2023 (one case each), the first
 * of them ending with the given outcomes on 4 March 2024. Appeal types alternate CONTENTS_F / REFUSAL_TO_ASSESS.
 */
export const knownYear = (
  plan: Readonly<Record<string, KnownOutcomes>>,
  history = new History(),
): History => {
  for (const [la, { registered, outcomes }] of Object.entries(plan)) {
    const ends = Object.entries(outcomes).flatMap(([code, n]) =>
      Array.from({ length: n }, () => OUTCOMES[code as keyof KnownOutcomes['outcomes']]),
    );
    if (ends.length > registered) throw new Error(`${la}: more outcomes than appeals`);
    for (let i = 0; i < registered; i++) {
      const caseId = `${la}-case-${i}`;
      const appealId = `${la}-appeal-${i}`;
      const type: AppealType = i % 2 === 0 ? 'CONTENTS_F' : 'REFUSAL_TO_ASSESS';
      history.open(caseId, la).lodge(caseId, appealId, [type], '2023-09-20');
      history.register(caseId, appealId, '2023-10-02');
      const end = ends[i];
      if (end) history.outcome(caseId, appealId, end[0], '2024-03-04', end[1]);
    }
  }
  return history;
};
