import { formatRecord, formatTable } from './output';

describe('formatTable', () => {
  it('pads each column to its widest cell, two spaces apart, without trailing spaces', () => {
    expect(
      formatTable(
        ['ID', 'NAME', 'STATUS'],
        [
          ['1', 'trend follower', 'running'],
          ['22', 'x', ''],
        ],
      ),
    ).toBe('ID  NAME            STATUS\n1   trend follower  running\n22  x\n');
  });

  it('prints the headers alone for no rows', () => {
    expect(formatTable(['ID', 'NAME'], [])).toBe('ID  NAME\n');
  });
});

describe('formatRecord', () => {
  it('aligns the values after the longest key', () => {
    expect(
      formatRecord([
        ['id', 'b1'],
        ['last error', ''],
        ['status', 'running'],
      ]),
    ).toBe('id          b1\nlast error\nstatus      running\n');
  });
});
