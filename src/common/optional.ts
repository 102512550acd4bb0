import { IsOptional, ValidateIf } from 'class-validator';

/**
 * A field that may be left out. `null` is not "left out": it is validated like any other
 * value (and so refused by the type checks) unless `nullable`, where it means "clear it".
 * class-validator's IsOptional alone lets null through to the service, which then tried to
 * store it in a NOT NULL column (a 500) or, worse, stored it (a webhook without a URL).
 */
export function Optional({ nullable = false }: { nullable?: boolean } = {}): PropertyDecorator {
  return nullable ? IsOptional() : ValidateIf((_object, value) => value !== undefined);
}
