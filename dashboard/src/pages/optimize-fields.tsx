import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { InputField, SelectField } from '../ui/fields';
import type { ParamValue } from '../ui/strategy-param-values';
import { type BotFormValues, type Interval } from './bot-form-values';
import type { SearchValues } from './optimize-form-values';
import { CandleRangeFields } from '../ui/candle-range-fields';

/** The Optimize form: the search, and the backtest it runs at each point. */
export interface OptimizeValues extends SearchValues {
  strategy: string;
  /** The params not searched: the backtest's fixed ones. */
  strategyParams: Record<string, ParamValue>;
  source: 'file' | 'simulated' | 'exchange';
  symbol: string;
  interval: Interval;
  /** Simulated: empty draws a new series. */
  seed: string;
  startTime: string;
  endTime: string;
  candles: FileList | null;
  risk: BotFormValues['risk'];
  paper: { initialBalanceQuote: string; feeRate: string; slippageBps: string };
}

export function WalkForwardFields({
  register,
  values,
}: {
  register: UseFormRegister<OptimizeValues>;
  values: SearchValues['walkForward'];
}) {
  return (
    <div className="grid">
      <SelectField
        label="Windows"
        options={['rolling', 'anchored']}
        {...register('walkForward.mode')}
      />
      <SelectField
        label="Split by"
        options={[
          { value: 'folds', label: 'folds and train %' },
          { value: 'candles', label: 'train and test candles' },
        ]}
        {...register('walkForward.split')}
      />
      {values.split === 'folds' ? (
        <>
          <InputField label="Folds" inputMode="numeric" {...register('walkForward.folds')} />
          <InputField label="Train %" inputMode="decimal" {...register('walkForward.trainPct')} />
        </>
      ) : (
        <>
          <InputField
            label="Train candles"
            inputMode="numeric"
            {...register('walkForward.trainCandles')}
          />
          <InputField
            label="Test candles"
            inputMode="numeric"
            {...register('walkForward.testCandles')}
          />
        </>
      )}
    </div>
  );
}

export function CandlesFields({
  register,
  source,
  errors,
}: {
  register: UseFormRegister<OptimizeValues>;
  source: OptimizeValues['source'];
  errors: FieldErrors<OptimizeValues>;
}) {
  return (
    <fieldset>
      <legend>Candles</legend>
      <div className="checks" role="radiogroup" aria-label="Source of the candles">
        <label>
          <input type="radio" value="file" {...register('source')} /> a CSV file of Binance klines
        </label>
        <label>
          <input type="radio" value="simulated" {...register('source')} /> a simulated series (works
          offline)
        </label>
        <label>
          <input type="radio" value="exchange" {...register('source')} /> the exchange (needs
          Binance)
        </label>
      </div>
      {source === 'file' ? (
        <InputField
          label="Kline CSV"
          type="file"
          accept=".csv,text/csv"
          hint="openTime, open, high, low, close, volume, closeTime per row, oldest first"
          error={errors.candles?.message}
          {...register('candles')}
        />
      ) : (
        <CandleRangeFields register={register} errors={errors} simulated={source === 'simulated'} />
      )}
    </fieldset>
  );
}
