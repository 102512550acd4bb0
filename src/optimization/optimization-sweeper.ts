import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { OptimizationRunRepository } from '../database/repositories/optimization-run.repository';
import { STALE_AFTER_MS, STOPPED_REASON } from './optimization-coordinator.service';

const SWEEP_EVERY_MS = 10_000;
export const OPTIMIZATION_SWEEP_JOB = 'optimization-sweep';

/**
 * Ends the runs whose coordinator has gone (a process that stopped without its shutdown):
 * failed with the reason, once their heartbeat is STALE_AFTER_MS old. At start, before this
 * process serves, and then periodically; a finished run is never touched.
 */
@Injectable()
export class OptimizationSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(OptimizationSweeper.name);

  constructor(private readonly runs: OptimizationRunRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
  }

  @Interval(OPTIMIZATION_SWEEP_JOB, SWEEP_EVERY_MS)
  async sweep(): Promise<void> {
    const failed = await this.runs.failStale(new Date(Date.now() - STALE_AFTER_MS), STOPPED_REASON);
    if (failed.length > 0) {
      this.logger.warn(`optimizations ${failed.join(', ')} failed: ${STOPPED_REASON}`);
    }
  }
}
