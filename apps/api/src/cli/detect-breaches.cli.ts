import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isValidLocalDate } from '@app/domain';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configurationModule } from '../app.module';
import { BreachDetector } from '../breaches/breach-detector.service';
import { systemClock } from '../common/clock';
import { ConfigError, loadConfig, type AppConfig } from '../config/config';
import { PersistenceModule } from '../persistence/persistence.module';

const usage = `Usage: npm run detect-breaches -- [--as-of YYYY-MM-DD]
Appends a BreachDetected for every statutory deadline missed as of that date (default: today in England).
Safe to run any number of times, on any machine: a missed deadline is recorded once.`;

@Module({})
class DetectorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DetectorModule,
      imports: [configurationModule(config, systemClock), PersistenceModule],
      providers: [BreachDetector],
    };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'as-of': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return void console.log(usage);
  const asOf: string = values['as-of'] ?? systemClock.today();
  if (!isValidLocalDate(asOf))
    throw new ConfigError([
      `--as-of must be a real date written YYYY-MM-DD (got ${JSON.stringify(values['as-of'])}).`,
      usage,
    ]);
  const config = loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(DetectorModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const report = await app.get(BreachDetector).run(asOf);
    console.log(
      `Breach detection as of ${report.asOf}: ${report.casesChecked} cases checked, ${report.breachesDetected} new breaches recorded, ${report.failures} failures.`,
    );
    if (report.failures > 0) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
