import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../event-store.contract';
import { KurrentDbEventStore } from './kurrentdb.event-store';

/**
 * The same contract against a real KurrentDB, e.g. `KURRENTDB_URL=kurrentdb://localhost:2113?tls=false` with
 * `docker compose up kurrentdb` (or any node, insecure or with TLS/credentials in the URL). Without the variable the
 * suite is reported as skipped, with the reason, and never fails.
 *
 * A real database is not empty and is shared between runs, while the contract wants an empty store per call: each
 * store gets its own namespace (stream-name prefix), and readAll only returns that namespace's events.
 */
const url = process.env.KURRENTDB_URL;
const title = 'KurrentDB adapter — live tests (real server at KURRENTDB_URL)';

if (url === undefined || url === '') {
  console.warn(
    `${title}: SKIPPED — set KURRENTDB_URL (e.g. kurrentdb://localhost:2113?tls=false) to run them.`,
  );
  describe.skip(`${title} — skipped: KURRENTDB_URL is not set`, () => {
    it('needs a KurrentDB server', () => undefined);
  });
} else {
  describe(title, () => {
    const run = randomUUID().slice(0, 8);
    let stores = 0;
    eventStoreContract('kurrentdb (live)', () =>
      KurrentDbEventStore.open({ connectionString: url, namespace: `t${run}-${++stores}.` }),
    );
  });
}
