import type { CaseEvent } from './case.events';
import { nextActionsAsOf } from './deadline-tracker.next-actions';
import {
  adviceRequested,
  assessmentRequested,
  decision,
  exceptionRecorded,
  opened,
  orderMade,
  outcome,
  appealLodged,
  track,
} from './deadline-tracker.spec-helper';

const TODAY = '2025-09-30';

describe('next actions for the family', () => {
  it('tells a parent what a refusal to assess (letter dated 3 March) means for them', () => {
    const events = [opened, decision('ASSESSMENT_REFUSED', '2025-03-03', 'd-1')];
    expect(nextActionsAsOf(track(events), '2025-03-10')).toEqual([
      {
        key: 'FAMILY_DEADLINE:MEDIATION_ADVISER_CONTACT:decision:d-1',
        kind: 'FAMILY_DEADLINE',
        dueOn: '2025-05-03',
        text: 'Contact the mediation adviser by 3 May 2025 if you want to appeal, and say whether you want mediation.',
        deadlineKey: 'MEDIATION_ADVISER_CONTACT:decision:d-1',
      },
      {
        key: 'FAMILY_DEADLINE:SEN_APPEAL_LODGE:decision:d-1',
        kind: 'FAMILY_DEADLINE',
        dueOn: '2025-05-06',
        text: 'If you want to appeal, your appeal must reach the Tribunal by 5pm on 6 May 2025.',
        deadlineKey: 'SEN_APPEAL_LODGE:decision:d-1',
      },
    ]);
  });

  it('puts the family’s own deadlines first, then what others are late with, then what they must still do', () => {
    const events: CaseEvent[] = [
      opened,
      assessmentRequested('2025-03-27'),
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      decision('DRAFT_PLAN_ISSUED', '2025-07-10'),
      decision('REVIEW_NO_AMENDMENT', '2025-09-20', 'd-review'),
      { type: 'ReviewMeetingHeld', data: { reviewId: 'rv-1', heldOn: '2025-09-25' } },
    ];
    const actions = nextActionsAsOf(track(events), TODAY);
    expect(actions.map((a) => [a.kind, a.deadlineKey])).toEqual([
      ['FAMILY_DEADLINE', 'MEDIATION_ADVISER_CONTACT:decision:d-review'],
      ['FAMILY_DEADLINE', 'SEN_APPEAL_LODGE:decision:d-review'],
      ['CHASE_OVERDUE', 'EHC_FINAL_PLAN_20WK:request:r-1'],
      ['WAIT', 'REVIEW_LA_DECISION:review:rv-1'],
      ['WAIT', 'ANNUAL_REVIEW_NEXT:review:rv-1'],
    ]);
    expect(actions[2]?.text).toBe(
      "The council is 47 days late issuing the final EHC plan (due 14 August 2025). You can complain to the council and then the Local Government and Social Care Ombudsman; IPSEA's model letter 10 covers this.",
    );
    expect(actions[3]?.text).toBe(
      'The council must tell you its decision after the review meeting by 23 October 2025.',
    );
  });

  it('names the body that is late with its advice', () => {
    const [action] = nextActionsAsOf(track([opened, adviceRequested('2025-04-14')]), TODAY);
    expect(action).toMatchObject({ kind: 'CHASE_OVERDUE', dueOn: '2025-05-26' });
    expect(action?.text).toMatch(
      /^Kent and Medway ICB is 127 days late giving its advice for the EHC needs assessment \(due 26 May 2025\)\. Waiting lists are not a lawful excuse\./,
    );
  });

  it('points to the escalation for a tribunal order the council has not carried out', () => {
    const events = [
      opened,
      appealLodged({ appealTypes: ['CONTENTS_F'], lodgedOn: '2025-06-02' }),
      outcome('DECIDED_IN_FAVOUR', '2025-07-01'),
      orderMade('AMEND_B_F', '2025-07-01'),
    ];
    const chase = nextActionsAsOf(track(events), TODAY).find((a) => a.kind === 'CHASE_OVERDUE');
    expect(chase?.text).toBe(
      "The council is 56 days late doing what the Tribunal ordered (due 5 August 2025). The Tribunal cannot enforce its orders. Write to the council (IPSEA's model letter 16), then complain to the Secretary of State for Education (Education Act 1996 ss.496–497); judicial review is the last resort.",
    );
  });

  it('tells the family what the Tribunal aims to do next (a target, not a duty)', () => {
    const events = [
      opened,
      appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'], lodgedOn: '2025-05-09' }),
    ];
    expect(nextActionsAsOf(track(events), '2025-05-12')).toEqual([
      {
        key: 'WAIT:TRIBUNAL_REGISTRATION:appeal:a-1',
        kind: 'WAIT',
        dueOn: '2025-05-23',
        text: 'The Tribunal aims to register your appeal by 23 May 2025.',
        deadlineKey: 'TRIBUNAL_REGISTRATION:appeal:a-1',
      },
    ]);
    expect(nextActionsAsOf(track(events), '2025-06-02')[0]?.text).toBe(
      'The Tribunal is 10 days late registering your appeal (due 23 May 2025). The Tribunal can take longer at busy times; contact it if you have heard nothing.',
    );
  });

  it('says nothing about deadlines that were met or that a recorded exception lifted', () => {
    const events = [
      opened,
      assessmentRequested('2025-03-27'),
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      exceptionRecorded('T7_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES'),
    ];
    expect(nextActionsAsOf(track(events), TODAY)).toEqual([]);
  });
});
