import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import { session } from '../session';
import { ErrorNote, InputField } from '../ui/fields';
import { useState } from 'react';

interface Credentials {
  email: string;
  password: string;
}

export function SignInPage() {
  const { register, handleSubmit, formState } = useForm<Credentials>();
  const [error, setError] = useState<unknown>(null);
  const ended = session.endedBecause();

  async function signIn(credentials: Credentials): Promise<void> {
    setError(null);
    try {
      const { accessToken } = await ok(api.POST('/api/auth/login', { body: credentials }));
      session.signIn(accessToken);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <main className="sign-in">
      <h1>tradebot</h1>
      <form onSubmit={(event) => void handleSubmit(signIn)(event)} className="card" noValidate>
        <h2>Sign in</h2>
        {ended && !error && <p className="notice">{ended}</p>}
        <InputField
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          {...register('email', { required: true })}
        />
        <InputField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          {...register('password', { required: true })}
        />
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          Sign in
        </button>
        <p className="hint">
          The first start prints the admin's password once (<code>admin@localhost</code>).
        </p>
      </form>
    </main>
  );
}
