import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmailAddress } from '../../common/email-address';
import { PasswordInUseField } from '../../users/dto/password-fields';
import { normaliseEmail } from '../../users/email';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' })
  @Transform(normaliseEmail)
  @IsEmailAddress()
  email: string;

  @PasswordInUseField('correct horse battery staple')
  password: string;
}
