import { ApiProperty } from '@nestjs/swagger';
import { UserRole } from '../../kernel/user-role';
import type { User } from '../../database/entities/user.entity';

/** A user as the API shows it: never the password hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid', example: '0b6c3c1e-4a57-4f57-9a43-0d3c1b1f5f7e' })
  id: string;

  @ApiProperty({ example: 'trader@example.com', description: 'Always lower-case' })
  email: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole', example: UserRole.User })
  role: UserRole;

  @ApiProperty({ example: '2026-01-31T12:00:00.000Z' })
  createdAt: Date;

  static from(user: User): UserDto {
    return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
  }
}
