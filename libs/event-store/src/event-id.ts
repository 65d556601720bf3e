import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in blocks (one system call per 409 ids, as `randomUUID` does with its own cache). */
const pool = Buffer.alloc(4096);
let used = pool.length;

const randomBytes = (count: number): Buffer => {
  if (used + count > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += count;
  return pool.subarray(used - count, used);
};

/**
 * A new event id that follows the order ids are made in: a version-7 UUID (RFC 9562 §5.7), the Unix time in
 * milliseconds in its first 48 bits, then the version, 74 random bits and the RFC's variant. Indexes on event ids
 * (SQLite's unique key on their 16 bytes, PostgreSQL's `uuid` key) then grow at their end instead of each event
 * touching a random page of them. For events without an idempotency key; a retried command's ids are derived from its
 * key (`deterministicId`), so they cannot follow time.
 */
export const newEventId = (nowMs: number = Date.now()): string => {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.floor(nowMs), 0, 6);
  randomBytes(10).copy(bytes, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
