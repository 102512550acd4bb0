import { emailFailure } from './email.channel';

describe('emailFailure', () => {
  it('gives up on a 5xx reply and retries a 4xx one', () => {
    expect(emailFailure({ responseCode: 550, response: '550 5.1.1 no such user' })).toEqual({
      ok: false,
      final: true,
      responseCode: 550,
      error: 'server answered 550 5.1.1 no such user',
    });
    expect(emailFailure({ responseCode: 451 })).toMatchObject({ final: false, responseCode: 451 });
  });

  it('retries a connection failure, naming its code', () => {
    expect(emailFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toEqual({
      ok: false,
      final: false,
      responseCode: null,
      error: 'send failed: ECONNREFUSED',
    });
  });
});
