import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { useMe, useUsers } from '../api/queries';
import { ErrorNote, InputField, SelectField } from '../ui/fields';
import { showApiErrors } from '../ui/form-errors';
import { dateTime } from '../ui/format';

type NewUser = Required<Schemas['CreateUserDto']>;

/** Admins: the users, a new one, and a password reset (which ends that user's sessions). */
export function UsersPage() {
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const users = useUsers(isAdmin);
  const [resetting, setResetting] = useState<Schemas['UserDto'] | null>(null);
  if (me.data && !isAdmin) return <p>Only admins manage users.</p>;
  return (
    <section>
      <h1>Users</h1>
      <ErrorNote error={users.error} />
      {users.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.email}</th>
                  <td>{user.role}</td>
                  <td>{dateTime(user.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Reset password of ${user.email}`}
                      onClick={() => setResetting(user)}
                    >
                      Reset password
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {resetting && (
        <ResetPasswordForm user={resetting} onDone={() => setResetting(null)} key={resetting.id} />
      )}
      <CreateUserForm />
    </section>
  );
}

function CreateUserForm() {
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, reset, formState } = useForm<NewUser>({
    defaultValues: { email: '', password: '', role: 'user' },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function create(values: NewUser): Promise<void> {
    setFormError(null);
    setCreated(null);
    try {
      const user = await ok(api.POST('/api/users', { body: values }));
      reset();
      setCreated(user.email);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    } catch (error) {
      setFormError(showApiErrors(error, setError, ['email', 'password', 'role']));
    }
  }

  const errors = formState.errors;
  return (
    <form onSubmit={(event) => void handleSubmit(create)(event)} noValidate className="card">
      <h2>New user</h2>
      <div className="grid">
        <InputField
          label="Email"
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...register('email')}
        />
        <InputField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters; tell it to the user"
          error={errors.password?.message}
          {...register('password')}
        />
        <SelectField
          label="Role"
          options={['user', 'admin']}
          error={errors.role?.message}
          {...register('role')}
        />
      </div>
      {formError && (
        <p role="alert" className="error-note">
          {formError}
        </p>
      )}
      {created && <p role="status">Created {created}.</p>}
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        Create user
      </button>
    </form>
  );
}

function ResetPasswordForm({ user, onDone }: { user: Schemas['UserDto']; onDone: () => void }) {
  const { register, handleSubmit, setError, formState } = useForm<Schemas['PasswordResetDto']>({
    defaultValues: { newPassword: '' },
  });
  const [formError, setFormError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function save(values: Schemas['PasswordResetDto']): Promise<void> {
    setFormError(null);
    try {
      await ok(
        api.PUT('/api/users/{id}/password', { params: { path: { id: user.id } }, body: values }),
      );
      setDone(true);
    } catch (error) {
      setFormError(showApiErrors(error, setError, ['newPassword']));
    }
  }

  return (
    <form onSubmit={(event) => void handleSubmit(save)(event)} noValidate className="card">
      <h2>Reset the password of {user.email}</h2>
      {done ? (
        <p role="status">Password changed; every session of {user.email} has ended.</p>
      ) : (
        <InputField
          label="New password"
          type="password"
          autoComplete="new-password"
          autoFocus
          error={formState.errors.newPassword?.message}
          {...register('newPassword')}
        />
      )}
      <ErrorNote error={formError} />
      <div className="actions">
        {!done && (
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            Set password
          </button>
        )}
        <button type="button" onClick={onDone}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
