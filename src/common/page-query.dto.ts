import { ApiProperty } from '@nestjs/swagger';
import { IntegerField } from './integer-field';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
/** Far past any list here; PostgreSQL's bigint OFFSET refused 1e20 with a 500. */
export const MAX_PAGE_OFFSET = 1_000_000_000;

/** `?limit=&offset=` of every paged list (bots, trades, deliveries). */
export class PageQueryDto {
  @IntegerField({
    description: 'Items per page',
    min: 1,
    max: MAX_PAGE_LIMIT,
    default: DEFAULT_PAGE_LIMIT,
    optional: true,
  })
  limit: number = DEFAULT_PAGE_LIMIT;

  @IntegerField({
    description: 'Items to skip',
    min: 0,
    max: MAX_PAGE_OFFSET,
    default: 0,
    optional: true,
  })
  offset: number = 0;
}

/** What a page says about itself; each list's page adds its typed `items`. */
export class PageInfoDto {
  @ApiProperty({ description: 'Items in the whole list' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
