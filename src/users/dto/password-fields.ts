import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords';

/** A password being set: held to the length rules. */
export function NewPasswordField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example: 'correct horse battery staple',
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
    }),
    IsString(),
    Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH),
  );
}

/**
 * A password already in use, to be checked: generous, since ADMIN_PASSWORD has no upper
 * bound and whatever password a user has must still be accepted.
 */
export function PasswordInUseField(example: string): PropertyDecorator {
  return applyDecorators(ApiProperty({ example }), IsString(), MinLength(1), MaxLength(1024));
}
