import { Module } from '@nestjs/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { RepositoriesModule } from '../database/repositories/repositories.module';
import { PasswordHasher } from './passwords';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [RepositoriesModule],
  controllers: [UsersController],
  providers: [UsersService, AdminBootstrapService, PasswordHasher],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
