import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { User } from '../database/entities/user.entity';
import { PasswordHasher } from './passwords';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [UsersService, AdminBootstrapService, PasswordHasher],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
