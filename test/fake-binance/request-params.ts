import { illegalChars, invalidSymbol, missingParam } from './binance-error';
import { D, type Dec } from './decimals';
import type { SymbolSpec } from './symbol-spec';

export type Params = Readonly<Record<string, string>>;

/** A request as the endpoints see it, whichever way the client sent its parameters. */
export interface ParsedRequest {
  method: string;
  path: string;
  /** Query over form body: Binance uses the query string's value when both carry a name. */
  params: Params;
  /** What the client signed: the query string followed by the body, each without `signature`. */
  signedPayload: string;
  apiKey?: string;
}

const withoutSignature = (raw: string) =>
  raw
    .split('&')
    .filter((pair) => pair !== '' && !pair.startsWith('signature='))
    .join('&');

/**
 * Reads the query string and, for form-encoded bodies, the body: the connector puts every
 * parameter in the query string (POST included), other clients use the body.
 */
export function parseRequest(
  method: string,
  url: string,
  body: string,
  contentType: string | undefined,
  apiKey: string | undefined,
): ParsedRequest {
  const [path, query = ''] = url.split(/\?(.*)/s, 2);
  const form = contentType?.includes('application/x-www-form-urlencoded') ? body : '';
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(form)) params[name] = value;
  for (const [name, value] of new URLSearchParams(query)) params[name] = value;
  return {
    method,
    path,
    params,
    signedPayload: withoutSignature(query) + withoutSignature(form),
    apiKey,
  };
}

export function requiredParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value.trim() === '') throw missingParam(name);
  return value;
}

export function symbolParam(params: Params, specs: ReadonlyMap<string, SymbolSpec>): SymbolSpec {
  const spec = specs.get(requiredParam(params, 'symbol'));
  if (!spec) throw invalidSymbol();
  return spec;
}

const INTEGER = /^[0-9]{1,20}$/;
const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;

export function integerParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!INTEGER.test(value)) throw illegalChars(name, INTEGER.source);
  return Number(value);
}

export function decimalParam(params: Params, name: string): Dec | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!DECIMAL.test(value)) throw illegalChars(name, DECIMAL.source);
  return new D(value);
}
