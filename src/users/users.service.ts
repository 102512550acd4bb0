import { ConflictException, Injectable } from '@nestjs/common';
import type { User } from '../database/entities/user.entity';
import { UserRepository } from '../database/repositories/user.repository';
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
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** 409 when the email is taken. */
  async create(input: NewUser): Promise<User> {
    const user = await this.insertIfAbsent(input);
    if (!user) throw new ConflictException('a user with this email already exists');
    return user;
  }

  /** Undefined when the email is taken (also by a concurrent insert). */
  async insertIfAbsent({ email, password, role }: NewUser): Promise<User | undefined> {
    return this.users.insertIfAbsent({
      email: email.toLowerCase(),
      passwordHash: await this.passwords.hash(password),
      role: role ?? UserRole.User,
    });
  }

  /**
   * Sets a new password and raises the token version, which ends every session of the
   * user. Undefined when no such user exists.
   */
  async setPassword(
    id: string,
    password: string,
  ): Promise<Pick<User, 'id' | 'tokenVersion'> | undefined> {
    return this.users.setPasswordHash(id, await this.passwords.hash(password));
  }

  findById(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email.toLowerCase());
  }

  list(): Promise<User[]> {
    return this.users.list();
  }

  adminExists(): Promise<boolean> {
    return this.users.existsWithRole(UserRole.Admin);
  }
}
