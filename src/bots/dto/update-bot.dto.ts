import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { CreateBotDto } from './create-bot.dto';
import { UpdateRiskDto } from './risk.dto';

/**
 * Any subset of a bot's config. Symbol, interval and mode change only while it is stopped;
 * new strategyParams are merged over the current ones (all replaced when the strategy changes).
 */
export class UpdateBotDto extends PartialType(OmitType(CreateBotDto, ['risk'] as const)) {
  @ApiPropertyOptional({ type: UpdateRiskDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateRiskDto)
  risk?: UpdateRiskDto;
}
