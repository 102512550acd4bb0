import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UserRole } from '../kernel/user-role';
import { generatePassword } from './passwords';
import { UsersService } from './users.service';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/**
 * The first start creates an admin, so a fresh install can be logged into. Several
 * processes may start together: the insert is a no-op for all but one of them.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.adminExists()) {
      // Only the first start reads it: say so, and where a lost password is set again.
      if (this.config.adminPassword) {
        this.logger.log(
          'ADMIN_PASSWORD is ignored: an admin exists already. To set a lost password, stop ' +
            'the app and run: tradebotctl users reset-password EMAIL --data-dir DATA_DIR',
        );
      }
      return;
    }
    const email = this.config.adminEmail ?? DEFAULT_ADMIN_EMAIL;
    const configuredPassword = this.config.adminPassword;
    const password = configuredPassword ?? generatePassword();
    const created = await this.users.insertIfAbsent({ email, password, role: UserRole.Admin });
    if (!created) {
      if (!(await this.users.adminExists())) {
        this.logger.error(
          `no admin exists and ${email} is taken by an ordinary user: set ADMIN_EMAIL to another address`,
        );
      }
      return;
    }
    if (configuredPassword) {
      this.logger.log(`created admin ${email} with the password from ADMIN_PASSWORD`);
    } else {
      // warn, not log: it must show even with LOG_LEVEL=warn, or nobody could ever log in.
      this.logger.warn(
        `created admin ${email} with generated password ${password} ` +
          '(shown only this once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose them)',
      );
    }
  }
}
