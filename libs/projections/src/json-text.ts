/*
 * JSON text built from the texts of frozen parts. A frozen object never changes, and a read model's next version of a
 * document (folded from a frozen one, see KeptDocuments) shares every part its batch did not touch, so the text of a
 * frozen part is kept by object and written again without serialising it again. Unfrozen parts are always serialised
 * afresh. The result is exactly what JSON.stringify writes (tested).
 */

const texts = new WeakMap<object, string>();

/**
 * JSON.stringify(value), kept for a frozen object. A plain array or object that is not frozen (a new version's list
 * of mostly unchanged parts) is assembled from its elements' texts, `depth` levels down.
 */
export const jsonText = (value: unknown, depth = 1): string => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Object.isFrozen(value)) {
    let text = texts.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      texts.set(value, text);
    }
    return text;
  }
  if (depth > 0 && Array.isArray(value)) {
    return `[${value.map((inner: unknown) => (inner === undefined ? 'null' : jsonText(inner, depth - 1))).join(',')}]`;
  }
  if (depth > 0 && Object.getPrototypeOf(value) === Object.prototype) {
    return objectText(value, (_, inner) => jsonText(inner, depth - 1));
  }
  return JSON.stringify(value);
};

/** `{"key":text,…}` in the object's own key order, skipping undefined values as JSON.stringify does. */
export const objectText = (
  value: object,
  textOf: (key: string, inner: unknown) => string,
): string => {
  const parts: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${textOf(key, inner)}`);
  }
  return `{${parts.join(',')}}`;
};
