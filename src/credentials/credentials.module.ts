import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CredentialCipher, parseCredentialsKey } from './credential-cipher';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { RepositoriesModule } from '../database/repositories/repositories.module';

/** API keys, and the one CredentialCipher: notifications encrypt their channels' secrets with it too. */
@Module({
  imports: [RepositoriesModule],
  controllers: [CredentialsController],
  providers: [
    CredentialsService,
    {
      provide: CredentialCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // resolveRuntimeConfig always fills it; refuse to start rather than store plaintext.
        if (!config.credentialsKey) throw new Error('credentials key is not configured');
        return new CredentialCipher(parseCredentialsKey(config.credentialsKey));
      },
    },
  ],
  exports: [CredentialsService, CredentialCipher],
})
export class CredentialsModule {}
