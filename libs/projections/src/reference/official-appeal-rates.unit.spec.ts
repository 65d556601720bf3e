import { buildRegister, loadRegister, readRegisterFiles } from './local-authorities';
import {
  ENGLAND_CODE,
  parseOfficialAppealRates,
  splitFootnotes,
  TRIBUNAL_FILE,
  type OfficialAppealRate,
} from './official-appeal-rates';
import { parseCsv, readReferenceFile } from './reference-files';

const register = loadRegister();
const rows = parseOfficialAppealRates(readReferenceFile(TRIBUNAL_FILE), register);
const row = (code: string, year: number): OfficialAppealRate => {
  const found = rows.find((r) => r.laCode === code && r.year === year);
  if (!found) throw new Error(`no row for ${code} ${year}`);
  return found;
};
const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

describe('the LA register', () => {
  it('has the 153 current authorities and the 4 predecessors of the tribunal series', () => {
    expect(register.filter((la) => la.current)).toHaveLength(153);
    expect(
      register
        .filter((la) => !la.current)
        .map(({ code, name, endYear, replacedBy, gssCode }) => ({
          code,
          name,
          endYear,
          replacedBy,
          gssCode,
        })),
    ).toEqual([
      {
        code: '837',
        name: 'Bournemouth',
        endYear: 2019,
        replacedBy: ['839'],
        gssCode: 'E06000028',
      },
      { code: '836', name: 'Poole', endYear: 2019, replacedBy: ['839'], gssCode: 'E06000029' },
      {
        code: '928',
        name: 'Northamptonshire',
        endYear: 2021,
        replacedBy: ['940', '941'],
        gssCode: 'E10000021',
      },
      {
        code: '909',
        name: 'Cumbria',
        endYear: 2023,
        replacedBy: ['942', '943'],
        gssCode: 'E10000006',
      },
    ]);
  });

  it('rejects a successor that is not a current authority, and duplicate codes', () => {
    const files = readRegisterFiles();
    expect(() =>
      buildRegister(files.current, files.predecessors.replace('940;941', '940;999')),
    ).toThrow(/replaced by 999/);
    expect(() =>
      buildRegister(files.current, files.predecessors.replace('837,E06000028', '886,E06000028')),
    ).toThrow(/886 appears twice/);
  });
});

