import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateCommands, newStats } from '../bulk/generate';
import { ConfigError } from '../config/config';

const usage = `Usage: npm run generate -- --cases N --seed S [--out FILE]
Writes realistic, deterministic case histories as NDJSON commands (one JSON object a line: caseId, actor,
clientMutationId, command) for \`npm run import\`. The same N and S always give the same file. Without --out the
lines go to standard output; a summary goes to standard error.`;

const positiveInt = (value: string | undefined, name: string, min: number): number => {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) {
    throw new ConfigError([
      `--${name} must be a whole number of at least ${min} (got ${String(value)}).`,
      usage,
    ]);
  }
  return n;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(usage);
  const cases = positiveInt(values.cases, 'cases', 1);
  const seed = positiveInt(values.seed, 'seed', 0);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const stats = newStats();
  const started = performance.now();
  let chunk = '';
  for (const line of generateCommands({ cases, seed }, stats)) {
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk.length > 0) out.write(chunk);
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `Generated ${stats.cases} cases, ${stats.lines} commands, ${stats.events} events in ${seconds.toFixed(1)} s` +
      ` (seed ${seed}${values.out ? `, ${values.out}` : ''}).\n` +
      `Outcomes: ${JSON.stringify(stats.outcomes)}\nAppeal types: ${JSON.stringify(stats.appealTypes)}\n` +
      `Repeat-offender LAs: ${stats.repeatOffenders.join(', ')}` +
      (stats.refused > 0
        ? `\nWarning: ${stats.refused} drawn commands were refused and left out.`
        : ''),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
