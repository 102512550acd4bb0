import { Body, Controller, Get, Post, UnauthorizedException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../common/auth.decorators';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { ApiErrorDto } from '../kernel/errors/api-error';
import { CreateUserDto } from './dto/create-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, invalid or expired token' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @AdminOnly()
  @Post()
  @ApiOperation({ summary: 'Create a user (admins only)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid email or password' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not an admin' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Email already taken (any case)' })
  async create(@Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(body));
  }

  @AdminOnly()
  @Get()
  @ApiOperation({ summary: 'List every user (admins only)' })
  @ApiOkResponse({ type: [UserDto] })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller is not an admin' })
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map((user) => UserDto.from(user));
  }

  @Get('me')
  @ApiOperation({ summary: 'The calling user' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<UserDto> {
    const user = await this.users.findById(caller.id);
    // The guard has just loaded this user; only a concurrent delete can get here.
    if (!user) throw new UnauthorizedException('invalid or expired token');
    return UserDto.from(user);
  }
}
