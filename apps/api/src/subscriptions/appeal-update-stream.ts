import type { CaseView } from '@app/projections';

/** What one delivery of `appealUpdated` carries: the appeal as it stands now, or the end of the viewer's access. */
export type AppealUpdate =
  { readonly kind: 'updated'; readonly view: CaseView } | { readonly kind: 'access-ended' };

/**
 * The async iterator behind one `appealUpdated` subscription. Wake-ups coalesce: however many notifications arrive
 * while a delivery is on its way, the next read returns the latest state, once. A state is sent only when its
 * stream version is newer than the last one sent (a resync or a duplicate notification sends nothing).
 */
export class AppealUpdateStream implements AsyncIterableIterator<AppealUpdate> {
  private pending = false;
  private closed = false;
  private waiter: (() => void) | null = null;
  private accessEnded = false;

  constructor(
    /** The case holding the appeal, if the viewer may still see it; null otherwise. */
    private readonly read: () => Promise<CaseView | null>,
    private lastVersion: number,
    private readonly onClose: () => void,
  ) {}

  /** Something may have changed. */
  wake(): void {
    this.pending = true;
    this.waiter?.();
  }

  async next(): Promise<IteratorResult<AppealUpdate>> {
    while (!this.closed && !this.accessEnded) {
      if (!this.pending) await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
      if (this.closed) break;
      this.pending = false;
      const view = await this.read();
      if (this.closed) break;
      if (!view) {
        // Access was revoked (or the appeal is gone): say so once, then end.
        this.accessEnded = true;
        return { done: false, value: { kind: 'access-ended' } };
      }
      if (view.version > this.lastVersion) {
        this.lastVersion = view.version;
        return { done: false, value: { kind: 'updated', view } };
      }
    }
    this.close();
    return { done: true, value: undefined };
  }

  return(): Promise<IteratorResult<AppealUpdate>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error?: unknown): Promise<IteratorResult<AppealUpdate>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<AppealUpdate> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiter?.();
    this.onClose();
  }
}
