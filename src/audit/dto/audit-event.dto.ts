import { ApiProperty } from '@nestjs/swagger';
import { PageInfoDto } from '../../common/page-query.dto';
import { AuditAction, AuditTargetType } from '../../kernel/audit.enums';
import type { AuditEvent } from '../../database/entities/audit-event.entity';

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid', description: 'Who acted: the owner, or an admin' })
  userId: string;
  @ApiProperty({ enum: AuditAction, enumName: 'AuditAction' }) action: AuditAction;
  @ApiProperty({ enum: AuditTargetType, enumName: 'AuditTargetType' })
  targetType: AuditTargetType;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'What changed, by action: a bot edit names each field with its old and new value; ' +
      'a credential or a channel names what it holds, never a secret',
    example: { changes: { name: { from: 'trend follower', to: 'swing' } } },
  })
  details: Record<string, unknown>;

  static from(event: AuditEvent): AuditEventDto {
    const { id, at, userId, action, targetType, targetId, details } = event;
    return { id, at, userId, action, targetType, targetId, details };
  }
}

export class AuditPageDto extends PageInfoDto {
  @ApiProperty({ type: [AuditEventDto], description: 'Newest first' }) items: AuditEventDto[];
}
