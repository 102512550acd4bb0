import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ok } from '../api/client';
import { useStrategies } from '../api/queries';
import type { Strategy } from '../api/types';
import { Link, navigate } from '../router';
import { ErrorNote, InputField, SelectField } from '../ui/fields';
import { showApiErrors } from '../ui/form-errors';
import { ProtectionsFields } from '../ui/protections-fields';
import { SignalPassphrase } from '../ui/signal-passphrase';
import { StrategyParamsFields } from '../ui/strategy-params';
import { defaultParams, paramSchemas } from '../ui/strategy-param-values';
import { prefilledValues } from './bot-form-prefill';
import {
  botNameError,
  botValues,
  type BotFormValues,
  createBody,
  INTERVALS,
  newBotValues,
  OPTIONAL_RISK,
  RISK_FIELDS,
  updateBody,
} from './bot-form-values';

/** New bot (no id) or edit bot. */
export function BotFormPage({ id }: { id?: string }) {
  const strategies = useStrategies();
  const bot = useQuery({
    queryKey: ['bot', id],
    queryFn: () => ok(api.GET('/api/bots/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
  const error = strategies.error ?? bot.error;
  if (error) return <ErrorNote error={error} />;
  if (!strategies.data || (id && !bot.data)) return <p aria-busy="true">Loading…</p>;
  const initial = bot.data
    ? botValues(bot.data)
    : (prefilledValues(window.location.search, strategies.data) ??
      newBotValues(strategies.data[0]));
  const running = bot.data !== undefined && !['stopped', 'error'].includes(bot.data.status);
  return <BotForm id={id} initial={initial} strategies={strategies.data} running={running} />;
}

function BotForm({
  id,
  initial,
  strategies,
  running,
}: {
  id?: string;
  initial: BotFormValues;
  strategies: Strategy[];
  /** The API keeps symbol, interval and mode while the bot runs. */
  running: boolean;
}) {
  const fixed = running ? 'Stop the bot to change this' : undefined;
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, setValue, watch, formState } = useForm<BotFormValues>({
    defaultValues: initial,
  });
  const { errors, isSubmitting } = formState;
  const [formError, setFormError] = useState<string | null>(null);
  // An external-signal bot's passphrase, which its create response alone carries.
  const [created, setCreated] = useState<{ id: string; name: string; passphrase: string }>();
  const mode = watch('mode');
  const strategyKey = watch('strategy');
  const strategy = strategies.find((candidate) => candidate.key === strategyKey);
  const credentials = useQuery({
    queryKey: ['credentials'],
    queryFn: () => ok(api.GET('/api/credentials')),
    enabled: mode === 'live',
  });

  // Another strategy has other params: start from its defaults.
  const shownStrategy = useRef(strategyKey);
  useEffect(() => {
    if (shownStrategy.current === strategyKey) return;
    shownStrategy.current = strategyKey;
    setValue('strategyParams', defaultParams(strategy));
  }, [strategyKey, strategy, setValue]);

  const fields = [
    'name',
    'symbol',
    'interval',
    'mode',
    'credentialId',
    'strategy',
    ...paramSchemas(strategy).map(([name]) => `strategyParams.${name}`),
    'risk.positionSizeQuote',
    ...RISK_FIELDS,
    'paper.initialBalanceQuote',
    'paper.feeRate',
    'paper.slippageBps',
  ];

  async function save(values: BotFormValues): Promise<void> {
    setFormError(null);
    try {
      const saved = id
        ? await ok(
            api.PATCH('/api/bots/{id}', {
              params: { path: { id } },
              // Disabled fields come back empty from the form: they keep their values.
              body: updateBody(initial, {
                ...values,
                ...(running
                  ? { symbol: initial.symbol, interval: initial.interval, mode: initial.mode }
                  : {}),
              }),
            }),
          )
        : await ok(api.POST('/api/bots', { body: createBody(values) }));
      // The bot page's cache keeps the bot, not its passphrase.
      const { signalPassphrase, ...bot } = saved;
      queryClient.setQueryData(['bot', bot.id], bot);
      await queryClient.invalidateQueries({ queryKey: ['bots'] });
      if (!signalPassphrase) return navigate(`/bots/${bot.id}`);
      setCreated({ id: bot.id, name: bot.name, passphrase: signalPassphrase });
    } catch (error) {
      setFormError(showApiErrors(error, setError, fields));
    }
  }

  if (created) {
    return (
      <section>
        <h1>{created.name} created</h1>
        <SignalPassphrase botId={created.id} passphrase={created.passphrase}>
          <Link to={`/bots/${created.id}`} className="button primary">
            I have stored it: go to the bot
          </Link>
        </SignalPassphrase>
      </section>
    );
  }

  return (
    <section>
      <h1>{id ? `Edit ${initial.name}` : 'New bot'}</h1>
      <form onSubmit={(event) => void handleSubmit(save)(event)} noValidate className="bot-form">
        <fieldset>
          <legend>Bot</legend>
          <div className="grid">
            <InputField
              label="Name"
              error={errors.name?.message}
              {...register('name', { validate: (name) => botNameError(name) ?? true })}
            />
            <InputField
              label="Symbol"
              hint={fixed ?? 'A Binance Spot pair, e.g. BTCUSDT'}
              disabled={running}
              autoCapitalize="characters"
              error={errors.symbol?.message}
              {...register('symbol')}
            />
            <SelectField
              label="Interval"
              hint={fixed ?? 'The bot decides once per closed candle'}
              disabled={running}
              options={INTERVALS}
              error={errors.interval?.message}
              {...register('interval')}
            />
            <SelectField
              label="Mode"
              hint={fixed}
              disabled={running}
              options={[
                { value: 'paper', label: 'paper (virtual money)' },
                { value: 'live', label: 'live (real orders)' },
              ]}
              error={errors.mode?.message}
              {...register('mode')}
            />
            {mode === 'live' && (
              <SelectField
                label="Credential"
                hint={
                  credentials.data?.length === 0 ? (
                    <>
                      None yet: <Link to="/credentials">add one</Link>
                    </>
                  ) : undefined
                }
                options={[
                  { value: '', label: '—' },
                  ...(credentials.data ?? []).map((credential) => ({
                    value: credential.id,
                    label: `${credential.label} (${credential.apiKeyHint})`,
                  })),
                ]}
                error={errors.credentialId?.message}
                {...register('credentialId')}
              />
            )}
            <SelectField
              label="Strategy"
              options={strategies.map((candidate) => candidate.key)}
              error={errors.strategy?.message}
              {...register('strategy')}
            />
          </div>
        </fieldset>
        <StrategyParamsFields strategy={strategy} register={register} errors={errors} />
        <fieldset>
          <legend>Risk</legend>
          <div className="grid">
            <InputField
              label="Position size"
              hint="Quote spent per entry, e.g. 100 (USDT)"
              inputMode="decimal"
              error={errors.risk?.positionSizeQuote?.message}
              {...register('risk.positionSizeQuote')}
            />
            {riskField('Stop loss %', 'stopLossPct')}
            {riskField('Take profit %', 'takeProfitPct')}
            {riskField('Trailing stop %', 'trailingStopPct')}
            {riskField('Entries per day', 'maxDailyTrades')}
            {riskField('Daily loss limit', 'dailyLossLimitQuote')}
            {riskField('Daily profit target', 'dailyProfitTargetQuote')}
          </div>
          <ProtectionsFields register={register} errors={errors} />
        </fieldset>
        {mode === 'paper' && (
          <fieldset>
            <legend>Paper trading</legend>
            <div className="grid">
              <InputField
                label="Initial balance"
                hint="Virtual quote at creation"
                inputMode="decimal"
                error={errors.paper?.initialBalanceQuote?.message}
                {...register('paper.initialBalanceQuote')}
              />
              <InputField
                label="Fee rate"
                hint="Per fill, as a fraction: 0.001 is 0.1 %"
                inputMode="decimal"
                error={errors.paper?.feeRate?.message}
                {...register('paper.feeRate')}
              />
              <InputField
                label="Slippage (bps)"
                inputMode="decimal"
                error={errors.paper?.slippageBps?.message}
                {...register('paper.slippageBps')}
              />
            </div>
          </fieldset>
        )}
        {formError && (
          <p role="alert" className="error-note">
            {formError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {id ? 'Save' : 'Create bot'}
          </button>
          <Link to={id ? `/bots/${id}` : '/'} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );

  // A function, not a component: a component defined here would remount on every render.
  function riskField(label: string, name: (typeof OPTIONAL_RISK)[number]) {
    return (
      <InputField
        key={name}
        label={label}
        hint="Empty: off"
        inputMode="decimal"
        error={errors.risk?.[name]?.message}
        {...register(`risk.${name}`)}
      />
    );
  }
}
