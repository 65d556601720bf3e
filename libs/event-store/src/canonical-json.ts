/**
 * JSON with object keys sorted at every level, so two payloads that differ only in key order compare equal. Used to
 * recognise a retried write: the retry may rebuild its payload with keys in another order.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !isJsonLeaf(value)) {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) sorted[key] = sortKeys(source[key]);
    return sorted;
  }
  return value;
};

/** Objects JSON.stringify turns into a string themselves (Date): keep them as they are. */
const isJsonLeaf = (value: object): boolean =>
  typeof (value as { toJSON?: unknown }).toJSON === 'function';