describe('parsing the original DfE tribunal file', () => {
  it('gives 11 years for each of the 157 authorities and England', () => {
    const codes = new Set(rows.map((r) => r.laCode));
    expect(codes.size).toBe(158);
    expect(codes).toContain(ENGLAND_CODE);
    expect(rows).toHaveLength(158 * 11);
    for (const code of codes)
      expect(rows.filter((r) => r.laCode === code).map((r) => r.year)).toEqual(YEARS);
    // Every authority of the register (current and predecessor) has its series.
    expect([...codes].filter((c) => c !== ENGLAND_CODE).sort()).toEqual(
      register.map((la) => la.code).sort(),
    );
  });

  it('returns published values exactly: Kent, England, East Sussex, City of London, Isles of Scilly', () => {
    expect(row('886', 2024)).toMatchObject({
      laName: 'Kent',
      appealsRegistered: 1559,
      appealableDecisions: 23692,
      ratePct: 6.6,
      inDevelopmentAppealableDecisions: 14675,
      inDevelopmentRatePct: 10.6,
      flags: { nil: false, notAvailable: false, suppressed: false, suspect: false },
      notes: [],
    });
    expect(row('886', 2014)).toMatchObject({ appealsRegistered: 325, ratePct: 4.7 });
    expect(row(ENGLAND_CODE, 2024)).toMatchObject({
      geography: 'england',
      laName: 'England Total',
      appealsRegistered: 22276,
      appealableDecisions: 689739,
      ratePct: 3.2,
      inDevelopmentAppealableDecisions: 364912,
      inDevelopmentRatePct: 6.1,
    });
    expect(
      YEARS.map((y) => [row(ENGLAND_CODE, y).appealsRegistered, row(ENGLAND_CODE, y).ratePct]),
    ).toEqual([
      [4108, 1.6],
      [3126, 1.2],
      [3863, 1.3],
      [4988, 1.5],
      [6023, 1.6],
      [7385, 1.8],
      [7843, 1.7],
      [9184, 1.8],
      [12796, 2.3],
      [15615, 2.5],
      [22276, 3.2],
    ]);
    expect(row(ENGLAND_CODE, 2024).notes).toContain(
      'England total excluding suppressed (as published): 22,082 appeals registered in 2024, in-development appeal rate 5.7%',
    );
    expect(row('845', 2024)).toMatchObject({ appealsRegistered: 516, ratePct: 9.3 });
    expect(row('879', 2024)).toMatchObject({ ratePct: 8.2 });
    expect(row('868', 2024)).toMatchObject({ ratePct: 7.4 });
    expect(row('201', 2024)).toMatchObject({
      laName: 'City of London',
      appealsRegistered: 0,
      appealableDecisions: 26,
      ratePct: 0,
      flags: { nil: true },
    });
    expect(row('420', 2024)).toMatchObject({
      appealsRegistered: 0,
      appealableDecisions: 57,
      ratePct: 0,
      flags: { nil: true },
    });
  });

  it('reads the symbols: - nil, .. and x not available, blank cells', () => {
    // Darlington 2014: " - ",450,0.00%
    expect(row('841', 2014)).toMatchObject({
      appealsRegistered: 0,
      appealableDecisions: 450,
      ratePct: 0,
      flags: { nil: true, notAvailable: false },
    });
    // Northamptonshire 2021: 85 appeals, decisions and rate "..".
    expect(row('928', 2021)).toMatchObject({
      appealsRegistered: 85,
      appealableDecisions: null,
      ratePct: null,
      flags: { notAvailable: true },
    });
    // Cumberland before it existed: all "..".
    expect(row('942', 2020)).toMatchObject({
      appealsRegistered: null,
      appealableDecisions: null,
      ratePct: null,
      flags: { notAvailable: true },
    });
    // Blackpool 2024: in-development figures "x".
    expect(row('890', 2024)).toMatchObject({
      appealsRegistered: 21,
      ratePct: 1.2,
      inDevelopmentAppealableDecisions: null,
      inDevelopmentRatePct: null,
      flags: { notAvailable: false, inDevelopmentNotAvailable: true },
    });
    // Isles of Scilly 2023: appeals left blank, 20 decisions, 0.00%.
    expect(row('420', 2023)).toMatchObject({
      appealsRegistered: null,
      appealableDecisions: 20,
      ratePct: 0,
      flags: { nil: false, notAvailable: false },
    });
    expect(row('420', 2023).notes).toContain('appeals registered blank in the source');
    // Only 2024 has in-development figures.
    expect(
      rows.filter((r) => r.year < 2024 && r.inDevelopmentAppealableDecisions !== null),
    ).toEqual([]);
  });

  it('treats ~ as suppressed and rejects values it does not understand', () => {
    const text = readReferenceFile(TRIBUNAL_FILE);
    expect(text).toContain('"1,559","23,692",6.60%');
    const suppressed = parseOfficialAppealRates(
      text.replace('"1,559","23,692",6.60%', '~,"23,692",~'),
      register,
    ).find((r) => r.laCode === '886' && r.year === 2024);
    expect(suppressed).toMatchObject({
      appealsRegistered: null,
      ratePct: null,
      flags: { suppressed: true },
    });
    expect(() =>
      parseOfficialAppealRates(
        text.replace('"1,559","23,692",6.60%', '"1.559","23,692",6.60%'),
        register,
      ),
    ).toThrow(/Unexpected count "1.559".*Kent.*2024 appeals registered/);
    expect(() => parseOfficialAppealRates(text.replace('Kent,886', 'Kentt,886'), register)).toThrow(
      /"Kentt" is not in the LA register/,
    );
  });

  it('strips footnote markers from names', () => {
    expect(splitFootnotes('Cumbria8')).toEqual(['Cumbria', ['8']]);
    expect(splitFootnotes('England Total4,9')).toEqual(['England Total', ['4', '9']]);
    expect(splitFootnotes('Bournemouth, Christchurch and Poole5')).toEqual([
      'Bournemouth, Christchurch and Poole',
      ['5'],
    ]);
    expect(splitFootnotes('Kent')).toEqual(['Kent', []]);
    expect(row('909', 2014).laName).toBe('Cumbria');
    expect(row('909', 2014).notes).toContain(
      "source footnote 8: In April 2023 Cumbria LA split into Cumberland and Westmorland & Furness. Data for 2023 is recorded under the new LA's.",
    );
    expect(row('838', 2014).notes.join()).toMatch(/footnote 6: In 2019 the Dorset boundaries/);
  });

  it('assigns the wrongly coded rows to the authority their name denotes', () => {
    const assigned = (sourceCode: string) => [
      ...new Set(rows.filter((r) => r.sourceLaCode === sourceCode).map((r) => r.laCode)),
    ];
    expect(row('873', 2014)).toMatchObject({ laName: 'Cambridgeshire', sourceLaCode: '823' });
    expect(row('823', 2014)).toMatchObject({ laName: 'Central Bedfordshire', sourceLaCode: '873' });
    expect(row('892', 2014)).toMatchObject({ laName: 'Nottingham', sourceLaCode: '891' });
    expect(row('891', 2014)).toMatchObject({ laName: 'Nottinghamshire', sourceLaCode: '928' });
    expect(row('928', 2014)).toMatchObject({ laName: 'Northamptonshire', sourceLaCode: '892' });
    expect(assigned('891')).toEqual(['892']);
    expect(assigned('928')).toEqual(['891']);
    expect(assigned('892')).toEqual(['928']);
    // Values follow the name: Nottingham (city) is the smaller authority.
    expect(row('892', 2024)).toMatchObject({ appealsRegistered: 52, appealableDecisions: 2102 });
    expect(row('891', 2024)).toMatchObject({ appealsRegistered: 184, appealableDecisions: 5919 });
    expect(row('928', 2020)).toMatchObject({ appealsRegistered: 131, appealableDecisions: 5073 });
    expect(row('892', 2014).notes).toContain(
      'the source gives LA code 891 (Nottinghamshire); assigned to 892 by name',
    );
    // Exactly these five authorities had their code corrected.
    const corrected = [
      ...new Set(
        rows
          .filter((r) => r.sourceLaCode !== null && r.sourceLaCode !== r.laCode)
          .map((r) => r.laName),
      ),
    ].sort();
    expect(corrected).toEqual([
      'Cambridgeshire',
      'Central Bedfordshire',
      'Northamptonshire',
      'Nottingham',
      'Nottinghamshire',
    ]);
    // Durham and Herefordshire are named differently in the register but keep their codes.
    expect(row('840', 2024)).toMatchObject({ laName: 'Durham', sourceLaCode: '840' });
    expect(row('884', 2024)).toMatchObject({ laName: 'Herefordshire', sourceLaCode: '884' });
  });

  it('gives Bournemouth and Poole their codes, and keeps the series of the new authorities apart', () => {
    expect(row('837', 2018)).toMatchObject({
      laName: 'Bournemouth',
      sourceLaCode: null,
      appealsRegistered: 20,
      appealableDecisions: 1078,
      ratePct: 1.9,
    });
    expect(row('836', 2016)).toMatchObject({ laName: 'Poole', sourceLaCode: null, ratePct: 2 });
    expect(row('837', 2019)).toMatchObject({
      appealsRegistered: null,
      flags: { notAvailable: true },
    });
    expect(row('839', 2019)).toMatchObject({ appealsRegistered: 29, appealableDecisions: 2589 });
    expect(row('837', 2014).notes).toEqual(
      expect.arrayContaining([
        'no LA code in the source; assigned to 837 by name',
        expect.stringMatching(
          /^predecessor authority, replaced by Bournemouth, Christchurch and Poole/,
        ),
      ]),
    );
  });

  it('keeps the 2024 Cambridgeshire / Central Bedfordshire denominators as published but marks them suspect', () => {
    expect(row('873', 2024)).toMatchObject({
      appealsRegistered: 169,
      appealableDecisions: 4410,
      ratePct: 3.8,
      flags: { suspect: true },
    });
    expect(row('823', 2024)).toMatchObject({
      appealsRegistered: 140,
      appealableDecisions: 8246,
      ratePct: 1.7,
      flags: { suspect: true },
    });
    expect(row('873', 2024).notes.join()).toMatch(/look swapped/);
    expect(row('873', 2023).flags.suspect).toBe(false);
    expect(rows.filter((r) => r.flags.suspect)).toHaveLength(2);
  });
});

