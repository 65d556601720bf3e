import { History } from '../statistics/statistics.spec-helper';
import { breachPatternRows as rowsOfBatch } from './breach-patterns.projection';
import { breachPatternRows, hasRepeatWindow } from './breach-patterns.query';
import type { BreachOccurrence } from './breach-patterns.evolve';

const occurrencesOf = (history: History): BreachOccurrence[] =>
  rowsOfBatch(new Map(), history.events).occurrences;

describe('breach-pattern read model: Given events → Then rows', () => {
  it('keeps one row per breach, reported or detected, keyed by duty-holder, with nothing personal', () => {
    const history = new History()
      .open('c1', '886')
      .reportBreach(
        'c1',
        'b1',
        'UNLAWFUL_EXCLUSION',
        { kind: 'SCHOOL', name: ' Oak  Academy ', urn: '123456' },
        '2024-02-01',
      )
      .detectBreach('c1', 'b2', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2024-03-07')
      .remedy('c1', 'b2', '2024-03-20', 13)
      .reportBreach(
        'c1',
        'b3',
        'TIMESCALE_ADVICE',
        { kind: 'HEALTH_BODY', name: 'Kent and Medway ICB' },
        '2024-04-01',
      );
    const { cases, occurrences } = rowsOfBatch(new Map(), history.events);
    expect([...cases]).toEqual([['c1', '886']]);
    expect(occurrences).toEqual([
      {
        breachId: 'b1',
        caseId: 'c1',
        source: 'REPORTED',
        breachType: 'UNLAWFUL_EXCLUSION',
        holderKey: 'SCHOOL:urn:123456',
        holderKind: 'SCHOOL',
        holderName: 'Oak  Academy',
        holderUrn: '123456',
        holderLocalAuthorityCode: '886',
        occurredOn: '2024-02-01',
      },
      {
        breachId: 'b2',
        caseId: 'c1',
        source: 'DETECTED',
        breachType: 'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
        holderKey: 'LA:886',
        holderKind: 'LA',
        holderName: null,
        holderUrn: null,
        holderLocalAuthorityCode: '886',
        // The first day after the missed deadline; remedying it later does not undo it.
        occurredOn: '2024-03-08',
      },
      {
        breachId: 'b3',
        caseId: 'c1',
        source: 'REPORTED',
        breachType: 'TIMESCALE_ADVICE',
        holderKey: 'HEALTH_BODY:886:kent and medway icb',
        holderKind: 'HEALTH_BODY',
        holderName: 'Kent and Medway ICB',
        holderUrn: null,
        holderLocalAuthorityCode: '886',
        occurredOn: '2024-04-01',
      },
    ]);
    expect(JSON.stringify(occurrences)).not.toMatch(/private words|letter\.pdf/);
  });

  it('finds the case LA of a later batch in the stored cases', () => {
    const history = new History()
      .open('c1', '887')
      .reportBreach('c1', 'b1', 'ANNUAL_REVIEW_LATE', { kind: 'LA' }, '2024-01-05');
    const later = history.events.slice(1);
    expect(rowsOfBatch(new Map([['c1', '887']]), later).occurrences[0]?.holderKey).toBe('LA:887');
    expect(rowsOfBatch(new Map(), later).occurrences).toEqual([]);
  });
});

/** Kent failing to implement orders: 2 cases in 2023; 4 cases (c1 twice) in 2024; plus a big school pattern. */
const pattern = (): History => {
  const h = new History();
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) h.open(id, '886');
  h.detectBreach('c5', 'k1', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2023-03-01');
  h.detectBreach('c6', 'k2', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2023-11-01');
  h.detectBreach('c1', 'k3', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2024-01-10');
  h.reportBreach('c1', 'k4', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', { kind: 'LA' }, '2024-02-20');
  h.reportBreach('c2', 'k5', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', { kind: 'LA' }, '2024-03-01');
  h.detectBreach('c3', 'k6', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2024-06-01');
  h.detectBreach('c4', 'k7', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2024-12-30');
  // A school (no URN) named two ways in Kent, 7 pupils, one of them twice.
  for (let i = 0; i < 7; i++) {
    h.open(`s${i}`, '886');
    h.reportBreach(
      `s${i}`,
      `e${i}`,
      'UNLAWFUL_EXCLUSION',
      { kind: 'SCHOOL', name: i % 2 ? 'oak academy' : 'Oak Academy' },
      `2024-0${i + 1}-15`,
    );
  }
  h.reportBreach(
    's0',
    'e-again',
    'UNLAWFUL_EXCLUSION',
    { kind: 'SCHOOL', name: 'Oak Academy' },
    '2024-09-01',
  );
  // The same name in another LA is another school.
  h.open('t1', '887').reportBreach(
    't1',
    'f1',
    'UNLAWFUL_EXCLUSION',
    { kind: 'SCHOOL', name: 'Oak Academy' },
    '2024-02-02',
  );
  return h;
};

describe('breach patterns', () => {
  const occurrences = occurrencesOf(pattern());

  it('gives occurrences, distinct cases, dates, the repeat flag, the trend and repeated cases (exact view)', () => {
    const rows = breachPatternRows(
      occurrences,
      { filter: { breachTypes: ['TRIBUNAL_ORDER_NOT_IMPLEMENTED'] } },
      null,
      new Set(['c1', 'c2']),
    );
    expect(rows).toEqual([
      {
        dutyHolder: { key: 'LA:886', kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
        breachType: 'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
        year: 2023,
        occurrences: 2,
        distinctCases: 2,
        firstOccurredOn: '2023-03-02',
        lastOccurredOn: '2023-11-02',
        repeat: false,
        previousOccurrences: 0,
        trend: 'NEW',
        casesWithRepeatedBreach: 0,
        repeatedBreachCaseIds: [],
        suppressedFields: [],
      },
      {
        dutyHolder: { key: 'LA:886', kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
        breachType: 'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
        year: 2024,
        occurrences: 5,
        distinctCases: 4,
        firstOccurredOn: '2024-01-11',
        lastOccurredOn: '2024-12-31',
        repeat: true,
        previousOccurrences: 2,
        trend: 'UP',
        casesWithRepeatedBreach: 1,
        repeatedBreachCaseIds: ['c1'],
        suppressedFields: [],
      },
    ]);
  });

  it('uses a sliding window over the dates, reaching back into the previous year', () => {
    const at = (caseId: string, occurredOn: string) => ({ caseId, occurredOn }) as BreachOccurrence;
    const spread = [at('a', '2024-01-01'), at('b', '2024-07-19'), at('c', '2025-02-04')];
    // 400 days from the first to the last: three cases fit only in a window of at least 401 days.
    expect(hasRepeatWindow(spread, () => true, 3, 365)).toBe(false);
    expect(hasRepeatWindow(spread, () => true, 3, 400)).toBe(false);
    expect(hasRepeatWindow(spread, () => true, 3, 401)).toBe(true);
    expect(hasRepeatWindow(spread, () => true, 2, 365)).toBe(true);
    // The same case twice is one case.
    expect(hasRepeatWindow([at('a', '2024-01-01'), at('a', '2024-01-02')], () => true, 2, 30)).toBe(
      false,
    );
    // Only windows ending in the row's year count, but they may start in the year before.
    const late2023 = [at('a', '2023-11-01'), at('b', '2023-12-01'), at('c', '2024-01-05')];
    expect(hasRepeatWindow(late2023, (o) => o.occurredOn.startsWith('2024'), 3, 90)).toBe(true);
    expect(hasRepeatWindow(late2023, (o) => o.occurredOn.startsWith('2023'), 3, 90)).toBe(false);
  });

  it('tells schools apart by name within an LA', () => {
    const rows = breachPatternRows(
      occurrences,
      { filter: { dutyHolderKinds: ['SCHOOL'] } },
      null,
      new Set(),
    );
    expect(
      rows.map((r) => [r.dutyHolder.key, r.dutyHolder.name, r.occurrences, r.distinctCases]),
    ).toEqual([
      ['SCHOOL:886:oak academy', 'Oak Academy', 8, 7],
      ['SCHOOL:887:oak academy', 'Oak Academy', 1, 1],
    ]);
  });

  it('suppresses rows with few cases for policy users, and a small repeated-case count with the occurrences', () => {
    const rows = breachPatternRows(
      occurrences,
      { minDistinctCases: 3, windowDays: 365 },
      5,
      new Set(),
    );
    const kent2024 = rows.find((r) => r.dutyHolder.key === 'LA:886' && r.year === 2024);
    expect(kent2024).toMatchObject({
      occurrences: null,
      distinctCases: null,
      firstOccurredOn: null,
      repeat: null,
      trend: null,
      casesWithRepeatedBreach: null,
      repeatedBreachCaseIds: [],
    });
    expect(kent2024?.suppressedFields).toHaveLength(8);
    const school = rows.find((r) => r.dutyHolder.key === 'SCHOOL:886:oak academy');
    // 7 pupils (published), one of them twice: 1 is below the threshold, and 8 − 7 would give it away.
    expect(school).toMatchObject({
      distinctCases: 7,
      occurrences: null,
      casesWithRepeatedBreach: null,
      repeat: true,
      trend: null,
    });
    expect(school?.suppressedFields).toEqual(['occurrences', 'trend', 'casesWithRepeatedBreach']);
    // A policy user never receives a case id.
    expect(rows.every((r) => r.repeatedBreachCaseIds.length === 0)).toBe(true);
  });

  it('filters by LA, kind, type and year without changing any row', () => {
    const all = breachPatternRows(occurrences, {}, 5, new Set());
    const some = breachPatternRows(
      occurrences,
      { filter: { localAuthorityCodes: ['886'], years: [2024], dutyHolderKinds: ['SCHOOL'] } },
      5,
      new Set(),
    );
    expect(some).toEqual(all.filter((r) => r.dutyHolder.key === 'SCHOOL:886:oak academy'));
    expect(() => breachPatternRows(occurrences, { minDistinctCases: 0 }, 5, new Set())).toThrow(
      /minDistinctCases/,
    );
    expect(() => breachPatternRows(occurrences, { windowDays: 0 }, 5, new Set())).toThrow(
      /windowDays/,
    );
  });
});
