import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { BotFormValues } from '../pages/bot-form-values';
import { InputField } from './fields';

interface WithRiskAndFills {
  risk: BotFormValues['risk'];
  paper: BotFormValues['paper'];
}

/**
 * A backtest's size, exits and paper fill model, as the Backtest and Optimize pages ask for
 * them; registered under the API's names, so its errors land on them.
 */
export function RiskAndFillsFields<T extends WithRiskAndFills>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  // The generic form narrows to the risk and paper parts, which every caller's values have.
  const field = register as unknown as UseFormRegister<WithRiskAndFills>;
  const { risk, paper } = errors as FieldErrors<WithRiskAndFills>;
  return (
    <div className="grid">
      <InputField
        label="Position size"
        inputMode="decimal"
        error={risk?.positionSizeQuote?.message}
        {...field('risk.positionSizeQuote')}
      />
      <InputField
        label="Stop loss %"
        inputMode="decimal"
        hint="Empty: off"
        error={risk?.stopLossPct?.message}
        {...field('risk.stopLossPct')}
      />
      <InputField
        label="Take profit %"
        inputMode="decimal"
        hint="Empty: off"
        error={risk?.takeProfitPct?.message}
        {...field('risk.takeProfitPct')}
      />
      <InputField
        label="Trailing stop %"
        inputMode="decimal"
        hint="Empty: off"
        error={risk?.trailingStopPct?.message}
        {...field('risk.trailingStopPct')}
      />
      <InputField
        label="Initial balance"
        inputMode="decimal"
        error={paper?.initialBalanceQuote?.message}
        {...field('paper.initialBalanceQuote')}
      />
      <InputField
        label="Fee rate"
        inputMode="decimal"
        error={paper?.feeRate?.message}
        {...field('paper.feeRate')}
      />
      <InputField
        label="Slippage (bps)"
        inputMode="decimal"
        error={paper?.slippageBps?.message}
        {...field('paper.slippageBps')}
      />
    </div>
  );
}
