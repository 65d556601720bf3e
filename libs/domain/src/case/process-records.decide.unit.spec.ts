import { fold } from '../decider';
import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { opened, decided, withPlan } from './process.spec-helper';

describe('statutory process: phase transfers, exceptions, and folding', () => {
  describe('RecordPhaseTransfer (reg 18)', () => {
    it.each([
      ['SCHOOL_PHASE', 2026, null],
      ['SECONDARY_TO_POST16', 2027, null],
      ['POST16_OTHER', 2026, '2026-01-05'],
    ])('records a %s transfer in %p', (kind, transferYear, transferOn) => {
      const data = { transferId: 'tr-1', kind, transferYear, transferOn } as TransferData;
      given(withPlan())
        .when(transfer(data))
        .then([{ type: 'PhaseTransferDue', data }]);
    });

    it.each([
      [{ transferYear: 2013 }, 'transferYear', /from 2014 to 2027/],
      [{ transferYear: 2028 }, 'transferYear', /from 2014 to 2027/],
      [{ transferYear: 2026.5 }, 'transferYear', /2026.5/],
      [{ kind: 'UNIVERSITY' }, 'kind', /Unknown kind/],
      [{ transferOn: '2026-09-01' }, 'transferOn', /fixed deadline/],
      [{ kind: 'POST16_OTHER' }, 'transferOn', /date of the move/],
      [
        { kind: 'POST16_OTHER', transferOn: '2027-01-05' },
        'transferOn',
        /must fall in transferYear/,
      ],
      [{ kind: 'POST16_OTHER', transferOn: '2026-02-30' }, 'transferOn', /real date/],
    ])('rejects %p on field %s', (change, field, message) => {
      const error = given(withPlan())
        .when(transfer(change as Partial<TransferData>))
        .thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });

    it.each([
      ['there is no plan', () => [opened], /no EHC plan on record/],
      [
        'the plan was ceased',
        () => [...withPlan(), decided('CEASE_TO_MAINTAIN', '2024-09-01')],
        /cease/,
      ],
      ['the id was used', () => [...withPlan(), transferDue('tr-1', 2027)], /already recorded\./],
      [
        'the same transfer is on the case',
        () => [...withPlan(), transferDue('tr-0', 2026)],
        /already recorded on the case/,
      ],
    ])('is refused when %s', (_label, history, message) =>
      given(history()).when(transfer()).thenThrows('INVALID_TRANSITION', message),
    );
  });

  describe('RecordException (T7, reg 8(2), regs 44–45)', () => {
    it('records an exception with a trimmed note', () =>
      given([opened])
        .when(exception({ note: '  Away in Scotland all of March  ' }))
        .then([
          {
            type: 'ExceptionRecorded',
            data: { ...exceptionData, note: 'Away in Scotland all of March' },
          },
        ]));

    it('records an exception without a note', () =>
      given([opened])
        .when(exception())
        .then([{ type: 'ExceptionRecorded', data: exceptionData }]));

    it('refuses the same exception id twice', () =>
      given([opened, { type: 'ExceptionRecorded', data: exceptionData }])
        .when(exception())
        .thenThrows('INVALID_TRANSITION', /already recorded/));

    it.each([
      [{ exception: 'TEACHER_STRIKE' }, 'exception', /Unknown exception/],
      [{ recordedOn: '2025-06-11' }, 'recordedOn', /later than today/],
      [{ recordedOn: 'yesterday' }, 'recordedOn', /real date/],
      [{ note: 'x'.repeat(501) }, 'note', /at most 500/],
      [{ note: 'bad\u001bnote' }, 'note', /control characters/],
      [{ note: '   ' }, 'note', /must not be empty/],
    ])('rejects %p on field %s', (change, field, message) => {
      const error = given([opened])
        .when(exception(change as Partial<ExceptionData>))
        .thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });
  });

  describe('evolveProcess', () => {
    it('never throws, even on events out of their usual order', () => {
      const odd: CaseEvent[] = [
        opened,
        { type: 'AdviceReceived', data: { adviceId: 'nowhere', receivedOn: '2025-01-01' } },
        decided('REVIEW_NO_AMENDMENT', '2025-01-02'),
        decided('AMENDED_PLAN_ISSUED', '2025-01-03'),
        decided('CEASE_TO_MAINTAIN', '2025-01-04'),
        decided('REASSESSMENT_AGREED', '2025-01-05'),
        decided('PLAN_NOT_NEEDED', '2025-01-06'),
        decided('DRAFT_PLAN_ISSUED', '2025-01-07'),
        {
          type: 'AppealOutcomeRecorded',
          data: { appealId: 'x', outcome: 'CONCEDED', extent: null, decidedOn: '2025-01-08' },
        },
      ];
      const state = fold(caseDecider, odd);
      expect(state).toMatchObject({ status: 'Open' });
      if (state.status !== 'Open') return;
      expect(state.process.decisions['PLAN_NOT_NEEDED-2025-01-06']).toEqual({
        kind: 'PLAN_NOT_NEEDED',
        decisionLetterOn: '2025-01-06',
      });
      expect(state.process.plan).toBeNull();
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-06-10' };

type TransferData = Extract<CaseCommand, { type: 'RecordPhaseTransfer' }>['data'];
type ExceptionData = Extract<CaseCommand, { type: 'RecordException' }>['data'];

const transferDue = (transferId: string, transferYear: number): CaseEvent => ({
  type: 'PhaseTransferDue',
  data: { transferId, kind: 'SCHOOL_PHASE', transferYear, transferOn: null },
});
const exceptionData: ExceptionData = {
  exceptionId: 'exc-1',
  exception: 'T7_ABSENT_FROM_AREA',
  recordedOn: '2025-04-01',
  note: null,
};

const transfer = (change: Partial<TransferData> = {}): CaseCommand => ({
  type: 'RecordPhaseTransfer',
  data: {
    transferId: 'tr-1',
    kind: 'SCHOOL_PHASE',
    transferYear: 2026,
    transferOn: null,
    ...change,
  },
  metadata,
});
const exception = (change: Partial<ExceptionData> = {}): CaseCommand => ({
  type: 'RecordException',
  data: { ...exceptionData, ...change },
  metadata,
});
