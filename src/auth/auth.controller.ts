import { Body, Controller, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../common/errors/api-error';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { AccessTokenDto } from './dto/access-token.dto';
import { LoginDto } from './dto/login.dto';
import { ApiThrottledResponse } from './login-throttle/api-throttled-response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
}
