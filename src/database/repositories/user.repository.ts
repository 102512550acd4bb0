import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserRole } from '../../kernel/user-role';
import { User } from '../entities/user.entity';
import { managerOf } from './transactions';

export interface NewUserRow {
  /** Already lower-cased. */
  email: string;
  passwordHash: string;
  role: UserRole;
}

/** User accounts. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * ON CONFLICT DO NOTHING rather than catching the unique violation: a failed query is
   * logged by TypeORM with its parameters, and those include the password hash.
   * Undefined when the email is taken (also by a concurrent insert).
   */
  async insertIfAbsent(row: NewUserRow): Promise<User | undefined> {
    const manager = managerOf(this.dataSource);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    const [inserted] = result.raw as { id: string }[];
    return inserted ? manager.findOneByOrFail(User, { id: inserted.id }) : undefined;
  }

  /** Sets the hash and raises the token version; undefined when no such user exists. */
  async setPasswordHash(
    id: string,
    passwordHash: string,
  ): Promise<Pick<User, 'id' | 'tokenVersion'> | undefined> {
    const result = await managerOf(this.dataSource)
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, tokenVersion: () => 'token_version + 1' })
      .where({ id })
      .returning(['id', 'tokenVersion'])
      .execute();
    const [row] = result.raw as { id: string; token_version: number }[];
    return row && { id: row.id, tokenVersion: row.token_version };
  }

  findById(id: string): Promise<User | null> {
    return managerOf(this.dataSource).findOneBy(User, { id });
  }

  /** `email` already lower-cased. */
  findByEmail(email: string): Promise<User | null> {
    return managerOf(this.dataSource).findOneBy(User, { email });
  }

  list(): Promise<User[]> {
    return managerOf(this.dataSource).find(User, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  existsWithRole(role: UserRole): Promise<boolean> {
    return managerOf(this.dataSource).existsBy(User, { role });
  }
}
