import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { INTERVALS, type Interval } from '../pages/bot-form-values';
import { InputField, SelectField } from './fields';

interface WithRange {
  symbol: string;
  interval: Interval;
  startTime: string;
  endTime: string;
  seed: string;
}

/**
 * A symbol's candles over a time range, from the exchange or simulated (with its seed), as
 * the Backtest and Optimize pages ask for them.
 */
export function CandleRangeFields<T extends WithRange>({
  register,
  errors,
  simulated,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  simulated: boolean;
}) {
  // The generic form narrows to the range's fields, which every caller's values have.
  const field = register as unknown as UseFormRegister<WithRange>;
  const error = errors as FieldErrors<WithRange>;
  return (
    <div className="grid">
      <InputField label="Symbol" error={error.symbol?.message} {...field('symbol')} />
      <SelectField
        label="Interval"
        options={INTERVALS}
        error={error.interval?.message}
        {...field('interval')}
      />
      <InputField
        label="From"
        type="datetime-local"
        error={error.startTime?.message}
        {...field('startTime')}
      />
      <InputField
        label="To"
        type="datetime-local"
        error={error.endTime?.message}
        {...field('endTime')}
      />
      {simulated && (
        <InputField
          label="Seed"
          inputMode="numeric"
          hint="Empty: a new series each run"
          error={error.seed?.message}
          {...field('seed')}
        />
      )}
    </div>
  );
}
