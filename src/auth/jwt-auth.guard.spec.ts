import { type ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserRole } from '../kernel/user-role';
import { AdminOnly, Public } from '../common/auth.decorators';
import type { AuthService } from './auth.service';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { bearerToken, JwtAuthGuard } from './jwt-auth.guard';

class Routes {
  @Public()
  open(): void {}

  guarded(): void {}

  @AdminOnly()
  adminOnly(): void {}
}

const USERS: Record<string, AuthenticatedUser> = {
  'user-token': { id: 'u1', email: 'u@x.io', role: UserRole.User },
  'admin-token': { id: 'a1', email: 'a@x.io', role: UserRole.Admin },
};

const auth = {
  authenticate: async (token: string) => {
    const user = USERS[token];
    if (!user) throw new UnauthorizedException('invalid or expired token');
    return user;
  },
} as unknown as AuthService;

function context(route: keyof Routes, authorization?: string) {
  const request: { headers: Record<string, string>; user?: AuthenticatedUser } = {
    headers: authorization ? { authorization } : {},
  };
  const executionContext = {
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { request, executionContext };
}

describe('JwtAuthGuard', () => {
  const guard = new JwtAuthGuard(new Reflector(), auth);

  it('lets @Public() routes through without a token', async () => {
    await expect(guard.canActivate(context('open').executionContext)).resolves.toBe(true);
  });

  it('answers 401 without a Bearer token or with a bad one', async () => {
    for (const header of [undefined, 'Basic dXNlcjpwdw==', 'Bearer', 'Bearer nope']) {
      await expect(guard.canActivate(context('guarded', header).executionContext)).rejects.toThrow(
        UnauthorizedException,
      );
    }
  });

  it('puts the authenticated user on the request', async () => {
    const { request, executionContext } = context('guarded', 'bearer user-token');
    await expect(guard.canActivate(executionContext)).resolves.toBe(true);
    expect(request.user).toEqual(USERS['user-token']);
  });

  it('answers 403 to a non-admin on an @AdminOnly() route, and lets admins in', async () => {
    await expect(
      guard.canActivate(context('adminOnly', 'Bearer user-token').executionContext),
    ).rejects.toThrow(ForbiddenException);
    await expect(
      guard.canActivate(context('adminOnly', 'Bearer admin-token').executionContext),
    ).resolves.toBe(true);
  });
});

describe('bearerToken', () => {
  it('takes the token from a Bearer header, any case', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
