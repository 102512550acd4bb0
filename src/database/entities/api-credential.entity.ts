import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity';

/** Binance API key pair; key and secret only ever exist here as AES-256-GCM ciphertext. */
@Entity('api_credential')
@Index(['userId'])
export class ApiCredential {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ type: 'text' })
  apiKeyEncrypted: string;

  @Column({ type: 'text' })
  apiSecretEncrypted: string;

  /** First and last four characters of the key: enough to recognise it, useless to use it. */
  @Column({ type: 'varchar', length: 16 })
  apiKeyHint: string;

  @Column({ type: 'boolean', default: false })
  testnet: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
