import { JOB_OPTIONS, JobName } from '../queue/queue.constants';

/** Tries per delivery, counting the first: the queue's attempts for the delivery job. */
export const MAX_DELIVERY_ATTEMPTS = JOB_OPTIONS[JobName.DeliverNotification].attempts ?? 1;

/**
 * How far either side of the nominal delay a retry may land, so receivers that come back
 * after an outage are not hit by every waiting delivery in the same second.
 */
const JITTER = 0.2;

/**
 * The wait after `attemptsMade` failed tries: base, doubled per failure, ±20 % jitter.
 * With the default base of 30 s the 7 waits between 8 attempts add up to about an hour
 * (51 to 76 min). Bull and the in-process queue both call it.
 */
export function notificationRetryDelay(
  attemptsMade: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const nominal = baseMs * 2 ** (Math.max(1, attemptsMade) - 1);
  return Math.round(nominal * (1 - JITTER + 2 * JITTER * random()));
}
