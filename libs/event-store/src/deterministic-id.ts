import { createHash } from 'node:crypto';

/** Fixed namespace of this project's ids (a random UUID chosen once); changing it would change every derived id. */
const NAMESPACE = Buffer.from('6f0d4f7a2c1b4e0e9b8a5d3c7e21a9f4', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of namespace + name) from the given parts. The same parts always give
 * the same id, which is what lets a retried command produce the same event ids and be recognised by the store.
 * Parts are JSON-encoded before hashing so ('ab', 'c') and ('a', 'bc') give different ids.
 */
export function deterministicId(...parts: string[]): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(JSON.stringify(parts), 'utf8').digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
