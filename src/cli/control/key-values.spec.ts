import { UsageError } from '../cli-error';
import { parseKeyValues } from './key-values';

describe('parseKeyValues', () => {
  it('reads numbers and booleans that print back the same, and keeps the rest as text', () => {
    expect(
      parseKeyValues(
        ['emaFast=9', 'rsiOverbought=72.5', 'flag=true', 'off=false', 'name=x=y', 'empty='],
        '--param',
      ),
    ).toEqual({ emaFast: 9, rsiOverbought: 72.5, flag: true, off: false, name: 'x=y', empty: '' });
  });

  it('keeps decimals a double would change as the text given', () => {
    expect(
      parseKeyValues(
        ['a=0.1000', 'b=12345678901234567890.123', 'c=1e3', 'd=-0', 'e= 5', 'f=0x10'],
        '--risk',
      ),
    ).toEqual({
      a: '0.1000',
      b: '12345678901234567890.123',
      c: '1e3',
      d: '-0',
      e: ' 5',
      f: '0x10',
    });
  });

  it('refuses a pair without a key, a bad key or a key given twice, as wrong usage', () => {
    for (const pairs of [['emaFast'], ['=9'], ['ema-fast=9'], ['a=1', 'a=2']]) {
      expect(() => parseKeyValues(pairs, '--param')).toThrow(UsageError);
    }
    expect(() => parseKeyValues(['emaFast'], '--param')).toThrow(
      '--param emaFast: expected key=value, like --param emaFast=9',
    );
  });

  it('takes prototype names as plain keys', () => {
    const parsed = parseKeyValues(['constructor=1', '__proto__=2'], '--param');
    // As sent: the API refuses such keys by name, instead of a prototype being set here.
    expect(JSON.stringify(parsed)).toBe('{"constructor":1,"__proto__":2}');
  });
});
