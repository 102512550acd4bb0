import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Optional } from '../../common/optional';
import { PageQueryDto } from '../../common/page-query.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this user did' })
  @Optional()
  @IsUUID('all', { message: 'must be a UUID' })
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what was done to this bot' })
  @Optional()
  @IsUUID('all', { message: 'must be a UUID' })
  botId?: string;
}
