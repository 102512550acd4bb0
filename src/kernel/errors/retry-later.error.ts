import { HttpException, HttpStatus } from '@nestjs/common';

type RetryLaterStatus = HttpStatus.TOO_MANY_REQUESTS | HttpStatus.SERVICE_UNAVAILABLE;

/** A 429 or 503 that tells the client when to come back: the filter sends Retry-After. */
export class RetryLaterError extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    status: RetryLaterStatus = HttpStatus.TOO_MANY_REQUESTS,
  ) {
    super(message, status);
  }
}
