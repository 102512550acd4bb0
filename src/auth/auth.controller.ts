import { Body, Controller, HttpCode, HttpStatus, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { clearQueueViewCookie } from './queue-view-auth';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { AppConfig } from '../config/app-config';
import { Public } from '../common/auth.decorators';
import { AuthService } from './auth.service';
import { bearerToken } from './jwt-auth.guard';
import { AccessTokenDto } from './dto/access-token.dto';
import { LoginDto } from './dto/login.dto';
import { ApiThrottledResponse } from './login-throttle/api-throttled-response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @ApiOperation({ summary: 'Exchange email and password for a JWT' })
  @ApiCreatedResponse({ type: AccessTokenDto, description: 'A new access token' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Body is not {email, password}' })
  @ApiUnauthorizedResponse({
    type: ApiErrorDto,
    description: 'Wrong email or password (the same answer for both)',
  })
  @ApiThrottledResponse()
  async login(@Body() body: LoginDto, @Ip() clientAddress: string): Promise<AccessTokenDto> {
    return { accessToken: await this.auth.login(body.email, body.password, clientAddress) };
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Sign out: revoke the presented token and clear the queue view's cookie",
  })
  @ApiNoContentResponse({
    description:
      'The token is refused from now on (and the queue view token opened with it); ' +
      "the user's other sessions go on",
  })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    // The guard has checked this very token.
    await this.auth.logout(bearerToken(request.headers.authorization)!);
    clearQueueViewCookie(this.config, request, response);
  }
}
