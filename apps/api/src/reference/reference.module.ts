import { Module } from '@nestjs/common';
import { LocalAuthoritiesService } from './local-authorities.service';
import { OfficialAppealRatesService } from './official-appeal-rates.service';
import { ReferenceResolver } from './reference.resolver';

/**
 * The LA register and the official DfE appeal-rate series. Imports the committed reference data into the read-model
 * database on start when it changed (READ_MODEL_DB comes from the global PersistenceModule).
 */
@Module({
  providers: [LocalAuthoritiesService, OfficialAppealRatesService, ReferenceResolver],
  exports: [LocalAuthoritiesService, OfficialAppealRatesService],
})
export class ReferenceModule {}
