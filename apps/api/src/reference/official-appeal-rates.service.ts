import {
  ENGLAND_CODE,
  findOfficialAppealRate,
  listOfficialAppealRates,
  type OfficialAppealRate as OfficialAppealRateRecord,
  type ReadModelDb,
} from '@app/projections';
import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../graphql/errors';
import { READ_MODEL_DB } from '../persistence/persistence.tokens';
import { LocalAuthoritiesService } from './local-authorities.service';
import type { OfficialAppealRate } from './official-appeal-rate.graphql';

/**
 * The official DfE appeals / appeal-rate series, read from the imported table. Keyed like the service's own data
 * (3-digit DfE code and calendar year), so statistics can be put beside it for the same authority and year.
 */
@Injectable()
export class OfficialAppealRatesService {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly register: LocalAuthoritiesService,
  ) {}

  /** True for a current or predecessor authority's code, or `ENG`. */
  isKnownCode(code: string): boolean {
    return code === ENGLAND_CODE || this.register.findAny(code) !== null;
  }

  /** Every year of the series, oldest first; NOT_FOUND for a code that is neither an authority nor `ENG`. */
  async series(code: string): Promise<OfficialAppealRate[]> {
    if (!this.isKnownCode(code)) throw notFound(`Local authority ${code}`);
    return (await listOfficialAppealRates(this.db, code)).map(toGraphql);
  }

  /** One year for one authority (or England), or null when not published. */
  async forYear(code: string, year: number): Promise<OfficialAppealRate | null> {
    const record = await findOfficialAppealRate(this.db, code, year);
    return record ? toGraphql(record) : null;
  }
}

const toGraphql = (r: OfficialAppealRateRecord): OfficialAppealRate => ({
  localAuthorityCode: r.laCode,
  localAuthorityName: r.laName,
  sourceLocalAuthorityCode: r.sourceLaCode,
  year: r.year,
  appealsRegistered: r.appealsRegistered,
  appealableDecisions: r.appealableDecisions,
  ratePct: r.ratePct,
  inDevelopmentAppealableDecisions: r.inDevelopmentAppealableDecisions,
  inDevelopmentRatePct: r.inDevelopmentRatePct,
  nil: r.flags.nil,
  notAvailable: r.flags.notAvailable,
  inDevelopmentNotAvailable: r.flags.inDevelopmentNotAvailable,
  suppressed: r.flags.suppressed,
  suspect: r.flags.suspect,
  notes: [...r.notes],
});
