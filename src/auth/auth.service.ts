import { Injectable, type OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { InvalidInputError } from '../common/errors/validation.error';
import type { User } from '../users/entities/user.entity';
import type { AuthenticatedUser } from './authenticated-user';
import { generatePassword, PasswordHasher } from '../users/passwords';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle/login-throttle.service';

export const BAD_LOGIN = 'email or password is wrong';
export const BAD_TOKEN = 'invalid or expired token';

interface TokenPayload {
  sub: string;
  /** The user's tokenVersion at issue; tokens from before this field count as 0. */
  ver?: number;
}

@Injectable()
export class AuthService implements OnModuleInit {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private dummyHash: string;

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.passwords.hash(generatePassword());
  }

  /**
   * The same 401 for an unknown email and a wrong password: no user enumeration. 429 while
   * the client's network, or the account as a whole, has failed too often
   * (login-throttle.service.ts).
   */
  async login(email: string, password: string, clientAddress: string): Promise<string> {
    const attempt = await this.throttle.admit(email, clientAddress);
    const user = await this.users.findByEmail(email);
    const matches = await this.passwords.verify(user?.passwordHash ?? this.dummyHash, password);
    if (!user || !matches) throw new UnauthorizedException(BAD_LOGIN);
    await attempt.succeeded();
    return this.issueToken(user);
  }

  /**
   * The current password is checked like a login (and throttled with it): a stolen token
   * alone must not be enough to take the account over. Every token issued before is
   * refused from now on; the caller gets a new one.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    clientAddress: string,
  ): Promise<string> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException(BAD_TOKEN);
    const attempt = await this.throttle.admit(user.email, clientAddress);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new InvalidInputError([{ field: 'currentPassword', reason: 'is wrong' }]);
    }
    await attempt.succeeded();
    const changed = await this.users.setPassword(user.id, newPassword);
    if (!changed) throw new UnauthorizedException(BAD_TOKEN);
    return this.issueToken(changed);
  }

  /**
   * The user is loaded on every request rather than trusted from the token, so a deleted
   * user's token stops working, a role change applies at once and a password change ends
   * every session.
   */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthorizedException(BAD_TOKEN);
    }
    // A malformed id would reach PostgreSQL as a uuid cast error (a 500), not a 401.
    if (typeof payload.sub !== 'string' || !isUUID(payload.sub)) {
      throw new UnauthorizedException(BAD_TOKEN);
    }
    const user = await this.users.findById(payload.sub);
    if (!user || (payload.ver ?? 0) !== user.tokenVersion) {
      throw new UnauthorizedException(BAD_TOKEN);
    }
    return { id: user.id, email: user.email, role: user.role };
  }

  private issueToken(user: Pick<User, 'id' | 'tokenVersion'>): Promise<string> {
    const payload: TokenPayload = { sub: user.id, ver: user.tokenVersion };
    return this.jwt.signAsync(payload);
  }
}
