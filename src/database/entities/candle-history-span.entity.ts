import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Open times [fromTime, toTime] of a series for which candle_history holds every candle the
 * exchange has: a range it lacks (a maintenance window) is held as asked, not asked again.
 * Spans that touch are merged when written.
 */
@Entity('candle_history_span')
@Index(['venue', 'symbol', 'interval', 'fromTime'])
export class CandleHistorySpan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 255 })
  venue: string;

  @Column({ type: 'varchar', length: 20 })
  symbol: string;

  @Column({ type: 'varchar', length: 3 })
  interval: string;

  @Column({ type: 'bigint' })
  fromTime: string;

  @Column({ type: 'bigint' })
  toTime: string;
}
