import type { RegisterEntry } from './local-authorities';
import { parseCsv } from './reference-files';

/** The DfE supporting file "SEND Tribunals and appeal rate 2014-2024" (unmodified). */
export const TRIBUNAL_FILE = 'dfe_send_tribunal_appeal_rate_by_la_2014_2024_original.csv';

/** Code under which the England total is kept (ONS: E92000001); LAs use their 3-digit DfE code. */
export const ENGLAND_CODE = 'ENG';

export type Geography = 'local_authority' | 'england';

/** One calendar year of the official series for one authority (or England), as published. */
export interface OfficialAppealRate {
  /** 3-digit DfE code of the authority the row's name denotes, or `ENG`. */
  readonly laCode: string;
  /** The name as published, footnote markers removed (e.g. "Cumbria", "Durham"). */
  readonly laName: string;
  readonly geography: Geography;
  /** The code printed in the source (null when blank); differs from `laCode` where the source is wrong. */
  readonly sourceLaCode: string | null;
  readonly year: number;
  readonly appealsRegistered: number | null;
  readonly appealableDecisions: number | null;
  /** Appeal rate in percent, as published (6.60% → 6.6). */
  readonly ratePct: number | null;
  /** 2024 only: the "in development" denominator and rate. */
  readonly inDevelopmentAppealableDecisions: number | null;
  readonly inDevelopmentRatePct: number | null;
  readonly flags: OfficialAppealRateFlags;
  readonly notes: readonly string[];
}

export interface OfficialAppealRateFlags {
  /** A published value was `-` (nil), stored as 0. */
  readonly nil: boolean;
  /** Appeals, decisions or rate were `..` or `x` (not available). */
  readonly notAvailable: boolean;
  /** A value was `~` (suppressed). */
  readonly suppressed: boolean;
  /** The 2024 "in development" decisions or rate were `..` or `x`. */
  readonly inDevelopmentNotAvailable: boolean;
  /** The published values look wrong (see the notes); they are kept as published. */
  readonly suspect: boolean;
}

type Measure = 'appeals' | 'decisions' | 'rate' | 'inDevDecisions' | 'inDevRate';

const MEASURES_BY_LABEL: Readonly<Record<string, Measure>> = {
  'appeals registered': 'appeals',
  'total appealable decisions': 'decisions',
  'send tribunal appeal rate': 'rate',
  'in development: total appealable decisions': 'inDevDecisions',
  'in development: send tribunal appeal rate': 'inDevRate',
};

const MAIN_MEASURES: readonly Measure[] = ['appeals', 'decisions', 'rate'];
const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  appeals: 'appeals registered',
  decisions: 'appealable decisions',
  rate: 'appeal rate',
  inDevDecisions: 'in-development appealable decisions',
  inDevRate: 'in-development appeal rate',
};

/**
 * Known problems of the source that cannot be corrected from the file itself: the values are kept and the rows
 * marked suspect (send-data README, "Caveats").
 */
const SUSPECT_ROWS: readonly { readonly codes: readonly string[]; year: number; note: string }[] = [
  {
    codes: ['873', '823'],
    year: 2024,
    note:
      '2024 appealable decisions (and so the appeal rates) look swapped between Cambridgeshire and Central ' +
      'Bedfordshire in the source: Central Bedfordshire 8,246 decisions with 3,541 EHC plans in January 2024, ' +
      'Cambridgeshire 4,410 with 7,318; published values kept, treat as suspect',
  },
];

/** Source names that differ from the register's. */
const NAME_ALIASES: Readonly<Record<string, string>> = {
  durham: 'county durham',
  herefordshire: 'herefordshire county of',
};

export const normaliseAuthorityName = (name: string): string => {
  const plain = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return NAME_ALIASES[plain] ?? plain;
};

type CellSymbol = 'nil' | 'not_available' | 'suppressed' | 'blank';
interface Cell {
  readonly value: number | null;
  readonly symbol: CellSymbol | null;
}

const kindOf = (measure: Measure): 'count' | 'rate' =>
  measure === 'rate' || measure === 'inDevRate' ? 'rate' : 'count';

const COUNT = /^(\d{1,3}(,\d{3})+|\d+)$/;
const RATE = /^(\d+(?:\.\d+)?)%$/;

const parseCell = (raw: string, kind: 'count' | 'rate', where: () => string): Cell => {
  const text = raw.trim();
  if (text === '') return { value: null, symbol: 'blank' };
  if (text === '-') return { value: 0, symbol: 'nil' };
  if (text === '..' || text === 'x') return { value: null, symbol: 'not_available' };
  if (text === '~') return { value: null, symbol: 'suppressed' };
  if (kind === 'count' && COUNT.test(text))
    return { value: Number(text.replace(/,/g, '')), symbol: null };
  const rate = kind === 'rate' ? RATE.exec(text) : null;
  if (rate?.[1] !== undefined) return { value: Number(rate[1]), symbol: null };
  throw new Error(`Unexpected ${kind} "${raw}" in ${where()}.`);
};

