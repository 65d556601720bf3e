import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SourceLine } from './importer';

/** The lines of an NDJSON file, numbered from 1, with their size in bytes (for progress). */
export async function* readNdjson(path: string): AsyncGenerator<SourceLine> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  for await (const text of lines) {
    number++;
    yield { number, text, bytes: Buffer.byteLength(text) + 1 };
  }
}
