import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth.decorators';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { PageQueryDto } from '../common/page-query.dto';
import { RateLimitPerUser } from '../user-rate-limit/rate-limit-per-user.guard';
import { LimitedAction } from '../user-rate-limit/user-rate-limiter.service';
import { uuidParam } from '../common/uuid-param.pipe';
import { DeliveryLogService } from './delivery-log.service';
import { CreateNotificationChannelDto } from './dto/create-notification-channel.dto';
import { DeliveryDto } from './dto/delivery.dto';
import { EVENT_DTOS } from './dto/event-payload.dto';
import {
  CreatedNotificationChannelDto,
  NotificationChannelDto,
} from './dto/notification-channel.dto';
import { TestNotificationDto } from './dto/test-notification.dto';
import { UpdateNotificationChannelDto } from './dto/update-notification-channel.dto';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationTestService } from './notification-test.service';

const NOT_YOURS = { type: ApiErrorDto, description: 'No such channel of yours' };

@ApiTags('notifications')
@ApiBearerAuth()
@ApiExtraModels(...Object.values(EVENT_DTOS))
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('notification-channels')
export class NotificationChannelsController {
  constructor(
    private readonly channels: NotificationChannelsService,
    private readonly deliveryLog: DeliveryLogService,
    private readonly tests: NotificationTestService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Add an email or webhook channel for your bots’ events',
    description:
      'Webhook secrets are stored encrypted. A generated secret is returned once, in this ' +
      'response; afterwards only secretHint. Email needs SMTP_URL on the server (400 otherwise).',
  })
  @ApiCreatedResponse({ type: CreatedNotificationChannelDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description:
      'Invalid field (named, not echoed), unknown bot, email without SMTP_URL, or a ' +
      'webhook to a private address',
  })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateNotificationChannelDto,
  ): Promise<CreatedNotificationChannelDto> {
    const { channel, generatedSecret } = await this.channels.create(user, body);
    return {
      ...NotificationChannelDto.from(channel),
      ...(generatedSecret && { secret: generatedSecret }),
    };
  }

  @Get()
  @ApiOperation({ summary: 'Your notification channels' })
  @ApiOkResponse({ type: [NotificationChannelDto] })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown query parameter' })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<NotificationChannelDto[]> {
    const channels = await this.channels.list(user);
    return channels.map((channel) => NotificationChannelDto.from(channel));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your channels' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NotificationChannelDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'id is not a UUID' })
  @ApiNotFoundResponse(NOT_YOURS)
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<NotificationChannelDto> {
    return NotificationChannelDto.from(await this.channels.get(user, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a channel’s target, secret or filters, or switch it off and on',
    description: 'enabled: true re-enables a channel disabled after failures and resets its count.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NotificationChannelDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Invalid field, one of another type, or a webhook to a private address',
  })
  @ApiNotFoundResponse(NOT_YOURS)
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateNotificationChannelDto,
  ): Promise<NotificationChannelDto> {
    return NotificationChannelDto.from(await this.channels.update(user, id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a channel and its delivery log' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted; queued deliveries to it are dropped' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'id is not a UUID' })
  @ApiNotFoundResponse(NOT_YOURS)
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.channels.delete(user, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a test event to this channel',
    description:
      'A bot.started event with test: true and a placeholder bot (id all zeros), queued ' +
      'like any other (retries included) whatever the filters, even to a disabled channel.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: TestNotificationDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'id is not a UUID' })
  @ApiNotFoundResponse(NOT_YOURS)
  @RateLimitPerUser(
    LimitedAction.NotificationTest,
    'The caller has sent NOTIFICATION_TESTS_PER_MINUTE tests this minute (to any of their ' +
      'channels): retry after the Retry-After seconds',
  )
  async test(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<TestNotificationDto> {
    return this.tests.send(await this.channels.get(user, id));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'The channel’s delivery log: each event sent, with every attempt',
    description: 'Newest first. payload is exactly the JSON that was sent (see the event schemas).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [DeliveryDto] })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'id is not a UUID, or a bad limit or offset',
  })
  @ApiNotFoundResponse(NOT_YOURS)
  async deliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<DeliveryDto[]> {
    const channel = await this.channels.get(user, id);
    const deliveries = await this.deliveryLog.list(channel.id, query);
    return deliveries.map((delivery) => DeliveryDto.from(delivery));
  }
}
