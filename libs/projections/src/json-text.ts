/*
 * JSON text built from the texts of frozen parts. A frozen object never changes, and a read model's next version of a
 * document (folded from a frozen one, see KeptDocuments) shares every part its batch did not touch, so the text of a
 * frozen part is kept by object and written again without serialising it again, and the text of an array that grew
 * at its end is the last one's text plus its new elements' (SequenceTexts). Unfrozen parts are always serialised
 * afresh. The result is exactly what JSON.stringify writes (tested).
 */

const texts = new WeakMap<object, string>();

/** The last text of one array (see SequenceTexts): its leading frozen elements, where each one's text ends. */
interface KnownSequence {
  readonly context: unknown;
  readonly items: readonly unknown[];
  readonly ends: readonly number[];
  /** The elements' texts joined by commas, without the brackets. */
  readonly body: string;
}

const isSettled = (value: unknown): boolean =>
  typeof value !== 'object' || value === null || Object.isFrozen(value);

/**
 * Texts of arrays that grow at the end or change near it from one version of a document to the next (a case's
 * timeline, its deadlines, its appeals): the text of the leading elements a new version shares with the last one
 * written (the same frozen objects, in the same places) is taken from that one's text, and only the rest is made.
 * Known by the array's first element (one entry per array, replaced at each text); an element's text may depend on
 * the elements before it and on `context`, never on those after it. Only frozen elements' texts are reused, so a
 * changed element always shows.
 */
export class SequenceTexts {
  private readonly known = new WeakMap<object, KnownSequence>();

  /** `[` + the elements' texts (`partText(i)`) joined by commas + `]`. */
  text(
    items: readonly unknown[],
    partText: (index: number) => string,
    context: unknown = null,
  ): string {
    const count = items.length;
    const head = items[0];
    if (count === 0 || typeof head !== 'object' || head === null) {
      return `[${Array.from(items, (_, i) => partText(i)).join(',')}]`;
    }
    const known = this.known.get(head);
    let reused = 0;
    if (known !== undefined && known.context === context) {
      const most = Math.min(known.items.length, count);
      while (reused < most && known.items[reused] === items[reused]) reused++;
    }
    const ends = new Array<number>(count);
    let body = '';
    if (reused > 0) {
      // The whole known text when it is all reused (a list that only grew): slicing would copy it once more.
      const end = known!.ends[reused - 1]!;
      body = end === known!.body.length ? known!.body : known!.body.slice(0, end);
      for (let i = 0; i < reused; i++) ends[i] = known!.ends[i]!;
    }
    for (let i = reused; i < count; i++) {
      body = i === 0 ? partText(0) : `${body},${partText(i)}`;
      ends[i] = body.length;
    }
    // The reused elements were frozen when their text was kept.
    let settled = reused;
    while (settled < count && isSettled(items[settled])) settled++;
    if (settled > 0) {
      this.known.set(head, {
        context,
        items: items.slice(0, settled),
        ends: ends.slice(0, settled),
        body,
      });
    } else this.known.delete(head);
    return `[${body}]`;
  }
}

// An element's text is JSON.stringify's whatever the depth, so one cache serves every depth.
const arrayTexts = new SequenceTexts();

/**
 * JSON.stringify(value), kept for a frozen object. A plain array or object that is not frozen (a new version's list
 * of mostly unchanged parts) is assembled from its elements' texts, `depth` levels down.
 */
export const jsonText = (value: unknown, depth = 1): string => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const frozen = Object.isFrozen(value);
  if (frozen) {
    const known = texts.get(value);
    if (known !== undefined) return known;
  }
  // A frozen document seen for the first time (kept before it is written) is built from its parts' texts too.
  let text: string;
  if (depth > 0 && Array.isArray(value)) {
    text = arrayTexts.text(value, (i) => {
      const inner: unknown = value[i];
      return inner === undefined ? 'null' : jsonText(inner, depth - 1);
    });
  } else if (depth > 0 && Object.getPrototypeOf(value) === Object.prototype) {
    text = objectText(value, (_, inner) => jsonText(inner, depth - 1));
  } else text = JSON.stringify(value);
  if (frozen) texts.set(value, text);
  return text;
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
