import { tokenLifetimeSeconds } from './token-lifetime';

describe('tokenLifetimeSeconds', () => {
  it('reads each unit', () => {
    expect(tokenLifetimeSeconds('45s')).toBe(45);
    expect(tokenLifetimeSeconds('15m')).toBe(900);
    expect(tokenLifetimeSeconds('12h')).toBe(43_200);
    expect(tokenLifetimeSeconds('7d')).toBe(604_800);
  });

  it('rejects anything else', () => {
    expect(() => tokenLifetimeSeconds('12 hours')).toThrow(/must look like/);
  });
});
