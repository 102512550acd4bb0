import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { NestedObject } from '../../common/nested-object';
import { CreateBotDto } from './create-bot.dto';
import { UpdateRiskDto } from './risk.dto';

/**
 * Any subset of a bot's config. Symbol, interval and mode change only while it is stopped,
 * symbol and mode only while it holds no position and has no order in flight; a new mode
 * starts the paper balances over. New strategyParams are merged over the current ones (all
 * replaced when the strategy changes).
 * A field left out keeps its value; `null` clears only what may be empty (credentialId).
 */
export class UpdateBotDto extends PartialType(OmitType(CreateBotDto, ['risk'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ type: UpdateRiskDto })
  @NestedObject(() => UpdateRiskDto, { optional: true })
  risk?: UpdateRiskDto;
}
