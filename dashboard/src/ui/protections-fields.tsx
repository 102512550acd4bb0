import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { BotFormValues } from '../pages/bot-form-values';
import { InputField } from './fields';

interface WithRisk {
  risk: BotFormValues['risk'];
}

/**
 * The optional protections of the risk params (docs/trading-rules.md): a cooldown after a
 * stop loss, a stop-loss guard and a drawdown pause. Every field empty is off; registered
 * under the API's names, so its errors land on them.
 */
export function ProtectionsFields<T extends WithRisk>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  // The generic form narrows to the risk part, which every caller's values have.
  const registerRisk = register as unknown as UseFormRegister<WithRisk>;
  const risk = (errors as FieldErrors<WithRisk>).risk;
  const guard = risk?.stopLossGuard;
  return (
    <fieldset className="protections">
      <legend>Protections (optional)</legend>
      <p className="hint">They pause entries only; exits always run. Counted in candles.</p>
      <div className="grid">
        <InputField
          label="Cooldown (candles)"
          hint="No entry for this many candles after a stop loss. Empty: off"
          inputMode="numeric"
          error={risk?.cooldownCandles?.message}
          {...registerRisk('risk.cooldownCandles')}
        />
        <InputField
          label="Max drawdown %"
          hint="Pause entries when equity falls this far below its peak. Empty: off"
          inputMode="decimal"
          error={risk?.maxDrawdownPct?.message}
          {...registerRisk('risk.maxDrawdownPct')}
        />
        <InputField
          label="Resume after (candles)"
          hint="How long a drawdown pause lasts. Empty: until 00:00 UTC"
          inputMode="numeric"
          error={risk?.resumeAfterCandles?.message}
          {...registerRisk('risk.resumeAfterCandles')}
        />
      </div>
      {/* The guard's three fields on a row of their own: they are set together. */}
      <div className="grid">
        <InputField
          label="Guard: stop losses"
          hint="Stop-loss guard: after this many stop losses… Empty: off"
          inputMode="numeric"
          error={guard?.count?.message ?? guard?.message}
          {...registerRisk('risk.stopLossGuard.count')}
        />
        <InputField
          label="Guard: within (candles)"
          hint="…within this many candles…"
          inputMode="numeric"
          error={guard?.windowCandles?.message}
          {...registerRisk('risk.stopLossGuard.windowCandles')}
        />
        <InputField
          label="Guard: pause (candles)"
          hint="…no entry for this many candles"
          inputMode="numeric"
          error={guard?.pauseCandles?.message}
          {...registerRisk('risk.stopLossGuard.pauseCandles')}
        />
      </div>
    </fieldset>
  );
}
