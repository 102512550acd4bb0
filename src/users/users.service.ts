import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from '../database/entities/user.entity';
import { UserRole } from '../kernel/user-role';
import { PasswordHasher } from './passwords';

export interface NewUser {
  email: string;
  password: string;
  role?: UserRole;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
  ) {}

  /** 409 when the email is taken. */
  async create(input: NewUser): Promise<User> {
    const user = await this.insertIfAbsent(input);
    if (!user) throw new ConflictException('a user with this email already exists');
    return user;
  }

  /**
   * ON CONFLICT DO NOTHING rather than catching the unique violation: a failed query is
   * logged by TypeORM with its parameters, and those include the password hash.
   * Returns undefined when the email is taken (also by a concurrent insert).
   */
  async insertIfAbsent({ email, password, role }: NewUser): Promise<User | undefined> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({
        email: email.toLowerCase(),
        passwordHash: await this.passwords.hash(password),
        role: role ?? UserRole.User,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [inserted] = result.raw as { id: string }[];
    return inserted ? this.users.findOneByOrFail({ id: inserted.id }) : undefined;
  }

  /**
   * Sets a new password and raises the token version, which ends every session of the
   * user. Undefined when no such user exists.
   */
  async setPassword(
    id: string,
    password: string,
  ): Promise<Pick<User, 'id' | 'tokenVersion'> | undefined> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({
        passwordHash: await this.passwords.hash(password),
        tokenVersion: () => 'token_version + 1',
      })
      .where({ id })
      .returning(['id', 'tokenVersion'])
      .execute();
    const [row] = result.raw as { id: string; token_version: number }[];
    return row && { id: row.id, tokenVersion: row.token_version };
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  adminExists(): Promise<boolean> {
    return this.users.existsBy({ role: UserRole.Admin });
  }
}
