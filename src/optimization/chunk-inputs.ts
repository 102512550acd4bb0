import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { OptimizationRunRepository } from '../database/repositories/optimization-run.repository';
import type { SymbolFilters } from '../risk/symbol-filters';
import type { ChunkInput } from '../backtest/search/search-task';

/** Runs whose input one process keeps (gzip'd: a million candles are ~15 MB). */
const RUNS_PER_PROCESS = 8;

/**
 * The stored inputs of the runs this process works on, loaded once per run (or handed over
 * by the coordinator that accepted it) and kept in shared memory, so every chunk reaches a
 * thread without a copy.
 */
@Injectable()
export class ChunkInputs {
  private readonly inputs = new LRUCache<string, Promise<ChunkInput | null>>({
    max: RUNS_PER_PROCESS,
  });

  constructor(private readonly runs: OptimizationRunRepository) {}

  /** The run's input; null when the run is gone. */
  get(runId: string): Promise<ChunkInput | null> {
    let input = this.inputs.get(runId);
    if (!input) {
      input = this.load(runId);
      this.inputs.set(runId, input);
      input.catch(() => this.inputs.delete(runId));
    }
    return input;
  }

  /** The accepting process already holds the input: no need to read it back. */
  hold(runId: string, input: Omit<ChunkInput, 'rows'> & { rows: Uint8Array }): void {
    this.inputs.set(runId, Promise.resolve({ ...input, rows: shared(input.rows) }));
  }

  private async load(runId: string): Promise<ChunkInput | null> {
    const run = await this.runs.loadInput(runId);
    if (!run) return null;
    return {
      backtest: run.request.backtest as Record<string, unknown>,
      symbolFilters: run.symbolFilters as SymbolFilters,
      rows: shared(run.candleRows),
    };
  }
}

function shared(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}
