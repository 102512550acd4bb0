import { requestPath } from './request-target';

describe('requestPath', () => {
  it('reads the path of the origin form as written, without its query', () => {
    expect(requestPath('/metrics')).toBe('/metrics');
    expect(requestPath('/metrics?name[]=x')).toBe('/metrics');
    expect(requestPath('/a%2Fb/c')).toBe('/a%2Fb/c');
    expect(requestPath('//host/metrics')).toBe('//host/metrics');
  });

  it('reads the path of the absolute form, which a server must accept', () => {
    expect(requestPath('http://evil.example/metrics')).toBe('/metrics');
    expect(requestPath('https://host:9100/metrics?x=1')).toBe('/metrics');
  });

  it('refuses targets that are no path or no http(s) URL, without throwing', () => {
    for (const target of [
      '//[',
      'http://[::1',
      '/%zz',
      '/%4',
      '/a b',
      '/métrics',
      '*',
      'host:9100',
      'ftp://host/metrics',
      'http://host/%zz',
      '',
    ]) {
      expect([target, requestPath(target)]).toEqual([target, undefined]);
    }
  });

  it('takes a long path at its length', () => {
    const long = `/${'a'.repeat(10_240)}`;
    expect(requestPath(long)).toBe(long);
  });
});
