import { Initial1795560189669 } from './1795560189669-Initial';
import { OrderClaim1795640510879 } from './1795640510879-OrderClaim';
import { UserTokenVersion1795794946156 } from './1795794946156-UserTokenVersion';
import { OrderLastAttempt1795798094921 } from './1795798094921-OrderLastAttempt';
import { AuditEvent1796431739107 } from './1796431739107-AuditEvent';
import { UnreadFillsAndStopRequest1796627773417 } from './1796627773417-UnreadFillsAndStopRequest';
import { RevokedToken1796647558654 } from './1796647558654-RevokedToken';
import { ExternalSignals1796677569354 } from './1796677569354-ExternalSignals';
import { Protections1796677817979 } from './1796677817979-Protections';
import { OptimizationRuns1796685936493 } from './1796685936493-OptimizationRuns';
import { CandleHistory1796690400000 } from './1796690400000-CandleHistory';

/** Every migration, in order; listed explicitly so bundling or ESM loading never misses one. */
export const MIGRATIONS = [
  Initial1795560189669,
  OrderClaim1795640510879,
  UserTokenVersion1795794946156,
  OrderLastAttempt1795798094921,
  AuditEvent1796431739107,
  UnreadFillsAndStopRequest1796627773417,
  RevokedToken1796647558654,
  ExternalSignals1796677569354,
  Protections1796677817979,
  OptimizationRuns1796685936493,
  CandleHistory1796690400000,
];
