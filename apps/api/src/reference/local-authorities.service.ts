import {
  importReferenceData,
  listRegisterEntries,
  type ReadModelDb,
  type RegisterEntry,
} from '@app/projections';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { apiError } from '../graphql/errors';
import { READ_MODEL_DB } from '../persistence/persistence.tokens';
import { describeImport } from './describe-import';
import type { LocalAuthority } from './local-authority.graphql';

/**
 * The LA register. On start it imports the committed reference data into the read-model database when the files
 * changed (quick when they did not: one hash lookup), then serves the register from memory, so `find` and `all` stay
 * synchronous for the other modules.
 */
@Injectable()
export class LocalAuthoritiesService implements OnModuleInit {
  private readonly logger = new Logger('ReferenceData');
  private byCode: ReadonlyMap<string, RegisterEntry> = new Map();
  private sorted: readonly RegisterEntry[] = [];

  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  async onModuleInit(): Promise<void> {
    const result = await importReferenceData(this.db);
    if (result.imported) this.logger.log(describeImport(result));
    await this.reload();
  }

  /** Re-reads the register from the database (after an import by the CLI, for instance). */
  async reload(): Promise<void> {
    const entries = await listRegisterEntries(this.db);
    this.sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
    this.byCode = new Map(entries.map((la) => [la.code, la]));
  }

  /** Current authorities by name; with `includePredecessors`, also those that no longer exist. */
  all(options: { includePredecessors?: boolean } = {}): LocalAuthority[] {
    return this.sorted
      .filter((la) => la.current || options.includePredecessors === true)
      .map(toGraphql);
  }

  /** A CURRENT authority (the ones a case can be opened with), or null. */
  find(code: string): LocalAuthority | null {
    const entry = this.byCode.get(code);
    return entry?.current ? toGraphql(entry) : null;
  }

  /** Refuses a code that names no authority, current or predecessor (BAD_USER_INPUT naming the field). */
  requireKnown(code: string | null | undefined, field: string): void {
    if (code === null || code === undefined || this.byCode.has(code)) return;
    throw apiError('BAD_USER_INPUT', `There is no local authority with DfE code ${code}.`, {
      field,
    });
  }

  /** A current or predecessor authority (for history: official series, old records), or null. */
  findAny(code: string): LocalAuthority | null {
    const entry = this.byCode.get(code);
    return entry ? toGraphql(entry) : null;
  }
}

const toGraphql = (la: RegisterEntry): LocalAuthority => ({
  code: la.code,
  gssCode: la.gssCode,
  name: la.name,
  region: la.regionName,
  regionCode: la.regionCode,
  current: la.current,
  endYear: la.endYear,
  replacedBy: [...la.replacedBy],
});
