import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api/client';

/**
 * Puts the API's field errors (`errors[].field`, e.g. `risk.positionSizeQuote`) next to the
 * form fields of the same name, and returns what no field shows: the message of the whole
 * answer, for the form's own alert.
 */
export function showApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  let first = true;
  const unplaced = error.fieldErrors.filter((fieldError) => {
    if (!fields.includes(fieldError.field)) return true;
    // The first field in error takes the focus: a keyboard user lands on what to fix.
    setError(
      fieldError.field as Path<T>,
      { type: 'server', message: fieldError.reason },
      { shouldFocus: first },
    );
    first = false;
    return false;
  });
  if (error.fieldErrors.length > 0 && unplaced.length === 0) {
    return 'The server refused some fields: see the messages under them.';
  }
  return error.message;
}
