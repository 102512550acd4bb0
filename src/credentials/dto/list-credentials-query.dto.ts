import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListCredentialsQueryDto {
  @ApiPropertyOptional({
    description: "Admins only: everyone's credentials instead of your own (403 otherwise)",
    default: false,
  })
  @IsOptional()
  // Query strings are text; anything but true/false stays a string and fails IsBoolean.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  all?: boolean;
}
