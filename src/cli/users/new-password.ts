import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { NewPasswordField } from '../../users/dto/password-fields';
import { UsageError } from '../cli-error';

/** The API's rule for a password being set, the same decorator, so the two cannot drift. */
class NewPassword {
  @NewPasswordField()
  password: string;
}

/** A password the API would accept for an account; wrong usage otherwise, saying why. */
export function checkNewPassword(password: string): string {
  const [error] = validateSync(plainToInstance(NewPassword, { password }));
  if (!error) return password;
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  throw new UsageError(`the new password is refused: ${reasons}`);
}
