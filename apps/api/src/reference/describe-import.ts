import type { ReferenceImportResult } from '@app/projections';

/** One line saying what a reference import did, for the log and the CLI. */
export const describeImport = (result: ReferenceImportResult): string =>
  result.datasets
    .map((d) =>
      d.status === 'imported'
        ? `${d.dataset}: imported ${d.rows} rows`
        : `${d.dataset}: already up to date (${d.rows} rows)`,
    )
    .join('; ');
