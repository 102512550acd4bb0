import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { RetryLaterError } from '../kernel/errors/retry-later.error';

interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  /** Bytes, on entity.too.large. */
  limit?: number;
}

const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'request body is not valid JSON',
  'entity.too.large': 'request body is too large',
  'encoding.unsupported': 'request body encoding is not supported',
  'charset.unsupported': 'request body charset is not supported',
};

/**
 * Every error leaves as the ApiErrorDto shape. Expected errors keep their status and text;
 * anything else is logged with its stack and answered with a generic 500 and the
 * correlation id, so no internals (or secrets inside them) reach the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    this.reply(exception, context.getRequest<Request>(), context.getResponse<Response>());
  }

  /** Also answers what reaches no Nest handler at all (not-found.ts). */
  reply(exception: unknown, request: Request, response: Response): void {
    const correlationId = request.correlationId ?? randomUUID();
    const { statusCode, message, errors } = this.describe(exception, correlationId, request);
    if (response.headersSent) return;
    if (exception instanceof RetryLaterError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(statusCode).json({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(errors ? { errors } : {}),
      correlationId,
    });
  }

  private describe(
    exception: unknown,
    correlationId: string,
    request: Request,
  ): { statusCode: number; message: string; errors?: unknown[] } {
    // Nest wraps body-parser failures in an HttpException; describe them by their cause.
    const parserError = exception instanceof HttpException ? exception.cause : exception;
    if (isBodyParserError(parserError)) {
      const reason = parserReason(parserError);
      return {
        statusCode: parserError.status,
        message: reason,
        errors: [{ field: 'body', reason }],
      };
    }
    // Express's router fails to percent-decode a path before any route runs.
    if (exception instanceof HttpException && exception.cause instanceof URIError) {
      const reason = 'is not valid percent-encoding';
      return {
        statusCode: 400,
        message: `the path ${reason}`,
        errors: [{ field: 'path', reason }],
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'string') return { statusCode, message: body };
      const { message, errors } = body as { message?: unknown; errors?: unknown[] };
      return {
        statusCode,
        message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        errors,
      };
    }
    this.logger.error(
      `unhandled error on ${request.method} ${request.path} [${correlationId}]`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      statusCode: 500,
      message: 'Unexpected error; quote the correlationId when reporting it',
    };
  }
}

function parserReason({ type, limit }: BodyParserError): string {
  // Routes differ in their limit (docs/api.md, Limits), so say which one applied.
  if (type === 'entity.too.large' && typeof limit === 'number') {
    return `request body is larger than ${+(limit / 2 ** 20).toFixed(2)} MB`;
  }
  return PARSER_MESSAGES[type] ?? 'request body could not be read';
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number' &&
    (error as BodyParserError).status >= 400 &&
    (error as BodyParserError).status < 500
  );
}
