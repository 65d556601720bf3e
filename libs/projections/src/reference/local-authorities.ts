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

/** The 153 local authorities in DfE's 2025 EHC plan data (send-domain §4.6, §8). */
export const loadLocalAuthorities = (): LocalAuthorityRecord[] => {
  const [header, ...rows] = parseCsv(
    readReferenceFile('england_local_authorities_dfe_codes_2025.csv'),
  );
  const expected = 'old_la_code,new_la_code,la_name,region_code,region_name';
  if (header?.join(',') !== expected)
    throw new Error('The LA register file has unexpected columns.');
  return rows
    .filter((row) => row.length === 5)
    .map(([code = '', gssCode = '', name = '', regionCode = '', regionName = '']) => ({
      code,
      gssCode,
      name,
      regionCode,
      regionName,
    }));
};
