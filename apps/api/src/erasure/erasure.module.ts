import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module';
import { ErasureResolver } from './erasure.resolver';
import { ErasureService } from './erasure.service';

/** `erasePersonalData`: crypto-shredding of one case (the key store and event store come from PersistenceModule). */
@Module({
  imports: [CqrsModule, CasesModule],
  providers: [ErasureService, ErasureResolver],
})
export class ErasureModule {}
