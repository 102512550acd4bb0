import { UsageError } from '../cli-error';
import { checkNewPassword } from './new-password';

describe('checkNewPassword', () => {
  it("takes a password the API's rule takes", () => {
    expect(checkNewPassword('eight ch')).toBe('eight ch');
    expect(checkNewPassword('x'.repeat(128))).toHaveLength(128);
  });

  it('refuses one too short or too long, as wrong usage saying why', () => {
    expect(() => checkNewPassword('short')).toThrow(UsageError);
    expect(() => checkNewPassword('short')).toThrow(
      'the new password is refused: password must be longer than or equal to 8 characters',
    );
    expect(() => checkNewPassword('x'.repeat(129))).toThrow(
      'password must be shorter than or equal to 128 characters',
    );
  });
});
