import {
  caseOpened,
  command,
  decided,
  event,
  expectField,
  given,
  heardAppeal,
  lodged,
  orderMade,
  registered,
} from './appeal.spec-helper';

// send-domain §1.7: the LA's compliance with each order, measured against reg 44 / reg 45 / reg 42.
describe('RecordOrderCompliance', () => {
  describe('fixes the statutory due date and how late the council was', () => {
    it.each([
      ['2025-04-10', 3, 'three days after the 5 weeks'],
      ['2025-04-07', 0, 'on the last day'],
      ['2025-03-20', 0, 'early'],
    ])(
      'an order to amend B/F sent Mon 3 Mar 2025 is due Mon 7 Apr; complied %s → %i days late (%s)',
      (compliedOn, late) =>
        given(ordered())
          .when(comply(compliedOn))
          .then([complied(compliedOn, '2025-04-07', late)]),
    );

    it.each([
      // complied Tue 20 May 2025 in every row; late = whole days after the due date
      [
        'ASSESS',
        ['REFUSAL_TO_ASSESS'],
        '2025-03-17',
        64,
        'notify within 2 weeks (the LA’s first duty)',
      ],
      [
        'MAKE_AND_MAINTAIN_PLAN',
        ['REFUSAL_TO_ISSUE'],
        '2025-05-19',
        1,
        'final plan within 11 weeks',
      ],
      ['NAME_SCHOOL', ['PLACEMENT_I'], '2025-03-17', 64, 'Section I within 2 weeks'],
      [
        'AMEND_B_F_AND_NAME_SCHOOL',
        ['CONTENTS_B', 'PLACEMENT_I'],
        '2025-04-07',
        43,
        'the later, 5 weeks',
      ],
      ['CONTINUE_TO_MAINTAIN', ['CEASE_TO_MAINTAIN'], '2025-03-03', 78, 'immediately'],
    ] as const)(
      'a %s order on %p is due %s, %i days late (%s)',
      (orderType, appealTypes, dueOn, late, _why) =>
        given([
          caseOpened,
          lodged({ appealTypes: [...appealTypes] }),
          decided(),
          orderMade({ orderType }),
        ])
          .when(comply('2025-05-20'))
          .then([complied('2025-05-20', dueOn, late)]),
    );

    it.each([
      [['CONTENTS_F', 'PLACEMENT_I'], '2025-01-24', 0, '5 weeks with a contents appeal'],
      [['PLACEMENT_I'], '2025-01-03', 21, '2 weeks for Section I alone'],
    ] as const)(
      'after a concession (reg 45) on 20 Dec 2024, naming a school on %p is due %s; complied 24 Jan 2025 → %i days late (%s)',
      (appealTypes, dueOn, late, _why) =>
        given([
          caseOpened,
          lodged({ appealTypes: [...appealTypes] }),
          registered(),
          decided({ outcome: 'CONCEDED', extent: null, decidedOn: '2024-12-20', unopposed: true }),
          orderMade({ orderType: 'NAME_SCHOOL', basis: 'UNOPPOSED_APPEAL', madeOn: '2024-12-20' }),
        ])
          .when(comply('2025-01-24'))
          .then([complied('2025-01-24', dueOn, late)]),
    );

    it('measures an agreement reached at mediation by the reg 44 period (reg 42)', () =>
      given([...heardAppeal, decided(), orderMade({ basis: 'MEDIATION_AGREEMENT' })])
        .when(comply('2025-04-08'))
        .then([complied('2025-04-08', '2025-04-07', 1)]));

    it('uses the tribunal’s own date for a refer-back, and none when it set none', () => {
      given([
        ...heardAppeal,
        decided(),
        orderMade({ orderType: 'REFER_BACK_TO_RECONSIDER', directedDueOn: '2025-03-31' }),
      ])
        .when(comply('2025-04-02'))
        .then([complied('2025-04-02', '2025-03-31', 2)]);
      given([...heardAppeal, decided(), orderMade({ orderType: 'REFER_BACK_TO_RECONSIDER' })])
        .when(comply('2025-04-02'))
        .then([complied('2025-04-02', null, 0)]);
    });
  });

  it.each([
    ['an order never made', heardAppeal, /No order with this id/],
    [
      'an order already complied with',
      [...ordered(), complied('2025-04-10', '2025-04-07', 3)],
      /already recorded \(on 2025-04-10\)/,
    ],
    [
      'an order whose decision was set aside',
      [...ordered(), ...setAside()],
      /set aside on 2025-03-20/,
    ],
  ])('refuses compliance with %s', (_name, history, message) =>
    given(history).when(comply('2025-04-10')).thenThrows('INVALID_TRANSITION', message),
  );

  it.each([
    ['2025-03-02', /earlier than the date the order was made/],
    ['2025-06-11', /later than today/],
    ['2025-04-31', /real date/],
  ])('rejects compliance dated %s on field compliedOn', (compliedOn, message) =>
    expectField(
      given(ordered()).when(comply(compliedOn)).thrown('BAD_USER_INPUT', message),
      'compliedOn',
    ),
  );
});

// ---- fixtures -------------------------------------------------------------------------------------------------
function ordered() {
  return [...heardAppeal, decided(), orderMade()];
}
function comply(compliedOn: string) {
  return command('RecordOrderCompliance', { orderId: 'order-1', compliedOn });
}
function complied(compliedOn: string, dueOn: string | null, daysLate: number) {
  return event('OrderComplied', { orderId: 'order-1', compliedOn, dueOn, daysLate });
}
function setAside() {
  return [
    event('DecisionChallengeLodged', {
      appealId: 'appeal-1',
      challengeId: 'challenge-1',
      kind: 'SET_ASIDE',
      lodgedOn: '2025-03-10',
      by: 'LA',
    }),
    event('DecisionChallengeDecided', {
      challengeId: 'challenge-1',
      decidedOn: '2025-03-20',
      granted: true,
    }),
  ];
}
