import { parseCsv, readReferenceFile } from './reference-files';

export interface LocalAuthorityRecord {
  /** 3-digit DfE ("old LA") code, e.g. 886. */
  readonly code: string;
  /** 9-character code DfE uses (E06/E08/E09/E10…); not always the current ONS code (send-domain §4.6). */
  readonly gssCode: string;
  readonly name: string;
  readonly regionCode: string;
  readonly regionName: string;
}

/** An entry of the LA register: a current authority, or a predecessor that appears in historic DfE series. */
export interface RegisterEntry extends LocalAuthorityRecord {
  readonly current: boolean;
  /** Date (ISO) the successors took over; null for a current authority. */
  readonly replacedOn: string | null;
  /** Year of `replacedOn`; null for a current authority. */
  readonly endYear: number | null;
  /** DfE codes of the successors (current authorities); empty for a current authority. */
  readonly replacedBy: readonly string[];
}

export const CURRENT_AUTHORITIES_FILE = 'england_local_authorities_dfe_codes_2025.csv';
export const PREDECESSOR_AUTHORITIES_FILE = 'england_predecessor_local_authorities.csv';

const CODE = /^\d{3}$/;

const rowsWithHeader = (text: string, expected: string, what: string): string[][] => {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (header?.join(',') !== expected) throw new Error(`The ${what} file has unexpected columns.`);
  return rows.filter((row) => row.some((cell) => cell.trim() !== ''));
};

/** The current authorities (`england_local_authorities_dfe_codes_2025.csv`). */
export const parseLocalAuthorities = (text: string): LocalAuthorityRecord[] =>
  rowsWithHeader(
    text,
    'old_la_code,new_la_code,la_name,region_code,region_name',
    'LA register',
  ).map((row, index) => {
    if (row.length !== 5) throw new Error(`LA register row ${index + 2} has ${row.length} fields.`);
    const [code = '', gssCode = '', name = '', regionCode = '', regionName = ''] = row;
    return { code, gssCode, name, regionCode, regionName };
  });

/** The predecessor authorities (`england_predecessor_local_authorities.csv`). */
export const parsePredecessorAuthorities = (text: string): RegisterEntry[] =>
  rowsWithHeader(
    text,
    'old_la_code,new_la_code,la_name,region_code,region_name,replaced_on,replaced_by,source',
    'predecessor authorities',
  ).map((row, index) => {
    if (row.length !== 8)
      throw new Error(`Predecessor authorities row ${index + 2} has ${row.length} fields.`);
    const [code = '', gssCode = '', name = '', regionCode = '', regionName = '', replacedOn = ''] =
      row;
    const replacedBy = (row[6] ?? '').split(';').map((c) => c.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(replacedOn))
      throw new Error(`Predecessor ${name} needs replaced_on as YYYY-MM-DD.`);
    return {
      code,
      gssCode,
      name,
      regionCode,
      regionName,
      current: false,
      replacedOn,
      endYear: Number(replacedOn.slice(0, 4)),
      replacedBy,
    };
  });

/**
 * The whole register: current authorities first, then predecessors. Checks that codes are 3-digit and unique and
 * that every successor named by a predecessor is a current authority.
 */
export const buildRegister = (
  currentText: string,
  predecessorText: string,
): readonly RegisterEntry[] => {
  const current: RegisterEntry[] = parseLocalAuthorities(currentText).map((la) => ({
    ...la,
    current: true,
    replacedOn: null,
    endYear: null,
    replacedBy: [],
  }));
  const entries = [...current, ...parsePredecessorAuthorities(predecessorText)];
  const codes = new Set<string>();
  for (const entry of entries) {
    if (!CODE.test(entry.code)) throw new Error(`LA code "${entry.code}" is not a 3-digit code.`);
    if (codes.has(entry.code)) throw new Error(`LA code ${entry.code} appears twice.`);
    codes.add(entry.code);
  }
  const currentCodes = new Set(current.map((la) => la.code));
  for (const entry of entries) {
    for (const successor of entry.replacedBy) {
      if (!currentCodes.has(successor))
        throw new Error(`${entry.name} is replaced by ${successor}, not a current authority.`);
    }
  }
  return entries;
};

/** The committed register files. */
export const readRegisterFiles = (): { current: string; predecessors: string } => ({
  current: readReferenceFile(CURRENT_AUTHORITIES_FILE),
  predecessors: readReferenceFile(PREDECESSOR_AUTHORITIES_FILE),
});

/** The register from the committed files (153 current authorities plus the predecessors). */
export const loadRegister = (): readonly RegisterEntry[] => {
  const files = readRegisterFiles();
  return buildRegister(files.current, files.predecessors);
};

/** The 153 local authorities in DfE's 2025 EHC plan data (send-domain §4.6, §8). */
export const loadLocalAuthorities = (): LocalAuthorityRecord[] =>
  parseLocalAuthorities(readReferenceFile(CURRENT_AUTHORITIES_FILE));
