import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A closed candle fetched from an exchange, kept so a range asked for again is read here.
 * Prices and volume are `numeric`: exact, and PostgreSQL keeps the scale they came with, so
 * "3000.10000000" reads back as the exchange sent it (and stays summable in SQL, unlike text).
 */
@Entity('candle_history')
export class CandleHistory {
  /** The exchange host the candle came from: a testnet's candles are not the main net's. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  venue: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  symbol: string;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  interval: string;

  /** ms since the epoch; bigint comes back as a string, so the repository reads it cast. */
  @PrimaryColumn({ type: 'bigint' })
  openTime: string;

  @Column({ type: 'numeric' })
  open: string;

  @Column({ type: 'numeric' })
  high: string;

  @Column({ type: 'numeric' })
  low: string;

  @Column({ type: 'numeric' })
  close: string;

  @Column({ type: 'numeric' })
  volume: string;

  @Column({ type: 'bigint' })
  closeTime: string;
}
