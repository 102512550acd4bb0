import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { InvalidInputError } from '../kernel/errors/validation.error';
import type { User } from '../database/entities/user.entity';
import { RevokedTokenRepository } from '../database/repositories/revoked-token.repository';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { generatePassword, PasswordHasher } from '../users/passwords';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle/login-throttle.service';

export const BAD_LOGIN = 'email or password is wrong';
export const BAD_TOKEN = 'invalid or expired token';

/** How long a queue view cookie's token lasts at most: the board is opened for a look. */
export const QUEUE_VIEW_TOKEN_SECONDS = 15 * 60;

/** A session token has no scope; a queue view token may open only Bull Board. */
type TokenScope = 'queue-view';

interface TokenPayload {
  sub: string;
  /** The user's tokenVersion at issue. */
  ver: number;
  /** This token's id, by which sign-out revokes it. */
  jti: string;
  exp: number;
  scope?: TokenScope;
  /** A queue view token's session (its jti): signing that session out ends this token too. */
  sid?: string;
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
    private readonly revoked: RevokedTokenRepository,
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
   * user's token stops working, a role change applies at once, and a password change or a
   * sign-out ends the session.
   */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    const payload = await this.verify(token);
    return this.userOf(payload, payload.jti);
  }

  /** The queue view cookie's token (queueViewToken), refused once its session is signed out. */
  async authenticateQueueView(token: string): Promise<AuthenticatedUser> {
    const payload = await this.verify(token, 'queue-view');
    return this.userOf(payload, payload.sid!);
  }

  /** Revokes this session token until it expires; the user's other sessions go on. */
  async logout(token: string): Promise<void> {
    const payload = await this.verify(token);
    await this.revoked.revoke(payload.jti, new Date(payload.exp * 1000));
  }

  /**
   * A token for the queue view cookie, from the session token of an admin: it opens only
   * Bull Board, for at most QUEUE_VIEW_TOKEN_SECONDS and never past its session.
   */
  async queueViewToken(sessionToken: string): Promise<string> {
    const session = await this.verify(sessionToken);
    const lifetime = Math.min(
      QUEUE_VIEW_TOKEN_SECONDS,
      session.exp - Math.floor(Date.now() / 1000),
    );
    const payload: Omit<TokenPayload, 'exp'> = {
      sub: session.sub,
      ver: session.ver,
      jti: randomUUID(),
      scope: 'queue-view',
      sid: session.jti,
    };
    return this.jwt.signAsync(payload, { expiresIn: lifetime });
  }

  private async verify(token: string, scope?: TokenScope): Promise<TokenPayload> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthorizedException(BAD_TOKEN);
    }
    // A malformed id would reach PostgreSQL as a uuid cast error (a 500), not a 401. A token
    // without an id (from before sign-out existed) could not be revoked, so it is refused.
    const wellFormed =
      isUUID(payload.sub) &&
      isUUID(payload.jti) &&
      Number.isInteger(payload.ver) &&
      Number.isInteger(payload.exp) &&
      payload.scope === scope &&
      (scope === undefined || isUUID(payload.sid));
    if (!wellFormed) throw new UnauthorizedException(BAD_TOKEN);
    return payload;
  }

  /** The token's user, unless `sessionId` (the session token's jti) is revoked. */
  private async userOf(payload: TokenPayload, sessionId: string): Promise<AuthenticatedUser> {
    const [user, revoked] = await Promise.all([
      this.users.findById(payload.sub),
      this.revoked.isRevoked(sessionId),
    ]);
    if (!user || revoked || payload.ver !== user.tokenVersion) {
      throw new UnauthorizedException(BAD_TOKEN);
    }
    return { id: user.id, email: user.email, role: user.role };
  }

  private issueToken(user: Pick<User, 'id' | 'tokenVersion'>): Promise<string> {
    const payload: Omit<TokenPayload, 'exp'> = {
      sub: user.id,
      ver: user.tokenVersion,
      jti: randomUUID(),
    };
    return this.jwt.signAsync(payload);
  }
}
