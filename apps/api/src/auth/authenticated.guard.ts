import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { viewerOf } from './current-viewer.decorator';

/** Global guard: every GraphQL operation needs a valid token (anonymous callers get UNAUTHENTICATED). */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    viewerOf(context);
    return true;
  }
}
