import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { ErasureService } from './erasure.service';

@Resolver()
export class ErasureResolver {
  constructor(private readonly erasure: ErasureService) {}

  @Mutation(() => Boolean, {
    description:
      "Erase the case's personal data (the child's label, notes, evidence references, free text, tribunal references) for good: the right to erasure. Dates, appeals, outcomes, deadlines and breaches stay, for statistics; the case can no longer be changed. For the family that opened the case, or an operator processing its request. Asking again returns true and changes nothing.",
  })
  async erasePersonalData(
    @CurrentViewer() viewer: Viewer,
    @Args('caseId', { type: () => ID }) caseId: string,
  ): Promise<boolean> {
    await this.erasure.erase(viewer, caseId);
    return true;
  }
}
