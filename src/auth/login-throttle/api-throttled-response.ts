import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../../kernel/errors/api-error';
import {
  ACCOUNT_FAILURE_CEILING,
  LOGIN_FAILURE_LIMIT,
  NETWORK_FAILURE_LIMIT,
} from './login-throttle.service';

/** The 429 of the routes that check a password. */
export const ApiThrottledResponse = () =>
  ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description:
      `The client's network failed ${LOGIN_FAILURE_LIMIT} password checks of this account, ` +
      `or ${NETWORK_FAILURE_LIMIT} of any accounts, within LOGIN_THROTTLE_WINDOW_MS: no password ` +
      'is checked from there until the window ends. Past ' +
      `${ACCOUNT_FAILURE_CEILING} failures of the account from all networks, attempts on it ` +
      'are spaced by a growing delay',
    headers: {
      'Retry-After': {
        description: 'Seconds until an attempt is admitted again',
        schema: { type: 'integer' },
      },
    },
  });
