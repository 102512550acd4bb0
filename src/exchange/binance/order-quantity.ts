import { floorToStep } from '../../risk/fills';
import { formatMoney, money } from '../../risk/money';

/**
 * The `quantity` parameter of an order: floored to the step size (Binance refuses more
 * precision than the step with -1111) and always in plain notation, never `1e-7`.
 * Undefined when nothing of one step remains.
 */
export function formatOrderQuantity(qty: string, stepSize?: string): string | undefined {
  const floored = floorToStep(money(qty), stepSize);
  return floored.gt(0) ? formatMoney(floored) : undefined;
}
