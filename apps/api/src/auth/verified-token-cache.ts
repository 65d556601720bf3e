import { createHash } from 'node:crypto';
import type { TokenVerifier, VerifiedToken } from './token-claims';
import type { Viewer } from './viewer';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; the least recently used is forgotten first. */
  readonly maxEntries?: number;
  /** Longest a verification is reused, whatever the token's `exp` (milliseconds). */
  readonly maxAgeMs?: number;
  /** Milliseconds since the epoch (tests); the verifiers check `exp` against the same clock. */
  readonly now?: () => number;
}

interface Entry {
  readonly viewer: Viewer;
  /** Reused only before this instant (ms): the token's `exp`, or earlier. */
  readonly until: number;
  readonly recheckKey: VerifiedToken['recheckKey'];
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_MAX_AGE_MS = 10 * 60_000;

/**
 * Remembers tokens that verified, so a client sending the same bearer token on every request costs one signature
 * check (ES256/RS256: the largest part of a small query's CPU) instead of one per request. Safe because:
 *
 * - the key is a SHA-256 of the whole token: only the exact same bytes hit (a token differing in any claim or in its
 *   signature is verified afresh), and no token is kept in memory;
 * - an entry is used only before the token's `exp` — never after it, and without the clock tolerance: from `exp`
 *   on, every request goes to the verifier again, which applies `AUTH_CLOCK_TOLERANCE_SECONDS` exactly as without
 *   the cache; a token without `exp` is never remembered; and no entry is older than `maxAgeMs`;
 * - refusals are never remembered (each refused token is checked again, and cannot fill the cache);
 * - with an external issuer each hit first asks the JWKS (jose's cache of the issuer's keys) for the token's key again
 *   and requires the very key object that verified it: when the issuer rotates or withdraws keys and jose fetches
 *   the new set (on an unknown key id, or when its copy is older than its maximum age — the hit triggers that
 *   fetch as an uncached request would), the entry is dropped and the token verified again against the new keys;
 * - the viewer is derived from the token's claims only; access to cases is still decided per request.
 *
 * Concurrent requests with the same new token share one verification.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Viewer>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly verifier: TokenVerifier,
    options: VerifiedTokenCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /** How many verified tokens are remembered (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** The viewer of a valid token; rejects with the verifier's InvalidToken otherwise. */
  async verify(token: string): Promise<Viewer> {
    const key = createHash('sha256').update(token).digest('base64url');
    const entry = this.entries.get(key);
    if (entry) {
      if (this.now() < entry.until && (entry.recheckKey === null || (await entry.recheckKey()))) {
        // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
        if (this.entries.delete(key)) this.entries.set(key, entry);
        return entry.viewer;
      }
      // Expired or its key is no longer the issuer's: verify again (and drop it, unless already replaced).
      if (this.entries.get(key) === entry) this.entries.delete(key);
    }
    let verifying = this.pending.get(key);
    if (!verifying) {
      verifying = this.verifyAndRemember(key, token);
      this.pending.set(key, verifying);
      const settled = (): void => {
        if (this.pending.get(key) === verifying) this.pending.delete(key);
      };
      verifying.then(settled, settled);
    }
    return verifying;
  }

  /** Forgets every token (e.g. after a signing-key change). */
  clear(): void {
    this.entries.clear();
  }

  private async verifyAndRemember(key: string, token: string): Promise<Viewer> {
    const verified = await this.verifier.verify(token);
    if (verified.expiresAt !== null) {
      const now = this.now();
      const until = Math.min(verified.expiresAt * 1000, now + this.maxAgeMs);
      if (until > now) {
        this.entries.delete(key);
        this.entries.set(key, { viewer: verified.viewer, until, recheckKey: verified.recheckKey });
        while (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next();
          if (oldest.done) break;
          this.entries.delete(oldest.value);
        }
      }
    }
    return verified.viewer;
  }
}