describe('cross-check against the derived long file (not an import source)', () => {
  const [header, ...longRows] = parseCsv(
    readReferenceFile('send_tribunal_appeal_rate_by_la_2014_2024_long.csv'),
  ).filter((r) => r.length > 1);
  const col = (name: string): number => {
    const index = header?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  };
  const num = (text: string | undefined): number | null =>
    text === undefined || text === '' ? null : Number(text);

  it('has the same values, codes and flags for every authority and year', () => {
    expect(longRows).toHaveLength(1896);
    let compared = 0;
    for (const long of longRows) {
      const code = long[col('la_code_dfe')] || ENGLAND_CODE;
      const yearText = long[col('year')] ?? '';
      const inDevelopment = yearText.endsWith('_in_development');
      const parsed = row(code, Number(yearText.slice(0, 4)));
      const flags = (long[col('value_flags')] ?? '').split(';');
      const context = `${code} ${yearText}`;
      expect({ context, appeals: parsed.appealsRegistered }).toEqual({
        context,
        appeals: num(long[col('appeals_registered')]),
      });
      expect({ context, sourceCode: parsed.sourceLaCode ?? '' }).toEqual({
        context,
        sourceCode: long[col('la_code_in_source')],
      });
      if (inDevelopment) {
        expect({
          context,
          decisions: parsed.inDevelopmentAppealableDecisions,
          rate: parsed.inDevelopmentRatePct,
          notAvailable: parsed.flags.inDevelopmentNotAvailable,
        }).toEqual({
          context,
          decisions: num(long[col('appealable_decisions')]),
          rate: num(long[col('appeal_rate_pct')]),
          notAvailable: flags.includes('not_available'),
        });
      } else {
        expect({
          context,
          decisions: parsed.appealableDecisions,
          rate: parsed.ratePct,
          nil: parsed.flags.nil,
          notAvailable: parsed.flags.notAvailable,
          suspect: parsed.flags.suspect,
        }).toEqual({
          context,
          decisions: num(long[col('appealable_decisions')]),
          rate: num(long[col('appeal_rate_pct')]),
          nil: flags.includes('nil'),
          notAvailable: flags.includes('not_available'),
          suspect: (long[col('note')] ?? '').includes('suspect'),
        });
      }
      compared++;
    }
    expect(compared).toBe(158 * 12);
  });
});