/** "Cumbria8" → ["Cumbria", ["8"]]; "England Total4,9" → ["England Total", ["4", "9"]]. */
export const splitFootnotes = (raw: string): [name: string, footnotes: string[]] => {
  const match = /^(.*?)(\d+(?:,\d+)*)?$/s.exec(raw.trim());
  const name = (match?.[1] ?? raw).trim();
  return [name, match?.[2] ? match[2].split(',') : []];
};

interface Layout {
  readonly headerRow: number;
  readonly years: readonly number[];
  /** Column index of each measure of each year. */
  readonly columns: ReadonlyMap<number, Partial<Record<Measure, number>>>;
}

const readLayout = (rows: readonly (readonly string[])[]): Layout => {
  const headerRow = rows.findIndex(
    (row) => row[0]?.trim() === 'Local Authority' && row[1]?.trim() === 'LA code',
  );
  const yearsRow = rows[headerRow];
  const labelsRow = rows[headerRow + 1];
  if (headerRow < 0 || !yearsRow || !labelsRow)
    throw new Error('The tribunal file has no "Local Authority, LA code" header.');
  const columns = new Map<number, Partial<Record<Measure, number>>>();
  let year: number | null = null;
  for (let c = 2; c < Math.max(yearsRow.length, labelsRow.length); c++) {
    const yearText = yearsRow[c]?.trim() ?? '';
    if (/^\d{4}$/.test(yearText)) year = Number(yearText);
    else if (yearText !== '') throw new Error(`Unexpected year heading "${yearText}".`);
    const label = splitFootnotes(labelsRow[c] ?? '')[0].toLowerCase();
    if (label === '') continue;
    const measure = MEASURES_BY_LABEL[label];
    if (!measure || year === null) throw new Error(`Unexpected column heading "${labelsRow[c]}".`);
    const forYear = columns.get(year) ?? {};
    if (forYear[measure] !== undefined) throw new Error(`Column "${label}" repeats for ${year}.`);
    columns.set(year, { ...forYear, [measure]: c });
  }
  for (const [y, measures] of columns) {
    if (MAIN_MEASURES.some((m) => measures[m] === undefined))
      throw new Error(`The tribunal file lacks a column for ${y}.`);
  }
  return { headerRow, years: [...columns.keys()], columns };
};

/** "5. In 2019 Bournemouth and Poole merged…" → footnote 5. */
const readFootnotes = (rows: readonly (readonly string[])[], from: number): Map<string, string> => {
  const footnotes = new Map<string, string>();
  for (const row of rows.slice(from)) {
    const match = /^(\d+)\.\s+(.*)$/s.exec(row[0]?.trim() ?? '');
    if (match?.[1] && match[2]) footnotes.set(match[1], match[2].replace(/\s+/g, ' ').trim());
  }
  return footnotes;
};

const isEnglandTotal = (name: string): boolean => /^england total$/i.test(name);
const isEnglandExcludingSuppressed = (name: string): boolean =>
  /^england total excluding suppressed$/i.test(name);

const formatCount = (n: number): string => n.toLocaleString('en-GB');

/**
 * Parses the original DfE tribunal CSV into one row per authority and year (2014–2024), assigning each row to the
 * authority its NAME denotes in `register` (the source's codes are wrong for some authorities and missing for
 * Bournemouth and Poole). Throws on anything unexpected, so a changed file cannot be imported half-understood.
 */
