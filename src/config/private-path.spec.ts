import { dataDirProblem, type PathStat, secretFileProblem } from './private-path';

const folder = (mode: number, uid = 1000): PathStat => ({
  uid,
  mode: 0o040000 | mode,
  isDirectory: () => true,
  isFile: () => false,
});
const file = (mode: number, uid = 1000): PathStat => ({
  uid,
  mode: 0o100000 | mode,
  isDirectory: () => false,
  isFile: () => true,
});

describe('dataDirProblem', () => {
  it('trusts a folder of its own that only it can write, searchable by others or not', () => {
    for (const mode of [0o700, 0o711, 0o755, 0o750]) {
      expect(dataDirProblem('/d', folder(mode), 1000)).toBeUndefined();
    }
  });

  it('refuses a folder its group or others can write, naming the fix', () => {
    expect(dataDirProblem('/d', folder(0o770), 1000)).toBe(
      'DATA_DIR /d is writable by its group (mode 0770): chmod go-w /d',
    );
    expect(dataDirProblem('/d', folder(0o703), 1000)).toBe(
      'DATA_DIR /d is writable by others (mode 0703): chmod go-w /d',
    );
    expect(dataDirProblem('/d', folder(0o1777), 1000)).toBe(
      'DATA_DIR /d is writable by its group and others (mode 1777): chmod go-w /d',
    );
  });

  it("refuses another user's folder", () => {
    expect(dataDirProblem('/d', folder(0o700, 65534), 1000)).toBe(
      'DATA_DIR /d is owned by uid 65534, not by uid 1000 that runs tradebot: chown 1000 /d',
    );
  });

  it('refuses a file in its place', () => {
    expect(dataDirProblem('/d', file(0o600), 1000)).toBe('DATA_DIR /d is not a folder');
  });
});

describe('secretFileProblem', () => {
  it('trusts a file of its own that only it can read and write', () => {
    expect(secretFileProblem('/d/k.key', file(0o600), 1000)).toBeUndefined();
    expect(secretFileProblem('/d/k.key', file(0o400), 1000)).toBeUndefined();
  });

  it('refuses a file that its group or others can read or write', () => {
    expect(secretFileProblem('/d/k.key', file(0o640), 1000)).toBe(
      '/d/k.key is open to its group (mode 0640): chmod 600 /d/k.key',
    );
    expect(secretFileProblem('/d/k.key', file(0o602), 1000)).toMatch(
      /open to others \(mode 0602\)/,
    );
  });

  it("refuses another user's file, and anything but a regular file", () => {
    expect(secretFileProblem('/d/k.key', file(0o600, 0), 1000)).toBe(
      '/d/k.key is owned by uid 0, not by uid 1000 that runs tradebot: chown 1000 /d/k.key',
    );
    expect(secretFileProblem('/d/k.key', folder(0o700), 1000)).toMatch(/is not a regular file/);
  });
});
