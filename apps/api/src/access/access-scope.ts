import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';

/** What the read audit needs to know about the GraphQL field being resolved, for the whole of its resolution. */
export interface AccessScope {
  /** `Query.case`, `Mutation.lodgeAppeal`, … */
  readonly operation: string;
  /** The reader's stated purpose (`x-access-purpose` header), or null for the role's default. */
  readonly purpose: string | null;
}

/**
 * Carries the scope from the resolver's entry (`withAccessScopes`) to wherever case data is read (CaseReader),
 * without threading it through every resolver and service signature. One per field resolution: never shared
 * between requests, so nothing about access outlives the request.
 */
export const accessScope = new AsyncLocalStorage<AccessScope>();

export const PURPOSE_HEADER = 'x-access-purpose';
const MAX_PURPOSE = 200;

/** The stated purpose, cleaned: control characters dropped, whitespace collapsed, at most 200 characters. */
export const purposeFrom = (req: Request | undefined): string | null => {
  const raw = req?.headers[PURPOSE_HEADER];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string') return null;
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_PURPOSE);
  return clean === '' ? null : clean;
};
