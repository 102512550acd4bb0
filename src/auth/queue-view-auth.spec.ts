import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { clearQueueViewCookie, setQueueViewCookie } from './queue-view-auth';

/** The options each cookie call was given. */
function recordingResponse() {
  const calls: { name: string; options: { secure?: boolean } }[] = [];
  const response = {
    cookie: (name: string, _value: string, options: { secure?: boolean }) =>
      calls.push({ name, options }),
    clearCookie: (name: string, options: { secure?: boolean }) => calls.push({ name, options }),
  } as unknown as Response;
  return { calls, response };
}

describe('the queue view cookie', () => {
  it.each([
    ['production', false, true],
    ['production', true, true],
    ['development', true, true],
    ['development', false, false],
  ])('with NODE_ENV=%s, over TLS %s, is Secure: %s', (nodeEnv, secure, expected) => {
    const { calls, response } = recordingResponse();
    const config = { nodeEnv } as AppConfig;
    const request = { secure } as Request;
    setQueueViewCookie(config, request, response, 'token');
    clearQueueViewCookie(config, request, response);
    expect(calls.map((call) => call.options.secure)).toEqual([expected, expected]);
    expect(calls.map((call) => call.name)).toEqual(['tradebot_queue_view', 'tradebot_queue_view']);
  });
});
