import { createHash } from 'node:crypto';
import {
  caseDecider,
  caseStreamId,
  fold,
  pendingBreachKeys,
  type CaseCommand,
  type CaseEvent,
} from '@app/domain';
import { handleCommand, type EventStore } from '@app/event-store';
import type { ReadModelDb } from '@app/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { ProjectionService } from '../persistence/projection.service';
import { EVENT_STORE, READ_MODEL_DB } from '../persistence/persistence.tokens';

export const DETECTOR_ACTOR = 'system:breach-detector';

export interface DetectionReport {
  readonly asOf: string;
  readonly casesChecked: number;
  readonly breachesDetected: number;
  readonly failures: number;
}

/**
 * Appends a BreachDetected for every deadline missed as of a given date. Deterministic and idempotent: the decider
 * never detects a deadline twice, and the event ids come from the set of deadlines found, so two detectors (or a
 * rerun after a crash) that find the same missed deadlines write the same events once.
 */
@Injectable()
export class BreachDetector {
  private readonly logger = new Logger('BreachDetector');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionService,
  ) {}

  async run(asOf: string): Promise<DetectionReport> {
    let casesChecked = 0;
    let breachesDetected = 0;
    let failures = 0;
    for await (const caseId of this.caseIds()) {
      casesChecked++;
      try {
        breachesDetected += await this.detectIn(caseId, asOf);
      } catch (error) {
        failures++;
        this.logger.error(
          `Detection failed for a case: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (breachesDetected > 0) this.projections.runner.wake();
    return { asOf, casesChecked, breachesDetected, failures };
  }

  private async detectIn(caseId: string, asOf: string): Promise<number> {
    const streamId = caseStreamId(caseId);
    const stream = await this.store.readStream(streamId);
    const state = fold(
      caseDecider,
      stream.events.map((e) => ({ type: e.type, data: e.data }) as CaseEvent),
    );
    if (state.status !== 'Open') return 0;
    const keys = pendingBreachKeys(state, asOf);
    if (keys.length === 0) return 0;
    const command: CaseCommand = {
      type: 'DetectBreaches',
      data: { asOf },
      metadata: { actor: DETECTOR_ACTOR, today: this.clock.today() },
    };
    const idempotencyKey = `detect:${createHash('sha256')
      .update([...keys].sort().join('\n'))
      .digest('hex')}`;
    const result = await handleCommand(this.store, streamId, caseDecider, command, {
      actor: DETECTOR_ACTOR,
      now: this.clock.now(),
      idempotencyKey,
    });
    return result.alreadyAppended
      ? 0
      : result.events.filter((e) => e.type === 'BreachDetected').length;
  }

  private async *caseIds(): AsyncGenerator<string> {
    let after = '';
    for (;;) {
      const rows = await this.db.query<{ case_id: string }>(
        'SELECT case_id FROM rm_cases WHERE case_id > $1 ORDER BY case_id LIMIT 500',
        [after],
      );
      for (const row of rows) yield row.case_id;
      const last = rows[rows.length - 1];
      if (!last) return;
      after = last.case_id;
    }
  }
}
