import { UsageError } from '../cli-error';

/**
 * `--param emaFast=9 --param name=x` as an object. A value is a JSON number or boolean only
 * when it reads back exactly so (`9`, `0.5`, `true`); anything else stays text, so that a
 * decimal like `0.1000` or one with more digits than a double holds reaches the API
 * unchanged, and the API's own validation judges it.
 */
export function parseKeyValues(pairs: readonly string[], option: string): Record<string, unknown> {
  return typedKeyValues(pairs, option, (_key, text) => guessedValue(text));
}

/**
 * `key=value` pairs as an object, each value typed by `typeOf(key, text)`; a malformed pair
 * or a key given twice is a usage error.
 */
export function typedKeyValues(
  pairs: readonly string[],
  option: string,
  typeOf: (key: string, text: string) => unknown,
): Record<string, unknown> {
  // No prototype: a key like `constructor` is a key like any other (the API refuses it).
  const result: Record<string, unknown> = Object.create(null);
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at);
    if (at <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new UsageError(`${option} ${pair}: expected key=value, like ${option} emaFast=9`);
    }
    if (Object.hasOwn(result, key)) throw new UsageError(`${option} ${key} is given twice`);
    result[key] = typeOf(key, pair.slice(at + 1));
  }
  return result;
}

/** A JSON number or boolean when the text reads back exactly so; the text otherwise. */
export function guessedValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) && String(number) === text ? number : text;
}

/** Collects a repeatable option's values (commander's argParser). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
