import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Ip,
  NotFoundException,
  Param,
  Patch,
  Put,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { uuidParam } from '../common/uuid-param.pipe';
import { UsersService } from '../users/users.service';
import { AdminOnly, CurrentUser } from '../common/auth.decorators';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { AccessTokenDto } from './dto/access-token.dto';
import { PasswordChangeDto, PasswordResetDto } from './dto/password-change.dto';
import { ApiThrottledResponse } from './login-throttle/api-throttled-response';

/** Password changes, which end the user's sessions: with the tokens, so in the auth module. */
@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('users')
export class PasswordsController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Patch('me/password')
  @ApiOperation({
    summary: 'Change your password; every token issued before is refused from now on',
  })
  @ApiOkResponse({ type: AccessTokenDto, description: 'A token for the new password' })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'currentPassword is wrong, or newPassword is not 8 to 128 characters',
  })
  @ApiThrottledResponse()
  async change(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: PasswordChangeDto,
    @Ip() clientAddress: string,
  ): Promise<AccessTokenDto> {
    const { currentPassword, newPassword } = body;
    return {
      accessToken: await this.auth.changePassword(
        caller.id,
        currentPassword,
        newPassword,
        clientAddress,
      ),
    };
  }

  @AdminOnly()
  @Put(':id/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: "Set a user's password (admins only); that user's tokens are refused from now on",
  })
  @ApiNoContentResponse({ description: 'Set' })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'id is not a UUID, or newPassword is not 8 to 128 characters',
  })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not an admin' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such user' })
  async reset(@Param('id', uuidParam()) id: string, @Body() body: PasswordResetDto): Promise<void> {
    if (!(await this.users.setPassword(id, body.newPassword))) {
      throw new NotFoundException('no such user');
    }
  }
}
