import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';

export class ListBotsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: "Admins only: every user's bots (403 otherwise)",
    default: false,
  })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  all: boolean = false;
}
