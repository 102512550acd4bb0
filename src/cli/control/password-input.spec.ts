import { typeHidden } from './password-input';

describe('typeHidden', () => {
  it('collects keys until Enter, pasted text included', () => {
    expect(typeHidden('', 'sec')).toEqual({ state: 'typing', value: 'sec' });
    expect(typeHidden('sec', 'ret\r')).toEqual({ state: 'entered', value: 'secret' });
    expect(typeHidden('', 'p4ss wörd\n')).toEqual({ state: 'entered', value: 'p4ss wörd' });
  });

  it('erases with Backspace, a whole character at a time', () => {
    expect(typeHidden('abc', '\u007f\u007fd')).toEqual({ state: 'typing', value: 'ad' });
    expect(typeHidden('a😀', '\b')).toEqual({ state: 'typing', value: 'a' });
    expect(typeHidden('', '\u007f')).toEqual({ state: 'typing', value: '' });
  });

  it('cancels on Ctrl-C, and on Ctrl-D with nothing typed', () => {
    expect(typeHidden('abc', '\u0003')).toEqual({ state: 'cancelled' });
    expect(typeHidden('', '\u0004')).toEqual({ state: 'cancelled' });
    expect(typeHidden('abc', '\u0004')).toEqual({ state: 'entered', value: 'abc' });
  });

  it('ignores other control characters (arrow keys send escape sequences)', () => {
    expect(typeHidden('a', '\u001b[Ab')).toEqual({ state: 'typing', value: 'a[Ab' });
    expect(typeHidden('a', '\tb')).toEqual({ state: 'typing', value: 'ab' });
  });
});
