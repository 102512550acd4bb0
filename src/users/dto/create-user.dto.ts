import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';
import { UserRole } from '../entities/user.entity';
import { normaliseEmail } from '../email';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords';

export class CreateUserDto {
  @ApiProperty({ example: 'trader@example.com', description: 'Stored lower-case; unique' })
  @Transform(normaliseEmail)
  @IsEmailAddress()
  email: string;

  @ApiProperty({
    example: 'correct horse battery staple',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole', default: UserRole.User })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;
}
