import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
import { uuidParam } from '../common/uuid-param.pipe';
import { CredentialsService } from './credentials.service';
import { CreateCredentialDto } from './dto/create-credential.dto';
import { CredentialDto } from './dto/credential.dto';
import { ListCredentialsQueryDto } from './dto/list-credentials-query.dto';

/** Path ids are checked here so a malformed one is a 400 naming `id`, not a database error. */
@ApiTags('credentials')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @ApiOperation({
    summary: 'Store a Binance API key pair',
    description:
      'Key and secret are encrypted (AES-256-GCM) before they are stored and are never ' +
      'returned again; responses carry only apiKeyHint. A rejected value is not echoed.',
  })
  @ApiCreatedResponse({ type: CredentialDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid field (named, not echoed)' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateCredentialDto,
  ): Promise<CredentialDto> {
    return CredentialDto.from(await this.credentials.create(user, body));
  }

  @Get()
  @ApiOperation({ summary: "Your credentials (admins: everyone's with all=true)" })
  @ApiOkResponse({ type: [CredentialDto] })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'all is not true or false' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'all=true from a non-admin' })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListCredentialsQueryDto,
  ): Promise<CredentialDto[]> {
    const credentials = await this.credentials.list(user, query.all);
    return credentials.map((credential) => CredentialDto.from(credential));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete one of your credentials',
    description:
      'Refused with 409 while any bot references the credential, live or paper (a paper ' +
      'bot may hold one to be switched to live later): delete those bots first.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'id is not a UUID' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such credential of yours' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'A bot still uses the credential' })
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.credentials.delete(user, id);
  }
}
