import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { InternalError, MethodNotAllowedError, PathNotFoundError, StatusError, BadRequestError, StatusError as KubeStatusError } from '@app/api-machinery';
import { sendStatus } from './send-status.js';

/**
 * The one place errors become HTTP: StatusErrors as they are; Nest's own HTTP exceptions
 * (unknown routes, etc.) as the matching Status; anything else is a bug, logged, and answered
 * as a 500 InternalError Status (never a crash, never an HTML page).
 */
@Catch()
export class StatusExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<{ method: string; originalUrl: string }>();
    sendStatus(res, this.toStatusError(exception, req));
  }

  private toStatusError(exception: unknown, req: { method: string; originalUrl: string }): StatusError {
    if (exception instanceof KubeStatusError) return exception;
    if (exception instanceof HttpException) {
      const code = exception.getStatus();
      if (code === 404) return new PathNotFoundError();
      if (code === 405) return new MethodNotAllowedError(req.method, req.originalUrl);
      if (code < 500) return new StatusError(code, code === 400 ? 'BadRequest' : 'Unknown', exception.message);
      return new StatusError(code, 'InternalError', exception.message);
    }
    if (exception instanceof SyntaxError) return new BadRequestError(exception.message);
    this.logger.error(`${req.method} ${req.originalUrl} failed: ${(exception as Error)?.stack ?? String(exception)}`);
    return new InternalError((exception as Error)?.message ?? 'unknown error');
  }
}
