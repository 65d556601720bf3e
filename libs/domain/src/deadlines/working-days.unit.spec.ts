import { BankHolidaysUnknown } from './bank-holidays';
import {
  addCountedDays,
  addSendRegsWorkingDays,
  addTribunalWorkingDays,
  isStatutoryWorkingDay,
  isTribunalExcludedDay,
  isTribunalWorkingDay,
  subtractTribunalWorkingDays,
  workingDayOnOrAfter,
} from './working-days';

describe('statutory working day (SEND Regs reg 2(1); tribunal rules r.12)', () => {
  it.each([
    ['2025-04-18', false], // Good Friday
    ['2025-04-21', false], // Easter Monday
    ['2025-12-27', false], // Saturday
    ['2025-12-29', true], // Monday between Christmas and New Year is a working day
    ['2025-08-12', true], // August is an ordinary month here
    ['2026-12-28', false], // Boxing Day substitute
    ['2027-12-27', false], // Christmas Day substitute
    ['2027-12-28', false], // Boxing Day substitute
    ['2022-09-19', false], // State Funeral
  ])('%s → %p', (date, expected) => {
    expect(isStatutoryWorkingDay(date)).toBe(expected);
  });
});

describe('tribunal working day (send-domain §1.5)', () => {
  it.each([
    ['2025-12-29', false], // 25 Dec–1 Jan never counts
    ['2026-01-01', false],
    ['2026-01-02', true],
    ['2025-08-12', false], // nor does August
    ['2025-07-31', true],
    ['2025-09-01', true],
    ['2025-04-18', false], // Good Friday
  ])('%s → %p', (date, expected) => {
    expect(isTribunalWorkingDay(date)).toBe(expected);
  });

  it('marks 25 Dec–1 Jan and August as excluded', () => {
    expect(isTribunalExcludedDay('2025-12-24')).toBe(false);
    expect(isTribunalExcludedDay('2025-12-25')).toBe(true);
    expect(isTribunalExcludedDay('2026-01-01')).toBe(true);
    expect(isTribunalExcludedDay('2026-01-02')).toBe(false);
    expect(isTribunalExcludedDay('2025-08-01')).toBe(true);
    expect(isTribunalExcludedDay('2025-08-31')).toBe(true);
  });
});

describe('counting', () => {
  it('counts forwards and backwards, and 0 is the day itself', () => {
    expect(addTribunalWorkingDays('2025-03-03', 0)).toBe('2025-03-03');
    expect(addTribunalWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(addTribunalWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Fri → Mon
    expect(subtractTribunalWorkingDays('2025-03-10', 1)).toBe('2025-03-07');
    expect(addTribunalWorkingDays('2025-09-01', -1)).toBe('2025-07-31'); // back over August
  });

  it('treats the two definitions differently over Christmas and August', () => {
    // Tue 23 Dec 2025: SEND Regs count Wed 24, Mon 29, Tue 30; the tribunal counts 24 Dec, Fri 2 Jan, Mon 5 Jan.
    expect(addSendRegsWorkingDays('2025-12-23', 3)).toBe('2025-12-30');
    expect(addTribunalWorkingDays('2025-12-23', 3)).toBe('2026-01-05');
    // Fri 22 Aug 2025: Mon 25 Aug is a bank holiday, so SEND Regs count 26, 27, 28 Aug.
    expect(addSendRegsWorkingDays('2025-08-22', 3)).toBe('2025-08-28');
    expect(addTribunalWorkingDays('2025-08-22', 3)).toBe('2025-09-03');
  });

  it('rolls a non-working day to the next working day', () => {
    expect(workingDayOnOrAfter('2025-05-15')).toBe('2025-05-15');
    expect(workingDayOnOrAfter('2025-04-18')).toBe('2025-04-22'); // Good Friday → Tuesday after Easter
    expect(workingDayOnOrAfter('2027-12-25')).toBe('2027-12-29');
  });

  it('skips excluded days when counting tribunal limits', () => {
    // 31 Jul is day 1, August is skipped, 1 Sep is day 2, 2 Sep day 3.
    expect(addCountedDays('2025-07-30', 3)).toBe('2025-09-02');
    // 23 Dec (1), 24 Dec (2), 25 Dec–1 Jan skipped, 2 Jan (3): counting ignores weekends.
    expect(addCountedDays('2025-12-22', 3)).toBe('2026-01-02');
  });

  it('stops at the edge of the bank holiday table', () => {
    expect(() => addTribunalWorkingDays('2030-12-20', 10)).toThrow(BankHolidaysUnknown);
  });
});
