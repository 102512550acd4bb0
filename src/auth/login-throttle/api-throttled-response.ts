import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../../common/errors/api-error';
import { LOGIN_FAILURE_LIMIT } from './login-throttle.service';

/** The 429 of the routes that check a password. */
export const ApiThrottledResponse = () =>
  ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description:
      `The account or the client address failed ${LOGIN_FAILURE_LIMIT} password checks ` +
      'within LOGIN_THROTTLE_WINDOW_MS; no password is checked until the window ends',
    headers: {
      'Retry-After': { description: 'Seconds until the window ends', schema: { type: 'integer' } },
    },
  });
