import type { Request } from 'express';
import type { Viewer } from '../auth/viewer';

/** What every resolver can read about the request. */
export interface RequestContext {
  readonly req?: Request;
  /** The verified caller, or null (then `authError` says why, if a token was sent). */
  readonly viewer: Viewer | null;
  readonly authError: string | null;
}
