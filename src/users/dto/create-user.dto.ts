import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional } from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';
import { UserRole } from '../../kernel/user-role';
import { normaliseEmail } from '../email';
import { NewPasswordField } from './password-fields';

export class CreateUserDto {
  @ApiProperty({ example: 'trader@example.com', description: 'Stored lower-case; unique' })
  @Transform(normaliseEmail)
  @IsEmailAddress()
  email: string;

  @NewPasswordField()
  password: string;

  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole', default: UserRole.User })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;
}
