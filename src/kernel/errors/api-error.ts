import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'risk.positionSizeQuote' })
  field: string;

  @ApiProperty({ example: 'must be a positive decimal string' })
  reason: string;
}

/** The one error body every route returns, documented once for the OpenAPI spec. */
export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'risk.positionSizeQuote must be a positive decimal string' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiProperty({ description: 'Also sent as the X-Request-Id header; quote it in bug reports' })
  correlationId: string;
}
