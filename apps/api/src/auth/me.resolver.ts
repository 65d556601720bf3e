import { Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from './current-viewer.decorator';
import type { Viewer } from './viewer';
import { ViewerObject } from './viewer.graphql';

@Resolver(() => ViewerObject)
export class MeResolver {
  @Query(() => ViewerObject, { name: 'me', description: 'Who you are signed in as.' })
  me(@CurrentViewer() viewer: Viewer): ViewerObject {
    return { id: viewer.id, role: viewer.role, organisation: viewer.organisation };
  }
}
