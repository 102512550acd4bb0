import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, QueryFailedError } from 'typeorm';
import { ApiCredential } from '../entities/api-credential.entity';
import { managerOf, type Tx } from './transactions';

const FOREIGN_KEY_VIOLATION = '23503';

/** The row of a new credential: its ciphertexts are bound to its id, so the caller chooses it. */
export type NewCredentialRow = Pick<
  ApiCredential,
  'id' | 'userId' | 'label' | 'apiKeyEncrypted' | 'apiSecretEncrypted' | 'apiKeyHint' | 'testnet'
>;

/** Exchange API credentials, stored encrypted. */
@Injectable()
export class ApiCredentialRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isOwnedBy(credentialId: string, userId: string, tx?: Tx): Promise<boolean> {
    return managerOf(this.dataSource, tx).existsBy(ApiCredential, { id: credentialId, userId });
  }

  async insert(tx: Tx, row: NewCredentialRow): Promise<void> {
    const manager = managerOf(this.dataSource, tx);
    await manager.insert(ApiCredential, manager.create(ApiCredential, row));
  }

  getById(id: string): Promise<ApiCredential> {
    return managerOf(this.dataSource).findOneByOrFail(ApiCredential, { id });
  }

  findById(id: string): Promise<ApiCredential | null> {
    return managerOf(this.dataSource).findOneBy(ApiCredential, { id });
  }

  findOwned(id: string, userId: string): Promise<ApiCredential | null> {
    return managerOf(this.dataSource).findOneBy(ApiCredential, { id, userId });
  }

  /** Oldest first; only this user's, or every user's when absent. */
  list(ownerId?: string): Promise<ApiCredential[]> {
    return managerOf(this.dataSource).find(ApiCredential, {
      where: ownerId === undefined ? {} : { userId: ownerId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * 'referenced' when a bot still references the credential (the foreign key is RESTRICT);
   * the transaction is then aborted and must end.
   */
  async deleteOwned(tx: Tx, id: string, userId: string): Promise<'deleted' | 'referenced'> {
    try {
      await managerOf(this.dataSource, tx).delete(ApiCredential, { id, userId });
      return 'deleted';
    } catch (error) {
      if (error instanceof QueryFailedError && error.driverError?.code === FOREIGN_KEY_VIOLATION) {
        return 'referenced';
      }
      throw error;
    }
  }
}
