import { NewPasswordField, PasswordInUseField } from '../../users/dto/password-fields';

/** An admin's reset of another user's password. */
export class PasswordResetDto {
  @NewPasswordField()
  newPassword: string;
}

/** A user's change of their own password, proven by the current one. */
export class PasswordChangeDto extends PasswordResetDto {
  @PasswordInUseField('the password in use now')
  currentPassword: string;
}
