import { JsonArrayChunks } from './json-array-chunks';

describe('JsonArrayChunks', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const POINT = ['{"t":', ',"v":"', '"}'].map(encode);
  const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('utf8');

  it('writes integers of every length as JSON does, across the 10^8 split', () => {
    const integers = [
      0,
      7,
      10,
      99,
      12_345_678,
      99_999_999,
      100_000_000,
      100_000_001,
      1_000_000_000,
      120_000_005,
      1_767_225_659_999,
      1_767_225_600_000,
      Number.MAX_SAFE_INTEGER,
    ];
    const array = new JsonArrayChunks();
    integers.forEach((integer, i) => array.addParts(POINT, integer, `${i}.5`));
    const expected = integers.map((integer, i) => ({ t: integer, v: `${i}.5` }));
    expect(text(array.end())).toBe(JSON.stringify(expected));
  });

  it('mixes JSON text and parts, and ends an empty array', () => {
    const array = new JsonArrayChunks();
    array.add('{"a":1},"x"');
    array.addParts(POINT, 42, '0.1');
    expect(JSON.parse(text(array.end()))).toEqual([{ a: 1 }, 'x', { t: 42, v: '0.1' }]);
    expect(text(new JsonArrayChunks().end())).toBe('[]');
  });
});
