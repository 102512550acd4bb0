import type { DependencyHealthDto, HealthReportDto } from './health.dto';

/**
 * What anyone may see: each dependency's status and kind, and since when the exchange has
 * been unreachable, if it is. The error text names hosts and
 * addresses, and the round-trip time is a probe of the network: both are for admins.
 */
export function publicHealth(report: HealthReportDto): HealthReportDto {
  return {
    status: report.status,
    database: statusOnly(report.database),
    ...(report.redis ? { redis: statusOnly(report.redis) } : {}),
    // Every user's paper bots say when the exchange went away: no host or error in it.
    ...(report.marketData?.status === 'unreachable' ? { marketData: report.marketData } : {}),
  };
}

function statusOnly({ status, kind }: DependencyHealthDto): DependencyHealthDto {
  return { status, kind };
}
