import { readFileSync } from 'node:fs';
import { parseKlineCsv, candleRows } from '../../dashboard/src/pages/backtest-csv';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import { EmaRsiStrategy } from '../strategies/ema-rsi/ema-rsi.strategy';
import { RiskRules } from '../risk/risk-rules';
import { BacktestJob } from './backtest-job';
import { EXAMPLE_CSV, exampleCsv } from './example-csv';

describe('the example CSV', () => {
  const committed = readFileSync(EXAMPLE_CSV.path, 'utf8');

  it('is what the seeded simulator makes (npm run examples:generate)', () => {
    expect(committed).toBe(exampleCsv());
  });

  it('runs as a backtest, read as the dashboard reads an uploaded file', async () => {
    const candles = candleRows(parseKlineCsv(committed));
    expect(candles).toHaveLength(EXAMPLE_CSV.count);
    const job = new BacktestJob(
      new StrategyRegistryService([new EmaRsiStrategy()]),
      new RiskRules(),
    );
    const body = { strategy: 'ema-rsi', risk: { positionSizeQuote: '100' }, candles };
    const outcome = await job.run({
      kind: 'body',
      body: new TextEncoder().encode(JSON.stringify(body)),
    });
    if (outcome.kind !== 'report') throw new Error(JSON.stringify(outcome));
    const report = JSON.parse(Buffer.concat(outcome.json).toString('utf8'));
    expect(report.equity).toHaveLength(EXAMPLE_CSV.count);
  });
});
