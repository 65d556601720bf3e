import type { DomainEvent } from '../decider';
import type { AccessEvent } from './access.events';
import type { AppealEvent } from './appeal.events';
import type { BreachEvent } from './breach.events';
import type { ErasureEvent } from './erasure.events';
import type { ProcessEvent } from './process.events';

/** Every event of a case stream (`case-<caseId>`): one stream per child keeps the case's rules consistent. */
export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    caseId: string;
    ownerId: string;
    localAuthorityCode: string;
    /** Personal data: how the family names the child (a first name or nickname). */
    childLabel: string;
    openedOn: string;
  }
>;

export type CaseEvent =
  CaseOpened | ProcessEvent | AppealEvent | BreachEvent | AccessEvent | ErasureEvent;
export type CaseEventType = CaseEvent['type'];
