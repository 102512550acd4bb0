import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { CheckboxField, ErrorNote, InputField } from '../ui/fields';
import { showApiErrors } from '../ui/form-errors';
import { dateTime } from '../ui/format';

type CredentialValues = Schemas['CreateCredentialDto'];
const FIELDS = ['label', 'apiKey', 'apiSecret', 'testnet'];

/** Binance API keys for live bots: stored encrypted; only a hint of the key comes back. */
export function CredentialsPage() {
  const queryClient = useQueryClient();
  const credentials = useQuery({
    queryKey: ['credentials'],
    queryFn: () => ok(api.GET('/api/credentials')),
  });
  const { register, handleSubmit, setError, reset, formState } = useForm<CredentialValues>({
    defaultValues: { label: '', apiKey: '', apiSecret: '', testnet: false },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) =>
      ok(api.DELETE('/api/credentials/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['credentials'] }),
  });

  async function add(values: CredentialValues): Promise<void> {
    setFormError(null);
    try {
      await ok(api.POST('/api/credentials', { body: values }));
      reset();
      await queryClient.invalidateQueries({ queryKey: ['credentials'] });
    } catch (error) {
      setFormError(showApiErrors(error, setError, FIELDS));
    }
  }

  const errors = formState.errors;
  return (
    <section>
      <h1>Credentials</h1>
      <p className="hint">
        Live bots trade with one of these Binance Spot API keys. Give a key trading rights only,
        never withdrawals. The secret is stored encrypted and never shown again.
      </p>
      <ErrorNote error={credentials.error ?? remove.error} />
      {credentials.data?.length === 0 && <p className="empty">No credentials yet.</p>}
      {credentials.data && credentials.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">API key</th>
                <th scope="col">Network</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {credentials.data.map((credential) => (
                <tr key={credential.id}>
                  <th scope="row">{credential.label}</th>
                  <td>
                    <code>{credential.apiKeyHint}</code>
                  </td>
                  <td>{credential.testnet ? 'testnet' : 'Binance'}</td>
                  <td>{dateTime(credential.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Delete ${credential.label}`}
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(credential.id)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={(event) => void handleSubmit(add)(event)} noValidate className="card">
        <h2>Add a credential</h2>
        <div className="grid">
          <InputField label="Label" error={errors.label?.message} {...register('label')} />
          <InputField
            label="API key"
            autoComplete="off"
            spellCheck={false}
            error={errors.apiKey?.message}
            {...register('apiKey')}
          />
          <InputField
            label="API secret"
            type="password"
            autoComplete="new-password"
            error={errors.apiSecret?.message}
            {...register('apiSecret')}
          />
        </div>
        <CheckboxField
          label="Spot testnet key"
          error={errors.testnet?.message}
          {...register('testnet')}
        />
        {formError && (
          <p role="alert" className="error-note">
            {formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          Add credential
        </button>
      </form>
    </section>
  );
}
