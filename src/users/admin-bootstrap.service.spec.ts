import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { AdminBootstrapService } from './admin-bootstrap.service';
import type { UsersService } from './users.service';

describe('AdminBootstrapService', () => {
  const start = async (adminPassword: string | undefined) => {
    const insertIfAbsent = jest.fn();
    const users = { adminExists: async () => true, insertIfAbsent } as unknown as UsersService;
    const config = { adminEmail: undefined, adminPassword } as unknown as AppConfig;
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      await new AdminBootstrapService(users, config).onApplicationBootstrap();
      return { lines: log.mock.calls.map(([line]) => String(line)), insertIfAbsent };
    } finally {
      log.mockRestore();
    }
  };

  it('says once that ADMIN_PASSWORD is ignored when an admin exists, and how to reset it', async () => {
    const { lines, insertIfAbsent } = await start('a configured password');
    expect(lines).toEqual([
      'ADMIN_PASSWORD is ignored: an admin exists already. To set a lost password, stop the ' +
        'app and run: tradebotctl users reset-password EMAIL --data-dir DATA_DIR',
    ]);
    expect(lines.join('')).not.toContain('a configured password');
    expect(insertIfAbsent).not.toHaveBeenCalled();
  });

  it('says nothing when ADMIN_PASSWORD is not set', async () => {
    expect((await start(undefined)).lines).toEqual([]);
  });
});
