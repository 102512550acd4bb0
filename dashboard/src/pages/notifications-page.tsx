import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { POLL_MS } from '../api/queries';
import { ErrorNote, InputField, SelectField } from '../ui/fields';
import { showApiErrors } from '../ui/form-errors';
import { dateTime } from '../ui/format';

type Channel = Schemas['NotificationChannelDto'];
type EventType = Schemas['BotEventType'];

const EVENTS = [
  'bot.started',
  'bot.stopped',
  'bot.paused',
  'bot.resumed',
  'bot.error',
  'trade.opened',
  'trade.closed',
  'order.rejected',
] as const satisfies readonly EventType[];

interface ChannelValues {
  type: Schemas['ChannelType'];
  url: string;
  to: string;
  secret: string;
  events: EventType[];
}

/** Email and webhook channels, their test event and their delivery log. */
export function NotificationsPage() {
  const queryClient = useQueryClient();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => ok(api.GET('/api/notification-channels')),
    refetchInterval: POLL_MS,
  });
  const [shown, setShown] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ channel: string; secret: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['channels'] });
  const test = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/notification-channels/{id}/test', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      setShown(id);
      return queryClient.invalidateQueries({ queryKey: ['deliveries', id] });
    },
  });
  const toggle = useMutation({
    mutationFn: (channel: Channel) =>
      ok(
        api.PATCH('/api/notification-channels/{id}', {
          params: { path: { id: channel.id } },
          body: { enabled: !channel.enabled },
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      ok(api.DELETE('/api/notification-channels/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      if (shown === id) setShown(null);
    },
    onSettled: refresh,
  });
  const shownChannel = channels.data?.find((channel) => channel.id === shown);

  return (
    <section>
      <h1>Notifications</h1>
      <p className="hint">
        Your bots' events go to these channels: signed webhooks, or mail when the server has SMTP.
        Failed deliveries are retried for about an hour.
      </p>
      <ErrorNote error={channels.error ?? test.error ?? toggle.error ?? remove.error} />
      {secret && (
        <div className="card secret" role="status">
          <p>
            The webhook's signing secret, shown <strong>only this once</strong>: store it now to
            check the <code>X-Tradebot-Signature</code> of each delivery.
          </p>
          <p>
            <code className="secret-value">{secret.secret}</code>
          </p>
          <button type="button" onClick={() => setSecret(null)}>
            I have stored it
          </button>
        </div>
      )}
      {channels.data?.length === 0 && <p className="empty">No channels yet.</p>}
      {channels.data && channels.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.data.map((channel) => {
                const target = channel.type === 'webhook' ? channel.url : channel.to;
                return (
                  <tr key={channel.id}>
                    <th scope="row">
                      {channel.type} <span className="target">{target}</span>
                      {channel.secretHint && (
                        <small className="hint"> secret {channel.secretHint}</small>
                      )}
                    </th>
                    <td>
                      {channel.events.length === EVENTS.length ? 'all' : channel.events.join(', ')}
                      {channel.botIds && ` (${channel.botIds.length} bots)`}
                    </td>
                    <td>
                      {channel.enabled ? 'enabled' : `disabled: ${channel.disabledReason ?? 'off'}`}
                      {channel.consecutiveFailures > 0 &&
                        `, ${channel.consecutiveFailures} failed in a row`}
                    </td>
                    <td className="actions">
                      <button type="button" onClick={() => test.mutate(channel.id)}>
                        Send test
                      </button>
                      <button type="button" onClick={() => setShown(channel.id)}>
                        Deliveries
                      </button>
                      <button type="button" onClick={() => toggle.mutate(channel)}>
                        {channel.enabled ? 'Disable' : 'Enable'}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => remove.mutate(channel.id)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {shownChannel && <Deliveries channel={shownChannel} />}
      <NewChannelForm
        onCreated={(created) => {
          if (created.secret) setSecret({ channel: created.id, secret: created.secret });
          return refresh();
        }}
      />
    </section>
  );
}

function Deliveries({ channel }: { channel: Channel }) {
  const deliveries = useQuery({
    queryKey: ['deliveries', channel.id],
    queryFn: () =>
      ok(
        api.GET('/api/notification-channels/{id}/deliveries', {
          params: { path: { id: channel.id }, query: { limit: 50 } },
        }),
      ),
    refetchInterval: POLL_MS,
  });
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">
        Deliveries to {channel.type === 'webhook' ? channel.url : channel.to}
      </h2>
      <ErrorNote error={deliveries.error} />
      {deliveries.data?.length === 0 && <p className="empty">Nothing sent yet.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{dateTime(delivery.createdAt)}</td>
                  <td>
                    {delivery.eventType}
                    {delivery.test && ' (test)'}
                  </td>
                  <td className={`delivery-${delivery.status}`}>{delivery.status}</td>
                  <td>
                    <ol className="attempts">
                      {delivery.attempts.map((attempt) => (
                        <li key={attempt.attempt}>
                          {attempt.status}
                          {attempt.responseCode !== null && ` ${attempt.responseCode}`}
                          {attempt.error && ` – ${attempt.error}`} in {attempt.durationMs} ms,{' '}
                          {dateTime(attempt.time)}
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NewChannelForm({
  onCreated,
}: {
  onCreated: (created: Schemas['CreatedNotificationChannelDto']) => Promise<unknown>;
}) {
  const { register, handleSubmit, setError, reset, watch, formState } = useForm<ChannelValues>({
    defaultValues: { type: 'webhook', url: '', to: '', secret: '', events: [...EVENTS] },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const type = watch('type');

  async function create(values: ChannelValues): Promise<void> {
    setFormError(null);
    const body: Schemas['CreateNotificationChannelDto'] =
      values.type === 'webhook'
        ? {
            type: 'webhook',
            url: values.url.trim(),
            events: values.events,
            ...(values.secret ? { secret: values.secret } : {}),
          }
        : { type: 'email', to: values.to.trim(), events: values.events };
    try {
      const created = await ok(api.POST('/api/notification-channels', { body }));
      reset();
      await onCreated(created);
    } catch (error) {
      setFormError(showApiErrors(error, setError, ['type', 'url', 'to', 'secret', 'events']));
    }
  }

  const errors = formState.errors;
  return (
    <form onSubmit={(event) => void handleSubmit(create)(event)} noValidate className="card">
      <h2>New channel</h2>
      <div className="grid">
        <SelectField
          label="Type"
          options={['webhook', 'email']}
          error={errors.type?.message}
          {...register('type')}
        />
        {type === 'webhook' ? (
          <>
            <InputField
              label="URL"
              type="url"
              placeholder="https://hooks.example.com/tradebot"
              error={errors.url?.message}
              {...register('url')}
            />
            <InputField
              label="Secret"
              type="password"
              autoComplete="off"
              hint="Empty: one is generated and shown once"
              error={errors.secret?.message}
              {...register('secret')}
            />
          </>
        ) : (
          <InputField label="To" type="email" error={errors.to?.message} {...register('to')} />
        )}
      </div>
      <fieldset>
        <legend>Events</legend>
        <div className="checks">
          {EVENTS.map((event) => (
            <label key={event}>
              <input type="checkbox" value={event} {...register('events')} /> {event}
            </label>
          ))}
        </div>
        {errors.events?.message && <small className="field-error">{errors.events.message}</small>}
      </fieldset>
      {formError && (
        <p role="alert" className="error-note">
          {formError}
        </p>
      )}
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        Create channel
      </button>
    </form>
  );
}