export const parseOfficialAppealRates = (
  text: string,
  register: readonly RegisterEntry[],
): OfficialAppealRate[] => {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const layout = readLayout(rows);
  const byName = new Map(register.map((la) => [normaliseAuthorityName(la.name), la]));
  const byCode = new Map(register.map((la) => [la.code, la]));

  const end = rows.findIndex((row, i) => i > layout.headerRow && /^sources\b/i.test(row[0] ?? ''));
  const dataRows = rows.slice(layout.headerRow + 2, end < 0 ? rows.length : end);
  const footnotes = readFootnotes(rows, end < 0 ? rows.length : end);

  const result: OfficialAppealRate[] = [];
  const seen = new Set<string>();
  let englandExcludingSuppressed: string | null = null;

  for (const [offset, row] of dataRows.entries()) {
    const line = layout.headerRow + 3 + offset;
    const [rawName = '', rawCode = ''] = row;
    const values = row.slice(2);
    const hasValues = values.some((v) => v.trim() !== '');
    const [name, footnoteRefs] = splitFootnotes(rawName);
    const sourceLaCode = rawCode.trim() === '' ? null : rawCode.trim();
    if (name === '' && !hasValues) continue;
    // Region headings ("NORTH EAST", "INNER LONDON") carry no figures.
    if (sourceLaCode === null && !hasValues) continue;

    if (isEnglandExcludingSuppressed(name)) {
      const lastYear = Math.max(...layout.years);
      const cols = layout.columns.get(lastYear) ?? {};
      const cell = (m: Measure) => {
        const column = cols[m];
        return column === undefined
          ? null
          : parseCell(row[column] ?? '', kindOf(m), () => name).value;
      };
      const appeals = cell('appeals');
      const inDevRate = cell('inDevRate');
      englandExcludingSuppressed =
        `England total excluding suppressed (as published): ` +
        `${appeals === null ? 'n/a' : formatCount(appeals)} appeals registered in ${lastYear}` +
        (inDevRate === null ? '' : `, in-development appeal rate ${inDevRate}%`);
      continue;
    }

    let laCode: string;
    let geography: Geography;
    const rowNotes: string[] = [];
    if (isEnglandTotal(name)) {
      laCode = ENGLAND_CODE;
      geography = 'england';
    } else {
      const la = byName.get(normaliseAuthorityName(name));
      if (!la) throw new Error(`Line ${line}: "${name}" is not in the LA register.`);
      laCode = la.code;
      geography = 'local_authority';
      if (sourceLaCode === null) {
        rowNotes.push(`no LA code in the source; assigned to ${la.code} by name`);
      } else if (sourceLaCode !== la.code) {
        const owner = byCode.get(sourceLaCode);
        rowNotes.push(
          `the source gives LA code ${sourceLaCode}${owner ? ` (${owner.name})` : ''}; assigned to ${la.code} by name`,
        );
      }
      if (!la.current) {
        const successors = la.replacedBy.map((c) => byCode.get(c)?.name ?? c).join(' and ');
        rowNotes.push(
          `predecessor authority, replaced by ${successors} on ${la.replacedOn ?? '?'}`,
        );
      }
    }
    for (const ref of footnoteRefs) {
      const footnote = footnotes.get(ref);
      if (footnote) rowNotes.push(`source footnote ${ref}: ${footnote}`);
    }

    for (const year of layout.years) {
      const key = `${laCode}|${year}`;
      if (seen.has(key)) throw new Error(`Line ${line}: a second row for ${laCode} in ${year}.`);
      seen.add(key);
      const cols = layout.columns.get(year) ?? {};
      const cells = {} as Record<Measure, Cell | null>;
      for (const measure of Object.values(MEASURES_BY_LABEL)) {
        const column = cols[measure];
        cells[measure] =
          column === undefined
            ? null
            : parseCell(
                row[column] ?? '',
                kindOf(measure),
                () => `line ${line} (${name}), ${year} ${MEASURE_LABELS[measure]}`,
              );
      }
      const symbolIn = (measures: readonly Measure[], symbol: CellSymbol): boolean =>
        measures.some((m) => cells[m]?.symbol === symbol);
      const notes = [...rowNotes];
      const mainValues = MAIN_MEASURES.filter((m) => cells[m]?.value != null);
      if (mainValues.length > 0) {
        for (const m of MAIN_MEASURES) {
          if (cells[m]?.symbol === 'blank') notes.push(`${MEASURE_LABELS[m]} blank in the source`);
        }
      }
      const suspect = SUSPECT_ROWS.find((s) => s.year === year && s.codes.includes(laCode));
      if (suspect) notes.push(suspect.note);
      result.push({
        laCode,
        laName: name,
        geography,
        sourceLaCode,
        year,
        appealsRegistered: cells.appeals?.value ?? null,
        appealableDecisions: cells.decisions?.value ?? null,
        ratePct: cells.rate?.value ?? null,
        inDevelopmentAppealableDecisions: cells.inDevDecisions?.value ?? null,
        inDevelopmentRatePct: cells.inDevRate?.value ?? null,
        flags: {
          nil: symbolIn(Object.values(MEASURES_BY_LABEL), 'nil'),
          notAvailable: symbolIn(MAIN_MEASURES, 'not_available'),
          suppressed: symbolIn(Object.values(MEASURES_BY_LABEL), 'suppressed'),
          inDevelopmentNotAvailable: symbolIn(['inDevDecisions', 'inDevRate'], 'not_available'),
          suspect: suspect !== undefined,
        },
        notes,
      });
    }
  }

  // The England note comes after the England row in the file: attach it now.
  if (englandExcludingSuppressed) {
    const lastYear = Math.max(...layout.years);
    const index = result.findIndex((r) => r.laCode === ENGLAND_CODE && r.year === lastYear);
    const england = result[index];
    if (england && !england.notes.includes(englandExcludingSuppressed))
      result[index] = { ...england, notes: [...england.notes, englandExcludingSuppressed] };
  }
  if (!result.some((r) => r.laCode === ENGLAND_CODE))
    throw new Error('The tribunal file has no England total.');
  return result;
};
