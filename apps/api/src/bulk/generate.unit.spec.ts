import { generateCommands, newStats } from './generate';
import { Prng } from './prng';

describe('synthetic data generator', () => {
  it('is deterministic: the same seed gives the same lines, another seed others', () => {
    const lines = (seed: number) =>
      [...generateCommands({ cases: 30, seed })].map((l) => JSON.stringify(l));
    expect(lines(5)).toEqual(lines(5));
    expect(lines(6)).not.toEqual(lines(5));
  });

  it('draws only commands the real decider accepts, with the MoJ mixes of send-domain §4.1', () => {
    const stats = newStats();
    const lines = [...generateCommands({ cases: 1500, seed: 42 }, stats)];
    expect(stats.refused).toBe(0);
    expect(lines).toHaveLength(stats.lines);
    const types = stats.appealTypes;
    const appeals = Object.values(stats.outcomes).reduce((a, b) => a + b, 0);
    const lodged = lines.filter((l) => l.command.type === 'LodgeAppeal').length;
    // About a quarter refusal to assess, most of the rest about plan contents.
    expect((types.REFUSAL_TO_ASSESS ?? 0) / lodged).toBeGreaterThan(0.18);
    expect((types.REFUSAL_TO_ASSESS ?? 0) / lodged).toBeLessThan(0.32);
    const contents =
      lines.filter(
        (l) =>
          l.command.type === 'LodgeAppeal' && JSON.stringify(l.command.data).includes('CONTENTS_'),
      ).length +
      lines.filter(
        (l) =>
          l.command.type === 'LodgeAppeal' &&
          JSON.stringify(l.command.data).match(/"PLACEMENT_I"\]/),
      ).length;
    expect(contents / lodged).toBeGreaterThan(0.45);
    // Most end before a hearing; of those decided, almost all in the family's favour.
    const o = stats.outcomes;
    const beforeHearing = (o.WITHDRAWN ?? 0) + (o.CONCEDED ?? 0) + (o.CONSENT_ORDER ?? 0);
    expect(beforeHearing / appeals).toBeGreaterThan(0.5);
    const decided = (o.DECIDED_IN_FAVOUR ?? 0) + (o.DISMISSED ?? 0);
    expect((o.DECIDED_IN_FAVOUR ?? 0) / decided).toBeGreaterThan(0.93);
    // Orders complied with on time and late, and breaches both reported and detected.
    const complied = lines
      .filter((l) => l.command.type === 'RecordOrderCompliance')
      .map((l) => l.command.data as { compliedOn: string });
    expect(complied.length).toBeGreaterThan(100);
    expect(stats.byCommand.ReportBreach).toBeGreaterThan(20);
    expect(stats.byCommand.DetectBreaches).toBeGreaterThan(20);
    expect(stats.repeatOffenders.length).toBeGreaterThan(3);
    for (const line of lines)
      expect(
        /^\d{3}$/.test(JSON.stringify(line).match(/"localAuthorityCode":"(\d+)"/)?.[1] ?? '000'),
      ).toBe(true);
  });

  it('has a PRNG that gives the same sequence for the same seed', () => {
    const a = new Prng(9);
    const b = new Prng(9);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(new Prng(10).nextUint32()).not.toBe(xs[0]);
  });
});
