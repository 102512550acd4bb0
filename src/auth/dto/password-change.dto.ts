import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../users/passwords';

/** An admin's reset of another user's password. */
export class PasswordResetDto {
  @ApiProperty({
    example: 'correct horse battery staple',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

/** A user's change of their own password, proven by the current one. */
export class PasswordChangeDto extends PasswordResetDto {
  // As generous as login: whatever password the user has must be accepted here.
  @ApiProperty({ example: 'the password in use now' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;
}
