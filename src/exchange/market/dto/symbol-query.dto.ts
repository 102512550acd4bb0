import { ApiProperty } from '@nestjs/swagger';
import { IsSymbol } from '../../../common/market-fields';

/** `?symbol=` of GET /api/market/symbol. */
export class SymbolQueryDto {
  @ApiProperty({ example: 'BTCUSDT', description: 'Binance symbol, upper case' })
  @IsSymbol()
  symbol: string;
}
