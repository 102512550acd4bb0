import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { Strategy } from '../api/types';
import { CheckboxField, InputField, SelectField } from './fields';
import { paramHint, paramInput, paramSchemas, type ParamValue } from './strategy-param-values';

interface WithParams {
  strategyParams: Record<string, ParamValue>;
}

/**
 * One field per param of the strategy's JSON Schema (GET /api/strategies): a number input,
 * a checkbox or a select, so a new strategy needs no dashboard change. Registered as
 * `strategyParams.<name>`, the field the API names in its errors.
 */
export function StrategyParamsFields<T extends WithParams>({
  strategy,
  register,
  errors,
}: {
  strategy: Strategy | undefined;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  // The generic form narrows to the params part, which every caller's values have.
  const registerParam = register as unknown as UseFormRegister<WithParams>;
  const paramErrors = (errors as FieldErrors<WithParams>).strategyParams;
  return (
    <fieldset>
      <legend>Strategy params</legend>
      {strategy && <p className="hint">{strategy.description}</p>}
      <div className="grid">
        {paramSchemas(strategy).map(([name, param]) => {
          const input = paramInput(param);
          const key = `${strategy?.key}.${name}`;
          const common = {
            label: name,
            hint: paramHint(param),
            error: paramErrors?.[name]?.message,
          };
          const field = `strategyParams.${name}` as const;
          if (input.kind === 'checkbox') {
            return <CheckboxField key={key} {...common} {...registerParam(field)} />;
          }
          if (input.kind === 'select') {
            return (
              <SelectField
                key={key}
                {...common}
                options={input.options}
                {...registerParam(field)}
              />
            );
          }
          return (
            <InputField
              key={key}
              {...common}
              type="number"
              step={input.step}
              min={input.min}
              max={input.max}
              {...registerParam(field, { valueAsNumber: true })}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
