import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Candle } from '../../kernel/candle';
import { managerOf } from './transactions';

/** One exchange's candles of one symbol and interval. */
export interface CandleSeries {
  venue: string;
  symbol: string;
  interval: string;
}

/** Open times [from, to] (inclusive) on the series' grid. */
export interface HeldSpan {
  from: number;
  to: number;
}

/** A span held, with the candles in it (fewer than its slots where the exchange had none). */
export interface HeldRange extends CandleSeries, HeldSpan {
  candles: number;
}

const SERIES = `"venue" = $1 AND "symbol" = $2 AND "interval" = $3`;

/** The candle history: closed candles by series and open time, and the spans known held. */
@Injectable()
export class CandleHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The held spans of the series that overlap [from, to], oldest first. */
  async spans(series: CandleSeries, from: number, to: number): Promise<HeldSpan[]> {
    const rows: SpanRow[] = await managerOf(this.dataSource).query(
      `SELECT "from_time"::float8 AS "from", "to_time"::float8 AS "to" FROM "candle_history_span"
       WHERE ${SERIES} AND "from_time" <= $5 AND "to_time" >= $4 ORDER BY "from_time"`,
      [...key(series), from, to],
    );
    return rows;
  }

  /** Up to `limit` candles with open times in [from, to], oldest first. */
  async read(series: CandleSeries, from: number, to: number, limit: number): Promise<Candle[]> {
    const rows: CandleRecord[] = await managerOf(this.dataSource).query(
      `SELECT "open_time"::float8 AS t, "open" AS o, "high" AS h, "low" AS l, "close" AS c,
              "volume" AS v, "close_time"::float8 AS ct
       FROM "candle_history" WHERE ${SERIES} AND "open_time" BETWEEN $4 AND $5
       ORDER BY "open_time" LIMIT $6`,
      [...key(series), from, to, limit],
    );
    return rows.map(({ t, o, h, l, c, v, ct }) => ({
      openTime: t,
      open: o,
      high: h,
      low: l,
      close: c,
      volume: v,
      closeTime: ct,
    }));
  }

  /**
   * Stores closed candles (one statement, however many) and, in the same transaction, marks
   * `span` held, merged with the spans it overlaps or touches (`step` apart).
   */
  async store(
    series: CandleSeries,
    candles: readonly Candle[],
    span: HeldSpan | undefined,
    step: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (candles.length > 0) await insertCandles(manager, series, candles);
      if (span) await mergeSpan(manager, series, span, step);
    });
  }

  /** Every held span of every series, with its candle count. */
  held(): Promise<HeldRange[]> {
    return managerOf(this.dataSource).query(
      `SELECT s."venue", s."symbol", s."interval", s."from_time"::float8 AS "from",
              s."to_time"::float8 AS "to",
              (SELECT count(*)::int FROM "candle_history" c
               WHERE c."venue" = s."venue" AND c."symbol" = s."symbol"
                 AND c."interval" = s."interval"
                 AND c."open_time" BETWEEN s."from_time" AND s."to_time") AS "candles"
       FROM "candle_history_span" s
       ORDER BY s."venue", s."symbol", s."interval", s."from_time"`,
    );
  }

  /**
   * Forgets the series' candles and spans over [from, to], or all of them without a span; a
   * span cut in two keeps both ends. Gives the number of candles removed.
   */
  async remove(series: CandleSeries, span: HeldSpan | undefined, step: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (!span) {
        await manager.query(`DELETE FROM "candle_history_span" WHERE ${SERIES}`, key(series));
        return deleted(
          await manager.query(`DELETE FROM "candle_history" WHERE ${SERIES}`, key(series)),
        );
      }
      // TypeORM answers a DELETE on PostgreSQL as [rows returned, rows affected].
      const [cut]: [SpanRow[], number] = await manager.query(
        `DELETE FROM "candle_history_span" WHERE ${SERIES} AND "from_time" <= $5 AND "to_time" >= $4
         RETURNING "from_time"::float8 AS "from", "to_time"::float8 AS "to"`,
        [...key(series), span.from, span.to],
      );
      for (const kept of cut.flatMap((held) => outside(held, span, step))) {
        await insertSpan(manager, series, kept);
      }
      return deleted(
        await manager.query(
          `DELETE FROM "candle_history" WHERE ${SERIES} AND "open_time" BETWEEN $4 AND $5`,
          [...key(series), span.from, span.to],
        ),
      );
    });
  }
}

interface SpanRow {
  from: number;
  to: number;
}

interface CandleRecord {
  t: number;
  o: string;
  h: string;
  l: string;
  c: string;
  v: string;
  ct: number;
}

const key = ({ venue, symbol, interval }: CandleSeries) => [venue, symbol, interval];

/** Column arrays unnested into rows: one round trip for a page of any size. */
async function insertCandles(
  manager: EntityManager,
  series: CandleSeries,
  candles: readonly Candle[],
): Promise<void> {
  const column = <T>(read: (candle: Candle) => T) => candles.map(read);
  await manager.query(
    `INSERT INTO "candle_history"
       ("venue", "symbol", "interval", "open_time", "open", "high", "low", "close", "volume", "close_time")
     SELECT $1, $2, $3, t.* FROM unnest($4::bigint[], $5::numeric[], $6::numeric[], $7::numeric[],
       $8::numeric[], $9::numeric[], $10::bigint[]) AS t
     ON CONFLICT DO NOTHING`,
    [
      ...key(series),
      column((c) => c.openTime),
      column((c) => c.open),
      column((c) => c.high),
      column((c) => c.low),
      column((c) => c.close),
      column((c) => c.volume),
      column((c) => c.closeTime),
    ],
  );
}

/**
 * The span and every span it overlaps or touches, as one row. Two writers at once may leave
 * two overlapping rows, never a hole: each deleted row is inside the row its deleter inserts.
 */
async function mergeSpan(
  manager: EntityManager,
  series: CandleSeries,
  span: HeldSpan,
  step: number,
): Promise<void> {
  await manager.query(
    `WITH merged AS (
       DELETE FROM "candle_history_span"
       WHERE ${SERIES} AND "from_time" <= $5::bigint + $6 AND "to_time" >= $4::bigint - $6
       RETURNING "from_time", "to_time")
     INSERT INTO "candle_history_span" ("venue", "symbol", "interval", "from_time", "to_time")
     SELECT $1, $2, $3, LEAST($4::bigint, min("from_time")), GREATEST($5::bigint, max("to_time"))
     FROM merged`,
    [...key(series), span.from, span.to, step],
  );
}

async function insertSpan(
  manager: EntityManager,
  series: CandleSeries,
  span: HeldSpan,
): Promise<void> {
  await manager.query(
    `INSERT INTO "candle_history_span" ("venue", "symbol", "interval", "from_time", "to_time")
     VALUES ($1, $2, $3, $4, $5)`,
    [...key(series), span.from, span.to],
  );
}

/** The parts of `held` before and after `cut`. */
function outside(held: HeldSpan, cut: HeldSpan, step: number): HeldSpan[] {
  const parts: HeldSpan[] = [];
  if (held.from < cut.from) parts.push({ from: held.from, to: cut.from - step });
  if (held.to > cut.to) parts.push({ from: cut.to + step, to: held.to });
  return parts;
}

/** The rows a DELETE affected, from TypeORM's [rows, affected]. */
function deleted(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
