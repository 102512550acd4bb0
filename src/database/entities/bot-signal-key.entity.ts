import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { BotConfig } from './bot-config.entity';

/**
 * An external-signal bot's passphrase, as a SHA-256 digest: the passphrase itself is shown
 * once, at creation or rotation, and never stored.
 */
@Entity('bot_signal_key')
export class BotSignalKey {
  @PrimaryColumn({ type: 'uuid' })
  botId: string;

  @OneToOne(() => BotConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Relation<BotConfig>;

  /** Hex SHA-256 of the passphrase: it is random and long, so no slow hash is needed. */
  @Column({ type: 'varchar', length: 64 })
  passphraseHash: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;
}
