const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** JWT_EXPIRES_IN (`15m`, `12h`, `7d`; validated at start-up) in seconds. */
export function tokenLifetimeSeconds(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new Error(`token lifetime "${value}" must look like 15m, 12h or 7d`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
