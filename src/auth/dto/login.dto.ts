import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';
import { normaliseEmail } from '../../users/email';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' })
  @Transform(normaliseEmail)
  @IsEmailAddress()
  email: string;

  // Generous: ADMIN_PASSWORD has no upper bound, and its owner must still be able to log in.
  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}
