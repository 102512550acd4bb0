import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import {
  CandleHistoryRepository,
  type HeldRange,
} from '../../database/repositories/candle-history.repository';
import { RetryLaterError } from '../../kernel/errors/retry-later.error';
import { InvalidInputError } from '../../kernel/errors/validation.error';
import { INTERVAL_MS } from '../../kernel/interval';
import { closedSpan } from '../market-data/candle-history-spans';
import { CandleRangeFetcher } from '../market-data/candle-range-fetcher';
import {
  type DownloadDto,
  type DownloadRequestDto,
  DownloadStatus,
  type RemoveQueryDto,
} from './dto/candle-history.dto';
import { rangeProblems } from './history-range';

/** Downloads a user may run at once: each holds a share of the market-data budget. */
const RUNNING_PER_USER = 2;
/** Finished downloads stay readable this long, then go (they are in the history anyway). */
const KEPT_MS = 3_600_000;

interface Download {
  view: DownloadDto;
  userId: string;
}

/**
 * The candle history for the API: what it holds, downloads into it (run in this process,
 * polled by id), and removal. Downloads fetch through CandleRangeFetcher, as backtests do.
 */
@Injectable()
export class CandleHistoryService {
  private readonly logger = new Logger(CandleHistoryService.name);
  private readonly downloads = new LRUCache<string, Download>({ max: 1000, ttl: KEPT_MS });

  constructor(
    private readonly history: CandleHistoryRepository,
    private readonly fetcher: CandleRangeFetcher,
  ) {}

  held(): Promise<HeldRange[]> {
    return this.history.held();
  }

  /**
   * Starts a download and answers once its first page is stored: a symbol the exchange does
   * not list, a spent budget or an outage is then the request's own 400, 429 or 503.
   */
  async download(userId: string, request: DownloadRequestDto): Promise<DownloadDto> {
    const { symbol, interval, startTime, endTime } = request;
    const problems = rangeProblems(interval, startTime, endTime, true);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const running = [...this.downloads.values()].filter(
      (entry) => entry.userId === userId && entry.view.status === DownloadStatus.Running,
    );
    if (running.length >= RUNNING_PER_USER) {
      throw new RetryLaterError(
        `${RUNNING_PER_USER} downloads of yours are running; wait for one to finish`,
        10,
      );
    }
    const view: DownloadDto = {
      id: randomUUID(),
      symbol,
      interval,
      startTime: startTime!,
      endTime: endTime!,
      status: DownloadStatus.Running,
      done: 0,
      total: 0,
      error: null,
    };
    let started!: () => void;
    const firstPage = new Promise<void>((resolve) => (started = resolve));
    const finished = this.fetcher
      .download(view, (done, total) => {
        Object.assign(view, { done, total });
        if (done > 0) started();
      })
      .then(() => {
        view.status = DownloadStatus.Done;
      });
    this.downloads.set(view.id, { view, userId });
    try {
      await Promise.race([firstPage, finished]);
    } catch (error) {
      this.downloads.delete(view.id);
      throw error;
    }
    finished.catch((error: Error) => {
      view.status = DownloadStatus.Failed;
      view.error = error.message;
      this.logger.warn(`download of ${symbol} ${interval} failed: ${error.message}`);
    });
    return { ...view };
  }

  /** The caller's own download; another user's is not found, as if it did not exist. */
  find(userId: string, id: string): DownloadDto {
    const entry = this.downloads.get(id);
    if (!entry || entry.userId !== userId) throw new NotFoundException('download not found');
    return { ...entry.view };
  }

  /** Removes the venue's candles of a symbol and interval, over a range or all of them. */
  async remove({ symbol, interval, startTime, endTime }: RemoveQueryDto): Promise<number> {
    const problems = rangeProblems(interval, startTime, endTime, false);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const series = { venue: this.fetcher.venue, symbol, interval };
    const step = INTERVAL_MS[interval];
    if (startTime === undefined || endTime === undefined) {
      return this.history.remove(series, undefined, step);
    }
    // Closed or not by now: what is removed is whatever is held in the range.
    const span = closedSpan(interval, startTime, endTime, Number.MAX_SAFE_INTEGER);
    return span ? this.history.remove(series, span, step) : 0;
  }
}
