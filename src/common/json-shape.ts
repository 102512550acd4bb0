import type { FieldError } from '../kernel/errors/validation.error';

/** Deeper than any request the API takes (a backtest's candles are 3 levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys that reach Object.prototype when copied with assignment or read through a merge;
 * JSON.parse makes them plain own properties, the code after it may not.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first reason a parsed JSON body may not reach validation: nested deeper than
 * maxDepth (class-transformer and class-validator recurse once per level, and 20,000
 * levels overflow the stack) or a reserved key, named by its dotted path.
 */
export function findJsonShapeProblem(
  body: unknown,
  maxDepth = MAX_JSON_DEPTH,
): FieldError | undefined {
  return typeof body === 'object' && body !== null ? inspect(body, [], maxDepth) : undefined;
}

// Recursion is safe: it stops at maxDepth + 1 frames whatever the input. The path is a
// stack of segments joined only for an error, as a backtest body holds millions of values.
function inspect(value: object, path: string[], maxDepth: number): FieldError | undefined {
  if (path.length >= maxDepth) {
    return { field: 'body', reason: `is nested deeper than ${maxDepth} levels` };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const problem = inspectChild(value[index], index, path, maxDepth);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.has(key)) {
      return { field: [...path, key].join('.'), reason: 'is a reserved key name' };
    }
    const problem = inspectChild((value as Record<string, unknown>)[key], key, path, maxDepth);
    if (problem) return problem;
  }
  return undefined;
}

function inspectChild(
  child: unknown,
  key: string | number,
  path: string[],
  maxDepth: number,
): FieldError | undefined {
  if (typeof child !== 'object' || child === null) return undefined;
  path.push(String(key));
  const problem = inspect(child, path, maxDepth);
  path.pop();
  return problem;
}
