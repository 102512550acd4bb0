import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { Strategy } from '../api/types';
import { InputField } from './fields';

/** The part of JSON Schema (2020-12) that strategies use for their numeric params. */
interface ParamSchema {
  type: 'integer' | 'number';
  description?: string;
  default?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export function paramSchemas(strategy: Strategy | undefined): [string, ParamSchema][] {
  const properties = (strategy?.paramsSchema.properties ?? {}) as Record<string, ParamSchema>;
  return Object.entries(properties);
}

function bounds(param: ParamSchema): string {
  const parts = [
    param.minimum !== undefined ? `≥ ${param.minimum}` : '',
    param.exclusiveMinimum !== undefined ? `> ${param.exclusiveMinimum}` : '',
    param.maximum !== undefined ? `≤ ${param.maximum}` : '',
    param.exclusiveMaximum !== undefined ? `< ${param.exclusiveMaximum}` : '',
    param.default !== undefined ? `default ${param.default}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

interface WithParams {
  strategyParams: Record<string, number>;
}

/**
 * One number field per param of the strategy's JSON Schema (GET /api/strategies), so a new
 * strategy needs no dashboard change. Registered as `strategyParams.<name>`, the field the
 * API names in its errors.
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
        {paramSchemas(strategy).map(([name, param]) => (
          <InputField
            key={`${strategy?.key}.${name}`}
            label={name}
            type="number"
            step={param.type === 'integer' ? 1 : 'any'}
            hint={[param.description, bounds(param)].filter(Boolean).join(' ')}
            error={paramErrors?.[name]?.message}
            {...registerParam(`strategyParams.${name}`, { valueAsNumber: true })}
          />
        ))}
      </div>
    </fieldset>
  );
}
