import { DecimalField } from '../../common/decimal-field';

/** The paper exchange's fill model (trading-rules.md: defaults 10000, 0.001, 5). */
export class PaperDto {
  @DecimalField({
    description: 'Virtual quote balance at creation',
    example: '10000',
    min: '0',
    optional: true,
  })
  initialBalanceQuote?: string;

  @DecimalField({
    description: 'Fee per fill as a fraction of its value',
    example: '0.001',
    min: '0',
    minInclusive: true,
    max: '0.1',
    optional: true,
  })
  feeRate?: string;

  @DecimalField({
    description: 'Slippage in basis points',
    example: '5',
    min: '0',
    minInclusive: true,
    max: '1000',
    maxInclusive: true,
    optional: true,
  })
  slippageBps?: string;
}
